"""Loaded structures hold their bodies and relationships as validated rows and
make the models only when asked: what they make must be what eager validation
makes, and checking must never need them."""

from __future__ import annotations

import copy
import datetime
import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, TypeAdapter

import govgraph as gg
from govgraph.model import Body, Member, Relationship, Structure
from govgraph.model import table as _table
from govgraph.strategies import structures

DEVON = Path(__file__).parent.parent / "examples" / "devon" / "devon.yaml"


class _Holder(BaseModel):
    """A user's own model holding a structure."""

    structure: Structure


def _lazy(structure: Structure) -> bool:
    return "bodies" not in structure.__dict__ and "relationships" not in structure.__dict__


def _fields_set(models: Any) -> list[set[str]]:
    return [model.model_fields_set for model in models]


@given(structures(), st.sampled_from(["yaml", "json"]))
def test_models_made_on_demand_equal_those_validated_eagerly(s: Structure, format: str) -> None:
    text = gg.dumps(s, format)  # type: ignore[arg-type]
    loaded = gg.loads(text, format)  # type: ignore[arg-type]
    eager = Structure.model_validate(json.loads(gg.dumps(s, "json")))
    assert _lazy(loaded)
    # One at a time, through the table, as the rules and body() make them ...
    table = loaded._table
    for index, body in enumerate(eager.bodies):
        assert table.body(index) == body
        assert table.body(index).model_fields_set == body.model_fields_set
    assert loaded.body(eager.bodies[0].id) == eager.bodies[0]
    assert _lazy(loaded)
    # ... and all at once, when a field is read.
    assert loaded.bodies == eager.bodies
    assert loaded.relationships == eager.relationships
    assert _fields_set(loaded.relationships) == _fields_set(eager.relationships)
    assert _fields_set(loaded.bodies) == _fields_set(eager.bodies)
    assert loaded.model_fields_set == eager.model_fields_set
    assert loaded == eager == s


@given(structures())
def test_a_loaded_structure_is_checked_without_making_a_model(s: Structure) -> None:
    loaded = gg.loads(gg.dumps(s, "json"), "json")
    report = gg.check(loaded)
    assert _lazy(loaded)
    assert report.findings == gg.check(s).findings


@pytest.mark.parametrize(
    "use",
    [
        pytest.param(lambda s: s.model_dump(), id="model_dump"),
        pytest.param(lambda s: s.model_dump_json(), id="model_dump_json"),
        pytest.param(lambda s: gg.dumps(s, "yaml"), id="dumps"),
        pytest.param(lambda s: dict(s), id="iter"),
        pytest.param(lambda s: TypeAdapter(Structure).dump_python(s), id="TypeAdapter"),
        pytest.param(lambda s: _Holder(structure=s).model_dump_json(), id="inside-a-model"),
        pytest.param(repr, id="repr"),
        pytest.param(lambda s: pickle.loads(pickle.dumps(s)).model_dump(), id="pickle"),
        pytest.param(lambda s: copy.copy(s).model_dump(), id="copy"),
        pytest.param(lambda s: copy.deepcopy(s).model_dump(), id="deepcopy"),
        pytest.param(lambda s: s.model_copy().model_dump(), id="model_copy"),
        pytest.param(lambda s: s.model_copy(update={"name": "Other"}).model_dump(), id="model_copy-update"),
        pytest.param(lambda s: s.replace(name="Other").model_dump(), id="replace"),
        pytest.param(lambda s: s.at(datetime.date(2003, 6, 1)).model_dump(), id="at"),
        pytest.param(lambda s: s.subset(kinds=["board"]).model_dump(), id="subset"),
        pytest.param(lambda s: sorted(s.to_networkx().nodes), id="to_networkx"),
        pytest.param(lambda s: gg.to_dot(s), id="to_dot"),
        pytest.param(lambda s: (s.roots(), s.below(s.roots()[0])), id="queries"),
    ],
)
def test_a_lazy_structure_behaves_as_an_eager_one(use: Any) -> None:
    text = DEVON.read_text(encoding="utf-8")
    lazy = gg.loads(text)
    assert _lazy(lazy)
    eager = Structure.model_validate(json.loads(gg.dumps(lazy, "json")))
    lazy = gg.loads(text)
    assert use(lazy) == use(eager)


