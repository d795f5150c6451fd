"""W3C ORG (the Organization Ontology) in Turtle, through rdflib, for triple stores
and linked-data portals. Needs rdflib: ``pip install 'govgraph[rdf]'``.

What maps to what (``docs/export.md`` has the full table):

- a body is an ``org:Organization`` and, by its kind, also an
  ``org:FormalOrganization`` (``statutory_body``, ``organisation``) or an
  ``org:OrganizationalUnit`` (``committee``, ``sub_group``, ``task_group``);
  a body of kind ``post`` is an ``org:Post``. Its name is its ``skos:prefLabel``,
  its id its ``dct:identifier``, its kind its ``org:classification`` (a
  ``skos:Concept`` ``urn:govgraph:kind:KIND``), its remit ``org:purpose``, its
  sources ``dct:source`` (and each locator a ``dct:bibliographicCitation``);
- ``sub_group_of`` is ``org:subOrganizationOf``, ``reports_to`` is ``org:reportsTo``,
  ``accountable_to`` is ``org:reportsTo`` and ``gg:accountableTo``, the other
  kinds ``org:linkedTo`` and a ``gg:`` property of their own (``gg:coordinates``,
  …, each declared ``rdfs:subPropertyOf`` its ORG property); a relationship that
  is not active, or has dates, a note, sources or metadata, is also described by an
  ``rdf:Statement`` with its kind, status, dates, note and sources;
- ``replaced_by`` is an ``org:ChangeEvent`` with ``org:originalOrganization`` and
  ``org:resultingOrganization`` (and ``org:changedBy``/``org:resultedFrom`` on the bodies);
- a member is an ``org:Membership`` (``org:member``, ``org:organization``, ``org:role``).

IRIs are ``BASE`` followed by ``body/ID``, ``source/ID``, ``area/ID``,
``service-area/ID``, ``level/ID``, ``membership/BODY%2FN`` (with ``%2Fmember`` and
``%2Frole`` for its member and role), ``change/SOURCE%2FTARGET`` and
``relationship/SOURCE%2FKIND%2FTARGET``. ``BASE`` defaults to
``urn:govgraph:NAME/``, where ``NAME`` is the structure's name in lower case
with runs of other characters than letters and digits as ``-``; the structure
itself is ``BASE``. No blank nodes: the same structure and base give the same
bytes.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any
from urllib.parse import quote

from ..errors import UsageError
from ..model import Citation, RelationshipKind, Structure
from ._values import json_text

__all__ = ["CLASSES", "VOCAB", "default_base", "to_org_turtle"]

VOCAB = "urn:govgraph:vocab#"
"""govgraph's own terms (``gg:``), for what ORG has no term for."""

#: The ORG class of a body, by kind, besides ``org:Organization``; kinds not named are ``org:Organization`` only.
CLASSES: dict[str, str] = {
    "statutory_body": "FormalOrganization",
    "organisation": "FormalOrganization",
    "committee": "OrganizationalUnit",
    "sub_group": "OrganizationalUnit",
    "task_group": "OrganizationalUnit",
    "post": "Post",
}

_PROPERTIES: dict[str, tuple[str, str | None]] = {
    "sub_group_of": ("subOrganizationOf", None),
    "reports_to": ("reportsTo", None),
    "accountable_to": ("reportsTo", "accountableTo"),
    "coordinates": ("linkedTo", "coordinates"),
    "links_with": ("linkedTo", "linksWith"),
    "advises": ("linkedTo", "advises"),
    "scrutinises": ("linkedTo", "scrutinises"),
    "commissions": ("linkedTo", "commissions"),
}

_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*")


def default_base(structure: Structure) -> str:
    """``urn:govgraph:`` and the structure's name as a slug.

    >>> import govgraph as gg
    >>> default_base(gg.load("examples/devon/devon.yaml"))
    'urn:govgraph:joint-planning-network-for-devon/'
    """
    folded = unicodedata.normalize("NFKD", structure.name).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "structure"
    return f"urn:govgraph:{slug}/"


def _base(base: str | None, structure: Structure) -> str:
    if base is None:
        return default_base(structure)
    if not _IRI.fullmatch(base):
        raise UsageError(
            f"--base {base!r} is not an absolute IRI: give one such as https://data.example.org/governance/"
        )
    return base if base.endswith(("/", "#", ":")) else base + "/"


