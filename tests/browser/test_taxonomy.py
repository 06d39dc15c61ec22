"""A citizen logs in, finds the nurse occupation, reads its essential skills, switches language."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from koers.demo.users import ROLE_ACCOUNTS
from koers.web.accounts.services import demo_users_load

pytestmark = [pytest.mark.browser, pytest.mark.db, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-demo-pass"


def wait_for_heading(browser, text: str) -> None:
    """Wait until the page's h1 reads ``text`` (the new page has loaded)."""
    WebDriverWait(browser, 10).until(ec.text_to_be_present_in_element((By.TAG_NAME, "h1"), text))


def test_citizen_searches_nurse_and_switches_language(live_server, browser):
    demo_users_load(password=PASSWORD, extra_citizens=0)
    browser.get(live_server.url + "/accounts/login/")
    browser.find_element(By.ID, "id_username").send_keys(ROLE_ACCOUNTS["citizen"])
    browser.find_element(By.ID, "id_password").send_keys(PASSWORD + Keys.ENTER)
    WebDriverWait(browser, 10).until(ec.url_contains("/portfolio/"))  # a citizen's start page
    assert "synthetisch demo-account" in browser.find_element(By.CLASS_NAME, "who").text
    browser.get(live_server.url + "/")
    wait_for_heading(browser, "Koers: jouw koers")

    search = browser.find_element(By.ID, "q")
    search.send_keys("verpleegkundige" + Keys.ENTER)
    wait_for_heading(browser, "Zoeken in de competentietaal")
    browser.find_element(By.LINK_TEXT, "algemeen verpleegkundige").click()
    wait_for_heading(browser, "algemeen verpleegkundige")

    assert browser.find_element(By.TAG_NAME, "h1").text == "algemeen verpleegkundige"
    heading = browser.find_element(By.ID, "essential-heading")
    assert heading.text.startswith("Essentiële vaardigheden en kennis")
    essential = browser.find_elements(By.CSS_SELECTOR, "[aria-labelledby=essential-heading] li a")
    assert len(essential) > 20

    browser.find_element(By.CSS_SELECTOR, ".language-switch button[value=en]").click()
    wait_for_heading(browser, "nurse responsible for general care")
    assert browser.find_element(By.TAG_NAME, "h1").text == "nurse responsible for general care"
    assert browser.find_element(By.ID, "essential-heading").text.startswith(
        "Essential skills and knowledge"
    )
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"


def test_keyboard_user_reaches_content_with_skip_link(live_server, browser):
    browser.get(live_server.url + "/")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.get_attribute("class") == "skip-link"
    focused.send_keys(Keys.ENTER)
    assert browser.current_url.endswith("#main")
