/*
 * Quick exit: leave this site at once.
 *
 * A red "Exit this page" button on every screen, and the Shift key pressed 3 times (each
 * press within 5 seconds of the last, with no other key between) do the same thing: blank the page at once, ask the
 * server to delete this session's answers (without waiting for it), then replace the page
 * with a neutral site so the Back button does not return here.
 * It cannot erase browser history; the "delete my answers" screen says so plainly.
 */
(function () {
  "use strict";
  var NEUTRAL_SITE = "https://www.bbc.co.uk/weather";
  var SHIFT_PRESSES = 3;
  var SHIFT_WINDOW_MS = 5000;
  var shiftCount = 0;
  var lastShift = 0;

  function deleteAnswersQuietly() {
    var config = document.getElementById("sr-exit-config");
    var url = config && config.getAttribute("data-delete-url");
    if (!url || !window.fetch) { return; }
    try {
      // keepalive lets the request finish after the page has gone.
      window.fetch(url, { method: "GET", credentials: "same-origin", keepalive: true });
    } catch (ignored) { /* leaving matters more than deleting */ }
  }

  function quickExit(event) {
    if (event) { event.preventDefault(); }
    document.title = "Weather";
    document.body.innerHTML = "";
    document.body.style.background = "#ffffff";
    deleteAnswersQuietly();
    window.location.replace(NEUTRAL_SITE);
  }

  function addButton() {
    if (document.getElementById("sr-quick-exit")) { return; }
    var link = document.createElement("a");
    link.id = "sr-quick-exit";
    link.className = "sr-quick-exit";
    link.href = NEUTRAL_SITE;
    link.rel = "nofollow noreferrer";
    link.textContent = "Exit this page";
    link.setAttribute("aria-label", "Exit this page now. You can also press Shift 3 times.");
    link.addEventListener("click", quickExit);
    document.body.insertBefore(link, document.body.firstChild);
  }

  document.addEventListener("keydown", function (event) {
    // Any other key starts the count again (as GOV.UK's "Exit this page" does): typing
    // capitals or "&" in a text box must never count towards leaving and deleting answers.
    if (event.key !== "Shift") { shiftCount = 0; return; }
    if (event.repeat) { return; }
    var now = Date.now();
    shiftCount = (now - lastShift <= SHIFT_WINDOW_MS) ? shiftCount + 1 : 1;
    lastShift = now;
    if (shiftCount >= SHIFT_PRESSES) { quickExit(); }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addButton);
  } else {
    addButton();
  }
  // docassemble replaces the page body between screens without a full reload.
  document.addEventListener("daPageLoad", addButton);
  if (window.jQuery) { window.jQuery(document).on("daPageLoad", addButton); }
  window.srQuickExit = quickExit;
})();
