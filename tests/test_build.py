"""The compiled build: where CI runs the tests on the modules `pip install .` compiles, they must be in use."""
import os

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
