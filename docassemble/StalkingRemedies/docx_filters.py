"""Registers this package's Jinja filters when docassemble loads the package.

A docassemble server imports every module of an installed package at start-up, and the
interview lists this module under `modules:`, so the filters exist before any template is
rendered. Kept separate from docx_text.py so that module stays free of docassemble imports.
"""

from docassemble.StalkingRemedies.docx_text import register_docx_filters

register_docx_filters()
