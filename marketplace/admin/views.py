"""Officer review routes."""
from marketplace.admin import bp  # noqa: F401
from marketplace.admin import models  # noqa: F401
