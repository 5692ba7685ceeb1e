"""The package imports only downward: the layers, ground first, and a test that no import points up.

A module may import modules of its own layer and of the layers below it, never of a layer above.
Every import is counted, also those made inside a function (a lazy import is still a dependency).
"""

import ast
import sys
from pathlib import Path

import pytest

from conftest import ROOT, heavy_modules_loaded

SCRIPTS = ROOT / "scripts"

# The layers of scripts/, ground first. A name stands for the module and everything under it; the
# longest name that matches places a module. `newsfacts` (the package root) is only its __init__.py.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("newsfacts", "newsfacts.errors", "newsfacts.yamlio", "newsfacts.changelog"),  # version, errors, YAML, changelog
    ("newsfacts.model",),  # tables, fields, row ids, read_package
    ("newsfacts.extract",),  # the rule-based extractor
    ("newsfacts.curate",),  # typed inputs and reviews, apply_review (places added rows in the extractor's sections)
    ("newsfacts.package",),  # build, validate, consistency, atomic writes, restamp
    ("newsfacts.publish", "newsfacts.corpus"),  # the reader, release, diff, export, reports; corpus extraction
    ("newsfacts.docsite",),  # the documentation site's generated pages
    ("newsfacts.candidates", "newsfacts.cli", "newsfacts.command", "newsfacts.__main__", "docs_hooks"),
)
# The package root hands on the reader's API (newsfacts.load) lazily, on first use: the one import
# allowed to point up, since every layer imports `__version__` from the root.
PUBLIC_API = {("newsfacts", "newsfacts.publish.loader"), ("newsfacts", "newsfacts.publish")}


def _module_name(path: Path) -> str:
    parts = path.relative_to(SCRIPTS).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    path = SCRIPTS.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def layer_of(module: str) -> int:
    """The index in LAYERS of the longest layer name that is `module` or a package holding it."""
    matches = [
        (len(name), i)
        for i, names in enumerate(LAYERS)
        for name in names
        if module == name or (name != "newsfacts" and module.startswith(name + "."))
    ]
    assert matches, f"{module} is on no layer: add it to LAYERS in {Path(__file__).name}"
    return max(matches)[1]


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import of a module of scripts/ in the file, at any depth."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package, `level - 1` steps up
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            # `from newsfacts.x import y` imports the module newsfacts.x.y when there is one
            found += [(node.lineno, f"{base}.{a.name}" if _is_module(f"{base}.{a.name}") else base) for a in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] in {"newsfacts", "docs_hooks"}]


MODULES = sorted([*(SCRIPTS / "newsfacts").rglob("*.py"), SCRIPTS / "docs_hooks.py"])


def test_the_layers_name_every_module_and_are_disjoint():
    names = [name for layer in LAYERS for name in layer]
    assert len(names) == len(set(names))
    for path in MODULES:
        layer_of(_module_name(path))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(SCRIPTS).as_posix())
def test_no_module_imports_a_layer_above_its_own(path):
    module = _module_name(path)
    mine = layer_of(module)
    upward = sorted(
        {
            f"line {line}: {name} (layer {layer_of(name)}: {LAYERS[layer_of(name)][0]})"
            for line, name in imports_of(path)
            if layer_of(name) > mine and (module, name) not in PUBLIC_API
        }
    )
    assert not upward, f"{module} (layer {mine}: {LAYERS[mine][0]}) imports upward: {upward}"


def test_the_check_sees_an_upward_import(tmp_path, monkeypatch):
    """The parser resolves absolute, relative and `from package import module` imports."""
    pkg = tmp_path / "newsfacts" / "package"
    pkg.mkdir(parents=True)
    (tmp_path / "newsfacts" / "publish").mkdir()
    (tmp_path / "newsfacts" / "publish" / "release.py").write_text("")
    (pkg / "build.py").write_text(
        "import newsfacts.model.ids\n"
        "def f():\n    from newsfacts.publish import release\n"
        "from ..publish.release import x\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "SCRIPTS", tmp_path)
    got = sorted(imports_of(pkg / "build.py"))
    assert got == [(1, "newsfacts.model.ids"), (3, "newsfacts.publish.release"), (4, "newsfacts.publish.release")]
    assert [layer_of(name) > layer_of("newsfacts.package.build") for _, name in got] == [False, True, True]


GROUND = ["newsfacts", "newsfacts.model.ids", "newsfacts.model.metadata", "newsfacts.model.package"]


def test_the_ground_and_the_model_load_neither_pandas_nor_spacy():
    """The root's reader API is lazy: importing the version or the model does not load the reader.
    One fresh interpreter imports them in turn and names the first that brings in a heavy module."""
    loaded = heavy_modules_loaded(GROUND, ("pandas", "spacy", "newsfacts.publish"))
    assert loaded == [f"{module} []" for module in GROUND]


EXTRACTION = ["newsfacts.cli", "newsfacts.corpus.run", "newsfacts.extract"]


def test_the_command_line_and_corpus_extraction_do_not_load_pandas():
    """`newsfacts extract` starts (and forks its workers) without pandas (~0.3 s of start-up per
    run): the command line imports what a command needs when it runs."""
    loaded = heavy_modules_loaded(EXTRACTION, ("pandas", "newsfacts.publish.loader"))
    assert loaded == [f"{module} []" for module in EXTRACTION]
