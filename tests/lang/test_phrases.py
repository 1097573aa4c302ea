"""The phrase table: per-sentence, per-document and any-position matching agree."""
from depeche.lang.phrases import PhraseTable
from depeche.text.normalize import normalize
from depeche.text.segment import split_sentences, tokenize


def _doc(text):
    norm, _ = normalize(text)
    toks = tokenize(norm)
    return toks, split_sentences(norm, toks, ())


def _table(*phrases):
    table = PhraseTable()
    for p in phrases:
        table.add(p, {"text": p})
    return table


def test_one_pass_over_the_document_equals_sentence_by_sentence():
    toks, sents = _doc("Selon le ministère, rien. Selon le. Le ministère de la défense parle selon lui.")
    table = _table("selon", "le ministère", "le ministère de la défense")
    by_sentence = [table.find_all(toks, s.start, s.end) for s in sents]
    assert table.in_sentences(toks, sents) == by_sentence
    assert table.find_each(toks, sents) == [m for ms in by_sentence for m in ms]
    assert all(table.in_sentence_of(toks, sents, s.end - 1) == by_sentence[s.i] for s in sents)
    assert [toks[i].text for i, _, _ in by_sentence[2]] == ["Le", "selon"]  # longest match, then the next


def test_match_starts_lists_overlapping_matches_and_stops_at_sentence_ends():
    toks, sents = _doc("Il est faux que la nouvelle est fausse. Est. Fausse.")
    table = _table("est faux", "faux que", "est fausse")
    starts = table.match_starts(toks, sents)
    assert [toks[k].text for k in starts] == ["est", "faux", "est"]  # 'faux que' overlaps 'est faux'


def test_a_table_changed_after_a_search_forgets_the_last_document():
    toks, sents = _doc("La trêve tient.")
    table = _table("la paix")
    assert table.find_each(toks, sents) == []
    table.add("la trêve", {"text": "la trêve"})
    assert [(i, j) for i, j, _ in table.find_each(toks, sents)] == [(0, 2)]
