from depeche.text.normalize import normalize
from depeche.text.segment import split_sentences, tokenize


def _sentences(text, abbr=("m", "mme")):
    norm, _ = normalize(text)
    toks = tokenize(norm)
    return [norm[s.char_start:s.char_end] for s in split_sentences(norm, toks, abbr)]


def test_french_elision_and_compounds():
    toks = [t.text for t in tokenize("L'Ouzbékistan a-t-il condamné l'attaque de Shahed-136 ?")]
    assert toks[:2] == ["L'", "Ouzbékistan"]
    assert "a-t-il" in toks and "Shahed-136" in toks and "l'" in toks


def test_thousands_and_acronyms():
    toks = [t.text for t in tokenize("Les U.S. ont envoyé 1 000 soldats.")]
    assert "U.S." in toks and "1 000" in toks


def test_abbreviation_does_not_end_a_sentence():
    assert _sentences("M. Smadiyarov a parlé. Il a ajouté un mot.") == \
        ["M. Smadiyarov a parlé.", "Il a ajouté un mot."]


def test_closing_quote_stays_with_its_sentence():
    assert _sentences("« Nous partons. » Puis il sort.") == ["« Nous partons. »", "Puis il sort."]


def test_line_break_ends_a_sentence_and_blank_line_a_paragraph():
    norm, _ = normalize("Titre sans point\n\nPremier paragraphe. Suite.")
    toks = tokenize(norm)
    sents = split_sentences(norm, toks)
    assert len(sents) == 3
    assert sents[0].paragraph == 0 and sents[1].paragraph == 1


def test_ellipsis_before_lowercase_does_not_split():
    assert len(_sentences("Ils ont survolé la région... probablement pour attaquer.")) == 1


def test_overlong_sentences_are_cut():
    from depeche.text.segment import MAX_SENTENCE_TOKENS

    text = ", ".join(["le Kazakhstan a condamné la Russie"] * 200)
    norm, _ = normalize(text)
    sents = split_sentences(norm, tokenize(norm))
    assert len(sents) > 1 and all(s.end - s.start <= MAX_SENTENCE_TOKENS for s in sents)
    assert sents[0].end and norm[sents[0].char_end - 1] == ","


def test_capitalised_and_numeric_positions_are_found_once_per_token_list():
    from depeche.text.segment import capitalised, numeric, positions_of

    toks = tokenize("Le 12 mai, Kiev et Odessa ont reçu 40 drones.")
    assert [toks[k].text for k in capitalised(toks)] == ["Le", "Kiev", "Odessa"]
    assert [toks[k].text for k in numeric(toks)] == ["12", "40"]
    assert capitalised(toks) is capitalised(toks)  # kept for the same list
    assert [toks[k].text for k in positions_of(toks, {"mai", "drones", "absent"})] == ["mai", "drones"]
    big = {f"w{n}" for n in range(5000)} | {"kiev"}  # looked up from the document's side
    assert [toks[k].text for k in positions_of(toks, big)] == ["Kiev"]


def test_sentence_ends_at_line_breaks_quotes_and_the_last_token():
    assert _sentences("Titre sans point\nIl dit « oui. » Puis rien") == \
        ["Titre sans point", "Il dit « oui. »", "Puis rien"]
    assert _sentences("") == []
