"""The local executor: a pool of `jobs` supervised workers on this machine.

Each worker is a long-lived child process (runner/child.py) that parses one document at
a time under the memory cap and the deadline, and replaces itself after a kill.  One
thread per worker hands it documents; results come back as each finishes.
"""

from __future__ import annotations

import queue
from collections.abc import Hashable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Self, TypeVar

from reportparse.runner.child import Limits, Worker
from reportparse.runner.job import Document, Outcome, ParseOptions, supervised, warm_up

Key = TypeVar("Key", bound=Hashable)


class LocalExecutor:
    def __init__(self, jobs: int, limits: Limits, options: ParseOptions) -> None:
        self.options = options
        warm_up()  # before the workers fork: each starts with the parser loaded
        self._idle: queue.SimpleQueue[Worker] = queue.SimpleQueue()
        self._workers = [Worker(limits) for _ in range(jobs)]
        for worker in self._workers:
            self._idle.put(worker)
        self._pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="reportparse-worker")
        self.jobs = jobs

    def _run(self, document: Document) -> Outcome:
        worker = self._idle.get()
        try:
            return supervised(worker, document, self.options)
        finally:
            self._idle.put(worker)

    def run(self, documents: Iterable[tuple[Key, Document]]) -> Iterator[tuple[Key, Outcome]]:
        """Each document's outcome as it finishes; at most 2×jobs are taken from `documents` ahead."""
        pending: dict[Future[Outcome], Key] = {}
        todo = iter(documents)

        def refill() -> None:
            for key, document in todo:
                pending[self._pool.submit(self._run, document)] = key
                if len(pending) >= 2 * self.jobs:
                    break

        refill()
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                yield pending.pop(future), future.result()
            refill()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        for worker in self._workers:
            worker.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
