// Checkout: choosing the province updates the shipping fees and the total in place, without
// reloading the page or moving the focus (WCAG 3.2.2: changing a setting does not change the
// context). The server renders the new summary (/checkout/fees); a status line tells screen
// readers the new total. Without JavaScript the "Tính phí giao hàng" button does the same by
// sending the form.
(function () {
  var form = document.getElementById("checkout-form");
  if (!form || !window.fetch) return;
  var province = form.querySelector("select[name=province]");
  var refresh = document.getElementById("refresh-fees");
  var summary = document.getElementById("order-summary");
  var status = document.getElementById("fee-status");
  var expected = form.querySelector("input[name=expected_total]");
  if (!province || !summary) return;
  if (refresh) refresh.hidden = true;
  var latest = 0;

  function update() {
    var asked = ++latest;
    var url = form.getAttribute("data-fees-url") + "?province=" + encodeURIComponent(province.value);
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        if (asked !== latest) return;  // an answer for a province chosen before the last one
        summary.innerHTML = data.html;
        if (expected) expected.value = data.expected_total;
        if (status) status.textContent = data.announce;
      })
      .catch(function () {
        if (refresh) refresh.hidden = false;  // the button still works
      });
  }

  province.addEventListener("change", update);
})();
