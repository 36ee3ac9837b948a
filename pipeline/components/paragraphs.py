"""Sentence starts at paragraph breaks.

News text separates the headline and paragraphs with blank lines, which a statistical
parser trained on treebank sentences does not see as boundaries. Presetting them before
the parser (or after a rule sentencizer) keeps a headline out of the first sentence.
"""

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("it_paragraph_breaks", assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n\n" in previous.text_with_ws and not token.is_space:
            token.is_sent_start = True
    return doc
