"""Reading PDF, HTML, DOCX, Markdown and text, and refusing what cannot be read (nlp/readers)."""

from __future__ import annotations

import pytest
from helpers import docx_from_text, html_from_text, pdf_from_text

from nlp.readers import ReadError, read_bytes, read_document, sniff_format
from nlp.segment import split_document

SAMPLE = (
    "Arbejdsmarkedsudvalget\nReferat 1. april 2020\n\n"
    "Punkt 1: Godkendelse af dagsorden\n\n19/24943\n\nIndstilling\n\nGodkendelse af dagsorden.\n\n"
    "Beslutning Arbejdsmarkedsudvalget den 01-04-2020\n\nGodkendt.\n\n"
    "Punkt 2: Status på sygedagpengeområdet\n\n19/24944\n\nSagsfremstilling\n\n"
    "Ledigheden er faldet med 1,7 % og udgifterne er 18,6 mio. kr.\n\n"
    "Beslutning Arbejdsmarkedsudvalget den 01-04-2020\n\nTaget til efterretning.\n"
)


def test_read_plain_utf8_text():
    document = read_bytes(SAMPLE.encode("utf-8"), source="a.txt")
    assert document.format == "text" and "sygedagpengeområdet" in document.text
    assert document.warnings == []


def test_read_windows_1252_text_with_warning():
    document = read_bytes(SAMPLE.encode("cp1252"), source="latin.txt")
    assert "sygedagpengeområdet" in document.text
    assert any("Windows-1252" in w for w in document.warnings)


def test_read_double_encoded_utf8_is_repaired():
    mojibake = SAMPLE.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8")
    document = read_bytes(mojibake, source="dobbelt.txt")
    assert "sygedagpengeområdet" in document.text
    assert any("Dobbelt-kodede" in w for w in document.warnings)


def test_read_utf16_with_bom():
    document = read_bytes(SAMPLE.encode("utf-16"), source="utf16.txt")
    assert "Godkendelse af dagsorden" in document.text


def test_read_crlf_soft_hyphen_and_nbsp_are_cleaned():
    document = read_bytes("Beskæf\u00adtigelse\r\nkr.\u00a0408.450\r\n".encode("utf-8"))
    assert document.text == "Beskæftigelse\nkr. 408.450\n"


def test_read_markdown_headings_become_plain_lines():
    markdown = "# Referat\n\n## Punkt 1: Godkendelse af dagsorden\n\n### Beslutning\n\n**Godkendt.**\n"
    document = read_bytes(markdown.encode("utf-8"), source="referat.md")
    assert document.format == "markdown"
    assert "Punkt 1: Godkendelse af dagsorden\n" in document.text and "#" not in document.text
    assert split_document(document.text).items[0].sections["beslutning"] == "Godkendt."


def test_read_html_drops_scripts_and_navigation():
    document = read_bytes(html_from_text(SAMPLE).encode("utf-8"), source="side.html")
    assert document.format == "html"
    assert "var menu" not in document.text and "Forside" not in document.text
    assert "Cookiepolitik" not in document.text
    items = split_document(document.text).items
    assert [i.title for i in items] == ["Godkendelse af dagsorden", "Status på sygedagpengeområdet"]


def test_read_deeply_nested_html():
    markup = "<html><body>" + "<div>" * 3000 + "Punkt 1: Dybt" + "</div>" * 3000 + "</body></html>"
    document = read_bytes(markup.encode("utf-8"), source="dyb.html")
    assert "Punkt 1: Dybt" in document.text


def test_read_pdf_text_layer():
    document = read_bytes(pdf_from_text(SAMPLE), source="referat.pdf")
    assert document.format == "pdf"
    items = split_document(document.text).items
    assert [i.title for i in items] == ["Godkendelse af dagsorden", "Status på sygedagpengeområdet"]
    assert items[1].sections["beslutning"] == "Taget til efterretning."


def test_read_scanned_pdf_says_it_needs_ocr():
    with pytest.raises(ReadError) as error:
        read_bytes(pdf_from_text("", scanned=True), source="scan.pdf")
    assert error.value.code == "needs_ocr" and "OCR" in error.value.message


def test_read_truncated_pdf_is_a_clear_error():
    data = pdf_from_text(SAMPLE)
    with pytest.raises(ReadError) as error:
        read_bytes(data[: len(data) // 3], source="halv.pdf")
    assert error.value.code in {"corrupt", "needs_ocr", "empty"}


def test_read_docx_paragraphs_and_tables():
    document = read_bytes(docx_from_text(SAMPLE), source="referat.docx")
    assert document.format == "docx"
    assert "Sygedagpenge\t18,6 mio. kr." in document.text
    assert len(split_document(document.text).items) == 2


def test_read_format_is_decided_by_content_not_name():
    assert sniff_format(pdf_from_text(SAMPLE), "referat.txt") == "pdf"
    assert sniff_format(b"<html><body>x</body></html>", "x.pdf") == "html"


@pytest.mark.parametrize("data, code", [
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (bytes(range(256)) * 20, "binary"),
    (b"PK\x03\x04" + b"\x00" * 100, "unsupported"),
    (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "unsupported"),
    (b"%PDF-1.7\n garbage", "corrupt"),
])
def test_read_bad_input_is_one_clear_error(data, code):
    with pytest.raises(ReadError) as error:
        read_bytes(data, source="dårlig")
    assert error.value.code == code
    assert error.value.message  # a Danish sentence for the user


def test_read_too_large_is_refused_before_reading(tmp_path):
    big = tmp_path / "stor.txt"
    big.write_bytes(b"a" * 2048)
    with pytest.raises(ReadError) as error:
        read_document(big, max_bytes=1024)
    assert error.value.code == "too_large"


def test_read_missing_file(tmp_path):
    with pytest.raises(ReadError) as error:
        read_document(tmp_path / "findes-ikke.pdf")
    assert error.value.code == "not_found"


def test_read_password_protected_pdf_is_refused():
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt="hemmelig")
    pdf.drawString(72, 720, "Punkt 1. Godkendelse af dagsorden")
    pdf.save()
    with pytest.raises(ReadError) as error:
        read_bytes(buffer.getvalue(), source="låst.pdf")
    assert error.value.code == "encrypted" and "adgangskode" in error.value.message
