"""The map page in headless Chromium, over the API on the demo archive.

One page load is shared by the tests of this module, in file order: the markers and the
list, the event panel (by keyboard), hostile text, filters and the URL, live updates,
and phone width. Every test ends by reading the browser console: a CSP violation or a
JavaScript error fails it.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from datetime import UTC, date, datetime

import pytest

from strikewatch.core.records import EVENT_TYPES, Actor, Event, Evidence, Location, Source, Target
from strikewatch.sinks.archive import Archive
from strikewatch.sinks.db import open_database

pytest.importorskip("selenium")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

WAIT = 15  # seconds the page may take to show what the test waits for (a deadline, not a measure)

IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=1</script>"
SVG = '"><svg onload="window.__pwned=1">'
HOSTILE_ID = "ev-hostile-markup"


def hostile_event() -> Event:
    """An event whose every free-text field carries markup that would run if inserted as HTML."""
    sentence = f"A bomb {SCRIPT} hit the market {IMG} on Tuesday, killing 4 {SVG}."
    now = datetime(2024, 6, 2, 9, 30, tzinfo=UTC)
    return Event(
        event_id=HOSTILE_ID, event_type="bombing", date=date(2024, 6, 1),
        location=Location(name=f"Market {IMG}", admin1=SVG, country="SO", lat=2.05, lon=45.32),
        perpetrator=Actor(name=f"Group {SVG}"), target=Target(category="civilians", name=SCRIPT),
        weapon=IMG, killed=4, injured=11, summary=f"Bombing {SCRIPT} {IMG} {SVG}",
        confidence=0.8,
        evidence=[Evidence(field="killed", text=sentence, start=0, end=len(sentence), article_id="a-hostile")],
        sources=[
            Source(url="javascript:window.__pwned=1", outlet=f"Outlet {IMG}", article_id="a-hostile",
                   published=now),
            Source(url="https://news.example/market-bomb", outlet=f"Second {SCRIPT}", article_id="a-hostile-2",
                   published=now),
        ],
        first_seen=now, last_updated=now, article_count=2,
    )


def new_event() -> Event:
    now = datetime(2024, 6, 3, 12, 0, tzinfo=UTC)
    return Event(
        event_id="ev-arrives-live", event_type="shelling", date=date(2024, 6, 3),
        location=Location(name="Kherson", admin1="Kherson Oblast", country="UA", lat=46.64, lon=32.61),
        killed=2, injured=5, summary="Shelling of Kherson's centre killed two people.",
        evidence=[Evidence(field="killed", text="Shelling killed two people.", start=0, end=27)],
        sources=[Source(url="https://news.example/kherson", outlet="Example News", published=now)],
        first_seen=now, last_updated=now,
    )


def api(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path, timeout=10) as response:
        return json.load(response)


def markers(driver) -> int:
    return driver.execute_script("return document.querySelectorAll('path.sw-marker').length")


def list_ids(driver) -> list[str]:
    return driver.execute_script(
        "return [...document.querySelectorAll('#event-list button')].map(b => b.dataset.eventId)")


def wait_for(driver, condition, what: str):
    return WebDriverWait(driver, WAIT).until(lambda d: condition(d), message=what)


def console_problems(driver) -> list[str]:
    """Errors, CSP violations and warnings from the page since the last call."""
    return [
        entry["message"] for entry in driver.get_log("browser")
        if entry["level"] in ("SEVERE", "WARNING")
        or "Content Security Policy" in entry["message"] or "Refused to" in entry["message"]
    ]


@pytest.fixture(scope="module")
def archive(demo_archive):
    db = open_database("", demo_archive.data_dir)
    store = Archive(db)
    store.store(hostile_event())
    yield store
    db.close()


@pytest.fixture(scope="module")
def page(browser, api_server, archive):
    browser.get(api_server + "/")
    wait_for(browser, lambda d: markers(d) > 0, "no event marker appeared on the map")
    yield browser
    browser.get("about:blank")  # close the stream before the server stops
    browser.get_log("browser")


@pytest.fixture(autouse=True)
def clean_console(request):
    yield
    if "page" in request.fixturenames:
        driver = request.getfixturevalue("page")
        assert console_problems(driver) == []


def test_page_is_served_with_a_strict_content_security_policy(api_server):
    with urllib.request.urlopen(api_server + "/", timeout=10) as response:
        headers = response.headers
        body = response.read().decode()
    csp = headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert not re.search(r"<script(?![^>]*\bsrc=)", body)  # every script is a file
    assert not re.search(r"\son[a-z]+\s*=", body)  # no inline event handler
    assert " style=" not in body  # no inline style either (style-src 'self')


def test_one_marker_per_event_and_the_list_newest_first(page, api_server):
    events = api(api_server, "/api/v1/events?limit=1000")["events"]
    assert len(events) == 9  # the demo's eight and the hostile one
    assert all(e["location"] and e["location"]["lat"] is not None for e in events)
    wait_for(page, lambda d: markers(d) == len(events), f"expected {len(events)} markers")
    assert list_ids(page) == [e["event_id"] for e in events]
    # the list is the keyboard's way in: circles stay out of the Tab order
    assert page.execute_script(
        "return [...document.querySelectorAll('path.sw-marker')].every(p => p.tabIndex === -1)")
    status = page.find_element(By.ID, "status")
    wait_for(page, lambda d: "connected" in status.text, "the live stream never connected")
    assert status.text.startswith(f"{len(events)} events")
    # the base layer: country outlines, and their source in the attribution
    assert page.execute_script("return document.querySelectorAll('.leaflet-overlay-pane path').length") > 100
    assert "Natural Earth" in page.find_element(By.CLASS_NAME, "leaflet-control-attribution").text
    legend = page.find_element(By.ID, "legend").text
    assert "Missile attack" in legend and "Marker size" in legend
    # every event type: an entry in the legend with a colour of its own, and in the filter
    swatches = page.execute_script(
        "return [...document.querySelectorAll('#legend li .swatch')]"
        ".map(s => getComputedStyle(s).backgroundColor)")
    assert len(swatches) == len(set(swatches)) == len(EVENT_TYPES)
    assert "rgba(0, 0, 0, 0)" not in swatches  # a type without its CSS class would be transparent
    options = [o.get_attribute("value") for o in Select(page.find_element(By.ID, "f-type")).options]
    assert options == ["", *EVENT_TYPES]


def test_event_opens_by_keyboard_with_evidence_sources_and_revisions(page, api_server, artifacts):
    # the demo event told by the most outlets (the archive lists the sources of its
    # revisions: the Abu Ghraib air strike, told three times, twice with new facts)
    listed = api(api_server, "/api/v1/events?limit=1000")["events"]
    details = [api(api_server, f"/api/v1/events/{e['event_id']}") for e in listed
               if e["event_id"] not in (HOSTILE_ID, "ev-arrives-live")]
    detail = max(details, key=lambda d: (len(d["sources"]), d["event"]["event_id"]))
    reported = detail["event"]
    button = page.find_element(By.CSS_SELECTOR, f'#event-list button[data-event-id="{reported["event_id"]}"]')
    button.send_keys(Keys.ENTER)
    panel = page.find_element(By.ID, "panel")
    wait_for(page, lambda d: panel.find_elements(By.CSS_SELECTOR, ".evidence mark.evidence-span"),
             "the panel showed no highlighted evidence")
    assert page.switch_to.active_element == panel  # focus moved into the panel
    text = panel.text
    assert reported["location"]["name"] in text and "Killed, injured" in text
    marked = [m.text for m in panel.find_elements(By.CSS_SELECTOR, ".evidence mark.evidence-span")]
    assert all(marked) and set(marked) <= {e["text"] for e in detail["evidence"]}
    links = panel.find_elements(By.CSS_SELECTOR, ".sources a")
    assert len(panel.find_elements(By.CSS_SELECTOR, ".sources > li")) == len(detail["sources"]) >= 2
    assert links and all(a.get_attribute("rel") == "noopener noreferrer" for a in links)
    assert {a.get_attribute("href") for a in links} <= {s["url"] for s in detail["sources"]}
    assert "supports:" in text and "Revision 1" in text
    assert button.get_attribute("aria-current") == "true"
    page.execute_script("document.querySelector('#panel .evidence').scrollIntoView()")
    page.save_screenshot(str(artifacts / "map.png"))
    # Escape closes the panel and gives focus back to the list item that opened it
    panel.send_keys(Keys.ESCAPE)
    wait_for(page, lambda d: not panel.is_displayed(), "Escape did not close the panel")
    assert page.switch_to.active_element == button


def test_hostile_markup_is_shown_as_text_and_never_runs(page):
    button = page.find_element(By.CSS_SELECTOR, f'#event-list button[data-event-id="{HOSTILE_ID}"]')
    assert IMG in button.text  # the place name, verbatim
    button.click()
    panel = page.find_element(By.ID, "panel")
    wait_for(page, lambda d: panel.find_elements(By.CSS_SELECTOR, ".sources > li"), "no sources shown")
    text = panel.text
    for payload in (IMG, SCRIPT, SVG):
        assert payload in text
    assert page.execute_script("return typeof window.__pwned") == "undefined"
    # nothing of the payload became an element, and the javascript: URL is not a link
    assert page.execute_script(
        "return document.querySelectorAll('#panel img, #panel svg, #panel script, #event-list img,"
        " #event-list svg, .leaflet-tooltip img').length") == 0
    hrefs = [a.get_attribute("href") for a in panel.find_elements(By.TAG_NAME, "a")]
    assert hrefs == ["https://news.example/market-bomb"]
    assert "javascript:window.__pwned=1" in text  # shown, not linked
    page.find_element(By.ID, "panel-close").click()


def test_filters_go_into_the_url_and_back(page, api_server):
    bombings = api(api_server, "/api/v1/events?type=suicide_bombing")["events"]
    Select(page.find_element(By.ID, "f-type")).select_by_value("suicide_bombing")
    page.find_element(By.CSS_SELECTOR, "#filters button[type=submit]").click()
    wait_for(page, lambda d: markers(d) == len(bombings) == 2, "the type filter did not apply")
    assert "type=suicide_bombing" in page.current_url
    assert list_ids(page) == [e["event_id"] for e in bombings]
    # a shared link opens the same view
    page.get(page.current_url)
    wait_for(page, lambda d: markers(d) == 2 and list_ids(d) == [e["event_id"] for e in bombings],
             "the filtered URL did not open the filtered view")
    assert Select(page.find_element(By.ID, "f-type")).first_selected_option.get_attribute("value") == "suicide_bombing"
    # a filter the API refuses is said on the page, with the API's reason
    country = page.find_element(By.ID, "f-country")
    country.clear()
    country.send_keys("Narnia!")
    country.send_keys(Keys.ENTER)
    error = page.find_element(By.ID, "filter-error")
    wait_for(page, lambda d: error.is_displayed(), "a refused filter showed no error")
    with pytest.raises(urllib.error.HTTPError) as refused:
        api(api_server, "/api/v1/events?country=Narnia!")
    assert refused.value.code == 400
    assert json.load(refused.value)["error"] in error.text
    page.get_log("browser")  # the 400 the page asked for is logged by Chromium: not a fault
    page.get(api_server + "/")
    wait_for(page, lambda d: markers(d) == 9, "the unfiltered view did not come back")


def test_new_and_updated_events_arrive_without_reload(page, archive):
    page.execute_script("window.__sameDocument = true")
    wait_for(page, lambda d: "connected" in d.find_element(By.ID, "status").text, "stream not connected")
    before = markers(page)
    archive.store(new_event())
    wait_for(page, lambda d: markers(d) == before + 1, "the new event's marker did not appear")
    wait_for(page, lambda d: list_ids(d)[0] == "ev-arrives-live", "the new event is not first in the list")
    assert "Kherson" in page.find_element(By.ID, "announcer").get_attribute("textContent")  # said to screen readers
    assert page.find_element(By.ID, "status").text.startswith(f"{before + 1} events")
    # a new revision changes the marker, the list item and the open panel in place
    marker = 'path.sw-marker[data-event-id="ev-arrives-live"]'
    old_path = page.find_element(By.CSS_SELECTOR, marker).get_attribute("d")
    page.find_element(By.CSS_SELECTOR, marker).click()  # open it from the map
    panel = page.find_element(By.ID, "panel")
    wait_for(page, lambda d: "Revision 1" in panel.text and "Kherson" in panel.text, "marker click opened no panel")
    archive.store(new_event().model_copy(update={"revision": 2, "status": "update", "killed": 40}))
    item = '#event-list button[data-event-id="ev-arrives-live"]'
    wait_for(page, lambda d: "40 killed" in d.find_element(By.CSS_SELECTOR, item).text,
             "the updated toll did not arrive")
    wait_for(page, lambda d: "killed: 2 → 40" in panel.text, "the open panel did not show the revision")
    page.find_element(By.ID, "panel-close").click()
    new_path = page.find_element(By.CSS_SELECTOR, 'path.sw-marker[data-event-id="ev-arrives-live"]').get_attribute("d")
    assert new_path != old_path  # a larger circle
    assert markers(page) == before + 1
    assert page.execute_script("return window.__sameDocument") is True  # never reloaded


def test_phone_width_stacks_the_list_below_the_map(page, api_server, artifacts):
    page.set_window_size(390, 844)
    try:
        page.get(api_server + "/")  # as a phone opens it
        wait_for(page, lambda d: markers(d) == 10, "no markers at phone width")
        assert page.execute_script("return innerWidth") <= 400
        # the map first: filters and legend folded away until asked for
        assert page.find_element(By.ID, "filter-box").get_attribute("open") is None
        assert page.find_element(By.ID, "legend").get_attribute("open") is None
        map_box = page.find_element(By.ID, "map").rect
        list_box = page.find_element(By.ID, "event-list").rect
        assert list_box["y"] >= map_box["y"] + map_box["height"] - 1  # below, not beside
        assert page.execute_script("return document.documentElement.scrollWidth <= innerWidth")
        page.save_screenshot(str(artifacts / "map-phone.png"))
    finally:
        page.set_window_size(1280, 860)
