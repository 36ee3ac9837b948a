"""Corrections of a statistical NER's entities, on plain tokens (no spaCy).

:func:`correct` takes the tokens of one article and the model's entities (token start,
token end exclusive, label) and returns the corrected entities, sorted and flat. The steps,
each switched by a field of :class:`Settings`:

0. ``join_names``: entities cut short are mended. Line breaks, quotes and dashes at an
   entity's edges are trimmed. A MISC name ending in a preposition was cut by an entity the
   MISC ner had to keep (it runs after the main one: "Gran Premio di" + "Monaco"): it takes
   that entity in, as the guidelines tag an event's name whole; any other name ending in a
   preposition loses it. A MISC name also takes "di" + a place and a year after it
   ("Olimpiadi" + "di" + "Milano Cortina", "Expo" + "2015"). With ``institution_places``,
   an institution (``institution_heads``: "Procura", "Tribunale", "Comando"...) followed by
   "di" and a place is one ORG, as the guidelines say ("Procura di Genova"; KIND often
   splits them: switch it off for KIND's convention). Run again after the gazetteer step.
   ``quoted_works``: a capitalised title in quotes right after a work noun (``work_cues``:
   "il film «La grande bellezza»", "la canzone “Due vite”") is one MISC entity over the
   quoted words; entities found inside it give way.
1. ``gazetteer``: an entity whose whole text is a strong gazetteer name takes the name's
   label when the model's label is one the name can be mistaken for: a country, world
   place, region, province or multi-word comune tagged PER or ORG becomes LOC (a country
   acting politically stays LOC, the guidelines' metonymy convention; a city tagged ORG
   stays ORG: "la Roma" is a team); an organisation tagged LOC (or PER, when written
   all-caps or in several words) or MISC becomes ORG. A one-word LOC or ORG no gazetteer
   knows, right after a role noun ("il tennista Alcaraz", ``person_cues``), is PER. A weak
   place name relabels a PER entity only after a place cue ("a Bra"). A surname of a full
   PER name in the article is never relabelled. Then strong names the model missed are
   added: capitalised, not sentence-initial common words, not touching another
   capitalised word.
2. ``common_words``: a one-word entity written capitalised that is a common lower-case
   word and no gazetteer name is dropped, unless the article also writes it capitalised
   in the middle of another sentence, or it is the surname of a full name.
3. ``consistency``: one label per name per article: the gazetteer's when the name is
   strong, else the majority (a tie changes nothing); a one-word entity that is the
   surname (last words) of a full PER name takes PER; later mentions of a recognised name
   (or surname) that the model missed are added: same tokens, capitalised, not
   overlapping an entity, not inside a longer capitalised name.

Headline lines written all-caps or in Title Case are re-tagged by the caller (the NER on a
truecased copy, :func:`truecase`); their tokens count as neither capitalised nor
lower-case evidence here. Applying :func:`correct` to its own output gives the same
output (tested).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .lexicon import LOC, MAX_NAME_TOKENS, MISC, ORG, PER, STRONG, WEAK, Entry, RulesLexicon, key

Ent = tuple[int, int, str]
#: labels the gazetteer may correct, for each label a strong name carries
CORRECTABLE = {LOC: frozenset({PER, ORG}), ORG: frozenset({LOC, PER, MISC}), MISC: frozenset({LOC, ORG, PER})}
#: labels whose name ending in a preposition takes in the entity right after it: MISC, whose
#: model runs after the main NER and must keep its entities ("Gran Premio di" + "Monaco").
#: Others trim the preposition: joining ORG and PER too cost 0.5 ORG F on KIND WN_dev and
#: gained nothing on our guideline-annotated news; a facility and its city stay apart.
JOIN_ACROSS_PREPOSITION = frozenset({MISC})
#: a year written after an event's name ("Expo 2015", "Rio 2016")
YEAR = re.compile(r"(1[89]|20)\d\d")
#: the longest title of a work in quotes, in tokens
MAX_TITLE_TOKENS = 15
#: an institution's name without its place: the head and at most two more words
MAX_INSTITUTION_WORDS = 3
#: sources whose names acting politically stay LOC even when the model says ORG
COUNTRY_SOURCES = frozenset({"countries", "capitals"})
#: headline detection: at least this many words; this share of them all-caps (a Title Case
#: line needs every word but the function words capitalised)
HEADLINE_MIN_WORDS = 3
HEADLINE_SHARE = 0.8


@dataclass(frozen=True)
class Tok:
    """A token: its text, whether its capital is positional, whether it is in a headline."""

    text: str
    initial: bool = False
    headline: bool = False
    space: bool = False


@dataclass(frozen=True)
class Settings:
    gazetteer: bool = True
    countries_as_loc: bool = True
    add_from_gazetteer: bool = True
    common_words: bool = True
    consistency: bool = True
    add_mentions: bool = True
    join_names: bool = True
    quoted_works: bool = True
    institution_places: bool = True


def is_capitalised(text: str) -> bool:
    return text[:1].isupper() and not text.isupper() or (len(text) == 1 and text.isupper())


def is_title(text: str) -> bool:
    return text[:1].isupper() and (len(text) == 1 or text[1:].islower())


# --------------------------------------------------------------------------- headlines
def headline_case(words: Sequence[str], lexicon: RulesLexicon) -> str | None:
    """ "caps" for an all-caps line, "title" for a Title Case one, else None."""
    alpha = [w for w in words if w.isalpha() and len(w) > 1]
    if len(alpha) < HEADLINE_MIN_WORDS:
        return None
    if sum(w.isupper() for w in alpha) >= HEADLINE_SHARE * len(alpha):
        return "caps"
    content = [w for w in alpha if w.casefold() not in lexicon.function_words]
    if len(content) >= HEADLINE_MIN_WORDS and all(is_title(w) for w in content):
        common = [w for w in content if w.casefold() in lexicon.common_words]
        if len(common) >= 2:  # a run of names ("Mario Draghi Incontra...") needs common words to tell
            return "title"
    return None


def truecase(words: Sequence[str], lexicon: RulesLexicon) -> list[str]:
    """Same-length words in sentence case: common words lower, others capitalised.

    A multi-word gazetteer name is kept capitalised as a whole ("STATI UNITI" -> "Stati Uniti").
    """
    out = list(words)
    protected: set[int] = set()
    for i in range(len(words)):
        for n in range(min(MAX_NAME_TOKENS, len(words) - i), 1, -1):
            if lexicon.lookup(" ".join(words[i : i + n])) is not None:
                protected.update(range(i, i + n))
                break
    first = True
    for i, word in enumerate(words):
        if not any(c.isalpha() for c in word):
            continue
        lower = word.lower()
        entry = lexicon.lookup(word)
        if first or i in protected or _strong(entry):
            new = word[:1].upper() + lower[1:]
        elif lexicon.is_common(word):
            new = lower
        else:
            new = word[:1].upper() + lower[1:]
        first = False
        out[i] = new if len(new) == len(word) else word
    return out


# --------------------------------------------------------------------------- the steps
class _Article:
    def __init__(self, tokens: Sequence[Tok], lexicon: RulesLexicon) -> None:
        self.tokens = tokens
        self.lex = lexicon
        # capitalised occurrences in the middle of a sentence, outside headlines
        self.mid_capitalised: Counter[str] = Counter(
            t.text for t in tokens if not t.initial and not t.headline and is_capitalised(t.text)
        )

    def text(self, ent: Ent | tuple[int, int]) -> str:
        return " ".join(t.text for t in self.tokens[ent[0] : ent[1]])

    def words(self, ent: Ent | tuple[int, int]) -> tuple[str, ...]:
        return tuple(t.text for t in self.tokens[ent[0] : ent[1]])

    def entry(self, ent: Ent | tuple[int, int]) -> Entry | None:
        return self.lex.lookup(self.text(ent))

    def surnames(self, ents: Iterable[Ent]) -> dict[tuple[str, ...], int]:
        """Last words of the full PER names ("Bazoum" of "Mohamed Bazoum", "De Gasperi" of
        "Alcide De Gasperi") -> the token where the first such full name ends."""
        out: dict[tuple[str, ...], int] = {}
        for start, end, label in sorted(ents):
            words = self.words((start, end))
            if label != PER or len(words) < 2 or not all(is_capitalised(w) or not w.isalpha() for w in words):
                continue
            for tail in {words[-1:], words[-2:] if len(words) > 2 else words[-1:]}:
                if tail[0][:1].isupper():
                    out[tail] = min(out.get(tail, end), end)
        return out


def _strong(entry: Entry | None) -> bool:
    return entry is not None and entry.strength == STRONG


def _strong_label(entry: Entry | None, text: str, label: str, countries_as_loc: bool = True) -> str | None:
    """The label a strong gazetteer match imposes on an entity labelled ``label``."""
    if entry is None or entry.label is None or entry.strength != STRONG or entry.label == label:
        return None
    if label not in CORRECTABLE.get(entry.label, frozenset()):
        return None
    if entry.label == LOC and label == ORG and (entry.source not in COUNTRY_SOURCES or not countries_as_loc):
        return None  # a city tagged ORG is a team or a council: left to the model
    if entry.label == LOC and text.isupper() and " " not in text:
        return None  # an acronym, not a place written in capitals
    if entry.label == ORG and label == PER and entry.common and not text.isupper() and " " not in text:
        return None
    return entry.label


def _gazetteer(art: _Article, ents: list[Ent], settings: Settings) -> list[Ent]:
    ents = _longer_names(art, ents)
    surnames = art.surnames(ents)
    out = []
    for start, end, label in ents:
        text = art.text((start, end))
        entry = art.entry((start, end))
        new = None
        if art.words((start, end)) not in surnames or label != PER:
            new = _strong_label(entry, text, label, settings.countries_as_loc)
            weak = entry is not None and entry.strength == WEAK
            if new is None and weak and label == PER and start > 0 and _after_place_cue(art, start):
                new = LOC
        if new is None and not _strong(entry) and label in (LOC, ORG) and _after_person_cue(art, start, end):
            new = PER
        out.append((start, end, new or label))
    if not settings.add_from_gazetteer:
        return out
    taken = {i for s, e, _ in out for i in range(s, e)}
    tokens = art.tokens
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if i in taken or tok.headline or not tok.text[:1].isupper() or not tok.text[:1].isalpha():
            i += 1
            continue
        found = None
        for n in range(min(MAX_NAME_TOKENS, len(tokens) - i), 0, -1):
            span = (i, i + n)
            if any(j in taken for j in range(i, i + n)) or tokens[i + n - 1].space:
                continue
            entry = art.entry(span)
            if entry is None or entry.label is None or entry.strength != STRONG:
                continue
            found = (i, i + n, entry)
            break
        if found is None or not _addable(art, found[0], found[1], found[2]):
            i += 1
            continue
        out.append((found[0], found[1], found[2].label or LOC))
        taken.update(range(found[0], found[1]))
        i = found[1]
    return sorted(out)


def _longer_names(art: _Article, ents: list[Ent]) -> list[Ent]:
    """An entity inside a longer strong gazetteer name written in the text takes the whole
    name and its label ("Italia" of "Italia Viva" -> ORG "Italia Viva", "Fiom" of "Fiom
    Cgil"), unless the name would swallow another entity."""
    owner = {i: n for n, (s, e, _) in enumerate(ents) for i in range(s, e)}
    out = []
    tokens = art.tokens
    for n, (start, end, label) in enumerate(ents):
        best = None
        for i in range(max(0, end - MAX_NAME_TOKENS), start + 1):
            if not is_capitalised(tokens[i].text) and not tokens[i].text.isupper():
                continue
            for j in range(min(len(tokens), i + MAX_NAME_TOKENS), end - 1, -1):
                if (i, j) == (start, end) or j - i < 2 or (best is not None and j - i <= best[1] - best[0]):
                    continue
                if any(owner.get(k, n) != n or tokens[k].space or tokens[k].headline for k in range(i, j)):
                    continue
                entry = art.entry((i, j))
                if entry is not None and entry.label is not None and entry.strength == STRONG:
                    best = (i, j, entry.label)
        out.append(best or (start, end, label))
    return sorted(set(out))


def _after_person_cue(art: _Article, start: int, end: int) -> bool:
    """A one-word capitalised name right after a role noun: "il tennista Alcaraz"."""
    return (
        end - start == 1
        and start > 0
        and is_capitalised(art.tokens[start].text)
        and art.tokens[start - 1].text.casefold() in art.lex.person_cues
        and not art.tokens[start - 1].text[:1].isupper()
    )


def _after_place_cue(art: _Article, start: int) -> bool:
    words = [t.text.casefold() for t in art.tokens[max(0, start - 2) : start]]
    return bool(words) and (words[-1] in art.lex.place_cues or " ".join(words) in art.lex.place_cues)


def _is_demonym(art: _Article, ent: Ent) -> bool:
    """A one-word entity that is a country adjective and no gazetteer name ("Francesi")."""
    return ent[1] - ent[0] == 1 and art.tokens[ent[0]].text.casefold() in art.lex.demonyms and art.entry(ent) is None


def _addable(art: _Article, start: int, end: int, entry: Entry) -> bool:
    tokens = art.tokens
    first = tokens[start].text
    if end - start == 1:
        if tokens[start].initial and not first.isupper():
            return False
        if art.lex.is_common(first) or entry.common or first.casefold() in art.lex.demonyms:
            return False
        if entry.label == ORG and not first.isupper() and len(first) > 5:
            return False
    return not _touches_name(art, start, end)


def _touches_name(art: _Article, start: int, end: int) -> bool:
    """The span is part of a longer capitalised name (a neighbour word is capitalised)."""
    tokens = art.tokens
    if end < len(tokens) and tokens[end].text[:1].isupper() and tokens[end].text[:1].isalpha():
        return True
    if start > 0 and not tokens[start].initial:
        prev = tokens[start - 1].text
        if prev[:1].isupper() and prev[:1].isalpha() and not (tokens[start - 1].initial and art.lex.is_common(prev)):
            return True
    return False


def _no_word(tok: Tok) -> bool:
    return tok.space or not any(c.isalnum() for c in tok.text)


def _is_linking_word(tok: Tok, lexicon: RulesLexicon) -> bool:
    """An article, preposition, conjunction or relative written lower-case ("di", "del
    quale"): a name does not end in one."""
    return tok.text[:1].islower() and tok.text.casefold() in lexicon.linking_words


def _trim(art: _Article, start: int, end: int) -> tuple[int, int]:
    """Without line breaks, quotes or dashes at the edges (a model reads them as one line)."""
    while start < end and _no_word(art.tokens[start]):
        start += 1
    while end > start and _no_word(art.tokens[end - 1]):
        end -= 1
    return start, end


def _bare_institution(art: _Article, start: int, end: int) -> bool:
    """An institution named without its place: "Procura", "Tribunale speciale" (not a whole
    name like "Corte penale internazionale" or one with a place: "Università di X")."""
    words = [t.text.casefold() for t in art.tokens[start:end]]
    return (
        words[0] in art.lex.institution_heads
        and len(words) <= MAX_INSTITUTION_WORDS
        and not art.lex.of_forms.intersection(words)
        and art.entry((start, end)) is None
    )


def _event_place_and_year(art: _Article, end: int, by_start: dict[int, Ent], absorbed: set[int]) -> int:
    """The end of a MISC name with the place ("di" + a LOC entity) and the year after it: the
    guidelines tag "Giochi olimpici di Rio 2016", "Olimpiadi di Milano Cortina" whole."""
    tokens = art.tokens
    if end + 1 < len(tokens) and tokens[end].text.casefold() in art.lex.of_forms:
        place = by_start.get(end + 1)
        if place is not None and place[2] == LOC:
            absorbed.add(end + 1)
            end = place[1]
    if end < len(tokens) and YEAR.fullmatch(tokens[end].text):
        end += 1
    return end


def _quoted_works(art: _Article, ents: list[Ent]) -> list[Ent]:
    """A capitalised title in quotes right after a work noun is one MISC entity ("il film
    «La grande bellezza»"); entities the model found inside it give way."""
    tokens = art.tokens
    titles = []
    for i in range(1, len(tokens) - 2):
        close = art.lex.title_quotes.get(tokens[i].text)
        if close is None or tokens[i - 1].text.casefold() not in art.lex.work_cues:
            continue
        end = next(
            (j for j in range(i + 1, min(len(tokens), i + 2 + MAX_TITLE_TOKENS)) if tokens[j].text == close), None
        )
        if (
            end is None
            or end == i + 1
            or not tokens[i + 1].text[:1].isupper()
            or any(t.space for t in tokens[i + 1 : end])
        ):
            continue
        titles.append((i + 1, end, MISC))
    if not titles:
        return ents
    inside = {k for s, e, _ in titles for k in range(s, e)}
    return sorted(titles + [ent for ent in ents if not inside.intersection(range(ent[0], ent[1]))])


def _join_names(art: _Article, ents: list[Ent], institution_places: bool = True) -> list[Ent]:
    """Entities cut short, joined (see ``join_names`` in the module docstring)."""
    by_start = {start: (start, end, label) for start, end, label in ents}
    absorbed: set[int] = set()
    out = []
    for start, end, label in ents:
        if start in absorbed:
            continue
        start, end = _trim(art, start, end)
        if end == start or all(_is_linking_word(t, art.lex) for t in art.tokens[start:end]):
            continue
        following = by_start.get(end)
        if _is_linking_word(art.tokens[end - 1], art.lex) and not _strong(art.entry((start, end))):
            if following is not None and label in JOIN_ACROSS_PREPOSITION:
                absorbed.add(end)
                end = following[1]
            while _is_linking_word(art.tokens[end - 1], art.lex):
                end -= 1
        elif label == MISC:
            end = _event_place_and_year(art, end, by_start, absorbed)
        elif (
            institution_places
            and label == ORG
            and _bare_institution(art, start, end)
            and end < len(art.tokens)
            and art.tokens[end].text.casefold() in art.lex.of_forms
            and (place := by_start.get(end + 1)) is not None
            and place[2] == LOC
        ):
            absorbed.add(end + 1)
            end = place[1]
        out.append((start, end, label))
    return out


def _common_words(art: _Article, ents: list[Ent]) -> list[Ent]:
    surnames = art.surnames(ents)
    out = []
    for start, end, label in ents:
        tok = art.tokens[start]
        if (
            end - start == 1
            and not tok.headline
            and is_title(tok.text)
            and len(tok.text) > 1
            and tok.text.casefold() in art.lex.common_words
            and art.entry((start, end)) is None
            and (tok.text,) not in surnames
        ):
            evidence = art.mid_capitalised[tok.text] - (0 if tok.initial else 1)
            if evidence < 1:
                continue
        out.append((start, end, label))
    return out


def _decide_labels(art: _Article, ents: list[Ent], settings: Settings) -> dict[tuple[str, ...], str]:
    votes: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for start, end, label in ents:
        votes[art.words((start, end))][label] += 1
    decided = {}
    for words, counter in votes.items():
        entry = art.lex.lookup(" ".join(words))
        strong = {_strong_label(entry, " ".join(words), label, settings.countries_as_loc) for label in counter}
        strong.discard(None)
        if len(strong) == 1:
            decided[words] = str(strong.pop())
            continue
        (best, n), *rest = counter.most_common()
        if not rest or n > rest[0][1]:
            decided[words] = best
    return decided


def _consistency(art: _Article, ents: list[Ent], settings: Settings) -> list[Ent]:
    surnames = art.surnames(ents)
    decided = _decide_labels(art, ents, settings)
    out = []
    for start, end, label in ents:
        words = art.words((start, end))
        if start >= surnames.get(words, len(art.tokens)):
            label = PER
        elif words in decided:
            label = decided[words]
        out.append((start, end, label))
    if not settings.add_mentions:
        return out
    names: dict[tuple[str, ...], str] = {w: lab for w, lab in decided.items() if _addable_name(art, w)}
    names.update({w: PER for w in surnames if _addable_name(art, w)})
    not_before = {w: at for w, at in surnames.items() if w not in decided}
    if not names:
        return out
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for words in sorted(names, key=len, reverse=True):
        by_first[words[0]].append(words)
    taken = {i for s, e, _ in out for i in range(s, e)}
    tokens = art.tokens
    for i, tok in enumerate(tokens):
        if i in taken or tok.headline or tok.text not in by_first:
            continue
        for words in by_first[tok.text]:
            end = i + len(words)
            if tuple(t.text for t in tokens[i:end]) != words or any(j in taken for j in range(i, end)):
                continue
            if _touches_name(art, i, end) or i < not_before.get(words, 0):
                continue
            if tok.initial and len(words) == 1 and art.lex.is_common(tok.text):
                continue
            out.append((i, end, names[words]))
            taken.update(range(i, end))
            break
    return sorted(out)


def _addable_name(art: _Article, words: tuple[str, ...]) -> bool:
    if not words[0][:1].isupper() or not words[0][:1].isalpha():
        return False
    one = words[0].casefold()
    return not (len(words) == 1 and (len(one) < 2 or one in art.lex.function_words or one in art.lex.demonyms))


def correct(
    tokens: Sequence[Tok], ents: Iterable[Ent], lexicon: RulesLexicon, settings: Settings | None = None
) -> list[Ent]:
    """The corrected entities of one article (see the module docstring)."""
    settings = settings or Settings()
    art = _Article(tokens, lexicon)
    out = sorted(ents)
    if settings.join_names:
        out = _join_names(art, out, settings.institution_places)
    if settings.quoted_works:
        out = _quoted_works(art, out)
    if settings.gazetteer:
        out = _gazetteer(art, out, settings)
        if settings.join_names:  # a name the gazetteer added or lengthened may take a year too
            out = _join_names(art, out, settings.institution_places)
    if settings.gazetteer:
        out = [e for e in out if not _is_demonym(art, e)]
    if settings.common_words:
        out = _common_words(art, out)
    if settings.consistency:
        out = _consistency(art, out, settings)
    return out


__all__ = ["Ent", "Settings", "Tok", "correct", "headline_case", "is_capitalised", "key", "truecase"]
