"""``govgraph import organogram``: data.gov.uk senior-staff organograms.

Each row of the CSV (or XLSX) is a senior post: a body of kind ``post`` named
after its job title, with every other column kept in ``metadata``. A post that
reports to ``XX`` is a top post: it is marked ``sovereign``, so accountability
routes end there. Every other ``Reports to Senior Post`` is a ``reports_to``
edge to the post of that id in the same file.

How rows are counted, as data.gov.uk's own validator counts them:

- A vacant post's id is ``0`` ("paid but not in post"), shared by every vacant
  row: each vacant row is a post of its own (``0``, ``0-2``, …), not a repeat.
- Rows that repeat an id and agree on every column but ``FTE`` are a job share:
  one post, its rows listed in ``metadata.job_share_rows``. Rows that repeat an
  id and disagree elsewhere are a ``duplicate-id`` finding; the first row's
  values are kept and the others under ``metadata.duplicate_rows``. Every row's
  report is an edge, so no row's line upwards is lost.
- A post whose ``Name`` is ``Eliminated`` (in files that keep the name column)
  is ``dissolved``: the rules pass over it, as the validator's tree checks do,
  and a post still reporting to it is a ``dissolved-in-use`` warning.
- A workbook is read from its first sheet whose name contains "senior" (the
  data.gov.uk template's "(final data) senior-staff"), else its first sheet.
- Each row naming a post not in the file is a ``dangling-reference`` finding,
  one naming itself a ``self-reference``; the edge is left out. The posts below
  are then ``orphaned-group`` findings of the rules, as are posts in a loop
  (``hierarchy-cycle``).

>>> import govgraph as gg
>>> imported = gg.read_organogram("examples/realdata/organograms-2013/300913-OFFA-final.csv")
>>> [(b.id, b.name, b.sovereign) for b in imported.structure.bodies]
[('OF009', 'Director of Fair Access', True)]
"""

from __future__ import annotations

import os
from typing import Any

from ..model import BodyKind, RelationshipKind, Status
from .common import build, column, display, source_entry
from .findings import Ids, Imported, ImportFinding, finding, fold, likely
from .tables import read_table_file, refuse

__all__ = ["read_organogram"]

ID, REPORTS, TITLE = "Post Unique Reference", "Reports to Senior Post", "Job Title"
WHAT = f"a data.gov.uk senior organogram (a header row with '{ID}' and '{REPORTS}')"
#: Columns a job share's rows may differ in (the validator's list, of those a file may have).
SHARED = frozenset(
    fold(c)
    for c in (
        "FTE",
        "Name",
        "Actual Pay Floor (£)",
        "Actual Pay Ceiling (£)",
        "Contact Phone",
        "Contact E-mail",
        "Notes",
        "Salary Cost of Reports (£)",
    )
)
VACANT, TOP, ELIMINATED = "0", "xx", "eliminated"


