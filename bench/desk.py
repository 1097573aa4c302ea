"""The desk's map and timeline at real size: /api/map, the map page and the timeline page in headless Chromium over
a synthetic database.

    python bench/desk.py [--events 100000] [--db PATH] [--runs 3] [--json out.json]

The database is made without the extractor (tests/web/bigdb.py: synthetic records through
`Database.add_document`), once: a --db file that exists is used as it is. A real `depeche serve` is started on
it; printed: the time to build the database, the median milliseconds of /api/map (the whole answer read) with
no filter and with a type filter, and of the HTML page /map (the same points embedded), their sizes, and the
median milliseconds from navigation start to the map page fully drawn (outlines and every event clustered: the
page then sets #map[data-ready]) in Debian's chromium through its chromedriver, scripts cached, and likewise to the
timeline drawn. The target is under 2 s for 100,000 events.
"""
from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "web"))
import bigdb  # noqa: E402  (the synthetic database, shared with the map's browser test)
from corpus import Server, show  # noqa: E402

FILTERED = "?type=ASSAULT"


def browser(home: Path) -> Any:
    """Debian's chromium, headless, as the browser tests start it (its profile and home in `home`)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    from conftest import CHROMEDRIVER, CHROMIUM, FLAGS

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={home / 'profile'}")
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache")}
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER, env=env), options=options)
    driver.set_page_load_timeout(120)
    return driver


def page_ms(driver: Any, url: str, ready: str = "#map[data-ready]", summary: str = "map-summary") -> tuple[float, str]:
    """Milliseconds from navigation start to the page fully drawn (its `ready` element), as the page measured
    it; and its summary's text."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("about:blank")
    driver.get(url)
    box = WebDriverWait(driver, 120).until(EC.presence_of_element_located((By.CSS_SELECTOR, ready)))
    found = driver.find_elements(By.ID, summary)
    return float(box.get_attribute("data-ready-ms")), found[0].text if found else ""


def measure(server: Server, runs: int, work: Path) -> dict[str, Any]:
    report: dict[str, Any] = {}
    for name, path in (("api_map_ms", "/api/map"), ("api_map_filtered_ms", "/api/map" + FILTERED),
                       ("html_map_ms", "/map")):
        server.get(path)  # the first read warms the page cache
        asks = [server.get(path) for _ in range(runs)]
        report[name] = round(statistics.median(ms for ms, _ in asks))
        report[name.replace("_ms", "_bytes")] = asks[0][1]
    driver = browser(work)
    try:
        for name, query in (("page_map_ms", ""), ("page_map_filtered_ms", FILTERED)):
            page_ms(driver, f"http://127.0.0.1:{server.port}/map{query}")  # warm: scripts cached, as an analyst has them
            shots = [page_ms(driver, f"http://127.0.0.1:{server.port}/map{query}") for _ in range(runs)]
            report[name] = round(statistics.median(ms for ms, _ in shots))
            report[name.replace("_ms", "_runs")] = [round(ms) for ms, _ in shots]
        report["summary"] = shots[0][1].split(" As a table")[0]
        url = f"http://127.0.0.1:{server.port}/timeline"
        page_ms(driver, url, "#timeline[data-ready]")
        shots = [page_ms(driver, url, "#timeline[data-ready]") for _ in range(runs)]
        report["page_timeline_ms"] = round(statistics.median(ms for ms, _ in shots))
    finally:
        driver.quit()
    return report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", help="database file to use, made first if it does not exist (default: a temporary one)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="depeche-desk-") as tmp:
        work = Path(tmp)
        db = Path(args.db) if args.db else work / "desk.db"
        report: dict[str, Any] = {"cpus": os.cpu_count(), "load_avg_1min": round(os.getloadavg()[0], 1)}
        if not db.exists():
            start = time.perf_counter()
            bigdb.build(db, args.events)
            report["build_s"] = round(time.perf_counter() - start, 1)
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            report["events"] = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        conn.close()
        server = Server(db)
        try:
            report.update(measure(server, args.runs, work))
        finally:
            server.close()
    show(report, args.json, width=24)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
