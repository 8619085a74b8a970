"""`stalking-remedies assess FACTS.json`: the decision engine for scripts and clinics.

Why a module of its own: the command is a contract (docs/assess-contract.md). It prints ONE
JSON object, the assessment, on stdout and exits 0; on bad input it exits 2 and prints ONE line
on stderr, `stalking-remedies: <key path or file>: <what was expected>`, so a script can report
the problem without parsing a traceback. It needs only PyYAML (for the law table): nothing here
imports docassemble's engine.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from docassemble.StalkingRemedies.facts import FactsError, parse_facts
from docassemble.StalkingRemedies.remedies import assess

__all__ = ["run_assess", "EXIT_OK", "EXIT_BAD_INPUT"]

EXIT_OK = 0
EXIT_BAD_INPUT = 2
_PREFIX = "stalking-remedies: "


def _fail(message: str) -> int:
    """Print one line on stderr and return the bad-input exit status."""
    print(_PREFIX + " ".join(message.split()), file=sys.stderr)
    return EXIT_BAD_INPUT


def _read(path: str) -> str:
    """Read the facts file as UTF-8 text; `-` reads standard input (handy in pipelines)."""
    if path == "-":
        return sys.stdin.read()
    return Path(path).read_text(encoding="utf-8")


def _write_json(document: object) -> None:
    """Write JSON as UTF-8 whatever the terminal's encoding: JSON text is UTF-8 (RFC 8259)."""
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a replaced stdout (e.g. under a test runner) takes str
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def run_assess(path: str) -> int:
    """Assess the facts in the JSON file at `path` and print the assessment as JSON.

    Returns:
        0 when the assessment was printed; 2 when the file could not be read, was not JSON,
        or did not fit the contract (one line on stderr says which key and what was expected).
    """
    try:
        text = _read(path)
    except OSError as error:
        return _fail(f"{path}: cannot read the facts file ({error.strerror or error})")
    except UnicodeDecodeError:
        return _fail(f"{path}: expected a UTF-8 text file of JSON")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        return _fail(f"{path}: expected valid JSON ({error.msg} at {where})")
    try:
        facts = parse_facts(data)
    except FactsError as error:
        return _fail(str(error))
    _write_json(assess(facts).to_dict())
    return EXIT_OK
