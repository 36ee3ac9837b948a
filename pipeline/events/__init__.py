"""Event extraction rules: data loading (lexicon), records, trigger matching and arguments."""
from .record import Argument, Event, ROW_COLUMNS  # noqa: F401
