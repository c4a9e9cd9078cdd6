"""Set-up stays honest: one list of dependencies, two README commands, CI runs the README's one."""
from __future__ import annotations

import os
import re
import tomllib

import pytest
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
    assert "tools/lab.py" in recipe
    script = (ROOT / "tools" / "lab.py").read_text()
    opened = re.search(r'^OPENS = "(\S+\.ipynb)"', script, re.MULTILINE).group(1)
    assert (ROOT / "notebooks" / opened).is_file()
    assert "--allow-root" in script, "JupyterLab refuses to start as root without it"


def _repository_slug() -> str:
    url = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]["Repository"]
    match = re.fullmatch(r"https://github\.com/([\w.-]+/[\w.-]+)", url)
    assert match, f"[project.urls] Repository is not a GitHub repository: {url}"
    return match.group(1)


def test_every_binder_link_opens_this_repository_at_a_notebook_that_exists():
    readme = (ROOT / "README.md").read_text()
    links = re.findall(r"https://mybinder\.org/v2/gh/([^/\s)]+/[^/\s)]+)/([^?\s)]+)(\?[^\s)]*)?", readme)
    assert links, "README has no Binder link"
    for slug, ref, query in links:
        assert slug == _repository_slug(), f"Binder link for {slug}, pyproject says {_repository_slug()}"
        path = re.search(r"urlpath=(?:lab/tree|voila/render)/(\S+\.ipynb)", query or "")
        assert path and (ROOT / path.group(1)).is_file(), f"Binder link opens nothing that exists: {query}"
    badge = re.search(r"\[!\[[^]]*\]\(https://mybinder\.org/badge_logo\.svg\)\]\((https://mybinder\.org/v2/gh/[^)]+)\)", readme)
    assert badge and "urlpath=lab/tree/notebooks/index.ipynb" in badge.group(1), "the badge opens the index in JupyterLab"


def test_the_classroom_recipe_is_a_jupyterhub_config_on_loopback(tmp_path, monkeypatch):
    from traitlets.config.loader import PyFileConfigLoader

    monkeypatch.setenv("REDSPOTS_HUB_STATE", str(tmp_path))
    for name in ("REDSPOTS_HUB_IP", "REDSPOTS_HUB_PORT", "REDSPOTS_CLASS_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    config = PyFileConfigLoader("jupyterhub_config.py", path=str(ROOT / "classroom")).load_config()
    assert config.JupyterHub.ip == "127.0.0.1" and config.JupyterHub.port == 8000
    assert config.JupyterHub.authenticator_class == "dummy" and config.JupyterHub.spawner_class == "simple"
    assert config.JupyterHub.db_url == f"sqlite:///{tmp_path / 'jupyterhub.sqlite'}"
    assert config.JupyterHub.cookie_secret_file == str(tmp_path / "jupyterhub_cookie_secret")
    proxy = config.ConfigurableHTTPProxy.command[0]
    assert re.search(r"configurable-http-proxy$", proxy) and os.access(proxy, os.X_OK), "make setup installs the proxy"


def test_make_app_serves_on_loopback_without_code():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^app:.*\n\t\$\(BIN\)/python tools/app\.py$", makefile, re.MULTILINE)
    import sys
    sys.path.insert(0, str(ROOT / "tools"))
    from app import voila_command
    command = voila_command(8866)
    assert "--Voila.ip=127.0.0.1" in command and "--VoilaConfiguration.strip_sources=True" in command


def _recipe(tmp_path, monkeypatch, **env):
    from traitlets.config.loader import PyFileConfigLoader

    monkeypatch.setenv("REDSPOTS_HUB_STATE", str(tmp_path))
    for name in ("REDSPOTS_HUB_IP", "REDSPOTS_HUB_PORT", "REDSPOTS_CLASS_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return PyFileConfigLoader("jupyterhub_config.py", path=str(ROOT / "classroom")).load_config()


def test_the_classroom_recipe_gives_students_no_terminal_and_nobody_admin(tmp_path, monkeypatch):
    config = _recipe(tmp_path, monkeypatch)
    assert "--ServerApp.terminals_enabled=False" in config.Spawner.args
    assert not config.Authenticator.get("admin_users")


def test_a_hub_open_to_a_room_needs_a_class_password(tmp_path, monkeypatch):
    with pytest.raises(SystemExit, match="no password"):
        _recipe(tmp_path, monkeypatch, REDSPOTS_HUB_IP="0.0.0.0")


def test_a_hub_open_to_a_room_never_runs_students_as_root(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "getuid", lambda: 0)
    with pytest.raises(SystemExit, match="as root"):
        _recipe(tmp_path, monkeypatch, REDSPOTS_HUB_IP="0.0.0.0", REDSPOTS_CLASS_PASSWORD="x")
    monkeypatch.setattr(os, "getuid", lambda: 1000)
    config = _recipe(tmp_path, monkeypatch, REDSPOTS_HUB_IP="0.0.0.0", REDSPOTS_CLASS_PASSWORD="x")
    assert config.DummyAuthenticator.password == "x" and "--ServerApp.allow_root=True" not in config.Spawner.args
