"""The map at size: 20,000 synthetic events clustered in headless Chromium, a region zoomed, clusters opened, popups."""
from __future__ import annotations

import json
import math
import random
import time
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi", reason="the map tests need the [web] extra")

from fastapi.testclient import TestClient

from depeche.api import create_app
from depeche.api.params import EVENT_TYPES
from depeche.store import Database

from . import bigdb
from .test_browser import ROOT, SHOTS, shoot, wait_for, wait_until

EVENTS = 20_000

# the visible clusters and pins of the map, largest cluster first (markercluster keeps some just off the edges)
VISIBLE = """const r = document.getElementById('map').getBoundingClientRect();
return [...document.querySelectorAll(arguments[0])].filter((e) => { const b = e.getBoundingClientRect();
  return b.left > r.left + 50 && b.right < r.right - 50 && b.top > r.top + 50 && b.bottom < r.bottom - 50; })
  .sort((a, b) => Number(b.textContent || 0) - Number(a.textContent || 0));"""


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    return bigdb.build(tmp_path_factory.mktemp("bigmap") / "big.db", EVENTS)


@pytest.fixture(scope="module")
def big_desk(big, live_desk):
    with live_desk(big) as url:
        yield url


def test_the_synthetic_records_come_back_as_given(tmp_path):
    given = [rec for _, records in bigdb.articles(95) for rec in records]
    path = bigdb.build(tmp_path / "small.db", 95)
    with Database(path) as db:
        assert db.counts() == {"documents": 10, "events": 95, "quotes": 0}
        stored = {rec["event_id"]: rec for rec in db.events()}
    assert stored == {rec["event_id"]: rec for rec in given}
    assert {r["type"] for r in given} <= set(EVENT_TYPES)


def test_the_map_json_of_20000_events_is_compact_and_counts_them_all(big):
    given = [rec for _, records in bigdb.articles(EVENTS) for rec in records]
    placed = [r for r in given if r["location"] and "lat" in r["location"]]
    with TestClient(create_app(big), base_url="http://localhost") as client:
        data = client.get("/api/map").json()
        assert (data["total"], data["total_exact"], data["placed"]) == (EVENTS, True, len(placed))
        assert data["without_place"] == EVENTS - len(placed) and not data["truncated"]
        pts = data["points"]
        assert {len(v) for v in pts.values()} == {len(placed)}
        by_id = {r["event_id"]: r for r in placed}
        for i in range(0, len(placed), 997):
            rec = by_id[pts["event_id"][i]]
            assert (pts["lat"][i], pts["lon"][i]) == (rec["location"]["lat"], rec["location"]["lon"])
            assert data["types"][pts["type"][i]] == rec["type"]
            assert data["factualities"][pts["factuality"][i]] == rec["factuality"]
        only = client.get("/api/map", params={"type": "PROTEST", "since": "2025-01-01"}).json()
        want = [r for r in placed if r["type"] == "PROTEST" and r["date"] >= "2025-01-01"]
        assert only["placed"] == len(want) and only["types"] == ["PROTEST"]


def visible(driver, css: str) -> list:
    return driver.execute_script(VISIBLE, css)


def drawn(driver) -> int:
    """Events on the map now: the counts of its clusters and the single pins."""
    clusters = driver.find_elements("css selector", ".marker-cluster")
    return sum(int(c.text) for c in clusters) + len(driver.find_elements("css selector", ".pin"))


def calm(driver) -> None:
    """Until the zoom and cluster animations are over (markercluster then puts its clusters back)."""
    wait_until(driver, lambda d: not d.find_elements("css selector", ".leaflet-zoom-anim, .leaflet-cluster-anim"))


def settle(driver, before: dict) -> dict:
    """The map's state once a click has changed it (zoomed, opened a spider or a popup)."""
    wait_until(driver, lambda d: state(d) != before, timeout=15)
    calm(driver)
    return state(driver)


