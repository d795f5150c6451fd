"""The JSON Schema of the structure format, for editors (``govgraph schema``)."""

from __future__ import annotations

from typing import Any

from . import registry
from .model import Structure

__all__ = ["json_schema"]


def json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) for a structure file, naming the registered rules.

    >>> schema = json_schema()
    >>> schema["required"]
    ['govgraph', 'name', 'bodies']
    >>> "orphaned-group" in schema["properties"]["checks"]["propertyNames"]["enum"]
    True
    """
    schema = Structure.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    rules = [spec.id for spec in registry.all_rules()]
    setting = {
        "anyOf": [
            {"enum": ["error", "warning", "info", "off", False, True]},
            {"type": "object", "properties": {"severity": {"enum": ["error", "warning", "info", "off", False]}}},
        ]
    }
    schema["properties"]["checks"] = {
        "type": "object",
        "description": "per-structure rule settings",
        "propertyNames": {"enum": rules},
        "additionalProperties": setting,
    }
    schema["properties"]["govgraph"] = {"const": 1, "description": "format version; only 1 exists"}
    schema["required"] = ["govgraph", *schema.get("required", [])]  # files must say it; Python may omit it
    waiver = schema["$defs"]["Waiver"]["properties"]["rule"]
    waiver["enum"] = rules
    return schema
