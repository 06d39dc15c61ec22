"""In a real Chromium at phone width (390 px), in Dutch and in English: axe-core finds no
serious or critical accessibility violation on any page, no page logs a console error or a
CSP violation, and the journeys of issue 11 work end to end (career steps keep both choices,
a goal link from the tension page, each role's start page, Dutch charts without a mode bar)."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from koers.web.accounts.models import User
from tests.browser.axe import axe_violations, blocking
from tests.browser.session import PASSWORD
from tests.browser.session import log_in as _log_in

pytestmark = [pytest.mark.browser, pytest.mark.db, pytest.mark.django_db(transaction=True)]
NURSE_ASSISTANT_ID = "87d0795a-d41f-47ee-979f-0ab7d73836e7"
NURSE_ID = "8d3e8aaa-791b-4c75-a465-f3f827028f50"
PUBLIC_PAGES = [
    "/",
    "/esco/?q=verpleeghulp",
    f"/esco/occupation/{NURSE_ID}/",
    "/careers/match/?sq=wonden",
    f"/careers/match/?from={NURSE_ASSISTANT_ID}",
    f"/careers/steps/?from={NURSE_ASSISTANT_ID}",
    f"/careers/steps/?from={NURSE_ASSISTANT_ID}&goal={NURSE_ID}",
    f"/careers/steps/?goal={NURSE_ID}",
    "/market/",
    "/market/tension/",
    "/market/forecast/",
    "/market/barometer/",
    "/market/backtest/",
    "/market/entrepreneurs/",
    "/accounts/login/",
    "/no-such-page/",
    "/api/docs",
]
ROLE_PAGES = {
    "citizen": ["/portfolio/", "/check/"],
    "coach": ["/coach/"],
    "employer": ["/organisation/check/"],
    "analyst": ["/market/import/"],
    "provider": ["/accounts/start/"],
}


def _phone(browser: WebDriver, url: str, lang: str) -> None:
    """A 390 px wide window with the interface language chosen (the switch's cookie)."""
    browser.set_window_size(390, 844)
    browser.get(url + "/accounts/login/")
    browser.add_cookie({"name": "django_language", "value": lang})


def _load(browser: WebDriver, url: str) -> None:
    browser.get(url)
    WebDriverWait(browser, 20).until(
        lambda b: b.execute_script("return document.readyState") == "complete"
    )
    if "/api/docs" in url:  # Swagger UI draws after fetching the schema
        WebDriverWait(browser, 20).until(
            ec.presence_of_element_located((By.CSS_SELECTOR, "#swagger-ui .opblock"))
        )
    if browser.find_elements(By.CSS_SELECTOR, "[data-chart]"):
        WebDriverWait(browser, 20).until(
            ec.presence_of_element_located((By.CSS_SELECTOR, "[data-chart] svg.main-svg"))
        )


def _console_errors(browser: WebDriver) -> list[str]:
    """SEVERE console entries (CSP violations are among them), the expected 404 left out."""
    return [
        e["message"]
        for e in browser.get_log("browser")
        if e["level"] == "SEVERE" and "/no-such-page/" not in e["message"]
    ]


def _check(browser: WebDriver, url: str, lang: str) -> list[str]:
    _load(browser, url)
    problems = []
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang, url
    bad = blocking(axe_violations(browser))
    if bad:
        problems.append(f"{lang} {url}: axe {bad}")
    errors = _console_errors(browser)
    if errors:
        problems.append(f"{lang} {url}: console {errors}")
    width = browser.execute_script("return window.innerWidth")
    if browser.execute_script("return document.documentElement.scrollWidth") > width:
        problems.append(f"{lang} {url}: scrolls sideways at {width} px")
    return problems


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_public_pages_are_accessible_at_phone_width(live_server, browser, lang):
    browser.set_script_timeout(60)
    _phone(browser, live_server.url, lang)
    problems = [p for path in PUBLIC_PAGES for p in _check(browser, live_server.url + path, lang)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_role_pages_are_accessible_at_phone_width(live_server, browser, lang):
    browser.set_script_timeout(60)
    problems = []
    for role, pages in ROLE_PAGES.items():
        User.objects.create_user(role, password=PASSWORD, role=role)
        browser.delete_all_cookies()
        _phone(browser, live_server.url, lang)
        _log_in(browser, live_server.url, role, lang=lang)
        for path in pages:
            problems += _check(browser, live_server.url + path, lang)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("lang", "current", "goal", "texts"),
    [
        ("nl", "verpleeghulp", "verpleegkundige", ("Jouw doel", "Routes naar", "Waarom")),
        ("en", "nursing assistant", "nurse", ("Your goal", "Routes to", "Why")),
    ],
)
def test_career_steps_journey_keeps_both_choices(live_server, browser, lang, current, goal, texts):
    _phone(browser, live_server.url, lang)
    browser.get(live_server.url + "/careers/steps/")
    browser.find_element(By.ID, "oq").send_keys(current + Keys.ENTER)
    WebDriverWait(browser, 10).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, ".choices a"))
    )
    browser.find_elements(By.CSS_SELECTOR, ".choices a")[0].click()
    WebDriverWait(browser, 10).until(ec.url_contains("from="))
    chosen = browser.current_url.split("from=")[1].split("&")[0]
    browser.find_element(By.ID, "gq").send_keys(goal + Keys.ENTER)
    WebDriverWait(browser, 10).until(ec.url_contains("gq="))
    assert f"from={chosen}" in browser.current_url, "searching a goal keeps the current job"
    hits = browser.find_elements(By.CSS_SELECTOR, "[aria-labelledby=goal-heading] .choices a")
    hits[0].click()
    WebDriverWait(browser, 10).until(ec.url_contains("goal="))
    assert f"from={chosen}" in browser.current_url
    page = browser.find_element(By.TAG_NAME, "main").text
    for text in texts:
        assert text in page
    assert browser.find_elements(By.CSS_SELECTOR, ".goal-info .outlook")
    assert not _console_errors(browser)


