"""The installed shape: one top-level package, every module shipped, floors that only point down.

The wheel is built once per session from this checkout. The layer contracts in
pyproject.toml ([tool.importlinter]) are checked on the unpacked wheel, where the stage
folders sit inside strikewatch/ as they do once installed; then a planted upward import,
a planted import between two stages and a planted cycle must each break them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
#: the folder of each shipped package in the repository
SOURCES = {
    "strikewatch": REPO / "strikewatch",
    "strikewatch/producers": REPO / "producers",
    "strikewatch/processors": REPO / "processors",
    "strikewatch/sinks": REPO / "sinks",
}
MAX_MODULE_LINES = 500


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(out), str(REPO)],
        check=True, cwd=build, capture_output=True, text=True,
    )
    shutil.rmtree(REPO / "build", ignore_errors=True)  # setuptools' scratch folder
    (found,) = out.glob("strikewatch-*.whl")
    return found


@pytest.fixture(scope="session")
def unpacked(wheel, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(root)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """import-linter on the package tree under ``root`` (and nothing else first on the path)."""
    return subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=root, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=120,
    )


def test_the_wheel_installs_only_the_strikewatch_package(wheel):
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
    top = {n.split("/", 1)[0] for n in names if ".dist-info/" not in n}
    assert top == {"strikewatch"}
    top_level = next(n for n in names if n.endswith(".dist-info/top_level.txt"))
    with zipfile.ZipFile(wheel) as zf:
        assert zf.read(top_level).decode().split() == ["strikewatch"]


def test_the_wheel_holds_every_module_and_data_file_of_the_package_folders(wheel):
    with zipfile.ZipFile(wheel) as zf:
        shipped = set(zf.namelist())
    missing = []
    for prefix, folder in SOURCES.items():
        for path in folder.rglob("*"):
            if path.is_dir() or "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            inner = path.relative_to(folder)
            if prefix == "strikewatch" and inner.parts[0] in ("producers", "processors", "sinks"):
                continue
            name = f"{prefix}/{inner.as_posix()}"
            if name not in shipped:
                missing.append(name)
    assert missing == []


def test_no_shipped_module_is_longer_than_500_lines(unpacked):
    long = {
        str(p.relative_to(unpacked)): n
        for p in (unpacked / "strikewatch").rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_the_layer_contracts_hold(unpacked):
    result = lint_imports(unpacked)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "3 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "source", "broken"),
    [
        # the ground floor reaching up into a stage
        ("strikewatch/core/planted.py", "import strikewatch.sinks.db\n", "floors"),
        # a stage reaching up into the application
        ("strikewatch/producers/planted.py", "from strikewatch.cli import main\n", "floors"),
        # one stage importing another
        ("strikewatch/processors/planted.py", "import strikewatch.producers.feeds\n", "floors"),
        # a cycle between two modules of one stage
        ("strikewatch/sinks/db.py", "import strikewatch.sinks.archive\n", "no import cycles"),
        # a stage by the folder name it has in the repository, not its installed name
        ("strikewatch/sinks/planted.py", "import producers.feeds\n", "old names"),
    ],
)
def test_a_planted_bad_import_breaks_the_contracts(unpacked, tmp_path, module, source, broken):
    tree = tmp_path / "tree"
    shutil.copytree(unpacked, tree)
    target = tree / module
    target.write_text((target.read_text() if target.exists() else "") + source)
    result = lint_imports(tree)
    assert result.returncode != 0
    names = {"floors": "floors: application > stages > core",
             "no import cycles": "no import cycles between sibling packages",
             "old names": "stages only by their installed names (strikewatch.producers, not producers)"}
    assert f"{names[broken]} BROKEN" in result.stdout, result.stdout[-3000:]
