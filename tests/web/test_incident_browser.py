"""In a real headless Chromium: an incident's source columns side by side, and a period picked on the timeline."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the browser test needs the [web] extra")

from depeche.service import ingest_paths
from depeche.store import Database

from .test_browser import shoot, wait_for, wait_until

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "tests" / "data" / "incidents.jsonl"
SHOTS = os.environ.get("DEPECHE_SCREENSHOTS")  # a folder for the README's screenshots (docs/img)


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    path = tmp_path_factory.mktemp("incident-browser") / "events.db"
    with Database(path) as db:
        assert ingest_paths([str(ARTICLES)], db).ok
        two = [i for i in db.incidents(conflicts_only=True) if i["documents"] == i["sources"] == 2]
    assert two, "incidents.jsonl should hold a disputed incident told by two articles"
    return path, two[0]["id"]


@pytest.fixture(scope="module")
def desk(stored, live_desk):
    with live_desk(stored[0]) as url:
        yield url


def _in_view(driver, element) -> bool:
    box = driver.execute_script("const r = arguments[0].getBoundingClientRect();"
                                "return [r.left, r.right, r.top, r.bottom, window.innerWidth, window.innerHeight];",
                                element)
    left, right, top, bottom, width, height = box
    return left >= 0 and right <= width and top < height and bottom > 0


def test_an_incident_shows_its_two_sources_side_by_side(browser, desk, stored, tmp_path):
    browser.get(f"{desk}/incidents")
    wait_for(browser, f'a.incident-link[href="/incidents/{stored[1]}"]').click()
    two_sources_side_by_side(browser, tmp_path)


def two_sources_side_by_side(browser, tmp_path: Path) -> None:
    """The incident page open in `browser` shows its two articles' columns side by side, conflicts in words."""
    from selenium.webdriver.common.by import By

    browser.set_window_size(1280, 900)
    columns = wait_until(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#dispute section.source"))
    assert len(columns) == 2
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", columns[0])
    assert all(_in_view(browser, c) for c in columns), "both articles' columns fit the window, side by side"
    assert abs(columns[0].rect["y"] - columns[1].rect["y"]) < 2 and columns[0].rect["x"] < columns[1].rect["x"]
    for column in columns:
        assert column.find_element(By.CSS_SELECTOR, ".outlet b").text
        assert column.find_elements(By.CSS_SELECTOR, "table.claim")
    sentences = browser.find_elements(By.CSS_SELECTOR, "#conflicts li.conflict-sentence")
    assert sentences and all(s.text.endswith(".") and ":e" not in s.text for s in sentences)
    assert browser.find_elements(By.CSS_SELECTOR, "#dispute td.conflict")
    shoot(browser, tmp_path, "incident-sources")


def _events_total(driver) -> int:
    from selenium.webdriver.common.by import By

    return int(driver.find_element(By.ID, "total").text.replace(",", ""))


def test_a_period_dragged_on_the_timeline_filters_the_events(browser, desk, tmp_path):
    a_period_dragged_on_the_timeline_filters_the_events(browser, desk, tmp_path)


def a_period_dragged_on_the_timeline_filters_the_events(browser, desk: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.get(f"{desk}/events")
    everything = _events_total(browser)
    browser.get(f"{desk}/timeline")
    chart = wait_for(browser, "#timeline[data-ready]")
    assert browser.find_element(By.ID, "brush-picked").is_displayed() is False
    width = chart.size["width"]
    # from a tenth of the chart to its middle: the spring's bars, not the autumn's
    ActionChains(browser).move_to_element_with_offset(chart, -width * 0.4, 0).click_and_hold() \
        .move_by_offset(width * 0.4, 0).release().perform()
    picked = wait_until(browser, lambda d: d.find_element(By.ID, "timeline").get_attribute("data-brushed"))
    since, until = picked.split("/")
    assert since < until and browser.current_url.endswith("/timeline"), "a drag is not a click on a bar"
    assert browser.find_element(By.ID, "f-since").get_attribute("value") == since
    shoot(browser, tmp_path, "timeline-brushed")
    on_map = browser.find_element(By.ID, "brush-map").get_attribute("href")
    assert "/map?" in on_map and f"since={since}" in on_map and f"until={until}" in on_map
    browser.find_element(By.ID, "brush-events").click()
    wait_until(browser, lambda d: "/events?" in d.current_url)
    assert f"since={since}" in browser.current_url and f"until={until}" in browser.current_url
    dates = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#events tbody tr[data-event] td:first-child")]
    assert dates and all(since[:len(d)] <= d <= until for d in dates)
    assert 0 < _events_total(browser) < everything


@pytest.mark.skipif(not SHOTS, reason="set DEPECHE_SCREENSHOTS=docs/img to remake the README's screenshots")
def test_readme_incident_picture_from_the_bundled_examples(browser, live_desk, tmp_path):
    """docs/img/incident.png: the examples' claim and its denial, one column per article."""
    db_path = tmp_path / "examples.db"
    with Database(db_path) as db:
        assert ingest_paths([str(ROOT / "examples")], db).ok
        denied = [i["id"] for i in db.incidents(conflicts_only=True) if i["documents"] == 2
                  and any(c["kind"] == "asserted_vs_denied" for c in db.incident(i["id"])["dispute"]["conflicts"])]
    assert denied, "the bundled examples should hold a claim and its denial"
    with live_desk(db_path) as url:
        browser.set_window_size(1280, 900)
        browser.get(f"{url}/incidents/{denied[0]}")
        wait_for(browser, "#dispute section.source")
        shoot(browser, Path(SHOTS), "incident")
