"""A student who uses the rounded values notebook 04 prints is marked right (issue 21).

Notebook 04 §8 shows the reference table, where Korea's marked-up default values are
printed rounded (2.33 in 2026, 2.54 in 2027, 2.75 from 2028; exactly 2.332, 2.544,
2.756). Every template that applies Korea's default value with its mark-up must accept
the answer computed from the printed value, for every year and the extreme tonnages, and
must still reject a clearly wrong route (the mark-up forgotten).
"""

from __future__ import annotations

import itertools

import pytest

from dokhae import cbam
from dokhae.answers import within_tolerance
from dokhae.arithmetic import COMPUTE
from dokhae.reference import reference_table


def printed_default(year: int) -> float:
    """The marked-up Korean default value for CN 7208 as the reference table prints it."""
    rows = reference_table().set_index("key")["value"]
    return float(rows[f"default_7208_korea_{min(year, 2028)}"])


def values(param):
    if param.kind == "choice":
        return list(param.choices)
    return sorted({param.min, param.max, param.example})


def cases(lesson):
    for template in lesson.exercises.templates:
        if "DV" not in template.params or "year" not in template.params:
            continue
        names = list(template.params)
        for combo in itertools.product(*(values(template.params[n]) for n in names)):
            yield template, dict(zip(names, combo))


def test_some_templates_use_the_marked_up_default(lesson):
    ids = {t.id for t, _ in cases(lesson)}
    assert {"e06-default-see", "e09-certificates-after-faa", "e10-phase-in-trajectory"} <= ids


def test_the_printed_rounded_values_are_accepted(lesson):
    rejected = []
    for template, params in cases(lesson):
        compute = COMPUTE[template.answer.compute]
        year = int(params["year"])
        exact = compute(**params)
        # the DV for which DV × (1 + mark-up) is the printed value
        printed_dv = printed_default(year) / (1 + cbam.default_value_markup(year))
        rounded = compute(**{**params, "DV": printed_dv})
        if not within_tolerance(rounded, exact, template.answer.tolerance):
            rejected.append((template.id, params, exact, rounded))
    assert rejected == []


@pytest.mark.parametrize("template_id", ["e09-certificates-after-faa", "e10-phase-in-trajectory"])
def test_a_wrong_route_is_still_rejected(lesson, template_id):
    """Forgetting the mark-up is off by far more than the tolerance."""
    template = next(t for t in lesson.exercises.templates if t.id == template_id)
    compute = COMPUTE[template.answer.compute]
    for _, params in (c for c in cases(lesson) if c[0].id == template_id):
        year = int(params["year"])
        no_markup = compute(
            **{**params, "DV": params["DV"] / (1 + cbam.default_value_markup(year))}
        )
        assert not within_tolerance(no_markup, compute(**params), template.answer.tolerance), params
