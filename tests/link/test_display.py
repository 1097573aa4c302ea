"""An incident in words and source by source: conflict sentences, copies folded, one terminal block per article."""
from depeche.link.display import incident_text
from depeche.link.dispute import conflicts, view
from depeche.link.sources import by_source, gist
from depeche.link.wording import actor_name, conflict_sentence, conflict_sentences

NAMES = {"RUS": "Russia", "KAZ": "Kazakhstan", "UKR": "Ukraine"}


def name(code):
    return NAMES.get(code, code) if code else None


def claim(event_id, *, source, claimant=None, occurred="fact", counts=None, origin=None, date="2026-03-16",
          place="Orenburg Oblast", perpetrator=("UKR",)):
    return {"event_id": event_id, "doc_id": event_id.split(":")[0], "source": source, "published": "2026-03-17",
            "claimant": claimant, "type": "ASSAULT", "occurred": occurred, "perpetrator": list(perpetrator),
            "target": ["RUS"], "origin": origin, "place": place, "place_country": "RUS", "date": date,
            "counts": counts or {}, "evidence": f"What {source} wrote."}


CLAIM = claim("wire-a:e1", source="Plains Wire", claimant="RUS", counts={"weapons": 91}, origin="KAZ")
DENIAL = claim("paper-b:e1", source="Steppe Courier", claimant="KAZ", occurred="denied", counts={"weapons": 40})
LATER = claim("paper-b:e2", source="Steppe Courier", date="2026-03-15")


def test_each_conflict_is_a_sentence_naming_who_says_what():
    view_ = view([CLAIM, DENIAL], [["wire-a"], ["paper-b"]])
    by_slot = dict(zip((c["slot"] for c in view_["conflicts"]), conflict_sentences(view_, name), strict=True))
    assert by_slot["occurred"] == "Russia says it happened; Kazakhstan denies it."
    assert by_slot["counts.weapons"] in ("Russia counts 91 weapons; Kazakhstan counts 40 weapons.",
                                         "Kazakhstan counts 40 weapons; Russia counts 91 weapons.")
    assert "91" in by_slot["counts.weapons"] and "Kazakhstan counts 40" in by_slot["counts.weapons"]


def test_a_claim_without_claimant_speaks_for_its_outlet_and_plural_speakers_agree():
    found = conflicts([CLAIM, DENIAL, LATER])
    (date,) = [c for c in found if c["slot"] == "date"]
    text = conflict_sentence(date, {c["event_id"]: c for c in (CLAIM, DENIAL, LATER)}, name)
    assert text == "Russia and Kazakhstan date it 2026-03-16; Steppe Courier dates it 2026-03-15."


def test_one_claimant_on_both_sides_is_told_apart_by_its_outlets():
    a = claim("a:e1", source="Outlet A", claimant="RUS")
    b = claim("b:e1", source="Outlet B", claimant="RUS", occurred="denied")
    (occurred,) = conflicts([a, b])
    assert conflict_sentence(occurred, {"a:e1": a, "b:e1": b}, name) == \
        "Russia (Outlet A) says it happened; Russia (Outlet B) denies it."


def test_many_speakers_are_counted_not_listed():
    claims = [claim(f"d{i}:e1", source=f"Outlet {i}", counts={"dead": 5}) for i in range(6)]
    claims.append(claim("z:e1", source="Outlet Z", counts={"dead": 9}))
    (dead,) = [c for c in conflicts(claims) if c["slot"] == "counts.dead"]
    text = conflict_sentence(dead, {c["event_id"]: c for c in claims}, name)
    assert text == "Outlet 0, Outlet 1 and 4 others count 5 dead; Outlet Z counts 9 dead."


def test_many_values_are_counted_past_the_most_given():
    claims = [claim(f"d{i}:e1", source=f"Outlet {i}", date=f"2026-03-1{i}") for i in range(6)]
    claims.append(claim("z:e1", source="Outlet Z", date="2026-03-10"))
    (date,) = [c for c in conflicts(claims) if c["slot"] == "date"]
    text = conflict_sentence(date, {c["event_id"]: c for c in claims}, name)
    assert text.startswith("Outlet 0 and Outlet Z date it 2026-03-10; Outlet 1 dates it 2026-03-11;")
    assert text.endswith("; 2 more reports give 2 other values.")


