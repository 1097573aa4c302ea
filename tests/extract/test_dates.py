import pytest

from conftest import run


def values(text, lang="fr", published="2025-12-30"):
    return [m.get("value") for m in run(text, lang=lang, published=published).mentions["date"]]


@pytest.mark.parametrize("text,expected", [
    ("Il a parlé lundi.", "2025-12-29"),
    ("Il a parlé ce mardi.", "2025-12-30"),
    ("Il a parlé mardi dernier.", "2025-12-23"),
    ("Il a parlé hier.", "2025-12-29"),
    ("Il a parlé avant-hier.", "2025-12-28"),
    ("Dans la nuit du 29 décembre, ils ont tiré.", "2025-12-29"),
    ("Les 19 et 20 juin, ils ont tiré.", "2025-06-19"),
    ("Du 3 au 5 mars 2024, ils ont tiré.", "2024-03-03"),
    ("En février, un drone a été trouvé.", "2025-02"),
    ("En 2023, un drone a été trouvé.", "2023"),
    ("Le 2025-11-02, un drone a été trouvé.", "2025-11-02"),
])
def test_french_dates(text, expected):
    assert values(text)[0] == expected


@pytest.mark.parametrize("text,expected", [
    ("They met on Monday.", "2025-12-29"),
    ("They met on December 3, 2024.", "2024-12-03"),
    ("They met yesterday.", "2025-12-29"),
    ("They met last week.", "2025-12"),
    ("They met in March.", "2025-03"),
])
def test_english_dates(text, expected):
    assert values(text, lang="en")[0] == expected


def test_month_precision_publication():
    assert values("Le Kazakhstan a parlé lundi.", published="2025-06") == ["2025-06"]


def test_no_publication_date_keeps_explicit_dates_only():
    assert values("Il a parlé lundi, le 3 mars 2024.", published=None) == ["2024-03-03"]


def test_ranges_keep_their_end_and_events_their_precision():
    from conftest import by_type, events_of

    text = "Les 19 et 20 juin, des drones ukrainiens ont survolé la région."
    (ev,) = by_type(events_of(text, published="2025-06-25"), "MOBILIZE")
    assert (ev.date, ev.date_end, ev.date_precision) == ("2025-06-19", "2025-06-20", "day")
    (ev,) = by_type(events_of("En février, un drone russe s'est écrasé.", published="2025-06-25"), "CRASH")
    assert (ev.date, ev.date_precision) == ("2025-02", "month")


@pytest.mark.parametrize("lang,text", [
    ("fr", "Une frappe a tué trois civils et fait sept blessés lundi."),
    ("fr", "Sept soldats ont été tués lundi dans une embuscade."),
    ("fr", "La police a arrêté sept militants lundi."),
    ("fr", "La sonde vers Mars a été lancée lundi."),
    ("fr", "Les rebelles ont avancé en sept jours jusqu'à la ville lundi."),
    ("en", "Theresa May criticised the bill on Monday."),
    ("en", "Officials said the talks may resume on Monday."),
    ("en", "The March rally drew thousands on Monday."),
])
def test_a_word_that_is_also_a_month_is_no_date_without_a_date_frame(lang, text):
    assert values(text, lang=lang) == ["2025-12-29"]


@pytest.mark.parametrize("lang,text,expected", [
    ("fr", "Le 7 mars, la police a arrêté sept militants.", "2025-03-07"),
    ("fr", "Les combats ont repris en mars.", "2025-03"),
    ("fr", "Les combats ont repris début mars.", "2025-03"),
    ("fr", "Les combats ont repris à la mi-mars.", "2025-03"),
    ("fr", "Les combats ont repris le 7 sept. près de la frontière.", "2025-09-07"),
    ("fr", "Le traité a été signé en mars 2024.", "2024-03"),
    ("en", "Fighting resumed in May.", "2025-05"),
    ("en", "Fighting resumed on May 5.", "2025-05-05"),
    ("en", "Fighting resumed in mid-March.", "2025-03"),
    ("en", "Fighting resumed at the end of March.", "2025-03"),
    ("en", "Fighting has gone on since March.", "2025-03"),
    ("en", "The treaty was signed on Sept. 11.", "2025-09-11"),
])
def test_a_month_with_a_day_a_year_or_a_frame_is_a_date(lang, text, expected):
    assert values(text, lang=lang) == [expected]
