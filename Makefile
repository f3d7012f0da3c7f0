# `make test` is the project's one test command (.ci/run calls it). It installs what the tests
# need: the package with its dev extras, and, where the system allows, Debian's Chromium for the
# browser tests and perl's XML::Parser for the official ROUGE script. Tests needing a missing
# system tool skip with the reason.
PYTHON ?= python3
APT_PACKAGES = chromium fonts-dejavu-core libxml-parser-perl

.PHONY: test install system-deps bench lint

install:
	$(PYTHON) -m pip install -q -U pip
	$(PYTHON) -m pip install -q -e ".[dev]"

system-deps:
	@if ! command -v chromium >/dev/null || ! perl -MXML::Parser -e1 2>/dev/null; then \
	  (command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	   apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null) \
	  || echo "note: could not install $(APT_PACKAGES); tests that need them will be skipped"; \
	fi

test: install system-deps
	$(PYTHON) -m pytest -q

# lint-imports: the layer and no-cycle contracts in pyproject.toml ([tool.importlinter]).
lint:
	ruff check newsbrief tests benchmarks scripts fuzz
	ruff format --check newsbrief tests benchmarks scripts fuzz
	lint-imports

# Every benchmark prints its table with its baselines measured in the same run (minutes each).
BENCHMARKS = extraction cleaning analysis rouge_reproduction summarize_speed big_event clustering ingest scale load

bench: install
	$(PYTHON) -m pip install -q -e ".[bench]"
	@for b in $(BENCHMARKS); do echo "== benchmarks/$$b.py"; $(PYTHON) benchmarks/$$b.py || exit 1; done
