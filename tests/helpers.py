"""Build real PDF, DOCX and HTML documents from text, for reader and app tests."""

from __future__ import annotations

import io


def pdf_from_text(text: str, scanned: bool = False) -> bytes:
    """A PDF with a text layer (or, with `scanned`, only a drawn rectangle and no text)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    font = "Helvetica"
    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",):
        try:
            pdfmetrics.registerFont(TTFont("DejaVu", path))
            font = "DejaVu"
        except Exception:
            pass
    width, height = A4
    y = height - 50
    if scanned:
        pdf.rect(50, 50, width - 100, height - 100, fill=1)
        pdf.showPage()
    else:
        pdf.setFont(font, 9)
        for line in text.splitlines():
            while len(line) > 110:
                pdf.drawString(40, y, line[:110])
                line = line[110:]
                y -= 12
            pdf.drawString(40, y, line)
            y -= 12
            if y < 50:
                pdf.showPage()
                pdf.setFont(font, 9)
                y = height - 50
    pdf.save()
    return buffer.getvalue()


def docx_from_text(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Område", "Beløb"
    table.cell(1, 0).text, table.cell(1, 1).text = "Sygedagpenge", "18,6 mio. kr."
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def html_from_text(text: str) -> str:
    from html import escape

    body = "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())
    return (
        "<!doctype html><html><head><title>Referat</title><script>var menu = 'Godkendelse af dagsorden';"
        "</script><style>p {color: red}</style></head><body><nav><ul><li>Forside</li><li>Politik</li>"
        f"</ul></nav><main>{body}</main><footer>Cookiepolitik</footer></body></html>"
    )
