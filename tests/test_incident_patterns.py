"""The pattern summary (incident_patterns.py). Fictional incidents only."""

from __future__ import annotations

from datetime import date, timedelta

from docassemble.StalkingRemedies.incident_dates import DatePrecision
from docassemble.StalkingRemedies.incident_patterns import STALKING_BEHAVIOURS, summarise_patterns
from docassemble.StalkingRemedies.incidents import How, Incident


def texts_every(days: int, count: int, start: date = date(2026, 1, 1), prefix: str = "t") -> list[Incident]:
    return [
        Incident(id=f"{prefix}{n}", date=start + timedelta(days=n * days), how=(How.TEXT_MESSAGE,),
                 what_happened="A text.")
        for n in range(count)
    ]


def test_empty_log() -> None:
    summary = summarise_patterns([])
    assert summary.total == 0 and summary.first_date is None
    assert summary.period_sentence == "The log has no incidents yet."
    assert summary.course_of_conduct is False
    assert summary.escalation.escalating is False
    assert summary.by_month == {} and summary.behaviours == ()


def test_period_counts_by_kind_and_month() -> None:
    log = [
        Incident(id="a", date=date(2026, 3, 14), how=(How.FOLLOWING, How.IN_PERSON)),
        Incident(id="b", date=date(2026, 1, 5), date_precision=DatePrecision.APPROXIMATE, how=(How.PHONE_CALL,)),
        Incident(id="c", date=date(2026, 1, 1), date_precision=DatePrecision.MONTH, how=(How.PHONE_CALL,)),
        Incident(id="d", unparsed_date="the week after", what_happened="?"),
    ]
    summary = summarise_patterns(log)
    assert (summary.total, summary.dated, summary.undated) == (4, 3, 1)
    assert (summary.first_date, summary.last_date) == (date(2026, 1, 1), date(2026, 3, 14))
    assert summary.period_sentence == "The log covers January 2026 to 14 March 2026: 4 incidents, 1 without a date."
    assert summary.by_kind == {"In person": 1, "Phone call": 2, "Following": 1, "Not recorded": 1}
    assert summary.by_month == {"2026-01": 2, "2026-02": 0, "2026-03": 1}
    assert summary.month_labels["2026-02"] == "February 2026"
    assert "Incidents by kind: in person 1, phone call 2, following 1, not recorded 1." in summary.sentences()


def test_steady_log_is_not_escalating() -> None:
    summary = summarise_patterns(texts_every(7, 12))
    assert summary.escalation.escalating is False
    assert summary.escalation.reasons == ()
    assert "does not show a clear increase" in summary.escalation.sentence


def test_frequency_rule_fires_when_recent_weeks_are_much_busier() -> None:
    earlier = texts_every(14, 5)  # 1 Jan .. 26 Feb: about 2 every 4 weeks
    burst = texts_every(2, 6, start=date(2026, 4, 1), prefix="b")  # 6 in 11 days
    summary = summarise_patterns(earlier + burst)
    assert summary.escalation.escalating is True
    [reason] = summary.escalation.reasons
    assert reason.startswith("In the 4 weeks up to 11 April 2026 there were 6 incidents, against an average of")


def test_frequency_rule_needs_enough_history() -> None:
    summary = summarise_patterns(texts_every(1, 5))
    assert summary.escalation.escalating is False


def test_new_severe_kind_later_in_the_log_is_escalation() -> None:
    log = texts_every(7, 4) + [
        Incident(id="f", date=date(2026, 2, 5), how=(How.FOLLOWING,), what_happened="He followed me to the bus."),
    ]
    summary = summarise_patterns(log)
    assert summary.escalation.escalating is True
    assert summary.escalation.reasons == (
        "Following first appears on 5 February 2026, after 4 earlier incidents without it.",)


def test_threatening_words_later_in_the_log_is_escalation() -> None:
    log = texts_every(7, 4) + [
        Incident(id="x", date=date(2026, 2, 1), how=(How.TEXT_MESSAGE,), words_said="Watch your back."),
    ]
    summary = summarise_patterns(log)
    assert summary.escalation.reasons == (
        "Threatening words first appear on 1 February 2026, after 4 earlier incidents without them.",)


def test_severe_kind_from_the_start_is_not_new() -> None:
    log = [Incident(id="f0", date=date(2026, 1, 1), how=(How.FOLLOWING,))] + texts_every(7, 4, date(2026, 1, 2)) + [
        Incident(id="f1", date=date(2026, 2, 20), how=(How.FOLLOWING,))]
    assert summarise_patterns(log).escalation.escalating is False


def test_too_few_dated_incidents() -> None:
    summary = summarise_patterns(texts_every(7, 2) + [Incident(id="u", what_happened="undated")])
    assert summary.escalation.sentence == "There are too few dated incidents to say whether things are getting worse."


def test_stalking_behaviours_by_kind_and_by_words() -> None:
    log = [
        Incident(id="k1", date=date(2026, 1, 2), how=(How.FOLLOWING,)),
        Incident(id="k2", date=date(2026, 1, 3), how=(How.WAITING_OUTSIDE,), what_happened="He sat outside in his car."),
        Incident(id="w1", date=date(2026, 1, 4), how=(How.SOCIAL_MEDIA,),
                 what_happened="He set up a fake profile and posted about me."),
        Incident(id="w2", date=date(2026, 1, 5), what_happened="I saw him watching the house through binoculars."),
        Incident(id="d1", date=date(2026, 1, 6), how=(How.DAMAGE_TO_PROPERTY,)),
        Incident(id="m1", date=date(2026, 1, 7), what_happened="My phone had a GPS tracker hidden in the case."),
    ]
    findings = {finding.letter: finding for finding in summarise_patterns(log).behaviours}
    assert set(findings) == {"a", "b", "c", "d", "e", "f", "g"}
    assert findings["a"].by_kind == ("k1",)
    assert findings["b"].by_kind == ("w1",)
    assert findings["c"].by_kind == () and findings["c"].by_words == ("w1",)
    assert findings["d"].by_words == ("m1",)
    assert findings["e"].by_kind == ("k2",)
    assert findings["f"].by_kind == ("d1",)
    assert findings["g"].by_words == ("w2",)
    assert findings["g"].sentence == (
        "Stalking behaviour (g), watching or spying on you: 1 incident whose words suggest it (please check).")
    assert findings["a"].sentence == "Stalking behaviour (a), following you: 1 incident marked that way."


def test_behaviour_table_covers_s2a3_a_to_g() -> None:
    assert [behaviour.letter for behaviour in STALKING_BEHAVIOURS] == list("abcdefg")


def test_course_of_conduct_needs_two_occasions() -> None:
    one = summarise_patterns([Incident(id="1", date=date(2026, 1, 1))])
    assert one.course_of_conduct is False
    assert "at least two occasions (section 7(3))" in one.course_of_conduct_sentence
    assert "non-molestation order does not need more than one" in one.course_of_conduct_sentence
    two = summarise_patterns([Incident(id="1", date=date(2026, 1, 1)), Incident(id="2", what_happened="undated")])
    assert two.course_of_conduct is True
    assert two.course_of_conduct_sentence.startswith("The log records 2 incidents.")


def test_summary_is_plain_data() -> None:
    data = summarise_patterns(texts_every(7, 3)).to_dict()
    assert data["first_date"] == "2026-01-01" and data["last_date"] == "2026-01-15"
    assert data["by_kind"] == {"Text message": 3}
    assert data["caveat"].startswith("These figures describe your log; they are not a risk assessment.")
    assert summarise_patterns(texts_every(7, 3)).sentences()[-1] == data["caveat"]
