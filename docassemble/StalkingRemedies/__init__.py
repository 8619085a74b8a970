"""docassemble.StalkingRemedies: protective orders against stalking in England and Wales.

The pure modules (remedies, law, incidents, ...) import nothing from docassemble, so the
command line and most tests run without the engine.
"""

__version__ = "0.1.0"
