"""The built-in rules, one module each; importing this package registers them."""

from . import (
    authority_cycle,
    coordinator_with_authority,
    coverage_gap,
    dissolved_in_use,
    duplicate_remit,
    excess_depth,
    hierarchy_cycle,
    level_inversion,
    missing_stakeholders,
    multiple_parents,
    orphaned_group,
    outside_lifetime,
    scrutiny_conflict,
    unreciprocated_coordination,
)

__all__ = [
    "authority_cycle",
    "coordinator_with_authority",
    "coverage_gap",
    "dissolved_in_use",
    "duplicate_remit",
    "excess_depth",
    "hierarchy_cycle",
    "level_inversion",
    "missing_stakeholders",
    "multiple_parents",
    "orphaned_group",
    "outside_lifetime",
    "scrutiny_conflict",
    "unreciprocated_coordination",
]
