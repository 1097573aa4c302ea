import pytest

from conftest import by_type, codes, events_of, run


def test_repeated_event_is_merged_and_denial_wins():
    text = ("Le Kazakhstan a condamné l'attaque. Le Kazakhstan a aussi fermement condamné l'attaque.")
    assert len(by_type(events_of(text), "ACCUSE")) == 1


def test_headline_event_joins_the_body_event():
    doc = run("Manifestation à Bamako\n\nDes milliers de manifestants ont défilé jeudi à Bamako.",
              title="Manifestation à Bamako", published="2026-05-08")
    (ev,) = by_type(doc.events, "PROTEST")
    assert ev.mentions == 2 and ev.date == "2026-05-07"


def test_event_date_place_and_size():
    doc = run("Dans la nuit du 29 décembre, Kyiv a lancé 91 drones contre la région de Novgorod en Russie.",
              published="2025-12-30")
    (ev,) = by_type(doc.events, "ASSAULT")
    assert ev.date == "2025-12-29" and ev.date_source == "text"
    assert ev.location["text"] == "région de Novgorod" and ev.location["country"] == "RUS"
    assert ev.size["weapons"] == 91 and ev.mode == "drone"


def test_events_without_date_take_the_publication_date():
    (ev,) = by_type(events_of("Le Kazakhstan a condamné la Russie.", published="2025-06"), "ACCUSE")
    assert ev.date == "2025-06" and ev.date_source == "published"


def test_country_level_places_have_coordinates():
    (ev,) = by_type(events_of("Des manifestants ont défilé au Kenya."), "PROTEST")
    assert ev.location["country"] == "KEN" and ev.location["lat"] is not None


def test_definite_reference_joins_the_event_told_before():
    text = ("Des drones ukrainiens ont attaqué la région de Koursk lundi. Le Kazakhstan a condamné l'attaque. "
            "Un drone s'est écrasé mardi au Kazakhstan. Un autre drone s'est écrasé mercredi en Ouzbékistan.")
    evs = events_of(text, published="2026-03-20")
    assert len(by_type(evs, "ASSAULT")) == 1
    assert len(by_type(evs, "CRASH")) == 2


def test_place_of_manufacture_is_not_the_event_place():
    (ev,) = by_type(events_of("Un drone fabriqué au Royaume-Uni s'est écrasé dans le district de Karakiya."), "CRASH")
    assert ev.location["name"] == "district de Karakiya"


def test_negated_noun_is_no_event():
    assert not by_type(events_of("Nous ne cherchons pas la reddition de l'Ukraine."), "RETREAT")


def test_launch_origin():
    (ev,) = by_type(events_of("Selon Moscou, des drones ont été lancés depuis le Kazakhstan vers la Russie."), "ASSAULT")
    assert ev.origin["country"] == "KAZ"
    (ev,) = by_type(events_of("Le Kazakhstan dément que des drones aient été lancés depuis son territoire vers la Russie."),
                    "ASSAULT")
    assert ev.origin["country"] == "KAZ" and ev.factuality == "denied"


@pytest.mark.parametrize("lang, text, date", [
    ("fr", "Le président mongol se rendra en Corée en février.", "2027-02"),
    ("fr", "Bruxelles adoptera lundi de nouvelles sanctions contre l'Iran.", "2026-03-23"),
    ("en", "The EU will adopt new sanctions against Iran on Monday.", "2026-03-23"),
    ("fr", "L'armée a bombardé lundi un dépôt près de Homs.", "2026-03-16"),  # a fact keeps the last Monday
])
def test_a_future_event_takes_the_next_weekday_or_month(lang, text, date):
    (ev,) = events_of(text, lang, published="2026-03-17")
    assert ev.date == date


@pytest.mark.parametrize("lang, text", [
    ("fr", "La Russie a bombardé Kharkiv lundi. Les frappes sur la ville ont fait trois morts."),
    ("en", "Russia shelled Kharkiv on Monday. The strikes on the city killed three people."),
])
def test_a_definite_mention_without_actor_joins_the_event_told_before(lang, text):
    (ev,) = by_type(events_of(text, lang), "ASSAULT")
    assert codes(ev.actor) == {"RUS"} and ev.mentions >= 2


@pytest.mark.parametrize("lang, text", [
    ("fr", "L'armée tchadienne a bombardé mardi la ville de Faya. Une seconde frappe a visé un marché voisin en soirée."),
    ("en", "The Chadian army shelled the town of Faya on Tuesday. A second strike hit a nearby market in the evening."),
])
def test_a_new_event_of_the_same_kind_right_after_carries_its_actor(lang, text):
    attacks = [e for e in events_of(text, lang) if e.type == "ASSAULT"]
    assert len(attacks) == 2 and all(codes(e.actor) == {"TCD"} for e in attacks)


def test_a_crash_does_not_carry_the_operator_of_the_one_before():
    text = ("Un drone militaire russe s'est écrasé lundi près d'Aktobe. "
            "Un autre appareil fabriqué en Turquie s'est écrasé mardi dans la steppe.")
    crashes = [e for e in events_of(text, "fr") if e.type == "CRASH"]
    assert len(crashes) == 2 and not crashes[1].actor
