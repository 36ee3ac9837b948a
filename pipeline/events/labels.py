"""Universal Dependencies labels (as the Italian treebanks use them) read by the event rules.

All dependency labels and part-of-speech classes the rules look at are named here, once.
They are not Italian words: the Italian function words are data (``function_words.json``).
"""

NSUBJ = "nsubj"
NSUBJ_PASS = "nsubj:pass"
CSUBJ = "csubj"
OBJ = "obj"
IOBJ = "iobj"
OBL = "obl"
OBL_AGENT = "obl:agent"
NMOD = "nmod"
XCOMP = "xcomp"
CCOMP = "ccomp"
ADVCL = "advcl"
ACL = "acl"
ACL_RELCL = "acl:relcl"
CONJ = "conj"
CC = "cc"
NUMMOD = "nummod"
DET = "det"
CASE = "case"
MARK = "mark"
AUX = "aux"
AUX_PASS = "aux:pass"
COP = "cop"
ADVMOD = "advmod"
ADVMOD_NEG = "advmod:neg"
AMOD = "amod"
APPOS = "appos"
FLAT = "flat"
FLAT_NAME = "flat:name"
FIXED = "fixed"
COMPOUND = "compound"
PUNCT = "punct"
PARATAXIS = "parataxis"
EXPL = "expl"
ROOT = "ROOT"

SUBJECTS = {NSUBJ, NSUBJ_PASS, CSUBJ}
# Children that start a new clause: their words belong to another predicate.
CLAUSAL = {CCOMP, XCOMP, ADVCL, ACL, ACL_RELCL, PARATAXIS, CSUBJ}
# Children left out when a token is expanded to its noun phrase.
NP_EXCLUDE = {
    ACL_RELCL,
    ACL,
    ADVCL,
    PARATAXIS,
    CCOMP,
    XCOMP,
    PUNCT,
    CASE,
    MARK,
    COP,
    AUX,
    AUX_PASS,
    CC,
    "dep",
    "discourse",
    "vocative",
    "dislocated",
    "orphan",
    "reparandum",
}
# Infinitival complements whose missing subject is inherited from the governing verb.
CONTROL = {XCOMP, CCOMP}

VERB_POS = {"VERB", "AUX"}
NOUN_POS = {"NOUN", "PROPN", "ADJ", "X", "NUM"}

ENTITY_PLACE_LABELS = {"LOC", "GPE"}
