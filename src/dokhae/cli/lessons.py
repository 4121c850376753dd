"""The lessons: ``dokhae check`` and building a new one (``dokhae lesson new/forms/status``)."""

from __future__ import annotations

from pathlib import Path

import click

from . import options
from .options import path_option
from .output import announce_lesson, both, choose_lesson, content_folder, lesson_problems, say, tr


@click.command("check")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--quiet", "-q", is_flag=True, help="Print errors only, not warnings.")
def check_command(path: Path | None, quiet: bool) -> None:
    """Validate every lesson, or the one at PATH, and list all problems at once.

    PATH may be a folder holding articles/, glossary/ and exercises/, a lesson folder
    (articles/<slug>), a lesson's glossary or exercises file, or a lesson slug; or your
    private bank for graded work (a YAML file elsewhere, see dokhae assign --bank).
    It first says which lessons of which folder it checks. Exits with status 0 only
    when there are no errors.

    Example: dokhae check glossary/steel-dialogue-2023.csv
    """
    from ..authoring.forms import stale_cells
    from ..files import GARBLED_MESSAGE
    from ..hanja import check_lessons as check_hanja
    from ..teacher.bank import is_bank_file, validate_bank
    from ..validation import lessons_at, validate

    bank = path is not None and is_bank_file(path)
    report = validate_bank(path) if path is not None and bank else validate(path)
    if not bank:
        root, slugs = lessons_at(path)
        for slug in slugs:  # romanization/Hanja left from an older gloss
            stale_cells(root, slug, report)
        check_hanja(root, slugs, report)  # each Hanja character's 훈음 and reading
        say("cli_text.checked", lessons=", ".join(slugs) or "-")
        click.echo(f"  {content_folder(None if path is None else root)}")
    from ..problem_text import problem_text

    shown = report.errors if quiet else report.problems
    for problem in shown:
        click.echo(problem_text(problem), err=problem.severity == "error")
    garbled = sorted({p.file for p in report.errors if p.message.startswith(GARBLED_MESSAGE)})
    for file in garbled:
        click.echo(both("cli_text.garbled", file=file), err=True)
    errors, warnings = len(report.errors), len(report.warnings)
    summary = f"{tr('cli_text.errors', count=errors)}, {tr('cli_text.warnings', count=warnings)}"
    if errors:
        what = "cli_text.check_failed_bank" if bank else "cli_text.check_failed"
        raise click.ClickException(tr(what, summary=summary))
    if bank:
        say("cli_text.check_ok_bank", path=path, summary=summary)
    else:
        say("cli_text.check_ok", summary=summary)


ANSWER_WIDTH = 40
"""How much of an answer the table on screen shows (the file written with -o has all)."""


@click.command("show")
@click.argument("lesson", required=False)
@path_option(
    "--out",
    "-o",
    "out",
    help="Also write the table to FILE.csv (UTF-8 with BOM, opens in Excel) or FILE.xlsx, "
    "with every answer in full.",
)
@options.root
def lesson_show_command(lesson: str | None, out: Path | None, root: Path | None) -> None:
    """List every exercise of LESSON: number, id, kind, skill, text tested, points and answer.

    These are the ids and skills to give dokhae assign and dokhae export worksheet
    (-e ID, -s SKILL); the arithmetic templates are listed with the answer for their
    example numbers (each student gets their own). The text tested is en (the English
    article), ko (the Korean text) or both: --learners en leaves out the ko questions,
    --learners ko the en ones. LESSON may be left out when there is only one lesson.

    \b
    Examples:
      dokhae lesson show steel-dialogue-2023
      dokhae lesson show steel-dialogue-2023 -o items.xlsx
    """
    import pandas as pd

    from ..export.glossary import SUFFIXES
    from ..problems import LessonError
    from ..spreadsheet import write_excel, write_frame_csv
    from ..tables import exercise_table
    from ..validation import load_lesson

    if out is not None and out.suffix.lower() not in SUFFIXES:
        raise click.UsageError(tr("cli_text.show_suffix", file=out.name))
    slug = choose_lesson(lesson, root=root)
    try:
        loaded = load_lesson(slug, root)
    except LessonError as err:
        raise click.ClickException(lesson_problems(err)) from None
    announce_lesson(loaded, root)
    table = exercise_table(loaded)
    columns = {c: tr(f"cli_text.column_{c}") for c in ("no", *table.columns)}
    shown = table.rename(columns=columns).rename_axis(columns["no"])
    with pd.option_context("display.max_rows", None, "display.width", 200):
        click.echo(shown.to_string(max_colwidth=ANSWER_WIDTH))
    say("cli_text.show_count", count=len(table), lesson=loaded.slug)
    if out is not None:
        frame = shown.reset_index()
        if out.suffix.lower() == ".csv":
            write_frame_csv(out, frame)
        else:
            write_excel(out, {loaded.slug: frame}, freeze="C2")
        say("cli_text.show_written", file=out)
    say("cli_text.show_next", lesson=loaded.slug)


