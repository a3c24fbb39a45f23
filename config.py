"""Settings classes read from the environment, with embedded defaults.

Every setting a deployment may change is an environment variable; with none set,
the app runs on a SQLite file under instance/ and the embedded search engine, so a
newcomer's first `make run` needs nothing else.
"""
import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_PATH", BASE_DIR / "instance"))


def _bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _sqlite_url(path):
    return f"sqlite:///{path}"


def _hosts(value):
    """A comma-separated list of host names (TRUSTED_HOSTS), or None when unset."""
    if value is None:
        return None
    return [host.strip() for host in value.split(",") if host.strip()]


class Config:
    # Unset: production refuses to start; development generates a private key into
    # instance/secret_key on first run (core/security.py) and keeps it across restarts.
    SECRET_KEY = os.environ.get("SECRET_KEY") or None
    # Earlier keys, comma-separated: sessions and the QR codes printed on OCOP labels
    # (registry.codes) signed with them still verify after SECRET_KEY changes.
    SECRET_KEY_FALLBACKS = [key for key in os.environ.get("SECRET_KEY_FALLBACKS", "").split(",") if key]
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or _sqlite_url(INSTANCE_DIR / "ocop.sqlite3")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    INSTANCE_PATH = str(INSTANCE_DIR)
    # Where uploaded and generated media live (product photos, logos).
    MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or str(INSTANCE_DIR / "uploads")
    # Documents only officers and the producer's team may read (certificate scans,
    # business registrations); never served at /media.
    PRIVATE_MEDIA_ROOT = os.environ.get("PRIVATE_MEDIA_ROOT") or str(INSTANCE_DIR / "private")
    # Where both stores live (core/storage.py): "local" (the two folders above, the default) or
    # "s3", one private bucket of an S3-compatible server (AWS, MinIO, Ceph, ...) under the
    # prefixes <S3_PREFIX>media/ and <S3_PREFIX>private/. Credentials are boto3's usual ones:
    # AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or ~/.aws, or an instance role).
    # S3_ENDPOINT_URL: unset for AWS itself, http(s)://host:port for any other server.
    MEDIA_STORE = os.environ.get("MEDIA_STORE", "local")
    S3_BUCKET = os.environ.get("S3_BUCKET")
    S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL")
    S3_REGION = os.environ.get("S3_REGION", "us-east-1")
    S3_PREFIX = os.environ.get("S3_PREFIX", "")
    S3_ADDRESSING_STYLE = os.environ.get("S3_ADDRESSING_STYLE", "auto")  # "path" for most MinIO set-ups
    # Private documents reach a checked reader streamed by the app ("stream", any store) or,
    # with MEDIA_STORE=s3, by a redirect to a presigned URL living PRIVATE_URL_SECONDS
    # ("redirect": the bucket's endpoint must then be reachable by browsers).
    PRIVATE_MEDIA_DELIVERY = os.environ.get("PRIVATE_MEDIA_DELIVERY", "stream")
    PRIVATE_URL_SECONDS = int(os.environ.get("PRIVATE_URL_SECONDS", 60))
    # Uploads: photos are decoded and re-encoded by Pillow; documents are PDF or an image.
    MAX_IMAGE_BYTES = int(os.environ.get("MAX_IMAGE_BYTES", 8 * 1024 * 1024))
    MAX_IMAGE_PIXELS = int(os.environ.get("MAX_IMAGE_PIXELS", 40_000_000))
    MAX_DOCUMENT_BYTES = int(os.environ.get("MAX_DOCUMENT_BYTES", 10 * 1024 * 1024))
    MAX_CSV_BYTES = 1024 * 1024
    # Facts shared by the whole project (provinces, OCOP groups, targets).
    SHARED_DATA_DIR = os.environ.get("SHARED_DATA_DIR") or str(BASE_DIR.parent / "shared" / "data")

    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
    LANGUAGES = ("vi", "en")

    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # Accounts: a signed-in session (and its remember-me cookie) lasts at most this many days;
    # links in account e-mails expire after these times (accounts.sessions, accounts.tokens).
    SESSION_MAX_AGE_DAYS = int(os.environ.get("SESSION_MAX_AGE_DAYS", 30))
    REMEMBER_COOKIE_DURATION = timedelta(days=SESSION_MAX_AGE_DAYS)
    EMAIL_CONFIRM_HOURS = int(os.environ.get("EMAIL_CONFIRM_HOURS", 48))
    PASSWORD_RESET_MINUTES = int(os.environ.get("PASSWORD_RESET_MINUTES", 60))
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024

    # Werkzeug's password hashing; scrypt is deliberately slow, as it should be.
    PASSWORD_HASH_METHOD = os.environ.get("PASSWORD_HASH_METHOD", "scrypt")

    # Rate limits (Flask-Limiter). memory:// is per process: fine for `make run`, refused in
    # production, where every worker must count in one store (redis://host:6379/0).
    RATELIMIT_ENABLED = _bool("RATELIMIT_ENABLED", True)
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    # Redis down: each worker counts in its own memory until it is back, rather than a 500.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute;50 per hour")

    CATALOG_PER_PAGE = 24
    # Producer studio: what counts as low stock, when certificate reminders go out.
    STUDIO_LOW_STOCK = int(os.environ.get("STUDIO_LOW_STOCK", 5))
    CERTIFICATE_REMINDER_DAYS = 60
    # E-mail leaves through the outbox: by SMTP when MAIL_SERVER is set, otherwise
    # as .eml text files under MAIL_DIR for developers to read.
    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", 587))
    MAIL_USE_TLS = _bool("MAIL_USE_TLS", True)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DIR = os.environ.get("MAIL_DIR") or str(INSTANCE_DIR / "mail")
    MAIL_FROM = os.environ.get("MAIL_FROM", "Chợ OCOP <khong-tra-loi@cho-ocop.vn>")
    CATALOG_MAX_PER_PAGE = 96

    # Search: the embedded engine (tantivy, index files under instance/) unless
    # MEILI_URL points at a Meilisearch server; SEARCH_ENGINE forces one or the other.
    MEILI_URL = os.environ.get("MEILI_URL")
    MEILI_KEY = os.environ.get("MEILI_KEY")
    SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE") or ("meilisearch" if MEILI_URL else "embedded")
    SEARCH_INDEX_DIR = os.environ.get("SEARCH_INDEX_DIR") or str(INSTANCE_DIR / "search-index")
    MEILI_INDEX_PREFIX = os.environ.get("MEILI_INDEX_PREFIX", "ocop_")
    MEILI_TIMEOUT = float(os.environ.get("MEILI_TIMEOUT", "2"))
    # The outbox (index updates, later e-mail and webhooks) is drained by `flask worker`;
    # in development also right after each request, so an edit shows up at once.
    OUTBOX_DRAIN_AFTER_REQUEST = _bool("OUTBOX_DRAIN_AFTER_REQUEST", False)

    PREFERRED_URL_SCHEME = "http"

    # `flask db …` in this process: Flask-Migrate, and Alembic under it (some 11 MB of each
    # process's memory). deploy/gunicorn.conf.py turns it off for the web workers, which
    # never migrate; every other process (the CLI, the tests) has it.
    MIGRATIONS_COMMAND = _bool("MIGRATIONS_COMMAND", True)

    # The page cache of anonymous storefront pages (core/pagecache): redis://… (shared by
    # every worker and the outbox worker), local (this process's memory: one process only) or
    # off. PAGE_CACHE_TTL bounds a kept page's life (it also ends at Vietnam's midnight);
    # PAGE_CACHE_MAX_AGE is what browsers and proxies may reuse without asking (0: they
    # revalidate each time, and get 304 while nothing changed).
    PAGE_CACHE_URL = os.environ.get("PAGE_CACHE_URL", "local")
    PAGE_CACHE_TTL = int(os.environ.get("PAGE_CACHE_TTL", 3600))
    PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", 0))
    PAGE_CACHE_PREFIX = os.environ.get("PAGE_CACHE_PREFIX", "ocop:page:")
    PAGE_CACHE_LOCAL_ENTRIES = int(os.environ.get("PAGE_CACHE_LOCAL_ENTRIES", 2000))
    # With Redis, each worker also holds the pages it served for this many seconds
    # (store.NearStore): no Redis round trip per request for a busy page; another
    # process's change shows here that much later (0 turns it off).
    PAGE_CACHE_NEAR_SECONDS = float(os.environ.get("PAGE_CACHE_NEAR_SECONDS", 1))
    # The deepest result a listing can page to (the engines' limit; Meilisearch's maxTotalHits).
    SEARCH_MAX_RESULTS = int(os.environ.get("SEARCH_MAX_RESULTS", 10_000))

    # The site's public address: every absolute link (e-mails, QR codes, feeds, canonical
    # links, the API's urls) is built from it, never from the request's Host header.
    SITE_URL = os.environ.get("SITE_URL", "http://localhost:5000").rstrip("/")
    # The Host names the site answers to (Flask's TRUSTED_HOSTS); None accepts any, as in
    # development. Production defaults to SITE_URL's host.
    TRUSTED_HOSTS = _hosts(os.environ.get("TRUSTED_HOSTS"))
    # How many reverse proxies stand in front of the app and append X-Forwarded-For and
    # X-Forwarded-Proto (Werkzeug's ProxyFix). 0: the peer's address is the client's.
    # Unset (None) counts as 0, except in production, which wants it said.
    TRUSTED_PROXIES = int(os.environ["TRUSTED_PROXIES"]) if os.environ.get("TRUSTED_PROXIES") else None
    # Security headers (Flask-Talisman): HSTS and the redirect of plain HTTP to HTTPS are for
    # production, where the site is reached over HTTPS.
    FORCE_HTTPS = _bool("FORCE_HTTPS", False)
    HSTS = False

    # Checkout. Shipping fee per producer parcel, by where the parcel travels: the
    # buyer's province is the producer's, in the producer's region, or elsewhere.
    SHIPPING_FEE_SAME_PROVINCE = int(os.environ.get("SHIPPING_FEE_SAME_PROVINCE", 20_000))
    SHIPPING_FEE_SAME_REGION = int(os.environ.get("SHIPPING_FEE_SAME_REGION", 30_000))
    SHIPPING_FEE_ELSEWHERE = int(os.environ.get("SHIPPING_FEE_ELSEWHERE", 45_000))
    # A parcel whose goods reach this amount travels free (0: never).
    SHIPPING_FREE_FROM = int(os.environ.get("SHIPPING_FREE_FROM", 0))
    # How long an unpaid order keeps its stock reserved, in minutes, per payment method;
    # cash on delivery keeps it until delivery or cancellation. `flask orders expire` releases it.
    RESERVATION_MINUTES_CARD = int(os.environ.get("RESERVATION_MINUTES_CARD", 30))
    RESERVATION_MINUTES_BANK_TRANSFER = int(os.environ.get("RESERVATION_MINUTES_BANK_TRANSFER", 48 * 60))
    # Card payments through Stripe: no keys, no card option. STRIPE_JS_URL is the
    # one external script the site loads (tests point it at localstripe's fake).
    STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY")
    STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY")
    STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET")
    STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE")  # unset: Stripe's own API
    STRIPE_JS_URL = os.environ.get("STRIPE_JS_URL", "https://js.stripe.com/v3/")
    # Bank transfer by VietQR: the account buyers transfer to (NAPAS bank BIN, account
    # number, account name). No account, no transfer option.
    VIETQR_BANK_BIN = os.environ.get("VIETQR_BANK_BIN")
    VIETQR_ACCOUNT_NUMBER = os.environ.get("VIETQR_ACCOUNT_NUMBER")
    VIETQR_ACCOUNT_NAME = os.environ.get("VIETQR_ACCOUNT_NAME", "")
    VIETQR_BANK_NAME = os.environ.get("VIETQR_BANK_NAME", "")
    # OCOP labels' font folder (None: static/fonts) and buyers' reports per address.
    LABEL_FONT_DIR = os.environ.get("LABEL_FONT_DIR")
    COMPLAINT_RATE_LIMIT = os.environ.get("COMPLAINT_RATE_LIMIT", "5 per hour;20 per day")

    # A guest who lost a ticket has it e-mailed again (/tickets/find): requests per client
    # address, and per e-mail address asked for (one inbox is not flooded from many clients).
    TICKET_LOOKUP_RATE_LIMIT = os.environ.get("TICKET_LOOKUP_RATE_LIMIT", "5 per hour;20 per day")
    TICKET_LOOKUP_ADDRESS_RATE_LIMIT = os.environ.get("TICKET_LOOKUP_ADDRESS_RATE_LIMIT", "3 per hour;6 per day")

    # Who runs the site, shown in every page's footer and in the policies (Vietnamese
    # shoppers look for them; Decree 52/2013/NĐ-CP asks an e-commerce site to show them).
    # Unset in production: the footer leaves the line out. Development and tests show an
    # example operator (DevelopmentConfig, TestingConfig).
    OPERATOR_NAME = os.environ.get("OPERATOR_NAME", "")
    OPERATOR_REGISTRATION = os.environ.get("OPERATOR_REGISTRATION", "")  # business registration / tax number
    OPERATOR_REGISTRATION_ISSUER = os.environ.get("OPERATOR_REGISTRATION_ISSUER", "")  # who issued it, and when
    OPERATOR_ADDRESS = os.environ.get("OPERATOR_ADDRESS", "")
    OPERATOR_EMAIL = os.environ.get("OPERATOR_EMAIL", "")
    OPERATOR_HOTLINE = os.environ.get("OPERATOR_HOTLINE", "")
    OPERATOR_HOURS = os.environ.get("OPERATOR_HOURS", "")  # when the hotline answers


