"""Turns signpost ids from the law table into Markdown for interview screens.

Kept apart from the decision (remedies.py) because wording for a screen is a different job
from deciding; both read the same table, so a phone number is written once.
"""

from __future__ import annotations

__all__ = ["signposts_markdown", "signposts_markdown_for_scope"]


def signposts_markdown(ids: list[str]) -> str:
    """Markdown: one short section per signpost id, in the order given."""
    from docassemble.StalkingRemedies.law import signpost

    sections = []
    for signpost_id in ids:
        item = signpost(signpost_id)
        lines = [f"**{item.title}**", "", item.description]
        if item.phone:
            lines += ["", f"Phone: {item.phone}"]
        if item.url:
            lines += ["", f"Website: {item.url}"]
        sections.append("\n".join(lines))
    return "\n\n".join(sections)


def signposts_markdown_for_scope(lives_in: str) -> str:
    """Markdown of the help open to someone who lives outside England and Wales."""
    ids = {
        "scotland": ["scotland"],
        "northern_ireland": ["northern_ireland"],
    }.get(lives_in, ["outside_uk"])
    return signposts_markdown(ids)
