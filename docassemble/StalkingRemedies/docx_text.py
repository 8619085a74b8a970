"""Safe insertion of a person's own words into a DOCX template.

Why: docassemble escapes `{{ }}` values itself, but with two gaps that a real narrative can
hit: text that looks like an XML entity (`R&D;`, `&amp;`) is left raw, which corrupts the
document or changes the words, and text containing `</w:t>` is passed through unescaped.
Every string a person typed goes through `docx_escape` first (in templates: the `docx_text`
Jinja filter). After it, docassemble's own filter sees only well-formed entities and leaves
them alone. Line breaks the person typed become real line breaks in Word.
"""

from __future__ import annotations

__all__ = ["docx_escape", "register_docx_filters"]

_LINE_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'


def docx_escape(text: object) -> str:
    """Escape `&`, `<`, `>` and turn line breaks into Word line breaks. None gives ""."""
    if text is None:
        return ""
    value = str(text).replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # Characters XML 1.0 forbids (most control characters) cannot be in a DOCX at all.
    value = "".join(ch for ch in value if ch in "\n\t" or ord(ch) >= 0x20)
    return value.replace("\n", _LINE_BREAK)


def register_docx_filters() -> None:
    """Register `docx_text` with docassemble's Jinja environment (a server or the runner)."""
    from docassemble.base.util import register_jinja_filter

    try:
        register_jinja_filter("docx_text", docx_escape)
    except Exception:  # noqa: BLE001 - registered already in this process: nothing to do
        pass
