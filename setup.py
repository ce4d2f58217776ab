"""Build configuration that pyproject.toml cannot express: the package list.

Everything else (metadata, dependencies, package data, entry points) is in
pyproject.toml. The bundled models' files live once in the repository, in
models/stance-minilm (fast) and models/stance-mpnet (accurate); the wheel ships them as
the data-only packages ``stance.bundled_model`` and ``stance.bundled_model_accurate``
by mapping those folders here, so nothing is copied or
committed twice. ``stance.model.installed_model_dir()`` finds them installed, or
the repository folder in a source checkout (editable install).
"""

from setuptools import find_namespace_packages, setup

# stance.model.MODEL_PACKAGES / MODEL_FOLDERS: the fast and the accurate model
BUNDLED_MODELS = {"stance.bundled_model": "models/stance-minilm", "stance.bundled_model_accurate": "models/stance-mpnet"}

setup(
    packages=find_namespace_packages(include=["stance", "stance.*"]) + list(BUNDLED_MODELS),
    package_dir=BUNDLED_MODELS,
)
