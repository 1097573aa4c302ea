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
