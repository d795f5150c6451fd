"""The slots behind the methods of :class:`~govgraph.model.structure.Structure` that
belong to the layers above the model (see :mod:`govgraph._slots`).

The free functions are the API — :func:`govgraph.graph.routes_up`,
:func:`govgraph.dump`, :func:`govgraph.interchange.to_frames` and the rest — and
``structure.routes_up(...)`` and its like are shortcuts to them: each slot here is
filled by the module named in it when that module is imported.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from .._slots import Slot
from .items import Relationship

if TYPE_CHECKING:
    import networkx as nx

    from .structure import Structure

Format = Literal["yaml", "json"]


class _RoutesUp(Protocol):
    def __call__(self, structure: Structure, body_id: str, /, *, limit: int = ...) -> list[list[str]]: ...


class _Dump(Protocol):
    def __call__(self, structure: Structure, path: str | Path, /, *, format: Format | None = ...) -> Path: ...


_GRAPH = "govgraph.graph"
roots: Slot[Callable[[Structure], list[str]]] = Slot("Structure.roots", _GRAPH)
routes_up: Slot[_RoutesUp] = Slot("Structure.routes_up", _GRAPH)
roots_of: Slot[Callable[[Structure, str], list[str]]] = Slot("Structure.roots_of", _GRAPH)
below: Slot[Callable[[Structure, str], list[str]]] = Slot("Structure.below", _GRAPH)
between: Slot[Callable[[Structure, str, str], list[Relationship]]] = Slot("Structure.between", _GRAPH)
at: Slot[Callable[[Structure, date], Structure]] = Slot("Structure.at", _GRAPH)
became: Slot[Callable[[Structure, str], list[str]]] = Slot("Structure.became", _GRAPH)
subset: Slot[Callable[..., Structure]] = Slot("Structure.subset", _GRAPH)
to_networkx: Slot[Callable[[Structure], nx.MultiDiGraph]] = Slot("Structure.to_networkx", _GRAPH)
dump: Slot[_Dump] = Slot("Structure.dump", "govgraph.loading")
dumps: Slot[Callable[[Structure, Format], str]] = Slot("Structure.dumps", "govgraph.loading")
recommendations_frame: Slot[Callable[[Structure], Any]] = Slot(
    "Structure.recommendations_frame", "govgraph.recommendations"
)
to_frames: Slot[Callable[[Structure, Any], dict[str, Any]]] = Slot("Structure.to_frames", "govgraph.interchange")
notebook: Slot[Callable[[Structure], dict[str, str]]] = Slot("Structure._repr_mimebundle_", "govgraph.export")
