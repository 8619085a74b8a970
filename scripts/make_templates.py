"""Build the DOCX templates in templates/ from code, so that a change reads as a diff.

Run `.venv/bin/python scripts/make_templates.py` after editing; commit the DOCX it writes.
Each template is one function. Text is ours, in plain English; Jinja tags are docxtpl's.
Layout follows what courts expect: A4, generous margins, numbered pages, a 12-point font.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def new_a4_document(margin_cm: float = 2.5) -> Document:
    """An empty A4 document in Arial 12 with page numbers in the footer, metadata blank."""
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(margin_cm))
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(12)
    add_page_number_footer(document)
    # No author, no company: a template must not carry anyone's name into a filed document.
    props = document.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    return document


def add_page_number_footer(document: Document) -> None:
    """Put "Page N of M" in the footer, as live Word fields that LibreOffice also fills."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    _add_field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    _add_field(paragraph, "NUMPAGES")


def _add_field(paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("end", None)):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def build_situation_summary() -> Document:
    """`situation_summary.docx`: the short "your situation so far" summary (issue 2)."""
    document = new_a4_document()
    document.add_heading("Your situation so far", level=1)
    document.add_paragraph("Made on {{ summary.made_on }}.")
    document.add_paragraph(
        "This is a summary of what you told the Protection from stalking tool. "
        "It is not legal advice and it is not a court document."
    )
    document.add_heading("Your safety", level=2)
    document.add_paragraph("{{ summary.safety_sentence }}")
    document.add_paragraph(
        "If you are ever in danger, call 999. If you cannot speak, call 999 from a mobile "
        "and press 55 when asked."
    )
    document.add_heading("Where you live", level=2)
    document.add_paragraph("{{ summary.where_sentence }}")
    # The decision, once made: what we suggested and why, the choice, then each route with
    # its reasons and the provisions relied on. Absent (no paragraphs at all) before it.
    document.add_paragraph("{%p if summary.routes %}")
    document.add_heading("Which court orders are open to you", level=2)
    document.add_paragraph("{{ summary.decision_opening | docx_text }}")
    document.add_paragraph("{%p for line in summary.decision_points %}")
    document.add_paragraph("{{ line | docx_text }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p for route in summary.routes %}")
    document.add_heading("{{ route.title | docx_text }}: {{ route.status | docx_text }}", level=3)
    document.add_paragraph("{%p for reason in route.reasons %}")
    document.add_paragraph("{{ reason | docx_text }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p if route.citations %}")
    document.add_paragraph("The law: {{ route.citations | docx_text }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endif %}")
    document.add_heading("What can help", level=2)
    document.add_paragraph("{%p for line in summary.next_steps %}")
    document.add_paragraph("{{ line }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    return document


BUILDERS = {
    "situation_summary.docx": build_situation_summary,
}


def main() -> None:
    """Write every template in BUILDERS into templates/."""
    TEMPLATES.mkdir(exist_ok=True)
    for filename, builder in BUILDERS.items():
        builder().save(TEMPLATES / filename)
        print(f"wrote templates/{filename}")


if __name__ == "__main__":
    main()