def read_organogram(path: str | os.PathLike[str], *, sheet: str | None = None) -> Imported:
    """Import one data.gov.uk senior organogram (CSV, or XLSX with ``sheet``).

    Returns an :class:`~govgraph.importers.Imported`: the structure of posts and
    the file's defects as findings with their rows. Raises
    :class:`~govgraph.StructureError` for a file that is not an organogram.
    """
    file = display(path)
    table = read_table_file(file, sheet=sheet, what=WHAT, prefer="senior")
    id_column, reports_column = column(table, ID), column(table, REPORTS)
    table.require([id_column or ID, reports_column or REPORTS], WHAT)
    assert id_column is not None and reports_column is not None
    title_column, name_column = column(table, TITLE), column(table, "Name")
    if not table.rows:
        refuse(file, 1, f"no posts: the file has a header row and nothing below it; expected {WHAT}")
    others = [c for c in table.columns if c and c not in (id_column, reports_column, title_column)]
    source = source_entry(file)
    known = {cells[id_column] for _, cells in table.rows}
    folded = {fold(k): k for k in known if k}
    ids = Ids()
    findings: list[ImportFinding] = []
    bodies: dict[str, dict[str, Any]] = {}
    first: dict[str, tuple[int, dict[str, str]]] = {}
    rows: dict[str, tuple[str, int]] = {}
    reports: list[tuple[int, str, str, str]] = []  # (row, body id, source id, reports to)
    tops: list[str] = []
    for number, cells in table.rows:
        post = cells[id_column]
        if not post.strip():
            body_id = ids.fresh("", fallback=f"row-{number}")
            findings.append(
                finding("blank-id", f"row {number} has no {ID}; kept as post '{body_id}'", [body_id], file, number)
            )
        elif post == VACANT:
            body_id = ids.fresh(post)
            ids.of.setdefault(post, body_id)
        elif post in first:
            body_id = ids.of[post]
            _repeat(
                bodies[body_id],
                first[post],
                number,
                cells,
                others + [c for c in (title_column,) if c],
                reports_column,
                findings,
                file,
                body_id,
                post,
            )
            reports.append((number, body_id, post, cells[reports_column]))
            continue
        else:
            body_id = ids.make(post)
        first.setdefault(post, (number, cells))
        title = (cells.get(title_column) or "").strip() if title_column else ""
        metadata: dict[str, Any] = {c: cells[c] for c in others if cells[c].strip()}
        if post == VACANT:
            metadata["vacant"] = True
        eliminated = name_column is not None and cells[name_column].strip().casefold() == ELIMINATED
        if body_id != post and post.strip():
            metadata["source_id"] = post
        bodies[body_id] = {
            "id": body_id,
            "name": title or f"Post {post.strip() or body_id}",
            "kind": BodyKind.POST,
            "sources": [{"source": source["id"], "at": f"row {number}"}],
            "metadata": metadata,
        }
        if eliminated:
            bodies[body_id]["status"] = Status.DISSOLVED
        rows[body_id] = (file, number)
        reports.append((number, body_id, post, cells[reports_column]))
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for number, body_id, post, target in reports:
        if target.strip().casefold() == TOP:
            bodies[body_id]["sovereign"] = True
            if body_id not in tops:
                tops.append(body_id)
        elif not target.strip():
            continue  # no report given: the rules report the post as orphaned
        elif target == post and post.strip():
            findings.append(
                finding(
                    "self-reference", f"post '{post}' reports to itself; the edge is left out", [body_id], file, number
                )
            )
        elif target not in known:
            findings.append(
                finding(
                    "dangling-reference",
                    f"post '{post}' reports to '{target}', which is not a post of this file"
                    f"{likely(target, folded)}; the edge is left out",
                    [body_id],
                    file,
                    number,
                )
            )
        else:
            parent = ids.of[target]
            if parent != body_id:
                edges.setdefault(
                    (body_id, parent), {"source": body_id, "kind": RelationshipKind.REPORTS_TO, "target": parent}
                )
    org_column = column(table, "Organisation")
    organisation = next((cells[org_column] for _, cells in table.rows if org_column and cells[org_column].strip()), "")
    structure = build(
        file,
        {
            "name": f"{organisation.strip()} senior posts" if organisation.strip() else os.path.basename(file),
            "description": f"Imported from {os.path.basename(file)} (data.gov.uk senior organogram)",
            "sources": [source],
            "bodies": list(bodies.values()),
            "relationships": list(edges.values()),
            "metadata": {"imported_from": os.path.basename(file), "top_posts": tops},
        },
    )
    return Imported(structure, findings, rows)


def _repeat(
    body: dict[str, Any],
    first: tuple[int, dict[str, str]],
    number: int,
    cells: dict[str, str],
    compared: list[str],
    reports_column: str,
    findings: list[ImportFinding],
    file: str,
    body_id: str,
    post: str,
) -> None:
    """A row repeating an id: a job share when it agrees with the first row, else a duplicate-id."""
    first_row, first_cells = first
    differ = [c for c in [*compared, reports_column] if fold(c) not in SHARED and cells[c] != first_cells[c]]
    metadata = body["metadata"]
    if not differ:
        metadata.setdefault("job_share_rows", [first_row]).append(number)
        return
    metadata.setdefault("duplicate_rows", []).append({"row": number, **{c: cells[c] for c in differ}})
    names = ", ".join(differ[:4]) + (f" and {len(differ) - 4} more" if len(differ) > 4 else "")
    findings.append(
        finding(
            "duplicate-id",
            f"post '{post}' repeats the id of row {first_row} but differs in {names}; row {first_row} is kept, "
            "this row's values are in metadata.duplicate_rows",
            [body_id],
            file,
            number,
        )
    )
