"""Timelines people can read: the bar width chosen from the span, a few series, bars and ranges as filters."""
import pytest

from depeche.api.queries import TOP_TYPES, _bucket, auto_bucket


@pytest.mark.parametrize(("first", "last", "width"), [
    ("2026-03-16", "2026-03-16", "day"), ("2026-03-01", "2026-05-31", "day"), ("2026-03-01", "2026-06-30", "week"),
    ("2025-01-01", "2026-12-31", "week"), ("2024-01-01", "2026-12-31", "month")])
def test_the_bar_width_follows_the_span(first, last, width):
    assert auto_bucket(first, last) == width


@pytest.mark.parametrize(("width", "bar"), [("day", ("2026-03-18", "2026-03-18")),
                                            ("week", ("2026-03-16", "2026-03-22")),
                                            ("month", ("2026-03-01", "2026-03-31"))])
def test_a_bar_knows_its_first_and_last_day(width, bar):
    assert _bucket("2026-03-18", width) == bar
    assert _bucket("2024-02-10", "month") == ("2024-02-01", "2024-02-29")


def test_auto_picks_days_for_a_few_days_and_weeks_for_months(client, incidents_client):
    assert client.get("/api/timeline").json()["bucket"] == "day"  # the desk's articles span two days
    data = incidents_client.get("/api/timeline").json()
    assert (data["bucket"], data["bucket_requested"]) == ("week", "auto")  # March to November
    assert all(s["date"] <= s["end"] for s in data["series"])
    forced = incidents_client.get("/api/timeline", params={"bucket": "day"}).json()
    assert forced["bucket"] == "day" and len(forced["series"]) > len(data["series"])
    assert incidents_client.get("/api/timeline", params={"bucket": ""}).json()["bucket_requested"] == "auto"
    assert incidents_client.get("/api/timeline", params={"bucket": "year"}).status_code == 422


def test_a_few_series_and_the_rest_as_other(incidents_client):
    data = incidents_client.get("/api/timeline").json()
    assert len(data["type_totals"]) > TOP_TYPES + 1, "the test articles hold many event types"
    ranked = list(data["type_totals"])
    assert data["types"] == ranked[:TOP_TYPES] + ["other"]
    other = sum(n for t, n in data["type_totals"].items() if t not in data["types"])
    assert sum(s["counts"].get("other", 0) for s in data["series"]) == other
    total = incidents_client.get("/api/events").json()["total"]
    assert sum(s["total"] for s in data["series"]) + data["imprecise_or_undated"] == total


def test_one_type_is_one_series(incidents_client):
    data = incidents_client.get("/api/timeline", params={"type": "ASSAULT"}).json()
    assert data["types"] == ["ASSAULT"] and all(set(s["counts"]) == {"ASSAULT"} for s in data["series"])


def test_the_page_offers_a_range_as_links_to_the_events_and_the_map(incidents_client):
    html = incidents_client.get("/timeline", params={"country": "RUS"}).text
    assert 'id="brush-events"' in html and 'id="brush-map"' in html and "/static/brush.js" in html
    assert "(chosen from their span)" in html and "<b>auto</b>" in html
    assert 'href="?country=RUS&amp;bucket=month"' in html
    pinned = incidents_client.get("/timeline", params={"bucket": "month"}).text
    assert '<input type="hidden" name="bucket" value="month">' in pinned
    assert 'name="bucket"' not in html  # auto is not pinned: a narrower filter may want narrower bars


def test_a_range_from_the_timeline_filters_the_events(incidents_client):
    data = incidents_client.get("/api/timeline").json()
    picked = data["series"][1:3]
    since, until = picked[0]["date"], picked[-1]["end"]
    events = incidents_client.get("/api/events", params={"since": since, "until": until, "limit": 500}).json()
    assert events["total"] == sum(s["total"] for s in picked)
    assert all(since <= e["date"] <= until for e in events["events"])
