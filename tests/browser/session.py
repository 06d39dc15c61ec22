"""Logging in through the real login form, as a person would."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

PASSWORD = "pw-123456789"


def log_in(
    browser: WebDriver,
    url: str,
    username: str,
    *,
    lang: str | None = None,
    password: str = PASSWORD,
) -> None:
    """Log ``username`` in at ``url`` (forgetting any earlier session); ``lang`` sets the
    interface language cookie first."""
    browser.delete_all_cookies()
    browser.get(url + "/accounts/login/")
    if lang is not None:
        browser.add_cookie({"name": "django_language", "value": lang})
        browser.get(url + "/accounts/login/")
    browser.find_element(By.ID, "id_username").send_keys(username)
    browser.find_element(By.ID, "id_password").send_keys(password + Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: "/accounts/login/" not in b.current_url)
