"""DOCX: paragraphs and tables in document order."""

from __future__ import annotations

import io
import zipfile

from nlp.readers.errors import ReadError


def docx_to_text(data: bytes) -> str:
    """Extract the text of a Word document, tables as tab-separated rows."""
    import docx
    from docx.document import Document as DocumentType
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document: DocumentType = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError("corrupt", "Word-filen er beskadiget og kan ikke læses.") from exc
    except Exception as exc:  # python-docx raises bare lxml/opc errors for broken parts
        raise ReadError("corrupt", f"Word-filen kunne ikke læses: {type(exc).__name__}.") from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(_paragraph_text(block))
        elif isinstance(block, Table):
            for row in block.rows:
                cells = [cell.text.strip() for cell in row.cells]
                lines.append("\t".join(dict.fromkeys(cells)))  # merged cells repeat
            lines.append("")
    return "\n".join(lines)


def _paragraph_text(paragraph) -> str:
    text = paragraph.text
    style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    # Word numbering is not part of the text: keep a bullet so list items stay list items.
    if "list" in style and text.strip():
        return "• " + text
    return text
