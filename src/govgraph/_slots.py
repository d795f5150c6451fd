"""Slots that a layer fills with functions for the methods of a layer below it to call.

The house imports one way: model → loading → graph → checks → diff → export →
interchange and importers → cli (``tests/test_architecture.py`` holds every module
to it, imports inside functions included). So :meth:`Structure.routes_up
<govgraph.model.structure.Structure.routes_up>` cannot import
:func:`govgraph.graph.routes_up`. The free function is the API; the method is a
shortcut to it, through a slot the model declares and :mod:`govgraph.graph` fills
when it is imported. A slot still empty when its method is first called imports
its provider by name, which fills it: ``import govgraph`` need not import every
layer (drawing, importers and interchange wait until something uses them).

>>> from collections.abc import Callable
>>> twice: Slot[Callable[[int], int]] = Slot("Number.twice", "govgraph.numbers")
>>> twice.function(2)
Traceback (most recent call last):
  ...
RuntimeError: Number.twice needs govgraph.numbers, which fills it when imported, and it did not
>>> twice.fill(lambda n: 2 * n)
>>> twice.function(2)
4
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, Generic, TypeVar

__all__ = ["Slot"]

F = TypeVar("F", bound=Callable[..., Any])


class Slot(Generic[F]):
    """A place for one function of type ``F``, filled by the module named ``provider``."""

    __slots__ = ("_function", "_method", "_provider")

    def __init__(self, method: str, provider: str) -> None:
        self._method = method
        self._provider = provider
        self._function: F | None = None

    def fill(self, function: F) -> None:
        """Put ``function`` in the slot; the provider calls this once, when imported."""
        self._function = function

    @property
    def function(self) -> F:
        """The function in the slot; a clear error if its provider was never imported."""
        if self._function is None:
            try:
                importlib.import_module(self._provider)
            except ModuleNotFoundError as error:
                if error.name != self._provider:
                    raise  # the provider is there but needs something missing: say what
            if self._function is None:
                raise RuntimeError(
                    f"{self._method} needs {self._provider}, which fills it when imported, and it did not"
                )
        return self._function
