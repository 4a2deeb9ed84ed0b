"""The one error a reader raises: a code for programs and a Danish message for people."""

from __future__ import annotations


class ReadError(Exception):
    """A document that cannot be read, with a stable `code` and a Danish `message`.

    Codes: ``empty``, ``binary``, ``needs_ocr``, ``too_large``, ``corrupt``,
    ``encrypted``, ``unsupported``, ``not_found``, ``unreadable``.
    """

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message


def too_large_message(size: int, limit: int) -> str:
    return f"Filen er for stor ({size / 1e6:.0f} MB); grænsen er {limit / 1e6:.0f} MB."
