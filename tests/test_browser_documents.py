"""The documents, downloaded from the real local server by a real headless Chromium.

One local server for the module, started by `scripts/serve.sh` through the shared helper
(tests/local_server.py, on its own free ports). Chromium (Debian's /usr/bin/chromium and
/usr/bin/chromedriver, headless, a fresh profile) walks the shortest path to the documents,
answering as a person would: not in danger, lives in England, a stranger, nothing has happened
yet, not afraid ("What you can do now"), then one typed incident (with "&" and "<" in it), no
evidence, a name; then "Your schedule of incidents" and "Your situation so far". Both offer
DOCX and PDF. Each file is fetched from the link on the page, with the browser's own session
cookies (urllib), and checked: the DOCX is a zip whose word/document.xml holds the expected
text (the typed "&" and "<" correctly escaped as XML), the PDF starts with %PDF and pypdf
finds the same text in it. Typing "&", '"' and capitals presses Shift many times, so the walk
also proves that typing never sets off the quick exit (Shift 3 times with no other key between).
Never skipped: a missing Chromium, a server that cannot start or a screen that does not
come is a failure that shows what the browser had on screen.
"""

from __future__ import annotations

import html
import io
import re
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator
from typing import NamedTuple

import pytest
from pypdf import PdfReader
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from chromium import start_chromium
from local_server import running_server, tail

WAIT = 60  # seconds for a screen; building a DOCX and its PDF takes a few seconds

#: What the test types: markup characters that must reach the documents as plain text.
#: docassemble's web app strips anything that parses as an HTML tag, and every backslash,
#: from ordinary text inputs; the log's free-text fields use `datatype: raw` so "<now>" and
#: "GW\\2026" survive. The documents must then escape them.
WHAT_HAPPENED = 'He left a note on my car: "R&D <now>, 2 < 3" & drove off. Ref GW\\2026\\42.'
PLACE = "Tesco car park & <bus stop>"
FIRST_NAME = "Ffion"
LAST_NAME = "O'Neil & Co"


class Site(NamedTuple):
    url: str
    driver: WebDriver


class Walked(NamedTuple):
    """What the walk found on the two document screens: {screen: {format: file bytes}}."""

    headings: list[str]
    files: dict[str, dict[str, bytes]]


# --- the browser -----------------------------------------------------------------------------


def start_browser(profile: str, downloads: str) -> WebDriver:
    return start_chromium(
        profile,
        extra_args=("--window-size=1280,1600",),
        prefs={"download.default_directory": downloads, "download.prompt_for_download": False},
        page_load_timeout=WAIT,
    )


def page_text(driver: WebDriver) -> str:
    return driver.execute_script("return document.body ? document.body.innerText : ''") or ""


def fail_on_page(driver: WebDriver, message: str) -> None:
    pytest.fail(f"{message}\nat {driver.current_url}; the page says:\n{page_text(driver)[:2500]}", pytrace=False)


def heading(driver: WebDriver) -> str:
    found = driver.find_elements(By.ID, "daMainQuestion")
    try:
        return found[0].text.strip() if found else ""
    except Exception:  # the page changed under us
        return ""


def wait_heading(driver: WebDriver, expected: str, timeout: float = WAIT) -> None:
    """Wait until the question heading (h1) says `expected`; fail with the page if it does not."""
    try:
        WebDriverWait(driver, timeout).until(lambda d: heading(d) == expected)
    except TimeoutException:
        fail_on_page(driver, f"expected the screen {expected!r} within {timeout} s, found {heading(driver)!r}")


def norm(text: str) -> str:
    return " ".join(text.split())


def label_for(driver: WebDriver, text: str) -> WebElement:
    """The visible label of the form whose text is `text` (or starts with it, for choices with help)."""
    labels = [label for label in driver.find_elements(By.CSS_SELECTOR, "#daform label") if label.is_displayed()]
    for exact in (True, False):
        for label in labels:
            shown = norm(label.text)
            if shown == text if exact else shown.startswith(text):
                return label
    fail_on_page(driver, f"no label {text!r} on the screen {heading(driver)!r}; labels: {[norm(l.text) for l in labels]}")
    raise AssertionError  # not reached


def click(driver: WebDriver, element: WebElement) -> None:
    """Scroll `element` to the middle of the window (clear of the fixed quick exit), click it."""
    # "instant": Bootstrap sets smooth scrolling, and a click during the scroll misses.
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element)
    element.click()


