# One command sets everything up: the first target that needs the environment creates it.
PY ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

# the browser tests drive Debian's Chromium; installed once, as root or through sudo
BROWSER := /usr/bin/chromium /usr/bin/chromedriver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test bench clean

$(STAMP): requirements.lock pyproject.toml
	$(PY) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.lock
	$(VENV)/bin/pip install --quiet --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/storyline run examples -o storyline-out

$(BROWSER) &:
	@command -v apt-get >/dev/null || { echo "the browser tests need chromium and chromedriver at $(BROWSER)" >&2; exit 1; }
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null

test: $(STAMP) $(BROWSER)
	$(VENV)/bin/python -m pytest -q

bench: $(STAMP)
	$(VENV)/bin/python benchmarks/seeds.py
	$(VENV)/bin/python benchmarks/timex.py
	$(VENV)/bin/python benchmarks/extraction.py
	$(VENV)/bin/python benchmarks/dates.py
	$(VENV)/bin/python benchmarks/ecbplus.py
	$(VENV)/bin/python benchmarks/docdates.py
	$(VENV)/bin/python benchmarks/events.py
	$(VENV)/bin/python benchmarks/mentions.py
	$(VENV)/bin/python benchmarks/quotes.py
	$(VENV)/bin/python benchmarks/claims.py --frozen

clean:
	rm -rf storyline-out .pytest_cache
