"""The cross-reference checks: every id a structure refers to is one it defines.

A body's level, areas, service areas, members and citations, a relationship's
ends, a waiver's rule and bodies, a recommendation's owners and stages: all are
checked here in one pass, :func:`_cross_reference_problems`, which reports
every broken reference at once with its path. It reads a validated
:class:`~govgraph.model.structure.Structure`, or raw data through
:class:`~govgraph.model.lookup._Raw` when fields are invalid too.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from itertools import chain, repeat
from typing import TYPE_CHECKING, Any

from pydantic_core import InitErrorDetails, PydanticCustomError

from .. import _getters as get
from .. import registry
from .kinds import RelationshipKind
from .lookup import Loc, _ids, _list, _Raw, _ref, _text
from .parts import _date
from .recommendations import reference_problems as _recommendation_problems

if TYPE_CHECKING:
    from .structure import Structure
    from .table import Table

__all__: list[str] = []


def _reference_errors(problems: list[tuple[Loc, str]]) -> list[InitErrorDetails]:
    # A message quotes ids as written; JSON can write half a surrogate pair ("\ud800"),
    # which pydantic cannot hold in a message: it is shown as its escape.
    return [
        InitErrorDetails(
            type=PydanticCustomError("reference", message.encode("utf-8", "backslashreplace").decode("utf-8")),
            loc=loc,
            input=None,
        )
        for loc, message in problems
    ]


def _dates_in_order(problems: list[tuple[Loc, str]], loc: Loc, item: Any) -> None:
    start, end = item.established, item.dissolved
    if start is None or end is None:
        return
    try:
        start, end = _date(start), _date(end)
    except PydanticCustomError:
        return  # reported as a field error
    if end < start:
        problems.append(((*loc, "dissolved"), f"dissolved ({end}) is before established ({start})"))


_flat = chain.from_iterable


def _cited_and_dated_soundly(column: Callable[[str], list[Any]], sources: Mapping[str, int]) -> bool:
    """True when every citation in a table's ``column`` of bodies or relationships
    names a known source and none is dissolved before it was established: what
    bodies and relationships share."""
    if not set(map(get.SOURCE, _flat(column("sources")))) <= sources.keys():
        return False
    dissolved = column("dissolved")
    if any(dissolved):
        dated = [(start, end) for start, end in zip(column("established"), dissolved, strict=True) if start and end]
        return all(start <= end for start, end in dated)
    return True


def _bodies_sound(
    table: Table,
    bodies: Mapping[str, int],
    levels: Mapping[str, int],
    areas: Mapping[str, int],
    service_areas: Mapping[str, int],
    sources: Mapping[str, int],
) -> bool:
    """True when validated bodies certainly have no cross-reference problem (see below)."""
    column = table.column
    if not set(column("level")) <= {None, *levels}:
        return False
    if not set(_flat(column("areas"))) <= areas.keys():
        return False
    if not set(_flat(column("service_areas"))) <= service_areas.keys():
        return False
    if not set(map(get.BODY, _flat(column("members")))) <= {None, *bodies}:
        return False
    return _cited_and_dated_soundly(column, sources)


def _relationships_sound(structure: Structure, sources: Mapping[str, int]) -> bool:
    """True when validated relationships certainly have no cross-reference problem.

    Whole-list operations, several times faster than the loop that locates each
    problem: only a file with a problem pays for that.
    """
    table = structure._table
    wiring = table.wiring
    if wiring is None or any(map(operator.eq, wiring.source, wiring.target)):
        return False
    source, target, count = wiring.source, wiring.target, len(wiring.number)
    # Each (source, target) pair once, as one integer: then no relationship repeats.
    # Only a pair given more than once (of two kinds, say) needs the kinds looked at.
    given = set(map(operator.add, map(operator.mul, source, repeat(count)), target))
    if len(given) != len(source) and len(set(zip(source, wiring.kind, target, strict=True))) != len(source):
        return False
    links = RelationshipKind.LINKS_WITH
    if links in wiring.kind:  # two-way: A-B and B-A are the same link
        pairs = [(s, t) for s, k, t in zip(wiring.source, wiring.kind, wiring.target, strict=True) if k is links]
        if len({(min(pair), max(pair)) for pair in pairs}) != len(pairs):
            return False
    return _cited_and_dated_soundly(table.relationship_column, sources)


def _cross_reference_problems(data: Any) -> list[tuple[Loc, str]]:
    """Every broken reference in a structure, as (location, message) pairs.

    ``data`` is a validated :class:`Structure`, or raw data wrapped in
    :class:`_Raw` when fields are invalid too, so that one pass reports both.
    O(n + m).
    """
    problems: list[tuple[Loc, str]] = []
    sources = _ids(_list(data.sources), "sources", problems, "source")
    levels = _ids(_list(data.levels), "levels", problems, "level")
    areas = _ids(_list(data.areas), "areas", problems, "area")
    service_areas = _ids(_list(data.service_areas), "service_areas", problems, "service area")
    wiring = None if isinstance(data, _Raw) else data._wiring
    # The wiring already numbers the bodies when their ids are all different;
    # a validated structure's bodies are read as models only when it has a problem.
    bodies = wiring.number if wiring is not None else _ids(_list(data.bodies), "bodies", problems, "body")

    def cite(loc: Loc, item: Any) -> None:
        for index, citation in enumerate(_list(item.sources)):
            if citation.source not in sources:
                _ref(problems, (*loc, "sources", index, "source"), citation.source, sources, "source")

    for index, area in enumerate(_list(data.areas)):
        within = _text(area.within)
        if within is not None and within == _text(area.id):
            problems.append((("areas", index, "within"), f"area '{within}' cannot be within itself"))
        else:
            _ref(problems, ("areas", index, "within"), within, areas, "area")

    # The loops below run once per body and relationship of files with 10^5 of
    # them: each check is guarded by a cheap membership test before any call,
    # and a validated structure whose sets of references all resolve skips them.
    sound = not isinstance(data, _Raw) and _bodies_sound(data._table, bodies, levels, areas, service_areas, sources)
    checked_bodies = [] if sound else _list(data.bodies)
    for index, body in enumerate(checked_bodies):
        loc: Loc = ("bodies", index)
        level = body.level
        if level is not None and level not in levels:
            _ref(problems, (*loc, "level"), level, levels, "level")
        for position, area in enumerate(_list(body.areas)):
            if area not in areas:
                _ref(problems, (*loc, "areas", position), area, areas, "area")
        for position, service_area in enumerate(_list(body.service_areas)):
            if service_area not in service_areas:
                _ref(problems, (*loc, "service_areas", position), service_area, service_areas, "service area")
        for position, member in enumerate(_list(body.members)):
            if member.body is not None and member.body not in bodies:
                _ref(problems, (*loc, "members", position, "body"), member.body, bodies, "body")
        if body.sources:
            cite(loc, body)
        if body.dissolved is not None:
            _dates_in_order(problems, loc, body)

    # Nothing to report: skip the slower loop that says where each problem is.
    sound = not isinstance(data, _Raw) and _relationships_sound(data, sources)
    relations = [] if sound else _list(data.relationships)
    seen: dict[tuple[str, str, str], int] = {}
    for index, relation in enumerate(relations):
        source, kind, target = relation.source, relation.kind, relation.target
        if source not in bodies or target not in bodies or relation.sources or relation.dissolved is not None:
            loc = ("relationships", index)
            source, kind, target = _text(source), _text(kind), _text(target)
            if source not in bodies:
                _ref(problems, (*loc, "source"), source, bodies, "body")
            if target not in bodies:
                _ref(problems, (*loc, "target"), target, bodies, "body")
            if relation.sources:
                cite(loc, relation)
            _dates_in_order(problems, loc, relation)
            if source is None or kind is None or target is None:
                continue
        if source == target:
            loc = ("relationships", index)
            problems.append(
                ((*loc, "target"), f"a body cannot have a relationship with itself ('{source}' {kind} '{target}')")
            )
            continue
        key = (min(source, target), kind, max(source, target)) if kind == "links_with" else (source, kind, target)
        if key in seen:
            loc = ("relationships", index)
            same = " (links_with is two-way: A-B and B-A are the same link)" if kind == "links_with" else ""
            problems.append(
                (
                    loc,
                    f"duplicate relationship '{source}' {kind} '{target}'{same}; "
                    f"first given at relationships[{seen[key]}]",
                )
            )
        else:
            seen[key] = index

    checks = data.checks
    raw_checks = checks._data if isinstance(checks, _Raw) else checks
    if isinstance(raw_checks, Mapping):
        for rule_id, value in raw_checks.items():
            if not isinstance(rule_id, str):
                continue
            try:
                registry.get_rule(rule_id)
            except KeyError:
                problems.append((("checks", rule_id), registry.unknown_rule_message(rule_id)))
                continue
            _, found = registry.parse_setting(rule_id, value)
            problems.extend((("checks", rule_id, *p.loc), p.message) for p in found)

    for index, waiver in enumerate(_list(data.waivers)):
        rule_id = _text(waiver.rule)
        if rule_id is not None:
            try:
                registry.get_rule(rule_id)
            except KeyError:
                problems.append((("waivers", index, "rule"), registry.unknown_rule_message(rule_id)))
        for position, body_id in enumerate(_list(waiver.bodies)):
            _ref(problems, ("waivers", index, "bodies", position), body_id, bodies, "body")
    problems.extend(_recommendation_problems(data, bodies, sources))
    return problems
