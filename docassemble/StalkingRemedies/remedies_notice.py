"""Asking the court to act before the respondent is told ("without notice", FLA 1996 s.45).

Why its own module: the reasons for going without notice must be written into the witness
statement (FPR 10.2(4)), so this turns the three s.45(2) questions into first-person sentences
the statement can use as they stand, plus notes that tell the person what it means for them.
For a harassment injunction the same facts support the request, and CPR 25.9(3) adds duties
(a return date and undertakings to serve), so the notes and citations follow the route we
recommend.
"""

from __future__ import annotations

from docassemble.StalkingRemedies.facts import Facts
from docassemble.StalkingRemedies.law import LawTable
from docassemble.StalkingRemedies.remedies_model import (
    HARASSMENT_INJUNCTION,
    WithoutNotice,
)

__all__ = ["assess_without_notice"]

# One statement sentence per s.45(2) factor: (facts attribute, provision id, sentence).
_FACTORS = (
    (
        "risk_of_significant_harm",
        "fla_s45_2_a",
        "I believe that if the order is not made straight away, there is a real risk that the "
        "respondent will cause me significant harm.",
    ),
    (
        "deterred_or_prevented",
        "fla_s45_2_b",
        "If the respondent learns of this application before an order is made, I fear that I "
        "will be scared off or stopped from going ahead with it.",
    ),
    (
        "evading_service",
        "fla_s45_2_c",
        "The respondent knows about these proceedings but is deliberately avoiding being "
        "given the papers. The delay this causes would put me at serious disadvantage.",
    ),
)

_OPENING = "I ask the court to make this order now, before the respondent is told about it."


def assess_without_notice(facts: Facts, law: LawTable, recommended: str | None) -> WithoutNotice:
    """Build the without-notice reasons for the statement, or a hint when none were given.

    Args:
        facts: the facts; `facts.without_notice` holds the three s.45(2) answers.
        law: the law table (citations).
        recommended: the route being drafted; decides which rules the notes describe.
    """
    answers = facts.without_notice
    if not answers.requested:
        notes: tuple[str, ...] = ()
        if facts.immediate_danger and recommended is not None:
            notes = (
                "You told us you are in danger now. You can ask the court to make the order "
                "straight away, before the other person is told. This is called applying "
                "\"without notice\". Tell us why, and we will add your reasons to your statement.",
            )
        return WithoutNotice(requested=False, notes=notes)
    if recommended is None:
        return WithoutNotice(
            requested=True,
            notes=(
                "On what you told us, neither order is open yet, so there is no application to "
                "make without notice.",
            ),
        )
    chosen = [(pid, sentence) for attr, pid, sentence in _FACTORS if getattr(answers, attr)]
    reasons = (_OPENING, *(sentence for _, sentence in chosen))
    notes = [
        "In your statement, give the facts behind each reason, such as what they did or said "
        "most recently. The court must see why it cannot wait.",
    ]
    if recommended == HARASSMENT_INJUNCTION:
        notes.append(
            "For a harassment injunction made without notice, you will usually have to promise "
            "to send them the papers and a note of the hearing. The court will set a date for "
            "another hearing (the \"return date\") where they can answer. You will also usually "
            "have to promise to pay for any loss the order causes them if it turns out it "
            "should not have been made."
        )
        return WithoutNotice(True, reasons, tuple(notes), (law.cite("cpr_25_9_3"),))
    notes += [
        "If the court makes the order, the other person will get a full hearing soon "
        "afterwards, where they can answer.",
        "The order protects you from the moment they know about it. Breaking it is only a "
        "crime once they know it exists, so it must be given to them quickly.",
    ]
    cites = (
        law.cite("fla_s45_1"),
        *(law.cite(pid) for pid, _ in chosen),
        law.cite("fla_s45_3"),
        law.cite("fla_s42a_2"),
        law.cite("fpr_10_2_4"),
    )
    return WithoutNotice(True, reasons, tuple(notes), cites)
