"""The Dask executor: the same per-document function on a Dask distributed cluster.

Workers read each input at its absolute path (so inputs live on storage every worker
sees at the same path) and return the outcome to the client; only the client writes
OUTDIR, so OUTDIR is a local folder of the machine running `reportparse batch`.  On a
Dask worker, each document still runs in a supervised child under the same limits.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Hashable, Iterable, Iterator
from typing import Any, Self, TypeVar

from reportparse.errors import UsageError
from reportparse.runner.child import Limits, Worker
from reportparse.runner.job import Document, Outcome, ParseOptions, supervised, warm_up

Key = TypeVar("Key", bound=Hashable)
MISSING = "Dask is not installed: pip install 'reportparse[dask]'"

_local = threading.local()


def run_on_dask_worker(document: Document, options: ParseOptions, limits: Limits) -> Outcome:
    """The task a Dask worker runs: one supervised child per worker thread, kept between tasks."""
    worker = getattr(_local, "worker", None)
    if worker is None or getattr(_local, "limits", None) != limits:
        if worker is not None:
            worker.close()
        warm_up()
        worker = _local.worker = Worker(limits)
        _local.limits = limits
    return supervised(worker, document, options)


class DaskExecutor:
    def __init__(self, jobs: int, limits: Limits, options: ParseOptions, scheduler: str | None = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise UsageError(MISSING) from None
        self.limits, self.options = limits, options
        self._cluster: Any = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="20s")
            else:
                self._cluster = LocalCluster(
                    n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
                )
                self.client = Client(self._cluster)
        except OSError as e:
            raise UsageError(f"cannot reach the Dask scheduler {scheduler}: {e}") from None

    def run(self, documents: Iterable[tuple[Key, Document]]) -> Iterator[tuple[Key, Outcome]]:
        from distributed import as_completed

        keys = {}
        for key, document in documents:
            if isinstance(document, str):
                document = os.path.abspath(document)
            keys[self.client.submit(run_on_dask_worker, document, self.options, self.limits, pure=False)] = key
        for future in as_completed(keys):
            yield keys.pop(future), future.result()
            future.release()

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
