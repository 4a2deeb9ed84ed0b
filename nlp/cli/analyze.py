"""`referat analyze` and `referat summarize`: documents in, analyses out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from nlp.analyze import STAGES, Analyzer, Failure, parse_jsonl_line
from nlp.cli.common import add_hint_options, hints_from, output_stream, progress
from nlp.contract import Analysis
from nlp.readers import ReadError, read_bytes
from nlp.render import render_analysis


def register(commands) -> None:
    analyze = commands.add_parser(
        "analyze", help="analysér dokumenter (PDF, HTML, DOCX, Markdown, tekst)",
        description="Find mødet og dagsordenspunkterne i hvert dokument og analysér dem. "
                    "Brug '-' for standard input og --jsonl for en hel korpusfil.",
    )
    analyze.add_argument("files", nargs="*", metavar="FIL", help="dokumenter, eller '-' for standard input")
    analyze.add_argument("--jsonl", metavar="IN.jsonl",
                         help="én JSON-post pr. linje med 'text' (og evt. id, municipality, committee, date); "
                              "skriver én analyse pr. linje i samme rækkefølge")
    analyze.add_argument("--format", choices=("text", "json"), default="text",
                         help="text: læsbar oversigt (standard); json: JSON-kontrakten")
    analyze.add_argument("-o", "--output", metavar="FIL", help="skriv til en fil i stedet for standard output")
    analyze.add_argument("--stages", default=",".join(STAGES),
                         help=f"trin efter opdelingen, kommasepareret (standard: {','.join(STAGES) or 'ingen'})")
    analyze.add_argument("--batch-size", type=int, default=32, help="poster pr. batch med --jsonl")
    add_hint_options(analyze)
    analyze.set_defaults(handler=run_analyze)

    summarize = commands.add_parser(
        "summarize", help="et læsbart resumé af et helt møde: beslutninger, resuméer og nøglefakta",
        description="Mødet på et øjeblik: hvad der blev besluttet, taget til efterretning og sendt videre, "
                    "og for hvert punkt resumé og nøglefakta (beløb, datoer, indsatser).",
    )
    summarize.add_argument("files", nargs="+", metavar="FIL", help="dokumenter, eller '-' for standard input")
    summarize.add_argument("-n", "--sentences", type=int, default=3, help="sætninger pr. resumé (standard 3)")
    summarize.add_argument("-o", "--output", metavar="FIL")
    add_hint_options(summarize)
    summarize.set_defaults(handler=run_summarize)


def make_analyzer(args, summary_sentences: int = 3) -> Analyzer:
    stages = [s for s in (args.stages or "").split(",") if s]
    try:
        return Analyzer(stages=stages, summary_sentences=summary_sentences)
    except ValueError as exc:
        from nlp.cli import UserError

        raise UserError(f"Ukendt trin: {exc}") from exc


def run_analyze(args) -> int:
    from nlp.cli import UserError

    if args.jsonl:
        return _run_jsonl(args)
    if not args.files:
        raise UserError("Angiv mindst én fil, '-' for standard input, eller --jsonl FIL.")
    results, failures = _analyze_files(make_analyzer(args), args, "Analyserer")
    with output_stream(args.output) as out:
        if args.format == "json":
            payload = [r.to_dict() for r in results]
            out.write(json.dumps(payload[0] if len(payload) == 1 and not failures else payload,
                                 ensure_ascii=False, indent=2) + "\n")
        else:
            out.write("\n".join(render_analysis(r) for r in results))
    return report_failures(failures)


def run_summarize(args) -> int:
    results, failures = _analyze_files(Analyzer(summary_sentences=args.sentences), args, "Resumerer")
    with output_stream(args.output) as out:
        out.write("\n".join(render_analysis(r, args.sentences, digest=True) for r in results))
    return report_failures(failures)


def _analyze_files(analyzer: Analyzer, args, desc: str) -> tuple[list[Analysis], list[Failure]]:
    """Analyse each file of `args.files` ('-' is standard input); a file that cannot be read
    becomes a Failure and the others go on."""
    failures: list[Failure] = []
    results: list[Analysis] = []
    for name in progress(args.files, total=len(args.files), desc=desc):
        try:
            if name == "-":
                document = read_bytes(sys.stdin.buffer.read(), source="<stdin>")
                results.append(analyzer.analyze_document(document, hints_from(args)))
            else:
                results.append(analyzer.analyze_path(name, hints_from(args)))
        except ReadError as exc:
            failures.append(Failure(name, exc.message, exc.code))
    return results, failures


def _run_jsonl(args) -> int:
    analyzer = make_analyzer(args)
    path = Path(args.jsonl)
    if not path.exists():
        from nlp.cli import UserError

        raise UserError(f"Filen findes ikke: {path}")
    failures: list[Failure] = []
    with path.open(encoding="utf-8", errors="replace") as handle:
        lines = handle.readlines()

    def records():
        for number, line in enumerate(lines, 1):
            if line.strip():
                yield parse_jsonl_line(line, number)

    with output_stream(args.output) as out:
        for result in progress(_analyze_lines(analyzer, records(), args.batch_size),
                               total=sum(1 for l in lines if l.strip()), desc="Analyserer", unit="post"):
            if isinstance(result, Failure):
                failures.append(result)
                out.write(json.dumps({"id": result.id, "error": result.error, "error_code": result.code},
                                     ensure_ascii=False) + "\n")
            else:
                out.write(result.to_json() + "\n")
    return report_failures(failures)


def _analyze_lines(analyzer: Analyzer, entries, batch_size: int):
    """Analyse parsed JSONL entries in order; entries that are already failures pass through."""
    pending: list[dict] = []
    order: list[Failure | None] = []

    def flush():
        analysed = iter(analyzer.analyze_records(pending, batch_size=batch_size)) if pending else iter(())
        for slot in order:
            yield slot if slot is not None else next(analysed)

    for entry in entries:
        if isinstance(entry, Failure):
            order.append(entry)
        else:
            pending.append(entry)
            order.append(None)
        if len(pending) >= batch_size:
            yield from flush()
            pending, order = [], []
    yield from flush()


def report_failures(failures: list[Failure]) -> int:
    """List the documents that failed (on standard error); exit code 1 when there were any."""
    if not failures:
        return 0
    print(f"\n{len(failures)} dokument(er) kunne ikke analyseres:", file=sys.stderr)
    for failure in failures:
        print(f"  {failure.id or failure.source}: {failure.error}", file=sys.stderr)
    return 1
