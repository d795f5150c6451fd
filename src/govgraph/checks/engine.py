"""Running the rules: settings, waivers, findings and the report.

>>> import govgraph as gg
>>> s = gg.loads('''
... govgraph: 1
... name: Loop
... bodies:
...   - {id: a, name: A, kind: board}
...   - {id: b, name: B, kind: board}
... relationships:
...   - {source: a, kind: accountable_to, target: b}
...   - {source: b, kind: accountable_to, target: a}
... ''')
>>> report = gg.check(s)
>>> report.ok
False
>>> for f in report:
...     print(f.rule, f.bodies, f.path)
authority-cycle ['a', 'b'] ['a', 'b', 'a']
orphaned-group ['a'] None
orphaned-group ['b'] None
>>> gg.check(s, authority_cycle="off", orphaned_group="off").ok
True
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from html import escape
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from .. import registry
from .._files import gc_paused
from .._slots import Slot
from ..errors import Problem, StructureError
from ..model import Structure
from ..registry import NoOptions, RuleSetting, RuleSpec, Severity
from .context import Context, Hit

__all__ = ["Finding", "Report", "check", "failing", "rule", "validate_settings"]

F = TypeVar("F", bound=Callable[..., Iterable[Hit]])


def rule(
    id: str,
    *,
    severity: str | Severity,
    options: type[BaseModel] = NoOptions,
    doc: str | None = None,
    replace: bool = False,
) -> Callable[[F], F]:
    """Register a function as a rule.

    The function takes the prepared :class:`~govgraph.checks.context.Context`
    and the rule's validated options, and yields :class:`Hit` objects. Its
    docstring (or ``doc``, which the built-in rules set to their module's
    docstring) is the rule's documentation; its line starting ``Fix:`` is the
    hint ``govgraph check`` prints.

    >>> from govgraph.checks import Hit, rule
    >>> @rule("no-forums", severity="info")
    ... def no_forums(context, options):
    ...     '''Forums are discouraged here.'''
    ...     for body in context.bodies:
    ...         if body.kind == "forum":
    ...             yield Hit((body.id,), f"{body.name} is a forum")
    >>> from govgraph.registry import unregister; unregister("no-forums")
    """

    def decorate(function: F) -> F:
        registry.register(
            RuleSpec(
                id=id,
                severity=Severity(severity),
                options=options,
                check=function,
                doc=(doc or function.__doc__ or "").strip(),
            ),
            replace=replace,
        )
        return function

    return decorate


class Finding(BaseModel):
    """One thing a rule found: which rule, how much it matters, about which bodies."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str
    severity: Severity
    message: str
    bodies: list[str] = Field(default_factory=list)
    path: list[str] | None = None
    waived: bool = False
    reason: str | None = None
    key: tuple[str, ...] | None = Field(default=None, exclude=True, repr=False)

    @classmethod
    def _trusted(cls, rule: str, severity: Severity, hit: Hit, reason: str | None) -> Finding:
        """A finding from values the engine has checked, without validating them again.

        What :meth:`model_construct` does, at a fifth of the cost, which counts
        when a large structure has 10^5 findings.
        """
        finding = cls.__new__(cls)
        values = {
            "rule": rule,
            "severity": severity,
            "message": hit.message,
            "bodies": list(hit.bodies),
            "path": list(hit.path) if hit.path is not None else None,
            "waived": reason is not None,
            "reason": reason,
            "key": hit.key,
        }
        object.__setattr__(finding, "__dict__", values)
        object.__setattr__(finding, "__pydantic_fields_set__", set(values))
        object.__setattr__(finding, "__pydantic_extra__", None)
        object.__setattr__(finding, "__pydantic_private__", None)
        return finding

    @property
    def identity(self) -> tuple[str, frozenset[str] | tuple[str, ...]]:
        """What makes two findings in two structures the same finding (SPEC §3)."""
        return (self.rule, self.key if self.key is not None else frozenset(self.bodies))

    @property
    def sort_key(self) -> tuple[Any, ...]:
        return (self.severity.rank, self.rule, self.bodies, self.key or (), self.path or [], self.message)

    def to_dict(self) -> dict[str, Any]:
        """The finding as the JSON of SPEC §3; a waived finding also carries its ``reason``."""
        return self.model_dump(mode="json", exclude=None if self.waived else {"reason"})


