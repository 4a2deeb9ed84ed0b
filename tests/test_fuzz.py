"""Fuzzing the readers and the splitter: every input ends in a result or one clear error.

Hypothesis draws `FUZZ_EXAMPLES` inputs per reader (10,000 by default, derandomised so that
CI runs the same inputs every time). Each example is bounded in time by Hypothesis'
deadline; the whole module by the hang guard below. A failure prints the smallest input
that breaks the reader.
"""

from __future__ import annotations

import io
import os
import random
import signal
import time
import zipfile
from datetime import timedelta

import pytest
from helpers import docx_from_text, pdf_from_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp.readers import MAX_TEXT_CHARS, ReadError, read_bytes
from nlp.segment import split_document

FUZZ_EXAMPLES = int(os.environ.get("REFERAT_FUZZ_EXAMPLES", "10000"))
ERROR_CODES = {"empty", "binary", "needs_ocr", "too_large", "corrupt", "encrypted", "unsupported"}
FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=timedelta(seconds=5),
    suppress_health_check=list(HealthCheck),
)
SAMPLE = (
    "Beskæftigelsesudvalget\nReferat 8. marts 2021\n\n"
    "1. Godkendelse af dagsorden\nSagsnr.: 21/1234\n\nIndstilling\nAt dagsordenen godkendes.\n\n"
    "Beslutning i Beskæftigelsesudvalget den 08-03-2021\nGodkendt.\n\n"
    "2. Status på fleksjob\nSagsfremstilling\nUdgifterne er 18,6 mio. kr., en stigning på 1,7 %.\n"
)


