"""A small tracked structure shared by the tests of the four recommendation rules."""

BASE = """
as_of: 2009-01-01
stages:
  - {id: "4", name: Not achieved – progress made acceptable}
  - {id: "2", name: Achieved, achieved: true}
bodies:
  - {id: council, name: Council, kind: statutory_body, sovereign: true}
  - {id: panel, name: Scrutiny Panel, kind: scrutiny_body}
  - {id: board, name: Board, kind: board}
  - {id: old, name: Old Board, kind: board, status: dissolved}
  - {id: network, name: Network, kind: network}
relationships:
  - {source: panel, kind: reports_to, target: council}
  - {source: board, kind: accountable_to, target: council}
recommendations:
"""


def tracked(*recommendations: str, header: str = BASE) -> str:
    """The shared structure with these recommendation entries (YAML flow mappings)."""
    return header + "".join(f"  - {entry}\n" for entry in recommendations)