def failing(findings: Iterable[Finding], fail_on: str | Severity = Severity.ERROR) -> list[Finding]:
    """The unwaived findings at or above ``fail_on``, in their order: what fails a
    check (``govgraph check --fail-on``), a diff or a test."""
    threshold = Severity(fail_on).rank
    return [f for f in findings if not f.waived and f.severity.rank <= threshold]


class Report:
    """The findings of one check, in a fixed order: worst first, then by rule and bodies.

    Iterate over it for every finding (waived ones included, marked); use
    ``errors``, ``warnings`` and ``infos`` for those that count.
    """

    def __init__(self, structure: Structure, findings: Iterable[Finding]) -> None:
        self.structure = structure
        self.findings: list[Finding] = sorted(findings, key=lambda finding: finding.sort_key)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def _counting(self, severity: Severity) -> list[Finding]:
        return [f for f in self.findings if f.severity is severity and not f.waived]

    @property
    def errors(self) -> list[Finding]:
        """Unwaived findings of severity error."""
        return self._counting(Severity.ERROR)

    @property
    def warnings(self) -> list[Finding]:
        """Unwaived findings of severity warning."""
        return self._counting(Severity.WARNING)

    @property
    def infos(self) -> list[Finding]:
        """Unwaived findings of severity info."""
        return self._counting(Severity.INFO)

    @property
    def waived(self) -> list[Finding]:
        """Findings a waiver accepts."""
        return [f for f in self.findings if f.waived]

    @property
    def ok(self) -> bool:
        """True when no unwaived finding is an error."""
        return not self.errors

    def failing(self, fail_on: str | Severity = Severity.ERROR) -> list[Finding]:
        """The unwaived findings at or above ``fail_on``: those that fail a check."""
        return failing(self.findings, fail_on)

    def fails(self, fail_on: str | Severity = Severity.ERROR) -> bool:
        """True when an unwaived finding is at or above ``fail_on``."""
        return bool(self.failing(fail_on))

    def by_rule(self, rule_id: str | None = None) -> Any:
        """The findings of one rule; with no argument, a dict of rule id → findings."""
        if rule_id is not None:
            return [f for f in self.findings if f.rule == rule_id]
        grouped: dict[str, list[Finding]] = {}
        for finding in self.findings:
            grouped.setdefault(finding.rule, []).append(finding)
        return grouped

    @property
    def summary(self) -> dict[str, int]:
        """Counts of unwaived findings by severity, and of waived ones."""
        return {
            "error": len(self.errors),
            "warning": len(self.warnings),
            "info": len(self.infos),
            "waived": len(self.waived),
        }

    def to_dict(self, file: str | None = None) -> dict[str, Any]:
        """One entry of the ``files`` list of ``check --format json``; a structure with
        recommendations adds their tracker rows (:func:`govgraph.recommendations.rows`)."""
        entry: dict[str, Any] = {
            "file": file,
            "structure": self.structure.name,
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary,
        }
        if self.structure.recommendations:
            from ..recommendations import rows

            entry["recommendations"] = rows(self.structure, self)
        return entry

    def to_frame(self) -> Any:
        """The findings as a pandas DataFrame, a row per finding in report order (needs pandas);
        the ``findings`` table of :func:`govgraph.interchange.to_frames`."""
        return FINDINGS_FRAME.function(self)

    def to_json(self, file: str | None = None) -> str:
        """``{"files": [...]}`` exactly as ``govgraph check --format json`` prints it."""
        return json.dumps({"files": [self.to_dict(file)]}, indent=2, ensure_ascii=False)

    def __repr__(self) -> str:
        return f"<Report on {self.structure.name!r}: {self.tally}>"

    @property
    def tally(self) -> str:
        """The summary in words: ``"1 error, 2 warnings, 0 info, 3 waived"``."""
        counts = self.summary
        errors, warnings = counts["error"], counts["warning"]
        return (
            f"{errors} error{'' if errors == 1 else 's'}, {warnings} warning{'' if warnings == 1 else 's'}, "
            f"{counts['info']} info, {counts['waived']} waived"
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{escape(f.severity.value)}{' (waived)' if f.waived else ''}</td><td><code>{escape(f.rule)}</code>"
            f"</td><td>{escape(', '.join(f.bodies))}</td><td>{escape(f.message)}</td></tr>"
            for f in self.findings
        )
        summary = ", ".join(f"{n} {k}" for k, n in self.summary.items())
        return (
            f"<p><b>{escape(self.structure.name)}</b>: {escape(summary)}</p>"
            "<table><thead><tr><th>severity</th><th>rule</th><th>bodies</th><th>message</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )


#: :meth:`Report.to_frame` is a shortcut to :func:`govgraph.interchange.findings_frame`,
#: which fills this slot when imported (see :mod:`govgraph._slots`).
FINDINGS_FRAME: Slot[Callable[[Report], Any]] = Slot("Report.to_frame", "govgraph.interchange")


def validate_settings(settings: Mapping[str, Any], *, file: str | None = None) -> dict[str, RuleSetting]:
    """Parse a mapping of rule id → setting, raising :class:`StructureError` listing every problem."""
    parsed: dict[str, RuleSetting] = {}
    problems: list[Problem] = []
    for rule_id, value in settings.items():
        try:
            registry.get_rule(rule_id)
        except KeyError:
            problems.append(Problem(file, None, None, f"checks.{rule_id}", registry.unknown_rule_message(rule_id)))
            continue
        setting, found = registry.parse_setting(rule_id, value)
        problems.extend(
            Problem(file, None, None, ".".join(map(str, ("checks", rule_id, *p.loc))), p.message) for p in found
        )
        parsed[rule_id] = setting
    if problems:
        raise StructureError(problems)
    return parsed


def check(
    structure: Structure,
    *,
    config: Mapping[str, Any] | None = None,
    checks: Mapping[str, Any] | None = None,
    **settings: Any,
) -> Report:
    """Run every registered rule on a structure.

    Settings come in layers, each overriding the one before: the rule's
    defaults, the file's ``checks:``, ``config`` (the mapping of a
    ``--config`` file), ``checks`` and finally keyword arguments, where
    ``multiple_parents="off"`` stands for the rule ``multiple-parents``.
    A setting is a severity (``"error"``, ``"warning"``, ``"info"``,
    ``"off"``) or a mapping of options with an optional ``severity``.
    """
    with gc_paused():
        return _check(structure, config, checks, settings)


def _check(
    structure: Structure, config: Mapping[str, Any] | None, checks: Mapping[str, Any] | None, settings: dict[str, Any]
) -> Report:
    keyword = {name.replace("_", "-"): value for name, value in settings.items()}
    layers = [validate_settings(layer) for layer in (structure.checks, config or {}, checks or {}, keyword)]
    context = Context(structure)
    waivers: dict[str, list[tuple[set[str], str]]] = {}
    for waiver in structure.waivers:
        waivers.setdefault(waiver.rule, []).append((set(waiver.bodies), waiver.reason))
    findings: list[Finding] = []
    for spec in registry.all_rules():
        severity, options = registry.merge_settings(spec, [layer[spec.id] for layer in layers if spec.id in layer])
        if severity is None:
            continue
        accepted = waivers.get(spec.id)
        trusted = Finding._trusted
        if accepted is None:  # the usual case, and the cheap one: nothing to match
            findings.extend(trusted(spec.id, severity, hit, None) for hit in spec.check(context, options))
            continue
        for hit in spec.check(context, options):
            bodies = set(hit.bodies)
            reason = next((why for covered, why in accepted if bodies <= covered), None)
            findings.append(trusted(spec.id, severity, hit, reason))
    return Report(structure, findings)
