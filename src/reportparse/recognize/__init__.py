"""Recognisers over the layout: labels, sections, metadata."""