def choose(driver: WebDriver, text: str) -> None:
    """Click a radio button or checkbox by its label, as a person would, and check it took."""
    label = label_for(driver, text)
    target = label.get_attribute("for")
    click(driver, label)
    if target:
        box = driver.find_element(By.ID, target)
        if not box.is_selected():
            fail_on_page(driver, f"clicking {text!r} did not select it")


def type_into(driver: WebDriver, label_text: str, value: str) -> None:
    """Type into the text field labelled `label_text`."""
    label = label_for(driver, label_text)
    field = driver.find_element(By.ID, label.get_attribute("for"))
    field.clear()
    field.send_keys(value)


def set_date(driver: WebDriver, label_text: str, iso: str) -> None:
    """Set a date field (an <input type="date">: its value is always YYYY-MM-DD, whatever the locale)."""
    label = label_for(driver, label_text)
    field = driver.find_element(By.ID, label.get_attribute("for"))
    driver.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        field,
        iso,
    )
    if field.get_attribute("value") != iso:
        fail_on_page(driver, f"the date field {label_text!r} did not take {iso!r} (type {field.get_attribute('type')!r})")


def submit(driver: WebDriver, next_heading: str, button: str | None = None) -> None:
    """Press the form's submit button (the one labelled `button`, if given); wait for `next_heading`."""
    buttons = [b for b in driver.find_elements(By.CSS_SELECTOR, '#daform button[type="submit"]') if b.is_displayed()]
    if button is not None:
        buttons = [b for b in buttons if norm(b.text) == button]
    if not buttons:
        fail_on_page(driver, f"no {button or 'Continue'!r} button on the screen {heading(driver)!r}")
    click(driver, buttons[0])
    wait_heading(driver, next_heading)


# --- the documents ---------------------------------------------------------------------------


def document_links(driver: WebDriver) -> dict[str, str]:
    """The download links of the screen's document: {"docx": url, "pdf": url}."""
    links: dict[str, str] = {}
    for anchor in driver.find_elements(By.CSS_SELECTOR, "a[href]"):
        href = anchor.get_attribute("href") or ""
        path = urllib.parse.urlparse(href).path.lower()
        for fmt in ("docx", "pdf"):
            if path.endswith("." + fmt) and fmt not in links:
                links[fmt] = href
    return links


def download(driver: WebDriver, url: str) -> bytes:
    """GET `url` with the browser's session cookies, as the browser would."""
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(url, headers={"Cookie": cookies, "User-Agent": driver.execute_script("return navigator.userAgent")})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.read()
    except urllib.error.HTTPError as err:
        pytest.fail(f"downloading {url} answered HTTP {err.code}: {err.read()[:500]!r}", pytrace=False)
    raise AssertionError  # not reached


def screen_files(driver: WebDriver) -> dict[str, bytes]:
    links = document_links(driver)
    if set(links) != {"docx", "pdf"}:
        fail_on_page(driver, f"expected a DOCX and a PDF link on {heading(driver)!r}, found {links}")
    return {fmt: download(driver, url) for fmt, url in links.items()}


def docx_xml(data: bytes) -> str:
    assert data[:2] == b"PK", f"not a DOCX (zip): {data[:60]!r}"
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        return docx.read("word/document.xml").decode("utf-8")


