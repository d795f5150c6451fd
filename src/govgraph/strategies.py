"""Hypothesis strategies for structures, for govgraph's tests and for yours.

>>> from hypothesis import given, settings
>>> @settings(max_examples=5)
... @given(structures(max_bodies=5))
... def test_loads_what_it_dumps(s):
...     import govgraph as gg
...     assert gg.loads(s.dumps()) == s
>>> test_loads_what_it_dumps()
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from . import registry
from .model import (
    Area,
    Authority,
    Body,
    BodyKind,
    Citation,
    Level,
    Member,
    Recommendation,
    Relationship,
    RelationshipKind,
    Sector,
    ServiceArea,
    Source,
    Stage,
    Status,
    Structure,
    Update,
    Waiver,
)

__all__ = ["ids", "json_values", "stage_ids", "structures", "structures_with_defect", "texts"]

ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,11}", fullmatch=True)
"""Valid ids: case-sensitive, so upper case too (register codes such as RGT01)."""

texts = st.text(min_size=1, max_size=40).filter(lambda text: text.strip() != "")
"""Non-blank text in any script."""

dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2050, 12, 31))

json_values: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
"""Values a ``metadata`` mapping may hold in JSON (and so in YAML too)."""


def _lifetime(draw: st.DrawFn) -> dict[str, Any]:
    status = draw(st.sampled_from(list(Status)))
    established = draw(st.none() | dates)
    dissolved = draw(st.none() | dates)
    if established and dissolved and dissolved < established:
        established, dissolved = dissolved, established
    return {"status": status, "established": established, "dissolved": dissolved}


@st.composite
def structures(
    draw: st.DrawFn,
    *,
    min_bodies: int = 1,
    max_bodies: int = 12,
    max_relationships: int | None = None,
    kinds: list[RelationshipKind] | None = None,
    metadata: bool = True,
    waivers: bool = True,
    recommendations: bool = True,
) -> Structure:
    """Valid structures of ``min_bodies`` to ``max_bodies`` bodies, every reference resolving.

    ``kinds`` limits the relationship kinds drawn; ``max_relationships``
    defaults to three per body. With ``recommendations``, a structure may
    declare a stage scale and carry recommendations: owners drawn from its
    bodies (possibly none), updates in date order, some stages achieved.
    """
    count = draw(st.integers(min_bodies, max_bodies))
    body_ids = draw(st.lists(ids, min_size=count, max_size=count, unique=True))
    level_ids = draw(st.lists(ids, max_size=3, unique=True))
    area_ids = draw(st.lists(ids, max_size=4, unique=True))
    service_ids = draw(st.lists(ids, max_size=3, unique=True))
    source_ids = draw(st.lists(ids, max_size=2, unique=True))
    sources = [Source(id=i, title=draw(texts), date=draw(st.none() | dates)) for i in source_ids]
    levels = [Level(id=i, name=draw(texts), note=draw(st.none() | texts)) for i in level_ids]
    areas = [
        Area(id=i, name=draw(texts), within=draw(st.none() | st.sampled_from(area_ids[:n])) if n else None)
        for n, i in enumerate(area_ids)
    ]
    service_areas = [ServiceArea(id=i, name=draw(texts)) for i in service_ids]

    def citations() -> list[Citation]:
        if not source_ids:
            return []
        return draw(st.lists(st.builds(Citation, source=st.sampled_from(source_ids), at=st.none() | texts), max_size=2))

    def members() -> list[Member]:
        member = st.builds(Member, body=st.sampled_from(body_ids), sector=st.sampled_from(list(Sector))) | st.builds(
            Member, name=texts, sector=st.sampled_from(list(Sector)), role=st.none() | texts
        )
        return draw(st.lists(member, max_size=4))

    bodies = [
        Body(
            id=body_id,
            name=draw(texts),
            kind=draw(st.sampled_from(list(BodyKind))),
            authority=draw(st.none() | st.sampled_from(list(Authority))),
            sovereign=draw(st.booleans()),
            level=draw(st.none() | st.sampled_from(level_ids)) if level_ids else None,
            areas=draw(st.lists(st.sampled_from(area_ids), unique=True, max_size=2)) if area_ids else [],
            service_areas=draw(st.lists(st.sampled_from(service_ids), unique=True, max_size=2)) if service_ids else [],
            remit=draw(st.lists(texts, max_size=2)),
            members=members(),
            chair=draw(st.none() | texts),
            sources=citations(),
            notes=draw(st.none() | texts),
            metadata=draw(st.dictionaries(st.text(max_size=8), json_values, max_size=2)) if metadata else {},
            **_lifetime(draw),
        )
        for body_id in body_ids
    ]
    relationships: list[Relationship] = []
    seen: set[tuple[str, str, str]] = set()
    if count > 1:
        limit = max_relationships if max_relationships is not None else 3 * count
        triples = draw(
            st.lists(
                st.tuples(
                    st.sampled_from(body_ids),
                    st.sampled_from(kinds or list(RelationshipKind)),
                    st.sampled_from(body_ids),
                ),
                max_size=limit,
            )
        )
        for source, kind, target in triples:
            relation = Relationship(
                source=source,
                kind=kind,
                target=target,
                note=draw(st.none() | texts),
                sources=citations(),
                **_lifetime(draw),
            )
            if source != target and relation.key not in seen:
                seen.add(relation.key)
                relationships.append(relation)
    drawn_waivers: list[Waiver] = []
    if waivers and draw(st.booleans()):
        rule_ids = [spec.id for spec in registry.all_rules()]
        drawn_waivers = [
            Waiver(
                rule=draw(st.sampled_from(rule_ids)),
                bodies=draw(st.lists(st.sampled_from(body_ids), max_size=3)),
                reason=draw(texts),
            )
        ]
    stages, tracked = _tracking(draw, body_ids, citations, metadata) if recommendations else ([], [])
    return Structure(
        name=draw(texts),
        description=draw(st.none() | texts),
        as_of_date=draw(st.none() | dates),
        sources=sources,
        levels=levels,
        areas=areas,
        service_areas=service_areas,
        bodies=bodies,
        relationships=relationships,
        waivers=drawn_waivers,
        stages=stages,
        recommendations=tracked,
        metadata=draw(st.dictionaries(st.text(max_size=8), json_values, max_size=3)) if metadata else {},
    )


stage_ids = ids | st.integers(0, 9).map(str)
"""Stage ids: slugs, or numbers written as text as the Leeds papers number their stages."""


def _tracking(
    draw: st.DrawFn, body_ids: list[str], citations: Any, metadata: bool
) -> tuple[list[Stage], list[Recommendation]]:
    """A stage scale and recommendations on it, for :func:`structures`."""
    scale = draw(st.lists(stage_ids, max_size=3, unique=True))
    stages = [Stage(id=i, name=draw(texts), achieved=draw(st.booleans()), note=draw(st.none() | texts)) for i in scale]
    recommendations = []
    for ident in draw(st.lists(ids, max_size=3, unique=True)):
        made = draw(dates)
        later = st.dates(min_value=made, max_value=dt.date(2050, 12, 31))
        days = sorted(draw(st.lists(later, max_size=3))) if scale else []
        updates = [
            Update(date=day, stage=draw(st.sampled_from(scale)), note=draw(st.none() | texts), sources=citations())
            for day in days
        ]
        recommendations.append(
            Recommendation(
                id=ident,
                text=draw(texts),
                made_by=draw(st.sampled_from(body_ids)),
                owners=draw(st.lists(st.sampled_from(body_ids), unique=True, max_size=3)),
                made=made,
                due=draw(st.none() | later),
                updates=updates,
                sources=citations(),
                notes=draw(st.none() | texts),
                metadata=draw(st.dictionaries(st.text(max_size=8), json_values, max_size=2)) if metadata else {},
            )
        )
    return stages, recommendations


_PLANTED_RULES = (
    "orphaned-group",
    "authority-cycle",
    "hierarchy-cycle",
    "coordinator-with-authority",
    "multiple-parents",
    "level-inversion",
    "missing-stakeholders",
    "coverage-gap",
    "duplicate-remit",
    "unreciprocated-coordination",
    "dissolved-in-use",
    "excess-depth",
    "scrutiny-conflict",
    "outside-lifetime",
    "unowned-recommendation",
    "owner-outside-structure",
    "stale-recommendation",
    "overdue-recommendation",
)


@st.composite
def structures_with_defect(draw: st.DrawFn, rule: str, *, max_bodies: int = 8) -> Structure:
    """A valid structure in which ``rule`` is sure to find something.

    A structure from :func:`structures` with a small planted arrangement that
    the rule must report; every built-in rule is supported.
    """
    if rule not in _PLANTED_RULES:
        raise ValueError(f"no planted defect for rule {rule!r}; supported: {', '.join(_PLANTED_RULES)}")
    base = draw(structures(max_bodies=max_bodies, waivers=False))
    used = {body.id for body in base.bodies} | {x.id for x in base.levels} | {x.id for x in base.areas}
    used |= {x.id for x in base.service_areas} | {x.id for x in base.recommendations}
    n = draw(st.lists(ids.filter(lambda i: i not in used), min_size=10, max_size=10, unique=True))
    board, group, coordinating, executive = (
        BodyKind.BOARD,
        BodyKind.TASK_GROUP,
        Authority.COORDINATING,
        Authority.EXECUTIVE,
    )
    lpg = BodyKind.LOCAL_PLANNING_GROUP
    bodies: list[Body] = []
    edges: list[tuple[str, str, str]] = []
    extra: dict[str, Any] = {}
    if rule == "orphaned-group":
        bodies = [Body(id=n[0], name="Planted", kind=group)]
    elif rule in ("authority-cycle", "hierarchy-cycle"):
        kind = "accountable_to" if rule == "authority-cycle" else "reports_to"
        bodies = [Body(id=n[0], name="A", kind=board), Body(id=n[1], name="B", kind=board)]
        edges = [(n[0], kind, n[1]), (n[1], kind, n[0])]
    elif rule == "coordinator-with-authority":
        bodies = [
            Body(id=n[0], name="A", kind=BodyKind.STRATEGIC_PLANNING_GROUP, authority=coordinating),
            Body(id=n[1], name="B", kind=BodyKind.EXECUTIVE_GROUP),
        ]
        edges = [(n[1], "accountable_to", n[0])]
    elif rule == "multiple-parents":
        bodies = [
            Body(id=n[0], name="A", kind=BodyKind.SUB_GROUP),
            Body(id=n[1], name="B", kind=board),
            Body(id=n[2], name="C", kind=board),
        ]
        edges = [(n[0], "sub_group_of", n[1]), (n[0], "sub_group_of", n[2])]
    elif rule == "level-inversion":
        extra["levels"] = [*base.levels, Level(id=n[8], name="High"), Level(id=n[9], name="Low")]
        bodies = [Body(id=n[0], name="A", kind=board, level=n[8]), Body(id=n[1], name="B", kind=board, level=n[9])]
        edges = [(n[0], "reports_to", n[1])]
    elif rule == "missing-stakeholders":
        bodies = [Body(id=n[0], name="A", kind=lpg)]
    elif rule in ("coverage-gap", "duplicate-remit"):
        extra["areas"] = [*base.areas, Area(id=n[7], name="County"), Area(id=n[8], name="Town", within=n[7])]
        extra["service_areas"] = [*base.service_areas, ServiceArea(id=n[9], name="Service")]
        if rule == "duplicate-remit":
            bodies = [Body(id=n[i], name=f"LPG {i}", kind=lpg, areas=[n[8]], service_areas=[n[9]]) for i in (0, 1)]
    elif rule == "unreciprocated-coordination":
        bodies = [Body(id=n[0], name="A", kind=BodyKind.PARTNERSHIP), Body(id=n[1], name="B", kind=board)]
        edges = [(n[0], "coordinates", n[1])]
    elif rule == "dissolved-in-use":
        bodies = [Body(id=n[0], name="A", kind=board, status=Status.DISSOLVED), Body(id=n[1], name="B", kind=group)]
        edges = [(n[1], "reports_to", n[0])]
    elif rule == "excess-depth":
        bodies = [Body(id=n[0], name="Root", kind=BodyKind.STATUTORY_BODY, sovereign=True, authority=executive)]
        bodies += [Body(id=n[i], name=f"Level {i}", kind=group) for i in range(1, 8)]
        edges = [(n[i], "reports_to", n[i - 1]) for i in range(1, 8)]
    elif rule == "scrutiny-conflict":
        bodies = [Body(id=n[0], name="Panel", kind=BodyKind.SCRUTINY_BODY), Body(id=n[1], name="Board", kind=board)]
        edges = [(n[0], "scrutinises", n[1]), (n[0], "reports_to", n[1])]
    elif rule == "outside-lifetime":
        bodies = [
            Body(id=n[0], name="A", kind=group),
            Body(id=n[1], name="B", kind=board, established=dt.date(2010, 1, 1)),
        ]
        edges = [(n[0], "reports_to", n[1])]
    elif rule.endswith("-recommendation") or rule == "owner-outside-structure":
        status = Status.DISSOLVED if rule == "unowned-recommendation" else Status.ACTIVE
        bodies = [Body(id=n[0], name="Owner", kind=group, status=status)]
        due = dt.date(2000, 6, 1) if rule == "overdue-recommendation" else None
        planted = Recommendation(
            id=n[1], text="Planted", made_by=n[0], owners=[n[0]], made=dt.date(2000, 1, 1), due=due
        )
        extra["recommendations"] = [*base.recommendations, planted]
        extra["as_of"] = dt.date(2010, 1, 1)
    dated = {"established": dt.date(2005, 1, 1)} if rule == "outside-lifetime" else {}
    relations = [Relationship(source=s, kind=RelationshipKind(k), target=t, **dated) for s, k, t in edges]
    return base.replace(
        bodies=[*base.bodies, *bodies], relationships=[*base.relationships, *relations], checks={}, waivers=[], **extra
    )
