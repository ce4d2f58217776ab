"""Where the model comes from: an explicit directory, then $STANCE_MODEL, then the bundled
model installed with the package; and the wheel's package data carries every file of it.

The wheel itself is built, installed into a fresh venv and run from outside the clone by
.ci/check-wheel (`make check-wheel`), not here: that takes minutes.
"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

import pytest

from stance import model
from stance.model import MODEL_ENV_VAR, StanceClassifier, installed_model_dir, resolve_model_dir

ROOT = Path(__file__).resolve().parent.parent


def test_an_explicit_directory_comes_before_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(MODEL_ENV_VAR, str(tmp_path / "from-env-missing"))
    explicit = tmp_path / "explicit"
    explicit.mkdir()
    assert resolve_model_dir(explicit) == explicit
    assert resolve_model_dir(str(explicit)) == explicit


def test_the_environment_comes_before_the_installed_default(tmp_path, monkeypatch):
    monkeypatch.setenv(MODEL_ENV_VAR, str(tmp_path))
    assert resolve_model_dir() == tmp_path
    monkeypatch.setenv(MODEL_ENV_VAR, str(tmp_path / "missing"))
    with pytest.raises(FileNotFoundError, match=r"missing \(from \$STANCE_MODEL\): model directory does not exist"):
        resolve_model_dir()
    monkeypatch.setenv(MODEL_ENV_VAR, "")  # set but empty counts as unset
    assert resolve_model_dir() == installed_model_dir()


@pytest.mark.parametrize("name, folder", [("fast", "stance-minilm"), ("accurate", "stance-mpnet")])
def test_the_installed_default_is_the_wheels_copy_else_the_checkouts(name, folder, tmp_path, monkeypatch):
    monkeypatch.delenv(MODEL_ENV_VAR, raising=False)
    assert model.SOURCE_MODEL_DIRS[name] == ROOT / "models" / folder
    packaged = tmp_path / "bundled_model"
    monkeypatch.setitem(model.PACKAGED_MODEL_DIRS, name, packaged)
    assert installed_model_dir(name) == ROOT / "models" / folder  # a checkout: no package data beside the code
    packaged.mkdir()
    (packaged / model.WEIGHTS_NAME).write_bytes(b"")
    assert installed_model_dir(name) == packaged == resolve_model_dir(name)
    monkeypatch.setitem(model.PACKAGED_MODEL_DIRS, name, tmp_path / "none")
    monkeypatch.setitem(model.SOURCE_MODEL_DIRS, name, tmp_path / "none-either")
    with pytest.raises(FileNotFoundError, match=f"the bundled '{name}' model is missing .*reinstall stance"):
        resolve_model_dir(name)


def test_a_model_name_picks_a_bundled_model_and_an_unknown_name_is_a_path(tmp_path, monkeypatch):
    monkeypatch.delenv(MODEL_ENV_VAR, raising=False)
    assert resolve_model_dir() == installed_model_dir(model.DEFAULT_MODEL_NAME)
    assert resolve_model_dir("fast") == installed_model_dir("fast")
    monkeypatch.setenv(MODEL_ENV_VAR, "fast")
    assert resolve_model_dir() == installed_model_dir("fast")
    with pytest.raises(FileNotFoundError, match="quick .*model directory does not exist"):
        resolve_model_dir("quick")
    with pytest.raises(ValueError, match="unknown model name 'quick'; valid: fast, accurate"):
        installed_model_dir("quick")


def test_from_pretrained_follows_the_order(tiny_trained, tmp_path, monkeypatch):
    monkeypatch.setenv(MODEL_ENV_VAR, str(tmp_path / "not-a-model"))
    clf = StanceClassifier.from_pretrained(tiny_trained.output_dir, device="cpu")  # explicit wins
    assert clf.config.training_data == ("overfit fixture",)
    with pytest.raises(FileNotFoundError, match=r"\$STANCE_MODEL"):
        StanceClassifier.from_pretrained(device="cpu")


@pytest.mark.parametrize("name", sorted(model.MODEL_FOLDERS))
def test_the_wheels_package_data_covers_every_file_of_each_bundled_model(name):
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"][f"stance.{model.MODEL_PACKAGES[name]}"]
    folder = ROOT / "models" / model.MODEL_FOLDERS[name]
    files = [p.name for p in folder.iterdir() if p.is_file()]
    assert model.WEIGHTS_NAME in files and model.STANCE_CONFIG_NAME in files
    left_out = [f for f in files if not any(fnmatch.fnmatch(f, pattern) for pattern in patterns)]
    assert left_out == [], f"add patterns for {left_out} to [tool.setuptools.package-data] in pyproject.toml"
    assert f'"stance.{model.MODEL_PACKAGES[name]}": "models/{model.MODEL_FOLDERS[name]}"' in (ROOT / "setup.py").read_text(encoding="utf-8")
