"""The project's own files agree: environment.yml with pyproject.toml, README commands with CI."""

from __future__ import annotations

import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_environment_yml_matches_pyproject() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "python=3.11" in env["dependencies"]
    pip = next(d for d in env["dependencies"] if isinstance(d, dict))["pip"]
    assert "-e .[dev]" in pip and "-c constraints.txt" in pip
    assert project["requires-python"].startswith(">=3.11")


def test_constraints_pin_every_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pinned = {line.split("==")[0].strip().lower().replace("_", "-")
              for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
              if "==" in line and not line.startswith("#")}
    wanted = project["dependencies"] + project["optional-dependencies"]["dev"]
    for req in wanted:
        name = req.split(";")[0].split("[")[0]
        for sep in "<>=!~ ":
            name = name.split(sep)[0]
        assert name.lower().replace("_", "-") in pinned, name


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme and "make report" in readme
    assert "make test" in ci


def test_seeds_match_shared_copy_when_present() -> None:
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        return
    for f in shared.glob("*.txt"):
        assert (ROOT / "seeds" / f.name).read_bytes() == f.read_bytes(), f.name
