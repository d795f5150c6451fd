"""The catalogue of rules and the parsing of their settings.

This module sits at the bottom of the house: the model consults it to validate
the ``checks:`` and ``waivers:`` sections of a file, and the rule modules in
:mod:`govgraph.checks` fill it. It knows nothing of structures itself.

A *setting* is what a user writes for one rule, in a file's ``checks:``, in a
``--config`` file or as a keyword argument to :func:`govgraph.check`::

    multiple-parents: "off"          # or bare off, read by YAML as false
    level-inversion: error           # a severity
    coverage-gap: {severity: error, kind: local_planning_group}
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from ._hints import did_you_mean, one_of

__all__ = [
    "NoOptions",
    "RuleSetting",
    "RuleSpec",
    "SettingProblem",
    "Severity",
    "all_rules",
    "get_rule",
    "parse_setting",
    "register",
    "unregister",
]


class Severity(StrEnum):
    """How much a finding matters; ``error`` is the most."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for error, 1 for warning, 2 for info: sorts the worst first."""
        return _RANK[self]


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
OFF = "off"


class NoOptions(BaseModel):
    """Options of a rule that takes none."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class RuleSpec:
    """A registered rule: its id, default severity, options and check function."""

    id: str
    severity: Severity
    options: type[BaseModel]
    check: Callable[..., Iterable[Any]]
    doc: str

    @property
    def fix(self) -> str:
        """The documentation's ``Fix:`` paragraph, joined into one line ("" if none)."""
        lines = self.doc.splitlines()
        for number, line in enumerate(lines):
            if line.startswith("Fix:"):
                paragraph = [line.removeprefix("Fix:").strip()]
                for following in lines[number + 1 :]:
                    if not following.strip():
                        break
                    paragraph.append(following.strip())
                return " ".join(paragraph)
        return ""

    @property
    def summary(self) -> str:
        """The first paragraph after the title line of the documentation."""
        paragraphs = [p.strip() for p in self.doc.split("\n\n")]
        body = paragraphs[1] if len(paragraphs) > 1 else (paragraphs[0] if paragraphs else "")
        return " ".join(body.split())


@dataclass(frozen=True)
class RuleSetting:
    """One layer of settings for a rule: a severity (or off) and raw options."""

    severity: Severity | None
    off: bool
    options: Mapping[str, Any]


@dataclass(frozen=True)
class SettingProblem:
    """A problem in a setting; ``loc`` is relative to the rule's entry."""

    loc: tuple[str | int, ...]
    message: str


_RULES: dict[str, RuleSpec] = {}


def register(spec: RuleSpec, *, replace: bool = False) -> RuleSpec:
    """Add ``spec`` to the catalogue; an id may be registered once unless ``replace``."""
    if spec.id in _RULES and not replace:
        raise ValueError(f"a rule with id '{spec.id}' is already registered; pass replace=True to override it")
    _RULES[spec.id] = spec
    return spec


def unregister(rule_id: str) -> None:
    """Remove a rule (used by tests that register throw-away rules)."""
    _RULES.pop(rule_id, None)


def get_rule(rule_id: str) -> RuleSpec:
    """The rule with this id; ``KeyError`` with a hint when there is none."""
    try:
        return _RULES[rule_id]
    except KeyError:
        raise KeyError(f"unknown rule '{rule_id}'{did_you_mean(rule_id, _RULES)}") from None


def all_rules() -> list[RuleSpec]:
    """Every registered rule, sorted by id."""
    return [_RULES[key] for key in sorted(_RULES)]


def unknown_rule_message(rule_id: object) -> str:
    return f"unknown rule '{rule_id}'{did_you_mean(rule_id, _RULES)}; rules: {one_of(_RULES)}"


def _parse_level(value: object, loc: tuple[str | int, ...]) -> tuple[Severity | None, bool, list[SettingProblem]]:
    if value is False or value == OFF:
        return None, True, []
    if value is True:  # bare `on`: the rule with its default severity
        return None, False, []
    if isinstance(value, str) and value in Severity.__members__.values():
        return Severity(value), False, []
    allowed = "error, warning, info, off"
    hint = did_you_mean(value, ["error", "warning", "info", "off"])
    return None, False, [SettingProblem(loc, f"{value!r} is not a severity; expected one of: {allowed}{hint}")]


def parse_setting(rule_id: str, value: object) -> tuple[RuleSetting, list[SettingProblem]]:
    """Read one rule's setting; problems are returned, never raised.

    >>> setting, problems = parse_setting("x", {"severity": "eror"})
    >>> problems[0].message
    "'eror' is not a severity; expected one of: error, warning, info, off (did you mean 'error'?)"
    """
    spec = _RULES.get(rule_id)
    if not isinstance(value, Mapping):
        severity, off, problems = _parse_level(value, ())
        return RuleSetting(severity, off, {}), problems
    problems = []
    level: Severity | None = None
    off = False
    options: dict[str, Any] = {}
    for key, item in value.items():
        if key == "severity":
            level, off, found = _parse_level(item, ("severity",))
            problems.extend(found)
        else:
            options[key] = item
    if spec is not None:
        problems.extend(validate_options(spec, options))
    return RuleSetting(level, off, options), problems


def validate_options(spec: RuleSpec, options: Mapping[str, Any]) -> list[SettingProblem]:
    """Check raw options against the rule's options model, naming unknown ones."""
    fields = spec.options.model_fields
    problems = [
        SettingProblem(
            (key,),
            f"unknown option '{key}' for rule '{spec.id}'{did_you_mean(key, fields)}; "
            + (f"its options: {one_of(fields)}, severity" if fields else "it takes only severity"),
        )
        for key in options
        if key not in fields
    ]
    known = {key: item for key, item in options.items() if key in fields}
    try:
        spec.options.model_validate(known)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            message = detail["msg"].removeprefix("Value error, ")
            if detail["type"] == "enum":
                message = f"{detail['input']!r} is not valid; expected one of: {detail['ctx']['expected']}"
            problems.append(SettingProblem(tuple(detail["loc"]), message))
    return problems


def merge_settings(spec: RuleSpec, layers: Iterable[RuleSetting]) -> tuple[Severity | None, BaseModel]:
    """Combine setting layers, later ones winning: (severity or None for off, options)."""
    severity: Severity | None = spec.severity
    options: dict[str, Any] = {}
    for layer in layers:
        if layer.off:
            severity = None
        elif layer.severity is not None:
            severity = layer.severity
        elif not layer.options and severity is None:
            severity = spec.severity  # `rule: on` after an earlier off
        options.update(layer.options)
    return severity, spec.options.model_validate(options)
