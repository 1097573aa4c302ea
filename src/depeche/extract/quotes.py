"""Quotes stage: quoted spans, their speakers, and first-person pronouns inside them."""
from __future__ import annotations

from ..lang import Language, load_language
from ..model import Document, Mention, Quote
from ..pipeline import stage
from ..text.segment import OPENERS
from .events import entity
from .syntax import Arguments


@stage("depeche.quotes.v1", requires=("mentions",), assigns=("quotes",))
def quotes_stage(doc: Document) -> Document:
    lang = load_language(doc.lang)
    args = Arguments(doc, lang)
    report = lang.cues["report_verbs"]
    for start, end in quote_spans(doc):
        speaker, verb = _speaker_after(doc, args, report, end) or _speaker_before(doc, args, report, start) \
            or (None, None)
        doc.quotes.append(Quote(start, end, entity(speaker) if speaker else None, verb, doc.tokens[start].sent))
        if speaker is not None:
            _first_person(doc, lang, start, end, speaker)
    doc.mentions["actor"].sort(key=lambda m: (m.start, m.end))
    return doc


def quote_spans(doc: Document) -> list[tuple[int, int]]:
    """Token ranges [opener, closer] of quotes; a quote may run over several sentences of a paragraph."""
    spans, open_at, closer = [], None, None
    for tok in doc.tokens:
        para = doc.sentences[tok.sent].paragraph
        if open_at is not None and doc.sentences[doc.tokens[open_at].sent].paragraph != para:
            open_at = None
        if open_at is None and tok.text in OPENERS:
            open_at, closer = tok.i, OPENERS[tok.text]
        elif open_at is not None and tok.text == closer:
            if tok.i - open_at > 2:
                spans.append((open_at, tok.i))
            open_at = None
    return spans


def _speaker_after(doc, args: Arguments, report, end: int) -> tuple[Mention, str] | None:
    """'», a déclaré M. X' / '," said Lavrov' / '», a-t-il ajouté'."""
    limit = min(len(doc.tokens), end + 14)
    verb = None
    for k in range(end + 1, limit):
        tok = doc.tokens[k]
        if tok.text in {".", "\u00ab", "\u201c", '"'} and k > end + 1:
            break
        m = args.by_start.get(k)
        if m is not None and (verb is not None or m.get("source") == "ref"):
            return m, verb or tok.text
        if tok.fold in report:
            verb = tok.text
    return None


def _speaker_before(doc, args: Arguments, report, start: int) -> tuple[Mention, str] | None:
    """'X a déclaré : « … »' / 'Lavrov said: "…"'."""
    sent = doc.sentence_of(start)
    for k in range(start - 1, max(sent.start, start - 6) - 1, -1):
        if doc.tokens[k].fold in report:
            subj = args.subject(k)
            return (subj[0], doc.tokens[k].text) if subj else None
    return None


def _first_person(doc: Document, lang: Language, start: int, end: int, speaker: Mention) -> None:
    """'Nous condamnons' inside a quote: the speaker is the actor."""
    firsts = lang.words("first_person")
    taken = {t for m in doc.mentions["actor"] for t in range(m.start, m.end)}
    for k in range(start + 1, end):
        tok = doc.tokens[k]
        if tok.fold in firsts and k not in taken:
            doc.mentions["actor"].append(Mention("actor", k, k + 1, tok.text,
                                                 {**speaker.attrs, "source": "first_person", "ref": speaker.text}))
