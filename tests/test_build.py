"""The compiled build: where CI runs the tests on the modules `pip install .` compiles, they must be in use."""
import ast
import os
import re
from pathlib import Path

import pytest

import depeche
from depeche.service import extract_text


@pytest.mark.skipif(not os.environ.get("DEPECHE_EXPECT_COMPILED"), reason="the editable install is pure Python")
def test_the_pipeline_runs_compiled():
    extract_text("Moscou accuse Kyiv.", lang="fr")
    compiled = depeche.compiled_modules()
    assert "depeche.extract.events" in compiled and "depeche.text.segment" in compiled, compiled


def test_compiled_modules_lists_only_depeche_modules():
    assert all(name.startswith("depeche.") for name in depeche.compiled_modules())


SRC = Path(__file__).resolve().parents[1] / "src" / "depeche"
_CDEF = re.compile(r"^cdef class (\w+)", re.M)


def _declared(pxd: str, cls: str) -> set[str]:
    """The attributes a .pxd declares for one extension type (`cdef public object a, b`)."""
    body = pxd.split(f"cdef class {cls}:", 1)[1].split("\ncdef class ", 1)[0]
    names: set[str] = set()
    for line in body.splitlines():
        m = re.match(r"\s+cdef (?:public |readonly )?\w+ (.+)", line)
        if m:
            names.update(n.strip() for n in m.group(1).split(","))
    return names


def _assigned(module: ast.Module, cls: str) -> set[str]:
    """Every `self.x` the class's methods assign to, in the .py file, and its annotated fields (a dataclass's)."""
    node = next(n for n in module.body if isinstance(n, ast.ClassDef) and n.name == cls)
    out = {s.target.id for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)}
    for sub in ast.walk(node):
        targets = sub.targets if isinstance(sub, ast.Assign) else [sub.target] if isinstance(
            sub, (ast.AugAssign, ast.AnnAssign)) else []
        for t in targets:
            for leaf in ast.walk(t):
                if isinstance(leaf, ast.Attribute) and isinstance(leaf.value, ast.Name) and leaf.value.id == "self":
                    out.add(leaf.attr)
    return out


@pytest.mark.parametrize("pxd", sorted(SRC.rglob("*.pxd")), ids=lambda p: str(p.relative_to(SRC)))
def test_each_pxd_declares_every_attribute_its_classes_set(pxd):
    # compiled, a class declared in a .pxd has no __dict__: an attribute set in the .py but not declared
    # here fails only in the compiled build, with an AttributeError (a dataclass field: Cython refuses to
    # compile, and setup.py falls back to the pure package)
    text = pxd.read_text(encoding="utf-8")
    module = ast.parse(pxd.with_suffix(".py").read_text(encoding="utf-8"))
    for cls in _CDEF.findall(text):
        missing = _assigned(module, cls) - _declared(text, cls)
        assert not missing, f"{pxd.name}: declare {sorted(missing)} in cdef class {cls}"