# --------------------------------------------------------------------------- teacher commands


@click.group("lesson")
def lesson_group() -> None:
    """Build a new lesson from an article: draft it, complete it, see what is left.

    \b
    1. dokhae lesson new <slug> --from article.txt [--korean translation.txt]
       (a Korean article: --from-korean 기사.txt [--english translation.txt])
    2. fill in the translation, the glosses and the stub questions
    3. dokhae lesson forms <slug>     (Korean forms, romanization, the matching pairs)
    4. dokhae lesson status <slug>    (what is left; exits 0 when the lesson is ready)
    5. dokhae check
    dokhae lesson show <slug> lists the exercises of a lesson with their ids and answers.
    """


lesson_group.add_command(lesson_show_command)


@lesson_group.command("new")
@click.argument("slug")
@path_option(
    "--from",
    "source",
    help="The English article as a text file: the headline on the first line (or --title), "
    "paragraphs separated by blank lines.",
)
@path_option(
    "--from-korean",
    "korean_source",
    help="Instead of --from: a Korean article as a text file, for English speakers learning "
    "Korean (the same layout; a dateline such as '(서울=연합뉴스) 홍길동 기자 =' is taken "
    "off).",
)
@path_option(
    "--korean",
    "korean",
    help="With --from: your Korean translation as a text file; it is aligned with the English "
    "sentence by sentence (without it every Korean sentence is left to write).",
)
@path_option(
    "--english",
    "english",
    help="With --from-korean: your English translation as a text file, aligned the same way "
    "(without it every English sentence is left to write).",
)
@click.option("--title", default=None, help="The headline, if the file does not start with it.")
@click.option("--outlet", default=None, help="The newspaper or site, e.g. 'The Korea Herald'.")
@click.option("--date", "published", default=None, help="The date published: YYYY-MM-DD.")
@click.option(
    "--source", "source_url", default=None, help="The address of the article (https://...)."
)
@click.option(
    "--agency", default=None, help="The news agency, e.g. Yonhap (default: from the dateline)."
)
@click.option(
    "--limit",
    default=20,
    show_default=True,
    type=click.IntRange(0, 200),
    help="How many glossary candidates to write, hardest first: English words, or Korean "
    "terms with --from-korean.",
)
@click.option(
    "--korean-limit",
    default=0,
    show_default=True,
    type=click.IntRange(0, 100),
    help="How many Korean terms for English speakers to add when --korean is given "
    "(none unless asked: a lesson for Korean students needs none).",
)
@options.root
@click.option("--force", is_flag=True, help="Replace the files of an existing lesson of that name.")
def lesson_new_command(
    slug: str,
    source: Path | None,
    korean_source: Path | None,
    korean: Path | None,
    english: Path | None,
    title: str | None,
    outlet: str | None,
    published: str | None,
    source_url: str | None,
    agency: str | None,
    limit: int,
    korean_limit: int,
    root: Path | None,
    force: bool,
) -> None:
    """Draft the lesson SLUG from a news article, for you to complete.

    From an English article (--from), for Korean students; or from a Korean article
    (--from-korean), for English speakers learning Korean: then the Korean text gets the
    sentence ids, the glossary Korean terms, and the English is yours to write.

    Writes articles/SLUG/ (lesson.yaml, article.en.md, article.ko.md), glossary/SLUG.csv
    and exercises/SLUG.yaml. What you still have to write is marked: [TODO: ...] in the
    texts, empty cells in the glossary (glosses are never made up), and questions with a
    `todo:` line. `dokhae check` rejects the draft until it is complete. Once there are
    several lessons, every command that uses one needs its name.

    \b
    Examples:
      dokhae lesson new cbam-2026 --from cbam.txt --korean cbam-ko.txt \\
          --outlet "The Korea Herald" --date 2026-04-08 --source https://...
      dokhae lesson new cbam-2026-ko --from-korean cbam-ko.txt [--english cbam-en.txt]
    """
    article_file = source if source is not None else korean_source
    if article_file is None or (source is not None and korean_source is not None):
        raise click.UsageError(tr("cli_text.new_give_article"))
    if english is not None and korean_source is None:
        raise click.UsageError(tr("cli_text.new_english_needs_korean"))
    if korean is not None and source is None:
        raise click.UsageError(tr("cli_text.new_korean_needs_english"))
    from ..authoring import AuthoringError, draft_lesson

    language = "en" if source is not None else "ko"
    try:
        result = draft_lesson(
            slug,
            article_file,
            root=root,
            language=language,
            korean=korean,
            english=english,
            title=title,
            outlet=outlet,
            published=published,
            source_url=source_url,
            agency=agency,
            limit=limit,
            korean_limit=korean_limit,
            force=force,
        )
    except AuthoringError as err:
        raise click.ClickException(str(err)) from None
    except ImportError as err:
        raise click.ClickException(f"{err}\n{tr('cli_text.needs_author_extra')}") from None
    for warning in result.warnings:
        click.echo(tr("cli_lines.warning", text=warning), err=True)
    for problem in result.alignment_problems:
        click.echo(tr("cli_lines.alignment", text=problem), err=True)
    say("cli_text.drafted_korean" if language == "ko" else "cli_text.drafted", slug=slug)
    for path in result.written:
        click.echo(f"  {path}")
    say(
        "cli_text.draft_summary_from_korean" if language == "ko" else "cli_text.draft_summary",
        sentences=result.sentences,
        translated=result.translated,
        glossary=result.glossary_rows,
        questions=result.questions,
        stubs=result.stubs,
    )
    say("cli_text.draft_next", slug=slug)
    from ..sources import content_root, lesson_slugs

    slugs = lesson_slugs(content_root() if root is None else root)
    if len(slugs) > 1:
        say("cli_text.draft_several", n=len(slugs), slug=slug)