def click_first(driver, css: str) -> None:
    """Click the largest visible cluster (or the first pin), again should the map redraw it under the click; one
    that another marker overlaps (the click would land on that one) gives way to the next largest."""
    from selenium.common.exceptions import ElementClickInterceptedException, StaleElementReferenceException

    for _ in range(10):
        calm(driver)
        for element in visible(driver, css):
            try:
                element.click()
                return
            except ElementClickInterceptedException:
                continue
            except StaleElementReferenceException:
                break
        time.sleep(0.2)
    raise AssertionError(f"no {css} stays still and uncovered long enough to be clicked")


def state(driver) -> dict:
    box = driver.find_element("id", "map")
    return {"zoom": box.get_attribute("data-zoom"), "spider": box.get_attribute("data-spiderfied"),
            "popup": len(driver.find_elements("css selector", ".pop"))}


def check_popup(driver, base: str) -> str:
    """The open popup shows the event's own sentence (as the API gives it) and links to its page."""
    pop = wait_for(driver, ".pop[data-event]")
    event_id = pop.get_attribute("data-event")
    with urllib.request.urlopen(f"{base}/api/events/{quote(event_id, safe='')}") as r:
        record = json.load(r)["event"]
    assert pop.find_element("css selector", ".pop-sentence").text == record["evidence"]["text"]
    assert record["type"] in pop.text and (record["location"] or {}).get("name", "") in pop.text
    link = pop.find_element("css selector", "a.pop-link").get_attribute("href")
    assert link == f"{base}/events/{quote(event_id, safe='')}"
    return event_id


def test_clusters_zoom_open_and_show_an_event(browser, big_desk, tmp_path):
    browser.get(f"{big_desk}/map")
    wait_for(browser, "#map[data-ready]", timeout=60)
    assert len(browser.find_elements("css selector", "#map path.country")) > 150
    summary = browser.find_element("id", "map-summary").text
    placed = int(browser.find_element("id", "placed").text.replace(",", ""))
    assert "Matching events: 20,000" in summary and "without coordinates" in summary
    assert visible(browser, ".marker-cluster") and drawn(browser) == placed  # every event in a cluster or a pin
    shoot(browser, tmp_path, "map-world")

    browser.get(f"{big_desk}/map#8/48.3/37.3")  # eastern Ukraine, where most of the events are
    wait_until(browser, lambda d: d.find_element("id", "map").get_attribute("data-zoom") == "8")
    opened = False
    for _ in range(6):  # the largest cluster in view, clicked until it opens as a spider or a list
        before = state(browser)
        click_first(browser, ".marker-cluster")
        after = settle(browser, before)
        opened = after["spider"] == "true" or after["popup"] > 0
        if opened:
            break
        assert int(after["zoom"]) > int(before["zoom"])  # a cluster that can split zooms in
    assert opened, "a cluster at the deepest zoom opens"
    if browser.find_elements("css selector", ".pop-list"):
        browser.find_element("css selector", ".pop-item").click()
    else:
        click_first(browser, ".pin")
    check_popup(browser, big_desk)
    shoot(browser, tmp_path, "map-popup")


@pytest.mark.skipif(not SHOTS, reason="set DEPECHE_SCREENSHOTS=docs/img to remake the README's screenshots")
def test_readme_screenshot_of_the_map(browser, big_desk):
    browser.set_window_size(1280, 1060)
    try:
        browser.get(f"{big_desk}/map?since=2024-01-01#8/48.5/35.8")  # eastern Ukraine, a filter kept
        wait_for(browser, "#map[data-ready]", timeout=60)
        click_first(browser, ".pin")
        check_popup(browser, big_desk)
        calm(browser)
        time.sleep(0.5)  # the popup's pan
        shoot(browser, Path(SHOTS), "map")
    finally:
        browser.set_window_size(1280, 900)


