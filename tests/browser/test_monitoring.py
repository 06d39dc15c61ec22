"""Issue 14 in a real Chromium at phone width (390 px): an analyst opens the policy monitoring
(charts drawn, CSV links, synthetic and real labelled), a citizen sees vacancies for their
portfolio, an employer finds candidates; no console errors, no serious accessibility issue."""

from __future__ import annotations

from datetime import date

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from koers.portfolio.model import ValidationLevel
from koers.taxonomy.model import concept_id
from koers.web.accounts.models import User
from koers.web.portfolio.models import Claim, Consent
from tests.browser.axe import axe_violations, blocking
from tests.browser.session import PASSWORD, log_in

pytestmark = [pytest.mark.browser, pytest.mark.db, pytest.mark.django_db(transaction=True)]
NURSE_ASSISTANT = "http://data.europa.eu/esco/occupation/87d0795a-d41f-47ee-979f-0ab7d73836e7"


def _nursing_skills() -> list[str]:
    from koers.taxonomy import get_taxonomy

    return [s.uri for s in get_taxonomy().skills_of(NURSE_ASSISTANT).essential]


def _log_in(browser: WebDriver, url: str, username: str, lang: str = "nl") -> None:
    browser.set_window_size(390, 844)
    log_in(browser, url, username, lang=lang)


def _open(browser: WebDriver, url: str) -> None:
    browser.get(url)
    WebDriverWait(browser, 20).until(
        lambda b: b.execute_script("return document.readyState") == "complete"
    )


def _problems(browser: WebDriver) -> list[str]:
    problems = [f"axe {v}" for v in blocking(axe_violations(browser))]
    problems += [
        f"console {e['message']}" for e in browser.get_log("browser") if e["level"] == "SEVERE"
    ]
    width = browser.execute_script("return window.innerWidth")
    if browser.execute_script("return document.documentElement.scrollWidth") > width:
        problems.append(f"scrolls sideways at {width} px")
    return problems


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_analyst_opens_the_policy_monitoring(live_server, browser, lang):
    browser.set_script_timeout(60)
    User.objects.create_user("analist", password=PASSWORD, role="analyst")
    _log_in(browser, live_server.url, "analist", lang)
    _open(browser, live_server.url + "/market/monitoring/")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
    WebDriverWait(browser, 20).until(
        lambda b: len(b.find_elements(By.CSS_SELECTOR, "[data-chart] svg.main-svg")) >= 4
    )
    assert len(browser.find_elements(By.CSS_SELECTOR, "[data-chart] .bars path")) >= 3
    assert not browser.find_elements(By.CSS_SELECTOR, ".modebar")
    assert browser.find_elements(By.CSS_SELECTOR, ".badge.synthetic")
    assert browser.find_elements(By.CSS_SELECTOR, ".badge.real")
    links = [
        a.get_attribute("href")
        for a in browser.find_elements(By.CSS_SELECTOR, "a[href*='format=csv']")
    ]
    assert len(links) == 3 and all("table=" in link for link in links)
    current = browser.find_element(By.CSS_SELECTOR, ".subnav a[aria-current='page']")
    assert current.get_attribute("href").endswith("/market/monitoring/")
    assert not _problems(browser)


def test_citizen_sees_vacancies_and_employer_finds_candidates(live_server, browser):
    browser.set_script_timeout(60)
    skills = _nursing_skills()
    citizen = User.objects.create_user("burger", password=PASSWORD, role="citizen")
    for uri in skills:
        Claim.objects.create(
            owner=citizen,
            skill_uri=uri,
            validation=ValidationLevel.CONFIRMED.value,
            last_used=date(2026, 1, 1),
        )
    employer = User.objects.create_user("werkgever", password=PASSWORD, role="employer")
    Consent.objects.create(citizen=citizen, grantee=employer)

    _log_in(browser, live_server.url, "burger")
    _open(browser, live_server.url + "/vacancies/mine/")
    cards = browser.find_elements(By.CSS_SELECTOR, "ol.vacancies > li")
    assert len(cards) == 10
    assert all(c.find_elements(By.CSS_SELECTOR, ".badge.synthetic") for c in cards)
    assert not _problems(browser)

    _log_in(browser, live_server.url, "werkgever")
    query = "&".join(f"skill={concept_id(u)}" for u in skills[:6])
    _open(browser, live_server.url + f"/vacancies/candidates/?{query}")
    browser.find_element(By.CSS_SELECTOR, "#run-form button[type=submit]").click()
    WebDriverWait(browser, 20).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "ol.matches > li h3"))
    )
    assert browser.find_element(By.CSS_SELECTOR, "ol.matches > li h3").text == "burger"
    assert not _problems(browser)
