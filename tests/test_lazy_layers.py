"""``import govgraph`` and ``govgraph check`` import what loading and checking need;
drawing, importers and interchange come in when first used, and nothing a user
reaches changes for it. Each case runs in a fresh interpreter, where the modules
imported are those of the case alone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import govgraph as gg

DEVON = Path(__file__).parent.parent / "examples" / "devon" / "devon.yaml"
LATER = ["govgraph.export", "govgraph.importers", "govgraph.interchange", "graphviz", "networkx"]


def fresh(code: str) -> object:
    """What ``code`` leaves in ``result``, run in a new interpreter, as JSON."""
    script = f"import json, sys\n{code}\nprint(json.dumps(result))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def test_import_govgraph_leaves_drawing_importers_and_interchange_for_later() -> None:
    loaded = fresh(f"import govgraph\nresult = [m for m in {LATER!r} if m in sys.modules]")
    assert loaded == []


def test_the_check_command_does_not_import_drawing_or_interchange() -> None:
    code = (
        "from govgraph.cli import main\n"
        f"status = main(['check', {str(DEVON)!r}])\n"
        f"result = [status, [m for m in {LATER!r} if m in sys.modules and m != 'govgraph.importers']]"
    )
    assert fresh(code) == [0, []]


def test_every_public_name_resolves_in_a_fresh_interpreter_to_its_module_s_object() -> None:
    code = (
        "import govgraph, importlib\n"
        "result = []\n"
        "for name in govgraph.__all__:\n"
        "    value = getattr(govgraph, name)\n"
        "    home = importlib.import_module(value.__module__) if hasattr(value, '__module__') else None\n"
        "    result.append([name, getattr(home, value.__name__, None) is value if hasattr(value, '__name__') else True])\n"
    )
    found = fresh(code)
    assert [name for name, _ in found] == list(gg.__all__)
    assert [name for name, same in found if not same] == []


def test_layers_are_attributes_on_first_use_and_functions_are_not_hidden_by_modules() -> None:
    code = (
        "import govgraph as gg, types\n"
        "result = [isinstance(gg.export, types.ModuleType), callable(gg.export.diff_dot),\n"
        "          isinstance(gg.interchange, types.ModuleType), isinstance(gg.importers, types.ModuleType),\n"
        "          callable(gg.diff), callable(gg.report), 'to_dot' in dir(gg), 'export' in dir(gg)]"
    )
    assert fresh(code) == [True] * 8


def test_an_unknown_name_is_an_attribute_error_naming_it() -> None:
    code = "import govgraph\ntry:\n    govgraph.to_pdf\nexcept AttributeError as error:\n    result = str(error)"
    assert fresh(code) == "module 'govgraph' has no attribute 'to_pdf'"


def test_a_shortcut_imports_its_layer_when_first_called() -> None:
    code = (
        "import govgraph\n"
        f"structure = govgraph.load({str(DEVON)!r})\n"
        "before = 'govgraph.export' in sys.modules\n"
        "bundle = structure._repr_mimebundle_()\n"
        "result = [before, 'govgraph.export' in sys.modules, sorted(bundle)]"
    )
    assert fresh(code) == [False, True, ["image/svg+xml", "text/plain"]]
