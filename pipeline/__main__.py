"""Command line: ``italian-news extract|annotate|validate|evaluate|report`` (also ``python -m pipeline``).

Exit status: 0 ok; 3 the run finished but some articles (or input lines) had errors;
2 a problem with the run itself or a bad option (one line on stderr); 1 ``validate``
found problems. Built with typer; every error is one line, never a traceback
(``PIPELINE_DEBUG=1`` shows it).
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import sys
import warnings
from enum import StrEnum
from pathlib import Path
from types import FrameType
from typing import Annotated, NoReturn

import typer

from .corpus import DEFAULT_MAX_BYTES

EXIT_OK = 0
EXIT_PROBLEMS = 1  # validate found problems in the gold
EXIT_USAGE = 2
EXIT_ARTICLE_ERRORS = 3
DEBUG_ENV = "PIPELINE_DEBUG"
DISTRIBUTION = "italian-news-pipeline"
SCRIPT = "italian-news"


class RunError(Exception):
    """A problem with the run itself: reported in one line, exit status 2."""


class Interrupted(BaseException):
    """SIGTERM or SIGHUP: unwinds like Ctrl-C, so temporary files and the lock are released."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class EscapingFormatter(logging.Formatter):
    """Log lines with control characters escaped: file names and texts cannot drive the
    terminal."""

    def format(self, record: logging.LogRecord) -> str:
        from .writer import escape_controls

        return escape_controls(super().format(record))


def _one_line(text: object) -> str:
    from .writer import escape_controls

    return escape_controls(" ".join(str(text).split()))


def version() -> str:
    """The installed version of the package (``--version``)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed(DISTRIBUTION)
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


# ----------------------------------------------------------------------------- options


def _size(value: str | int) -> int:
    """``--max-bytes``: 1000000, 500k, 5M, 1G (powers of 1000), more than 0."""
    from .corpus import parse_size

    if isinstance(value, int):
        return value
    try:
        size = parse_size(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    if size <= 0:
        raise typer.BadParameter("must be more than 0")
    return size


def _existing_folder(value: Path | None) -> Path | None:
    """Path check for inputs: the folder must exist (an output folder is created instead)."""
    if value is None:
        return None
    if not value.exists():
        raise typer.BadParameter(f"{_shown(value)}: folder does not exist")
    if not value.is_dir():
        raise typer.BadParameter(f"{_shown(value)}: is not a folder")
    return value


def _shown(path: Path) -> str:
    from .writer import shown

    return shown(path)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"{SCRIPT} {version()}")
        raise typer.Exit(EXIT_OK)


MODEL_HELP = "'default' (the shipped models/it_news, else blank), 'blank', an installed spaCy package or a path"
MaxBytes = Annotated[
    int,
    typer.Option(
        "--max-bytes",
        parser=_size,
        metavar="SIZE",
        help=f"Largest article read, in bytes (500k, 5M...; default {DEFAULT_MAX_BYTES:,}); larger ones are errors.",
    ),
]
Model = Annotated[str, typer.Option("--model", metavar="NAME|PATH", help=MODEL_HELP)]


class Engine(StrEnum):
    """Where ``extract`` processes the articles."""

    local = "local"
    dask = "dask"


app = typer.Typer(
    name=SCRIPT,
    help="Entities, dates, numbers and events from Italian news articles, as tables.",
    epilog="Exit status: 0 ok, 3 some articles had errors, 2 the run failed or bad usage, 1 validate found problems.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root(
    show_version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Entities, dates, numbers and events from Italian news articles, as tables."""


