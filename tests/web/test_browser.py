"""End to end in a real headless Chromium: load, filter, open a source sentence and an incident, untrusted text."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the browser test needs the [web] extra")


ROOT = Path(__file__).resolve().parents[2]
SHOTS = os.environ.get("DEPECHE_SCREENSHOTS")  # a folder for the README's screenshots (docs/img)


def wait_for(driver, css: str, timeout: float = 10):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))


def wait_until(driver, condition, timeout: float = 10):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def shoot(driver, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    driver.save_screenshot(str(path))
    assert path.stat().st_size > 10_000, "a blank screenshot"
    return path


def no_alert(driver) -> bool:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        _ = driver.switch_to.alert
    except NoAlertPresentException:
        return True
    return False


@pytest.fixture(scope="module")
def desk(tmp_path_factory, filled, live_desk):
    path = filled(tmp_path_factory.mktemp("browser") / "events.db")
    with live_desk(path) as url:
        yield url


def test_filter_then_open_an_event_sentence_and_its_incident(browser, desk, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(f"{desk}/events")
    rows = browser.find_elements(By.CSS_SELECTOR, "#events tbody tr[data-event]")
    assert len(rows) >= 5
    Select(browser.find_element(By.ID, "f-type")).select_by_value("ASSAULT")
    browser.find_element(By.ID, "f-actor").send_keys("UKR")
    browser.find_element(By.ID, "apply").click()
    wait_until(browser, lambda d: "type=ASSAULT" in d.current_url)
    badges = {b.text for b in browser.find_elements(By.CSS_SELECTOR, "#events tbody .badge")}
    assert badges == {"ASSAULT"}
    shoot(browser, tmp_path, "events-filtered")

    browser.find_element(By.CSS_SELECTOR, "#events tbody a.event-link").click()
    sentence = wait_for(browser, "#evidence")
    trigger = sentence.find_element(By.CSS_SELECTOR, "mark.hl-trigger").text
    assert trigger and trigger in sentence.text
    shoot(browser, tmp_path, "event")

    browser.find_element(By.ID, "open-in-document").click()
    article = wait_for(browser, "#article")
    anchor = browser.current_url.rsplit("#", 1)[1]
    target = browser.find_element(By.ID, anchor)
    assert target.tag_name == "mark" and target.text == trigger and trigger in article.text
    shoot(browser, tmp_path, "document")

    browser.back()
    wait_for(browser, "#incident-link").click()
    wait_for(browser, "#dispute")
    assert browser.find_element(By.ID, "incident-id").text.startswith("inc-")
    conflicts = browser.find_elements(By.CSS_SELECTOR, "#dispute td.conflict")
    assert conflicts, "the claim and the denial disagree: their cells are flagged"
    assert "disagree" in browser.find_element(By.ID, "conflicts").text
    shoot(browser, tmp_path, "incident")


def test_an_article_with_script_tags_shows_them_as_text(browser, desk, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(f"{desk}/documents/hostile")
    article = wait_for(browser, "#article")
    assert no_alert(browser)
    assert "<script>alert(1)</script>" in article.text and "<img src=x onerror=alert(2)>" in article.text
    assert browser.find_element(By.CSS_SELECTOR, "h1.doc-title").text == "<script>alert('title')</script>"
    assert not browser.find_elements(By.CSS_SELECTOR, "#article script, #article img")
    browser.get(f"{desk}/events?text=Nairobi")
    assert no_alert(browser) and "<script>" in browser.find_element(By.ID, "events").text
    shoot(browser, tmp_path, "hostile")


def test_the_map_draws_every_placed_event_and_keeps_the_filters(browser, desk, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(f"{desk}/map?type=ASSAULT")  # (tests/web/test_map_browser.py opens clusters and popups)
    wait_for(browser, "#map[data-ready]")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#map path.country")) > 150
    assert browser.find_element(By.ID, "f-type").get_attribute("value") == "ASSAULT"
    pins = browser.find_elements(By.CSS_SELECTOR, "#map .pin")
    clusters = [int(c.text) for c in browser.find_elements(By.CSS_SELECTOR, "#map .marker-cluster")]
    assert len(pins) + sum(clusters) == int(browser.find_element(By.ID, "placed").text) > 0
    assert all("t-ASSAULT" in p.get_attribute("class") for p in pins)
    shoot(browser, tmp_path, "map")


def test_timeline_bars_filter_the_events(browser, desk, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(f"{desk}/timeline")
    wait_for(browser, "#timeline[data-ready]")
    bars = browser.find_elements(By.CSS_SELECTOR, "#timeline rect.bar")
    assert bars
    shoot(browser, tmp_path, "timeline")
    bars[0].click()
    wait_until(browser, lambda d: d.current_url.startswith(f"{desk}/events?"))
    assert "since=" in browser.current_url and "type=" in browser.current_url
