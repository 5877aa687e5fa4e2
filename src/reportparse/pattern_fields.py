"""Reading a TOML file of `patterns/` key by key, with a clear error naming the file and key.

The vocabulary (`reportparse.vocabulary`) turns each file into typed objects through
`Fields`; a value of the wrong type, a missing or unknown key, or a file that is not
TOML raises `PatternError` saying where (`patterns/tables/requests.toml: row[3].labels:
…`), never a `KeyError` from deep inside a recogniser.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
FORMATS = ("2019", "2021")  # the State Council's two template versions

_HERE = Path(__file__).resolve().parent
_MISSING: Any = object()


class PatternError(ValueError):
    """A pattern file that is not what the vocabulary expects (a mistake in `patterns/`)."""


def patterns_dir() -> Path:
    """The files ship inside the package (`reportparse/patterns`); in a source
    checkout they are the repository's top-level `patterns/` folder."""
    for candidate in (_HERE / "patterns", _HERE.parents[1] / "patterns"):
        if (candidate / "sections.toml").is_file():
            return candidate
    raise FileNotFoundError("reportparse: the patterns/ vocabulary is not installed")


def open_file(path: Path, shown_as: str) -> Fields:
    """The top-level table of the TOML file at `path`, named `shown_as` in errors."""
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise PatternError(f"{shown_as}: not valid TOML: {e}") from None
    return Fields(data, shown_as, "")


def open_pattern(name: str) -> Fields:
    """`patterns/NAME.toml` (NAME may hold a folder: `tables/requests`)."""
    return open_file(patterns_dir() / f"{name}.toml", f"patterns/{name}.toml")


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _texts(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def _integer(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


_KINDS: dict[Callable[[Any], Any], str] = {
    _text: "a string",
    _texts: "a list of strings",
    _integer: "an integer",
    _number: "a number",
    _flag: "true or false",
}


class Fields:
    """One TOML table of a pattern file; each accessor checks the type of its key."""

    def __init__(self, data: Mapping[str, Any], file: str, path: str):
        self._data = data
        self.file = file
        self.path = path  # where in the file: "" (top level), "row[3]"

    def error(self, key: str, message: str) -> PatternError:
        where = f"{self.path}.{key}" if self.path else key
        return PatternError(f"{self.file}: {where}: {message}")

    def only(self, *keys: str) -> None:
        """Refuse a key the reader does not know (a misspelt key would be ignored)."""
        for key in self._data:
            if key not in keys:
                raise self.error(key, f"unknown key (known here: {', '.join(keys)})")

    def has(self, key: str) -> bool:
        return key in self._data

    def _get(self, key: str, read: Callable[[Any], T | None], default: Any) -> T:
        if key not in self._data:
            if default is _MISSING:
                raise self.error(key, f"missing (expected {_KINDS[read]})")
            return default
        value = read(self._data[key])
        if value is None:
            raise self.error(key, f"expected {_KINDS[read]}, got {_describe(self._data[key])}")
        return value

    def text(self, key: str, default: Any = _MISSING) -> str:
        return self._get(key, _text, default)

    def texts(self, key: str, default: Any = _MISSING) -> tuple[str, ...]:
        return self._get(key, _texts, default)

    def integer(self, key: str, default: Any = _MISSING) -> int:
        return self._get(key, _integer, default)

    def number(self, key: str, default: Any = _MISSING) -> float:
        return self._get(key, _number, default)

    def flag(self, key: str, default: Any = _MISSING) -> bool:
        return self._get(key, _flag, default)

    def fill(self, kind: type[T]) -> T:
        """Dataclass `kind` with each field read from the key of its name, by its type
        (str, tuple[str, ...], int, float, bool); no other key is allowed."""
        fields = [f for f in dataclasses.fields(kind) if f.init]  # type: ignore[arg-type]
        self.only(*(f.name for f in fields))
        return kind(**{f.name: _BY_TYPE[str(f.type)](self, f.name) for f in fields})

    def tables(self, key: str) -> list[Fields]:
        """An array of tables (`[[row]]`); none when the key is absent."""
        items = self._data.get(key, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise self.error(key, f"expected an array of tables ([[{key}]]), got {_describe(items)}")
        prefix = f"{self.path}." if self.path else ""
        return [Fields(item, self.file, f"{prefix}{key}[{n}]") for n, item in enumerate(items)]

    def per_format(self, key: str, read: Callable[[Fields, str], T], formats: tuple[str, ...]) -> dict[str, T]:
        """A value given once for every format in `formats`, or per format as a table
        {2019 = …, 2021 = …} naming exactly those formats."""
        value = self._data.get(key)
        if not isinstance(value, dict):
            return {f: read(self, key) for f in formats}
        inner = Fields(value, self.file, f"{self.path}.{key}" if self.path else key)
        for name in value:
            if name not in formats:
                raise inner.error(name, f"not a format this entry is printed in ({', '.join(formats)})")
        return {f: read(inner, f) for f in formats}


# The readers of `Fields.fill`, by the field's annotation (a string: annotations are postponed).
_BY_TYPE: dict[str, Callable[[Fields, str], Any]] = {
    "str": Fields.text,
    "tuple[str, ...]": Fields.texts,
    "int": Fields.integer,
    "float": Fields.number,
    "bool": Fields.flag,
}
