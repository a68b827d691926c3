"""The web app in a real headless Chromium (Debian's chromium + chromium-driver, driven by selenium).

Two runs are served: the seeds (the model case: three calls, five troop figures, quotes reported
twice) and the hand-made sample, whose second article carries markup in its title, site, URL and
text. Every page kind is screenshotted at 1280 and 400 px into test-artifacts/screenshots/.
These tests fail, never skip, when the browser is missing: `make test` installs it.
"""
from __future__ import annotations

import json
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from fixtures.result_sample import sample_result
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

import storyline.web as web
from storyline import store

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WIDTHS = (1280, 400)


class Server:
    """uvicorn serving one OUT directory on a free localhost port, in a thread."""

    def __init__(self, out: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(web.create_app(out), host="127.0.0.1", port=self.port,
                                                    log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def browser():
    assert shutil.which(CHROMIUM) and Path(CHROMEDRIVER).exists(), \
        "headless Chromium is needed: apt-get install chromium chromium-driver (make test does it)"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-quic", "--window-size=1280,900"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def seeds(seed_result):
    server = Server(seed_result[1])
    yield server, json.loads((seed_result[1] / "storyline.json").read_text())
    server.stop()


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample-out")
    store.write(sample_result(), out)
    server = Server(out)
    yield server
    server.stop()


def visit(driver, url: str, width: int = 1280) -> None:
    driver.set_window_size(width, 900)
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(url)


def assert_nothing_ran(driver, missing_page: bool = False) -> None:
    """No alert opened and nothing logged an error to the console (a script blocked by the CSP
    would log one too); a page that is a 404 by design logs only that."""
    try:
        alert = driver.switch_to.alert
        text = alert.text
        alert.dismiss()
        pytest.fail(f"an alert opened: {text!r}")
    except NoAlertPresentException:
        pass
    errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")
              and not (missing_page and e["source"] == "network" and "status of 404" in e["message"]
                       and e["message"].startswith(driver.current_url))]
    assert not errors, errors
    assert driver.execute_script("return window.__pwned === undefined")


def screenshot(driver, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    width = driver.get_window_size()["width"]
    height = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 6000)")
    driver.set_window_size(width, max(height, 600))
    driver.save_screenshot(str(SHOTS / f"{name}-{width}.png"))
    overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{name} at {width} px scrolls sideways by {overflow} px"


def calls(data: dict) -> list[dict]:
    return [e for e in data["events"] if e["type"] == "CONSULT" and e["actors"] == ["Joe Biden"]
            and e["recipients"] == ["Vladimir Putin"] and e["status"] == "asserted" and e.get("date")]


def test_timeline_shows_the_three_calls_in_order_with_their_dates(browser, seeds):
    server, data = seeds
    story = data["stories"][0]["id"]
    visit(browser, server.url(f"/stories/{story}"))
    cards = browser.find_elements(By.CSS_SELECTOR, "ol.timeline li.event")
    shown = [(c.find_element(By.CSS_SELECTOR, ".badge.type").text, c.find_element(By.CSS_SELECTOR, ".when").text,
              c.find_element(By.CSS_SELECTOR, ".who").text) for c in cards]
    dates = [when for kind, when, who in shown if kind == "CONSULT" and who == "Joe Biden → Vladimir Putin"]
    assert dates[:2] == ["7 December 2021", "30 December 2021"]
    assert "12 February 2022" in dates[2]  # the third call's day lies in its range (the seeds say "Saturday")
    svg_rows = browser.find_elements(By.CSS_SELECTOR, "svg.timeline-chart a.row")
    assert len(svg_rows) == sum(1 for e in data["events"] if e.get("date_range") and e.get("story") == story)
    assert_nothing_ran(browser)


def test_clicking_an_event_lands_on_its_highlighted_sentence(browser, seeds):
    server, data = seeds
    call = next(e for e in calls(data) if e["date"] == "2021-12-07")
    visit(browser, server.url(f"/stories/{data['stories'][0]['id']}"))
    card = browser.find_element(By.ID, f"ev-{call['id']}")
    link = card.find_element(By.CSS_SELECTOR, "ul.evidence a.ref")
    link.click()
    assert "/documents/" in browser.current_url
    target = browser.execute_script("return document.querySelector(':target')")
    assert target is not None and target.tag_name == "mark"
    mention = next(m for m in call["mentions"] if f"/documents/{m['document']}" in browser.current_url)
    text = next(d["text"] for d in data["documents"] if d["id"] == mention["document"])
    s0, s1 = mention["sentence"]
    assert target.text.split() == text[s0:s1].split()
    assert text[mention["start"]:mention["end"]] in target.text
    assert browser.execute_script("const r = arguments[0].getBoundingClientRect();"
                                  "return r.top >= 0 && r.top < window.innerHeight", target)
    backlinks = target.find_elements(By.XPATH, "following-sibling::a[@class='back']")
    assert any(f"#ev-{call['id']}" in a.get_attribute("href") for a in backlinks)
    assert_nothing_ran(browser)


def test_claims_chart_has_the_five_troop_figures_with_their_sources(browser, seeds):
    server, data = seeds
    visit(browser, server.url(f"/stories/{data['stories'][0]['id']}"))
    charts = browser.find_elements(By.CSS_SELECTOR, "svg.claims-chart")
    assert charts
    labels = {m.find_element(By.CSS_SELECTOR, ".value-label").text.replace("\u2212", "-")
              for m in charts[0].find_elements(By.CSS_SELECTOR, "a.figure-mark")}
    assert {"70,000", "94,300", "100,000", "-10,000", "130,000"} <= labels
    tips = " ".join(t.get_attribute("textContent") for t in charts[0].find_elements(By.CSS_SELECTOR, "a.figure-mark title"))
    assert "Oleksii Reznikov" in tips and "Biden administration official" in tips
    legend = {t.text for t in charts[0].find_elements(By.CSS_SELECTOR, "text.legend")}
    assert {"Oleksii Reznikov", "Biden administration official", "unattributed"} <= legend
    assert charts[0].find_elements(By.CSS_SELECTOR, "line.rel-disagrees")
    assert charts[0].find_elements(By.CSS_SELECTOR, "line.rel-updates")
    assert_nothing_ran(browser)


def test_a_quote_shows_both_variants(browser, seeds):
    server, data = seeds
    twice = next(q for q in data["quotes"] if len({m["text"] for m in q["mentions"]}) > 1)
    visit(browser, server.url(f"/stories/{data['stories'][0]['id']}"))
    figure = browser.find_element(By.ID, f"quote-{twice['id']}")
    variants = figure.find_elements(By.CSS_SELECTOR, ".variant p")
    assert len(variants) == len(twice["mentions"])
    shown = [re.sub(r"\s+", " ", v.text).strip() for v in variants]
    assert shown == [re.sub(r"\s+", " ", m["text"]).strip() for m in twice["mentions"]]
    assert figure.find_elements(By.CSS_SELECTOR, ".variant ins")  # the words that differ are marked
    assert_nothing_ran(browser)


@pytest.mark.parametrize("path", ["/", "/stories/story-1", "/documents/doc-hostile", "/search?q=script",
                                  "/stories/<img src=x onerror=alert(1)>",
                                  "/entities/Joe%20Biden", "/api/documents/doc-hostile"])
def test_hostile_article_executes_nothing(browser, sample, path):
    visit(browser, sample.url(path))
    assert_nothing_ran(browser, missing_page="<img" in path)
    scripts = browser.execute_script("return [...document.scripts].map(s => s.src)")
    assert all(src.endswith("/static/app.js") for src in scripts)
    assert not browser.execute_script("return [...document.querySelectorAll('*')].some("
                                      "el => [...el.attributes].some(a => a.name.startsWith('on')))")
    if path == "/documents/doc-hostile":
        assert "<script>alert(1)</script>" in browser.find_element(By.CSS_SELECTOR, ".doctext").text


def test_screenshots_of_every_page_kind(browser, seeds, sample):
    server, data = seeds
    story = data["stories"][0]["id"]
    document = data["documents"][0]["id"]
    pages = {"stories": server.url("/"), "story": server.url(f"/stories/{story}"),
             "document": server.url(f"/documents/{document}"), "entities": server.url("/entities"),
             "entity": server.url("/entities/Joe%20Biden"), "search": server.url("/search?q=troops"),
             "api": server.url("/docs"), "hostile-document": sample.url("/documents/doc-hostile")}
    for width in WIDTHS:
        for name, url in pages.items():
            visit(browser, url, width)
            assert browser.find_element(By.TAG_NAME, "h1").text
            screenshot(browser, name)
            if name == "story":  # its lower sections lie beyond a full-page shot
                for section in ("claims", "quotes"):
                    browser.find_element(By.ID, section).screenshot(str(SHOTS / f"story-{section}-{width}.png"))
            assert_nothing_ran(browser)
    assert len(list(SHOTS.glob("*.png"))) >= len(pages) * len(WIDTHS)
