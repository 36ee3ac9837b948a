"""Italian language data (``it/``), its schemas (``schemas/``) and the one loader."""

from .loader import DATA_DIR, LanguageData, LanguageDataError, language_data

__all__ = ["DATA_DIR", "LanguageData", "LanguageDataError", "language_data"]
