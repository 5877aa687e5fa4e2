"""Exporters: the report as JSON, or as the spec's cells listing."""
