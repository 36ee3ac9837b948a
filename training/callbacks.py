"""Callbacks referenced by the NER training configs (load with ``spacy train --code``).

The ner keeps its CNN inside its own model (so it can be sourced alone), where spaCy names
only the CNN followed by the ner's projection ``tok2vec``; `spacy pretrain` needs the CNN
itself, whose output is one array per doc. ``it_news.ner_cnn_ref.v1`` names it ``cnn`` so
that [pretraining] layer = "cnn" finds it, in pretraining and in init_tok2vec alike.
"""

from __future__ import annotations

from spacy import registry

CNN_REF = "cnn"


@registry.callbacks("it_news.ner_cnn_ref.v1")
def make_ner_cnn_ref(component: str = "ner"):
    def name_cnn(nlp):
        model = nlp.get_pipe(component).model
        if not model.has_ref(CNN_REF):
            model.set_ref(CNN_REF, model.get_ref("tok2vec").layers[0])
        return nlp

    return name_cnn
