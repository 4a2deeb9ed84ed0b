"""PDF: the text layer of every page (pdfium), or a clear error when there is none."""

from __future__ import annotations

import pypdfium2 as pdfium

from nlp.readers.errors import ReadError

# Fewer characters than this per page on average means a scan without a text layer.
MIN_CHARS_PER_PAGE = 25


def pdf_to_text(data: bytes) -> tuple[str, list[str]]:
    """Extract the text of a PDF, page by page; raise `ReadError` for scans and broken files."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise ReadError("encrypted", "PDF-filen er krypteret med adgangskode.") from exc
        raise ReadError("corrupt", "PDF-filen er beskadiget og kan ikke læses.") from exc
    warnings: list[str] = []
    pages: list[str] = []
    try:
        for index in range(len(document)):
            try:
                page = document[index]
                textpage = page.get_textpage()
                pages.append(textpage.get_text_bounded())
                textpage.close()
                page.close()
            except pdfium.PdfiumError:
                warnings.append(f"Side {index + 1} kunne ikke læses og er sprunget over.")
                pages.append("")
    finally:
        document.close()
    if not pages:
        raise ReadError("empty", "PDF-filen har ingen sider.")
    chars = sum(len(p.strip()) for p in pages)
    if chars < MIN_CHARS_PER_PAGE * len(pages):
        raise ReadError(
            "needs_ocr",
            "PDF-filen har intet tekstlag (en scanning?). Kør OCR på den først, fx med ocrmypdf.",
        )
    return "\n\n".join(pages), warnings