def test_codes_get_country_and_organisation_names():
    assert (actor_name("KAZ"), actor_name("UNO"), actor_name("IMG"), actor_name(None)) == \
        ("Kazakhstan", "United Nations", "IMG", None)


def test_copies_saying_the_same_fold_into_the_first_article():
    copy = {**CLAIM, "event_id": "wire-c:e1", "doc_id": "wire-c", "source": "Echo Daily", "published": "2026-03-18"}
    odd = {**CLAIM, "event_id": "wire-d:e1", "doc_id": "wire-d", "source": "Odd Post", "published": "2026-03-18",
           "counts": {"weapons": 19}}
    view_ = view([CLAIM, copy, odd, DENIAL, LATER], [["wire-a", "wire-c", "wire-d"], ["paper-b"]])
    articles = by_source(view_, {"wire-a": {"title": "Drones", "url": "https://example.org/a"}})
    assert [a["doc_id"] for a in articles] == ["paper-b", "wire-a", "wire-d"]  # by date, then id
    first = articles[1]
    assert first["title"] == "Drones" and first["url"] == "https://example.org/a" and first["source"] == "Plains Wire"
    assert [(c["doc_id"], c["folded"]) for c in first["copies"]] == [("wire-c", True), ("wire-d", False)]
    assert articles[2]["copy_of"] == "wire-a"  # it says something else: shown, right after the story it copies
    assert [c["event_id"] for c in articles[0]["claims"]] == ["paper-b:e1", "paper-b:e2"]


def test_claims_come_in_reading_order():
    claims = [claim(f"doc:e{i}", source="S") for i in (10, 2, 1)]
    (article,) = by_source(view(claims, [["doc"]]))
    assert [c["event_id"] for c in article["claims"]] == ["doc:e1", "doc:e2", "doc:e10"]


def test_the_gist_of_an_incident_for_the_list():
    g = gist([CLAIM, DENIAL, LATER])
    assert g["place"] == "Orenburg Oblast" and g["place_country"] == "RUS"
    assert g["actors"][:2] == ["RUS", "UKR"] and g["claimants"] == ["KAZ", "RUS"]
    assert g["outlets"] == ["Plains Wire", "Steppe Courier"]


def test_the_terminal_shows_one_block_per_source_with_conflicts_in_words():
    view_ = view([CLAIM, DENIAL, LATER], [["wire-a"], ["paper-b"]])
    inc = {"id": "inc-000007", "type": "ASSAULT", "first_date": "2026-03-15", "last_date": "2026-03-16",
           "country": "RUS", "dispute": view_,
           "articles": by_source(view_, {"paper-b": {"title": "Astana says no", "url": "https://example.org/b"}})}
    text = incident_text(inc, name)
    lines = text.splitlines()
    assert lines[:2] == ["inc-000007  ASSAULT  2026-03-15..2026-03-16  Russia",
                         "3 reports in 2 articles from 2 independent sources"]
    assert "  ! Steppe Courier and Russia say it happened; Kazakhstan denies it." in lines
    blocks = [line for line in lines if line.startswith("[")]
    assert blocks == ["[1] Steppe Courier, 2026-03-17: Astana says no", "[2] Plains Wire, 2026-03-17"]
    assert "    paper-b  https://example.org/b" in lines
    assert any(line.startswith("    - !ASSAULT denied · says KAZ") for line in lines)
    assert "“What Steppe Courier wrote.”" in text
    assert max(map(len, lines)) <= 100, "a block per source, not a column per report: the width stays put"


def test_the_terminal_says_so_when_the_reports_agree():
    view_ = view([claim("a:e1", source="A"), claim("b:e1", source="B")], [["a"], ["b"]])
    text = incident_text({"id": "inc-000001", "type": "ASSAULT", "dispute": view_}, name)
    assert "do not contradict" in text and "[2] B, 2026-03-17" in text
