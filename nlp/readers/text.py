"""Plain text and Markdown: decode bytes whatever the encoding, and say what was guessed."""

from __future__ import annotations

import re

from nlp.readers.errors import ReadError

# UTF-8 Danish letters read as Windows-1252 ("Ã¦" for "æ"): a sign of double encoding.
_MOJIBAKE = re.compile("Ã[¦¸¥†˜…©]")
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)
_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode document bytes to text; return the text and warnings about the encoding."""
    warnings: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
        if "\ufffd" in text:
            warnings.append("UTF-16-teksten havde ugyldige tegn; de er erstattet med '\ufffd'.")
        return text, warnings
    if looks_binary(data):
        raise ReadError("binary", "Filen ser ud til at være binær og ikke tekst.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        warnings.append("Teksten var ikke UTF-8 og er læst som Windows-1252/Latin-1.")
    if _MOJIBAKE.search(text):
        repaired = _repair_double_encoding(text)
        if repaired != text:
            text = repaired
            warnings.append("Dobbelt-kodede tegn (fx 'Ã¦' for 'æ') er rettet.")
    return text, warnings


def looks_binary(data: bytes, sample: int = 8192) -> bool:
    """True when the bytes are not text: NUL bytes or many control codes."""
    head = data[:sample]
    if not head:
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control / len(head) > 0.05


def markdown_to_text(text: str) -> str:
    """Strip the Markdown marks that hide headings from the splitter."""
    text = _MARKDOWN_HEADING.sub("", text)
    return _MARKDOWN_EMPHASIS.sub(r"\2", text)


def _repair_double_encoding(text: str) -> str:
    # Repair line by line so that one line in another encoding does not block the rest.
    out = []
    for line in text.split("\n"):
        if _MOJIBAKE.search(line):
            try:
                line = line.encode("cp1252").decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                pass
        out.append(line)
    return "\n".join(out)
