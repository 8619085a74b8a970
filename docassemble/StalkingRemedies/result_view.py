"""What the result screen and the summary say about each route: words, reasons, next steps.

Why a module of its own: `remedies.assess` decides and explains (reasons, citations); this
module only presents that decision to a person - "Open to you" instead of `yes`, the forms and
fees of each route read from the law table, the choice of route with the suggested one first.
Keeping it pure (no docassemble import) means the wording is tested without the engine
(tests/test_result_view.py), and the YAML only places the pieces on the screen.

The interview loads this module with `modules:`; only the names in `__all__` are exposed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "RouteView",
    "SignpostView",
    "ResultView",
    "assess_facts",
    "asks_without_notice",
    "result_view",
    "route_markdown",
    "recommendation_markdown",
    "result_signposts_markdown",
]

_ROUTE_ORDER = ("non_molestation_order", "harassment_injunction")

#: How an availability value is said to a person.
STATUS_WORDS = {
    "yes": "Open to you",
    "maybe": "Maybe open to you: the court decides",
    "no": "Not open to you on what you told us",
}


@dataclass(frozen=True)
class RouteView:
    """One route as a person reads it. Attributes, not keys: docassemble's Jinja reads these."""

    id: str
    title: str
    available: str
    status: str
    reasons: tuple[str, ...]
    citations: tuple[str, ...]
    next_steps: tuple[str, ...]
    recommended: bool

    @property
    def open(self) -> bool:
        """True when the person can choose this route (yes or maybe)."""
        return self.available in ("yes", "maybe")

    @property
    def citations_text(self) -> str:
        """The provisions on one line, for a document."""
        return "; ".join(self.citations)


@dataclass(frozen=True)
class SignpostView:
    """One place to get help, from the law table."""

    id: str
    title: str
    phone: str | None
    description: str
    url: str | None


@dataclass(frozen=True)
class ResultView:
    """Everything the result screen shows."""

    routes: tuple[RouteView, ...]
    recommended: str | None
    recommendation_reasons: tuple[str, ...]
    default_choice: str | None
    signposts: tuple[SignpostView, ...]
    emergency_advice: tuple[str, ...]
    without_notice_requested: bool
    without_notice_notes: tuple[str, ...]

    @property
    def any_open(self) -> bool:
        """True when at least one route is yes or maybe: the person has a choice to make."""
        return any(route.open for route in self.routes)

    @property
    def choices(self) -> list[dict[str, str]]:
        """The routes a person may choose (yes or maybe), suggested one first, for a radio field."""
        open_routes = sorted(
            (route for route in self.routes if route.open), key=lambda route: not route.recommended
        )
        return [
            {"value": route.id, "label": _choice_label(route)} for route in open_routes
        ]

    def route(self, route_id: str) -> RouteView:
        """The view of one route by its contract id."""
        for item in self.routes:
            if item.id == route_id:
                return item
        raise KeyError(route_id)


def _choice_label(route: RouteView) -> str:
    label = route.title[0].upper() + route.title[1:]
    if route.recommended:
        label += " (we suggest this)"
    if route.available == "maybe":
        label += " - the court decides if it is open"
    return label


def assess_facts(facts: Mapping[str, Any]) -> dict[str, Any]:
    """Check the facts and decide: `parse_facts` then `assess`, as the contract's JSON dict.

    A dict, not the Assessment object, is what the interview keeps: it is plain data that any
    later screen or template can read, and it pickles with the session on a real server.
    """
    from docassemble.StalkingRemedies.facts import parse_facts
    from docassemble.StalkingRemedies.remedies import assess

    return assess(parse_facts(dict(facts))).to_dict()


def asks_without_notice(assessment: Mapping[str, Any]) -> bool:
    """Whether to ask the FLA 1996 s.45 questions: only when a non-molestation order is
    open or maybe, because "without notice" under s.45 belongs to that route."""
    return assessment["routes"]["non_molestation_order"]["available"] in ("yes", "maybe")


def _pounds(amount: int) -> str:
    return "no fee" if amount == 0 else f"£{amount}"


