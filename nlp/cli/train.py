"""`referat train …`: rebuild the models from training_data/ (and ../shared/corpus)."""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from nlp.paths import models_dir


def register(commands) -> None:
    train = commands.add_parser("train", help="træn modellerne igen fra training_data/",
                                description="Genopbyg modellerne fra de mærkede data.")
    which = train.add_subparsers(dest="what", metavar="HVAD")
    entities = which.add_parser("entities", help="spaCy-pipelinen (NER trænet med spacy train)")
    entities.add_argument("--max-steps", type=int, default=None, help="højst så mange træningsskridt")
    entities.add_argument("--output", default=None, help="mappe til pipelinen (standard: models/referat_da)")
    entities.add_argument("--reassemble", action="store_true",
                          help="byg kun pipelinen om (regler, leksika, config) om den trænede NER")
    entities.set_defaults(handler=run_train_entities)
    classifiers = which.add_parser("classifiers", help="temaer, udfald og politikområde (scikit-learn)")
    classifiers.add_argument("--db", metavar="URL", default=None,
                             help="tag også de afgjorte mærkninger fra denne database med")
    classifiers.set_defaults(handler=run_train_classifiers)
    summarizer = which.add_parser("summarizer", help="IDF-vægte til resuméerne")
    summarizer.set_defaults(handler=run_train_summarizer)
    everything = which.add_parser("all", help="alle modeller")
    everything.add_argument("--max-steps", type=int, default=None)
    everything.set_defaults(handler=run_train_all, output=None, reassemble=False, db=None)
    train.set_defaults(handler=lambda args: train.print_help() or 2)


def run_train_entities(args) -> int:
    from nlp.models import write_manifest
    from nlp.pipeline.training import assemble, train_ner

    started = time.perf_counter()
    output = Path(args.output) if args.output else models_dir() / "referat_da"
    with tempfile.TemporaryDirectory(prefix="referat-ner-") as tmp:
        tmp = Path(tmp)
        if args.reassemble:
            import shutil

            shutil.copytree(output, tmp / "current")
            assemble(tmp / "current", output)
            write_manifest(output)
            print(f"Pipeline bygget om i {output}.", file=sys.stderr)
            return 0
        sizes = train_ner(tmp / "ner", workdir=tmp, max_steps=args.max_steps)
        assemble(tmp / "ner" / "model-last", output)
    (models_dir() / "metrics").mkdir(parents=True, exist_ok=True)
    (models_dir() / "metrics" / "entities_training.json").write_text(
        json.dumps({"corpora": sizes, "seconds": round(time.perf_counter() - started, 1)},
                   ensure_ascii=False, indent=2), encoding="utf-8")
    write_manifest(output)
    print(f"Pipeline gemt i {output} ({time.perf_counter() - started:.0f} s).", file=sys.stderr)
    return 0


def run_train_classifiers(args) -> int:
    from nlp.classify.training import train_all

    extra = []
    if args.db:
        from nlp.labelling.retrain import labelled_items
        from nlp.store import Store

        extra = labelled_items(Store(args.db))
    info = train_all(extra_items=extra)
    print(f"Klassifikatorer trænet på {info['trained_items']} punkter og {info['theme_titles']} titler "
          f"({info['total_seconds']:.0f} s).", file=sys.stderr)
    return 0


def run_train_summarizer(args) -> int:
    from nlp.summarize.training import train_summarizer

    info = train_summarizer()
    print(f"Resuméer: IDF for {info['lemmas']} lemmaer fra {info['documents']} dokumenter; sætningsvægte "
          f"lært af {info['cases']} punkter med Resumé.", file=sys.stderr)
    return 0


def run_train_all(args) -> int:
    return run_train_entities(args) or run_train_classifiers(args) or run_train_summarizer(args)
