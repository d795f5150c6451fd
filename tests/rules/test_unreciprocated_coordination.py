from tests.conftest import findings

DEVON_3_3 = """
bodies:
  - {id: spg, name: SPG, kind: strategic_planning_group}
  - {id: lpg, name: LPG, kind: local_planning_group}
relationships:
  - {source: spg, kind: coordinates, target: lpg}
"""


def test_one_way_coordination_is_info() -> None:
    assert findings(DEVON_3_3, "unreciprocated-coordination") == [("unreciprocated-coordination", ["spg", "lpg"])]


def test_reporting_back_makes_it_two_way() -> None:
    for kind in ("reports_to", "sub_group_of", "accountable_to"):
        text = DEVON_3_3 + f"  - {{source: lpg, kind: {kind}, target: spg}}\n"
        assert findings(text, "unreciprocated-coordination") == []


def test_a_lateral_link_back_is_not_enough() -> None:
    assert findings(DEVON_3_3 + "  - {source: lpg, kind: advises, target: spg}\n", "unreciprocated-coordination") == [
        ("unreciprocated-coordination", ["spg", "lpg"])
    ]