@app.command("extract")
def extract_command(
    corpus: Annotated[
        Path,
        typer.Argument(
            callback=_existing_folder,
            metavar="CORPUS",
            help="Corpus folder: articles/*.txt (or the texts themselves) and articles.csv; "
            "or the articles folder itself, with articles.csv beside it.",
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Output folder, created if missing; its tables are replaced as one set.")
    ] = Path("outputs"),
    model: Model = "default",
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    no_progress: Annotated[bool, typer.Option("--no-progress", help="No progress bar on stderr.")] = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, help="Worker processes: 0 = every core, 1 = this process only.")
    ] = 0,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Process every article again, without the result cache.")
    ] = False,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="local: processes on this machine; dask: dask.distributed workers "
            "(DASK_SCHEDULER=tcp://host:8786, else a local cluster).",
        ),
    ] = Engine.local,
) -> int:
    """Corpus folder → CSV tables + JSON Lines in OUT (exit 3 when some articles had errors)."""
    from .extract import run_extract

    summary = run_extract(
        model,
        corpus,
        out,
        progress=not no_progress,
        max_bytes=max_bytes,
        jobs=jobs,
        cache=not no_cache,
        engine=engine.value,
    )
    print(_one_line(f"extract: {summary.line()} → {out}/"), file=sys.stderr)
    if summary.errors:
        print("extract: exit status 3: tables written, some articles had errors (status=error)", file=sys.stderr)
        return EXIT_ARTICLE_ERRORS
    return EXIT_OK


@app.command("annotate")
def annotate_command(
    jsonl: Annotated[
        bool,
        typer.Option(
            "--jsonl", help="Read JSON Lines on stdin, write JSON Lines on stdout (required: the one format)."
        ),
    ] = False,
    model: Model = "default",
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, help="Worker processes: 0 = every core, 1 = this process only.")
    ] = 1,
) -> int:
    """JSON Lines on stdin ({"id", "text", "published"}) → one JSON line per input line on stdout."""
    from .extract import LINE_OVERHEAD, annotate_jsonl, read_lines
    from .nlp import model_location
    from .workers import ModelLoader, WorkerPool, default_jobs

    if not jsonl:
        raise typer.BadParameter("required: JSON Lines is the one format annotate reads", param_hint="--jsonl")
    jobs = jobs or default_jobs()
    model_location(model)  # a missing model: one line before any input is read
    nlp = load_model(model) if jobs == 1 else WorkerPool(jobs, ModelLoader(model, max_bytes))
    try:
        with open(
            sys.stdout.fileno(), "w", encoding="utf-8", errors="backslashreplace", newline="\n", closefd=False
        ) as stream:
            lines = read_lines(sys.stdin.buffer, max_bytes * LINE_OVERHEAD)
            errors = annotate_jsonl(nlp, lines, stream, max_bytes, jobs=jobs)
    except BrokenPipeError:
        # the reader went away (`| head -1`): stop quietly, and keep Python's own flush
        # at exit from failing again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return EXIT_OK
    finally:
        if isinstance(nlp, WorkerPool):
            nlp.close()
    if errors:
        print(f"annotate: {errors} input lines had errors", file=sys.stderr)
        return EXIT_ARTICLE_ERRORS
    return EXIT_OK


@app.command("validate")
def validate_command(
    corpus: Annotated[
        Path,
        typer.Argument(
            callback=_existing_folder, metavar="CORPUS", help="Corpus folder whose articles the gold annotates."
        ),
    ],
    gold: Annotated[
        Path | None, typer.Option("--gold", help="Gold folder (default: CORPUS/gold).", show_default=False)
    ] = None,
) -> int:
    """Check the gold annotations against the articles and the guidelines (exit 1 on problems)."""
    from .gold import GoldDirError, validate_gold_dir

    gold_dir = gold or corpus / "gold"
    try:
        problems = validate_gold_dir(corpus, gold_dir)
    except GoldDirError as exc:
        raise RunError(str(exc)) from None
    for problem in problems:
        print(_one_line(problem), file=sys.stderr)
    print(_one_line(f"validate: {len(problems)} problems in {gold_dir}/"), file=sys.stderr)
    return EXIT_PROBLEMS if problems else EXIT_OK


