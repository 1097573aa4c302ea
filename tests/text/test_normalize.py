from depeche.text.normalize import fold, normalize


def test_same_length_normalisation_keeps_offsets():
    text = "L\u2019attaque\u00a0a eu lieu \u00abhier\u00bb"
    norm, offsets = normalize(text)
    assert offsets is None
    assert len(norm) == len(text)
    assert norm.startswith("L'attaque a eu")


def test_expanding_characters_get_an_offset_map():
    text = "Les man\u0153uvres ont commenc\u00e9"
    norm, offsets = normalize(text)
    assert "manoeuvres" in norm
    assert offsets is not None and len(offsets) == len(norm)
    start = norm.index("ont")
    assert text[offsets[start]:offsets[start] + 3] == "ont"


def test_decomposed_accents_are_composed():
    text = "Mirzio\u0069\u0308ev"  # i + combining diaeresis
    norm, offsets = normalize(text)
    assert norm == "Mirzio\u00efev"
    assert offsets is not None


def test_fold_removes_accents_but_keeps_grammatical_ones():
    assert fold("Écrasé") == "ecrase"
    assert fold("à") == "à"
    assert fold("a") == "a"
