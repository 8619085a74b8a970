"""The built wheel holds the interviews, templates and data where docassemble looks."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = "docassemble/StalkingRemedies"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(REPO)],
        check=True, capture_output=True, text=True,
    )
    (path,) = out.glob("docassemble_stalkingremedies-*.whl")
    return zipfile.ZipFile(path)


def test_every_interview_yaml_is_in_data_questions(wheel):
    names = set(wheel.namelist())
    for source in sorted((REPO / "interviews").glob("*.yml")):
        packed = f"{PACKAGE}/data/questions/{source.name}"
        assert packed in names, f"{source.name} missing from the wheel"
        assert wheel.read(packed) == source.read_bytes()


def test_every_template_is_in_data_templates(wheel):
    names = set(wheel.namelist())
    templates = sorted(p for p in (REPO / "templates").iterdir() if p.suffix in (".docx", ".csv", ".xlsx"))
    assert any(p.name == "situation_summary.docx" for p in templates)
    for source in templates:
        assert f"{PACKAGE}/data/templates/{source.name}" in names, source.name


def test_static_files_and_law_table_are_packed(wheel):
    names = set(wheel.namelist())
    assert f"{PACKAGE}/data/static/quick_exit.js" in names
    assert f"{PACKAGE}/data/static/quick_exit.css" in names
    assert f"{PACKAGE}/data/sources/law.yml" in names


def test_namespace_package_has_no_init(wheel):
    # docassemble is a PEP 420 namespace: an __init__.py here would hide docassemble.base.
    assert "docassemble/__init__.py" not in wheel.namelist()
    assert f"{PACKAGE}/runner.py" in wheel.namelist()


def test_console_script_is_declared(wheel):
    entry_points = next(n for n in wheel.namelist() if n.endswith("entry_points.txt"))
    text = wheel.read(entry_points).decode()
    assert "stalking-remedies = docassemble.StalkingRemedies.cli:main" in text
