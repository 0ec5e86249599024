# Runledger: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
JAVA_HOME ?= /usr/lib/jvm/temurin-25-jdk-amd64
export JAVA_HOME
export PATH := $(JAVA_HOME)/bin:$(PATH)

SERVICES := infra/local/services.sh
APP := infra/local/app.sh

.PHONY: run up down test status deps build test-java test-frontend services

## make run: install what is missing, start everything with a seeded demo, print URL and logins; stays in the foreground
run: deps
	$(SERVICES) up
	$(APP) run

## make up: like run, but returns once the platform is healthy
up: deps
	$(SERVICES) up
	$(APP) start
	$(APP) info

## make down: stop everything make up / make run started
down:
	$(APP) stop
	$(SERVICES) down

status:
	@$(APP) status
	@$(SERVICES) status

## make test: every test, against real services that it starts (and stops again if it started them)
test: deps
	infra/local/test.sh

deps:
	@infra/local/deps.sh

build: deps
	$(APP) build

## make bench [QUICK=1] [PROFILE=1]: start the platform (like make up, with rate limits off), run the benchmark
## workloads, write bench/results/latest.json and append a table to bench/RESULTS.md (see bench/README.md).
## QUICK=1 is the reduced run CI uses (under 3 minutes); PROFILE=1 also records JFR profiles of the ingest paths.
.PHONY: bench
bench:
	RUNLEDGER_RATELIMITS_ENABLED=false $(MAKE) --no-print-directory up
	bench/run.sh $(if $(filter 1 true yes,$(QUICK)),--quick) $(if $(filter 1 true yes,$(PROFILE)),--profile)
