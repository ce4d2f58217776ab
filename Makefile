# Two commands take a fresh clone all the way: `make demo` and `make test`.
PYTHON ?= python3
TORCH_PIN = torch==2.13.0
SEED = seeds/000_3f02757656f424b1.txt

.PHONY: install browser demo test test-slow check-wheel

install:
	$(PYTHON) -m pip install $(TORCH_PIN)
	$(PYTHON) -m pip install -e ".[test]"

demo: install
	OMP_NUM_THREADS=2 stance analyze $(SEED) --targets Kazakhstan "Kassym-Jomart Tokayev" "outside forces" --format table --summary

# The browser test (tests/test_report_browser.py) drives Debian's headless chromium;
# installed here only when missing (needs root), else that one test is skipped.
browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
		|| echo "make: chromium could not be installed: the browser test will be skipped"

test: install browser
	OMP_NUM_THREADS=1 $(PYTHON) -m pytest -q

test-slow: install browser
	OMP_NUM_THREADS=1 $(PYTHON) -m pytest -q --runslow

# The wheel path, as CI checks it (.ci/check-wheel): build the wheel, install it into a
# fresh venv (torch pinned first, pip's cache reused), run `stance analyze` on the seed
# from outside the clone and compare the records with this checkout's install.
check-wheel: install
	PYTHON=$(PYTHON) TORCH_PIN=$(TORCH_PIN) bash .ci/check-wheel