# An example operator for development and tests: plainly not a real company.
_EXAMPLE_OPERATOR = {
    "OPERATOR_NAME": "Công ty TNHH Chợ OCOP (ví dụ)",
    "OPERATOR_REGISTRATION": "0100000000",
    "OPERATOR_REGISTRATION_ISSUER": "Sở Tài chính thành phố Hà Nội, cấp lần đầu ngày 01/07/2025",
    "OPERATOR_ADDRESS": "Số 1 phố Tràng Tiền, phường Hoàn Kiếm, thành phố Hà Nội",
    "OPERATOR_EMAIL": "hotro@cho-ocop.vn",
    "OPERATOR_HOTLINE": "1900 0000",
    "OPERATOR_HOURS": "8:00–17:00, thứ Hai đến thứ Bảy",
}


def _operator(name):
    return os.environ.get(name, _EXAMPLE_OPERATOR[name])


class DevelopmentConfig(Config):
    DEBUG = _bool("FLASK_DEBUG", False)
    OUTBOX_DRAIN_AFTER_REQUEST = _bool("OUTBOX_DRAIN_AFTER_REQUEST", True)
    # A demonstration account so that `make run` shows the transfer option (never in production).
    VIETQR_BANK_BIN = os.environ.get("VIETQR_BANK_BIN", "970436")
    VIETQR_ACCOUNT_NUMBER = os.environ.get("VIETQR_ACCOUNT_NUMBER", "0011000000000")
    VIETQR_ACCOUNT_NAME = os.environ.get("VIETQR_ACCOUNT_NAME", "CHO OCOP DEMO")
    VIETQR_BANK_NAME = os.environ.get("VIETQR_BANK_NAME", "Vietcombank")
    OPERATOR_NAME = _operator("OPERATOR_NAME")
    OPERATOR_REGISTRATION = _operator("OPERATOR_REGISTRATION")
    OPERATOR_REGISTRATION_ISSUER = _operator("OPERATOR_REGISTRATION_ISSUER")
    OPERATOR_ADDRESS = _operator("OPERATOR_ADDRESS")
    OPERATOR_EMAIL = _operator("OPERATOR_EMAIL")
    OPERATOR_HOTLINE = _operator("OPERATOR_HOTLINE")
    OPERATOR_HOURS = _operator("OPERATOR_HOURS")


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = secrets.token_hex(32)  # the tests' own, new in every test process
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = True
    RATELIMIT_ENABLED = True
    SERVER_NAME = None
    # Each test app gets an in-memory embedded index (""); a test that needs files
    # or Meilisearch sets SEARCH_INDEX_DIR or SEARCH_ENGINE/MEILI_URL itself.
    SEARCH_ENGINE = "embedded"
    SEARCH_INDEX_DIR = ""
    OUTBOX_DRAIN_AFTER_REQUEST = False
    # Tests create many accounts; a cheap hash keeps them fast (never used outside tests).
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
    VIETQR_BANK_BIN = "970436"
    VIETQR_ACCOUNT_NUMBER = "0011001234567"
    VIETQR_ACCOUNT_NAME = "CHO OCOP"
    VIETQR_BANK_NAME = "Vietcombank"
    STRIPE_SECRET_KEY = None  # a test that pays by card sets the keys and localstripe's address
    STRIPE_PUBLISHABLE_KEY = None
    STRIPE_WEBHOOK_SECRET = None
    OPERATOR_NAME, OPERATOR_REGISTRATION = _EXAMPLE_OPERATOR["OPERATOR_NAME"], _EXAMPLE_OPERATOR["OPERATOR_REGISTRATION"]
    OPERATOR_REGISTRATION_ISSUER = _EXAMPLE_OPERATOR["OPERATOR_REGISTRATION_ISSUER"]
    OPERATOR_ADDRESS, OPERATOR_EMAIL = _EXAMPLE_OPERATOR["OPERATOR_ADDRESS"], _EXAMPLE_OPERATOR["OPERATOR_EMAIL"]
    OPERATOR_HOTLINE, OPERATOR_HOURS = _EXAMPLE_OPERATOR["OPERATOR_HOTLINE"], _EXAMPLE_OPERATOR["OPERATOR_HOURS"]


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    PREFERRED_URL_SCHEME = "https"
    SITE_URL = (os.environ.get("SITE_URL") or "").rstrip("/")
    TRUSTED_HOSTS = _hosts(os.environ.get("TRUSTED_HOSTS"))
    FORCE_HTTPS = _bool("FORCE_HTTPS", True)
    HSTS = True
    # Unset: the rate limits' Redis when they use one, else off. Never "local": the outbox
    # worker, which forgets changed pages, is another process.
    PAGE_CACHE_URL = os.environ.get("PAGE_CACHE_URL")

    @classmethod
    def check(cls, config):
        """Refuse to start a production app that would be unsafe on the internet.

        Called with the final configuration; fills in TRUSTED_HOSTS from SITE_URL.
        """
        problems = []
        if not config.get("SECRET_KEY") or len(config["SECRET_KEY"]) < 16:
            problems.append("SECRET_KEY must be set to a private random value in production "
                            "(e.g. python -c 'import secrets; print(secrets.token_hex(32))')")
        if not config.get("SESSION_COOKIE_SECURE"):
            problems.append("SESSION_COOKIE_SECURE must stay on (HTTPS-only cookies) in production")
        if config.get("RATELIMIT_ENABLED", True) and str(config.get("RATELIMIT_STORAGE_URI") or "memory://") \
                .startswith("memory://"):
            problems.append("RATELIMIT_STORAGE_URI must name a store shared by every worker in production "
                            "(redis://127.0.0.1:6379/0): memory:// counts each worker apart")
        site = urlsplit(config.get("SITE_URL") or "")
        if site.scheme not in ("http", "https") or not site.hostname:
            problems.append("SITE_URL must be set to the site's public address in production "
                            "(https://cho-ocop.vn): e-mails link to it")
        elif config.get("TRUSTED_HOSTS") is None:
            config["TRUSTED_HOSTS"] = [site.hostname]
        page_cache = config.get("PAGE_CACHE_URL")
        if page_cache is None:
            limits = str(config.get("RATELIMIT_STORAGE_URI") or "")
            config["PAGE_CACHE_URL"] = limits if limits.startswith(("redis://", "rediss://")) else "off"
        elif page_cache.strip() == "local":
            problems.append("PAGE_CACHE_URL=local keeps pages in each worker's memory, where the outbox worker "
                            "(another process) cannot forget them: use redis://… (the rate limits' server) or off")
        if config.get("TRUSTED_PROXIES") is None:
            problems.append("TRUSTED_PROXIES must be set in production: the number of reverse proxies in front "
                            "of gunicorn (1 behind nginx; 0 when clients connect directly)")
        if problems:
            raise RuntimeError("; ".join(problems))


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_for(name=None):
    name = name or os.environ.get("APP_ENV", "development")
    try:
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(f"APP_ENV must be one of {', '.join(CONFIGS)}; got {name!r}") from None
