"""The rules of ``it_numbers``, one responsibility per module.

- :mod:`.core`: the number cores (digits, number words, vague quantities, fractions,
  ordinals) and the record built from them;
- :mod:`.units`: what a number measures (percent, currency, measure inside the span; the
  counted noun outside it);
- :mod:`.guards`: context that says a number-looking token is no quantity (dates, clock
  times, names and codes, scores, ambiguous words);
- :mod:`.phrases`: qualifiers (più di, o più) and ranges (tra 100 e 200);
- :mod:`.matcher`: the scan of a Doc that ties them together.

All of them read a :class:`~pipeline.normalize.numbers_lexicon.NumberLexicon`: no word of
Italian is written here.
"""

from .matcher import NumberMatcher

__all__ = ["NumberMatcher"]
