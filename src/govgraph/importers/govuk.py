"""``govgraph import govuk``: the GOV.UK organisations register.

Reads the records of the GOV.UK organisations API (``/api/organisations``),
as a JSON list or the API's paged ``{"results": [...]}``: each organisation is
a body of kind ``organisation`` whose id is its slug and whose ``format``
(Ministerial department, Executive agency, …), ``govuk_status`` and other
register fields are kept in ``metadata``. Closed organisations are
``dissolved`` (on ``closed_at``).

- Each parent in ``parent_organisations`` is a ``sub_group_of`` edge; one not
  in the file is a ``dangling-reference`` (the edge is left out).
- Parents and children are cross-checked both ways: a parent that does not
  list the child back, a child entry naming an organisation not in the file, and
  a child that does not name the parent are ``unreciprocated-listing`` warnings.
- ``superseded_organisations`` and ``superseding_organisations`` are
  ``replaced_by`` edges between organisations of the file. Those naming an
  organisation not in the file (a closed one, outside an extract of the live
  register) are history rather than defects: they are kept in
  ``metadata.superseded_not_in_file`` / ``superseding_not_in_file``.

A finding's ``row`` is the line where the organisation's record starts.
"""

from __future__ import annotations

import json
import os
from typing import Any

from ..model import BodyKind, RelationshipKind, Status
from .common import build, display, source_entry
from .findings import Ids, Imported, ImportFinding, finding, fold, likely
from .tables import _decode, read_bytes, refuse

__all__ = ["read_govuk"]

WHAT = 'GOV.UK organisations API records (a JSON list of organisations, or {"results": [...]})'
KEPT = ("format", "analytics_identifier", "web_url")
DETAILS = ("govuk_status", "abbreviation", "closed_at", "govuk_closed_status", "content_id")


def read_govuk(path: str | os.PathLike[str]) -> Imported:
    """Import GOV.UK organisations API records from a JSON file.

    Returns an :class:`~govgraph.importers.Imported`; raises
    :class:`~govgraph.StructureError` for a file that is not such records.
    """
    file = display(path)
    text = _decode(file, read_bytes(file, WHAT), WHAT)
    records = _records(file, text)
    source = source_entry(file)
    ids = Ids()
    slugs: dict[str, tuple[int, dict[str, Any]]] = {}
    findings: list[ImportFinding] = []
    for line, record in records:
        slug = _slug(file, line, record)
        if slug in slugs:
            findings.append(
                finding(
                    "duplicate-id",
                    f"organisation '{slug}' is listed again (first at line {slugs[slug][0]}); the first record is kept",
                    [ids.make(slug)],
                    file,
                    line,
                )
            )
            continue
        slugs[slug] = (line, record)
        ids.make(slug)
    folded = {fold(s): s for s in slugs}
    listed_children = {s: {_ref_slug(c) for c in _refs(r, "child_organisations")} for s, (_, r) in slugs.items()}
    bodies: list[dict[str, Any]] = []
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    rows: dict[str, tuple[str, int]] = {}
    for slug, (line, record) in slugs.items():
        body_id = ids.of[slug]
        rows[body_id] = (file, line)
        found = record.get("details")
        details: dict[str, Any] = found if isinstance(found, dict) else {}
        metadata: dict[str, Any] = {k: record[k] for k in KEPT if record.get(k) not in (None, "")}
        metadata.update({k: details[k] for k in DETAILS if details.get(k) not in (None, "")})
        if body_id != slug:
            metadata["source_id"] = slug
        body: dict[str, Any] = {
            "id": body_id,
            "name": str(record.get("title") or "").strip() or slug,
            "kind": BodyKind.ORGANISATION,
            "sources": [{"source": source["id"], "at": f"line {line}"}],
        }
        if details.get("govuk_status") == "closed":
            body["status"] = Status.DISSOLVED
            closed = str(details.get("closed_at") or "")[:10]
            if len(closed) == 10:
                body["dissolved"] = closed
        for parent in _refs(record, "parent_organisations"):
            target = _ref_slug(parent)
            if target not in slugs:
                findings.append(
                    finding(
                        "dangling-reference",
                        f"'{slug}' names parent '{target}', which is not an organisation of this file"
                        f"{likely(target, folded)}; the edge is left out",
                        [body_id],
                        file,
                        line,
                    )
                )
                continue
            if target == slug:
                findings.append(
                    finding("self-reference", f"'{slug}' names itself as its parent", [body_id], file, line)
                )
                continue
            key = (body_id, RelationshipKind.SUB_GROUP_OF.value, ids.of[target])
            edges.setdefault(key, {"source": key[0], "kind": RelationshipKind.SUB_GROUP_OF, "target": key[2]})
            if slug not in listed_children[target]:
                findings.append(
                    finding(
                        "unreciprocated-listing",
                        f"'{slug}' names parent '{target}', which does not list it among its child organisations",
                        [body_id, ids.of[target]],
                        file,
                        line,
                    )
                )
        for child in _refs(record, "child_organisations"):
            target = _ref_slug(child)
            if target not in slugs:
                findings.append(
                    finding(
                        "unreciprocated-listing",
                        f"'{slug}' lists child organisation '{target}', which is not an organisation of this file"
                        f"{likely(target, folded)}",
                        [body_id],
                        file,
                        line,
                    )
                )
            elif slug not in {_ref_slug(p) for p in _refs(slugs[target][1], "parent_organisations")}:
                findings.append(
                    finding(
                        "unreciprocated-listing",
                        f"'{slug}' lists child organisation '{target}', which does not name it as a parent",
                        [body_id, ids.of[target]],
                        file,
                        line,
                    )
                )
        for field, later in (("superseded_organisations", False), ("superseding_organisations", True)):
            missing = []
            for other in _refs(record, field):
                target = _ref_slug(other)
                if target not in slugs or target == slug:
                    missing.append(target)
                    continue
                old, new = (body_id, ids.of[target]) if later else (ids.of[target], body_id)
                key = (old, RelationshipKind.REPLACED_BY.value, new)
                edges.setdefault(key, {"source": old, "kind": RelationshipKind.REPLACED_BY, "target": new})
            if missing:
                metadata[field.replace("_organisations", "_not_in_file")] = missing
        body["metadata"] = metadata
        bodies.append(body)
    if not bodies:
        refuse(file, 1, f"no organisations in the file: expected {WHAT}")
    structure = build(
        file,
        {
            "name": "GOV.UK organisations",
            "description": f"Imported from {os.path.basename(file)} (GOV.UK organisations API)",
            "sources": [source],
            "bodies": bodies,
            "relationships": list(edges.values()),
            "metadata": {"imported_from": os.path.basename(file)},
        },
    )
    return Imported(structure, findings, rows)


