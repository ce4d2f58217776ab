"""The package's shape stays readable: no class over 300 lines, no function over 80,
extraction in its own package with one module per concern."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "stance"
MAX_CLASS_LINES = 300
MAX_FUNCTION_LINES = 80
EXTRACT_MODULES = {"candidates", "mentions", "article", "spans", "segmenting", "config", "lexicon", "extractor"}


def _nodes(kind):
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, kind):
                yield path.relative_to(PACKAGE.parent), node, node.end_lineno - node.lineno + 1


def test_no_class_over_300_lines():
    long = [(str(path), node.name, n) for path, node, n in _nodes(ast.ClassDef) if n > MAX_CLASS_LINES]
    assert long == []


def test_no_function_over_80_lines():
    long = [(str(path), node.name, n) for path, node, n in _nodes((ast.FunctionDef, ast.AsyncFunctionDef)) if n > MAX_FUNCTION_LINES]
    assert long == []


def test_extraction_is_a_package_with_its_modules():
    extract = PACKAGE / "extract"
    assert (extract / "__init__.py").is_file()
    assert EXTRACT_MODULES <= {p.stem for p in extract.glob("*.py")}
    assert not (PACKAGE / "attribution.py").exists() and not (PACKAGE / "speakers.py").exists()


def test_only_extract_imports_spacy_at_module_level():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "extract" in path.relative_to(PACKAGE).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top_level = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        names = [a.name for n in top_level if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in top_level if isinstance(n, ast.ImportFrom)]
        assert not any(name.split(".")[0] == "spacy" for name in names), path


def test_lexicons_are_a_package_beside_data():
    assert (PACKAGE / "lexicons" / "__init__.py").is_file()
    assert not (PACKAGE / "data").is_dir()
