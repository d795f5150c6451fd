"""SPEC §1: ids may use upper case and are case-sensitive; register codes are ids as written."""

from __future__ import annotations

import pytest

import govgraph as gg
from tests.conftest import structure

NHS = """
bodies:
  - {id: Y56, name: NHS England London, kind: statutory_body, sovereign: true}
  - {id: QMJ, name: North Central London ICB, kind: board}
  - {id: RAL01, name: Royal Free Hospital, kind: other}
  - {id: ral01, name: A different body with the lower-case code, kind: other}
relationships:
  - {source: QMJ, kind: accountable_to, target: Y56}
  - {source: RAL01, kind: reports_to, target: QMJ}
  - {source: ral01, kind: reports_to, target: Y56}
"""


def test_upper_case_codes_load_check_clean_and_answer_routes_up() -> None:
    s = structure(NHS)
    assert [b.id for b in s.bodies] == ["Y56", "QMJ", "RAL01", "ral01"]
    assert gg.check(s).findings == []
    assert s.routes_up("RAL01") == [["RAL01", "QMJ", "Y56"]]
    assert s.routes_up("ral01") == [["ral01", "Y56"]]
    assert s.body("RAL01").name == "Royal Free Hospital"


def test_upper_and_lower_case_ids_are_two_ids() -> None:
    s = structure(NHS)
    assert s.body("ral01") != s.body("RAL01")
    with pytest.raises(gg.UnknownBodyError, match=r"no body 'Ral01' .* \(did you mean 'RAL01'\?\)"):
        s.body("Ral01")


def test_a_reference_differing_only_in_case_is_located_and_names_the_id_meant() -> None:
    text = NHS.replace(
        "{source: RAL01, kind: reports_to, target: QMJ}", "{source: RAL01, kind: reports_to, target: qmj}"
    )
    with pytest.raises(gg.StructureError) as raised:
        structure(text)
    [problem] = raised.value.errors
    assert str(problem).startswith(
        "test.yaml:11:47: error: relationships[1].target: unknown body 'qmj' (did you mean 'QMJ'?); bodies: "
    )


def test_an_id_must_still_start_with_a_letter_or_digit() -> None:
    with pytest.raises(gg.StructureError, match=r"'-Y56' is not a valid id: use at most 100 letters, digits"):
        structure(NHS.replace("{id: Y56,", "{id: -Y56,"))


def test_duplicate_ids_are_compared_exactly() -> None:
    with pytest.raises(gg.StructureError, match="duplicate body id 'QMJ'"):
        structure(NHS.replace("{id: ral01,", "{id: QMJ,"))
