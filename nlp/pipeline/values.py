"""Normalised values of entities: amounts in DKK, dates in ISO 8601, percentages as numbers.

Each normaliser takes the entity's text (and, for dates, the meeting date that resolves a
missing year) and returns a value, or None when the text holds no value it can read.
They are registered in spaCy's `misc` registry so the pipeline config can swap them.
"""

from __future__ import annotations

import re


from spacy.util import registry

from nlp.danish import MONTHS, full_year, iso_date

# -- money ------------------------------------------------------------------------------
_MULTIPLIERS = (
    (re.compile(r"\b(?:mia|mrd|milliard(?:er)?)\b\.?", re.I), 1e9),
    (re.compile(r"\b(?:mio|mill|million(?:er)?)\b\.?", re.I), 1e6),
    (re.compile(r"\b(?:t\.\s?kr|tkr|t\.|tusind(?:e)?|1\.000\s?kr)\b\.?", re.I), 1e3),
)
_NUMBER = re.compile(r"[-−–]?\s?(?:\d(?:[\d.,\s]*\d)?(?:,-)?|½)")


def parse_danish_number(text: str, decimal_comma_always: bool = False) -> float | None:
    """'1.283.980' → 1283980, '18,6' → 18.6, '408.450,-' → 408450, '100,000' → 100000."""
    raw = text.strip().replace("−", "-").replace("–", "-").replace("½", "0,5")
    negative = raw.startswith("-")
    raw = raw.lstrip("- ").removesuffix(",-").replace(" ", "")
    if not raw or not raw[0].isdigit():
        return None
    if not decimal_comma_always and re.fullmatch(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?", raw):
        value = float(raw.replace(",", ""))  # English thousands: "100,000 kr."
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw) or re.fullmatch(r"\d+(?:,\d+)?", raw):
        value = float(raw.replace(".", "").replace(",", "."))
    elif re.fullmatch(r"\d+\.\d{1,2}", raw):
        value = float(raw)  # "12.5 mio." written with a point
    else:
        return None
    return -value if negative else value


@registry.misc("referat.money_normaliser.v1")
def make_money_normaliser():
    return money_value


def money_value(text: str) -> float | None:
    """An amount of money in DKK: '18,6 mio. kr' → 18600000.0, 'kr. 408.450' → 408450.0.
    A range ('2-3 mio. kr.') gives its lower bound."""
    multiplier = 1.0
    rest = text
    for pattern, factor in _MULTIPLIERS:
        if pattern.search(text):
            multiplier = factor
            rest = pattern.sub(" ", text)
            break
    rest = re.sub(r"(?i)\b(?:kr|kroner|dkk|krs)\b\.?", " ", rest).strip(" .")
    numbers = [m.group(0) for m in _NUMBER.finditer(rest)]
    if not numbers:
        return None
    first = numbers[0]
    # "2-3 mio." is a range whose first number lost its own unit
    if re.fullmatch(r"\s*\d+(?:,\d+)?\s*-\s*\d+(?:,\d+)?\s*", first):
        first = first.split("-")[0]
    value = parse_danish_number(first, decimal_comma_always=multiplier > 1)
    return None if value is None else round(value * multiplier, 2)


# -- percentages ------------------------------------------------------------------------
@registry.misc("referat.percent_normaliser.v1")
def make_percent_normaliser():
    return percent_value


def percent_value(text: str) -> tuple[float, str] | None:
    """(number, unit): '1,7%' → (1.7, '%'); '0,34 procentpoint' → (0.34, 'pp')."""
    match = _NUMBER.search(text)
    if not match:
        return None
    value = parse_danish_number(match.group(0), decimal_comma_always=True)
    if value is None:
        return None
    unit = "pp" if re.search(r"procentpoint|pct\.?-?point|%-point|procent-point", text, re.I) else "%"
    return value, unit


# -- dates ------------------------------------------------------------------------------
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_SEASONS = {"forår": (3, 5), "sommer": (6, 8), "efterår": (9, 11), "vinter": (12, 2)}
_HALVES = {"1": (1, 6), "2": (7, 12), "første": (1, 6), "andet": (7, 12)}
_QUARTERS = {"1": 1, "2": 2, "3": 3, "4": 4, "første": 1, "andet": 2, "tredje": 3, "fjerde": 4}
_EARLY_LATE = {"primo": 1, "medio": 6, "ultimo": 12, "udgangen": 12, "slutningen": 12,
               "starten": 1, "begyndelsen": 1}

_FULL = re.compile(r"(?P<d>\d{1,2})\.?\s*(?P<m>%s)\.?,?\s*(?P<y>\d{4})?" % _MONTH, re.I)
_NUMERIC = re.compile(r"(?P<d>\d{1,2})[./-](?P<m>\d{1,2})(?:(?:[./-]|\s+)(?P<y>\d{4}|\d{2}))?(?!\d)")
_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")
_MONTH_YEAR = re.compile(r"(?<![\d.])(?P<m>%s)\.?(?:\s+måned)?(?:\s+(?P<y>\d{4}))?" % _MONTH, re.I)
_YEAR = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?!\d)")
_YEAR_RANGE = re.compile(r"(?P<a>(?:19|20)\d{2})\s*[-–/]\s*(?P<b>(?:19|20)?\d{2})(?!\d)")
_SHORT_RANGE = re.compile(r"^(?P<a>\d{2})\s*[-–]\s*(?P<b>\d{2})$")
_QUARTER = re.compile(r"(?P<q>[1-4]|første|andet|tredje|fjerde)\.?\s*kvartal(?:\s+(?:af\s+)?(?P<y>\d{4}))?", re.I)
_HALF = re.compile(r"(?P<h>[12]|første|andet)\.?\s*halvår(?:\s+(?:af\s+)?(?P<y>\d{4}))?", re.I)
_SEASON = re.compile(r"(?P<s>forår|sommer|efterår|vinter)(?:en|et)?(?:\s+(?P<y>\d{4}))?", re.I)
_EDGE = re.compile(r"(?P<e>primo|medio|ultimo|udgangen|slutningen|starten|begyndelsen)\b(?:\s+af)?\s*"
                   r"(?:(?P<m>%s)\.?)?\s*(?P<y>\d{4})?" % _MONTH, re.I)
