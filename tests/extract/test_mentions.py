import pytest

from conftest import run


def actors(doc):
    return [(m.text, m.get("code"), m.get("sector")) for m in doc.mentions["actor"]]


def test_role_phrase_with_demonym_and_complement_and_name():
    doc = run("Le ministre russe des Affaires étrangères Sergueï Lavrov a parlé.")
    (text, code, sector), = actors(doc)[:1]
    assert code == "RUS" and sector == "GOV"
    assert "Lavrov" in text


def test_role_phrase_takes_the_body_sector():
    doc = run("Le porte-parole de l'armée malienne a démenti.")
    assert ("porte-parole de l'armée malienne", "MLI", "MIL") in actors(doc)


def test_metonyms_and_capitals():
    doc = run("Le Kremlin et Tachkent ont réagi, tout comme Akorda.")
    assert {(c, s) for _, c, s in actors(doc)} == {("RUS", "GOV"), ("UZB", "GOV"), ("KAZ", "GOV")}


def test_english_possessive_and_adjective_roles():
    doc = run("Iran's foreign minister met Ukrainian armed forces commanders.", lang="en")
    found = {(c, s) for _, c, s in actors(doc)}
    assert ("IRN", "GOV") in found and ("UKR", "MIL") in found


def test_equipment_with_demonym_is_an_operator():
    doc = run("Un drone de reconnaissance russe a été retrouvé.")
    assert any(m.get("source") == "equipment" and m.get("code") == "RUS" for m in doc.mentions["actor"])


def test_pronoun_and_surname_point_back():
    doc = run("Le porte-parole kazakh, Aibek Smadiyarov, a parlé. Il a ajouté que M. Smadiyarov restait prudent.")
    refs = [m for m in doc.mentions["actor"] if m.get("source") == "ref"]
    assert {m.text for m in refs} == {"Il", "Smadiyarov"}
    assert all(m.get("code") == "KAZ" for m in refs)


def test_places_from_locative_words_and_heads():
    doc = run("Un drone s'est écrasé dans le district de Karakiya, dans la région de Mangystau au Kazakhstan.")
    places = {(p.text, p.get("country"), p.get("precision")) for p in doc.mentions["place"]}
    assert ("district de Karakiya", "KAZ", "region") in places
    assert ("Kazakhstan", "KAZ", "country") in places


def test_months_are_not_towns():
    doc = run("He will visit Albania in June.", lang="en")
    assert all(p.text != "June" for p in doc.mentions["place"])


@pytest.mark.parametrize("text,lang,title", [
    ("Vladimir Poutine a reçu mardi le président kazakh. Le chef du Kremlin a ensuite condamné les frappes.", "fr",
     "chef du Kremlin"),
    ("Sergey Lavrov met his Turkish counterpart. The Russian foreign minister then accused Kyiv of sabotage.", "en",
     "Russian foreign minister"),
])
def test_a_leader_title_takes_the_name_of_the_person_named_before(text, lang, title):
    doc = run(text, lang=lang, published="2026-03-10")
    (m,) = [a for a in doc.mentions["actor"] if a.text == title]
    assert m.get("qid") in ("Q7747", "Q58217") and m.get("name")


def test_a_title_of_another_role_or_country_keeps_no_name():
    doc = run("Vladimir Putin spoke on Monday. The Russian foreign minister and the Kazakh president met.", lang="en",
              published="2026-03-10")
    assert not [a for a in doc.mentions["actor"] if a.get("source") == "role" and a.get("name")]
