"""The pipeline: an ordered list of registered Doc -> Doc stages, checked before it runs."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .errors import PipelineError
from .extract import attribution, dates, enrich, events, mentions, merge, quantities, quotes, textstages
from .geo import geocode
from .model import Document

StageFn = Callable[[Document], Document]


@dataclass(frozen=True)
class Stage:
    """A named stage: what it needs on the Doc before it runs, and what it adds."""

    name: str
    fn: StageFn
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Document) -> Document:
        out = self.fn(doc)
        doc = out if out is not None else doc
        doc.done.update(self.assigns)
        return doc


def _table(*rows: tuple[str, StageFn, tuple[str, ...], tuple[str, ...]]) -> dict[str, Stage]:
    return {name: Stage(name, fn, requires, assigns) for name, fn, requires, assigns in rows}


# The one registration table: versioned name, function, what it needs on the Doc, what it adds. The stage
# modules know nothing of the pipeline, so imports only go down the layers.
REGISTRY: dict[str, Stage] = _table(
    ("depeche.normalize.v1", textstages.normalize_stage, (), ("norm",)),
    ("depeche.language.v1", textstages.language_stage, ("norm",), ("lang",)),
    ("depeche.segment.v1", textstages.segment_stage, ("norm", "lang"), ("tokens", "sentences")),
    ("depeche.mentions.v1", mentions.mentions_stage, ("tokens", "sentences"), ("mentions",)),
    ("depeche.geocode.v1", geocode.geocode_stage, ("mentions",), ("geocoded",)),
    ("depeche.dates.v1", dates.dates_stage, ("tokens", "sentences"), ("dates",)),
    ("depeche.quantities.v1", quantities.quantities_stage, ("tokens", "sentences", "mentions"), ("quantities",)),
    ("depeche.quotes.v1", quotes.quotes_stage, ("mentions",), ("quotes",)),
    ("depeche.events.v1", events.events_stage, ("mentions", "quotes"), ("events",)),
    ("depeche.attribution.v1", attribution.attribution_stage, ("events", "quotes"), ("claimants", "factuality")),
    ("depeche.enrich.v1", enrich.enrich_stage, ("events", "dates", "quantities"), ("dates_resolved", "locations")),
    ("depeche.merge.v1", merge.merge_stage, ("events", "locations"), ("merged",)),
)


DEFAULT_STAGES = (
    "depeche.normalize.v1", "depeche.language.v1", "depeche.segment.v1", "depeche.mentions.v1",
    "depeche.geocode.v1", "depeche.dates.v1", "depeche.quantities.v1", "depeche.quotes.v1", "depeche.events.v1",
    "depeche.attribution.v1", "depeche.enrich.v1", "depeche.merge.v1",
)


class Pipeline:
    """Runs stages in order; validates that each stage's requirements are assigned before it."""

    def __init__(self, names: Iterable[str] = DEFAULT_STAGES):
        self.stages = []
        for name in names:
            if name not in REGISTRY:
                raise PipelineError(f"unknown stage {name!r}; known: {', '.join(sorted(REGISTRY))}")
            self.stages.append(REGISTRY[name])
        self._validate()

    def _validate(self) -> None:
        have: set[str] = {"text"}
        for st in self.stages:
            missing = [r for r in st.requires if r not in have]
            if missing:
                raise PipelineError(f"stage {st.name} needs {missing}, which no earlier stage assigns")
            have.update(st.assigns)

    def __call__(self, doc: Document) -> Document:
        for st in self.stages:
            doc = st(doc)
        return doc


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT


def process(doc: Document) -> Document:
    """Run the default pipeline on one document."""
    return default_pipeline()(doc)
