// After a refused form: move the focus to the error summary at the top (templates/_forms.html),
// so a keyboard or screen-reader user starts from the list of what to fix. Its links lead to
// the fields; a link also moves the focus into its field.
(function () {
  var summary = document.querySelector(".error-summary");
  if (!summary) return;
  if (document.activeElement !== summary) summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) return;
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (target && typeof target.focus === "function") {
      event.preventDefault();
      target.focus();
      target.scrollIntoView({block: "center"});
    }
  });
})();
