"""Danish calendar words, numbers and sentence ends, shared by the splitter, the entity
normalisers and the classifiers."""

from __future__ import annotations

import re
from datetime import date

MONTHS: dict[str, int] = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "marts": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
# a sentence ends after a word or a year, not after "pr.", "bl.a." or an item number
_SENTENCE_END = re.compile(r"(?:(?<=[a-zæøå]{3})|(?<=\d{4}))[.!?](?=\s+[A-ZÆØÅ]|\s*$)")

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
# "8. marts 2021", "8 marts 2021", "d. 8. mar. 2021"
_DAY_MONTH_YEAR = re.compile(
    r"\b(?P<day>\d{1,2})\.?\s*(?P<month>%s)\.?,?\s+(?P<year>\d{4})\b" % _MONTH_ALT, re.I
)
# "08-03-2021", "8/3 2021", "08.03.2021", "8/3-2021"
_NUMERIC = re.compile(
    r"\b(?P<day>\d{1,2})[.\-/](?P<month>\d{1,2})(?:[.\-/]|\s|-)(?P<year>\d{4}|\d{2})\b"
)
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")


def iso_date(year: int, month: int, day: int | None = None) -> str | None:
    """`YYYY-MM-DD` (or `YYYY-MM` without a day) when the date exists, else None."""
    if not (1900 <= year <= 2100 and 1 <= month <= 12):
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def full_year(year: int) -> int:
    """Two-digit years as printed in minutes: 00–69 are 2000s, 70–99 are 1900s."""
    if year >= 100:
        return year
    return 2000 + year if year < 70 else 1900 + year


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first complete calendar date in `text`: (ISO date, start, end)."""
    best: tuple[str, int, int] | None = None
    for pattern in (_DAY_MONTH_YEAR, _NUMERIC, _ISO):
        for match in pattern.finditer(text):
            month = match.group("month")
            month_number = MONTHS.get(month.lower().rstrip(".")) if not month.isdigit() else int(month)
            if month_number is None:
                continue
            iso = iso_date(full_year(int(match.group("year"))), month_number, int(match.group("day")))
            if iso and (best is None or match.start() < best[1]):
                best = (iso, match.start(), match.end())
            if iso:
                break
    return best


def parse_date(text: str) -> str | None:
    """The ISO form of the first complete date in `text`, or None."""
    found = find_date(text)
    return found[0] if found else None


def danish_number(value: float, decimals: int = 0) -> str:
    """12345.6 → '12.345,6': thousands with points, decimals with a comma."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def split_sentences(text: str, maxsplit: int = 0) -> list[str]:
    """The sentences of a short plain text (a decision, a first line), without spaCy."""
    return _SENTENCE_END.split(text, maxsplit)
