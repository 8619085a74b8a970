"""Evidence items, exhibit marks and the bundle warning (evidence.py). Fictional names only."""

from __future__ import annotations

import pytest

from docassemble.StalkingRemedies.evidence import (
    FAMILY_BUNDLE_RULE,
    NOT_EMBEDDED_NOTE,
    EvidenceItem,
    EvidenceKind,
    assign_exhibit_marks,
    exhibit_mark,
    family_bundle_warning,
    initials_from_name,
    kind_from_file_name,
    marks_by_incident,
    next_exhibit_number,
)


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("Jane Smith", "JS"),
        ("jane smith", "JS"),
        ("Jane Anne Smith", "JAS"),
        ("Mary-Jane Smith-Jones", "MJSJ"),
        ("Siân ap Dafydd", "SD"),
        ("Lowri ferch Ifan", "LI"),
        ("Ŵyn Llwyd", "ŴL"),
        ("Dr Jane O'Brien", "JO"),
        ("Mrs. Alex Example-Person", "AEP"),
        ("Madonna", "M"),
        ("  Sam   Sample  Jr ", "SS"),
        ("Ludwig van Example", "LE"),
        ("Van Morrison", "VM"),
        ("Élodie Ångström", "ÉÅ"),
        ("Mr", "M"),  # a lone title is taken as the name rather than refused
    ],
)
def test_initials_from_name(name: str, initials: str) -> None:
    assert initials_from_name(name) == initials


@pytest.mark.parametrize("name", ["", "   ", "123 -"])
def test_initials_need_a_letter(name: str) -> None:
    with pytest.raises(ValueError, match="at least one letter"):
        initials_from_name(name)


def test_exhibit_mark_and_numbering_continue_across_statements() -> None:
    assert exhibit_mark("JS", 1) == "JS1"
    with pytest.raises(ValueError):
        exhibit_mark("JS", 0)
    assert next_exhibit_number([], "JS") == 1
    assert next_exhibit_number(["JS1", "JS2", "js7", "AB9", "JS 3"], "JS") == 8


@pytest.mark.parametrize(
    ("file_name", "kind"),
    [
        ("Screenshot_20260203-211500.png", EvidenceKind.SCREENSHOT),
        ("Screenshot 2026-02-03 at 21.15.00.jpeg", EvidenceKind.SCREENSHOT),
        ("IMG_0042.HEIC", EvidenceKind.PHOTO),
        ("photo.jpg", EvidenceKind.PHOTO),
        ("chart.png", EvidenceKind.SCREENSHOT),
        ("letter.pdf", EvidenceKind.PDF_DOCUMENT),
        ("voicemail.m4a", EvidenceKind.AUDIO),
        ("doorbell.MP4", EvidenceKind.VIDEO),
        ("notes.docx", EvidenceKind.OTHER),
        ("no_extension", EvidenceKind.OTHER),
    ],
)
def test_kind_from_file_name(file_name: str, kind: EvidenceKind) -> None:
    assert kind_from_file_name(file_name) == kind


def test_evidence_item_plain_data_round_trip() -> None:
    item = EvidenceItem.from_dict({"file_name": "voicemail.m4a", "description": "Voicemail",
                                   "incident_ids": ["i1", "i2", "i1"], "include_in_bundle": False})
    assert item.kind == EvidenceKind.AUDIO
    assert item.incident_ids == ("i1", "i2")
    assert EvidenceItem.from_dict(item.to_dict()) == item
    assert item.to_dict()["kind"] == "audio"


def test_assign_marks_flags_audio_and_video_as_not_embedded() -> None:
    items = [
        EvidenceItem("text.png", EvidenceKind.SCREENSHOT, incident_ids=("i1",)),
        EvidenceItem("voicemail.m4a", EvidenceKind.AUDIO, incident_ids=("i1", "i2")),
        EvidenceItem("doorbell.mp4", EvidenceKind.VIDEO, incident_ids=("i2",)),
        EvidenceItem("letter.pdf", EvidenceKind.PDF_DOCUMENT),
    ]
    exhibits = assign_exhibit_marks(items, initials_from_name("Jane Smith"), start=5)
    assert [exhibit.mark for exhibit in exhibits] == ["JS5", "JS6", "JS7", "JS8"]
    assert [exhibit.embedded for exhibit in exhibits] == [True, False, False, True]
    assert exhibits[1].handling_note.startswith(f"{NOT_EMBEDDED_NOTE}: the bundle lists this audio recording")
    assert exhibits[2].handling_note.startswith(f"{NOT_EMBEDDED_NOTE}: the bundle lists this video")
    assert exhibits[0].handling_note == ""
    assert marks_by_incident(reversed(exhibits)) == {"i1": ["JS5", "JS6"], "i2": ["JS6", "JS7"]}


def test_family_bundle_warning() -> None:
    assert family_bundle_warning([]) is None
    assert family_bundle_warning([EvidenceItem("a.png", EvidenceKind.SCREENSHOT, include_in_bundle=False)]) is None
    warning = family_bundle_warning([
        EvidenceItem("text.png", EvidenceKind.SCREENSHOT),
        EvidenceItem("car.jpg", EvidenceKind.PHOTO),
        EvidenceItem("letter.pdf", EvidenceKind.PDF_DOCUMENT),
    ])
    assert warning is not None
    assert warning.startswith("Family court bundles should not include correspondence")
    assert "You have chosen to include: text.png, car.jpg." in warning
    assert "Practice Direction 27A" in warning
    only_pdf = family_bundle_warning([EvidenceItem("letter.pdf", EvidenceKind.PDF_DOCUMENT)])
    assert only_pdf is not None and "You have chosen" not in only_pdf


def test_bundle_rule_is_marked_unverified_with_its_source() -> None:
    assert FAMILY_BUNDLE_RULE.verified is False
    assert "27A" in FAMILY_BUNDLE_RULE.source
    assert FAMILY_BUNDLE_RULE.excluded_kinds == {EvidenceKind.SCREENSHOT, EvidenceKind.PHOTO}
