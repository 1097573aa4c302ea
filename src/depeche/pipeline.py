"""The pipeline: an ordered list of registered Doc -> Doc stages, checked before it runs."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .errors import PipelineError
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


REGISTRY: dict[str, Stage] = {}


def stage(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()) -> Callable[[StageFn], StageFn]:
    """Register a function as a pipeline stage under a versioned name ("depeche.events.v1")."""

    def wrap(fn: StageFn) -> StageFn:
        REGISTRY[name] = Stage(name, fn, tuple(requires), tuple(assigns))
        return fn

    return wrap


DEFAULT_STAGES = (
    "depeche.normalize.v1", "depeche.language.v1", "depeche.segment.v1", "depeche.mentions.v1",
    "depeche.geocode.v1", "depeche.dates.v1", "depeche.quantities.v1", "depeche.quotes.v1", "depeche.events.v1",
    "depeche.attribution.v1", "depeche.enrich.v1", "depeche.merge.v1",
)


class Pipeline:
    """Runs stages in order; validates that each stage's requirements are assigned before it."""

    def __init__(self, names: Iterable[str] = DEFAULT_STAGES):
        _register_all()
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


def _register_all() -> None:
    """Import the stage modules once: registration is explicit, not an import side effect elsewhere."""
    from .extract import attribution, dates, enrich, events, mentions, merge, quantities, quotes, textstages  # noqa: F401
    from .geo import geocode  # noqa: F401


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT


def process(doc: Document) -> Document:
    """Run the default pipeline on one document."""
    return default_pipeline()(doc)