_WEEK = re.compile(r"uge\s+(?P<w>\d{1,2})(?:\s+(?P<y>\d{4}))?", re.I)
_RANGE_SPLIT = re.compile(r"\s*(?:–|—|-|til)\s*(?=\d|[a-zæøå])", re.I)


@registry.misc("referat.date_normaliser.v1")
def make_date_normaliser():
    return date_value


def _reference_year(reference: str | None) -> int | None:
    return int(reference[:4]) if reference and reference[:4].isdigit() else None


def date_value(text: str, reference: str | None = None) -> str | None:
    """ISO value of a Danish date expression; `reference` (the meeting date) fills a missing year.

    '22. august 2012' → '2012-08-22'; '30. juni' (meeting 2021) → '2021-06-30';
    'ultimo april' → '2021-04'; '2018-2022' → '2018/2022'; '1. kvartal 2012' → '2012-01/2012-03'.
    """
    text = " ".join(text.split())
    year = _reference_year(reference)
    single = _single_date(text, year)
    if single:
        return single
    parts = _RANGE_SPLIT.split(text, maxsplit=1)
    if len(parts) == 2:
        end = _single_date(parts[1], year)
        end_year = int(end[:4]) if end else year
        start = _single_date(parts[0], end_year) or _day_only(parts[0], end)
        if start and end:
            return f"{_first(start)}/{_last(end)}"
    return None


def _single_date(text: str, year: int | None) -> str | None:
    text = text.strip(" ,.")
    for pattern, build in _BUILDERS:
        match = pattern.fullmatch(text)
        value = build(match, year) if match else None
        if value:
            return value
    return None


def _y(match: re.Match, year: int | None) -> int | None:
    raw = match.groupdict().get("y")
    return full_year(int(raw)) if raw else year


def _build_full(match, year):
    y = _y(match, year)
    return iso_date(y, MONTHS[match.group("m").lower()], int(match.group("d"))) if y else None


def _build_numeric(match, year):
    y = _y(match, year)
    return iso_date(y, int(match.group("m")), int(match.group("d"))) if y else None


def _build_iso(match, _year):
    return iso_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))


def _build_month_year(match, year):
    y = _y(match, year)
    return iso_date(y, MONTHS[match.group("m").lower()]) if y else None


def _build_year(match, _year):
    return match.group("y")


def _build_year_range(match, _year):
    a, b = match.group("a"), match.group("b")
    if len(b) == 2:
        b = a[:2] + b
    return f"{a}/{b}" if b >= a else None


def _build_short_range(match, _year):
    # "14-17 Byrådet": an electoral term in two-digit years
    a, b = int(match.group("a")), int(match.group("b"))
    return f"{full_year(a)}/{full_year(b)}" if b > a else None


def _span(year: int, first: int, last: int) -> str:
    end_year = year + 1 if last < first else year
    return f"{year:04d}-{first:02d}/{end_year:04d}-{last:02d}"


def _build_quarter(match, year):
    y = _y(match, year)
    q = _QUARTERS[match.group("q").lower()]
    return _span(y, 3 * q - 2, 3 * q) if y else None


def _build_half(match, year):
    y = _y(match, year)
    first, last = _HALVES[match.group("h").lower()]
    return _span(y, first, last) if y else None


def _build_season(match, year):
    y = _y(match, year)
    first, last = _SEASONS[match.group("s").lower()]
    return _span(y, first, last) if y else None


def _build_edge(match, year):
    y = _y(match, year)
    if y is None:
        return None
    if match.group("m"):
        return iso_date(y, MONTHS[match.group("m").lower()])
    return iso_date(y, _EARLY_LATE[match.group("e").lower()])


def _build_week(match, year):
    y = _y(match, year)
    week = int(match.group("w"))
    if y is None or not 1 <= week <= 53:
        return None
    return f"{y:04d}-W{week:02d}"


_BUILDERS = (
    (_ISO, _build_iso), (_FULL, _build_full), (_NUMERIC, _build_numeric),
    (_YEAR_RANGE, _build_year_range), (_SHORT_RANGE, _build_short_range), (_YEAR, _build_year),
    (_QUARTER, _build_quarter), (_HALF, _build_half), (_EDGE, _build_edge), (_SEASON, _build_season),
    (_MONTH_YEAR, _build_month_year), (_WEEK, _build_week),
)


def _day_only(text: str, end: str | None) -> str | None:
    """The start of '12.-14. april 2019' or '2.-3. november': a bare day before a full end date."""
    match = re.fullmatch(r"(\d{1,2})\.?", text.strip())
    if match and end and len(end) == 10:
        return iso_date(int(end[:4]), int(end[5:7]), int(match.group(1)))
    return None


def _first(value: str) -> str:
    return value.split("/")[0]


def _last(value: str) -> str:
    return value.split("/")[-1]


