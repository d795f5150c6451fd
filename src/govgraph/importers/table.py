"""``govgraph import table``: any node and edge tables, CSV or XLSX, with a column mapping.

A *node table* has a row per body: an id column, a name column, a kind (a
constant, or a column with a map of its values to body kinds), optional
constants (``sovereign``, ``authority``, ``level``, ``areas``,
``service_areas``) and optionally a parent column naming each row's parent(s)
by id or by name, several separated by ``separator``. An *edge table* has a
row per relationship: source, target and kind columns (or a constant kind).
Every other column is kept in ``metadata``.

Ids are the source's, as written, where they fit govgraph's id pattern;
otherwise other characters become ``-`` and the original is kept as
``metadata.source_id``. References match ids (or names) exactly, as the
source does; parts of a parent cell split at ``separator`` are stripped of
surrounding spaces. A blank parent cell means no parent. Repeated edge rows
are one edge; repeated ids whose rows agree are one body.

The mapping is given as keyword arguments for one node table, or as a
:class:`TableMapping` (read from YAML with :meth:`TableMapping.load`; the
file is shown in :mod:`govgraph.importers.table_mapping`, which holds the
mapping's models and their messages). This module reads the tables.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from ..errors import Problem, StructureError
from ..model import BodyKind, RelationshipKind, Status
from .common import build, column, source_entry
from .findings import Ids, Imported, ImportFinding, finding, fold, likely
from .table_mapping import EdgeTable, NodeTable, Parent, TableMapping, ValueMap, _from_options
from .tables import Table, read_table_file, refuse

__all__ = ["EdgeTable", "NodeTable", "Parent", "TableMapping", "ValueMap", "read_table"]


def read_table(
    nodes: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
    *,
    edges: Sequence[str | os.PathLike[str]] = (),
    mapping: TableMapping | str | os.PathLike[str] | None = None,
    id: str | None = None,
    name: str | None = None,
    kind: str | None = None,
    parent: str | None = None,
    parent_by: Literal["id", "name"] = "id",
    separator: str | None = None,
    relationship: str = "sub_group_of",
    sheet: str | None = None,
    edge_source: str = "source",
    edge_target: str = "target",
    edge_kind: str = "kind",
    status: str | None = None,
) -> Imported:
    """Import node tables (and edge tables) into one structure.

    Either give ``mapping`` (a :class:`TableMapping` or the path of its YAML
    file), or the node table file(s) with the one-table options: ``id`` (default:
    a column named ``id``, else the first column), ``name`` (default: a column
    named ``name``, else the id), ``kind`` (a body kind, or the column holding
    kinds; default ``other``), ``parent`` (the column naming each row's
    parents), ``parent_by`` (``id`` or ``name``), ``separator`` (between
    several parents) and ``relationship`` (the kind of the parent edges,
    default ``sub_group_of``), ``status`` (a column whose values ``active``,
    ``proposed`` or ``dissolved``, in any case, set each body's status; others
    leave it active, the value kept in ``metadata``). Edge tables have ``edge_source``,
    ``edge_target`` and ``edge_kind`` columns (a relationship kind instead of a
    column name makes every row that kind).
    """
    if mapping is None:
        if nodes is None:
            raise StructureError([Problem(None, None, None, "", "give node tables or a mapping")])
        mapping = _from_options(
            nodes,
            edges,
            id=id,
            name=name,
            kind=kind,
            parent=parent,
            parent_by=parent_by,
            separator=separator,
            relationship=relationship,
            sheet=sheet,
            edge_source=edge_source,
            edge_target=edge_target,
            edge_kind=edge_kind,
            status=status,
        )
    elif not isinstance(mapping, TableMapping):
        mapping = TableMapping.load(mapping)
    return _Import(mapping).run()


class _Import:
    def __init__(self, mapping: TableMapping) -> None:
        self.mapping = mapping
        self.ids = Ids()
        self.findings: list[ImportFinding] = []
        self.bodies: dict[str, dict[str, Any]] = {}
        self.rows: dict[str, tuple[str, int]] = {}
        self.first: dict[str, tuple[str, int, dict[str, str]]] = {}
        self.by_name: dict[str, list[str]] = {}
        self.edges: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.sources: dict[str, dict[str, Any]] = {}
        self.declared: dict[str, dict[str, None]] = {"levels": {}, "areas": {}, "service_areas": {}}
        self.row_body: dict[tuple[str, int], str] = {}

    def run(self) -> Imported:
        tables = [(spec, self._read(spec.file, spec.sheet)) for spec in self.mapping.tables]
        edge_tables = [(spec, self._read(spec.file, spec.sheet)) for spec in self.mapping.edges]
        resolved = [(spec, table, self._columns(spec, table)) for spec, table in tables]
        for spec, table, columns in resolved:
            self._bodies(spec, table, columns)
        if not self.bodies:
            refuse(tables[0][1].file, 1, "no rows: the node tables have a header row and nothing below it")
        self.known = {source_id for source_id in self.ids.of}
        self.folded_ids = {fold(k): k for k in self.known}
        self.folded_names = {fold(k): k for k in self.by_name}
        for spec, table, columns in resolved:
            if spec.parent is not None:
                self._parents(spec, table, columns)
        for edge_spec, table in edge_tables:
            self._edge_rows(edge_spec, table)
        first_file = self.mapping.tables[0].file
        files = [t.file for t in self.mapping.tables] + [e.file for e in self.mapping.edges]
        data: dict[str, Any] = {
            "name": self.mapping.name or Path(first_file).stem,
            "description": "Imported from " + ", ".join(dict.fromkeys(Path(f).name for f in files)),
            "sources": list(self.sources.values()),
            "bodies": list(self.bodies.values()),
            "relationships": list(self.edges.values()),
        }
        for section, ids in self.declared.items():
            if ids:
                data[section] = [{"id": i, "name": i} for i in ids]
        return Imported(build(first_file, data), self.findings, self.rows)

    def _read(self, file: str, sheet: str | None) -> Table:
        table = read_table_file(file, sheet=sheet, what="a table with a header row")
        entry = source_entry(file)
        entry["id"] = self.ids_for_sources(entry["id"])
        self.sources[file] = entry
        return table

    def ids_for_sources(self, wanted: str) -> str:
        taken = {s["id"] for s in self.sources.values()}
        made, number = wanted, 2
        while made in taken:
            made, number = f"{wanted}-{number}", number + 1
        return made

    def _columns(self, spec: NodeTable, table: Table) -> dict[str, str | None]:
        id_column = spec.id if spec.id is not None else (column(table, "id") or table.columns[0])
        name_column = spec.name if spec.name is not None else column(table, "name")
        kind_column = spec.kind.column if isinstance(spec.kind, ValueMap) else None
        parent_column = spec.parent.column if spec.parent else None
        status_column = spec.status.column if spec.status else None
        table.require(
            [id_column, name_column, kind_column, parent_column, status_column],
            "the columns the mapping names (--id, --name, --kind, --parent, --status)",
        )
        return {
            "id": id_column,
            "name": name_column,
            "kind": kind_column,
            "parent": parent_column,
            "status": status_column,
        }

    def _bodies(self, spec: NodeTable, table: Table, columns: dict[str, str | None]) -> None:
        id_column, name_column = columns["id"], columns["name"]
        assert id_column is not None
        used = {c for c in columns.values() if c}
        others = [c for c in table.columns if c and c not in used]
        source = self.sources[table.file]["id"]
        for number, cells in table.rows:
            raw = cells[id_column]
            if not raw.strip():
                body_id = self.ids.fresh("", fallback=f"row-{number}")
                self.findings.append(
                    finding(
                        "blank-id",
                        f"row {number} has no {id_column}; kept as body '{body_id}'",
                        [body_id],
                        table.file,
                        number,
                    )
                )
            elif raw in self.first:
                self.row_body[(table.file, number)] = self.ids.of[raw]
                self._repeat(raw, table.file, number, cells, [c for c in table.columns if c])
                continue
            else:
                body_id = self.ids.make(raw)
            self.first[raw] = (table.file, number, cells)
            self.row_body[(table.file, number)] = body_id
            body_name = (cells[name_column] if name_column else "").strip() or raw.strip() or body_id
            metadata: dict[str, Any] = {c: cells[c] for c in others if cells[c].strip()}
            if body_id != raw and raw.strip():
                metadata["source_id"] = raw
            body: dict[str, Any] = {
                "id": body_id,
                "name": body_name,
                "kind": self._kind(spec.kind, cells, BodyKind, BodyKind.OTHER),
                "sources": [{"source": source, "at": f"row {number}"}],
            }
            for read in (spec.kind, spec.status):
                if isinstance(read, ValueMap) and cells[read.column].strip():
                    metadata.setdefault(read.column, cells[read.column])
            if spec.status is not None:
                value = cells[spec.status.column].strip()
                mapped = spec.status.values.get(value, value).casefold()
                if mapped in Status._value2member_map_ and mapped != Status.ACTIVE.value:
                    body["status"] = Status(mapped)
            for constant in ("sovereign", "authority", "level", "areas", "service_areas"):
                value = getattr(spec, constant)
                if value not in (None, []):
                    body[constant] = value
            if spec.level:
                self.declared["levels"][spec.level] = None
            for section in ("areas", "service_areas"):
                for item in getattr(spec, section):
                    self.declared[section][item] = None
            body["metadata"] = metadata
            self.bodies[body_id] = body
            self.rows[body_id] = (table.file, number)
            if name_column and cells[name_column].strip():
                self.by_name.setdefault(cells[name_column].strip(), []).append(raw)

    def _repeat(self, raw: str, file: str, number: int, cells: dict[str, str], compared: list[str]) -> None:
        first_file, first_row, first_cells = self.first[raw]
        body_id = self.ids.of[raw]
        differ = [c for c in compared if cells.get(c, "") != first_cells.get(c, "")]
        if not differ:
            return
        self.bodies[body_id]["metadata"].setdefault("duplicate_rows", []).append(
            {"row": number, **{c: cells[c] for c in differ}}
        )
        where = f"row {first_row}" if first_file == file else f"{first_file} row {first_row}"
        names = ", ".join(differ[:4]) + (f" and {len(differ) - 4} more" if len(differ) > 4 else "")
        self.findings.append(
            finding(
                "duplicate-id",
                f"id '{raw}' repeats the id of {where} but differs in {names}; {where} is kept, "
                "this row's values are in metadata.duplicate_rows",
                [body_id],
                file,
                number,
            )
        )

    @staticmethod
    def _kind(spec: Any, cells: dict[str, str], kinds: Any, default: Any) -> Any:
        if not isinstance(spec, ValueMap):
            return spec
        value = cells[spec.column].strip()
        mapped = spec.values.get(value, value)
        return kinds(mapped) if mapped in kinds._value2member_map_ else default

    def _resolve(
        self, reference: str, by: str, what: str, file: str, number: int, subject: str, bodies: list[str]
    ) -> str | None:
        """The body id a reference names, or ``None`` with a dangling-reference finding."""
        if by == "name":
            found = self.by_name.get(reference)
            if found is not None and len(found) == 1:
                return self.ids.of[found[0]]
            if found:
                message = (
                    f"{subject} names {what} '{reference}', the name of {len(found)} rows "
                    f"(ids {', '.join(found[:5])}): give the id instead; the edge is left out"
                )
            else:
                message = (
                    f"{subject} names {what} '{reference}', which is the name of no row"
                    f"{likely(reference, self.folded_names)}; the edge is left out"
                )
        else:
            if reference in self.known:
                return self.ids.of[reference]
            message = (
                f"{subject} names {what} '{reference}', which is the id of no row"
                f"{likely(reference, self.folded_ids)}; the edge is left out"
            )
        self.findings.append(finding("dangling-reference", message, bodies, file, number))
        return None

    def _parents(self, spec: NodeTable, table: Table, columns: dict[str, str | None]) -> None:
        assert spec.parent is not None and columns["id"] is not None and columns["parent"] is not None
        parent_column = columns["parent"]
        for number, cells in table.rows:
            body_id = self.row_body[(table.file, number)]
            cell = cells[parent_column]
            parts = cell.split(spec.parent.separator) if spec.parent.separator else [cell]
            for part in (p.strip() for p in parts):
                if not part:
                    continue
                target = self._resolve(part, spec.parent.by, "parent", table.file, number, f"'{body_id}'", [body_id])
                if target is None:
                    continue
                if target == body_id:
                    self.findings.append(
                        finding(
                            "self-reference",
                            f"'{body_id}' names itself as its parent; the edge is left out",
                            [body_id],
                            table.file,
                            number,
                        )
                    )
                    continue
                self._edge(body_id, spec.parent.relationship, target, {})

    def _edge_rows(self, spec: EdgeTable, table: Table) -> None:
        kind_column = spec.kind.column if isinstance(spec.kind, ValueMap) else None
        table.require([spec.source, spec.target, kind_column], "the edge columns (source, target, kind)")
        others = [c for c in table.columns if c and c not in (spec.source, spec.target, kind_column)]
        for number, cells in table.rows:
            if isinstance(spec.kind, ValueMap):
                value = cells[spec.kind.column].strip()
                mapped = spec.kind.values.get(value, value)
                if mapped not in RelationshipKind._value2member_map_:
                    kinds = ", ".join(k.value for k in RelationshipKind)
                    refuse(
                        table.file,
                        number,
                        f"row {number}: {spec.kind.column} {value!r} is not a relationship kind; one of: {kinds} "
                        "(or map it with kind: {column: ..., values: {...}} in a mapping file)",
                    )
                kind = RelationshipKind(mapped)
            else:
                kind = spec.kind
            ends: list[str | None] = []
            for role, end in (("source", spec.source), ("target", spec.target)):
                reference = cells[end].strip()
                if not reference:
                    ends.append(None)
                    self.findings.append(
                        finding(
                            "dangling-reference",
                            f"row {number} has no {role} ({end}); the edge is left out",
                            [],
                            table.file,
                            number,
                        )
                    )
                    break
                ends.append(self._resolve(reference, spec.by, role, table.file, number, f"row {number}", []))
            if len(ends) < 2 or None in ends:
                continue
            source, target = ends[0], ends[1]
            assert source is not None and target is not None
            if source == target:
                self.findings.append(
                    finding(
                        "self-reference",
                        f"row {number}: '{source}' {kind.value} itself; the edge is left out",
                        [source],
                        table.file,
                        number,
                    )
                )
                continue
            self._edge(source, kind, target, {c: cells[c] for c in others if cells[c].strip()})

    def _edge(self, source: str, kind: RelationshipKind, target: str, metadata: dict[str, Any]) -> None:
        if kind is RelationshipKind.LINKS_WITH and target < source:
            source, target = target, source
        key = (source, kind.value, target)
        if key not in self.edges:
            edge: dict[str, Any] = {"source": source, "kind": kind, "target": target}
            if metadata:
                edge["metadata"] = metadata
            self.edges[key] = edge
