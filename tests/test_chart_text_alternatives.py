"""Charts carry a text alternative (KWCAG/WCAG 1.1.1): JupyterLab shows their HTML, an
<img> whose alt says what the bars say."""

from __future__ import annotations

import re

from dokhae import cbam
from dokhae.answers import Feedback
from dokhae.plots import certificates_per_tonne_plot, with_text_alternative
from dokhae.tables import progress_chart


def alt_of(fig) -> str:
    html = fig._repr_html_()
    assert html.startswith('<img class="dokhae-chart" src="data:image/png;base64,')
    (alt,) = re.findall(r'alt="([^"]*)"', html)
    return alt


def test_certificates_chart_alt_gives_every_bar():
    fig = certificates_per_tonne_plot(language="en", years=[2026, 2030])
    alt = alt_of(fig)
    assert alt.startswith("CBAM certificates per tonne of Korean hot-rolled coil, 2026–2030.")
    for year in (2026, 2030):
        value = cbam.certificates(
            1.0, cbam.default_see(2.12, year), year, cbam.HOT_ROLLED_BF_BOF_BENCHMARK
        )
        assert f"{year}: {value:.2f}" in alt
    korean = alt_of(certificates_per_tonne_plot(language="ko", years=[2026]))
    assert "2026년" in korean and "막대그래프" in korean


def test_progress_chart_alt_counts_the_bars(lesson, tmp_path):
    from dokhae.progress import ProgressStore
    from dokhae.session import Session

    with ProgressStore(tmp_path / "p.sqlite3") as store:
        session = Session(lesson, store=store)
        assert alt_of(progress_chart(session, "en")) == "You have not answered any questions yet."
        session.record(next(iter(lesson.questions)), "b", Feedback("wrong"))
        alt = alt_of(progress_chart(session, "en"))
    assert "1 answered, 0 correct" in alt


def test_alt_text_is_escaped():
    from matplotlib.figure import Figure

    fig = with_text_alternative(Figure(), '"><script>x</script>')
    assert "<script>" not in fig._repr_html_()
