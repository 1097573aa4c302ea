"""The import graph only goes down the layers (docs/architecture.md), and no module imports itself back."""
from __future__ import annotations

import ast
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "depeche"
# bottom first; a module may import from its own layer or from those below it
LAYERS = (
    ("", "errors", "model"),
    ("text",),
    ("lang",),
    ("geo", "resolve"),
    ("extract",),
    ("pipeline",),
    ("link",),
    ("store",),
    ("io", "quality"),
    ("service", "listing"),
    ("api", "spark", "cli", "spark_submit", "progress", "datefilter"),
)
RANK = {part: n for n, layer in enumerate(LAYERS) for part in layer}
MODULES = {".".join(p.relative_to(SRC.parent).with_suffix("").parts).removesuffix(".__init__"): p
           for p in SRC.rglob("*.py")}


def _targets(name: str, path: Path) -> set[str]:
    """The depeche modules that one module imports, relative imports resolved."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            out.update(f"{target}.{a.name}" if f"{target}.{a.name}" in MODULES else target for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return {t for t in out if t in MODULES and t != name}


GRAPH = {name: _targets(name, path) for name, path in MODULES.items()}


def _layer(name: str) -> int:
    parts = name.split(".")
    return RANK[parts[1] if len(parts) > 1 else ""]


def test_every_module_has_a_layer():
    assert all(len(n.split(".")) == 1 or n.split(".")[1] in RANK for n in MODULES), sorted(MODULES)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_only_go_down(name):
    up = [t for t in GRAPH[name] if _layer(t) > _layer(name)]
    assert not up, f"{name} imports {up} from a higher layer"


def test_no_import_cycle():
    try:
        list(TopologicalSorter(GRAPH).static_order())
    except CycleError as err:
        pytest.fail(f"import cycle: {err.args[1]}")


def test_each_layer_imports_alone_in_a_fresh_interpreter():
    # bottom up, each in its own interpreter: a module that only works once another has been imported fails here
    code = "import importlib, sys\nfor m in sys.argv[1:]:\n    importlib.import_module(m)\n"
    optional = {"depeche.api", "depeche.spark", "depeche.spark_submit"}
    names = sorted((n for n in MODULES if not any(n == o or n.startswith(o + ".") for o in optional)), key=_layer)
    for name in names:
        run = subprocess.run([sys.executable, "-c", code, name], capture_output=True, text=True, check=False)
        assert run.returncode == 0, f"{name}: {run.stderr[-800:]}"
