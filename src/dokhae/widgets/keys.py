"""Keyboard use of dokhae's choices inside JupyterLab.

In a notebook, JupyterLab takes the arrow keys (and Home, End, Page Up/Down, Space) of a
focused output for its own commands: ↓ on a radio button or a drop-down list of a dokhae
exercise selected the next cell instead of the next option, so a student using the
keyboard could not choose an answer. :func:`keyboard_guard` is one hidden widget per
kernel, in every view (:class:`dokhae.widgets._base.View`), whose front-end code stops
those keys on their way to JupyterLab when they come from a radio button or a drop-down
list inside a dokhae view. The browser still moves the choice (a default action, not a
listener), and every other key (Tab, Enter, Shift+Enter, Esc) reaches JupyterLab as before.

The same code names the drop-down lists that ipywidgets leaves without a name (no
``description``): by the text shown just before the list in its row (the word a matching
row asks for), or by the widget's tooltip, so a screen reader says what is chosen.
"""

from __future__ import annotations

import anywidget
import ipywidgets as widgets

__all__ = ["KeyboardGuard", "keyboard_guard"]

_ESM = """
const KEYS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End",
  "PageUp", "PageDown", " "]);

function install() {
  if (window.__dokhaeKeyboardGuard) return;
  window.__dokhaeKeyboardGuard = true;
  // capture on window runs before JupyterLab's document listener
  window.addEventListener("keydown", (event) => {
    const target = event.target;
    if (!KEYS.has(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
    if (!(target instanceof Element) || !target.closest(".dokhae")) return;
    if (target.matches("select, input[type=radio]")) event.stopPropagation();
  }, true);
}

// A drop-down list needs an accessible name (KWCAG 2.2, WCAG 4.1.2). ipywidgets names one
// only by its description; a dokhae list without one (a matching row, a word bank) is
// named by the text shown just before it in its row (the word to match), or by its
// tooltip.
function nameOf(select) {
  const widget = select.closest(".widget-dropdown, .jupyter-widget-dropdown") || select;
  const label = widget.querySelector("label");
  if (label && label.title) return label.title; // the tooltip (ipywidgets puts it there)
  if (select.title) return select.title; // ... or on the list itself
  let node = widget.previousElementSibling;
  while (node) {
    const text = node.getClientRects().length ? (node.textContent || "").trim() : "";
    if (text) return text.length > 120 ? text.slice(0, 119) + "…" : text;
    node = node.previousElementSibling;
  }
  return "";
}

function nameSelects(root) {
  for (const select of root.querySelectorAll(".dokhae select")) {
    // ipywidgets always makes a <label for> the list; an empty one (no description) is hidden
    const labelled = [...select.labels].some((l) => l.textContent.trim() && l.style.display !== "none");
    if (select.getAttribute("aria-label") || labelled) continue;
    const name = nameOf(select);
    if (name) select.setAttribute("aria-label", name);
  }
}

function watch() {
  if (window.__dokhaeNamer) return;
  window.__dokhaeNamer = new MutationObserver(() => nameSelects(document));
  // a tooltip can be set after the list is drawn: watch titles too
  window.__dokhaeNamer.observe(document.body, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["title"],
  });
  nameSelects(document);
}

export default { render() { install(); watch(); } };
"""


class KeyboardGuard(anywidget.AnyWidget):
    """The hidden widget that keeps the choice keys for dokhae's radios and drop-downs."""

    _esm = _ESM

    def __repr__(self) -> str:
        return "KeyboardGuard()"


_GUARD: list[KeyboardGuard] = []


def keyboard_guard() -> KeyboardGuard:
    """The one guard of this kernel (made again after ``Widget.close_all``)."""
    if not _GUARD or getattr(_GUARD[0], "comm", None) is None:
        _GUARD[:] = [KeyboardGuard(layout=widgets.Layout(display="none"))]
    return _GUARD[0]
