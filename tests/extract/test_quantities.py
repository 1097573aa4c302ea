"""Counts: each number with the word that says what it counts, in French and English."""
import pytest

from conftest import by_type, events_of, run


def quantities(text, lang="fr"):
    return [(m.get("value"), m.get("of"), m.get("approx")) for m in run(text, lang=lang).mentions["quantity"]]


def sizes(text, lang="fr", etype="ASSAULT"):
    return [ev.size for ev in by_type(events_of(text, lang), etype)]


def test_weapon_counts():
    assert quantities("Kyiv a lancé 91 drones contre la région.") == [(91, "weapons", False)]
    assert quantities("The army said Russia fired 91 drones overnight.", lang="en") == [(91, "weapons", False)]


def test_casualties():
    assert quantities("At least 12 soldiers were killed and 30 people injured.", lang="en") == \
        [(12, "dead", True), (30, "injured", False)]
    assert quantities("Une vingtaine de personnes ont été arrêtées.") == [(20, "arrested", True)]


@pytest.mark.parametrize("lang,text,expected", [
    ("fr", "Un bombardement a tué quatre habitants et fait neuf blessés à Kharkiv.",
     [(4, "dead", False), (9, "injured", False)]),
    ("en", "A suicide bomber killed eight soldiers and wounded 15 in Kabul.",
     [(8, "dead", False), (15, "injured", False)]),
    ("fr", "Une mine a tué deux gendarmes et blessé treize autres.", [(2, "dead", False), (13, "injured", False)]),
    ("en", "A mine killed two policemen and injured thirteen others.", [(2, "dead", False), (13, "injured", False)]),
])
def test_each_number_goes_with_its_own_verb(lang, text, expected):
    assert quantities(text, lang) == expected


def test_counting_verbs_of_arrest_keep_the_approximate_mark():
    assert quantities("La police a interpellé au moins 150 personnes.") == [(150, "arrested", True)]
    assert quantities("Police detained more than 300 people.", lang="en") == [(300, "arrested", True)]


def test_a_verb_phrase_counts_its_object():
    assert quantities("L'explosion a coûté la vie à 75 personnes.") == [(75, "dead", False)]
    assert quantities("The fire claimed the lives of 30 people.", lang="en") == [(30, "dead", False)]


@pytest.mark.parametrize("lang,text,value", [
    ("fr", "Les assaillants ont tué dix-sept villageois.", 17),
    ("fr", "Les assaillants ont tué vingt et un villageois.", 21),
    ("fr", "Les assaillants ont tué soixante-dix-sept villageois.", 77),
    ("fr", "Les assaillants ont tué quatre-vingt-douze villageois.", 92),
    ("fr", "Les assaillants ont tué deux cent cinquante villageois.", 250),
    ("fr", "Les assaillants ont tué 5 000 villageois.", 5000),
    ("en", "The gunmen killed twenty-one villagers.", 21),
    ("en", "The gunmen killed two hundred and five villagers.", 205),
    ("en", "The gunmen killed 5,000 villagers.", 5000),
])
def test_numbers_in_words_and_digits(lang, text, value):
    assert quantities(text, lang) == [(value, "dead", False)]


def test_round_numbers_are_approximate_and_vague_ones_no_count():
    assert quantities("The gunmen killed a dozen villagers.", lang="en") == [(12, "dead", True)]
    assert quantities("Des dizaines de drones ont visé la ville.") == []
    assert quantities("Plusieurs centaines de personnes ont été arrêtées.") == []
    assert quantities("Dozens of people were killed and hundreds arrested.", lang="en") == []
    assert quantities("No one was killed in the blast.", lang="en") == []


def test_the_agent_is_not_the_victim():
    assert quantities("Deux hommes armés ont tué cinq villageois.") == [(5, "dead", False)]
    assert quantities("Two gunmen killed five villagers.", lang="en") == [(5, "dead", False)]


def test_an_article_counts_one_person_after_a_counting_verb():
    assert quantities("L'armée a indiqué avoir tué mercredi un commandant.") == [(1, "dead", False)]
    assert quantities("The army said it killed a commander on Wednesday.", lang="en") == [(1, "dead", False)]
    assert quantities("A strike killed people in the town.", lang="en") == []


def test_coordinated_counts_add_up_unless_they_count_something_else():
    assert quantities("La police a arrêté lundi à Dakar un militant et deux journalistes.") == [(3, "arrested", False)]
    assert quantities("Police arrested a student and two journalists.", lang="en") == [(3, "arrested", False)]
    assert quantities("Trois soldats et deux civils ont été tués.") == [(5, "dead", False)]
    assert quantities("Les autorités font état de 12 blessés et 28 disparus.") == [(12, "injured", False)]
    assert quantities("Officials reported 12 wounded and 28 missing.", lang="en") == [(12, "injured", False)]


def test_parts_units_and_dates_are_no_counts():
    assert quantities("Une frappe a tué 14 personnes, dont six enfants.") == [(14, "dead", False)]
    assert quantities("A strike killed 14 people, including six children.", lang="en") == [(14, "dead", False)]
    assert quantities("Un homme de 45 ans a été blessé.") == [(1, "injured", False)]  # the man, not his age
    assert quantities("A 10-year-old boy was injured.", lang="en") == []
    assert quantities("Le 3 mars, la police a arrêté sept militants.") == [(7, "arrested", False)]


def test_a_part_and_its_total_are_two_counts():
    assert quantities("La défense a abattu 40 des 52 drones lancés.") == \
        [(40, "weapons", False), (52, "weapons", False)]
    assert quantities("Air defences shot down 40 of the 52 drones.", lang="en") == \
        [(40, "weapons", False), (52, "weapons", False)]


def test_an_event_takes_the_counts_of_its_own_verbs():
    assert sizes("Une frappe russe a tué trois civils et fait sept blessés mardi.") == [{"dead": 3, "injured": 7}]
    assert sizes("A Russian strike killed five civilians and wounded 12 on Tuesday.", "en") == \
        [{"dead": 5, "injured": 12}]


@pytest.mark.parametrize("lang,text", [
    ("fr", "La police a interpellé 40 manifestants alors que des milliers de personnes défilaient à Paris."),
    ("en", "Police detained 40 protesters as thousands marched in London."),
])
def test_arrests_belong_to_the_arrest_not_the_protest(lang, text):
    assert sizes(text, lang, "COERCE") == [{"arrested": 40}]
    assert sizes(text, lang, "PROTEST") == [{}]


@pytest.mark.parametrize("lang,text", [
    ("fr", "La défense aérienne a abattu 40 des 52 drones lancés par la Russie."),
    ("en", "Air defences shot down 40 of the 52 drones launched by Russia."),
])
def test_the_nearest_count_of_a_kind_goes_to_each_event(lang, text):
    assert sorted(s["weapons"] for s in sizes(text, lang)) == [40, 52]
