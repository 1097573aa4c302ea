from conftest import run


def test_speaker_after_the_quote_and_first_person_inside():
    doc = run("« Nous condamnons cette attaque », a déclaré le ministre russe des Affaires étrangères.")
    (quote,) = doc.quotes
    assert quote.speaker.code == "RUS"
    assert any(m.text == "Nous" and m.get("code") == "RUS" for m in doc.mentions["actor"])


def test_speaker_before_the_quote():
    doc = run('The Iranian president said: "We will respond to any attack."', lang="en")
    assert doc.quotes[0].speaker.code == "IRN"


def test_mixed_quote_marks_pair_up():
    doc = run('"Nous appelons au calme”, a lancé la porte-parole du ministère russe.')
    assert doc.quotes and doc.quotes[0].speaker.code == "RUS"


def _outlets(doc):
    return [m.text for m in doc.mentions.get("outlet", [])]


def test_outlet_told_a_statement_is_set_aside():
    doc = run("« Trois soldats ont été tués », a déclaré un élu local à l'AFP.")
    assert _outlets(doc) == ["AFP"] and doc.quotes[0].speaker is None
    doc = run('"Three soldiers were killed," a Ukrainian official told the BBC.', lang="en")
    assert _outlets(doc) == ["BBC"] and doc.quotes[0].speaker.code == "UKR"


def test_dateline_outlet_and_its_city_are_no_actors():
    doc = run("KIEV (AFP) – Des drones russes ont frappé un dépôt à Odessa.")
    assert set(_outlets(doc)) == {"AFP", "KIEV"}
    doc = run("KYIV (Reuters) - Russian drones hit a fuel depot in Odesa.", lang="en")
    assert set(_outlets(doc)) == {"Reuters", "KYIV"}
    assert not any(m.get("code") in ("FRA", "GBR") for m in doc.mentions["actor"])


def test_outlet_that_reports_as_a_subject_is_set_aside():
    doc = run("L'agence Interfax a rapporté que des drones ukrainiens avaient attaqué une raffinerie.")
    assert "Interfax" in " ".join(_outlets(doc))
    doc = run("Russia's Interfax news agency reported that Ukrainian drones attacked a refinery.", lang="en")
    assert "Interfax" in " ".join(_outlets(doc)) and "Russia" in _outlets(doc)


def test_outlet_that_is_a_target_stays_an_actor():
    doc = run("La Russie a interdit la BBC vendredi.")
    assert not _outlets(doc) and any(m.text == "BBC" for m in doc.mentions["actor"])
    doc = run("Russia banned the BBC on Friday.", lang="en")
    assert not _outlets(doc) and any(m.text == "BBC" for m in doc.mentions["actor"])


def test_title_before_a_quote_is_its_speaker():
    doc = run("Le ministre ukrainien des Affaires étrangères : « Les troupes russes ont bombardé Odessa cette nuit. »")
    assert doc.quotes[0].speaker.code == "UKR"
    doc = run('The Ukrainian foreign minister: "Russian troops shelled Odesa overnight."', lang="en")
    assert doc.quotes[0].speaker.code == "UKR"
