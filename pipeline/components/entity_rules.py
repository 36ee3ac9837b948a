"""``it_entity_rules``: corrects the statistical NER's ``doc.ents`` with judgement.

Runs right after ``ner`` (and before ``it_entities``). Three kinds of correction, all in
:mod:`pipeline.entity_rules` (no spaCy) over the language data of ``pipeline/lang/it/``:

- **headlines**: a line written ALL CAPS or in Title Case ("GLI USA LASCIANO IL NIGER")
  is copied in sentence case, same length ("Gli Usa lasciano il Niger": common words
  lower-cased, the rest capitalised), the pipes before this one (the base model up to its
  ``ner``) run on the copy, and its entities replace the line's, by character offsets;
- **names cut short**: trimmed of line breaks and quotes; a MISC name ending in a
  preposition takes the entity after it in ("Gran Premio di" + "Monaco"), an institution
  its place ("Procura" + "di" + "Genova"); a quoted title after a work noun is MISC
  ("il film «La grande bellezza»");
- **gazetteer and case**: strong gazetteer names correct or add labels, weak ones only
  with a place cue; a capitalised common word needs evidence to stay a one-word entity;
- **consistency**: one label per name per article, surnames of full names are PER, missed
  later mentions of a recognised name are added.

``doc.ents`` is one flat layer, so the component always writes it whole (there is no
``overwrite`` option: entities it does not change keep their span, label and ``kb_id``).
It reads only the tokens and the entities, and its corrections are a fixed point: running
it twice gives the same Doc as running it once (headline lines are re-tagged from the
text, not from the entities). Without a ``ner`` before it the headline step is skipped;
``build_nlp`` does not add the component to a pipeline without ``ner`` (``MODEL=blank``).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..entity_rules import DATA_FILES, RulesLexicon, Settings, Tok, correct, headline_case, truecase
from ..lang.loader import LanguageData
from .base import Match, SpanComponent

NER = "ner"


class EntityRules(SpanComponent):
    """Corrects ``doc.ents``; see the module docstring."""

    value_attr = "entity"
    data_files = DATA_FILES

    def __init__(self, nlp: Language, name: str = "it_entity_rules", *, data: LanguageData, settings: Settings) -> None:
        self.settings = settings
        self.truecase_headlines = True
        super().__init__(nlp, name, spans_key="", overwrite=True, data=data)

    def build(self, data: LanguageData) -> None:
        self.lexicon = RulesLexicon.from_data(data)

    # ----------------------------------------------------------------------------------
    def tokens(self, doc: Doc, headline: set[int]) -> list[Tok]:
        initial_after = self.lexicon.initial_after
        sents = doc.has_annotation("SENT_START")
        out = []
        for token in doc:
            prev = doc[token.i - 1] if token.i else None
            initial = (
                prev is None
                or (sents and token.is_sent_start is True)
                or prev.text in initial_after
                or "\n" in prev.text_with_ws
            )
            out.append(Tok(token.text, bool(initial), token.i in headline, token.is_space))
        return out

    def headline_lines(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges of the lines written ALL CAPS or in Title Case."""
        lines, start = [], 0
        for token in doc:
            if "\n" in token.text_with_ws:
                lines.append((start, token.i + (0 if token.is_space else 1)))
                start = token.i + 1
        lines.append((start, len(doc)))
        return [
            (s, e) for s, e in lines if e > s and headline_case([t.text for t in doc[s:e]], self.lexicon) is not None
        ]

    def tag_copy(self, text: str) -> Doc | None:
        """The pipes up to the base model's last NER ("ner", then a MISC "ner_misc" if
        there is one) on ``text``; None without a ``ner``."""
        names = self.nlp.pipe_names
        if NER not in names:
            return None
        end = 1 + max(i for i, name in enumerate(names) if self.nlp.get_pipe_meta(name).factory == NER)
        copy = self.nlp.make_doc(text)
        for _, pipe in self.nlp.pipeline[:end]:
            copy = pipe(copy)
        return copy

    def headline_ents(self, doc: Doc, lines: list[tuple[int, int]]) -> list[Span] | None:
        out = []
        for s, e in lines:
            line = doc[s:e]
            text = list(line.text)
            for tok, new in zip(line, truecase([t.text for t in line], self.lexicon)):
                at = tok.idx - line.start_char
                text[at : at + len(new)] = new
            copy = self.tag_copy("".join(text))
            if copy is None:
                return None
            for ent in copy.ents:
                span = doc.char_span(line.start_char + ent.start_char, line.start_char + ent.end_char, label=ent.label_)
                if span is not None:
                    out.append(span)
        return out

    def match(self, doc: Doc) -> list[Match]:
        ents = list(doc.ents)
        lines = self.headline_lines(doc) if self.truecase_headlines else []
        headline = {i for s, e in lines for i in range(s, e)}
        retagged = self.headline_ents(doc, lines) if lines else None
        if retagged is not None:
            ents = [e for e in ents if e.start not in headline and e.end - 1 not in headline] + retagged
        else:
            headline = set()
        kb_ids = {(e.start, e.end): e.kb_id for e in ents}
        corrected = correct(
            self.tokens(doc, headline), [(e.start, e.end, e.label_) for e in ents], self.lexicon, self.settings
        )
        return [(Span(doc, s, e, label=label, kb_id=kb_ids.get((s, e), 0)), None) for s, e, label in corrected]

    def set_annotations(self, doc: Doc, matches: list[Match]) -> None:
        doc.ents = [span for span, _ in matches]


@Language.factory(
    "it_entity_rules",
    assigns=["doc.ents"],
    requires=["doc.ents"],
    default_config={
        "gazetteer": True,
        "countries_as_loc": True,
        "add_from_gazetteer": True,
        "common_words": True,
        "consistency": True,
        "add_mentions": True,
        "join_names": True,
        "institution_places": True,
        "quoted_works": True,
        "truecase_headlines": True,
        "data": {"@misc": "pipeline.it_language_data.v1", "path": None},
    },
)
def make_entity_rules(
    nlp: Language,
    name: str,
    gazetteer: bool,
    countries_as_loc: bool,
    add_from_gazetteer: bool,
    common_words: bool,
    consistency: bool,
    add_mentions: bool,
    join_names: bool,
    institution_places: bool,
    quoted_works: bool,
    truecase_headlines: bool,
    data: LanguageData,
) -> EntityRules:
    settings = Settings(
        gazetteer=gazetteer,
        countries_as_loc=countries_as_loc,
        add_from_gazetteer=add_from_gazetteer,
        common_words=common_words,
        consistency=consistency,
        add_mentions=add_mentions,
        join_names=join_names,
        institution_places=institution_places,
        quoted_works=quoted_works,
    )
    component = EntityRules(nlp, name, data=data, settings=settings)
    component.truecase_headlines = truecase_headlines
    return component


__all__: list[Any] = ["EntityRules", "make_entity_rules"]
