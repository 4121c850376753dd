"""Keyboard use of dokhae's choices inside JupyterLab.

In a notebook, JupyterLab takes the arrow keys (and Home, End, Page Up/Down, Space) of a
focused output for its own commands: ↓ on a radio button or a drop-down list of a dokhae
exercise selected the next cell instead of the next option, so a student using the
keyboard could not choose an answer. :func:`keyboard_guard` is one hidden widget per
kernel, in every view (:class:`dokhae.widgets._base.View`), whose front-end code stops
those keys on their way to JupyterLab when they come from a radio button or a drop-down
list inside a dokhae view. The browser still moves the choice (a default action, not a
listener), and every other key (Tab, Enter, Shift+Enter, Esc) reaches JupyterLab as before.
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

export default { render() { install(); } };
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
