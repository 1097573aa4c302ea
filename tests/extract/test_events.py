import pytest

from conftest import by_type, codes, events_of


def test_active_verb_subject_and_object():
    (ev,) = by_type(events_of("Le Kazakhstan a condamné la Russie."), "ACCUSE")
    assert codes(ev.actor) == {"KAZ"} and codes(ev.recipient) == {"RUS"}


def test_coordinated_subjects():
    (ev,) = by_type(events_of("L'Ouzbékistan et le Kazakhstan ont condamné l'attaque."), "ACCUSE")
    assert codes(ev.actor) == {"UZB", "KAZ"}


def test_passive_with_agent():
    (ev,) = by_type(events_of("The embassy was attacked by Houthi rebels.", lang="en"), "ASSAULT")
    assert codes(ev.actor) == {"YEM"}


def test_prepositional_recipient_of_a_noun():
    evs = events_of("Kyiv a mené une attaque de drones contre la Russie.")
    (ev,) = by_type(evs, "ASSAULT")
    assert codes(ev.actor) == {"UKR"} and codes(ev.recipient) == {"RUS"} and ev.mode == "drone"


def test_demonym_adjective_is_the_actor_of_a_noun():
    (ev,) = by_type(events_of("Une frappe russe a touché Kharkiv."), "ASSAULT")
    assert codes(ev.actor) == {"RUS"}


def test_phone_call_is_consult_phone():
    (ev,) = by_type(events_of("Emmanuel Macron s'est entretenu par téléphone avec Recep Tayyip Erdogan."), "CONSULT")
    assert ev.mode == "phone" and codes(ev.actor) == {"FRA"} and codes(ev.recipient) == {"TUR"}


def test_crash_operator_only_when_stated():
    (ev,) = by_type(events_of("Un drone de reconnaissance russe s'est écrasé près de la frontière."), "CRASH")
    assert codes(ev.actor) == {"RUS"}
    (ev,) = by_type(events_of("Un drone fabriqué en Russie s'est écrasé au Kazakhstan."), "CRASH")
    assert not ev.actor


def test_apposition_between_subject_and_verb():
    (ev,) = by_type(events_of("Pakistan, a close ally of the United States, has refused the request.", lang="en"), "REJECT")
    assert codes(ev.actor) == {"PAK"}


@pytest.mark.parametrize("text", [
    "Le président a déployé des efforts considérables pour la paix.",
    "Les négociations visant à parvenir à un accord se poursuivent.",
])
def test_no_event_from_idioms_or_goals(text):
    evs = events_of(text)
    assert not by_type(evs, "MOBILIZE") and not by_type(evs, "AGREE")


def test_requested_action_is_not_an_event():
    evs = events_of("La CEDEAO a appelé les autorités maliennes à libérer les détenus.")
    assert by_type(evs, "REQUEST") and not by_type(evs, "RETREAT")
    assert codes(by_type(evs, "REQUEST")[0].actor) == {"ECOWAS"}


def test_comma_list_of_subjects():
    (ev,) = by_type(events_of("Le Mali, le Burkina Faso et le Niger ont condamné la décision."), "ACCUSE")
    assert codes(ev.actor) == {"MLI", "BFA", "NER"}


def test_participle_with_agent_is_passive():
    evs = events_of("Les forces ukrainiennes ont abattu des drones lancés par la Russie.")
    assert any(codes(e.actor) == {"RUS"} for e in by_type(evs, "ASSAULT"))


def test_object_after_date_and_place():
    (ev,) = by_type(events_of("Le président turc a reçu jeudi à Ankara son homologue azerbaïdjanais."), "CONSULT")
    assert codes(ev.actor) == {"AZE"} and codes(ev.recipient) == {"TUR"}  # the guest visits


def test_object_through_one_de():
    (ev,) = by_type(events_of("Des rebelles ont attaqué un convoi de l'armée burkinabè."), "ASSAULT")
    assert codes(ev.recipient) == {"BFA"}


def test_infinitive_of_purpose_takes_the_main_subject():
    evs = events_of("Le ministère iranien a convoqué l'ambassadeur de France pour protester.")
    assert all(codes(e.actor) == {"IRN"} for e in by_type(evs, "ACCUSE"))
    assert any(codes(e.recipient) == {"FRA"} for e in by_type(evs, "ACCUSE"))


def test_participle_is_not_the_noun():
    (ev,) = by_type(events_of("L'armée russe a frappé des infrastructures à Kharkiv."), "ASSAULT")
    assert codes(ev.actor) == {"RUS"}


def test_interception_targets_the_operator_without_mode():
    (ev,) = by_type(events_of("La défense russe a intercepté 23 drones ukrainiens au-dessus de Belgorod."), "ASSAULT")
    assert codes(ev.actor) == {"RUS"} and codes(ev.recipient) == {"UKR"} and ev.mode is None


def test_lowercase_group_names_and_adjectival_roles():
    (ev,) = by_type(events_of("Les rebelles houthis ont revendiqué une attaque contre un navire en mer Rouge."),
                    "ASSAULT")
    assert codes(ev.actor) == {"YEM"} and ev.location["name"] == "mer Rouge"


@pytest.mark.parametrize("text,lang", [
    ("Serbia rejected the plan, a ministry spokeswoman said, and threatened to recall its ambassador.", "en"),
    ("La Serbie a rejeté le plan, a précisé une porte-parole, et a menacé de rappeler son ambassadeur.", "fr"),
])
def test_a_speaker_set_between_commas_is_not_the_subject_of_what_follows(text, lang):
    (ev,) = by_type(events_of(text, lang=lang), "THREATEN")
    assert codes(ev.actor) == {"SRB"}
