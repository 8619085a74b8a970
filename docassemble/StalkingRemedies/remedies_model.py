"""The shape of an assessment: what `remedies.assess` returns, and its JSON form.

Why a separate module: the route rules (remedies_nmo, remedies_pha, remedies_notice) and the
engine (remedies) all build these values; keeping the types apart avoids import cycles, and
keeps the JSON contract (docs/assess-contract.md) readable in one place, in `to_dict`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

__all__ = [
    "NON_MOLESTATION_ORDER",
    "HARASSMENT_INJUNCTION",
    "Availability",
    "Route",
    "WithoutNotice",
    "Assessment",
    "unique",
    "uk_date",
]

NON_MOLESTATION_ORDER = "non_molestation_order"
HARASSMENT_INJUNCTION = "harassment_injunction"


class Availability(str, Enum):
    """Whether a route is open: `maybe` means the court must judge a point first."""

    YES = "yes"
    MAYBE = "maybe"
    NO = "no"

    @property
    def rank(self) -> int:
        """Order for choosing: yes beats maybe beats no."""
        return {"yes": 2, "maybe": 1, "no": 0}[self.value]


def unique(items: Iterable[str]) -> tuple[str, ...]:
    """Drop repeats but keep first-seen order (citation and reason lists read top-down)."""
    return tuple(dict.fromkeys(items))


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def uk_date(day: dt.date) -> str:
    """Write a date as courts in England and Wales do, `1 June 2024`, whatever the locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Route:
    """One route's decision, with plain-English reasons and the provisions relied on."""

    available: Availability
    reasons: tuple[str, ...]
    citations: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's route object."""
        return {
            "available": self.available.value,
            "reasons": list(self.reasons),
            "citations": list(self.citations),
        }


@dataclass(frozen=True)
class WithoutNotice:
    """Reasons for asking the court to act before the respondent is told (FLA 1996 s.45).

    `reasons` are first-person sentences ready for the witness statement; `notes` explain to
    the user what going without notice means. Both are empty lists when nothing applies.
    """

    requested: bool
    reasons: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    citations: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the added `without_notice` object of the contract."""
        return {
            "requested": self.requested,
            "reasons": list(self.reasons),
            "notes": list(self.notes),
            "citations": list(self.citations),
        }


@dataclass(frozen=True)
class Assessment:
    """Which orders are open, which one to draft, and where else to get help."""

    as_of: dt.date
    in_scope: bool
    emergency: bool
    non_molestation_order: Route
    harassment_injunction: Route
    recommended: str | None
    recommendation_reasons: tuple[str, ...]
    signposts: tuple[str, ...]
    emergency_advice: tuple[str, ...]
    without_notice: WithoutNotice

    @property
    def routes(self) -> dict[str, Route]:
        """Both routes by their contract id."""
        return {
            NON_MOLESTATION_ORDER: self.non_molestation_order,
            HARASSMENT_INJUNCTION: self.harassment_injunction,
        }

    def to_dict(self) -> dict[str, Any]:
        """Return the assessment as the JSON object of docs/assess-contract.md.

        The five contract keys come first; keys added by this project follow.
        """
        return {
            "in_scope": self.in_scope,
            "emergency": self.emergency,
            "routes": {route_id: route.to_dict() for route_id, route in self.routes.items()},
            "recommended": self.recommended,
            "signposts": list(self.signposts),
            "as_of": self.as_of.isoformat(),
            "recommendation_reasons": list(self.recommendation_reasons),
            "emergency_advice": list(self.emergency_advice),
            "without_notice": self.without_notice.to_dict(),
        }
