from tests.registry.fixtures import *  # noqa: F401,F403
