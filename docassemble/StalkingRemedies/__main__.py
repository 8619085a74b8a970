"""Allows `python -m docassemble.StalkingRemedies ...`, the same as `stalking-remedies ...`."""

import sys

from docassemble.StalkingRemedies.cli import main

sys.exit(main())
