"""Running parses one layer above the pipeline: the supervised child process (child.py),
shared by the command line, the library's `parse(..., isolate=True)` and batch runs."""

from reportparse.runner.child import Limits, Worker, run_supervised

__all__ = ["Limits", "Worker", "run_supervised"]
