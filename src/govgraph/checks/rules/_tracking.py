"""What the four recommendation rules share: the date they measure from, which
owners still stand, and how a message names a recommendation."""

from __future__ import annotations

from datetime import date

from ...model import Recommendation
from ..context import Context

__all__ = ["achieved_stages", "current_owners", "is_closed", "measured_from", "named", "subjects"]


def achieved_stages(context: Context) -> set[str]:
    """Ids of the stages the file counts as achieved."""
    return {stage.id for stage in context.structure.stages if stage.achieved}


def is_closed(recommendation: Recommendation, achieved: set[str]) -> bool:
    """True when the latest update is at an achieved stage."""
    latest = recommendation.latest
    return latest is not None and latest.stage in achieved


def current_owners(context: Context, recommendation: Recommendation) -> list[str]:
    """The owners that are active or proposed bodies, sorted."""
    return sorted(owner for owner in set(recommendation.owners) if owner in context.number)


def subjects(context: Context, recommendation: Recommendation) -> tuple[str, ...]:
    """A finding's bodies: the current owners, sorted, or when there are none the body
    that made the recommendation, so that a finding always names a body (a waiver with
    no bodies would otherwise match every such finding)."""
    return tuple(current_owners(context, recommendation) or [recommendation.made_by])


def measured_from(context: Context, option: date | None) -> date | None:
    """The day stale and overdue are judged on: the rule's ``as_of`` option, else the
    structure's ``as_of``; ``None`` when there is neither (the rules are then silent:
    findings never depend on the day a check runs)."""
    return option if option is not None else context.structure.as_of_date


def named(recommendation: Recommendation, limit: int = 60) -> str:
    """``recommendation rec-2 ("We recommend that the Local…")`` for messages."""
    text = " ".join(recommendation.text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f'recommendation {recommendation.id} ("{text}")'
