"""The `stalking-remedies` command: a thin dispatcher over one module per subcommand.

Each subcommand lives in its own module so the decision (`assess`) and the log tools
(`log check`) can be changed and tested apart. Nothing here imports docassemble's engine:
the command must run with the package's own install requirements only.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

__all__ = ["main", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    """Describe every subcommand and its arguments."""
    parser = argparse.ArgumentParser(
        prog="stalking-remedies",
        description="Protective orders against stalking in England and Wales.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    assess = commands.add_parser(
        "assess", help="Decide which protective orders are open, from a facts JSON file."
    )
    assess.add_argument("facts_file", metavar="FACTS.json", help="the facts, as in docs/assess-contract.md")

    log = commands.add_parser("log", help="Work with an incident log spreadsheet.")
    log_commands = log.add_subparsers(dest="log_command", metavar="LOG_COMMAND")
    log_commands.required = True
    check = log_commands.add_parser(
        "check", help="Show what would be imported from a CSV or XLSX log, and every problem."
    )
    check.add_argument("log_file", metavar="FILE", help="a .csv or .xlsx incident log")
    check.add_argument("--json", action="store_true", help="print JSON instead of text")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand and return its exit status (0 ok, 2 bad input)."""
    args = build_parser().parse_args(argv)
    if args.command == "assess":
        from docassemble.StalkingRemedies.assess_command import run_assess

        return run_assess(args.facts_file)
    if args.command == "log" and args.log_command == "check":
        from docassemble.StalkingRemedies.log_command import run_log_check

        return run_log_check(args.log_file, as_json=args.json)
    print(f"stalking-remedies: unknown command {args.command!r}", file=sys.stderr)
    return 2
