# The two commands of the project (see README.md):
#
#   make serve   build the site from registry/ and serve it at http://127.0.0.1:8000
#   make test    install everything a fresh Debian machine needs, then run ruff, mypy and every test
#
# Chromium and Java come from Debian (Playwright never downloads a browser here), Python
# packages from PyPI into .venv, and the Nu Html Checker and axe-core from npm (package-lock.json).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PYTHON := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
export DEBIAN_FRONTEND := noninteractive

# apt-get needs root: as root run it directly, otherwise through sudo when there is one.
SUDO := $(shell [ "$$(id -u)" = 0 ] || { command -v sudo >/dev/null && echo sudo; })

# Debian packages and the command that shows each is there.
SYSTEM_PACKAGES := chromium:/usr/bin/chromium default-jre-headless:java python3:python3 \
                   nodejs:node npm:npm git:git

.PHONY: help serve test python system-packages

help:
	@echo "make serve   bygg webbplatsen och visa den på http://127.0.0.1:8000"
	@echo "make test    installera allt som behövs och kör alla tester"

serve: python
	$(VENV)/bin/mkdocs serve -a 127.0.0.1:8000

# Lint and types first: a quick failure there costs seconds, not a whole test run.
test: system-packages python node_modules/.package-lock.json
	$(VENV)/bin/ruff check plugins tests benchmarks
	$(VENV)/bin/mypy --strict plugins/iop_registry
	$(PYTHON) -m pytest -q

# Installs only what is missing, so a prepared machine does not need network or root.
system-packages:
	@missing=""; \
	for entry in $(SYSTEM_PACKAGES); do \
	  package=$${entry%%:*}; probe=$${entry#*:}; \
	  case $$probe in \
	    /*) [ -x "$$probe" ] || missing="$$missing $$package" ;; \
	    *) command -v "$$probe" >/dev/null || missing="$$missing $$package" ;; \
	  esac; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installerar från Debian:$$missing"; \
	  $(SUDO) apt-get update; \
	  $(SUDO) apt-get install -y --no-install-recommends $$missing fonts-liberation; \
	fi

# Debian leaves venv's pip out of python3 (it is in python3-venv): install it on first need.
$(PYTHON):
	python3 -m venv $(VENV) || { rm -rf $(VENV); $(SUDO) apt-get update; $(SUDO) apt-get install -y python3-venv; python3 -m venv $(VENV); }

python: $(PYTHON)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -e '.[test]'

# npm ci writes node_modules/.package-lock.json, so this reruns only when the lock file changes.
# --ignore-scripts: vnu-jar's postinstall would download a Java runtime from GitHub when it
# finds none; we use Debian's Java and fetch nothing but the locked packages.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