def test_goal_link_from_the_tension_page_is_followed(live_server, browser):
    _phone(browser, live_server.url, "nl")
    browser.get(live_server.url + "/market/tension/?period=2021-04")
    link = browser.find_element(By.CSS_SELECTOR, "table.data a[href*='goal=']")
    name = link.text
    link.click()
    WebDriverWait(browser, 10).until(ec.url_contains("/careers/steps/"))
    heading = browser.find_element(By.ID, "goal-info-heading").text
    assert heading.startswith("Jouw doel:") and heading
    assert name
    assert browser.find_element(By.ID, "oq"), "asks for the current job next"


@pytest.mark.parametrize(
    ("role", "start"),
    [
        ("citizen", "/portfolio/"),
        ("coach", "/coach/"),
        ("employer", "/organisation/check/"),
        ("analyst", "/market/"),
        ("provider", "/accounts/start/"),
    ],
)
def test_each_role_lands_on_its_start_page(live_server, browser, role, start):
    User.objects.create_user(role, password=PASSWORD, role=role)
    _phone(browser, live_server.url, "nl")
    _log_in(browser, live_server.url, role)
    WebDriverWait(browser, 10).until(ec.url_contains(start))
    assert browser.current_url == live_server.url + start
    assert not _console_errors(browser)


@pytest.mark.parametrize(("lang", "month"), [("nl", "mrt"), ("en", "Mar")])
def test_charts_speak_the_page_language_without_a_mode_bar(live_server, browser, lang, month):
    _phone(browser, live_server.url, lang)
    _load(browser, live_server.url + "/market/forecast/")
    assert not browser.find_elements(By.CSS_SELECTOR, ".modebar"), "no toolbar buttons"
    years = [t.text for t in browser.find_elements(By.CSS_SELECTOR, ".xtick text")]
    assert years and all(y.isdigit() and len(y) == 4 for y in years), years
    values = [t.text for t in browser.find_elements(By.CSS_SELECTOR, ".ytick text")]
    thousands = "." if lang == "nl" else ","
    assert any(thousands in v for v in values), values
    _load(browser, live_server.url + "/market/tension/?period=2026-09")
    ticks = " ".join(t.text for t in browser.find_elements(By.CSS_SELECTOR, ".xtick text"))
    assert ticks
    names = {"nl": ("jan", "mrt", "jul", "okt", "mei"), "en": ("Jan", "Mar", "Jul", "Oct", "May")}
    assert any(n in ticks for n in names[lang]), ticks
    assert month
    assert not _console_errors(browser)
