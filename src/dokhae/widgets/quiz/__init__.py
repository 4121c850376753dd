"""Quiz views (being split into one module per family of views)."""

from .sets import *  # noqa: F403
from .sets import OTHER_STYLE, answer_through, bilingual_html, other_language, resolve_session  # noqa: F401
