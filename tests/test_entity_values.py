"""Normalised entity values, tabled with real strings from the seeds and the corpus
(nlp/pipeline/values.py), and the normaliser against the gold values people wrote down."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.pipeline.values import date_value, money_value, parse_danish_number, percent_value

GOLD = Path(__file__).resolve().parents[1] / "training_data" / "entities" / "values"


@pytest.mark.parametrize("text, value", [
    ("18,6 mio. kr", 18_600_000), ("18,6 mio kr.", 18_600_000), ("1.283.980 kr.", 1_283_980),
    ("0,3 mio. kr.", 300_000), ("0,777 mio. kr.", 777_000), ("kr. 408.450", 408_450),
    ("kr. 408.450 kr.", 408_450), ("125.000 kroner", 125_000), ("2 mia. kr.", 2_000_000_000),
    ("500 t.kr.", 500_000), ("12,2 mio.kr.", 12_200_000), ("7,8 mio krs", 7_800_000),
    ("100,000 kr.", 100_000), ("-30,260 mio. kr.", -30_260_000), ("2-3 mio. kr.", 2_000_000),
    ("26 og 30 mio. kr.", 26_000_000), ("½ mio. kr.", 500_000), ("47.700.000. kr.", 47_700_000),
    ("1,2 mill. kr.", 1_200_000), ("2 millioner kr.", 2_000_000), ("895 kr.", 895),
    ("7.344.000 kr.", 7_344_000), ("0,488 mio. kr.", 488_000), ("35,069 mio. kr.", 35_069_000),
    ("377.510,40 kr.", 377_510.40), ("2.282.000,00 kr", 2_282_000), ("kr 408.450,-", 408_450),
    ("1 283 980 kr.", 1_283_980), ("10 mio kr", 10_000_000), ("0 kr.", 0),
])
def test_money_value_table(text, value):
    assert money_value(text) == pytest.approx(value)


@pytest.mark.parametrize("text, value, unit", [
    ("1,7%", 1.7, "%"), ("86 pct.", 86, "%"), ("0,34 procentpoint", 0.34, "pp"), ("100 %", 100, "%"),
    ("66,11%", 66.11, "%"), ("36,4 procent", 36.4, "%"), ("9,70 pct.", 9.7, "%"), ("3.6%", 3.6, "%"),
    ("11,6 procentpoint", 11.6, "pp"), ("5,4 pct.-point", 5.4, "pp"), ("305%", 305, "%"),
])
def test_percent_value_table(text, value, unit):
    assert percent_value(text) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text, meeting, value", [
    ("22. august 2012", None, "2012-08-22"), ("08-03-2021", None, "2021-03-08"),
    ("30. juni", "2021-03-08", "2021-06-30"), ("24. oktober", "2016-10-26", "2016-10-24"),
    ("ultimo april", "2021-03-08", "2021-04"), ("2018-2022", None, "2018/2022"),
    ("2018-21", None, "2018/2021"), ("2026-29", None, "2026/2029"),
    ("1. kvartal 2012", None, "2012-01/2012-03"), ("3. kvartal", "2021-03-08", "2021-07/2021-09"),
    ("januar 2021", None, "2021-01"), ("juni", "2012-05-22", "2012-06"),
    ("1/6 2012", None, "2012-06-01"), ("7/12 2011", None, "2011-12-07"), ("31/3", "2012-05-22", "2012-03-31"),
    ("7/12-2022", None, "2022-12-07"), ("01.04.2020", None, "2020-04-01"), ("2012-08-22", None, "2012-08-22"),
    ("medio 2021", None, "2021-06"), ("Primo 2021", None, "2021-01"), ("udgangen af 2021", None, "2021-12"),
    ("udgangen af februar 2021", None, "2021-02"), ("slutningen af 2020", None, "2020-12"),
    ("foråret 2021", None, "2021-03/2021-05"), ("efteråret", "2012-10-31", "2012-09/2012-11"),
    ("sommeren 2011", None, "2011-06/2011-08"), ("andet halvår 2022", None, "2022-07/2022-12"),
    ("september 2018 – marts 2020", None, "2018-09/2020-03"),
    ("12. april – 26. april 2019", None, "2019-04-12/2019-04-26"),
    ("2.-3. november 2020", None, "2020-11-02/2020-11-03"), ("8.-9. november", "2012-08-22", "2012-11-08/2012-11-09"),
    ("uge 31", "2021-01-27", "2021-W31"), ("14-17", None, "2014/2017"), ("27 september, 2022", None, "2022-09-27"),
    ("2021", None, "2021"), ("1985", None, "1985"),
])
def test_date_value_table(text, meeting, value):
    assert date_value(text, meeting) == value


@pytest.mark.parametrize("text", ["Budgetopfølgning", "kl. 15.30", "19/24943", ""])
def test_date_value_none_for_non_dates(text):
    assert date_value(text) is None


@pytest.mark.parametrize("text, value", [
    ("1.283.980", 1283980), ("18,6", 18.6), ("408.450,-", 408450), ("100,000", 100000), ("-3", -3),
])
def test_parse_danish_number(text, value):
    assert parse_danish_number(text) == pytest.approx(value)


def _gold(label: str) -> list[dict]:
    rows = []
    for path in sorted(GOLD.glob("*.jsonl")):
        rows += [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    return [r for r in rows if r["label"] == label and r["value"] is not None]


def test_money_normaliser_agrees_with_people_on_every_annotated_amount():
    rows = _gold("MONEY")
    assert len(rows) >= 150
    right = sum(money_value(r["text"]) == pytest.approx(r["value"], rel=5e-3, abs=0.5) for r in rows)
    assert right / len(rows) >= 0.97


def test_percent_normaliser_agrees_with_people_on_every_annotated_percentage():
    rows = _gold("PERCENT")
    assert len(rows) >= 100
    right = sum(percent_value(r["text"]) == (pytest.approx(r["value"]), r["unit"]) for r in rows)
    assert right / len(rows) >= 0.97
