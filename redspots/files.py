"""Find and read the content files: the data folder, and YAML that refuses duplicate keys."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml

from .errors import Problem

#: Files every content folder has, besides ``conditions/*.yaml``.
SHARED_FILES = ("findings.yaml", "references.yaml", "glossary.yaml", "red_flags.yaml",
                "safety.yaml", "seed_corrections.yaml", "quiz.yaml")


def default_data_dir() -> Path:
    """The content folder shipped with redspots.

    In a source checkout (including an editable install) that is the repository's ``data/``;
    an installed wheel carries the same files as ``redspots/data``.
    """
    checkout = Path(__file__).resolve().parent.parent / "data"
    if (checkout / "findings.yaml").is_file():
        return checkout
    return Path(str(resources.files("redspots") / "data"))


def schema_dir() -> Path:
    """JSON Schemas describe what the code accepts, so they always come from the shipped content."""
    return default_data_dir() / "schema"


def content_files(data_dir: Path) -> tuple[list[Path], list[Problem]]:
    """Every content file of ``data_dir`` in load order, and problems with the folder itself."""
    problems: list[Problem] = []
    if not data_dir.is_dir():
        return [], [Problem(str(data_dir), "", "no such folder",
                            f"a content folder holding conditions/ and {', '.join(SHARED_FILES)}")]
    files = []
    for name in SHARED_FILES:
        path = data_dir / name
        if path.is_file():
            files.append(path)
        else:
            problems.append(Problem(display(path, data_dir), "", "missing file",
                                    f"{name} in the content folder"))
    conditions = data_dir / "conditions"
    found = sorted(conditions.glob("*.yaml")) if conditions.is_dir() else []
    for stray in sorted(conditions.glob("*.yml")) if conditions.is_dir() else []:
        problems.append(Problem(display(stray, data_dir), "", stray.name,
                                "a file name ending in .yaml (rename it)"))
    if not found:
        problems.append(Problem(display(conditions, data_dir), "", "no condition files",
                                "at least one conditions/<id>.yaml"))
    return files + found, problems


def display(path: Path, data_dir: Path) -> str:
    """How a file is named in messages: relative to the folder that holds the content folder."""
    try:
        return str(Path(data_dir.name) / path.relative_to(data_dir))
    except ValueError:
        return str(path)


class _DuplicateKey(yaml.constructor.ConstructorError):
    def __init__(self, key, mark):
        super().__init__(problem=f"duplicate key {key!r}", problem_mark=mark)
        self.key = key


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader (libyaml's when installed: ten times faster) that refuses a key given twice
    (plain PyYAML keeps the last one silently)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise _DuplicateKey(key, key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read_yaml(path: Path, name: str) -> tuple[object, list[Problem]]:
    """Parse one YAML file; a problem instead of an exception when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(name, f"byte {exc.start}", "text that is not UTF-8", "a UTF-8 text file")]
    except OSError as exc:
        return None, [Problem(name, "", exc.strerror or str(exc), "a readable file")]
    try:
        doc = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except _DuplicateKey as exc:
        line = exc.problem_mark.line + 1
        return None, [Problem(name, f"line {line}", exc.key, "each key only once in a mapping")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        what = getattr(exc, "problem", None) or str(exc)
        return None, [Problem(name, where, what, "valid YAML (check indentation, colons and quotes)")]
    if doc is None:
        return None, [Problem(name, "", "an empty file", "YAML content (see data/schema/)")]
    return doc, []
