"""The extraction as a static HTML site: ``python -m pipeline report --out OUT``.

``reader`` reads the tables back, ``marks`` nests overlapping spans, ``timeline`` places
TIMEX3 values on the calendar, ``charts`` lays out the SVG charts, ``build`` renders the
Jinja2 templates of ``templates/`` into ``OUT/report/``.
"""

from .build import REPORT_DIR, Summary, build_report
from .reader import TablesError

__all__ = ["REPORT_DIR", "Summary", "TablesError", "build_report"]
