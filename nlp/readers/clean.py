"""Text clean-up shared by every reader: line ends, invisible characters, control codes."""

from __future__ import annotations

import re

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ODD_SPACES = re.compile("[\u00a0\u2007\u202f\u2009\u200a\u3000]")
_MANY_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*){3,}")


def clean_text(text: str) -> str:
    """Normalise line ends and spaces; drop soft hyphens, zero-width and control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _MANY_BLANK_LINES.sub("\n\n\n", text)
    return text.strip("\n ") + "\n" if text.strip() else ""
