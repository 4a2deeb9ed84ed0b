"""`referat ingest` and `referat export`: the project database from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

from nlp.cli.analyze import make_analyzer, report_failures
from nlp.cli.common import expand_paths, output_stream
from nlp.ingest import ingest_jsonl, ingest_paths


def register(commands) -> None:
    ingest = commands.add_parser(
        "ingest", help="gem dokumenter og deres analyser i databasen",
        description="Analysér dokumenter (filer eller mapper) og gem dem i projektets database. "
                    "Et dokument genkendes på sit indhold: indlæses det igen, opdateres det.",
    )
    ingest.add_argument("inputs", nargs="*", metavar="FIL_ELLER_MAPPE")
    ingest.add_argument("--jsonl", metavar="IN.jsonl", help="indlæs poster (med 'text') fra en JSONL-fil")
    ingest.add_argument("--db", metavar="URL", help="SQLAlchemy-URL (standard: sqlite:///referat.db)")
    ingest.add_argument("--skip-existing", "--resume", dest="skip_existing", action="store_true",
                        help="spring dokumenter over, der allerede er gemt (genoptag en afbrudt kørsel)")
    ingest.add_argument("--workers", type=int, default=1, metavar="N",
                        help="antal arbejdsprocesser på denne maskine (standard 1); med --dask local: antal Dask-workers")
    ingest.add_argument("--dask", metavar="ADRESSE",
                        help="kør analysen på en Dask-klynge: 'local' starter en på denne maskine, "
                             "'tcp://vært:8786' bruger en kørende scheduler (kræver referat[dask])")
    ingest.add_argument("--stages", default=None, help="trin efter opdelingen (standard: alle)")
    ingest.add_argument("--batch-size", type=int, default=16, help="dokumenter pr. transaktion")
    ingest.set_defaults(handler=run_ingest)

    export = commands.add_parser(
        "export", help="eksportér ét punkt pr. række som CSV eller JSONL",
        description="Skriv alle gemte dagsordenspunkter med deres felter.",
    )
    export.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    export.add_argument("-o", "--output", metavar="FIL", help="fil (skrives atomisk); standard output uden")
    export.add_argument("--db", metavar="URL", help="SQLAlchemy-URL (standard: sqlite:///referat.db)")
    export.set_defaults(handler=run_export)


def run_ingest(args) -> int:
    from nlp.analyze import STAGES
    from nlp.cli import UserError
    from nlp.store import Store

    if not args.inputs and not args.jsonl:
        raise UserError("Angiv filer, mapper eller --jsonl FIL.")
    if args.stages is None:
        args.stages = ",".join(STAGES)
    if args.workers < 1:
        raise UserError("--workers skal være mindst 1.")
    analyzer = make_analyzer(args)
    store = Store(args.db)
    spread = {"skip_existing": args.skip_existing, "batch_size": args.batch_size,
              "workers": args.workers, "dask": args.dask}
    try:
        if args.jsonl:
            if not Path(args.jsonl).is_file():
                raise UserError(f"Filen findes ikke: {args.jsonl}")
            report = ingest_jsonl(store, analyzer, args.jsonl, **spread)
        else:
            paths = expand_paths(args.inputs)
            if not paths:
                raise UserError("Ingen dokumenter fundet.")
            report = ingest_paths(store, analyzer, paths, **spread)
    except (RuntimeError, OSError) as exc:  # no Dask installed, scheduler unreachable
        raise UserError(f"Kørslen kunne ikke startes: {exc}") from exc
    print(report.summary(), file=sys.stderr)
    if report.worker_memory_mb:
        peak = max(report.worker_memory_mb.values())
        print(f"Højeste hukommelsesforbrug pr. proces: {peak:,.0f} MB.", file=sys.stderr)
    return report_failures(report.failures)


def run_export(args) -> int:
    from nlp.store import Store
    from nlp.store.export import export_items, write_records, iter_item_records

    store = Store(args.db)
    if args.output in (None, "-"):
        with output_stream(None) as out:
            count = write_records(iter_item_records(store), out, args.format)
    else:
        count = export_items(store, args.output, args.format)
    print(f"{count} punkter eksporteret.", file=sys.stderr)
    return 0
