"""`python -m docassemble.StalkingRemedies assess FACTS.json`, run for real in a subprocess.

Good input prints one JSON object and exits 0; each class of bad input exits 2 with exactly one
stderr line that starts `stalking-remedies: ` and names the key path (or the file).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from contract_example import CONTRACT_EXAMPLE

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "docassemble.StalkingRemedies", "assess", *args],
        cwd=ROOT, env=env, input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=60,
    )


def write(tmp_path: Path, content: Any, name: str = "facts.json") -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return str(path)


def test_contract_example_prints_the_assessment(tmp_path):
    result = run(write(tmp_path, CONTRACT_EXAMPLE))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = json.loads(result.stdout)
    assert list(out)[:5] == ["in_scope", "emergency", "routes", "recommended", "signposts"]
    assert out["in_scope"] is True and out["emergency"] is False
    nmo = out["routes"]["non_molestation_order"]
    pha = out["routes"]["harassment_injunction"]
    assert set(nmo) >= {"available", "reasons", "citations"} and set(pha) >= {"available", "reasons", "citations"}
    assert nmo["available"] == "yes"
    assert nmo["citations"][:2] == ["FLA 1996 s.62(3)(e)", "FLA 1996 s.42(4)"]
    assert "FLA 1996 s.62(3)(ea)" in nmo["citations"]
    assert pha["available"] == "yes" and pha["citations"][0] == "PHA 1997 s.7(3)"
    assert out["recommended"] == "non_molestation_order"
    assert out["signposts"][:2] == ["police", "national_stalking_helpline"]
    assert out["as_of"] == "2026-11-24"


def test_output_is_one_json_object_in_utf8(tmp_path):
    result = run(write(tmp_path, {"as_of": "2026-11-24", "lives_in": "wales",
                                  "incidents": [{"date": "2026-10-01"}, {"date": "2026-10-02"}]}))
    assert result.returncode == 0
    decoder = json.JSONDecoder()
    obj, end = decoder.raw_decode(result.stdout)
    assert result.stdout[end:].strip() == ""
    assert "£313" in json.dumps(obj, ensure_ascii=False)


def test_out_of_scope(tmp_path):
    out = json.loads(run(write(tmp_path, {"lives_in": "scotland", "immediate_danger": True})).stdout)
    assert out["in_scope"] is False and out["recommended"] is None
    assert out["signposts"][:2] == ["emergency_999", "scotland"]


def test_unknown_keys_are_accepted(tmp_path):
    result = run(write(tmp_path, {**CONTRACT_EXAMPLE, "clinic_reference": "ABC-1"}))
    assert result.returncode == 0, result.stderr


def test_standard_input(tmp_path):
    result = run("-", stdin=json.dumps(CONTRACT_EXAMPLE))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["recommended"] == "non_molestation_order"


BAD_FACTS = [
    # (label, facts, text the one stderr line must contain)
    ("missing lives_in", {"incidents": []}, "lives_in: required"),
    ("unknown enum", {"lives_in": "england", "relationships": [{"type": "spouse"}, {"type": "boyfriend"}]},
     'relationships[1].type: expected one of spouse'),
    ("bool as string", {"lives_in": "england", "immediate_danger": "yes"}, "immediate_danger: expected true or false"),
    ("age as string", {"lives_in": "england", "applicant_age": "34"}, "applicant_age: expected a whole number"),
    ("bad date", {"lives_in": "england", "incidents": [{"date": "1 Oct 2026"}]},
     "incidents[0].date: expected a date as YYYY-MM-DD"),
    ("missing incident date", {"lives_in": "england", "incidents": [{}]}, "incidents[0].date: required"),
    ("relative without relation", {"lives_in": "england", "relationships": [{"type": "relative"}]},
     "relationships[0].relation: required"),
    ("not an object", [1, 2], "facts: expected a JSON object"),
]


@pytest.mark.parametrize(("label", "facts", "needle"), BAD_FACTS, ids=[b[0] for b in BAD_FACTS])
def test_bad_facts_exit_2_with_one_line(tmp_path, label, facts, needle):
    result = run(write(tmp_path, facts))
    assert result.returncode == 2, label
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("stalking-remedies: ")
    assert needle in lines[0]


@pytest.mark.parametrize(
    ("label", "content", "needle"),
    [
        ("invalid JSON", "{\"lives_in\": \"england\",}", "expected valid JSON"),
        ("empty file", "", "expected valid JSON"),
        ("not UTF-8", b"\xff\xfe\x00{", "expected a UTF-8 text file"),
    ],
)
def test_unreadable_content_exits_2_naming_the_file(tmp_path, label, content, needle):
    path = write(tmp_path, content)
    result = run(path)
    assert result.returncode == 2, label
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"stalking-remedies: {path}: ")
    assert needle in lines[0]


def test_missing_file_exits_2_naming_the_file(tmp_path):
    path = str(tmp_path / "nowhere.json")
    result = run(path)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"stalking-remedies: {path}: cannot read the facts file")


def test_a_directory_exits_2(tmp_path):
    result = run(str(tmp_path))
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1


def test_runs_without_importing_the_docassemble_engine(tmp_path):
    """The command needs only PyYAML: nothing of docassemble.base or .webapp gets imported."""
    path = write(tmp_path, CONTRACT_EXAMPLE)
    code = (
        "import sys, io, contextlib\n"
        "from docassemble.StalkingRemedies.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    rc = main(['assess', {path!r}])\n"
        "engine = sorted(m for m in sys.modules if m.startswith(('docassemble.base', 'docassemble.webapp')))\n"
        "print(rc, engine)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.stdout.strip() == "0 []", result.stderr
