"""The layering of docs/ARCHITECTURE.md, checked on the source so it stays true.

core (pure) <- models <- selectors <- services <- api / views / office; one api module never
imports another (except the shared ``fields`` and ``schema``); api modules run no ORM
queries; there are no import cycles; every sentence of config/messages.py is written once.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from config import messages

ROOT = Path(__file__).resolve().parent.parent
APPS = ("accounts", "config", "schedules")
QUERY_METHODS = {
    "objects",
    "filter",
    "exclude",
    "select_related",
    "prefetch_related",
    "annotate",
    "values_list",
    "select_for_update",
}


def modules() -> dict[str, Path]:
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


MODULES = modules()


def imports(path: Path, *, top_level_only: bool = False) -> set[str]:
    """Project modules imported by ``path`` (``from x import y`` counts x.y when it is one)."""
    tree = ast.parse(path.read_text())
    nodes = tree.body if top_level_only else ast.walk(tree)
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in names if name in MODULES}


def under(package: str) -> dict[str, Path]:
    return {name: path for name, path in MODULES.items() if name.startswith(package + ".")}


def test_the_core_is_pure_python():
    for name, path in under("schedules.core").items():
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(("django", "rest_framework")), name
                imported = {f"{node.module}.{alias.name}" for alias in node.names}
                if node.module.split(".")[0] in APPS:
                    assert node.module.startswith("schedules.core") or imported == {
                        "config.messages"
                    }, name


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("schedules.selectors", ("schedules.services", "schedules.api", "schedules.views")),
        ("schedules.services", ("schedules.api", "schedules.views", "schedules.office")),
        ("schedules.core", ("schedules.models", "schedules.selectors", "schedules.services")),
    ],
)
def test_imports_run_downwards_only(layer, forbidden):
    for name, path in under(layer).items():
        wrong = {i for i in imports(path) if i.startswith(forbidden)}
        assert not wrong, f"{name} imports {sorted(wrong)}"


def test_models_import_no_layer_above_them():
    path = MODULES["schedules.models"]
    wrong = {i for i in imports(path) if i.startswith(("schedules.se", "schedules.api"))}
    assert not wrong


def test_api_modules_share_only_fields_and_schema():
    shared = {"schedules.api.fields", "schedules.api.schema"}
    for name, path in under("schedules.api").items():
        if name in shared | {"schedules.api.urls"}:
            continue
        others = {i for i in imports(path) if i.startswith("schedules.api")} - shared
        assert not others, f"{name} imports {sorted(others)}"


def test_api_modules_run_no_orm_queries():
    for name, path in under("schedules.api").items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr in QUERY_METHODS:
                pytest.fail(f"{name}:{node.lineno} uses .{node.attr}: ask a selector")


def test_there_are_no_import_cycles():
    graph = {name: imports(path, top_level_only=True) for name, path in MODULES.items()}
    # A package's __init__ importing its own modules is not a cycle of layers.
    graph = {
        n: {i for i in deps if i != n and not i.startswith(n + ".")} for n, deps in graph.items()
    }
    visiting, done = set(), set()

    def visit(node, trail):
        if node in done:
            return
        assert node not in visiting, " -> ".join([*trail, node])
        visiting.add(node)
        for dep in graph.get(node, ()):
            visit(dep, [*trail, node])
        visiting.discard(node)
        done.add(node)

    for name in graph:
        visit(name, [])


def _sentences() -> list[str]:
    found = []

    def collect(value):
        if isinstance(value, str) and len(value.split("{")[0].strip()) >= 12:
            found.append(value.split("{")[0].strip())
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    for name in dir(messages):
        if name.isupper():
            collect(getattr(messages, name))
    return sorted(set(found))


def test_every_sentence_is_written_once_in_the_app_and_never_in_a_script():
    python = {name: path.read_text() for name, path in MODULES.items() if name != "config.messages"}
    scripts = {
        str(p): p.read_text() for p in (ROOT / "static").rglob("*.js") if "vendor" not in p.parts
    }
    for sentence in _sentences():
        for name, text in python.items():
            assert sentence not in text and json.dumps(sentence)[1:-1] not in text, (
                f"{name} repeats {sentence!r}"
            )
        for name, text in scripts.items():
            assert sentence not in text, f"{name} copies {sentence!r}"


def test_seed_messages_are_defined_once_in_the_messages_module():
    source = MODULES["config.messages"].read_text()
    for sentence in [
        "Calendar not found.",
        "End time must be after start time.",
        "Time slot is not available.",
        "Appointment not found.",
        "The person is busy at that time. Please select a new time",
        "Working Schedule set",
    ]:
        assert source.count(f'"{sentence}"') == 1, sentence
