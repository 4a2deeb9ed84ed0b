"""`referat evaluate …`: held-out scores for every step, printed and written to model cards."""

from __future__ import annotations

import json
import sys

from nlp.paths import repo_root


def register(commands) -> None:
    evaluate = commands.add_parser("evaluate", help="mål kvaliteten på held-out data",
                                   description="Evaluér et trin på data, det ikke er trænet på.")
    which = evaluate.add_subparsers(dest="what", metavar="HVAD")
    split = which.add_parser("split", help="opdelingen i punkter på korpussets mærkede sider")
    split.add_argument("--write", action="store_true", help="skriv docs/splitter-evaluation.md")
    split.add_argument("--show-errors", action="store_true", help="list sider med fejl")
    split.add_argument("--json", action="store_true", help="skriv tallene som JSON")
    split.set_defaults(handler=run_split)
    entities = which.add_parser("entities", help="enhederne på de held-out kommuner (fuld pipeline mod regler)")
    entities.add_argument("--write", action="store_true", help="skriv modelkortet models/referat_da.md")
    entities.set_defaults(handler=run_entities)
    classifiers = which.add_parser("classifiers", help="temaer, udfald og politikområde mod baselines")
    classifiers.add_argument("--write", action="store_true", help="skriv modelkortene i models/")
    classifiers.add_argument("--json", action="store_true", help="skriv hele rapporten som JSON")
    classifiers.set_defaults(handler=run_classifiers)
    summaries = which.add_parser("summaries", help="resuméer mod personalets Resumé (ROUGE) og lead-3")
    summaries.add_argument("--write", action="store_true", help="skriv modelkortet models/summarizer.md")
    summaries.set_defaults(handler=run_summaries)
    evaluate.set_defaults(handler=lambda args: evaluate.print_help() or 2)


def _need_corpus() -> None:
    from nlp import corpus
    from nlp.cli import UserError

    if not corpus.corpus_available():
        raise UserError("Korpusset (../shared/corpus) findes ikke ved siden af projektet.")


def run_split(args) -> int:
    from nlp.evaluate.split import evaluate_split

    _need_corpus()
    report = evaluate_split()
    data = report.to_dict()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(f"Fundne mærkede punkter (recall):   {data['recall']:.3f}  ({data['items_labelled']} mærkede)")
        print(f"Ægte punkter blandt output (precision): {data['precision']:.3f}  ({data['items_output']} fundet)")
        for name, entry in data["meeting_fields"].items():
            print(f"Mødefelt {name:<13} {entry['accuracy']:.3f}  ({entry['right']}/{entry['labelled']})")
    if args.show_errors:
        for page in report.pages:
            if page.missed or page.spurious:
                print(f"{page.id} {page.municipality}: mangler {page.missed} · for meget {page.spurious}",
                      file=sys.stderr)
    if args.write:
        target = repo_root() / "docs" / "splitter-evaluation.md"
        target.write_text(report.to_markdown(), encoding="utf-8")
        print(f"Skrevet: {target}", file=sys.stderr)
    return 0


def run_entities(args) -> int:
    from nlp.evaluate.entities import evaluate_entities, scores_table

    _need_corpus()
    results = evaluate_entities()
    print(scores_table(results))
    for result in results:
        print(f"{result.name}: {result.to_dict()['words_per_second']} ord/s", file=sys.stderr)
    if args.write:
        from nlp.evaluate.cards import write_entity_card

        path = write_entity_card(results)
        print(f"Skrevet: {path}", file=sys.stderr)
    return 0


def run_classifiers(args) -> int:
    from nlp.evaluate.classifiers import evaluate_classifiers

    _need_corpus()
    report = evaluate_classifiers()
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for name, scores in report["outcome"]["systems"].items():
            d = scores["items_with_decision"]
            print(f"Udfald   {name:<22} nøjagtighed {d['accuracy']:.3f}  makro-F1 {d['macro_f1']:.3f}  "
                  f"(punkter med beslutning); uden beslutning → none: {scores['none_recall']:.3f}")
        cv = report["cross_validation"]
        print(f"Udfald   {'krydsvalidering':<22} nøjagtighed {cv['outcome']['accuracy']:.3f}  "
              f"makro-F1 {cv['outcome']['macro_f1']:.3f}  ({cv['folds']} fold over træningskommunerne)")
        themes = [*report["themes"]["systems"].items(), ("krydsvalidering", cv["themes"]),
                  ("krydsval. keyword rules", cv["themes_keyword_rules"])]
        for name, scores in themes:
            print(f"Temaer   {name:<22} mikro-F1 {scores['micro_f1']:.3f}  makro-F1 {scores['macro_f1']:.3f}  "
                  f"mikro-F1 uden governance {scores['substantive_micro_f1']:.3f}")
        for name, scores in report["policy_area"]["systems"].items():
            print(f"Område   {name:<22} nøjagtighed {scores['accuracy']:.3f}  makro-F1 {scores['macro_f1']:.3f}")
        print(f"{report['ms_per_item']} ms pr. punkt")
    if args.write:
        from nlp.evaluate.cards import write_classifier_cards

        for path in write_classifier_cards(report):
            print(f"Skrevet: {path}", file=sys.stderr)
    return 0


def run_summaries(args) -> int:
    from nlp.evaluate.summaries import evaluate_summaries

    report = evaluate_summaries()
    for part in ("held_out", "cross_validated"):
        print(f"{part} ({report[part]['cases']} punkter):")
        for name, scores in report[part]["systems"].items():
            print(f"  {name:<10} ROUGE-1 {scores['rouge1']:.4f}  ROUGE-2 {scores['rouge2']:.4f}  "
                  f"ROUGE-L {scores['rougeL']:.4f}")
    if args.write:
        import importlib.util

        from nlp.evaluate.cards import write_summary_card
        from nlp.paths import repo_root

        spec = importlib.util.spec_from_file_location("bench", repo_root() / "benchmarks" / "summaries.py")
        bench = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(bench)
        print(f"Skrevet: {write_summary_card(report, bench.measure())}", file=sys.stderr)
    return 0
