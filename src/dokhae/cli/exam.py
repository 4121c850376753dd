"""수능·내신 exam items: ``dokhae exam draft`` and ``dokhae exam review``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import options
from .output import say, tr

if TYPE_CHECKING:
    from ..authoring.exam.bank import BankItem


def _exam_say(message: str, /, err: bool = False, **fields: object) -> None:
    """One message of ``exam_cli`` in the command's language."""
    from ..i18n import t

    click.echo(t(f"exam_cli.{message}", None, **fields), err=err)


def _exam_label(message: str) -> str:
    return tr(f"exam_cli.{message}")


@click.group("exam")
def exam_group() -> None:
    """수능·내신 exam items built on a lesson's article, with keys the text proves.

    \b
    1. dokhae exam draft LESSON          (draft items into exercises/LESSON.yaml)
    2. write what the stubs ask for (todo), in exercises/LESSON.yaml
    3. dokhae exam review LESSON         (each draft with its proof: approve or reject)
    4. dokhae check                      (students see only approved items)

    The formats and the proofs: docs/exam-items.md.
    """


@exam_group.command("draft")
@click.argument("lesson")
@click.option(
    "--kinds",
    "-k",
    "kinds",
    multiple=True,
    help="Item kinds to draft, repeatable or comma-separated (default: every kind): insertion, "
    "order, grammar, vocabulary, chart, facts, title, blank, summary, irrelevant, "
    "written_grammar, written_arrange, written_blank, written_summary.",
)
@click.option("--seed", default=0, show_default=True, type=int, help="Another seed, other choices.")
@click.option("--table", default=None, help="The 도표 table (default: chosen by the seed).")
@options.root
def exam_draft_command(
    lesson: str, kinds: tuple[str, ...], seed: int, table: str | None, root: Path | None
) -> None:
    """Draft exam items of LESSON into its exercises file (exam_items:), each a draft.

    Every generated item's key is proven on the article before it is written; a kind that
    cannot be proven on this article is refused, with the reason. Items a program cannot
    write (요약문, 무관한 문장, the wrong options of 제목 and 빈칸) are stubs with a `todo:`
    saying what to write. Your items are never overwritten: a taken id gets -2, -3, ...

    Example: dokhae exam draft steel-dialogue-2023 --kinds grammar,insertion --seed 1
    """
    from ..authoring import AuthoringError

    wanted = [k.strip() for group in kinds for k in group.split(",") if k.strip()]
    try:
        from ..authoring.exam import draft_items
        from ..authoring.exam.bank import add_drafts, exercises_file, lesson_text

        path = exercises_file(lesson, root)
        draft = draft_items(lesson_text(lesson, root), wanted or None, seed, table=table)
        added = add_drafts(path, draft.items)
    except (AuthoringError, ValueError) as err:
        raise click.ClickException(str(err)) from None
    except ImportError as err:
        raise click.ClickException(f"{err}\n{tr('cli_lines.exam_needs_author_extra')}") from None
    for refusal in draft.refused:
        _exam_say("refused", err=True, kind=refusal.kind, reason=refusal.reason)
    for old, new in added.renamed.items():
        _exam_say("renamed", old=old, new=new)
    if added.already:
        _exam_say("already", ids=", ".join(added.already))
    if not added.written:
        _exam_say("nothing")
        return
    ids = ", ".join(i.id for i in added.written)
    say("cli_lines.exam_drafted", count=len(added.written), file=path, ids=ids)
    stubs = [i.id for i in added.written if i.todo]
    if stubs:
        _exam_say("stubs", ids=", ".join(stubs))
    _exam_say("next_review", lesson=lesson)