def _rdflib() -> Any:
    try:
        import rdflib
    except ImportError:
        raise ImportError(
            "W3C ORG Turtle needs rdflib, which govgraph does not install by itself: pip install 'govgraph[rdf]'"
        ) from None
    return rdflib


def to_org_turtle(structure: Structure, *, base: str | None = None) -> str:
    """The structure in the W3C Organization Ontology, as Turtle text.

    ``base`` is the absolute IRI the structure's IRIs start with (a ``/`` is
    added unless it ends in ``/``, ``#`` or ``:``); by default
    ``urn:govgraph:NAME/`` (:func:`default_base`).
    """
    rdflib = _rdflib()
    from rdflib.namespace import DCTERMS, FOAF, ORG, RDF, RDFS, SKOS, XSD

    Literal, URIRef, Namespace = rdflib.Literal, rdflib.URIRef, rdflib.Namespace
    prefix = _base(base, structure)
    GG = Namespace(VOCAB)
    SCHEMA = Namespace("http://schema.org/")
    RDF_JSON = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON")
    graph = rdflib.Graph()
    spaces = {
        "body": f"{prefix}body/",
        "source": f"{prefix}source/",
        "area": f"{prefix}area/",
        "service-area": f"{prefix}service-area/",
        "level": f"{prefix}level/",
    }
    for name, space in (("org", ORG), ("skos", SKOS), ("dct", DCTERMS), ("foaf", FOAF), ("schema", SCHEMA)):
        graph.bind(name, space)
    graph.bind("gg", GG)
    graph.bind("kind", Namespace("urn:govgraph:kind:"))
    for name, space in spaces.items():
        graph.bind(name.replace("-", ""), Namespace(space))

    def iri(collection: str, *parts: str) -> Any:
        # One path segment after the collection, its parts joined by an encoded '/'
        # (%2F, which no encoded id holds): rdflib's serializer indexes every distinct
        # namespace, and one per body would make writing quadratic in the bodies.
        return URIRef(prefix + collection + "/" + "%2F".join(quote(part, safe="") for part in parts))

    def day(value: date) -> Any:
        return Literal(value.isoformat(), datatype=XSD.date)

    add = graph.add
    titles = {source.id: source.title for source in structure.sources}

    def cite(subject: Any, citations: list[Citation]) -> None:
        for citation in citations:
            add((subject, DCTERMS.source, iri("source", citation.source)))
            if citation.at is not None:
                add((subject, DCTERMS.bibliographicCitation, Literal(f"{titles[citation.source]}, {citation.at}")))

    whole = URIRef(prefix)
    add((whole, RDF.type, GG.Structure))
    add((whole, DCTERMS.title, Literal(structure.name)))
    if structure.description:
        add((whole, DCTERMS.description, Literal(structure.description)))
    if structure.as_of_date:
        add((whole, DCTERMS.date, day(structure.as_of_date)))
    for source in structure.sources:
        node = iri("source", source.id)
        add((whole, DCTERMS.source, node))
        add((node, RDF.type, DCTERMS.BibliographicResource))
        add((node, DCTERMS.identifier, Literal(source.id)))
        add((node, DCTERMS.title, Literal(source.title)))
        if source.publisher:
            add((node, DCTERMS.publisher, Literal(source.publisher)))
        if source.date:
            add((node, DCTERMS.date, day(source.date)))
        if source.url:
            add((node, SCHEMA.url, Literal(source.url, datatype=XSD.anyURI)))
    for rank, level in enumerate(structure.levels):
        node = iri("level", level.id)
        add((node, RDF.type, SKOS.Concept))
        add((node, SKOS.prefLabel, Literal(level.name)))
        add((node, GG.rank, Literal(rank)))
        if level.note:
            add((node, SKOS.note, Literal(level.note)))
    for area in structure.areas:
        node = iri("area", area.id)
        add((node, RDF.type, DCTERMS.Location))
        add((node, SKOS.prefLabel, Literal(area.name)))
        if area.within:
            add((node, DCTERMS.isPartOf, iri("area", area.within)))
    for service in structure.service_areas:
        node = iri("service-area", service.id)
        add((node, RDF.type, SKOS.Concept))
        add((node, SKOS.prefLabel, Literal(service.name)))

    kinds: set[str] = set()
    for body in structure.bodies:
        node = iri("body", body.id)
        kind = body.kind.value
        kinds.add(kind)
        special = CLASSES.get(kind)
        if special != "Post":
            add((node, RDF.type, ORG.Organization))
        if special is not None:
            add((node, RDF.type, ORG[special]))
        add((node, SKOS.prefLabel, Literal(body.name)))
        add((node, DCTERMS.identifier, Literal(body.id)))
        add((node, ORG.classification, URIRef(f"urn:govgraph:kind:{kind}")))
        add((node, GG.status, Literal(body.status.value)))
        if body.sovereign:
            add((node, GG.sovereign, Literal(True)))
        if body.authority is not None:
            add((node, GG.authority, Literal(body.authority.value)))
        if body.level is not None:
            add((node, GG.level, iri("level", body.level)))
        for area_id in body.areas:
            add((node, DCTERMS.spatial, iri("area", area_id)))
        for service_id in body.service_areas:
            add((node, DCTERMS.subject, iri("service-area", service_id)))
        for purpose in body.remit:
            add((node, ORG.purpose, Literal(purpose)))
        if body.chair is not None:
            add((node, GG.chair, Literal(body.chair)))
        if body.established is not None:
            add((node, SCHEMA.foundingDate, day(body.established)))
        if body.dissolved is not None:
            add((node, SCHEMA.dissolutionDate, day(body.dissolved)))
        if body.notes is not None:
            add((node, SKOS.note, Literal(body.notes)))
        if body.metadata:
            add((node, GG.metadata, Literal(json_text(body.metadata), datatype=RDF_JSON)))
        cite(node, body.sources)
        for position, member in enumerate(body.members, 1):
            membership = iri("membership", body.id, str(position))
            add((membership, RDF.type, ORG.Membership))
            add((membership, ORG.organization, node))
            add((membership, GG.sector, Literal(member.sector.value)))
            if member.body is not None:
                add((membership, ORG.member, iri("body", member.body)))
            else:
                agent = iri("membership", body.id, str(position), "member")
                add((agent, RDF.type, FOAF.Agent))
                add((agent, FOAF.name, Literal(member.name)))
                add((membership, ORG.member, agent))
            if member.role is not None:
                role = iri("membership", body.id, str(position), "role")
                add((role, RDF.type, ORG.Role))
                add((role, SKOS.prefLabel, Literal(member.role)))
                add((membership, ORG.role, role))
    for kind in sorted(kinds):
        concept = URIRef(f"urn:govgraph:kind:{kind}")
        add((concept, RDF.type, SKOS.Concept))
        add((concept, SKOS.prefLabel, Literal(kind)))

    for org_name, own in _PROPERTIES.values():
        if own is not None:
            add((GG[own], RDFS.subPropertyOf, ORG[org_name]))
    for relation in structure.relationships:
        source, target, kind = iri("body", relation.source), iri("body", relation.target), relation.kind.value
        if relation.kind is RelationshipKind.REPLACED_BY:
            event = iri("change", relation.source, relation.target)
            add((event, RDF.type, ORG.ChangeEvent))
            add((event, ORG.originalOrganization, source))
            add((event, ORG.resultingOrganization, target))
            add((source, ORG.changedBy, event))
            add((target, ORG.resultedFrom, event))
            if relation.established is not None:
                add((event, DCTERMS.date, day(relation.established)))
            predicate, stated = ORG.changedBy, event
        else:
            org_name, own = _PROPERTIES[kind]
            predicate, stated = ORG[org_name], target
            add((source, predicate, target))
            if own is not None:
                add((source, GG[own], target))
        described = relation.status.value != "active" or relation.established or relation.dissolved
        if not (described or relation.note is not None or relation.sources or relation.metadata):
            continue  # the ORG triple (and the gg: one) say all there is
        statement = iri("relationship", relation.source, kind, relation.target)
        add((statement, RDF.type, RDF.Statement))
        add((statement, RDF.subject, source))
        add((statement, RDF.predicate, predicate))
        add((statement, RDF.object, stated))
        add((statement, GG.kind, Literal(kind)))
        add((statement, GG.status, Literal(relation.status.value)))
        if relation.established is not None:
            add((statement, GG.established, day(relation.established)))
        if relation.dissolved is not None:
            add((statement, GG.dissolved, day(relation.dissolved)))
        if relation.note is not None:
            add((statement, SKOS.note, Literal(relation.note)))
        if relation.metadata:
            add((statement, GG.metadata, Literal(json_text(relation.metadata), datatype=RDF_JSON)))
        cite(statement, relation.sources)
    text: str = graph.serialize(format="turtle")
    return text
