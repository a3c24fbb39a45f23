from tests.studio.fixtures import *  # noqa: F401,F403
