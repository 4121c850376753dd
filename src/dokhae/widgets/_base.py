"""What every dokhae view shares: CSS classes, the plain-text fallback, escaped feedback,
and one small stylesheet.

Views are ipywidgets containers whose logic lives in the core; here is only the
presentation they have in common. Everything shown in an HTML widget passes through
:func:`escape`: glossary rows and student answers are text, never markup.

The stylesheet (:data:`STYLESHEET`) is the first child of every view: a hidden
``ipywidgets.HTML`` (class ``dokhae-style``) holding a ``<style>`` element whose rules
are all scoped to ``.dokhae`` classes, so nothing outside dokhae's views changes.
:attr:`View.content` is the view's children without it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import traitlets

from .. import i18n
from ..lesson import Text
from ..markup import (  # noqa: F401  (shared with check()'s display)
    CSS_PREFIX,
    VERDICT_CSS,
    escape,
    feedback_html,
    other_language,
)
from ..palette import FOCUS, PALETTE
from ..palette import css as _css
from ..session import Session, current_session
from .keys import keyboard_guard

OTHER_STYLE = "opacity:0.75;font-size:0.9em"
"""The style of the second language, shown smaller under (or after) the first."""

_RADIO_LABEL = (
    ".dokhae-mc .widget-radio-box label, .dokhae-tfng .widget-radio-box label,\n"
    ".dokhae-mc .jupyter-widget-radio-box label, "
    ".dokhae-tfng .jupyter-widget-radio-box label"
)
_RADIO_INPUT = (
    ".dokhae-mc .widget-radio-box input, .dokhae-tfng .widget-radio-box input,\n"
    ".dokhae-mc .jupyter-widget-radio-box input, "
    ".dokhae-tfng .jupyter-widget-radio-box input"
)

STYLESHEET = f"""
/* dokhae: readable Korean and English in ipywidgets (every rule is scoped to .dokhae) */
.dokhae .widget-html-content, .dokhae .jupyter-widget-html-content {{
  word-break: keep-all; overflow-wrap: anywhere;
}}
.dokhae :is(.dokhae-prompt, .dokhae-instruction, .dokhae-feedback, .dokhae-hint,
  .dokhae-left, .dokhae-ordering-text, .dokhae-cloze-text, .dokhae-gloss,
  .dokhae-translation, .dokhae-numbers) > :is(.widget-html-content, .jupyter-widget-html-content) {{
  line-height: 1.5;
}}
.dokhae .widget-radio, .dokhae .jupyter-widget-radio {{ width: auto; max-width: 100%; }}
.dokhae .widget-radio-box, .dokhae .jupyter-widget-radio-box {{ width: auto; }}
.dokhae-tfng .widget-radio-box-horizontal, .dokhae-tfng .jupyter-widget-radio-box-horizontal {{
  flex-wrap: wrap;
}}
{_RADIO_LABEL} {{
  height: auto; white-space: normal; line-height: 1.4; display: flex;
  align-items: flex-start; padding: 3px 0; word-break: keep-all; overflow-wrap: anywhere;
}}
{_RADIO_INPUT} {{
  float: none; flex: none; height: 1.4em; line-height: 1.4; order: -1; margin: 0 0.5em 0 1px;
}}
{VERDICT_CSS}
.dokhae .dokhae-term {{
  height: auto; min-width: 0; line-height: 1.6; font-size: inherit; font-family: inherit;
  overflow: visible; border-radius: 3px; border-bottom: 1px dotted {PALETTE["term"].border};
}}
.dokhae .dokhae-term:hover:enabled {{ box-shadow: none; filter: brightness(0.95); }}
.dokhae .dokhae-term-selected {{ border-bottom-style: solid; }}
.dokhae .dokhae-word > :is(.widget-html-content, .jupyter-widget-html-content) {{
  line-height: 1.6;
}}
.dokhae .dokhae-step {{
  display: inline-block; min-width: 1.8em; padding: 0 3px; margin: 1px; text-align: center;
  border: 1px solid {PALETTE["step"].border}; border-radius: 3px;
}}
.dokhae .dokhae-step-correct {{ border-color: {PALETTE["step_correct"].border}; }}
.dokhae .dokhae-step-wrong {{ border-color: {PALETTE["step_wrong"].border}; }}
.dokhae .dokhae-step-current {{ font-weight: bold; border-width: 2px; text-decoration: underline; }}
.dokhae mark.dokhae-highlight {{ {_css("highlight")} }}
.dokhae :is(button, input, select, textarea, [tabindex]):focus-visible {{
  outline: 3px solid {FOCUS} !important; outline-offset: 2px;
}}
""".strip()
"""The dokhae stylesheet. ipywidgets draws radio labels one line high at a fixed height,
so long multiple-choice and True/False/Not given labels overflowed: here they wrap, with
the radio beside the first line, before its label (``order: -1``: ipywidgets puts the
input after the label's text and floats it left; in a flex label it came last, and a
student could not tell which circle was 참, issue 26). Every view's verdict (a question,
an arithmetic exercise, typed recall, matching) is coloured and marked as
:data:`~dokhae.markup.VERDICT_CSS` says, the same rules ``check()``'s display carries;
the ✓ / ✗ of a matching row are green and red, and larger. Korean breaks between words (``word-break: keep-all``),
and glossary term buttons of the reading view look like highlighted words in the text."""


# -- shared models: what a cell sends is proportional to what it shows
#
# Every ipywidgets model is a message to the browser when the cell runs, and each widget
# makes, besides itself, a Layout model and (most) a Style model of its own: an HTML
# line is three models. On a busy class server a cell sending thousands of messages
# loses some (issue 23). The views therefore share one Layout per set of settings and
# one Style per kind, made once per kernel, and the stylesheet is one widget for all.

_SHARED: dict[Any, widgets.Widget] = {}


def _shared(key: Any, make: Callable[[], widgets.Widget]) -> widgets.Widget:
    """The model kept under ``key``, made again when it was closed (``Widget.close_all``)."""
    model = _SHARED.get(key)
    if model is None or getattr(model, "comm", None) is None:
        model = _SHARED[key] = make()
    return model


def shared_layout(**settings: Any) -> widgets.Layout:
    """One :class:`ipywidgets.Layout` per set of ``settings``, shared by every widget
    given it. Never change a shared layout (``layout.display = "none"`` would hide every
    widget sharing it): a widget that is shown and hidden keeps a Layout of its own."""
    key = ("layout", tuple(sorted(settings.items())))
    return _shared(key, lambda: widgets.Layout(**settings))


def shared_style(kind: type, **settings: Any) -> widgets.Widget:
    """One style model of class ``kind`` (``ButtonStyle``, ``HTMLStyle``, ...) per set of
    ``settings``, shared like :func:`shared_layout` (never change it)."""
    key = ("style", kind, tuple(sorted(settings.items())))
    return _shared(key, lambda: kind(**settings))


def light(cls: type[widgets.Widget], *args: Any, **kwargs: Any) -> Any:
    """``cls(*args, **kwargs)`` (an ipywidgets class) with the shared empty layout and
    the shared default style of its kind unless ``layout`` or ``style`` is given (a dict
    ``style`` becomes a shared style with those settings): one model instead of three."""
    if not isinstance(kwargs.get("layout"), widgets.Layout):
        kwargs["layout"] = shared_layout(**kwargs.get("layout") or {})
    trait = cls.class_traits().get("style")
    if trait is not None and not isinstance(kwargs.get("style"), widgets.Widget):
        kwargs["style"] = shared_style(trait.klass, **kwargs.get("style") or {})
    return cls(*args, **kwargs)


def stylesheet() -> widgets.HTML:
    """The hidden HTML widget (class ``dokhae-style``) holding :data:`STYLESHEET`: the
    ``<style>`` applies although its box is not displayed. One widget for every view
    (a view inside another repeats it at no cost)."""

    def make() -> widgets.HTML:
        sheet = light(
            widgets.HTML,
            value=f"<style>{STYLESHEET}</style>",
            layout=widgets.Layout(display="none"),
        )
        sheet.add_class(f"{CSS_PREFIX}-style")
        return sheet

    return _shared("stylesheet", make)


def language(value: str | None = None) -> str:
    """The interface language to use: ``value`` if given, else the current setting."""
    return i18n.get_language() if value is None else value


def resolve_session(session: Session | None) -> Session:
    """``session``, or this kernel's session when it is None."""
    return session if session is not None else current_session()


