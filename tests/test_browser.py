"""Browser tests: the quick exit and the first screens, in a real headless Chromium.

One local server for the module, started by `scripts/serve.sh` through
tests/local_server.py, exactly as tests/test_server_smoke.py starts it (the same warm state
folder, `.state/test-server`, or a new one when another run holds its lock), on its own free
ports. Chromium comes from Debian (/usr/bin/chromium, /usr/bin/chromedriver), headless,
with a fresh profile. This machine has no internet, and the browser is told that the
neutral site's host does not exist, so leaving lands on Chromium's error page: the tests
check that the interview is gone and that Back does not bring it back.
Never skipped: a missing Chromium or a server that cannot start is a failure.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import NamedTuple

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from chromium import start_chromium
from local_server import running_server


NEUTRAL_HOST = "www.bbc.co.uk"
WAIT = 30  # seconds for a page or a navigation


class Site(NamedTuple):
    url: str
    driver: WebDriver


# --- the browser


def start_browser(profile: str) -> WebDriver:
    # Offline or not, the neutral site never loads: the result is the same everywhere.
    return start_chromium(
        profile, extra_args=(f"--host-resolver-rules=MAP {NEUTRAL_HOST} ~NOTFOUND",), page_load_timeout=WAIT
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    output = tmp_path_factory.mktemp("serve") / "serve.out"
    with running_server(output) as server:
        driver = None
        profile = tempfile.TemporaryDirectory(prefix="chromium-profile-")
        try:
            driver = start_browser(profile.name)
            yield Site(server.url, driver)
        finally:
            if driver is not None:
                driver.quit()
            profile.cleanup()


@pytest.fixture
def page(site: Site) -> Iterator[WebDriver]:
    """A new tab (so an empty history) showing the interview's first screen, quick exit ready."""
    driver = site.driver
    first = driver.current_window_handle
    driver.switch_to.new_window("tab")
    try:
        driver.get(site.url)
        wait_for(driver, EC.text_to_be_present_in_element((By.ID, "daMainQuestion"), "Are you in danger right now?"), "first question", 10)
        wait_for(driver, EC.visibility_of_element_located((By.ID, "sr-quick-exit")), "quick exit button", 10)
        yield driver
    finally:
        driver.close()
        driver.switch_to.window(first)


def wait_for(driver: WebDriver, condition, what: str, timeout: float = WAIT) -> None:
    """Wait for a condition; on time-out, fail with what the browser shows."""
    try:
        WebDriverWait(driver, timeout).until(condition)
    except TimeoutException:
        body = driver.execute_script("return document.body ? document.body.innerText : ''") or ""
        pytest.fail(f"no {what} within {timeout} s at {driver.current_url}; the page says:\n{body[:1500]}", pytrace=False)


def on_interview(driver: WebDriver) -> bool:
    return "/interview" in driver.current_url


def assert_left(driver: WebDriver, site: Site) -> None:
    """The interview is gone, and Back does not return to it."""
    WebDriverWait(driver, WAIT).until(lambda d: not on_interview(d))
    url = driver.current_url
    assert url.startswith(f"https://{NEUTRAL_HOST}") or url.startswith("chrome-error:"), url
    assert "Are you in danger" not in driver.page_source
    driver.back()
    WebDriverWait(driver, WAIT).until(lambda d: d.execute_script("return document.readyState") == "complete")
    assert not on_interview(driver), f"Back returned to the interview: {driver.current_url}"
    assert "Are you in danger" not in driver.page_source
    assert not driver.current_url.startswith(site.url.split("/interview")[0]), driver.current_url


def test_first_screen_has_the_quick_exit_button(page: WebDriver) -> None:
    assert page.find_element(By.ID, "daMainQuestion").text.strip() == "Are you in danger right now?"
    button = page.find_element(By.ID, "sr-quick-exit")
    assert button.is_displayed()
    assert button.text.strip() == "Exit this page"
    assert "noreferrer" in (button.get_attribute("rel") or "").split()
    # It is red (GOV.UK warning red, from quick_exit.css) and fixed on screen.
    assert button.value_of_css_property("background-color") in ("rgba(212, 53, 28, 1)", "rgb(212, 53, 28)")
    assert button.value_of_css_property("position") == "fixed"
    assert page.find_element(By.ID, "sr-exit-config").get_attribute("data-delete-url")


def test_exit_button_leaves_the_interview(page: WebDriver, site: Site) -> None:
    page.find_element(By.ID, "sr-quick-exit").click()
    assert_left(page, site)


def test_shift_three_times_leaves_the_interview(page: WebDriver, site: Site) -> None:
    actions = ActionChains(page)
    for _ in range(3):
        actions.key_down(Keys.SHIFT).key_up(Keys.SHIFT)
    actions.perform()
    assert_left(page, site)


def test_shift_twice_stays(page: WebDriver) -> None:
    ActionChains(page).key_down(Keys.SHIFT).key_up(Keys.SHIFT).key_down(Keys.SHIFT).key_up(Keys.SHIFT).perform()
    assert on_interview(page)
    assert page.find_element(By.ID, "daMainQuestion").text.strip() == "Are you in danger right now?"


def test_answering_no_reaches_where_do_you_live(page: WebDriver) -> None:
    no = page.find_element(By.CSS_SELECTOR, 'input[type="radio"][value="False"]')
    label = page.find_element(By.CSS_SELECTOR, f'label[for="{no.get_attribute("id")}"]')
    assert label.text.strip() == "No"
    label.click()
    assert no.is_selected()
    page.find_element(By.CSS_SELECTOR, '#daform button[type="submit"]').click()
    WebDriverWait(page, WAIT).until(
        EC.text_to_be_present_in_element((By.ID, "daMainQuestion"), "Where do you live?")
    )
    # The quick exit is still there on the next screen.
    assert page.find_element(By.ID, "sr-quick-exit").is_displayed()
