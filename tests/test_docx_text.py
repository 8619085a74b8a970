"""Escaping a person's words for a DOCX: nothing lost, nothing able to break the file."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docxtpl import DocxTemplate

from docassemble.StalkingRemedies.docx_text import docx_escape

HOSTILE = [
    "He said <I'll find you> & laughed",
    "R&D; &amp; &lt;b&gt;",
    "</w:t></w:r><w:r><w:t>injected",
    'She wrote "you\'re mine" 😡',
    "Gwelais i ŵr ŷd â'r car",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_into_a_valid_docx_unchanged(tmp_path, text):
    template = Document()
    template.add_paragraph("{{ words }}")
    source = tmp_path / "t.docx"
    template.save(source)
    doc = DocxTemplate(str(source))
    doc.render({"words": docx_escape(text)})
    out = io.BytesIO()
    doc.save(out)
    out.seek(0)
    assert zipfile.is_zipfile(out)
    out.seek(0)
    assert [p.text for p in Document(out).paragraphs] == [text]


def test_line_breaks_become_word_line_breaks():
    assert docx_escape("one\ntwo") == 'one</w:t><w:br/><w:t xml:space="preserve">two'
    assert docx_escape("one\r\ntwo") == docx_escape("one\ntwo")


def test_none_and_control_characters():
    assert docx_escape(None) == ""
    assert docx_escape("a\x00b\x07c") == "abc"