def _show_exam_item(entry: BankItem, n: int, total: int, sentences: dict[str, str]) -> None:
    from ..exam.items import (
        CIRCLED,
        KIND_NAMES_KO,
        WrittenArrangeItem,
        WrittenBlankItem,
        WrittenGrammarItem,
        WrittenSummaryItem,
    )
    from ..exam.printed import printed
    from ..exam.proofs import problems

    item = entry.item
    click.echo("")
    if item is None:
        _exam_say("unreadable", id=entry.id, error=entry.error)
        return
    kind = f"{KIND_NAMES_KO[item.kind]} ({item.kind})"
    _exam_say("header", n=n, total=total, id=item.id, kind=kind, state=item.status.state)
    click.echo("")
    click.echo(printed(item, sentences))
    click.echo("")
    written = (WrittenGrammarItem, WrittenArrangeItem, WrittenBlankItem, WrittenSummaryItem)
    if isinstance(item, written):
        key = "; ".join(f"{p.label} {p.answer} ({p.points:g})" for p in item.rubric.parts)
    else:
        key = CIRCLED[item.key - 1]
    click.echo(f"{_exam_label('key')}: {key}")
    if item.proof is not None:
        shown = "; ".join(
            f"{k}: {', '.join(v) if isinstance(v, tuple) else v}"
            for k, v in item.proof.model_dump(exclude_defaults=True).items()
            if v not in ((), "", None)
        )
        click.echo(f"{_exam_label('proof')}: {shown}")
    if item.todo:
        _exam_say("stub", todo=item.todo)
        return
    wrong = problems(item, sentences)
    if wrong:
        _exam_say("not_proven", problems="; ".join(wrong))
    elif item.kind in ("summary", "irrelevant", "written_summary"):
        _exam_say("no_machine_proof")
    else:
        _exam_say("proven")


def _exam_decide(path: Path, item_id: str, state: str, by: str, sentences: dict[str, str]) -> None:
    from ..authoring import AuthoringError
    from ..authoring.exam.bank import record_decision

    try:
        item = record_decision(path, item_id, state, by, sentences=sentences)
    except AuthoringError as err:
        raise click.ClickException(str(err)) from None
    _exam_say(state, id=item.id, by=item.status.by, at=item.status.at)


@exam_group.command("review")
@click.argument("lesson")
@click.option("--approve", "approve", default=None, metavar="ID", help="Approve the item ID.")
@click.option("--reject", "reject", default=None, metavar="ID", help="Reject the item ID.")
@click.option("--by", "by", default=None, help="Who decides (your name), with --approve/--reject.")
@click.option("--all", "show_all", is_flag=True, help="Show the items already decided too.")
@options.root
def exam_review_command(
    lesson: str,
    approve: str | None,
    reject: str | None,
    by: str | None,
    show_all: bool,
    root: Path | None,
) -> None:
    """Show each exam item of LESSON waiting for review, as printed, with its proof.

    With --approve ID or --reject ID (and --by NAME) the decision is recorded in the
    exercises file (status: approved/rejected, by, at). Approval needs the item written
    (no todo) and its proof recomputed without a problem. In a terminal, without those
    options, you are asked about each item in turn.

    \b
    Examples:
      dokhae exam review steel-dialogue-2023
      dokhae exam review steel-dialogue-2023 --approve grammar-0 --by 김교사
    """
    from ..authoring import AuthoringError
    from ..authoring.exam.bank import bank_items, exercises_file, lesson_text

    if approve and reject:
        raise click.UsageError(tr("cli_lines.approve_or_reject"))
    try:
        path = exercises_file(lesson, root)
        sentences = lesson_text(lesson, root).sentences
        entries = bank_items(path)
    except AuthoringError as err:
        raise click.ClickException(str(err)) from None
    if approve or reject:
        if not by:
            raise click.UsageError(tr("cli_lines.who_decides"))
        _exam_decide(
            path, approve or reject or "", "approved" if approve else "rejected", by, sentences
        )
        return
    shown = [e for e in entries if show_all or e.item is None or e.item.status.state == "draft"]
    if not shown:
        _exam_say("none_waiting")
        return
    if not show_all:
        _exam_say("waiting", n=len(shown))
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    for n, entry in enumerate(shown, start=1):
        _show_exam_item(entry, n, len(shown), sentences)
        if not interactive or entry.item is None or entry.item.status.state != "draft":
            continue
        answer = click.prompt(
            _exam_label("choose"),
            type=click.Choice(["a", "r", "s", "q"]),
            default="s",
        )
        if answer == "q":
            return
        if answer in ("a", "r"):
            if not by:
                by = click.prompt(_exam_label("who"))
            state = "approved" if answer == "a" else "rejected"
            try:
                _exam_decide(path, entry.item.id, state, by or "", sentences)
            except click.ClickException as err:
                click.echo(err.format_message(), err=True)
