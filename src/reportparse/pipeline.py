"""Layout → Report: sections, tables, checks, problems and metadata, for any source."""

from __future__ import annotations

from reportparse import records
from reportparse.checks import run_checks
from reportparse.doubts import Alternatives, ocr_doubts
from reportparse.errors import NotAReportError
from reportparse.layout.model import Document, TextLine
from reportparse.layout.model import Table as LayoutTable
from reportparse.recognize import meta as meta_rules
from reportparse.recognize.headings import sections as all_sections
from reportparse.recognize.paragraphs import paragraphs
from reportparse.recognize.sections import Outline, outline
from reportparse.tables.active import ActiveTable
from reportparse.tables.appeals import AppealsTable
from reportparse.tables.base import TemplateTable
from reportparse.tables.classify import classify
from reportparse.tables.requests import RequestsTable
from reportparse.tables.result import TableResult


def _templates() -> list[TemplateTable]:
    return [ActiveTable(), RequestsTable(), AppealsTable()]


def _fragments(doc_outline: Outline, templates: list[TemplateTable]) -> dict[str, list[LayoutTable]]:
    """Each table fragment goes to the template its labels name, else to its section's."""
    by_section = {t.vocab.section: t.name for t in templates}
    out: dict[str, list[LayoutTable]] = {t.name: [] for t in templates}
    located: list[tuple[LayoutTable, int | None]] = [(table, None) for table in doc_outline.loose_tables]
    located += [(table, span.section.number) for span in doc_outline.sections for table in span.tables]
    for table, section in located:
        name = classify(table, templates, prefer=by_section.get(section)) or by_section.get(section)
        if name:
            out[name].append(table)
    return out


def _format_version(formats: set[str]) -> str | None:
    if {"2019", "2021"} <= formats:
        return "mixed"
    return next(iter(formats), None)


def build_report(document: Document) -> records.ReportRecord:
    """The report as plain data, shaped as `model.Report` (typed in records.py)."""
    doc_outline = outline(document)
    if not doc_outline.sections:
        raise NotAReportError(
            "no section of an annual report (一、总体情况 … 六、其他需要报告的事项) was found: "
            "this does not look like a 政府信息公开工作年度报告"
        )
    problems: list[records.ProblemRecord] = list(document.problems)
    sections = _sections(doc_outline, problems)
    tables, results, formats, alternatives = _tables(doc_outline, problems)
    checks = run_checks(results)
    problems.extend(ocr_doubts(tables, checks, alternatives))
    meta = _meta(document, doc_outline, formats)
    return {"meta": meta, "sections": sections, "tables": tables, "checks": checks, "problems": problems}


def _sections(doc_outline: Outline, problems: list[records.ProblemRecord]) -> list[records.SectionRecord]:
    """The sections found, each with its text; a section not found is a problem."""
    sections: list[records.SectionRecord] = []
    for span in doc_outline.sections:
        sections.append(
            {
                "number": span.section.number,
                "key": span.section.key,
                "heading": span.heading,
                "text": "\n".join(paragraphs(span.lines)),
                "page_start": span.page_start,
                "page_end": span.page_end,
            }
        )
    found_numbers = {s["number"] for s in sections}
    for number, section in sorted(all_sections().items()):
        if number not in found_numbers:
            problems.append(
                records.problem("missing_section", f"section {section.canonical} is missing", section=number)
            )
    return sections


def _tables(
    doc_outline: Outline, problems: list[records.ProblemRecord]
) -> tuple[dict[str, records.TableRecord], dict[str, TableResult], set[str], dict[str, Alternatives]]:
    """Each template table read from its fragments: its record, its result for the checks,
    the formats its printed rows and columns belong to, and the OCR alternatives of its cells."""
    templates = _templates()
    tables: dict[str, records.TableRecord] = {}
    results: dict[str, TableResult] = {}
    formats: set[str] = set()
    alternatives: dict[str, Alternatives] = {}
    assigned = _fragments(doc_outline, templates)
    for template in templates:
        fragments = assigned[template.name]
        if not fragments:
            tables[template.name] = {"found": False, "pages": [], "cells": {}}
            problems.append(
                records.problem(
                    "missing_table",
                    f"table {template.name} is missing",
                    table=template.name,
                    section=template.vocab.section,
                )
            )
            continue
        result = results[template.name] = template.recognize(fragments)
        tables[template.name] = {"found": True, "pages": result.pages, "cells": dict(sorted(result.cells.items()))}
        problems.extend(result.problems)
        formats |= result.formats
        alternatives.update(result.alternatives)
    return tables, results, formats, alternatives


def _meta(document: Document, doc_outline: Outline, formats: set[str]) -> records.MetaRecord:
    title = meta_rules.title(doc_outline.preamble)
    all_lines = [b for b in document.blocks() if isinstance(b, TextLine)]
    return {
        "title": title,
        "agency": meta_rules.agency(title, all_lines),
        "year": meta_rules.year(title),
        "publication_date": meta_rules.publication_date(all_lines),
        "format_version": _format_version(formats),
        "source_format": document.source_format,
        "pages": document.pages_total,
    }
