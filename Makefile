# Two commands take a fresh clone all the way: `make demo` and `make test`.
PYTHON ?= python3
TORCH_PIN = torch==2.13.0
SEED = seeds/000_3f02757656f424b1.txt

.PHONY: install demo test test-slow

install:
	$(PYTHON) -m pip install $(TORCH_PIN)
	$(PYTHON) -m pip install -e ".[test]"

demo: install
	OMP_NUM_THREADS=2 stance analyze $(SEED) --targets Kazakhstan "Kassym-Jomart Tokayev" "outside forces" --format table --summary

test: install
	OMP_NUM_THREADS=1 $(PYTHON) -m pytest -q

test-slow: install
	OMP_NUM_THREADS=1 $(PYTHON) -m pytest -q --runslow
