"""Running many documents: inputs, supervised workers, executors, records, resume, summary."""
