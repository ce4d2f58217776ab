"""Build configuration that pyproject.toml cannot express: the package list.

Everything else (metadata, dependencies, package data, entry points) is in
pyproject.toml. The bundled model's files live once in the repository, in
models/stance-minilm; the wheel ships them as the data-only package
``stance.bundled_model`` by mapping that folder here, so nothing is copied or
committed twice. ``stance.model.installed_model_dir()`` finds them installed, or
the repository folder in a source checkout (editable install).
"""

from setuptools import find_namespace_packages, setup

BUNDLED_MODEL_PACKAGE = "stance.bundled_model"

setup(
    packages=find_namespace_packages(include=["stance", "stance.*"]) + [BUNDLED_MODEL_PACKAGE],
    package_dir={BUNDLED_MODEL_PACKAGE: "models/stance-minilm"},
)
