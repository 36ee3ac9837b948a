# Italian news extraction pipeline. `make help` lists the targets.
.DELETE_ON_ERROR:
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
CORPUS ?= corpus
OUT    ?= outputs
MODEL  ?= default
DATA   ?= ../shared/data
GOLD   ?= $(CORPUS)/gold
JOBS   ?= 0
CACHE  ?= 1
ENGINE ?= local

# The venv is rebuilt when pyproject.toml changes; the stamp records the last install.
STAMP := $(VENV)/.installed

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) (Python 3.11) on PATH, or PYTHON=..."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

## Set up the virtual environment (done by every target that needs it)
venv: $(STAMP)

## Extract entities, dates, numbers and events from CORPUS into OUT (MODEL=name|path)
# `exec`: Python is make's own child, and under make it asks Linux for a signal when its
# parent dies, so killing make (even with SIGKILL) stops the run: nothing is left running
# to overwrite OUT later. GNU make itself exits only 0 or 2: the tool's status shows in
# make's "Error N" line (3 = tables written, some articles had errors; 2 = run failed).
# JOBS=N worker processes (default 0: all cores); CACHE=0 processes every article again;
# ENGINE=dask runs on dask.distributed (DASK_SCHEDULER=tcp://host:8786 for a cluster).
extract: $(STAMP)
	exec $(PY) -m pipeline extract $(CORPUS) --out $(OUT) --model $(MODEL) --jobs $(JOBS) --engine $(ENGINE) $(if $(filter 0,$(CACHE)),--no-cache)

## Write the HTML report of OUT into OUT/report/ (extracts first when OUT is missing or stale)
report: $(OUT)/manifest.json
	$(PY) -m pipeline report --out $(OUT) --corpus $(CORPUS)

# The outputs are stale when an article, the metadata or the code is newer than the manifest
# extract writes last (not the model files: make/model.mk would rebuild them). Status 3 (some articles had errors) still wrote a
# complete set: the report lists the errors.
EXTRACT_INPUTS = $(shell find $(CORPUS) -path $(CORPUS)/gold -prune -o -type f -print) \
	$(shell find pipeline -path pipeline/report -prune -o -type f \( -name '*.py' -o -name '*.json' \) -print)
$(OUT)/manifest.json: $(STAMP) $(EXTRACT_INPUTS)
	$(PY) -m pipeline extract $(CORPUS) --out $(OUT) --model $(MODEL); status=$$?; test $$status = 0 -o $$status = 3

## Run the test suite
test: $(STAMP)
	$(PY) -m pytest -q

## Lint and type-check: ruff (lint + format check) and mypy, configured in pyproject.toml
lint: $(STAMP)
	$(VENV)/bin/ruff check pipeline tests bench tools training
	$(VENV)/bin/ruff format --check pipeline tests bench tools training
	$(VENV)/bin/mypy

## Check the gold annotations against the articles and the guidelines
validate: $(STAMP)
	$(PY) -m pipeline validate $(CORPUS) --gold $(GOLD)

## Score the pipeline against the gold annotations (writes OUT/evaluation.csv)
evaluate: $(STAMP) validate extract
	$(PY) -m pipeline evaluate --pred $(OUT) --gold $(GOLD) --corpus $(CORPUS) --out $(OUT)/evaluation.csv

## Measure speed and memory on the corpus (writes .bench/*.txt)
bench: $(STAMP)
	@mkdir -p .bench
	@for script in bench/bench_*.py; do echo "== $$script"; $(PY) $$script --corpus $(CORPUS) || exit 1; done

## Remove generated outputs (keeps the venv and the models)
clean:
	rm -rf $(OUT)/*.csv $(OUT)/*.jsonl $(OUT)/*.md $(OUT)/*.parquet $(OUT)/*.duckdb $(OUT)/datapackage.json $(OUT)/manifest.json $(OUT)/.extract-tmp-* .bench
	rm -rf $(OUT)/report $(OUT)/.report-tmp-* $(OUT)/.report-old-*

## Remove the per-article result cache of extract (python -m pipeline.cache path shows it)
clean-cache: $(STAMP)
	$(PY) -m pipeline.cache clear

## List the targets
help:
	@awk '/^## /{sub(/^## /,""); desc=$$0; next} /^[a-z][a-zA-Z_-]*:/{if(desc){split($$1,t,":"); printf "  %-10s %s\n", t[1], desc}; desc=""}' $(MAKEFILE_LIST)

# Pieces owned by other parts of the project (e.g. make/model.mk: `make model`).
include $(wildcard make/*.mk)

.PHONY: venv extract report test lint validate evaluate bench clean clean-cache help