@lesson_group.command("forms")
@click.argument("slug")
@options.root
@click.option(
    "--overwrite",
    is_flag=True,
    help="Replace cells you wrote when dokhae computes something else (each is listed).",
)
@click.option(
    "--row",
    "rows",
    multiple=True,
    metavar="TERM",
    help="Refresh only this glossary row (its id or headword; may be repeated): compute "
    "its romanization, pronunciation, ko_forms and forms again, after you changed its gloss.",
)
def lesson_forms_command(
    slug: str, root: Path | None, overwrite: bool, rows: tuple[str, ...]
) -> None:
    """Compute where the glossary's words occur and draft their pronunciations, once the glosses are in.

    Fills the empty ko_forms (the Korean forms in article.ko.md, particles stripped),
    romanization, pronunciation, example_ko, example_en, forms (the English forms of the
    headword in article.en.md) and level cells of glossary/SLUG.csv, and the pairs of the
    vocabulary matching. The pronunciation is a draft by rule ([정녜] for 정례), for the
    words learners of Korean read where it differs from the spelling: check each one (the
    rules leave out some tensification). Cells you wrote are kept and listed when dokhae
    would write something else, unless --overwrite. After changing one gloss, --row TERM
    refreshes that row only.

    Example: dokhae lesson forms cbam-2026 --row hiatus
    """
    from ..authoring import AuthoringError, compute_forms

    try:
        result = compute_forms(slug, root, overwrite=overwrite, rows=rows)
    except AuthoringError as err:
        raise click.ClickException(str(err)) from None
    for change in result.changes:
        where = f"{change.file}:{change.line}  {change.entry}.{change.field}"
        old, new = repr(change.old), repr(change.new)
        click.echo(tr(f"cli_lines.forms_{change.action}", where=where, old=old, new=new))
    for note in result.notes:
        click.echo(tr("cli_lines.note", text=note))
    if result.matching:
        click.echo(_matching_line(result.matching))
    filled, kept, replaced = (len(result.of(a)) for a in ("filled", "kept", "replaced"))
    cells = tr("cli_text.forms_cells", count=filled, replaced=replaced, kept=kept)
    waiting = len(result.waiting)
    say(
        "cli_text.forms_summary",
        cells=cells,
        waiting=tr("cli_text.forms_waiting", count=waiting) if waiting else "",
    )
    say("cli_text.forms_next", slug=slug)


def _matching_line(matching: str) -> str:
    """What ``lesson forms`` did to the vocabulary matching, in the command's language
    (:func:`dokhae.authoring.forms.compute_forms` says it in English)."""
    import re

    from ..authoring.forms import MATCHING_ID

    written = re.match(r"wrote (\d+) pairs?\b.* of (\S+)$", matching)
    if written:
        n, file = int(written.group(1)), written.group(2)
        return tr("cli_lines.matching_written", count=n, id=MATCHING_ID, file=file)
    if matching.startswith("the vocabulary matching waits"):
        both_cells = "English headword" in matching
        return tr("cli_lines.matching_waits_ko" if both_cells else "cli_lines.matching_waits")
    return matching[0].upper() + matching[1:] + "."


@lesson_group.command("status")
@click.argument("slug")
@options.root
def lesson_status_command(slug: str, root: Path | None) -> None:
    """List what is missing before the lesson SLUG is ready, with counts and file:line.

    Untranslated sentences, empty Korean glosses and other glossary cells, stub questions,
    [TODO] markers and any other problem `dokhae check` finds. Exits with status 0 only
    when the lesson is ready.

    Example: dokhae lesson status cbam-2026
    """
    from ..authoring import AuthoringError, lesson_status

    try:
        status = lesson_status(slug, root)
    except AuthoringError as err:
        raise click.ClickException(str(err)) from None
    click.echo(status.text())
    if not status.ready:
        raise SystemExit(1)


# --------------------------------------------------------------------------- exam items (수능·내신)
