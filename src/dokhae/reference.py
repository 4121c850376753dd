"""The CBAM reference figures as a table students can read.

The data are ``dokhae/data/cbam_reference.csv`` inside the package (so they ship in the
wheel), one row per figure with its unit, date, source tag (S1, S2, … as listed in
``docs/cbam-sources.md``) and confidence mark: ``P`` primary, ``S`` secondary, ``U``
uncertain.
"""

from __future__ import annotations

from importlib import resources

import pandas as pd

__all__ = ["COLUMNS", "reference_table"]

COLUMNS = ("key", "category", "item", "value", "unit", "valid_from", "source", "confidence", "note")
"""The columns of ``cbam_reference.csv``, in order."""

_FILE = "cbam_reference.csv"


def reference_table() -> pd.DataFrame:
    """The reference figures, one row per figure.

    Returns:
        A DataFrame with the columns of :data:`COLUMNS` (``value`` as float, ``valid_from``
        as text ``YYYY-MM-DD``, empty notes as ``""``) plus ``uncertain``: True where the
        fact sheet marks the figure [U] and it must not be used as an exact answer without
        checking.
    """
    source = resources.files("dokhae") / "data" / _FILE
    with source.open("r", encoding="utf-8-sig") as f:
        table = pd.read_csv(
            f,
            dtype={c: str for c in COLUMNS if c != "value"} | {"value": "float64"},
            keep_default_na=False,
        )
    table["uncertain"] = table["confidence"] == "U"
    return table
