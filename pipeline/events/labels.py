"""Universal Dependencies (Italian) labels and closed word classes used by the event rules.

All dependency labels the rules look at are named here, once.
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
NP_EXCLUDE = {ACL_RELCL, ACL, ADVCL, PARATAXIS, CCOMP, XCOMP, PUNCT, CASE, MARK, COP, AUX,
              AUX_PASS, CC, "dep", "discourse", "vocative", "dislocated", "orphan", "reparandum"}
# Infinitival complements whose missing subject is inherited from the governing verb.
CONTROL = {XCOMP, CCOMP}

VERB_POS = {"VERB", "AUX"}
NOUN_POS = {"NOUN", "PROPN", "ADJ", "X", "NUM"}

# Articles: one in a multi-word trigger pattern matches any of them.
ARTICLES = {"il", "lo", "la", "i", "gli", "le", "l'", "l’", "un", "uno", "una", "un'", "un’"}
# Articulated prepositions, mapped to the bare preposition ("dal" -> "da").
PREP_BASE = {"d'": "di", "d’": "di", "ad": "a", "col": "con", "coi": "con",
             "da parte di": "da_parte_di"}
for _base, _stem in (("di", "de"), ("a", "a"), ("da", "da"), ("in", "ne"), ("su", "su")):
    PREP_BASE[_base] = _base
    for _tail in ("l", "llo", "lla", "i", "gli", "lle", "ll'", "ll’"):
        PREP_BASE[_stem + _tail] = _base
for _prep in ("per", "tra", "fra", "con", "contro", "verso", "entro", "dopo", "oltre", "presso",
              "senza", "durante"):
    PREP_BASE[_prep] = _prep
# Prepositions that introduce a place ("a Niamey", "in Niger", "dal Niger").
PLACE_PREPS = {"a", "in", "da", "presso", "verso", "su"}
ENTITY_PLACE_LABELS = {"LOC", "GPE"}
