"""Settings classes read from the environment, with embedded defaults.

Every setting a deployment may change is an environment variable; with none set,
the app runs on a SQLite file under instance/ and the embedded search engine, so a
newcomer's first `make run` needs nothing else.
"""
import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_PATH", BASE_DIR / "instance"))
DEV_SECRET_KEY = "dev-secret-key-change-me"


def _bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _sqlite_url(path):
    return f"sqlite:///{path}"


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or _sqlite_url(INSTANCE_DIR / "ocop.sqlite3")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    INSTANCE_PATH = str(INSTANCE_DIR)
    # Where uploaded and generated media live (product photos, logos).
    MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or str(INSTANCE_DIR / "uploads")
    # Documents only officers and the producer's team may read (certificate scans,
    # business registrations); never served at /media.
    PRIVATE_MEDIA_ROOT = os.environ.get("PRIVATE_MEDIA_ROOT") or str(INSTANCE_DIR / "private")
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
    # Accounts: a signed-in session (and its remember-me cookie) lasts at most this many days;
    # links in account e-mails expire after these times (accounts.sessions, accounts.tokens).
    SESSION_MAX_AGE_DAYS = int(os.environ.get("SESSION_MAX_AGE_DAYS", 30))
    REMEMBER_COOKIE_DURATION = timedelta(days=SESSION_MAX_AGE_DAYS)
    EMAIL_CONFIRM_HOURS = int(os.environ.get("EMAIL_CONFIRM_HOURS", 48))
    PASSWORD_RESET_MINUTES = int(os.environ.get("PASSWORD_RESET_MINUTES", 60))
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024

    # Werkzeug's password hashing; scrypt is deliberately slow, as it should be.
    PASSWORD_HASH_METHOD = os.environ.get("PASSWORD_HASH_METHOD", "scrypt")

    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
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


class DevelopmentConfig(Config):
    DEBUG = _bool("FLASK_DEBUG", False)
    OUTBOX_DRAIN_AFTER_REQUEST = _bool("OUTBOX_DRAIN_AFTER_REQUEST", True)
    # A demonstration account so that `make run` shows the transfer option (never in production).
    VIETQR_BANK_BIN = os.environ.get("VIETQR_BANK_BIN", "970436")
    VIETQR_ACCOUNT_NUMBER = os.environ.get("VIETQR_ACCOUNT_NUMBER", "0011000000000")
    VIETQR_ACCOUNT_NAME = os.environ.get("VIETQR_ACCOUNT_NAME", "CHO OCOP DEMO")
    VIETQR_BANK_NAME = os.environ.get("VIETQR_BANK_NAME", "Vietcombank")


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "testing-secret-key"
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


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    PREFERRED_URL_SCHEME = "https"

    @classmethod
    def check(cls, config):
        """Refuse to start a production app that would be unsafe on the internet."""
        problems = []
        if not config.get("SECRET_KEY") or config["SECRET_KEY"] == DEV_SECRET_KEY:
            problems.append("SECRET_KEY must be set to a private random value in production")
        if not config.get("SESSION_COOKIE_SECURE"):
            problems.append("SESSION_COOKIE_SECURE must stay on (HTTPS-only cookies) in production")
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
