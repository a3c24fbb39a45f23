/* The header's menus and the language switch; everything here is an enhancement (the menus are
   <details> elements that open without JavaScript, the language link works as a plain link).
   - From 1024px the site menu is a bar: keep it open there.
   - A click outside, or Escape, closes an open menu; opening one closes the others.
   - Switching language keeps what was typed in the page's forms but not yet sent: the values are
     kept in sessionStorage for that page and put back once it reloads in the other language. */
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 1024px)");
  var siteMenu = document.querySelector(".site-menu");
  var menus = Array.prototype.slice.call(document.querySelectorAll("details[data-header-menu]"));

  function isBar(details) { return details === siteMenu && wide.matches; }

  function followWidth() {
    if (!siteMenu) { return; }
    if (wide.matches) { siteMenu.open = true; } else if (siteMenu.open) { siteMenu.open = false; }
  }
  followWidth();
  if (wide.addEventListener) { wide.addEventListener("change", followWidth); }

  function closeAll(except) {
    menus.forEach(function (details) {
      if (details.open && details !== except && !isBar(details) && !details.contains(except)) { details.open = false; }
    });
  }
  menus.forEach(function (details) {
    details.addEventListener("toggle", function () { if (details.open) { closeAll(details); } });
  });
  document.addEventListener("click", function (event) {
    menus.forEach(function (details) {
      if (details.open && !isBar(details) && !details.contains(event.target)) { details.open = false; }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var open = menus.filter(function (d) { return d.open && !isBar(d) && d.contains(document.activeElement); }).pop();
    if (open) { open.open = false; open.querySelector("summary").focus(); }
  });

  /* Keep what was typed across the language switch. */
  var KEY = "ocop-typed";
  var SKIP = ["hidden", "password", "file", "submit", "button", "reset", "image"];
  function kept(el) { return el.name && !el.disabled && SKIP.indexOf(el.type) < 0; }
  function changed(el) {
    if (el.type === "checkbox" || el.type === "radio") { return el.checked !== el.defaultChecked; }
    if (el.tagName === "SELECT") {
      return Array.prototype.some.call(el.options, function (o) { return o.selected !== o.defaultSelected; });
    }
    return el.value !== el.defaultValue;
  }
  function save() {
    var fields = [];
    Array.prototype.forEach.call(document.forms, function (form, index) {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!kept(el) || !changed(el)) { return; }
        var item = {f: index, n: el.name, t: el.type};
        if (el.type === "checkbox" || el.type === "radio") { item.v = el.value; item.c = el.checked; }
        else if (el.tagName === "SELECT") {
          item.s = Array.prototype.filter.call(el.options, function (o) { return o.selected; }).map(function (o) { return o.value; });
        } else { item.v = el.value; }
        fields.push(item);
      });
    });
    try {
      if (fields.length) { sessionStorage.setItem(KEY, JSON.stringify({path: location.pathname, fields: fields})); }
    } catch (e) { /* storage refused: the switch still works, without the typed values */ }
  }
  function restore() {
    var saved;
    try { saved = JSON.parse(sessionStorage.getItem(KEY) || "null"); sessionStorage.removeItem(KEY); } catch (e) { return; }
    if (!saved || saved.path !== location.pathname) { return; }
    saved.fields.forEach(function (item) {
      var form = document.forms[item.f];
      if (!form) { return; }
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name !== item.n || !kept(el)) { return; }
        if (el.type === "checkbox" || el.type === "radio") { if (el.value === item.v) { el.checked = item.c; } }
        else if (el.tagName === "SELECT" && item.s) {
          Array.prototype.forEach.call(el.options, function (o) { o.selected = item.s.indexOf(o.value) >= 0; });
        } else if (item.v !== undefined) { el.value = item.v; }
      });
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("a[data-keep-typed]"), function (link) {
    link.addEventListener("click", save);
  });
  restore();
}());
