"""A stand-in for runner/child.py (the supervised worker, branch `hostile`) until it lands:
the same API, but the job runs in this process under the cooperative deadline only."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Self

from reportparse.errors import ReportParseError
from reportparse.limits import deadline


class InternalError(ReportParseError):
    exit_code = 1
    kind = "internal"


@dataclass(frozen=True)
class Limits:
    memory_mb: int | None = 500
    timeout: float | None = 60.0


class Worker:
    def __init__(self, limits: Limits, initializer: Callable[[], None] | None = None) -> None:
        self.limits = limits
        if initializer:
            initializer()

    def run(self, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            with deadline(self.limits.timeout):
                return func(*args, **kwargs)
        except ReportParseError:
            raise
        except MemoryError:
            raise InternalError("out of memory") from None
        except Exception as e:  # noqa: BLE001 -- a stand-in: every failure becomes a record
            raise InternalError(f"{type(e).__name__}: {e}") from None

    def close(self) -> None:
        pass

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def run_supervised(func: Callable[..., Any], *args: Any, limits: Limits, **kwargs: Any) -> Any:
    with Worker(limits) as worker:
        return worker.run(func, *args, **kwargs)