def test_a_lazy_structure_dumps_its_fields_in_order() -> None:
    text = DEVON.read_text(encoding="utf-8")
    lazy = gg.loads(text)
    assert list(lazy.model_dump()) == [field.alias or name for name, field in Structure.model_fields.items()]
    assert gg.dumps(lazy) == gg.dumps(gg.loads(gg.dumps(lazy)))


def test_equality_sees_a_difference_in_bodies_not_yet_made() -> None:
    first = gg.loads('{"govgraph": 1, "name": "S", "bodies": [{"id": "a", "name": "A", "kind": "board"}]}', "json")
    second = gg.loads('{"govgraph": 1, "name": "S", "bodies": [{"id": "a", "name": "B", "kind": "board"}]}', "json")
    assert _lazy(first) and _lazy(second)
    assert first != second


def test_row_types_are_the_models_fields() -> None:
    for model, row in ((Body, _table.BODY_ROW), (Relationship, _table.RELATIONSHIP_ROW)):
        assert set(row.__annotations__) == set(model.model_fields)
        required = {name for name, field in model.model_fields.items() if field.is_required()}
        assert row.__required_keys__ == required


def test_a_model_with_validators_of_its_own_cannot_be_a_row() -> None:
    with pytest.raises(TypeError, match="Member has validators of its own"):
        _table.row_type(Member)


def test_a_model_whose_settings_rows_would_not_follow_cannot_be_a_row() -> None:
    class Trimmed(BaseModel):
        model_config = ConfigDict(str_strip_whitespace=True)
        name: str

    with pytest.raises(TypeError, match=r"Trimmed's config sets \['str_strip_whitespace'\]"):
        _table.row_type(Trimmed)


def test_rows_refuse_what_the_models_refuse_and_the_models_say_why() -> None:
    text = '{"govgraph": 1, "name": "S", "bodies": [{"id": "a", "name": "A", "kind": "board", "colour": "red"}]}'
    with pytest.raises(gg.StructureError) as raised:
        gg.loads(text, "json", filename="s.json")
    assert [str(p) for p in raised.value.errors] == [
        "s.json:1:83: error: bodies[0].colour: unknown key 'colour'; allowed keys: id, name, kind, authority, "
        "sovereign, level, areas, service_areas, remit, members, chair, status, established, dissolved, sources, "
        "notes, metadata"
    ]


def test_one_pair_of_bodies_related_in_two_ways_loads_on_the_fast_path() -> None:
    text = (
        '{"govgraph": 1, "name": "S", "bodies": [{"id": "a", "name": "A", "kind": "board"}, '
        '{"id": "b", "name": "B", "kind": "board"}], "relationships": [{"source": "a", "kind": "reports_to", '
        '"target": "b"}, {"source": "a", "kind": "scrutinises", "target": "b"}]}'
    )
    loaded = gg.loads(text, "json")
    assert _lazy(loaded)
    assert [r.kind.value for r in loaded.relationships] == ["reports_to", "scrutinises"]
    with pytest.raises(gg.StructureError, match=r"duplicate relationship 'a' reports_to 'b'"):
        gg.loads(text.replace("scrutinises", "reports_to"), "json")


def test_the_wiring_numbers_ids_packed_and_keeps_any_it_cannot_pack() -> None:
    assert _table._packed(["a", "b.c", "d-e"]) == ["a", "b.c", "d-e"]
    held = ["a\0b", "c"]  # a NUL would split an id in two: kept as they are
    assert _table._packed(held) is held
    numbers: list[Any] = [1, 2]  # not strings (a structure built without validation)
    assert _table._packed(numbers) is numbers
    assert _table._packed([]) == []
    wiring = gg.loads(
        "govgraph: 1\nname: S\nbodies:\n  - {id: top, name: Top, kind: board}\n  - {id: low, name: Low, kind: board}\n"
        "relationships:\n  - {source: low, kind: reports_to, target: top}\n"
    )._table.wiring
    assert wiring is not None
    assert (wiring.number, wiring.source, wiring.target) == ({"top": 0, "low": 1}, [1], [0])
