"""In a real browser: a citizen builds a skill set and sees fitting occupations; an analyst's
forecast chart is drawn by the locally served plotly.js under the site's CSP."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = [pytest.mark.browser, pytest.mark.db, pytest.mark.django_db(transaction=True)]


def test_citizen_picks_skills_and_sees_fitting_occupations(live_server, browser):
    browser.get(live_server.url + "/careers/match/")
    browser.find_element(By.ID, "sq").send_keys("wonden verzorgen" + Keys.ENTER)
    WebDriverWait(browser, 10).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, ".choices a"))
    )
    browser.find_element(By.PARTIAL_LINK_TEXT, "wondzorg uitvoeren").click()
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".chips li")))
    browser.find_element(By.ID, "sq").send_keys("ouderen verzorgen" + Keys.ENTER)
    WebDriverWait(browser, 10).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, ".choices a"))
    )
    browser.find_elements(By.CSS_SELECTOR, ".choices a")[0].click()
    WebDriverWait(browser, 10).until(
        lambda b: len(b.find_elements(By.CSS_SELECTOR, ".chips li")) == 2
    )
    matches = browser.find_elements(By.CSS_SELECTOR, "li.match")
    assert matches, "at least one occupation asks one of these skills as essential"
    assert all("Je hebt 0 van" not in m.text for m in matches), "0 % matches are not fitting"
    assert browser.find_elements(By.CSS_SELECTOR, "li.related"), "the others are listed apart"
    first = matches[0]
    assert first.find_element(By.TAG_NAME, "meter").get_attribute("value")
    first.find_elements(By.TAG_NAME, "summary")[-1].click()
    assert first.find_elements(By.CSS_SELECTOR, "ul.gap li")


def test_forecast_chart_is_drawn(live_server, browser):
    browser.get(live_server.url + "/market/forecast/")
    WebDriverWait(browser, 20).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "[data-chart] svg.main-svg"))
    )
    assert "Synthetische gegevens" in browser.find_element(By.CLASS_NAME, "provenance").text
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
