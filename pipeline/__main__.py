"""Command line: ``python -m pipeline extract|annotate|validate|evaluate``."""

from __future__ import annotations

import argparse
import logging
import sys
import warnings
from pathlib import Path

EXIT_ARTICLE_ERRORS = 3
EXIT_USAGE = 2


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    warnings.simplefilter("once")
    try:
        return args.run(args)
    except Exception as exc:  # a one-line error instead of a traceback for known failures
        from .corpus import CorpusError
        from .lang.loader import LanguageDataError
        from .nlp import ModelNotFoundError

        if isinstance(exc, (CorpusError, ModelNotFoundError, LanguageDataError)):
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        raise


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="corpus folder → CSV tables + JSON Lines")
    extract.add_argument("corpus", type=Path, help="folder with articles/*.txt and articles.csv")
    extract.add_argument("--out", type=Path, default=Path("outputs"))
    extract.add_argument(
        "--model", default="default", help="'default' (shipped or blank), 'blank', a spaCy package or a path"
    )
    extract.add_argument("--no-progress", action="store_true")
    extract.set_defaults(run=run_extract)

    annotate = commands.add_parser("annotate", help="JSON Lines on stdin → JSON Lines on stdout")
    annotate.add_argument("--jsonl", action="store_true", required=True)
    annotate.add_argument("--model", default="default")
    annotate.set_defaults(run=run_annotate)

    validate = commands.add_parser("validate", help="check gold annotations")
    validate.add_argument("corpus", type=Path)
    validate.add_argument("--gold", type=Path, default=None)
    validate.set_defaults(run=run_validate)

    evaluate = commands.add_parser("evaluate", help="score extracted tables against gold")
    evaluate.add_argument("--pred", type=Path, default=Path("outputs"))
    evaluate.add_argument("--gold", type=Path, default=Path("corpus/gold"))
    evaluate.add_argument("--corpus", type=Path, default=Path("corpus"))
    evaluate.add_argument("--out", type=Path, default=Path("outputs/evaluation.csv"))
    evaluate.set_defaults(run=run_evaluate)
    return parser


def run_extract(args: argparse.Namespace) -> int:
    from .extract import extract_corpus
    from .nlp import build_nlp

    nlp = build_nlp(args.model)
    summary = extract_corpus(nlp, args.corpus, args.out, progress=not args.no_progress)
    print(f"extract: {summary.line()} → {args.out}/", file=sys.stderr)
    return EXIT_ARTICLE_ERRORS if summary.errors else 0


def run_annotate(args: argparse.Namespace) -> int:
    from .extract import annotate_jsonl
    from .nlp import build_nlp

    nlp = build_nlp(args.model)
    errors = annotate_jsonl(nlp, sys.stdin, sys.stdout)
    if errors:
        print(f"annotate: {errors} input lines had errors", file=sys.stderr)
    return 0


def run_validate(args: argparse.Namespace) -> int:
    from .gold import validate_gold_dir

    gold_dir = args.gold or args.corpus / "gold"
    problems = validate_gold_dir(args.corpus, gold_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"validate: {len(problems)} problems in {gold_dir}/", file=sys.stderr)
    return 1 if problems else 0


def run_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, format_summary, scores_markdown
    from .tables import atomic_write_text

    table = evaluate(args.pred, args.gold, args.corpus)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(args.out, table.to_csv(index=False, lineterminator="\n"))
    markdown = args.out.with_suffix(".md")  # the short table shown in the README
    atomic_write_text(markdown, scores_markdown(table) + "\n")
    print(format_summary(table))
    print(f"evaluate: wrote {args.out} and {markdown}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
