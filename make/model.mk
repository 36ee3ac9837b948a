# `make model`: convert ../shared/data (DATA=...), train NER and syntax in parallel
# (one thread each, under nice), assemble them into models/it_news, score it.
# Owned by the model-training part of the project (issue 3); see models/it_news/README.md.

MODEL_DIR  := models/it_news
CORPUS_DIR := training/corpus
TRAIN_DIR  := training/output
ONE_CORE   := OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 VECLIB_MAXIMUM_THREADS=1
NICE       := nice -n 10

CORPORA    := $(addprefix $(CORPUS_DIR)/,ner_train.spacy ner_dev.spacy ner_dev_WN.spacy ner_dev_FIC.spacy \
              ner_dev_ADG.spacy ud_train.spacy ud_dev.spacy isdt_dev.spacy)
DATA_FILES := $(wildcard $(DATA)/kind/*.tsv $(DATA)/ud/*.conllu $(DATA)/wikineural_it/*.conllu)
NER_DONE   := $(TRAIN_DIR)/ner/train_seconds
NER2_DONE  := $(TRAIN_DIR)/ner2/train_seconds
MISC_DONE  := $(TRAIN_DIR)/ner_misc/train_seconds
SYN_DONE   := $(TRAIN_DIR)/syntax/train_seconds
SYN2_DONE  := $(TRAIN_DIR)/syntax2/train_seconds
VECTORS    := $(TRAIN_DIR)/vectors

## Train and assemble our Italian pipeline into models/it_news from DATA (about 1 h on 2 cores)
model: $(STAMP)
	@test -d "$(DATA)" || { echo "error: $(DATA): data folder not found (make model DATA=path/to/data)" >&2; exit 1; }
	$(MAKE) --no-print-directory -j2 $(NER2_DONE) $(MISC_DONE) $(SYN2_DONE)
	$(MAKE) --no-print-directory $(MODEL_DIR)/meta.json

$(CORPORA) &: training/convert.py $(DATA_FILES)
	$(PY) -m training.convert --data $(DATA) --out $(CORPUS_DIR)

# entity_ruler patterns: KIND ORG gazetteer + WikiNEuRal names, filtered on KIND train.
$(CORPUS_DIR)/ner_patterns.jsonl: training/ruler.py $(CORPUS_DIR)/ner_train.spacy $(wildcard $(DATA)/kind/gazetteer-ORG-wikipedia.txt)
	$(PY) -m training.ruler --gazetteer $(DATA)/kind/gazetteer-ORG-wikipedia.txt \
	  --train $(CORPUS_DIR)/ner_train.spacy --silver $(CORPUS_DIR)/wikineural.spacy --out $@

# NER stage 1 data: silver WikiNEuRal (converted with ner_train.spacy), MISC mapped to O.
$(CORPUS_DIR)/ner_silver.spacy: training/silver.py $(CORPUS_DIR)/ner_train.spacy
	$(PY) -m training.silver --silver $(CORPUS_DIR)/wikineural.spacy --out $@

# MISC ner data: silver WikiNEuRal with MISC only (PER/LOC/ORG -> O), 5% of its docs held
# out as its dev set (KIND has no MISC).
$(CORPUS_DIR)/misc_train.spacy $(CORPUS_DIR)/misc_dev.spacy &: training/silver.py $(CORPUS_DIR)/ner_train.spacy
	$(PY) -m training.silver --silver $(CORPUS_DIR)/wikineural.spacy --labels MISC --dev-fraction 0.05 \
	  --dev-out $(CORPUS_DIR)/misc_dev.spacy --out $(CORPUS_DIR)/misc_train.spacy

# Static word vectors for the ner (FastText, 100 dims, words seen >= 3 times: ~33k) trained on the
# unlabeled tokens of KIND train + Moro silver, WikiNEuRal and UD train + VIT dev (never KIND
# dev or ISDT dev). gensim comes with the "train" extras; one worker + PYTHONHASHSEED for repeatable runs.
$(VECTORS)/meta.json: training/vectors.py $(CORPUS_DIR)/ner_train.spacy
	@$(PY) -c "import gensim" 2>/dev/null || $(PY) -m pip install --quiet -e '.[train]'
	PYTHONHASHSEED=0 $(ONE_CORE) $(NICE) $(PY) -m training.vectors --corpus $(CORPUS_DIR) --out $(TRAIN_DIR)/vectors.txt
	@rm -rf $(VECTORS)
	$(ONE_CORE) $(PY) -m spacy init vectors it $(TRAIN_DIR)/vectors.txt $(VECTORS) > /dev/null

# Each training runs single-threaded; train_seconds marks the end, model-best is shipped.
# NER stage 1 trains on the silver data, stage 2 fine-tunes it on KIND.
$(NER_DONE): configs/ner.cfg $(CORPUS_DIR)/ner_silver.spacy $(CORPUS_DIR)/ner_dev_WN.spacy $(VECTORS)/meta.json
	@rm -rf $(TRAIN_DIR)/ner && mkdir -p $(TRAIN_DIR)/ner
	start=$$(date +%s); $(ONE_CORE) $(NICE) $(PY) -m spacy train configs/ner.cfg -o $(TRAIN_DIR)/ner \
	  --paths.vectors $(VECTORS) > $(TRAIN_DIR)/ner.log 2>&1 || { tail -n 20 $(TRAIN_DIR)/ner.log; exit 1; }; \
	  echo $$(( $$(date +%s) - start )) > $(TRAIN_DIR)/ner/train_seconds

# NER stage 2 continues from stage 1's best model on KIND train with full-size batches.
$(NER2_DONE): configs/ner_continue.cfg $(NER_DONE) $(CORPUS_DIR)/ner_train.spacy
	@rm -rf $(TRAIN_DIR)/ner2 && mkdir -p $(TRAIN_DIR)/ner2
	start=$$(date +%s); $(ONE_CORE) $(NICE) $(PY) -m spacy train configs/ner_continue.cfg -o $(TRAIN_DIR)/ner2 \
	  --paths.ner_stage1 $(TRAIN_DIR)/ner/model-best --paths.vectors $(VECTORS) > $(TRAIN_DIR)/ner2.log 2>&1 \
	  || { tail -n 20 $(TRAIN_DIR)/ner2.log; exit 1; }; \
	  echo $$(( $$(date +%s) - start )) > $(TRAIN_DIR)/ner2/train_seconds

# The MISC ner, one stage on the silver MISC (after the main ner in the pipeline).
$(MISC_DONE): configs/ner_misc.cfg $(CORPUS_DIR)/misc_train.spacy $(CORPUS_DIR)/misc_dev.spacy $(VECTORS)/meta.json
	@rm -rf $(TRAIN_DIR)/ner_misc && mkdir -p $(TRAIN_DIR)/ner_misc
	start=$$(date +%s); $(ONE_CORE) $(NICE) $(PY) -m spacy train configs/ner_misc.cfg -o $(TRAIN_DIR)/ner_misc \
	  --paths.vectors $(VECTORS) > $(TRAIN_DIR)/ner_misc.log 2>&1 || { tail -n 20 $(TRAIN_DIR)/ner_misc.log; exit 1; }; \
	  echo $$(( $$(date +%s) - start )) > $(TRAIN_DIR)/ner_misc/train_seconds

$(SYN_DONE): configs/syntax.cfg $(CORPUS_DIR)/ud_train.spacy $(CORPUS_DIR)/ud_dev.spacy
	@rm -rf $(TRAIN_DIR)/syntax && mkdir -p $(TRAIN_DIR)/syntax
	start=$$(date +%s); $(ONE_CORE) $(NICE) $(PY) -m spacy train configs/syntax.cfg -o $(TRAIN_DIR)/syntax \
	  > $(TRAIN_DIR)/syntax.log 2>&1 || { tail -n 20 $(TRAIN_DIR)/syntax.log; exit 1; }; \
	  echo $$(( $$(date +%s) - start )) > $(TRAIN_DIR)/syntax/train_seconds

# Syntax stage 2 continues from stage 1's best model.
$(SYN2_DONE): configs/syntax_continue.cfg $(SYN_DONE)
	@rm -rf $(TRAIN_DIR)/syntax2 && mkdir -p $(TRAIN_DIR)/syntax2
	start=$$(date +%s); $(ONE_CORE) $(NICE) $(PY) -m spacy train configs/syntax_continue.cfg -o $(TRAIN_DIR)/syntax2 \
	  --paths.syntax_stage1 $(TRAIN_DIR)/syntax/model-best > $(TRAIN_DIR)/syntax2.log 2>&1 \
	  || { tail -n 20 $(TRAIN_DIR)/syntax2.log; exit 1; }; \
	  echo $$(( $$(date +%s) - start )) > $(TRAIN_DIR)/syntax2/train_seconds

$(MODEL_DIR)/meta.json: $(NER2_DONE) $(MISC_DONE) $(SYN2_DONE) configs/assemble.cfg configs/assemble_lookup.cfg \
                        training/assemble.py training/evaluate_model.py training/model_card.py $(CORPORA) \
                        $(CORPUS_DIR)/ner_patterns.jsonl
	$(ONE_CORE) $(PY) -m training.assemble --syntax $(TRAIN_DIR)/syntax2/model-best \
	  --ner $(TRAIN_DIR)/ner2/model-best --ner-misc $(TRAIN_DIR)/ner_misc/model-best --corpus $(CORPUS_DIR) \
	  --patterns $(CORPUS_DIR)/ner_patterns.jsonl --work $(TRAIN_DIR)/candidates --out $(MODEL_DIR)
	$(ONE_CORE) $(PY) -m training.evaluate_model $(MODEL_DIR) --corpus $(CORPUS_DIR) \
	  --out $(TRAIN_DIR)/scores.json --update-model > /dev/null

.PHONY: model
