"""Uploaded files: checked by content, kept under generated names, never trusted."""

from __future__ import annotations

import os
import re
from pathlib import Path

from nlp.fileutil import atomic_open
from nlp.paths import repo_root
from nlp.readers import MAX_BYTES, ReadError, sniff_format
from nlp.readers.errors import too_large_message
from nlp.readers.text import decode_bytes
from nlp.store import content_hash

SUFFIXES = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "markdown": ".md", "text": ".txt"}
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
_UNSAFE = re.compile(r"[^\w.\- æøåÆØÅ]+")


def uploads_dir() -> Path:
    return Path(os.environ.get("REFERAT_UPLOADS", repo_root() / "uploads"))


def display_name(name: str) -> str:
    """A file name fit to show and store as a label: no folders, no odd characters."""
    base = Path(name.replace("\\", "/")).name
    return (_UNSAFE.sub("_", base).strip(" .") or "upload")[:120]


def check_upload(data: bytes, name: str) -> str:
    """The upload's format, decided by its content; ReadError for what must be refused."""
    limit = min(MAX_UPLOAD_BYTES, MAX_BYTES)
    if len(data) > limit:
        raise ReadError("too_large", too_large_message(len(data), limit))
    if not data.strip():
        raise ReadError("empty", "Filen er tom.")
    fmt = sniff_format(data, display_name(name))
    if fmt in {"text", "markdown"}:
        decode_bytes(data[:65536])  # a program or an archive named .txt is refused here, not later
    return fmt


def keep_upload(data: bytes, fmt: str) -> Path:
    """Store the original under its content hash (a generated name, so no path traversal)."""
    path = uploads_dir() / f"{content_hash(data)}{SUFFIXES.get(fmt, '.bin')}"
    if not path.exists():
        with atomic_open(path, "wb") as handle:
            handle.write(data)
    return path
