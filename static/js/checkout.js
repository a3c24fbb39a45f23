// Checkout: choosing the province recalculates the shipping fees (the page works without this:
// the "Tính phí giao hàng" button does the same).
(function () {
  var form = document.getElementById("checkout-form");
  if (!form) return;
  var province = form.querySelector("select[name=province]");
  var refresh = form.querySelector("button[name=refresh]");
  if (refresh) refresh.hidden = true;
  if (province && refresh) {
    province.addEventListener("change", function () {
      refresh.hidden = false;
      refresh.click();
    });
  }
})();
