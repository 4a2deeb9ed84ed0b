"""Reading documents: PDF, HTML, DOCX, Markdown and plain text to clean text.

The format is decided by the content, never by the file name alone, so a PDF
named ``.txt`` is still read as a PDF and an executable named ``.pdf`` is refused.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from nlp.readers.clean import clean_text
from nlp.readers.errors import ReadError, too_large_message
from nlp.readers.text import decode_bytes, markdown_to_text

__all__ = ["Document", "ReadError", "read_document", "read_file_bytes", "read_bytes", "sniff_format", "check_text_length",
           "MAX_BYTES", "MAX_TEXT_CHARS"]

MAX_BYTES = 64 * 1024 * 1024
# About 2,500 pages: a hundred times the longest minutes we have seen. Longer texts are
# refused rather than left to run for minutes (a log file or a database dump, not minutes).
MAX_TEXT_CHARS = 5_000_000
FORMATS = ("pdf", "docx", "html", "markdown", "text")
_HTML_SIGNS = (b"<!doctype html", b"<html", b"<body", b"<head", b"<div", b"<p>", b"<table")


@dataclass
class Document:
    """The text of one document and what reading it taught us."""

    source: str
    text: str
    format: str
    warnings: list[str] = field(default_factory=list)
    size_bytes: int = 0


def read_document(path: str | Path, max_bytes: int = MAX_BYTES) -> Document:
    """Read a document file from disk."""
    return read_bytes(read_file_bytes(path, max_bytes), source=str(path), max_bytes=max_bytes)


def read_file_bytes(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a file, refused before reading when it is missing, a folder or too large."""
    path = Path(path)
    try:
        if path.is_dir():
            raise ReadError("unsupported", f"{path} er en mappe, ikke en fil.")
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError("too_large", too_large_message(size, max_bytes))
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ReadError("not_found", f"Filen findes ikke: {path}") from exc
    except OSError as exc:
        raise ReadError("unreadable", f"Filen kan ikke læses: {exc.strerror or exc}") from exc


def read_bytes(data: bytes, source: str = "<bytes>", max_bytes: int = MAX_BYTES) -> Document:
    """Read a document from its bytes (an upload, standard input)."""
    if len(data) > max_bytes:
        raise ReadError("too_large", too_large_message(len(data), max_bytes))
    if not data.strip():
        raise ReadError("empty", "Filen er tom.")
    fmt = sniff_format(data, source)
    warnings: list[str] = []
    if fmt == "pdf":
        from nlp.readers.pdf import pdf_to_text

        text, warnings = pdf_to_text(data)
    elif fmt == "docx":
        from nlp.readers.docx import docx_to_text

        text = docx_to_text(data)
    else:
        text, warnings = decode_bytes(data)
        if fmt == "html":
            from nlp.readers.html import html_to_text

            text = html_to_text(text)
        elif fmt == "markdown":
            text = markdown_to_text(text)
    text = clean_text(text)
    if not text.strip():
        raise ReadError("empty", "Dokumentet indeholder ingen tekst.")
    check_text_length(text)
    return Document(source=source, text=text, format=fmt, warnings=warnings, size_bytes=len(data))


def check_text_length(text: str, limit: int = MAX_TEXT_CHARS) -> None:
    """Refuse a text too long to be one document's minutes."""
    if len(text) > limit:
        raise ReadError("too_large", f"Teksten er for lang ({len(text) / 1e6:.1f} mio. tegn); grænsen er "
                                     f"{limit / 1e6:.0f} mio. tegn. Del dokumentet op i flere filer.")


def sniff_format(data: bytes, source: str = "") -> str:
    """Decide the format from the first bytes; the file name only separates Markdown from text."""
    head = data[:4096].lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if _is_docx(data):
            return "docx"
        raise ReadError("unsupported", "Filen er et ZIP-arkiv, men ikke et Word-dokument (DOCX).")
    if head.startswith(b"{\\rtf"):
        raise ReadError("unsupported", "RTF-filer understøttes ikke; gem dokumentet som DOCX eller PDF.")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError("unsupported", "Gamle Word-filer (.doc) understøttes ikke; gem som DOCX eller PDF.")
    lowered = head.lower()
    if any(sign in lowered for sign in _HTML_SIGNS):
        return "html"
    if source.lower().endswith((".md", ".markdown")):
        return "markdown"
    return "text"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError):
        return False  # a damaged archive, or one made by a ZIP version the standard library lacks