def _next_steps(route_id: str) -> tuple[str, ...]:
    """What applying involves for a route: forms, fees and duties, all read from the law table."""
    from docassemble.StalkingRemedies.law import load_law

    law = load_law()
    forms, fees = law.forms, law.fees
    statement = (
        "Write a witness statement: in your own words, what they have done, with dates, and "
        "why you need protection. The court needs it with your form."
    )
    if route_id == "non_molestation_order":
        fl401 = forms["FL401"]
        edition = f", edition {fl401.edition}" if fl401.edition else ""
        return (
            f"Fill in form FL401: {fl401.title}{edition}.",
            statement,
            f"If you do not want them to know where you live or how to contact you, also fill "
            f"in form C8 ({forms['C8'].title}). Never put a secret address on the other forms.",
            fees["fl401"].summary,
            "You must not hand the papers to them yourself. You can ask the court to arrange it.",
            f"If the court makes the order (form FL404a, {forms['FL404a'].title.lower()}), a copy "
            "goes to the police.",
        )
    claim = fees["county_court_non_money_claim"]
    about = "about " if claim.verify else ""
    on_notice = fees["general_application_on_notice"]
    without = fees["general_application_without_notice"]
    return (
        f"Start a claim in the County Court. The form is N208: {forms['N208'].title}. "
        f"The fee is {about}{_pounds(claim.amount_gbp)}.",
        f"Ask for the injunction itself. The form is N16A: {forms['N16A'].title}. The fee is "
        f"{_pounds(on_notice.amount_gbp)}, or {_pounds(without.amount_gbp)} if you apply "
        "without telling them first.",
        statement,
        "If your income is low, ask the court to reduce or waive its fees: this is called "
        f"Help with Fees, and the form is EX160 ({forms['EX160'].title.lower()}).",
        "The court will usually ask you to promise to pay for any loss the injunction causes "
        "them if it later turns out it should not have been made. This is called a "
        f"cross-undertaking in damages ({law.cite('cpr_25_9_3')}).",
        f"These fees were correct on {_uk_date(claim.as_of)}. Fees change: check the current fee "
        "(HMCTS leaflet EX50) before you pay.",
    )


def _uk_date(day: Any) -> str:
    return f"{day.day} {day:%B} {day.year}"


def result_view(assessment: Mapping[str, Any]) -> ResultView:
    """Build the result screen's content from an assessment dict (`Assessment.to_dict()`)."""
    from docassemble.StalkingRemedies.law import load_law, signpost

    law = load_law()
    recommended = assessment.get("recommended")
    routes = []
    for route_id in _ROUTE_ORDER:
        data = assessment["routes"][route_id]
        available = data["available"]
        routes.append(
            RouteView(
                id=route_id,
                title=law.routes[route_id].title,
                available=available,
                status=STATUS_WORDS[available],
                reasons=tuple(data["reasons"]),
                citations=tuple(data["citations"]),
                next_steps=_next_steps(route_id) if available in ("yes", "maybe") else (),
                recommended=route_id == recommended,
            )
        )
    open_ids = [route.id for route in routes if route.open]
    default = recommended if recommended in open_ids else (open_ids[0] if open_ids else None)
    signposts = tuple(
        SignpostView(
            id=item.id, title=item.title, phone=item.phone, description=item.description, url=item.url
        )
        for item in (signpost(sid) for sid in assessment.get("signposts", []))
    )
    without_notice = assessment.get("without_notice") or {}
    return ResultView(
        routes=tuple(routes),
        recommended=recommended,
        recommendation_reasons=tuple(assessment.get("recommendation_reasons", [])),
        default_choice=default,
        signposts=signposts,
        emergency_advice=tuple(assessment.get("emergency_advice", [])),
        without_notice_requested=bool(without_notice.get("requested")),
        without_notice_notes=tuple(without_notice.get("notes", [])),
    )


def _bullets(lines: tuple[str, ...] | list[str]) -> str:
    return "\n".join(f"* {line}" for line in lines)


def recommendation_markdown(view: ResultView) -> str:
    """Markdown of what we suggest: the engine's first sentence, then the rest as a list."""
    reasons = list(view.recommendation_reasons)
    if not reasons:
        return ""
    rest = _bullets(reasons[1:])
    return reasons[0] + ("\n\n" + rest if rest else "")


def route_markdown(route: RouteView) -> str:
    """Markdown for one route on the result screen: status, why, the law, what happens next."""
    title = route.title[0].upper() + route.title[1:]
    parts = [f"### {title}: {route.status}"]
    if route.recommended:
        parts.append("**We suggest this one.**")
    parts += ["**Why**", _bullets(route.reasons)]
    if route.citations:
        parts.append(f"**The law:** {'; '.join(route.citations)}")
    if route.next_steps:
        parts += ["**What happens next**", _bullets(route.next_steps)]
    return "\n\n".join(parts)


def result_signposts_markdown(view: ResultView) -> str:
    """Markdown of the help listed in the assessment, most urgent first (signpost_text.py)."""
    from docassemble.StalkingRemedies.signpost_text import signposts_markdown

    return signposts_markdown([item.id for item in view.signposts])
