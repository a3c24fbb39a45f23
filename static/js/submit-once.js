// Submit once: the button pressed to send a form is disabled while the page waits for the
// answer, so a double tap sends the form once. The server does not rely on this: every form
// that creates something carries a one-time token and a repeat leads to the first result
// (marketplace/core/submissions.py). Without JavaScript the forms work the same.
(function () {
  "use strict";
  var REENABLE_AFTER_MS = 15000; // a network that never answers must not lock the form for good

  function buttonsOf(form, submitter) {
    if (submitter) return [submitter];
    return Array.prototype.slice.call(form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]"));
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || (form.method || "").toLowerCase() !== "post") return;
    var submitter = event.submitter || null;
    // Later, not now: a button disabled during the submit event would leave its own
    // name and value out of what the browser sends.
    window.setTimeout(function () {
      if (event.defaultPrevented) return; // a script sends this form itself (the card form)
      buttonsOf(form, submitter).forEach(function (button) {
        button.disabled = true;
        button.setAttribute("aria-busy", "true");
        window.setTimeout(function () {
          button.disabled = false;
          button.removeAttribute("aria-busy");
        }, REENABLE_AFTER_MS);
      });
    }, 0);
  });

  // Back to a page kept in the browser's memory: its buttons work again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    document.querySelectorAll("[aria-busy=true]").forEach(function (button) {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    });
  });
})();
