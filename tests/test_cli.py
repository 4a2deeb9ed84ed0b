"""The `referat` command line as a user runs it (nlp/cli)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from nlp.cli import main
from nlp.contract import validate

HOEJE_TAASTRUP = "002_17eb13541673ee62"


def test_cli_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("analyze", "ingest", "export", "evaluate"):
        assert command in out


def test_cli_analyze_prints_a_danish_overview(seed_paths, capsys):
    assert main(["analyze", str(seed_paths[HOEJE_TAASTRUP])]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Høje-Taastrup Kommune · Arbejdsmarkedsudvalget · 1. april 2020 · Referat")
    assert "[3] A - Status på Plan for det specialiserede socialområde" in out
    assert "6 punkter" in out


def test_cli_analyze_json_follows_the_contract(seed_paths, capsys):
    assert main(["analyze", "--format", "json", str(seed_paths[HOEJE_TAASTRUP])]) == 0
    data = json.loads(capsys.readouterr().out)
    validate(data)
    assert data["meeting"]["date"] == "2020-04-01" and len(data["items"]) == 6


def test_cli_analyze_several_files_and_one_bad(seed_paths, tmp_path, capsys):
    bad = tmp_path / "tom.txt"
    bad.write_text("")
    code = main(["analyze", "--format", "json", str(seed_paths[HOEJE_TAASTRUP]), str(bad)])
    captured = capsys.readouterr()
    assert code == 1
    assert len(json.loads(captured.out)) == 1
    assert "tom.txt: Filen er tom." in captured.err


def test_cli_analyze_options_override_the_text(seed_paths, capsys):
    main(["analyze", "--format", "json", "--kommune", "Albertslund", "--dato", "2020-05-05",
          str(seed_paths[HOEJE_TAASTRUP])])
    meeting = json.loads(capsys.readouterr().out)["meeting"]
    assert meeting["municipality"] == "Albertslund" and meeting["date"] == "2020-05-05"


def test_cli_analyze_jsonl_one_line_per_input_in_order(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "a", "text": "Punkt 1: Godkendelse af dagsorden\nBeslutning\nGodkendt.",
                    "municipality": "Faxe", "date": "2021-01-11"}) + "\n"
        + "{ikke json\n"
        + json.dumps({"id": 7, "text": "   "}) + "\n"
        + json.dumps({"id": "d", "text": "Vedtagelse af Beskæftigelsesplan 2014"}) + "\n",
        encoding="utf-8",
    )
    output = tmp_path / "out.jsonl"
    assert main(["analyze", "--jsonl", str(source), "-o", str(output)]) == 1
    lines = [json.loads(l) for l in output.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 4
    assert lines[0]["id"] == "a" and lines[0]["meeting"]["municipality"] == "Faxe"
    assert lines[0]["meeting"]["date"] == "2021-01-11" and lines[0]["items"][0]["sections"]["beslutning"] == "Godkendt."
    assert lines[1]["id"] is None and "Ugyldig JSON" in lines[1]["error"]
    assert lines[2] == {"id": "7", "error": "Posten har intet 'text'-felt med tekst.", "error_code": "empty"}
    assert lines[3]["id"] == "d" and lines[3]["items"][0]["title"] == "Vedtagelse af Beskæftigelsesplan 2014"


def test_cli_analyze_standard_input(seed_texts):
    result = subprocess.run(
        [sys.executable, "-m", "nlp.cli", "analyze", "--format", "json", "-"],
        input=seed_texts[HOEJE_TAASTRUP].encode("utf-8"), capture_output=True, check=True,
    )
    assert json.loads(result.stdout)["source"] == "<stdin>"


def test_cli_missing_file_is_one_line_not_a_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-m", "nlp.cli", "analyze", str(tmp_path / "nej.pdf")],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "Filen findes ikke" in result.stderr and "Traceback" not in result.stderr


def test_cli_ingest_twice_updates_instead_of_duplicating(seed_paths, tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'r.db'}"
    folder = tmp_path / "docs"
    folder.mkdir()
    for stem in ("002_17eb13541673ee62", "004_0a840bef393f7ea7"):
        (folder / f"{stem}.txt").write_bytes(seed_paths[stem].read_bytes())
    assert main(["ingest", str(folder), "--db", db]) == 0
    assert main(["ingest", str(folder), "--db", db]) == 0
    assert main(["ingest", str(folder), "--db", db, "--skip-existing"]) == 0
    assert "2 sprunget over" in capsys.readouterr().err
    csv_path = tmp_path / "punkter.csv"
    assert main(["export", "--format", "csv", "--db", db, "-o", str(csv_path)]) == 0
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 6 + 6  # Høje-Taastrup and Odense, once each
    assert rows[0]["title"] == "Godkendelse af dagsorden" and rows[0]["municipality"] == "Høje-Taastrup"
    jsonl_path = tmp_path / "punkter.jsonl"
    assert main(["export", "--format", "jsonl", "--db", db, "-o", str(jsonl_path)]) == 0
    records = [json.loads(l) for l in jsonl_path.read_text(encoding="utf-8").splitlines()]
    assert {r["municipality"] for r in records} == {"Høje-Taastrup", "Odense"}
    assert records[0]["title"] == "Godkendelse af dagsorden" and records[0]["sections"]["beslutning"] == "Godkendt."


def test_cli_ingest_jsonl_records(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'r.db'}"
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "x1", "text": "1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n\n"
                                  "2. Budget 2022\nBeslutning\nAnbefales.", "municipality": "Varde"}) + "\n",
                      encoding="utf-8")
    assert main(["ingest", "--jsonl", str(source), "--db", db]) == 0
    assert main(["export", "--format", "jsonl", "--db", db]) == 0
    out = [json.loads(l) for l in capsys.readouterr().out.splitlines()]
    assert [r["title"] for r in out] == ["Godkendelse af dagsorden", "Budget 2022"]
