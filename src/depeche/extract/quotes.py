"""Quotes stage: quoted spans, their speakers, and first-person pronouns inside them."""
from __future__ import annotations

from ..lang import Language, load_language
from ..model import Document, Mention, Quote, entity
from ..text.normalize import fold
from ..text.segment import positions_of
from .syntax import Arguments


def quotes_stage(doc: Document) -> Document:
    lang = load_language(doc.lang)
    args = Arguments.of(doc, lang)
    report = lang.cues["report_verbs"]
    taken = {t for m in doc.mentions["actor"] for t in range(m.start, m.end)}
    for start, end in quote_spans(doc):
        speaker, verb = _speaker_after(doc, args, report, end) or _speaker_before(doc, args, report, start) \
            or (None, None)
        doc.quotes.append(Quote(start, end, entity(speaker) if speaker else None, verb, doc.tokens[start].sent))
        if speaker is not None:
            _first_person(doc, lang, start, end, speaker, taken, args.by_start)
    doc.mentions["actor"].sort(key=lambda m: (m.start, m.end))
    return doc


_OPEN = {"\u00ab", "\u201c"}
_CLOSE = {"\u00bb", "\u201d"}
_MARK_FOLDS = frozenset({'"', *_OPEN, *_CLOSE, *(fold(c) for c in (*_OPEN, *_CLOSE))})


def quote_spans(doc: Document) -> list[tuple[int, int]]:
    """Token ranges [opener, closer] of quotes within a paragraph; mixed quote marks are tolerated."""
    if "quote_spans" in doc.cache:  # the mentions stage and the quotes stage both need them
        return doc.cache["quote_spans"]
    spans: list[tuple[int, int]] = []
    doc.cache["quote_spans"], open_at = spans, None
    tokens = doc.tokens
    for tok in [tokens[k] for k in positions_of(tokens, _MARK_FOLDS)]:  # only quote marks matter
        if open_at is not None and doc.sentences[tok.sent].paragraph != doc.sentences[doc.tokens[open_at].sent].paragraph:
            open_at = None
        text = tok.text
        if open_at is None and (text in _OPEN or text == '"'):
            open_at = tok.i
        elif open_at is not None and (text in _CLOSE or text == '"'):
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
        if tok.text in {"\u00ab", "\u201c", '"'} or (tok.text == "." and k + 1 < limit and
                                                     not doc.tokens[k - 1].text.isalpha()):
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


def _first_person(doc: Document, lang: Language, start: int, end: int, speaker: Mention, taken: set[int],
                  by_start: dict[int, Mention]) -> None:
    """'Nous condamnons' inside a quote: the speaker is the actor."""
    firsts = lang.words("first_person")
    for k in range(start + 1, end):
        tok = doc.tokens[k]
        owned = by_start.get(k + 1)
        if tok.fold in firsts and owned is not None and owned.get("code") is None:
            owned.attrs["code"] = speaker.get("code")  # "nos autorités": the speaker's authorities
            continue
        if tok.fold in firsts and k not in taken:
            doc.mentions["actor"].append(Mention("actor", k, k + 1, tok.text,
                                                 {**speaker.attrs, "source": "first_person", "ref": speaker.text}))