@pytest.fixture(autouse=True, scope="module")
def hang_guard():
    """Fail, instead of hanging CI, when one reader loops on an input (Unix only)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def alarm(signum, frame):
        raise TimeoutError("a fuzz test ran for over 10 minutes: a reader hangs")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(600)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def read_or_refuse(data: bytes, source: str):
    """Read `data`; a refusal must be a `ReadError` with a known code and a Danish message."""
    try:
        document = read_bytes(data, source=source)
    except ReadError as error:
        assert error.code in ERROR_CODES, error.code
        assert error.message.strip() and "Traceback" not in error.message
        return None
    assert isinstance(document.text, str) and document.text.strip()
    assert "\r" not in document.text and "\x00" not in document.text
    return document


# -- generators ------------------------------------------------------------------------------
# Each generator builds one input from a seeded `random.Random`; `seeded` hands it a seed drawn
# by Hypothesis. One draw per input keeps Hypothesis' own cost (about 0.1 ms per draw) from
# eating the time budget, and a failure still prints a seed that reproduces it.

ENCODINGS = ("utf-8", "cp1252", "latin-1", "utf-16", "utf-16-le", "cp865", "mac_roman")
DANISH_WORDS = [
    "Punkt", "1.", "2.", "Sagsnr.", "21/1234", "Beslutning", "Indstilling", "Sagsfremstilling",
    "Resume", "Godkendt", "Taget til efterretning", "18,6 mio. kr.", "den 08-03-2021", "Bilag",
    "Økonomi", "fleksjob", "æøå ÆØÅ", "\t", "\n", "\n\n", "•", "-", "Udvalget", "Fraværende:",
]
TAGS = ["html", "body", "div", "p", "table", "tr", "td", "li", "ul", "script", "style", "nav",
        "span", "h1", "br", "iframe", "svg", "noscript", "template", "header", "a", "b"]
ATTRIBUTES = ["", ' class="menu"', ' role="navigation"', ' id="x" onclick="a()"', ' style="display:none"',
              " data-x='<p>'"]
MARKUP_DEBRIS = ["&amp;", "&#229;", "&#x0;", "&nbsp;", "&bogus;", "<!--", "-->", "<![CDATA[", "]]>", "<", ">",
                 "</", "<?", "<script>alert(1)</script>"]


def seeded(generate) -> st.SearchStrategy:
    return st.integers(0, 2**32 - 1).map(lambda seed: generate(random.Random(seed)))


def random_bytes(rng: random.Random, max_size: int = 5000) -> bytes:
    return rng.randbytes(rng.randint(0, max_size))


def random_unicode(rng: random.Random, max_size: int = 60) -> str:
    """Mostly Latin and Danish letters, some anything-goes code points (no lone surrogates)."""
    chars = []
    for _ in range(rng.randint(0, max_size)):
        point = rng.choice((rng.randint(32, 0x24F), rng.randint(0, 0x10FFFF)))
        chars.append(chr(point) if not 0xD800 <= point <= 0xDFFF else "?")
    return "".join(chars)


def mixed_encoding_text(rng: random.Random) -> bytes:
    """Pieces of text, each in its own encoding: what a pasted-together file looks like."""
    pieces = [rng.choice(DANISH_WORDS) + random_unicode(rng, 30) for _ in range(rng.randint(0, 8))]
    return b"".join(piece.encode(rng.choice(ENCODINGS), errors="replace") for piece in pieces)


def minutes_like_text(rng: random.Random) -> str:
    """Random Unicode mixed with the words the splitter looks for."""
    return " ".join(rng.choice(DANISH_WORDS) if rng.random() < 0.6 else random_unicode(rng, 20)
                    for _ in range(rng.randint(0, 80)))


def html_markup(rng: random.Random) -> str:
    """Tag soup: nested, unclosed, script-heavy, with attributes that could hide content."""
    out = [rng.choice(["", "<!doctype html>", "<html>", "<?xml version='1.0'?>"])]
    for _ in range(rng.randint(0, 30)):
        tag, kind = rng.choice(TAGS), rng.randint(0, 5)
        if kind == 0:
            out.append(f"<{tag}{rng.choice(ATTRIBUTES)}>")
        elif kind == 1:
            out.append(f"</{tag}>")
        elif kind == 2:
            out.append(rng.choice(DANISH_WORDS))
        elif kind == 3:
            out.append(rng.choice(MARKUP_DEBRIS))
        elif kind == 4:
            depth = rng.randint(1, 200)
            out.append(f"<{tag}>" * depth + "tekst" + f"</{tag}>" * rng.randint(0, depth))
        else:
            out.append(random_unicode(rng, 40))
    return "".join(out)


def damaged(original: bytes):
    """A real file truncated, with bytes flipped, inserted or deleted."""
    def generate(rng: random.Random) -> bytes:
        data = bytearray(original)
        for _ in range(rng.randint(1, 6)):
            if not data:
                break
            position = rng.randrange(len(data))
            action = rng.randint(0, 3)
            if action == 0:
                del data[position:]
            elif action == 1:
                data[position] = rng.randint(0, 255)
            elif action == 2:
                data[position:position] = rng.randbytes(rng.randint(1, 64))
            else:
                del data[position:position + rng.randint(1, 512)]
        return bytes(data)
    return generate


PDF = pdf_from_text(SAMPLE)
DOCX = docx_from_text(SAMPLE)


def docx_archive(rng: random.Random) -> bytes:
    """A damaged Word file, or a ZIP archive that claims to be one with random parts."""
    if rng.random() < 0.5:
        return damaged(DOCX)(rng)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", random_bytes(rng, 2000) if rng.random() < 0.5 else html_markup(rng))
        if rng.random() < 0.5:
            archive.writestr("[Content_Types].xml", random_bytes(rng, 500))
    return buffer.getvalue()


# -- one test per reader -------------------------------------------------------------------

@FUZZ
@given(st.one_of(st.binary(max_size=100), seeded(random_bytes), seeded(mixed_encoding_text)))
def test_fuzz_text_reader(data):
    read_or_refuse(data, "fuzz.txt")


@FUZZ
@given(st.one_of(st.text(max_size=100), seeded(lambda rng: random_unicode(rng, 2000))))
def test_fuzz_markdown_reader(text):
    read_or_refuse(text.encode("utf-8"), "fuzz.md")


@FUZZ
@given(seeded(html_markup))
def test_fuzz_html_reader(markup):
    read_or_refuse(("<html>" + markup).encode("utf-8", errors="surrogatepass"), "fuzz.html")


@FUZZ
@given(st.one_of(seeded(damaged(PDF)), seeded(random_bytes).map(lambda tail: b"%PDF-1.4\n" + tail)))
def test_fuzz_pdf_reader(data):
    read_or_refuse(data, "fuzz.pdf")


@FUZZ
@given(seeded(docx_archive))
def test_fuzz_docx_reader(data):
    read_or_refuse(data, "fuzz.docx")


@settings(FUZZ, max_examples=max(1, FUZZ_EXAMPLES // 5))
@given(seeded(minutes_like_text))
def test_fuzz_splitter_always_gives_items_inside_the_text(text):
    segmentation = split_document(text)
    if text.strip():
        assert segmentation.items
    for item in segmentation.items:
        assert 0 <= item.start <= item.end <= len(text)
        assert text[item.start:item.end] == item.text
        for section in item.sections.values() if isinstance(item.sections, dict) else []:
            assert isinstance(section, str)


# -- the extremes, once each -----------------------------------------------------------------

def test_a_single_100000_character_line_is_one_item():
    line = ("Udvalget drøftede fleksjob og ledighed uden punktum " * 2000)[:100_000]
    document = read_or_refuse(line.encode("utf-8"), "lang.txt")
    segmentation = split_document(document.text)
    assert len(segmentation.items) == 1 and segmentation.items[0].text.strip() == document.text.strip()


def test_a_50_mb_text_is_refused_as_too_long_not_left_running():
    data = (SAMPLE * (50 * 1024 * 1024 // len(SAMPLE.encode("utf-8")) + 1)).encode("utf-8")[: 50 * 1024 * 1024]
    with pytest.raises(ReadError) as error:
        read_bytes(data, source="stor.txt")
    assert error.value.code == "too_large" and "mio. tegn" in error.value.message


def test_a_text_just_under_the_length_limit_is_split_in_seconds():
    text = SAMPLE * (MAX_TEXT_CHARS // len(SAMPLE) - 1)
    started = time.perf_counter()
    segmentation = split_document(read_or_refuse(text.encode("utf-8"), "lang.txt").text)
    assert segmentation.items and time.perf_counter() - started < 60  # linear, not quadratic


def test_50_mb_of_random_bytes_is_refused_as_binary():
    with pytest.raises(ReadError) as error:
        read_bytes(os.urandom(50 * 1024 * 1024), source="stor.bin")
    assert error.value.code in {"binary", "unsupported"}


def test_a_file_over_the_limit_is_refused_before_reading():
    with pytest.raises(ReadError) as error:
        read_bytes(b"a" * 1000, source="x.txt", max_bytes=999)
    assert error.value.code == "too_large"


def test_an_item_over_the_item_limit_is_cut_with_a_warning():
    from nlp.analyze import Analyzer
    from nlp.stages import MAX_ITEM_CHARS

    text = "Udvalget drøftede fleksjob. " * (MAX_ITEM_CHARS // 20)
    analysis = Analyzer(stages=()).analyze_text(text)
    assert len(analysis.items) == 1
    assert any("meget langt" in warning for warning in analysis.warnings)
