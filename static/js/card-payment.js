// Card payment with Stripe.js: the card details go to Stripe, never to our server.
// 1. Stripe.js turns the card into a payment method (createPaymentMethod; a Stripe.js
//    without it, such as localstripe's test double, gives a token's card instead);
// 2. our server creates and confirms the PaymentIntent with it (/orders/<ref>/pay/card);
// 3. if the bank asks for 3-D Secure, Stripe.js shows it (confirmCardPayment);
// 4. the order page waits for Stripe's signed webhook, the only thing that marks it paid.
// Each attempt carries the form's one-time token (`submission`): the server makes one
// PaymentIntent per token, and answers a refused attempt with a new token for the next one.
(function () {
  var form = document.getElementById("card-form");
  if (!form || typeof Stripe === "undefined") return;
  var stripe = Stripe(form.dataset.key);
  var card = stripe.elements().create("card");
  card.mount("#card-element");
  var status = document.getElementById("card-status");
  var button = document.getElementById("pay-button");

  function fail(message, nextToken) {
    if (nextToken) form.querySelector("input[name=submission]").value = nextToken;
    status.textContent = (form.dataset.failed || "") + " " + (message || "");
    status.className = "field-error";
    button.disabled = false;
  }

  async function paymentMethodId() {
    var result = await stripe.createPaymentMethod({ type: "card", card: card });
    if (result && result.error) throw result.error;
    if (result && result.paymentMethod) return result.paymentMethod.id;
    var token = await stripe.createToken(card);
    if (token.error) throw token.error;
    return token.token.card.id;
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    button.disabled = true;
    status.className = "";
    status.textContent = form.dataset.working;
    try {
      var pm = await paymentMethodId();
      var body = new URLSearchParams();
      body.append("csrf_token", form.querySelector("input[name=csrf_token]").value);
      body.append("submission", form.querySelector("input[name=submission]").value);
      body.append("payment_method", pm);
      var response = await fetch(form.action, { method: "POST", body: body, credentials: "same-origin" });
      var data = await response.json();
      if (!response.ok) return fail(data.error, data.submission);
      if (data.status === "requires_action") {
        var confirmed = await stripe.confirmCardPayment(data.client_secret);
        if (confirmed.error) return fail(confirmed.error.message, data.submission);
      }
      window.location.assign(data.redirect);
    } catch (error) {
      fail(error && error.message);
    }
  });
})();
