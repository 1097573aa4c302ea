"""The incident pages at real size: a column per source article, conflicts in words, a list with places, actors,
filters and pages."""
import re


def test_an_incident_is_told_article_by_article(client, disputed):
    inc = client.get(f"/api/incidents/{disputed['id']}").json()
    articles = {a["doc_id"]: a for a in inc["articles"]}
    assert set(articles) == {"claim-fr", "denial-en"}
    assert articles["denial-en"]["source"] == "Steppe Wire" and articles["denial-en"]["title"] == "Astana denies"
    assert sum(len(a["claims"]) for a in inc["articles"]) == len(inc["dispute"]["reports"])
    assert inc["names"]["KAZ"] == "Kazakhstan" and inc["country_name"]


def test_conflicts_are_said_in_words(client, disputed):
    inc = client.get(f"/api/incidents/{disputed['id']}").json()
    said = {c["slot"]: c["sentence"] for c in inc["dispute"]["conflicts"]}
    assert said["occurred"] == "Russia says it happened; Kazakhstan denies it."
    html = client.get(f"/incidents/{disputed['id']}").text
    assert "Russia says it happened; Kazakhstan denies it." in html
    assert "claim-fr:e" not in html.split('id="conflicts"')[1].split("</section>")[0], "no wall of event ids"


def test_the_page_has_one_column_per_article_not_per_report(client, disputed):
    html = client.get(f"/incidents/{disputed['id']}").text
    columns = re.findall(r'<section class="source[^"]*" id="source-\d+" data-doc="([^"]+)"', html)
    assert sorted(columns) == ["claim-fr", "denial-en"]
    assert 'href="/documents/denial-en"' in html and "Steppe Wire" in html and "2026-03-17" in html
    assert html.count('<table class="claim"') == len(client.get(f"/api/incidents/{disputed['id']}").json()
                                                     ["dispute"]["reports"])
    assert 'class="conflict"' in html  # the contradicted values are marked in their column


def test_copies_of_a_wire_story_are_shown_as_such(incidents_client):
    rows = incidents_client.get("/api/incidents", params={"limit": 500}).json()["incidents"]
    copied = [r for r in rows if r["documents"] > r["sources"]]
    assert copied, "incidents.jsonl holds a story republished word for word"
    inc = incidents_client.get(f"/api/incidents/{copied[0]['id']}").json()
    assert inc["dispute"]["copies"]
    lead = next(a for a in inc["articles"] if a["copies"])
    assert {c["doc_id"] for c in lead["copies"]} | {lead["doc_id"]} == set(inc["dispute"]["copies"][0])
    html = incidents_client.get(f"/incidents/{copied[0]['id']}").text
    assert "Same wire story in" in html and "counted as one source" in html


def test_the_list_shows_place_dates_actors_sources_and_conflicts(client, disputed):
    row = next(r for r in client.get("/api/incidents").json()["incidents"] if r["id"] == disputed["id"])
    assert row["place"] and row["actors"] and {"first_date", "last_date", "sources", "conflicts"} <= set(row)
    assert set(row["actors"]) <= set(row["names"]) and row["outlets"] == ["Agence A", "Steppe Wire"]
    html = client.get("/incidents").text
    cells = html.split(f'data-incident="{disputed["id"]}"')[1].split("</tr>")[0]
    assert "Kazakhstan" in cells and "2026-03-16" in cells and "⚠" in cells


def test_the_list_comes_in_pages(incidents_client):
    everything = incidents_client.get("/api/incidents", params={"limit": 500}).json()
    assert not everything["has_next"] and len(everything["incidents"]) > 10
    ids = [r["id"] for r in everything["incidents"]]
    first = incidents_client.get("/api/incidents", params={"limit": 5}).json()
    second = incidents_client.get("/api/incidents", params={"limit": 5, "offset": 5}).json()
    assert first["has_next"] and [r["id"] for r in first["incidents"] + second["incidents"]] == ids[:10]
    html = incidents_client.get("/incidents", params={"limit": 5}).text
    assert 'id="next" href="?limit=5&amp;offset=5"' in html and 'id="prev"' not in html
    assert 'id="prev"' in incidents_client.get("/incidents", params={"limit": 5, "offset": 5}).text


def test_the_list_filters(incidents_client):
    def ids(**params):
        return [r for r in incidents_client.get("/api/incidents", params={"limit": 500, **params}).json()["incidents"]]

    assert {r["type"] for r in ids(type="sanction")} == {"SANCTION"}
    assert ids(conflicts="true") and all(r["conflicts"] > 0 for r in ids(conflicts="true"))
    assert ids(country="cod") and all(r["country"] == "COD" for r in ids(country="cod"))
    window = ids(since="2026-06-01", until="2026-06-30")
    assert window and all(r["last_date"] >= "2026-06-01" and r["first_date"] <= "2026-06-30" for r in window)
    assert incidents_client.get("/api/incidents", params={"until": "June"}).status_code == 422
    html = incidents_client.get("/incidents", params={"conflicts": "true", "type": "ASSAULT"}).text
    assert 'id="i-conflicts" value="true" checked' in html and '<option value="ASSAULT" selected>' in html


def test_untrusted_outlet_names_stay_text_on_the_incident_pages(client):
    rows = client.get("/api/incidents").json()["incidents"]
    for r in rows:
        html = client.get(f"/incidents/{r['id']}").text
        assert "<b>Evil" not in html and "<script>alert" not in html
