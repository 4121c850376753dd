"""Answer checking (being split by concern: see the modules of this package)."""

from .checkers import *  # noqa: F403
from .checkers import __all__  # noqa: F401
