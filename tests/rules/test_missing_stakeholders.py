import govgraph as gg
from tests.conftest import findings, structure

LPG = """
bodies:
  - id: lpg
    name: LPG
    kind: local_planning_group
    members:
      - {name: PCT, sector: statutory}
      - {name: CVS, sector: voluntary}
      - {name: Providers, sector: independent}
      - {name: Carers, sector: carers}
      - {name: Users, sector: service_users}
  - {id: spg, name: SPG, kind: strategic_planning_group}
"""


def test_all_main_stakeholders_is_clean() -> None:
    assert findings(LPG, "missing-stakeholders") == []


def test_missing_sectors_are_named_in_configured_order() -> None:
    text = LPG.replace("      - {name: Carers, sector: carers}\n", "").replace(
        "      - {name: CVS, sector: voluntary}\n", ""
    )
    [found] = gg.check(structure(text)).by_rule("missing-stakeholders")
    assert found.bodies == ["lpg"]
    assert found.message == "LPG (lpg) has no member from: voluntary, carers"


def test_options_choose_kinds_and_sectors() -> None:
    text = LPG + "checks:\n  missing-stakeholders: {kinds: [strategic_planning_group], sectors: [elected_members]}\n"
    assert findings(text, "missing-stakeholders") == [("missing-stakeholders", ["spg"])]


def test_keyword_options_override_the_file() -> None:
    assert findings(LPG, "missing-stakeholders", missing_stakeholders={"sectors": ["community"]}) == [
        ("missing-stakeholders", ["lpg"])
    ]