@app.command("evaluate")
def evaluate_command(
    pred: Annotated[Path, typer.Option("--pred", help="Outputs of `extract` to score.")] = Path("outputs"),
    gold: Annotated[Path, typer.Option("--gold", help="Gold annotations folder.")] = Path("corpus/gold"),
    corpus: Annotated[
        Path, typer.Option("--corpus", callback=_existing_folder, help="Corpus folder the gold is checked against.")
    ] = Path("corpus"),
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Scores CSV; a Markdown table is written beside it (.md).")
    ] = Path("outputs/evaluation.csv"),
) -> int:
    """Score the extracted tables against the gold: per table, label, strict and relaxed matching."""
    from .evaluate import GoldInvalidError, evaluate, format_summary, scores_markdown
    from .writer import OutputError, atomic_write_text, verify_outputs

    if not pred.is_dir():
        raise RunError(f"{_shown(pred)}: no outputs to score (run extract first)")
    problems = verify_outputs(pred)
    if problems and problems[0].startswith("no manifest"):
        logging.getLogger("pipeline").warning("%s: %s", _shown(pred), problems[0])
    elif problems:
        raise RunError(f"{_shown(pred)}: not the outputs of one complete run: {problems[0]}")
    try:
        table = evaluate(pred, gold, corpus)
    except GoldInvalidError as exc:
        raise RunError(str(exc)) from None
    if not (pred / "documents.csv").is_file():  # scores of nothing would overwrite real ones
        raise RunError(f"{_shown(pred)}: no documents.csv, nothing to score (run extract first)")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(out, table.to_csv(index=False, lineterminator="\n"))
        markdown = out.with_suffix(".md")  # the short table shown in the README
        atomic_write_text(markdown, scores_markdown(table) + "\n")
    except OSError as exc:
        raise OutputError(f"{_shown(out)}: cannot write the scores ({exc.strerror or exc})") from exc
    print(format_summary(table))
    print(f"evaluate: wrote {out} and {markdown}", file=sys.stderr)
    return EXIT_OK


@app.command("report")
def report_command(
    out: Annotated[
        Path, typer.Option("--out", "-o", callback=_existing_folder, help="The extract run's output folder.")
    ] = Path("outputs"),
    corpus: Annotated[
        Path, typer.Option("--corpus", callback=_existing_folder, help="The corpus it was extracted from.")
    ] = Path("corpus"),
) -> int:
    """Extracted tables → a static HTML site in OUT/report/ (no server, no network)."""
    from .report import Summary, TablesError, build_report

    summary = Summary()
    try:
        site = build_report(out, corpus, summary)
    except TablesError as exc:
        raise RunError(str(exc)) from None
    except OSError as exc:
        raise RunError(f"{_shown(out)}: cannot write the report ({exc.strerror or exc})") from exc
    print(_one_line(f"report: {summary.line()} → {site}/index.html"), file=sys.stderr)
    return EXIT_OK


# ----------------------------------------------------------------------------- running


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


def main(argv: list[str] | None = None, prog_name: str | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    handler = logging.StreamHandler()
    handler.setFormatter(EscapingFormatter("%(levelname)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)
    warnings.simplefilter("once")
    prog = prog_name or _prog_name()
    command = typer.main.get_command(app)
    try:
        # not standalone: typer returns the command's status (and --help's or --version's
        # 0) instead of exiting, and raises usage errors for the one-line report below
        status = command.main(args=argv, prog_name=prog, standalone_mode=False)
    except typer.TyperException as exc:  # a bad option or argument, a missing command
        ctx = getattr(exc, "ctx", None)
        where = ctx.command_path if ctx is not None else prog
        print(f"{where}: error: {_one_line(exc.format_message())} (see --help)", file=sys.stderr)
        return EXIT_USAGE
    except (KeyboardInterrupt, typer.Abort):
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
    if status == 128 + signal.SIGINT:  # typer turns Ctrl-C into this status
        print("interrupted", file=sys.stderr)
    return int(status or 0)


def _prog_name() -> str:
    return SCRIPT if Path(sys.argv[0]).name == SCRIPT else "python -m pipeline"


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


def console() -> NoReturn:
    """The ``italian-news`` console script and ``python -m pipeline``."""
    _handle_termination()
    sys.exit(main())


if __name__ == "__main__":
    console()