def bilingual_html(
    text: Text, lang: str, name: str, *, strong: bool = False, prefix: str = ""
) -> str:
    """``text`` as escaped HTML: the current language, then the other one smaller.
    ``prefix`` is HTML put before the main text (already safe)."""
    other = other_language(lang)
    main = escape(text(lang))
    if strong:
        main = f"<b>{main}</b>"
    main = prefix + main
    return (
        f'<div class="dokhae-{name}-main" lang="{lang}">{main}</div>'
        f'<div class="dokhae-{name}-other" lang="{other}" style="{OTHER_STYLE}">'
        f"{escape(text(other))}</div>"
    )


class View(widgets.VBox):
    """Base of the dokhae views: stable CSS classes and a friendly fallback.

    ``kind`` names the view in CSS (``dokhae-<kind>``) and in the fallback text shown
    before the cell has run (the catalog key ``fallback.<kind>``).
    """

    kind = "view"

    def __init__(self, children: tuple = (), *, lang: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.stylesheet = stylesheet()
        self.keyboard = keyboard_guard()  # arrow keys choose, not move cells (keys.py)
        self.children = tuple(children)  # with the stylesheet first (see _with_stylesheet)
        self.lang = language(lang)
        self.add_class(CSS_PREFIX)
        self.add_class(f"{CSS_PREFIX}-{self.kind}")

    @traitlets.validate("children")
    def _with_stylesheet(self, proposal: Any) -> tuple:
        """Keep the stylesheet the first child whatever a subclass sets as children."""
        hidden = self._hidden_children()
        children = tuple(c for c in proposal["value"] if c not in hidden)
        return (*hidden, *children)

    def _hidden_children(self) -> tuple[widgets.Widget, ...]:
        """The stylesheet and the keyboard guard, once made."""
        return tuple(
            w for w in (getattr(self, "stylesheet", None), getattr(self, "keyboard", None)) if w
        )

    @property
    def content(self) -> tuple[widgets.Widget, ...]:
        """The children that show something: every child but the stylesheet (and the
        keyboard guard)."""
        hidden = self._hidden_children()
        return tuple(c for c in self.children if c not in hidden)

    def t(self, key: str, **fields: object) -> str:
        return i18n.t(key, self.lang, **fields)

    def in_both(self, text: Callable[[str], str]) -> str:
        """``text`` (a function of the language, such as a :class:`~dokhae.lesson.Text`)
        in the view's language, then in the other: ``"main / other"``."""
        return f"{text(self.lang)} / {text(other_language(self.lang))}"

    def t_both(self, key: str, **fields: object) -> str:
        """The catalog text ``key`` in both languages: ``"main / other"``."""
        return self.in_both(lambda lang: i18n.t(key, lang, **fields))

    def __repr__(self) -> str:
        # Shown as text/plain where the widget cannot render (before the cell runs).
        return fallback_text(self.kind)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict | None:
        # ipywidgets cuts text/plain at 110 characters ("…"), which cut the titles off
        # the bilingual fallbacks; dokhae's reprs are short and readable, keep them whole.
        data = super()._repr_mimebundle_(**kwargs)
        if data:
            data["text/plain"] = repr(self)
        return data


def fallback_text(kind: str, key: str | None = None) -> str:
    """The bilingual instruction shown instead of a widget that is not running: the
    catalog text ``key``, by default ``fallback.<kind>``."""
    ko, en = (i18n.t(key or f"fallback.{kind}", lang) for lang in ("ko", "en"))
    return f"▶ {ko}\n▶ {en}"


def classed(widget: widgets.Widget, *names: str) -> widgets.Widget:
    """Add ``dokhae-<name>`` classes to a widget and return it."""
    for name in names:
        widget.add_class(f"{CSS_PREFIX}-{name}")
    return widget


def button(label: str, name: str, *, shared: bool = False, **kwargs: Any) -> widgets.Button:
    """A real (keyboard-focusable) button with a stable class ``dokhae-<name>``.
    ``shared``: with the shared layout and style (:func:`light`), for a button that is
    never hidden nor restyled through its layout."""
    make = (lambda **kw: light(widgets.Button, **kw)) if shared else widgets.Button
    return classed(make(description=label, tooltip=label, **kwargs), "button", name)


STATUS_STYLE = {
    "correct": "success",
    "wrong": "danger",
    "partial": "warning",
    "unanswered": "info",
    "pending": "info",
}


def feedback_area(*, shared: bool = False) -> widgets.HTML:
    """An empty HTML widget for feedback, class ``dokhae-feedback`` (``shared``: with
    the shared layout and style, see :func:`light`)."""
    return classed((light if shared else _plain)(widgets.HTML, value=""), "feedback")


def with_placeholder(label: str, options: list[Any]) -> list[tuple[str, Any]]:
    """Dropdown options led by ``label`` ("선택하세요…" / "Choose…") with value None, so a
    Dropdown starts on a prompt, not blank and not on an answer. ``options`` are values
    (shown as they are) or ``(label, value)`` pairs."""
    return [(label, None)] + [o if isinstance(o, tuple) else (str(o), o) for o in options]


def _plain(cls: type, *args: Any, **kwargs: Any) -> Any:
    return cls(*args, **kwargs)


class ChooserView(View):
    """A Dropdown of options and, below it, the view of the option chosen. Each view is
    made on first use (:meth:`_make`) and kept, answers and all, when another option is
    chosen and then this one again; building only what is shown keeps a cell's widget
    messages few. Subclasses call :meth:`_choose_from` and define ``show(key)``, which
    checks the key and returns :meth:`_shown`.

    The plain-text fallback is the catalog line ``fallback_key``, then either the line
    ``empty_key`` (nothing to choose: :meth:`_nothing_to_choose`) or :meth:`_summary`."""

    fallback_key = ""
    """The catalog key of the fallback's instruction (run this cell to ...)."""
    empty_key = ""
    """The catalog key of the line shown when there is nothing to choose."""
    select_name_key = ""
    """The catalog key of the Dropdown's accessible name when it has no description (its
    tooltip; the front end names the list with it: keys.py)."""
    select: widgets.Dropdown | None = None

    def _nothing_to_choose(self, name: str) -> None:
        """Show only the ``empty_key`` line (class ``dokhae-<name>``), no Dropdown."""
        self.select = None
        self.children = (classed(light(widgets.HTML, escape(self.t(self.empty_key))), name),)

    def _summary(self) -> list[str]:
        """The fallback's lines about the options, in both languages."""
        return []

    def __repr__(self) -> str:
        lines = [self.t_both(self.empty_key)] if self.select is None else self._summary()
        text = fallback_text(self.kind, self.fallback_key)
        return text + "".join(f"\n  {line}" for line in lines)

    def _choose_from(
        self, options: list, start: Any, select_class: str, stage_class: str, **dropdown: Any
    ) -> None:
        self._made: dict[Any, widgets.Widget] = {}
        if self.select_name_key and "description" not in dropdown:
            dropdown["tooltip"] = self.t(self.select_name_key)
        self.select = classed(
            light(widgets.Dropdown, options=options, value=start, **dropdown), select_class
        )
        self.stage = classed(light(widgets.VBox, []), stage_class)
        self.children = (self.select, self.stage)
        self.show(start)
        self.select.observe(lambda change: self.show(change["new"]), names="value")

    def _make(self, key: Any) -> widgets.Widget:
        raise NotImplementedError

    def _view_for(self, key: Any) -> widgets.Widget:
        """The view of ``key``, made now if it was never shown."""
        if key not in self._made:
            self._made[key] = self._make(key)
        return self._made[key]

    def _shown(self, key: Any) -> widgets.Widget:
        view = self._view_for(key)
        self.stage.children = (view,)
        if self.select is not None and self.select.value != key:
            self.select.value = key
        return view
