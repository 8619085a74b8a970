# pre-load
"""Registers this package's Jinja filters when docassemble loads the package.

The first line `# pre-load` makes a docassemble server import this module at start-up (it
pre-loads only modules marked so, or that define a class), so the filter exists before any
template is rendered; without it every page fails with "No filter named 'docx_text'". Kept separate from docx_text.py so that module stays free of docassemble imports.
"""

from docassemble.StalkingRemedies.docx_text import register_docx_filters

register_docx_filters()
