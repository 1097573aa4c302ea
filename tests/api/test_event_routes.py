"""GET /api/events: filters, pagination, sorting, one event's provenance, and the HTML twin."""
def events(client, **params):
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_all_events_and_the_total(client):
    page = events(client)
    assert page["total"] == len(page["events"]) >= 5
    assert {e["doc_id"] for e in page["events"]} == {"claim-fr", "denial-en", "protest-fr", "hostile"}


def test_type_and_country_filters(client):
    assaults = events(client, type="assault")["events"]
    assert assaults and {e["type"] for e in assaults} == {"ASSAULT"}
    kaz = events(client, country="KEN")["events"]
    assert {e["doc_id"] for e in kaz} == {"hostile"}


def test_actor_claimant_factuality_and_text_filters(client):
    assert all(any(a["code"] == "UKR" for a in e["actor"]) for e in events(client, actor="UKR")["events"])
    claimed = events(client, claimant="RUS")["events"]
    assert claimed and all(e["claimant"]["code"] == "RUS" for e in claimed)
    denied = events(client, factuality="denied")["events"]
    assert denied and {e["factuality"] for e in denied} == {"denied"}
    assert {e["doc_id"] for e in events(client, text="Almaty")["events"]} == {"protest-fr"}


def test_date_range(client):
    page = events(client, since="2026-03-17", until="2026-03-17")
    assert page["events"] and all(e["date"] == "2026-03-17" for e in page["events"])
    assert events(client, since="2027-01-01")["total"] == 0


def test_incident_filter_returns_its_reports(client, disputed):
    inc = disputed
    page = events(client, incident=inc["id"])
    assert page["total"] == inc["reports"] and all(e["incident"] == inc["id"] for e in page["events"])


def test_pagination_and_sort(client):
    everything = events(client, sort="date", limit=500)["events"]
    first, second = events(client, sort="date", limit=2), events(client, sort="date", limit=2, offset=2)
    assert [e["event_id"] for e in first["events"] + second["events"]] == [e["event_id"] for e in everything[:4]]
    dates = [e["date"] for e in everything if e["date"]]
    assert dates == sorted(dates)
    types = [e["type"] for e in events(client, sort="-type", limit=500)["events"]]
    assert types == sorted(types, reverse=True)


def test_blank_form_fields_mean_no_filter(client):
    assert events(client, type="", actor="", since="")["total"] == events(client)["total"]


def test_one_event_with_its_provenance(client):
    rec = events(client, type="ASSAULT", actor="UKR")["events"][0]
    r = client.get(f"/api/events/{rec['event_id']}")
    assert r.status_code == 200
    body = r.json()
    prov = body["provenance"]
    assert prov["document"]["id"] == rec["doc_id"] and prov["document"]["source"] == "Agence A"
    a, b = prov["trigger_in_sentence"]
    assert prov["sentence"]["text"][a:b] == prov["trigger"]["text"]
    assert body["event"]["evidence"]["start"] == prov["sentence"]["start"]


def test_event_page_is_the_same_view_as_html(client):
    rec = events(client, type="ASSAULT", actor="UKR")["events"][0]
    html = client.get(f"/events/{rec['event_id']}").text
    assert "<mark" in html and rec["trigger"]["text"] in html and rec["doc_id"] in html
    table = client.get("/events", params={"type": "ASSAULT"}).text
    assert 'id="events"' in table and "export-csv" in table and "type=ASSAULT" in table


def test_percent_and_underscore_in_filters_are_characters_not_wildcards(client):
    for field in ("actor", "claimant", "text"):
        for value in ("%", "_", "U_R", "%%%"):
            assert events(client, **{field: value})["total"] == 0, (field, value)
    assert events(client, actor="ukr")["total"] > 0  # words of the mention still match, in any case


def test_the_total_is_exact_up_to_a_cap_and_then_a_lower_bound_past_the_page(client, monkeypatch):
    from depeche.api import queries

    everything = events(client, limit=500)
    n = len(everything["events"])
    assert everything["total"] == n and everything["total_exact"] is True
    monkeypatch.setattr(queries, "COUNT_CAP", 2)
    first = events(client, limit=1)
    assert (first["total"], first["total_exact"]) == (2, False)  # at least 2
    deep = events(client, limit=1, offset=2)
    assert deep["total"] > deep["offset"] + deep["limit"] and deep["total_exact"] is False  # a next page is announced
    last = events(client, limit=1, offset=n - 1)
    assert (last["total"], last["total_exact"]) == (n, True)
    html = client.get("/events", params={"limit": 1}).text
    assert 'id="next"' in html and 'at least <span id="total">2</span> events' in html  # the page says so too
    monkeypatch.setattr(queries, "COUNT_CAP", 10_000)
    assert "at least" not in client.get("/events").text


def test_the_map_says_how_many_have_no_place_only_when_it_counted_them_all(client, monkeypatch):
    from depeche.api import queries

    full = client.get("/api/map").json()
    assert full["total_exact"] and full["without_place"] == full["total"] - full["placed"] > 0
    html = client.get("/map").text
    assert "at least" not in html and f'without coordinates: <strong id="unplaced">{full["without_place"]}<' in html
    assert 'id="map-limit"' not in html
    monkeypatch.setattr(queries, "MAP_LIMIT", 2)  # the map's bound, which also bounds its count
    capped = client.get("/api/map").json()
    assert (capped["total"], capped["total_exact"], capped["without_place"]) == (2, False, None)
    assert capped["placed"] == 2 and capped["truncated"] and capped["limit"] == 2
    assert capped["points"]["event_id"] == full["points"]["event_id"][:2]  # the newest are kept
    html = client.get("/map").text
    assert '<strong id="matched">at least 2</strong>' in html and 'id="unplaced"' not in html
    assert 'id="map-limit"' in html and "at most 2 events" in html
    monkeypatch.setattr(queries, "MAP_LIMIT", full["placed"])  # exactly as many as have coordinates: all drawn
    assert not client.get("/api/map").json()["truncated"]
