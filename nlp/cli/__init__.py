"""The `referat` command line: analyse, summarise, store, export, train and evaluate.

Every command prints Danish messages for people, machine-readable output where asked,
and never a traceback for bad input (run with --debug to see one).
"""

from __future__ import annotations

import argparse
import logging
import sys

from nlp.cli import analyze, evaluate, label, store, train
from nlp.readers import ReadError

COMMANDS = (analyze, store, label, train, evaluate)


class UserError(Exception):
    """A problem the user can fix; printed as one Danish line."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="referat",
        description="Referat: læs danske kommunale dagsordener og referater – opdel, find enheder, "
                    "klassificér og resumér.",
    )
    parser.add_argument("--debug", action="store_true", help="vis fejlspor ved fejl")
    parser.add_argument("-v", "--verbose", action="store_true", help="skriv log-linjer (på engelsk)")
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO")
    for module in COMMANDS:
        module.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except (UserError, ReadError) as exc:
        if args.debug:
            raise
        print(f"Fejl: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Afbrudt.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: a message, not a traceback
        if args.debug:
            raise
        print(f"Uventet fejl: {type(exc).__name__}: {exc} (kør med --debug for detaljer)", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