def docx_text(data: bytes) -> str:
    """The text of word/document.xml: runs joined within a paragraph, entities decoded."""
    xml = docx_xml(data)
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, re.S)
    return "\n".join(
        html.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))) for p in paragraphs
    )


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF"), f"not a PDF: {data[:60]!r}"
    return norm(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


# --- the walk --------------------------------------------------------------------------------


def walk_to_the_documents(driver: WebDriver, url: str) -> Walked:
    headings: list[str] = []
    files: dict[str, dict[str, bytes]] = {}

    def at(expected: str) -> None:
        wait_heading(driver, expected)
        headings.append(expected)

    driver.get(url)
    at("Are you in danger right now?")
    choose(driver, "No")
    submit(driver, "Where do you live?")
    headings.append("Where do you live?")
    choose(driver, "England")
    submit(driver, "Now, about the person doing this")
    headings.append("Now, about the person doing this")
    submit(driver, "How old are you?", button="Start")
    headings.append("How old are you?")
    type_into(driver, "Your age in years", "34")
    submit(driver, "How do you know the person?")
    headings.append("How do you know the person?")
    choose(driver, "I do not know who they are")
    submit(driver, "How many times has the person done something that frightened or upset you?")
    headings.append("How many times has the person done something that frightened or upset you?")
    choose(driver, "None yet")
    submit(driver, "Are you afraid they will do something to frighten or upset you?")
    headings.append("Are you afraid they will do something to frighten or upset you?")
    choose(driver, "No")
    submit(driver, "What you can do now")
    headings.append("What you can do now")
    submit(driver, "Keeping a record of what happens", button="Continue")
    headings.append("Keeping a record of what happens")
    submit(driver, "How would you like to add what has happened?", button="Start my log")
    headings.append("How would you like to add what has happened?")
    choose(driver, "Type each incident in here")
    submit(driver, "Tell us about the most recent time")
    headings.append("Tell us about the most recent time")
    choose(driver, "I know the date")
    set_date(driver, "Date", "2026-02-03")
    type_into(driver, "Time", "21:15")
    submit(driver, "Where and how did it happen?")
    headings.append("Where and how did it happen?")
    type_into(driver, "Where were you?", PLACE)
    submit(driver, "What happened?")
    headings.append("What happened?")
    type_into(driver, "What happened", WHAT_HAPPENED)
    submit(driver, "Did anyone else see or hear it?")
    headings.append("Did anyone else see or hear it?")
    choose(driver, "No")
    submit(driver, "Did you tell the police about it?")
    headings.append("Did you tell the police about it?")
    choose(driver, "No")
    submit(driver, "Evidence, and how it affected you")
    headings.append("Evidence, and how it affected you")
    submit(driver, "Your incident log")
    headings.append("Your incident log")
    if PLACE not in page_text(driver):
        fail_on_page(driver, f"the review table does not show the place {PLACE!r} as typed")
    choose(driver, "My log is complete for now")
    submit(driver, "What your log shows")
    headings.append("What your log shows")
    submit(driver, "Do you have evidence you can upload?")
    headings.append("Do you have evidence you can upload?")
    choose(driver, "No")
    submit(driver, "What is your name?")
    headings.append("What is your name?")
    type_into(driver, "First name", FIRST_NAME)
    type_into(driver, "Last name", LAST_NAME)
    submit(driver, "Your schedule of incidents")
    headings.append("Your schedule of incidents")
    files["schedule"] = screen_files(driver)
    submit(driver, "Your situation so far")
    headings.append("Your situation so far")
    files["summary"] = screen_files(driver)
    return Walked(headings, files)


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Walked]:
    output = tmp_path_factory.mktemp("serve") / "serve.out"
    downloads = tmp_path_factory.mktemp("downloads")
    with running_server(output) as server, tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        driver = start_browser(profile, str(downloads))
        try:
            yield walk_to_the_documents(driver, server.url)
        except BaseException:
            print(f"docassemble.log:\n{tail(server.state / 'log' / 'docassemble.log', 30)}")
            raise
        finally:
            driver.quit()


def test_the_walk_reaches_both_document_screens(walked: Walked) -> None:
    assert walked.headings[-2:] == ["Your schedule of incidents", "Your situation so far"]


def test_schedule_docx_has_the_typed_words_escaped(walked: Walked) -> None:
    data = walked.files["schedule"]["docx"]
    xml = docx_xml(data)
    # "&" and "<" reach the XML escaped, never as raw markup.
    assert "R&amp;D &lt;now&gt;, 2 &lt; 3" in xml and "&amp; &lt;bus stop&gt;" in xml, (
        "the typed & and < are not kept and escaped in word/document.xml"
    )
    text = docx_text(data)
    assert "Schedule of incidents" in text
    assert WHAT_HAPPENED in text
    assert PLACE in text
    assert "3 February 2026" in text
    assert f"Prepared by {FIRST_NAME} {LAST_NAME}" in text


def test_schedule_pdf_has_the_typed_words(walked: Walked) -> None:
    text = pdf_text(walked.files["schedule"]["pdf"])
    assert "Schedule of incidents" in text
    assert WHAT_HAPPENED in text
    assert PLACE in text
    assert f"{FIRST_NAME} {LAST_NAME}" in text


def test_summary_docx_and_pdf_say_what_was_answered(walked: Walked) -> None:
    text = docx_text(walked.files["summary"]["docx"])
    assert "Your situation so far" in text
    assert "You live in England." in text
    assert "Neither court order is open to you" in text
    pdf = pdf_text(walked.files["summary"]["pdf"])
    assert "You live in England." in pdf
    assert "Page 1 of" in pdf
