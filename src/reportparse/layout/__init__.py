"""The one intermediate layout every source produces and every recogniser reads."""

from reportparse.layout.model import BBox, Cell, Document, Page, Table, TextLine

__all__ = ["BBox", "Cell", "Document", "Page", "Table", "TextLine"]
