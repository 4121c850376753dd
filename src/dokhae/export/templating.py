"""The HTML of printed pages (worksheets, exams, word tests) comes from Jinja2 templates.

The templates are package data in ``dokhae/export/templates/``, so the layout can be
changed without touching the Python. Every value is escaped (``autoescape`` for all
templates): a gloss, a name or an item text is never taken as markup. An undefined name
in a template is an error, not an empty string.
"""

from __future__ import annotations

import functools
from typing import Any

__all__ = ["render"]


@functools.cache
def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("dokhae.export", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(template: str, **context: Any) -> str:
    """The page ``template`` (a file name in ``templates/``) filled in with ``context``."""
    return str(_environment().get_template(template).render(**context))
