"""Structures for the HTML report's tests: one whose every text field tries to become markup."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["HOSTILE", "HOSTILE_NAME", "hostile_document", "plain_document", "write_hostile"]

#: Text that would run script or change the page if it were ever treated as markup.
HOSTILE = [
    '<img src=x onerror="window.__pwned=1">',
    '</script><script>window.__pwned=2;document.title="pwned"</script>',
    "<svg onload=window.__pwned=3><!-- ]]> {{script}} {{data}}",
    "&amp; &lt;b&gt; stays as typed \u2028 and \u2029 too",
    "\"'><b>bold?</b><style>body{display:none}</style>",
    "<iframe src=javascript:window.__pwned=4></iframe>",
]
HOSTILE_NAME = "Council <b>&amp;</b> </title><script>window.__pwned=5</script>"


def hostile_document() -> dict[str, Any]:
    """A valid structure (as plain data) with hostile text in every field that holds text."""
    h = HOSTILE
    return {
        "govgraph": 1,
        "name": HOSTILE_NAME,
        "description": h[1],
        "sources": [{"id": "paper", "title": h[0], "publisher": h[1], "url": "javascript:window.__pwned=6"}],
        "levels": [{"id": "top", "name": h[2], "note": h[3]}, {"id": "low", "name": h[4]}],
        "areas": [{"id": "county", "name": h[5]}, {"id": "town", "name": h[0], "within": "county"}],
        "service_areas": [{"id": "mh", "name": h[1]}],
        "bodies": [
            {
                "id": "council",
                "name": h[0],
                "kind": "statutory_body",
                "sovereign": True,
                "level": "top",
                "areas": ["county"],
                "remit": h,
                "notes": h[1],
                "chair": h[2],
                "sources": [{"source": "paper", "at": h[3]}],
                "metadata": {"aliases": [h[4]], "x": h[5]},
            },
            {
                "id": "group",
                "name": h[1],
                "kind": "task_group",
                "level": "low",
                "areas": ["town"],
                "service_areas": ["mh"],
                "members": [
                    {"name": h[2], "sector": "carers", "role": h[3]},
                    {"body": "council", "sector": "statutory"},
                ],
            },
            {"id": "loop-a", "name": h[2], "kind": "board", "authority": "executive"},
            {"id": "loop-b", "name": h[3], "kind": "board", "authority": "executive"},
            {"id": "other", "name": h[4], "kind": "forum"},
            {"id": "last", "name": h[5], "kind": "committee"},
        ],
        "relationships": [
            {"source": "group", "kind": "reports_to", "target": "council", "note": h[0]},
            {"source": "loop-a", "kind": "accountable_to", "target": "loop-b", "note": h[1]},
            {"source": "loop-b", "kind": "accountable_to", "target": "loop-a"},
            {"source": "other", "kind": "links_with", "target": "group", "note": h[5]},
        ],
        "waivers": [{"rule": "orphaned-group", "bodies": ["other"], "reason": h[0]}],
    }


def plain_document() -> dict[str, Any]:
    """The same structure with plain words where the hostile text was: its page must have
    the same elements as the hostile one."""
    text = json.dumps(hostile_document(), ensure_ascii=False)
    for number, hostile in enumerate([HOSTILE_NAME, *HOSTILE, "javascript:window.__pwned=6"]):
        text = text.replace(json.dumps(hostile, ensure_ascii=False)[1:-1], f"plain words {number}")
    document: dict[str, Any] = json.loads(text)
    return document


def write_hostile(folder: Path, document: dict[str, Any] | None = None, name: str = "hostile.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(document or hostile_document(), ensure_ascii=False, indent=1), encoding="utf-8")
    return path
