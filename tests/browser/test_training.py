"""In a real browser on a phone-sized screen (390 px): a citizen with a gap fills in their
situation, sees courses and a learning path and enrols (money reserved on the learning
account); the provider marks the course completed; the skills appear in the citizen's
portfolio, confirmed by the provider. No console errors, no sideways scrolling."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from koers.web.accounts.models import User
from koers.web.portfolio.models import Profile
from koers.web.training.models import Course
from tests.browser.axe import axe_violations, blocking
from tests.browser.session import PASSWORD
from tests.browser.session import log_in as _log_in

pytestmark = [pytest.mark.browser, pytest.mark.db, pytest.mark.django_db(transaction=True)]
NURSE_ASSISTANT = "http://data.europa.eu/esco/occupation/87d0795a-d41f-47ee-979f-0ab7d73836e7"
WIDTH = 390


def _fine(browser: WebDriver) -> None:
    """No console errors, nothing wider than the screen, no serious accessibility faults."""
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
    wide = browser.execute_script("return document.documentElement.scrollWidth")
    culprits = browser.execute_script(
        "var w = arguments[0]; return Array.from(document.querySelectorAll('main *'))"
        ".filter(function (e) { return e.getBoundingClientRect().right > w; }).slice(0, 5)"
        ".map(function (e) { return e.tagName + ' ' + e.textContent.slice(0, 40); });",
        WIDTH,
    )
    assert wide <= WIDTH, (browser.current_url, wide, culprits)
    assert not blocking(axe_violations(browser)), browser.current_url


def test_citizen_enrols_provider_completes_and_the_skills_enter_the_portfolio(
    live_server, browser, taxonomy
):
    citizen = User.objects.create_user("an", password=PASSWORD, role="citizen", first_name="An")
    provider = User.objects.create_user(
        "zorg", password=PASSWORD, role="provider", first_name="Zorgacademie"
    )
    Profile.objects.create(owner=citizen, occupation_uri=NURSE_ASSISTANT)
    taught = [s.uri for s in taxonomy.skills_of(NURSE_ASSISTANT).essential[:6]]
    Course.objects.create(
        course_id="ZA-1",
        owner=provider,
        provider="Zorgacademie",
        title="Zorgkundige basis",
        skills=taught,
        level="basic",
        duration_hours=40,
        cost_eur=300,
        mode="classroom",
        region="antwerpen",
        recognised_for=["opleidingscheques"],
    )
    url = live_server.url
    browser.set_window_size(WIDTH, 844)
    _log_in(browser, url, "an")

    browser.get(url + "/rights/")
    Select(browser.find_element(By.ID, "status")).select_by_value("employee")
    Select(browser.find_element(By.ID, "region")).select_by_value("flanders")
    browser.find_element(By.ID, "age").send_keys("35")
    Select(browser.find_element(By.ID, "education_level")).select_by_value("medium")
    browser.find_element(By.CSS_SELECTOR, "#rights-form button[type=submit]").click()
    eligible = WebDriverWait(browser, 10).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, "li.decision.eligible")
    )
    assert {e.get_attribute("data-rule") for e in eligible} >= {
        "opleidingscheques",
        "leer_en_loopbaanrekening",
    }
    assert browser.find_elements(By.CSS_SELECTOR, "li.decision.eligible .to-verify")
    assert browser.find_elements(By.CSS_SELECTOR, "li.decision a[href^='https://']")
    _fine(browser)

    browser.get(url + "/training/")
    courses = WebDriverWait(browser, 20).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, "li.course")
    )
    assert courses[0].get_attribute("data-course") == "ZA-1"
    assert browser.find_elements(By.CSS_SELECTOR, "section.learning-path li")
    assert browser.find_elements(By.CSS_SELECTOR, ".provenance.synthetic")
    _fine(browser)
    courses[0].find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, 10).until(ec.url_contains("/training/account/"))
    assert browser.find_element(By.ID, "reserved").text == "€175"  # vouchers pay €125
    assert browser.find_element(By.ID, "available").text == "€325"
    _fine(browser)

    _log_in(browser, url, "zorg")
    browser.get(url + "/training/provider/course/")
    browser.find_element(By.ID, "description").send_keys("Je leert wonden verzorgen.")
    browser.find_element(By.CSS_SELECTOR, "button[value=suggest]").click()
    suggested = WebDriverWait(browser, 20).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, "input.suggested")
    )
    assert not any(s.is_selected() for s in suggested), "the provider ticks each skill"
    _fine(browser)
    browser.get(url + "/training/import/")
    _fine(browser)
    browser.get(url + "/training/provider/")
    browser.find_element(By.CSS_SELECTOR, "ul.enrolments form button").click()
    WebDriverWait(browser, 10).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "p.ok[role=status]"))
    )
    assert not browser.find_elements(By.CSS_SELECTOR, "ul.enrolments form")
    _fine(browser)

    _log_in(browser, url, "an")
    browser.get(url + "/portfolio/")
    claims = browser.find_elements(By.CSS_SELECTOR, "li.claim")
    assert len(claims) == len(taught)
    for select in browser.find_elements(By.CSS_SELECTOR, "li.claim select[name=source]"):
        assert Select(select).first_selected_option.get_attribute("value") == "training_provider"
    for select in browser.find_elements(By.CSS_SELECTOR, "li.claim select[name=validation]"):
        assert Select(select).first_selected_option.get_attribute("value") == "confirmed"
    issuers = browser.find_elements(By.CSS_SELECTOR, "li.claim input[name=issuer]")
    assert {i.get_attribute("value") for i in issuers} == {"Zorgacademie"}


def test_employer_sees_incentives_and_pays_into_an_account(live_server, browser):
    from koers.web.portfolio.models import Consent

    citizen = User.objects.create_user("an", password=PASSWORD, role="citizen", first_name="An")
    employer = User.objects.create_user("baas", password=PASSWORD, role="employer")
    Consent.objects.create(citizen=citizen, grantee=employer)
    url = live_server.url
    browser.set_window_size(WIDTH, 844)
    _log_in(browser, url, "baas")
    browser.get(url + "/rights/")
    Select(browser.find_element(By.ID, "status")).select_by_value("employee")
    browser.find_element(By.ID, "employer_size").send_keys("30")
    browser.find_element(By.ID, "sector").send_keys("C25")
    browser.find_element(By.CSS_SELECTOR, "#rights-form button[type=submit]").click()
    WebDriverWait(browser, 10).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, "li.decision.eligible")
    )
    browser.get(url + "/training/employer/")
    assert browser.find_elements(By.CSS_SELECTOR, "li.decision[data-rule=kmo_portefeuille]")
    browser.find_element(By.ID, "amount").send_keys("250")
    browser.find_element(By.CSS_SELECTOR, "#amount ~ button[type=submit]").click()
    WebDriverWait(browser, 10).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "p.ok[role=status]"))
    )
    assert "€250" in browser.find_element(By.CSS_SELECTOR, "#spent-heading").text
    _fine(browser)