def _records(file: str, text: str) -> list[tuple[int, Any]]:
    """The records with the line each starts on, reading the JSON array element by element."""
    decoder = json.JSONDecoder()
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        refuse(file, error.lineno, f"not valid JSON ({error.msg}): expected {WHAT}", error.colno)
    if isinstance(document, dict) and isinstance(document.get("results"), list):
        start = text.index("[", _results_at(text))
    elif isinstance(document, list):
        start = text.index("[")
    else:
        refuse(file, 1, f"the JSON is {type(document).__name__ and _kind(document)}: expected {WHAT}")
    found: list[tuple[int, Any]] = []
    position, line, counted = start + 1, 1 + text.count("\n", 0, start + 1), start + 1
    length = len(text)
    while True:
        while position < length and text[position] in " \t\r\n,":
            position += 1
        if position >= length or text[position] == "]":
            break
        line += text.count("\n", counted, position)
        counted = position
        record, position = decoder.raw_decode(text, position)
        if not isinstance(record, dict):
            refuse(file, line, f"a record is {_kind(record)}, not an organisation (a JSON object): expected {WHAT}")
        found.append((line, record))
    return found


def _results_at(text: str) -> int:
    return text.index('"results"')


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", str: "text", int: "a number", float: "a number"}.get(
        type(value), "null" if value is None else "true/false"
    )


def _slug(file: str, line: int, record: dict[str, Any]) -> str:
    details = record.get("details")
    slug = details.get("slug") if isinstance(details, dict) else None
    if not isinstance(slug, str) or not slug.strip():
        ident = record.get("id")
        slug = _ref_slug({"id": ident}) if isinstance(ident, str) else None
    if not slug:
        refuse(file, line, f"a record has neither details.slug nor an id URL: expected {WHAT}")
    assert isinstance(slug, str)
    return slug


def _refs(record: dict[str, Any], field: str) -> list[Any]:
    value = record.get(field)
    return value if isinstance(value, list) else []


def _ref_slug(reference: Any) -> str:
    """The slug of ``{"id": "https://www.gov.uk/api/organisations/slug", ...}`` (or of a bare slug)."""
    url = reference.get("id") if isinstance(reference, dict) else reference
    return str(url or "").rstrip("/").rsplit("/", 1)[-1]
