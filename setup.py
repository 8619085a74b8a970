"""Packaging for docassemble.StalkingRemedies.

docassemble finds a package's interviews and templates at
`docassemble/StalkingRemedies/data/questions/` and `.../data/templates/`. The project keeps
them at the top level (`interviews/`, `templates/`) as its design card asks; the two `data/`
folders are symlinks to them, so the source tree, an editable install and the wheel all
resolve `docassemble.StalkingRemedies:data/questions/stalking_remedies.yml` the same way.
`tests/test_wheel.py` checks the wheel really holds the files.
"""

from pathlib import Path

from setuptools import find_namespace_packages, setup

HERE = Path(__file__).parent

setup(
    name="docassemble.StalkingRemedies",
    version="0.1.0",
    description="Protective orders against stalking in England and Wales: a docassemble interview.",
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="MIT",
    python_requires=">=3.10",
    packages=find_namespace_packages(include=["docassemble.*"]),
    package_data={
        "docassemble.StalkingRemedies": [
            "data/questions/*.yml",
            "data/templates/*.docx",
            "data/templates/*.csv",
            "data/templates/*.xlsx",
            "data/static/*",
            "data/sources/*",
        ]
    },
    # Kept light and loose: a docassemble server pins these exactly, and ours must install
    # beside its pins. docassemble.base itself is not required: servers already have it.
    install_requires=[
        "docxtpl>=0.16",
        "pypdf>=4.0",
        "openpyxl>=3.0",
        "PyYAML>=6.0",
    ],
    extras_require={"test": ["pytest>=7", "hypothesis>=6", "build>=1.0"]},
    entry_points={"console_scripts": ["stalking-remedies=docassemble.StalkingRemedies.cli:main"]},
    zip_safe=False,
)
