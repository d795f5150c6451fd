"""Checking structures against rules: the engine, the findings and the built-in rules."""

from . import rules
from .context import Context, Hit
from .engine import Finding, Report, check, rule, validate_settings

__all__ = ["Context", "Finding", "Hit", "Report", "check", "rule", "rules", "validate_settings"]
