"""In a real browser: a citizen builds a portfolio from a CV text and an occupation, runs the
competence check, saves the plan and shares it with a coach, who then opens the file (and the
citizen sees that read); an employer uploads a workforce and reads the employability plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from koers.web.accounts.models import User
from tests.browser.session import PASSWORD
from tests.browser.session import log_in as _log_in

pytestmark = [pytest.mark.browser, pytest.mark.db, pytest.mark.django_db(transaction=True)]
CV = (
    "Ik werkte vijf jaar als verpleeghulp in een woonzorgcentrum. Ik verzorgde wonden, "
    "hielp bewoners bij het wassen en aankleden en deelde maaltijden uit."
)
OCCUPATION = "http://data.europa.eu/esco/occupation/"
NURSE_ASSISTANT = OCCUPATION + "87d0795a-d41f-47ee-979f-0ab7d73836e7"
NURSE = OCCUPATION + "8d3e8aaa-791b-4c75-a465-f3f827028f50"


def _no_errors(browser: WebDriver) -> None:
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


def test_citizen_builds_a_portfolio_checks_it_and_shares_it_with_a_coach(live_server, browser):
    User.objects.create_user("an", password=PASSWORD, role="citizen", first_name="An")
    User.objects.create_user("coach", password=PASSWORD, role="coach")
    url = live_server.url
    _log_in(browser, url, "an")

    browser.get(url + "/portfolio/from-text/")
    browser.find_element(By.ID, "text").send_keys(CV)
    browser.find_element(By.CSS_SELECTOR, "form.stacked button").click()
    ticked = WebDriverWait(browser, 20).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, "input[name=skill]:checked")
    )
    assert ticked, "the clearest skills are ticked for the citizen to confirm"
    browser.find_element(By.CSS_SELECTOR, "input[name=action][value=confirm]").find_element(
        By.XPATH, ".."
    ).submit()
    WebDriverWait(browser, 10).until(ec.url_contains("/portfolio/"))
    claims = browser.find_elements(By.CSS_SELECTOR, "li.claim")
    assert len(claims) == len(ticked)

    browser.find_element(By.ID, "oq").send_keys("verpleeghulp" + Keys.ENTER)
    WebDriverWait(browser, 10).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "button[value=set_occupation]"))
    )
    browser.find_element(By.CSS_SELECTOR, "button[value=set_occupation]").click()
    WebDriverWait(browser, 10).until(ec.text_to_be_present_in_element((By.ID, "work-heading"), ""))
    assert "verpleeghulp" in browser.find_element(By.TAG_NAME, "main").text.lower()

    browser.find_element(By.PARTIAL_LINK_TEXT, "competentiecheck").click()
    signals = WebDriverWait(browser, 20).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, "ul.signals li.signal")
    )
    assert any("essentiële vaardigheden" in s.text for s in signals)
    assert "Je hebt" in browser.find_element(By.CSS_SELECTOR, "p.fit").text
    assert browser.find_elements(By.CSS_SELECTOR, "ol.plan li")
    browser.find_element(By.CSS_SELECTOR, "button[name=share][value='1']").click()
    WebDriverWait(browser, 10).until(
        ec.text_to_be_present_in_element((By.CSS_SELECTOR, "p.ok"), "gedeeld")
    )

    browser.get(url + "/portfolio/sharing/")
    browser.find_element(By.ID, "username").send_keys("coach" + Keys.ENTER)
    WebDriverWait(browser, 10).until(
        ec.text_to_be_present_in_element((By.CSS_SELECTOR, "p.ok"), "Toegang")
    )
    _no_errors(browser)

    _log_in(browser, url, "coach")
    browser.get(url + "/coach/")
    browser.find_element(By.PARTIAL_LINK_TEXT, "An").click()
    WebDriverWait(browser, 10).until(ec.url_contains("/coach/"))
    page = browser.find_element(By.TAG_NAME, "main").text
    assert "Knipperlichten" in page and "Actieplan (gedeeld)" in page
    _no_errors(browser)

    _log_in(browser, url, "an")
    browser.get(url + "/portfolio/sharing/")
    reads = browser.find_element(By.CSS_SELECTOR, "ul.reads").text
    assert "coach" in reads and "bekeek" in reads


def test_employer_uploads_a_workforce_and_reads_the_plan(live_server, browser, tmp_path: Path):
    User.objects.create_user("linde", password=PASSWORD, role="employer")
    workforce = tmp_path / "personeel.csv"
    workforce.write_text(
        "employee_ref,occupation,skills,age_band,education_level,last_training\n"
        + "".join(f"E{i},{NURSE_ASSISTANT},,50-59,low,2019-05-01\n" for i in range(6)),
        encoding="utf-8",
    )
    strategy = tmp_path / "strategie.csv"
    strategy.write_text(
        f"target_kind,target_uri,needed,horizon_year\noccupation,{NURSE},2,2028\n",
        encoding="utf-8",
    )
    _log_in(browser, live_server.url, "linde")
    browser.get(live_server.url + "/organisation/check/")
    browser.find_element(By.NAME, "organisation").send_keys("WZC De Linde")
    browser.find_element(By.NAME, "workforce").send_keys(str(workforce))
    browser.find_element(By.NAME, "strategy").send_keys(str(strategy))
    browser.find_element(By.NAME, "strategy").submit()
    heading = WebDriverWait(browser, 20).until(
        ec.presence_of_element_located((By.XPATH, "//h2[contains(., 'Inzetbaarheidsplan')]"))
    )
    assert heading.is_displayed()
    page = browser.find_element(By.TAG_NAME, "main").text
    assert "6 werknemers lopen risico" in page
    _no_errors(browser)
