"""Command line: ``python -m pipeline extract|annotate|validate|evaluate|report``.

Exit status: 0 ok; 3 the run finished but some articles (or input lines) had errors;
2 a problem with the run itself (one line on stderr); 1 ``validate`` found problems.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import logging
import os
import signal
import sys
import warnings
from pathlib import Path
from types import FrameType
from typing import NoReturn

EXIT_OK = 0
EXIT_PROBLEMS = 1  # validate found problems in the gold
EXIT_USAGE = 2
EXIT_ARTICLE_ERRORS = 3
DEBUG_ENV = "PIPELINE_DEBUG"


class RunError(Exception):
    """A problem with the run itself: reported in one line, exit status 2."""


class Interrupted(BaseException):
    """SIGTERM or SIGHUP: unwinds like Ctrl-C, so temporary files and the lock are released."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class OneLineParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


class EscapingFormatter(logging.Formatter):
    """Log lines with control characters escaped: file names and texts cannot drive the
    terminal."""

    def format(self, record: logging.LogRecord) -> str:
        from .writer import escape_controls

        return escape_controls(super().format(record))


def _one_line(text: object) -> str:
    from .writer import escape_controls

    return escape_controls(str(text).strip())


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = logging.StreamHandler()
    handler.setFormatter(EscapingFormatter("%(levelname)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)
    warnings.simplefilter("once")
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 128 + signal.SIGINT
    except Interrupted as exc:
        print(f"interrupted ({exc})", file=sys.stderr)
        return 128 + exc.signum
    except Exception as exc:  # a one-line error instead of a traceback
        if os.environ.get(DEBUG_ENV):
            raise
        print(f"error: {_describe(exc)}", file=sys.stderr)
        return EXIT_USAGE


def _describe(exc: Exception) -> str:
    from .corpus import CorpusError
    from .lang.loader import LanguageDataError
    from .nlp import ModelNotFoundError
    from .writer import OutputError

    if isinstance(exc, (RunError, CorpusError, ModelNotFoundError, LanguageDataError, OutputError)):
        return _one_line(exc)
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return _one_line(f"{type(exc).__name__}: {first} (set {DEBUG_ENV}=1 for the traceback)")


def _handle_termination() -> None:
    """SIGTERM/SIGHUP unwind the run (cleanup included); under make, the run also ends
    when make is killed (Linux: the parent-death signal), so no orphan writes later."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Interrupted(signum)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        with contextlib.suppress(ValueError, OSError):  # not the main thread
            signal.signal(signum, stop)
    if os.environ.get("MAKELEVEL") and sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            pr_set_pdeathsig = 1
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
            if os.getppid() == 1:  # make is already gone
                raise Interrupted(signal.SIGTERM)


def _size(value: str) -> int:
    from .corpus import parse_size

    try:
        size = parse_size(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if size <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return size


def build_parser() -> argparse.ArgumentParser:
    from .corpus import DEFAULT_MAX_BYTES

    parser = OneLineParser(prog="python -m pipeline", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=OneLineParser)

    extract = commands.add_parser("extract", help="corpus folder → CSV tables + JSON Lines")
    extract.add_argument("corpus", type=Path, help="folder with articles/*.txt and articles.csv")
    extract.add_argument("--out", type=Path, default=Path("outputs"))
    extract.add_argument(
        "--model", default="default", help="'default' (shipped or blank), 'blank', a spaCy package or a path"
    )
    extract.add_argument(
        "--max-bytes",
        type=_size,
        default=DEFAULT_MAX_BYTES,
        help=f"largest article read, in bytes (500k, 5M...; default {DEFAULT_MAX_BYTES:,})",
    )
    extract.add_argument("--no-progress", action="store_true")
    extract.set_defaults(run=run_extract)

    annotate = commands.add_parser("annotate", help="JSON Lines on stdin → JSON Lines on stdout")
    annotate.add_argument("--jsonl", action="store_true", required=True)
    annotate.add_argument("--model", default="default")
    annotate.add_argument("--max-bytes", type=_size, default=DEFAULT_MAX_BYTES, help="largest 'text', in bytes")
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

    report = commands.add_parser("report", help="extracted tables → static HTML site in OUT/report/")
    report.add_argument("--out", type=Path, default=Path("outputs"), help="the extract run's output folder")
    report.add_argument("--corpus", type=Path, default=Path("corpus"), help="the corpus it was extracted from")
    report.set_defaults(run=run_report)
    return parser


def load_model(model: str):  # -> Language (spaCy imported lazily)
    """``build_nlp`` with every failure as one line: a missing model, or a broken one."""
    from .lang.loader import LanguageDataError
    from .nlp import ModelNotFoundError, build_nlp

    try:
        return build_nlp(model)
    except (ModelNotFoundError, LanguageDataError):
        raise
    except Exception as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise RunError(f"model '{model}' cannot be loaded: {type(exc).__name__}: {first}") from exc


def run_extract(args: argparse.Namespace) -> int:
    from .extract import extract_corpus

    summary = extract_corpus(
        lambda: load_model(args.model), args.corpus, args.out, progress=not args.no_progress, max_bytes=args.max_bytes
    )
    print(_one_line(f"extract: {summary.line()} → {args.out}/"), file=sys.stderr)
    if summary.errors:
        print("extract: exit status 3: tables written, some articles had errors (status=error)", file=sys.stderr)
        return EXIT_ARTICLE_ERRORS
    return EXIT_OK


def run_annotate(args: argparse.Namespace) -> int:
    from .extract import LINE_OVERHEAD, annotate_jsonl, read_lines

    nlp = load_model(args.model)
    try:
        with open(
            sys.stdout.fileno(), "w", encoding="utf-8", errors="backslashreplace", newline="\n", closefd=False
        ) as out:
            lines = read_lines(sys.stdin.buffer, args.max_bytes * LINE_OVERHEAD)
            errors = annotate_jsonl(nlp, lines, out, args.max_bytes)
    except BrokenPipeError:
        # the reader went away (`| head -1`): stop quietly, and keep Python's own flush
        # at exit from failing again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return EXIT_OK
    if errors:
        print(f"annotate: {errors} input lines had errors", file=sys.stderr)
        return EXIT_ARTICLE_ERRORS
    return EXIT_OK


def run_validate(args: argparse.Namespace) -> int:
    from .gold import GoldDirError, validate_gold_dir

    gold_dir = args.gold or args.corpus / "gold"
    try:
        problems = validate_gold_dir(args.corpus, gold_dir)
    except GoldDirError as exc:
        raise RunError(str(exc)) from None
    for problem in problems:
        print(_one_line(problem), file=sys.stderr)
    print(_one_line(f"validate: {len(problems)} problems in {gold_dir}/"), file=sys.stderr)
    return EXIT_PROBLEMS if problems else EXIT_OK


def run_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import GoldInvalidError, evaluate, format_summary, scores_markdown
    from .writer import OutputError, atomic_write_text, verify_outputs

    if not args.pred.is_dir():
        raise RunError(f"{args.pred}: no outputs to score (run extract first)")
    problems = verify_outputs(args.pred)
    if problems and problems[0].startswith("no manifest"):
        logging.getLogger("pipeline").warning("%s: %s", args.pred, problems[0])
    elif problems:
        raise RunError(f"{args.pred}: not the outputs of one complete run: {problems[0]}")
    try:
        table = evaluate(args.pred, args.gold, args.corpus)
    except GoldInvalidError as exc:
        raise RunError(str(exc)) from None
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(args.out, table.to_csv(index=False, lineterminator="\n"))
        markdown = args.out.with_suffix(".md")  # the short table shown in the README
        atomic_write_text(markdown, scores_markdown(table) + "\n")
    except OSError as exc:
        raise OutputError(f"{args.out}: cannot write the scores ({exc.strerror or exc})") from exc
    print(format_summary(table))
    print(f"evaluate: wrote {args.out} and {markdown}", file=sys.stderr)
    return EXIT_OK


def run_report(args: argparse.Namespace) -> int:
    from .report import Summary, TablesError, build_report

    summary = Summary()
    try:
        site = build_report(args.out, args.corpus, summary)
    except TablesError as exc:
        raise RunError(str(exc)) from None
    except OSError as exc:
        raise RunError(f"{args.out}: cannot write the report ({exc.strerror or exc})") from exc
    print(_one_line(f"report: {summary.line()} → {site}/index.html"), file=sys.stderr)
    return EXIT_OK


if __name__ == "__main__":
    _handle_termination()
    sys.exit(main())
