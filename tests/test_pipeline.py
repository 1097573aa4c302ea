import pytest

from depeche.errors import PipelineError
from depeche.model import Document
from depeche.pipeline import Pipeline


def test_unknown_stage_is_refused():
    with pytest.raises(PipelineError, match="unknown stage"):
        Pipeline(["depeche.nope.v1"])


def test_requirements_are_checked_before_running():
    with pytest.raises(PipelineError, match="needs"):
        Pipeline(["depeche.events.v1"])


def test_a_prefix_of_the_pipeline_runs_alone():
    doc = Pipeline(["depeche.normalize.v1", "depeche.language.v1", "depeche.segment.v1"])(
        Document(id="x", text="The Kremlin denied it. Kyiv said nothing."))
    assert doc.lang == "en" and len(doc.sentences) == 2 and not doc.events


def test_pipeline_is_deterministic():
    text = "Selon le Kremlin, 91 drones ukrainiens ont attaqué la région de Novgorod lundi."
    runs = [Pipeline()(Document(id="x", text=text, lang="fr", published="2025-12-30")) for _ in range(2)]
    assert [(e.type, e.date) for e in runs[0].events] == [(e.type, e.date) for e in runs[1].events]
