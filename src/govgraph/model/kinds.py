"""The closed vocabularies of the format: what a body or relationship can be."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["UPWARD_KINDS", "Authority", "BodyKind", "RelationshipKind", "Sector", "Status"]


class BodyKind(StrEnum):
    """What sort of body a body is."""

    STATUTORY_BODY = "statutory_body"
    BOARD = "board"
    COMMITTEE = "committee"
    PARTNERSHIP = "partnership"
    STRATEGIC_PLANNING_GROUP = "strategic_planning_group"
    LOCAL_PLANNING_GROUP = "local_planning_group"
    EXECUTIVE_GROUP = "executive_group"
    SUB_GROUP = "sub_group"
    TASK_GROUP = "task_group"
    FORUM = "forum"
    NETWORK = "network"
    SCRUTINY_BODY = "scrutiny_body"
    OTHER = "other"
    ORGANISATION = "organisation"
    POST = "post"


class Authority(StrEnum):
    """The kind of authority a body exercises over those that answer to it."""

    EXECUTIVE = "executive"
    COORDINATING = "coordinating"
    ADVISORY = "advisory"
    SCRUTINY = "scrutiny"


class Status(StrEnum):
    """Whether a body or relationship exists, is proposed, or has ended."""

    ACTIVE = "active"
    PROPOSED = "proposed"
    DISSOLVED = "dissolved"


class Sector(StrEnum):
    """The sector a member of a body comes from."""

    STATUTORY = "statutory"
    VOLUNTARY = "voluntary"
    INDEPENDENT = "independent"
    COMMUNITY = "community"
    CARERS = "carers"
    SERVICE_USERS = "service_users"
    PRIVATE = "private"
    ELECTED_MEMBERS = "elected_members"
    OTHER = "other"


class RelationshipKind(StrEnum):
    """What a relationship means; see ``docs/format.md`` for when to use which."""

    SUB_GROUP_OF = "sub_group_of"
    REPORTS_TO = "reports_to"
    ACCOUNTABLE_TO = "accountable_to"
    COORDINATES = "coordinates"
    LINKS_WITH = "links_with"
    ADVISES = "advises"
    SCRUTINISES = "scrutinises"
    COMMISSIONS = "commissions"
    REPLACED_BY = "replaced_by"

    @property
    def is_upward(self) -> bool:
        """True for the kinds along which accountability routes run."""
        return self in UPWARD_KINDS


#: Relationship kinds along which accountability routes run, source up to target.
UPWARD_KINDS = frozenset({RelationshipKind.SUB_GROUP_OF, RelationshipKind.REPORTS_TO, RelationshipKind.ACCOUNTABLE_TO})
