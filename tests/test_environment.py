"""Set-up stays honest: one list of dependencies, two README commands, CI runs the README's one."""
from __future__ import annotations

import re
import tomllib

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from conftest import ROOT


def _pyproject_requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        reqs += extra
    return {Requirement(r).name.lower(): Requirement(r).specifier for r in reqs}


def _conda_requirements():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    out = {}
    for dep in env["dependencies"]:
        for item in dep["pip"] if isinstance(dep, dict) else [dep]:
            name, _, spec = re.match(r"([A-Za-z0-9_.\-]+)\s*(=?)(.*)", item).groups()
            out[name.lower()] = spec.replace(" ", "")
    return out


def test_environment_yml_lists_the_same_packages_as_pyproject():
    pyproject, conda = _pyproject_requirements(), _conda_requirements()
    assert set(pyproject) == set(conda) - {"python", "pip"}
    for name, specifier in pyproject.items():
        assert specifier == SpecifierSet(conda[name]), f"{name}: pyproject {specifier} vs environment.yml {conda[name]}"


def _quickstart_commands():
    readme = (ROOT / "README.md").read_text()
    section = re.search(r"^## Quickstart\n(.*?)(?=^## )", readme, re.MULTILINE | re.DOTALL).group(1)
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", section, re.DOTALL)
    return [line.strip() for block in blocks for line in block.splitlines()
            if line.strip() and not line.strip().startswith("#")]


def test_readme_quickstart_is_exactly_two_commands():
    commands = _quickstart_commands()
    assert len(commands) == 2, commands
    assert any("lab" in c for c in commands) and any("test" in c for c in commands)


def test_ci_runs_the_readme_test_command():
    test_command = next(c for c in _quickstart_commands() if "test" in c)
    script = (ROOT / ".ci/run").read_text()
    assert re.search(rf"^{re.escape(test_command)}\s*$", script, re.MULTILINE)


def test_the_lab_command_opens_a_notebook_that_exists():
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^lab:.*\n\t(.+)$", makefile, re.MULTILINE).group(1)
    opened = re.search(r"(notebooks/\S+\.ipynb)", recipe).group(1)
    assert (ROOT / opened).is_file()
    assert "--allow-root" in makefile, "JupyterLab refuses to start as root without it"
