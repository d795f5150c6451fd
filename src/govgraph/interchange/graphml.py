"""GraphML and GEXF, written by networkx, for Gephi, yEd, Cytoscape and networkx itself.

One node per body, its id the body's id; one edge per relationship, from its
source to its target, its GraphML id (networkx's edge key) the relationship's
kind. Every field becomes an attribute of its own type (text, true/false,
integer); a field holding nothing is left out, and a field holding a list or a
mapping (``areas``, ``members``, ``sources``, ``metadata``) is JSON text. Nodes
carry ``label`` (the name) and edges ``label`` (the kind), the attribute Gephi and
yEd show; edges carry ``order``, their position in the file, so that
:func:`read_graphml` restores the relationships in file order. The structure's
own fields (name, sources, levels, areas, …) are attributes of the GraphML
graph, so a GraphML file holds everything and reads back to an equal structure
(a date inside ``metadata`` comes back as its text, as through JSON):

>>> import govgraph as gg, tempfile, pathlib
>>> s = gg.load("examples/devon/devon.yaml")
>>> path = pathlib.Path(tempfile.mkdtemp()) / "devon.graphml"
>>> _ = to_graphml(s, path)
>>> read_graphml(path) == s
True

GEXF has no attributes for the graph itself: a GEXF file holds the bodies and
relationships with all their fields, and the structure's name only.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from .._files import write_atomically
from ..errors import Problem, StructureError
from ..model import Body, Relationship, RelationshipKind, Structure
from ._values import check_xml_text, flat, unjson

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["gexf_text", "graphml_text", "read_graphml", "to_gexf", "to_graph", "to_graphml"]

_STRUCTURE_ONLY = frozenset({"bodies", "relationships"})
_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"


def to_graph(structure: Structure, *, format: str = "GraphML") -> nx.MultiDiGraph:
    """The structure as the flat-valued ``MultiDiGraph`` that is written as GraphML and GEXF.

    Unlike :meth:`Structure.to_networkx`, every attribute is text, a number or
    true/false (lists and mappings as JSON text), as file formats need. Raises
    :class:`~govgraph.StructureError` naming each text that XML cannot hold.
    """
    import networkx as nx  # imported when first used: it costs a third of importing govgraph

    graph_values = flat(structure, exclude=_STRUCTURE_ONLY)
    places: list[tuple[str, Any]] = [(key, value) for key, value in graph_values.items()]
    graph = nx.MultiDiGraph(**graph_values)
    nodes = []
    for index, body in enumerate(structure.bodies):
        values = flat(body, exclude=frozenset({"id"}))
        places.extend((f"bodies[{index}].{key}", value) for key, value in values.items())
        nodes.append((body.id, {"label": body.name, **values}))
    edges = []
    for index, relation in enumerate(structure.relationships):
        values = flat(relation, exclude=frozenset({"source", "target"}))
        places.extend((f"relationships[{index}].{key}", value) for key, value in values.items())
        edges.append(
            (
                relation.source,
                relation.target,
                relation.kind.value,
                {"label": relation.kind.value, **values, "order": index},
            )
        )
    check_xml_text(places, format)
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    return graph


def graphml_text(structure: Structure) -> str:
    """The structure as GraphML text (UTF-8 declared); the same structure gives the same text."""
    import networkx as nx  # imported when first used: it costs a third of importing govgraph

    writer = nx.readwrite.graphml.GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(to_graph(structure))
    # ElementTree writes a carriage return in text as it is, and XML readers turn it
    # into a line feed: as a character reference it reads back as written. Markup
    # never holds one, so every carriage return here is in a value.
    return _DECLARATION + str(writer).replace("\r", "&#13;")


def to_graphml(structure: Structure, path: str | os.PathLike[str]) -> Path:
    """Write the structure to ``path`` as GraphML, atomically; :func:`read_graphml` reads it back."""
    return write_atomically(path, graphml_text(structure))


_LAST_MODIFIED = re.compile(r' lastmodifieddate="[^"]*"')


def gexf_text(structure: Structure) -> str:
    """The structure as GEXF 1.2 text; the same structure gives the same text.

    networkx stamps the file with the day it was written: the stamp is the
    structure's ``as_of`` date instead, or left out when it has none.
    """
    import networkx as nx  # imported when first used: it costs a third of importing govgraph

    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph(to_graph(structure, format="GEXF"))
    text = str(writer).replace("\r", "&#13;")
    stamp = f' lastmodifieddate="{structure.as_of_date.isoformat()}"' if structure.as_of_date else ""
    return _DECLARATION + _LAST_MODIFIED.sub(stamp, text, count=1)


def to_gexf(structure: Structure, path: str | os.PathLike[str]) -> Path:
    """Write the structure to ``path`` as GEXF 1.2, atomically (Gephi's own format)."""
    return write_atomically(path, gexf_text(structure))


# -- reading ------------------------------------------------------------------------

_BODY_FIELDS = frozenset(field.alias or name for name, field in Body.model_fields.items())
_RELATION_FIELDS = frozenset(field.alias or name for name, field in Relationship.model_fields.items())
_STRUCTURE_FIELDS = frozenset(field.alias or name for name, field in Structure.model_fields.items())
_KINDS = frozenset(kind.value for kind in RelationshipKind)


def read_graphml(path: str | os.PathLike[str]) -> Structure:
    """A structure from a GraphML file: one written by :func:`to_graphml` reads back
    equal to the structure written.

    A GraphML file from elsewhere (yEd, Gephi, networkx) reads too: a node
    without ``name`` is named by its ``label`` or id, one without ``kind`` is of
    kind ``other``; an edge's kind is its ``kind`` attribute, else its id when
    that is a relationship kind. Attributes that are not govgraph fields (a
    ``label`` that is not the name or kind among them) are kept in the body's or
    relationship's ``metadata``. Every problem is reported at
    once as a :class:`~govgraph.StructureError`, with the line of the node or edge.
    """
    import networkx as nx  # imported when first used: it costs a third of importing govgraph

    file = os.fspath(path)
    text = Path(file).read_text(encoding="utf-8", errors="replace")
    try:
        graph = nx.read_graphml(file, force_multigraph=True)
    except ElementTree.ParseError as error:
        line, column = error.position
        raise StructureError([Problem(file, line, column + 1, "", f"not GraphML: {error}")]) from None
    except (nx.NetworkXError, KeyError, ValueError, TypeError) as error:
        raise StructureError([Problem(file, 1, 1, "", f"not GraphML that govgraph can read: {error}")]) from None
    places = _Places(text)
    problems: list[Problem] = []

    def decoded(
        model: type[BaseModel], values: dict[str, Any], where: tuple[int, int] | None, what: str
    ) -> dict[str, Any]:
        try:
            return unjson(model, values)
        except ValueError as error:
            problems.append(_problem(file, where, what, str(error)))
            return values

    graph_values = {k: v for k, v in graph.graph.items() if k not in ("node_default", "edge_default")}
    data = _known(decoded(Structure, graph_values, places.graph, "graph"), _STRUCTURE_FIELDS)
    data.setdefault("name", Path(file).stem)
    bodies, body_lines = [], []
    for node, attributes in graph.nodes(data=True):
        values = dict(attributes)
        label = values.get("label")
        if label is None or values.setdefault("name", label) == label:
            values.pop("label", None)  # the name, as written for Gephi and yEd; else kept in metadata
        values.setdefault("name", str(node))
        values.setdefault("kind", "other")
        where = places.node(str(node))
        bodies.append({"id": str(node), **_known(decoded(Body, values, where, f"node {node}"), _BODY_FIELDS)})
        body_lines.append(where)
    relations: list[tuple[tuple[bool, Any, int], dict[str, Any], tuple[int, int] | None]] = []
    for position, (source, target, key, attributes) in enumerate(graph.edges(keys=True, data=True)):
        values = dict(attributes)
        order = values.pop("order", None)
        if "kind" not in values and str(key) in _KINDS:
            values["kind"] = str(key)
        if values.get("label") == values.get("kind"):
            values.pop("label", None)  # the kind, as written for Gephi and yEd; else kept in metadata
        where = places.edge(str(source), str(target), str(key))
        what = f"edge {source}->{target}"
        if "kind" not in values:
            problems.append(_problem(file, where, what, "has no kind: add a 'kind' attribute"))
            continue
        rank = (not isinstance(order, int), order if isinstance(order, int) else 0, position)
        values = _known(decoded(Relationship, values, where, what), _RELATION_FIELDS)
        relations.append((rank, {"source": str(source), "target": str(target), **values}, where))
    relations.sort(key=lambda item: item[0])
    data["bodies"] = bodies
    data["relationships"] = [values for _, values, _ in relations]
    edge_lines = [where for _, _, where in relations]
    if problems:
        raise StructureError(problems)
    try:
        return Structure.model_validate(data)
    except ValidationError as error:
        raise StructureError(_problems(error, file, data, body_lines, edge_lines, places.graph)) from None


def _problem(file: str, where: tuple[int, int] | None, path: str, message: str) -> Problem:
    line, column = where or (None, None)
    return Problem(file, line, column, path, message)


def _known(values: dict[str, Any], fields: frozenset[str]) -> dict[str, Any]:
    """``values`` with the attributes that are not fields moved into ``metadata``."""
    known = {key: value for key, value in values.items() if key in fields}
    extra = {key: value for key, value in values.items() if key not in fields}
    if extra:
        metadata = known.get("metadata")
        known["metadata"] = {**(metadata if isinstance(metadata, dict) else {}), **extra}
    return known


def _problems(
    error: ValidationError,
    file: str,
    data: dict[str, Any],
    body_lines: list[tuple[int, int] | None],
    edge_lines: list[tuple[int, int] | None],
    graph_line: tuple[int, int] | None,
) -> list[Problem]:
    from ..loading import format_path
    from ..loading.explain import _explain

    problems = []
    for detail in error.errors(include_url=False):
        loc, _, message = _explain(detail)
        where = graph_line
        path = format_path(loc)
        if len(loc) >= 2 and loc[0] == "bodies" and isinstance(loc[1], int):
            where = body_lines[loc[1]]
            path = format_path((f"node {data['bodies'][loc[1]]['id']}", *loc[2:]))
        elif len(loc) >= 2 and loc[0] == "relationships" and isinstance(loc[1], int):
            where = edge_lines[loc[1]]
            relation = data["relationships"][loc[1]]
            path = format_path((f"edge {relation['source']}->{relation['target']}", *loc[2:]))
        problems.append(_problem(file, where, path, message))
    return problems


class _Places:
    """Lines and columns of the nodes and edges of a GraphML text, found by a scan
    of its tags (ElementTree keeps no positions)."""

    _TAG = re.compile(r"<(node|edge|graph)\b[^>]*>")
    _ATTRIBUTE = re.compile(r'\b(id|source|target)\s*=\s*"([^"]*)"')

    def __init__(self, text: str) -> None:
        self._nodes: dict[str, tuple[int, int]] = {}
        self._edges: dict[tuple[str, str, str | None], tuple[int, int]] = {}
        self.graph: tuple[int, int] | None = None
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        for match in self._TAG.finditer(text):
            attributes = dict(self._ATTRIBUTE.findall(match.group()))
            line = _line_at(starts, match.start())
            where = (line, match.start() - starts[line - 1] + 1)
            if match.group(1) == "graph":
                self.graph = self.graph or where
            elif match.group(1) == "node" and "id" in attributes:
                self._nodes.setdefault(_unescape(attributes["id"]), where)
            elif match.group(1) == "edge" and "source" in attributes and "target" in attributes:
                ends = (_unescape(attributes["source"]), _unescape(attributes["target"]))
                self._edges.setdefault((*ends, attributes.get("id")), where)
                self._edges.setdefault((*ends, None), where)

    def node(self, node: str) -> tuple[int, int] | None:
        return self._nodes.get(node)

    def edge(self, source: str, target: str, key: str) -> tuple[int, int] | None:
        return self._edges.get((source, target, key)) or self._edges.get((source, target, None))


def _line_at(starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(starts, offset)


def _unescape(value: str) -> str:
    return value.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
