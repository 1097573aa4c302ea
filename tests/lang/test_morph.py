import pytest

from depeche.lang import load_language


@pytest.mark.parametrize("lemma,form", [
    ("condamner", "condamne"), ("condamner", "condamnees"), ("exiger", "exigeons"), ("appeler", "appelle"),
    ("rejeter", "rejettent"), ("deployer", "deploie"), ("saisir", "saisissent"), ("rendre", "rendu"),
    ("detruire", "detruits"), ("abattre", "abattus"), ("dementir", "dement"), ("entretenir", "entretenu"),
])
def test_french_verb_forms(lemma, form):
    assert form in load_language("fr").morph.verb_forms(lemma)


@pytest.mark.parametrize("lemma,form", [
    ("attack", "attacked"), ("urge", "urging"), ("deny", "denied"), ("meet", "met"), ("ban", "banned"),
    ("shoot", "shot"), ("withdraw", "withdrew"),
])
def test_english_verb_forms(lemma, form):
    assert form in load_language("en").morph.verb_forms(lemma)


def test_noun_plurals():
    assert "attaques" in load_language("fr").morph.noun_forms("attaque")
    assert "militias" in load_language("en").morph.noun_forms("militia")
