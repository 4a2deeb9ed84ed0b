"""`referat label …` and `referat app`: the labelling workspace and the app from the shell."""

from __future__ import annotations

import subprocess
import sys

from nlp.paths import repo_root


def register(commands) -> None:
    label = commands.add_parser("label", help="mærkninger: eksport, import, kø",
                                description="Arbejd med mærkningerne i databasen.")
    which = label.add_subparsers(dest="what", metavar="HANDLING")
    export = which.add_parser("export", help="skriv mærkningerne som JSONL (Prodigy-format) eller spaCy DocBin")
    export.add_argument("-o", "--output", required=True, metavar="FIL")
    export.add_argument("--format", choices=("jsonl", "docbin"), default="jsonl")
    export.add_argument("--settled", action="store_true", help="kun afgjorte mærkninger (dem, der træner)")
    export.add_argument("--db", metavar="URL")
    export.set_defaults(handler=run_export)
    imported = which.add_parser("import", help="læs mærkninger fra JSONL (med meta.item_key)")
    imported.add_argument("file", metavar="FIL")
    imported.add_argument("--annotator", help="navn på alle de importerede mærkninger")
    imported.add_argument("--db", metavar="URL")
    imported.set_defaults(handler=run_import)
    queue = which.add_parser("queue", help="de næste punkter at mærke (mest usikre først)")
    queue.add_argument("--annotator", required=True)
    queue.add_argument("--mode", choices=("uncertain", "random", "filtered"), default="uncertain")
    queue.add_argument("-n", type=int, default=10)
    queue.add_argument("--db", metavar="URL")
    queue.set_defaults(handler=run_queue)
    label.set_defaults(handler=lambda args: label.print_help() or 2)

    app = commands.add_parser("app", help="start appen (streamlit run app.py)")
    app.add_argument("--port", type=int, default=8501)
    app.set_defaults(handler=run_app)


def run_export(args) -> int:
    from nlp.labelling.exchange import export_docbin, export_jsonl
    from nlp.store import Store

    store = Store(args.db)
    if args.format == "jsonl":
        count = export_jsonl(store, args.output, settled_only=args.settled)
    else:
        count = export_docbin(store, args.output)
    print(f"{count} mærkninger skrevet til {args.output}.", file=sys.stderr)
    return 0


def run_import(args) -> int:
    from nlp.labelling.exchange import import_jsonl
    from nlp.store import Store

    result = import_jsonl(Store(args.db), args.file, annotator=args.annotator)
    print(f"{result['imported']} mærkninger importeret.", file=sys.stderr)
    for reason in result["refused"]:
        print(f"  sprunget over: {reason}", file=sys.stderr)
    return 1 if result["refused"] else 0


def run_queue(args) -> int:
    from nlp.labelling import queue
    from nlp.store import Store
    from nlp.store.queries import get_item

    store = Store(args.db)
    for key in queue(store, args.annotator, args.mode, limit=args.n):
        record = get_item(store, key) or {}
        print(f"{key}\t{record.get('municipality') or ''}\t{record.get('title') or ''}")
    return 0


def run_app(args) -> int:
    command = [sys.executable, "-m", "streamlit", "run", str(repo_root() / "app.py"), "--server.port", str(args.port)]
    return subprocess.call(command)
