"""Reading YAML safely, and finding where things are in a document.

PyYAML's loaders keep the last of two equal keys, expand aliases without
limit, build arbitrary objects from tags and overflow the C stack on deeply
nested input. :func:`read` builds plain values from libyaml's event stream
instead, in one iterative pass, and refuses each of those with a problem that
names the line and column. :func:`locate` re-reads a document to find where
given paths are, so positions cost nothing unless there is an error to report.

By concern: :mod:`~govgraph._yaml.scalars` (the event stream and scalar values),
:mod:`~govgraph._yaml.reading` (:func:`read` and its limits),
:mod:`~govgraph._yaml.characters` (where a refused character is) and
:mod:`~govgraph._yaml.locating` (:func:`locate`).
"""

from __future__ import annotations

from .._limits import MAX_ALIAS_CHARACTERS, MAX_ALIAS_NODES, MAX_DEPTH
from .locating import Located, locate
from .reading import YamlProblem, read
from .scalars import Path

__all__ = ["MAX_ALIAS_CHARACTERS", "MAX_ALIAS_NODES", "MAX_DEPTH", "Located", "Path", "YamlProblem", "locate", "read"]
