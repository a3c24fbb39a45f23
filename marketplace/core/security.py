"""What protects every response: the secret key, the proxy in front, and the security headers.

- `instance_secret_key`: a development instance without SECRET_KEY gets a random key of
  its own in instance/secret_key (mode 0600, kept across restarts), so that nobody can
  sign a session cookie with a key published in the code.
- ProxyFix (Werkzeug) with TRUSTED_PROXIES: behind a reverse proxy, the client's address
  (rate limits, /healthz details) and scheme come from the X-Forwarded-For and
  X-Forwarded-Proto headers the proxy appends, and only from the last TRUSTED_PROXIES hops.
- Flask-Talisman sets the headers: a Content-Security-Policy without inline script or
  style, frame-ancestors 'none' and X-Frame-Options DENY, nosniff, Referrer-Policy,
  Permissions-Policy, and in production HSTS and the redirect to HTTPS.

A page that needs another origin (the card page and Stripe.js) asks for it for that one
response with `allow_csp_sources`; every other page keeps the strict policy.
"""
import ipaddress
import os
import secrets
import time

from flask import g, request
from flask_talisman import Talisman
from werkzeug.middleware.proxy_fix import ProxyFix

SECRET_KEY_FILE = "secret_key"

# No inline script: every script is a file under static/js (JSON-LD data blocks carry the
# nonce). No inline style either: every style is in static/css.
BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# Nothing on the site uses these browser features; payment stays for Stripe on our pages.
PERMISSIONS_POLICY = {
    "accelerometer": "()", "camera": "()", "geolocation": "()", "gyroscope": "()", "magnetometer": "()",
    "microphone": "()", "usb": "()", "payment": "(self)",
}


def instance_secret_key(instance_path):
    """The key in instance/secret_key, created (random, mode 0600) on first use.

    Two processes starting at once agree: the file is created exclusively, and the one
    that loses the race reads what the other wrote.
    """
    path = os.path.join(instance_path, SECRET_KEY_FILE)
    os.makedirs(instance_path, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if os.stat(path).st_mode & 0o077:
            os.chmod(path, 0o600)  # a copy made with a looser mode: keep it to its owner
        for _attempt in range(50):
            with open(path, encoding="ascii") as handle:
                key = handle.read().strip()
            if key:
                return key
            time.sleep(0.01)  # the other process is writing it
        raise RuntimeError(f"{path} is empty; remove it and start again")
    key = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key


class _SiteTalisman(Talisman):
    """Flask-Talisman, with two additions it does not offer.

    - A response may widen the policy for itself (`allow_csp_sources`, kept in `g`),
      rather than through Talisman's per-view decorator, whose options are stored on the
      view function and so would be shared by every app in the process.
    - Headers a view chose itself are kept: a private document's stricter
      Content-Security-Policy ("default-src 'none'; sandbox"), a ticket's
      Referrer-Policy: no-referrer.
    """

    def _get_local_options(self):
        options = dict(super()._get_local_options())
        extra = g.get("csp_extra_sources")
        if extra:
            policy = {name: list(values) for name, values in options["content_security_policy"].items()}
            for directive, sources in extra.items():
                kept = [source for source in policy.get(directive, []) if source != "'none'"]
                policy[directive] = kept + [source for source in sources if source not in kept]
            options["content_security_policy"] = policy
        return options

    def _set_content_security_policy_headers(self, headers, options):
        chosen = headers.get("Content-Security-Policy")
        super()._set_content_security_policy_headers(headers, options)
        if chosen:
            headers["Content-Security-Policy"] = chosen

    def _set_referrer_policy_headers(self, headers):
        headers.setdefault("Referrer-Policy", self.referrer_policy)


def allow_csp_sources(**directives):
    """Let this response's page use more origins, e.g. allow_csp_sources(script_src=[...]).

    Keyword names are directives with '-' written '_'.
    """
    extra = g.setdefault("csp_extra_sources", {})
    for name, sources in directives.items():
        directive = name.replace("_", "-")
        extra.setdefault(directive, [])
        extra[directive] += [source for source in sources if source and source not in extra[directive]]


def is_local_request():
    """A request from this machine (the client's address after ProxyFix is loopback).

    With no trusted proxy configured, a request that carries X-Forwarded-For came through
    a proxy anyway, so it is not local even if its peer is.
    """
    try:
        local = ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False
    if local and not request.environ.get("werkzeug.proxy_fix.orig") and request.headers.get("X-Forwarded-For"):
        return False
    return local


def init_app(app):
    config = app.config
    proxies = int(config.get("TRUSTED_PROXIES") or 0)
    if proxies > 0:
        # The Host header is not taken from X-Forwarded-Host: the proxy passes Host on, and
        # TRUSTED_HOSTS checks it.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    app.extensions["talisman"] = _SiteTalisman(
        app,
        content_security_policy=BASE_POLICY,
        content_security_policy_nonce_in=["script-src"],
        permissions_policy=PERMISSIONS_POLICY,
        feature_policy={},
        frame_options="DENY",
        referrer_policy="strict-origin-when-cross-origin",
        force_https=bool(config.get("FORCE_HTTPS")),
        strict_transport_security=bool(config.get("HSTS")),
        strict_transport_security_include_subdomains=False,
        session_cookie_secure=bool(config.get("SESSION_COOKIE_SECURE")),
        session_cookie_samesite=config.get("SESSION_COOKIE_SAMESITE") or "Lax",
    )
