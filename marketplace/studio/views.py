"""Studio routes."""
from marketplace.studio import bp  # noqa: F401
from marketplace.studio import models  # noqa: F401