def a_lonely_hamlet() -> tuple[dict, int]:
    """A hamlet holding 3 to 40 of the events, far from every other place: alone in view at the deepest zoom."""
    spots, hamlets = bigdb.places(random.Random(29))
    counts = Counter(r["location"]["name"] for _, records in bigdb.articles(EVENTS) for r in records
                     if r["location"] and "lat" in r["location"])
    for h in hamlets:
        if 3 <= counts[h["name"]] <= 40 and all(math.dist((h["lat"], h["lon"]), (o["lat"], o["lon"])) > 0.3
                                               for o in spots + hamlets if o is not h):
            return h, counts[h["name"]]
    raise AssertionError("no lonely hamlet")


def test_a_small_cluster_at_the_deepest_zoom_opens_as_a_spider(browser, big_desk):
    hamlet, n = a_lonely_hamlet()
    browser.get(f"{big_desk}/map?since=2000-01-01#12/{hamlet['lat']}/{hamlet['lon']}")
    wait_for(browser, "#map[data-ready]", timeout=60)
    clusters = visible(browser, ".marker-cluster")
    assert [c.text for c in clusters] == [str(n)]
    before = state(browser)
    clusters[0].click()
    assert settle(browser, before)["spider"] == "true"
    pins = visible(browser, ".pin")
    assert len(pins) == n
    pins[-1].click()
    check_popup(browser, big_desk)
    assert hamlet["name"] in browser.find_element("css selector", ".pop").text


def test_the_readme_points_at_the_map_picture():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/img/map.png" in readme and (ROOT / "docs" / "img" / "map.png").stat().st_size > 10_000


def test_a_popup_shows_the_markup_of_an_article_as_text(browser, live_desk, tmp_path):
    from depeche.model import Document

    from .test_browser import no_alert

    text = "Guards <img src=x onerror=alert(3)> fired on a crowd in <b>Kisumu</b>. <script>alert(4)</script>"
    sentence = text[:text.index(".") + 1]
    place = {"text": "<b>Kisumu</b>", "name": "<i>Kisumu</i>", "country": "KEN", "lat": -0.09, "lon": 34.77}
    rec = {"doc_id": "evil", "event_id": "evil:e1", "type": "ASSAULT", "factuality": "fact", "date": "2026-03-01",
           "location": place, "actor": [{"code": None, "sector": None, "text": "<u>Guards</u>", "name": "<u>Guards</u>"}],
           "evidence": {"text": sentence, "start": 0, "end": len(sentence)}}
    with Database(tmp_path / "evil.db") as db:
        db.add_document(Document(id="evil", text=text, lang="en", published="2026-03-02", title="<script>x</script>"), [rec])
    with live_desk(tmp_path / "evil.db") as url:
        browser.get(f"{url}/map#12/-0.09/34.77")
        wait_for(browser, "#map[data-ready]", timeout=60)
        click_first(browser, ".pin")
        pop = wait_for(browser, ".pop[data-event]")
        assert no_alert(browser) and not browser.find_elements("css selector", ".pop img, .pop b, .pop i, .pop u")
        assert pop.find_element("css selector", ".pop-sentence").text == sentence
        assert "<i>Kisumu</i>, KEN" in pop.text and "<u>Guards</u>" in pop.text


def test_at_size_a_period_dragged_on_the_timeline_and_an_incident_told_by_two_articles(browser, big, big_desk,
                                                                                         tmp_path):
    """The timeline and the incident page over the same 20,000 events: a period picked on the chart filters the
    table; an incident two articles tell shows them side by side."""
    from .test_incident_browser import a_period_dragged_on_the_timeline_filters_the_events, two_sources_side_by_side

    a_period_dragged_on_the_timeline_filters_the_events(browser, big_desk, tmp_path)
    with Database(big, readonly=True) as db:
        two = [i for i in db.incidents(limit=100_000) if i["documents"] == i["sources"] == 2]
    assert two, "the synthetic articles retell some events"
    browser.get(f"{big_desk}/incidents/{two[0]['id']}")
    two_sources_side_by_side(browser, tmp_path)
