/* Suggestions as you type, for every input with data-suggest="<url of /api/v1/suggest>".
   Progressive enhancement: without this script the form submits as usual. The server
   sends each name already escaped, with the matched words in <mark>. */
(function () {
  "use strict";
  var DELAY = 120, MIN_CHARS = 2;

  function setup(input) {
    var form = input.form, url = input.getAttribute("data-suggest");
    if (!form || !url || !window.fetch) return;
    var list = document.createElement("ul"), listId = input.id + "-suggestions";
    list.id = listId; list.className = "suggest-list"; list.hidden = true;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.getAttribute("data-suggest-label") || "");
    form.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var timer = null, controller = null, items = [], active = -1, lastQuery = null;

    function close() {
      list.hidden = true; input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant"); active = -1;
    }
    function highlight(index) {
      items.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0) { input.setAttribute("aria-activedescendant", items[index].id); items[index].scrollIntoView({block: "nearest"}); }
      else input.removeAttribute("aria-activedescendant");
    }
    function go(li) {
      if (li.getAttribute("data-url")) window.location.href = li.getAttribute("data-url");
      else form.submit();
    }
    function render(query, data) {
      list.innerHTML = ""; items = [];
      (data.items || []).forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = listId + "-" + i; li.setAttribute("role", "option");
        li.setAttribute("data-url", item.url);
        var name = document.createElement("span");
        name.innerHTML = item.highlight;  /* escaped by the server, only <mark> added */
        var meta = document.createElement("small");
        meta.textContent = item.type === "producer" ? item.province : item.producer;
        li.appendChild(name); li.appendChild(meta);
        items.push(li); list.appendChild(li);
      });
      var all = document.createElement("li");
      all.id = listId + "-all"; all.setAttribute("role", "option"); all.className = "suggest-all";
      all.textContent = (input.getAttribute("data-suggest-all") || "{q}").replace("{q}", query);
      items.push(all); list.appendChild(all);
      items.forEach(function (li) {
        li.addEventListener("mousedown", function (event) { event.preventDefault(); go(li); });
      });
      list.hidden = false; input.setAttribute("aria-expanded", "true"); highlight(-1);
    }
    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (query.length < MIN_CHARS) { close(); return; }
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(query), {headers: {"Accept": "application/json"},
                                                       signal: controller ? controller.signal : undefined})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data && input.value.trim() === query) render(query, data); })
        .catch(function () { /* aborted or offline: the form still works */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer); timer = setTimeout(fetchSuggestions, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(Math.min(active + 1, items.length - 1)); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(Math.max(active - 1, -1)); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); go(items[active]); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
    input.addEventListener("focus", function () { if (items.length && input.value.trim() === lastQuery) { list.hidden = false; input.setAttribute("aria-expanded", "true"); } });
  }

  document.querySelectorAll("input[data-suggest]").forEach(setup);
})();
