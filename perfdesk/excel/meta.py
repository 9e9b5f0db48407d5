"""The very hidden ``perfdesk`` sheet: what the printed form does not hold.

The department, year, amount unit and settings of the file, and per sheet the
rows marked 不适用 and the clerk's explanations of findings.  Import uses it
when present and never needs it.
"""

from __future__ import annotations

import json

from .. import form_reader
from ..model import DepartmentFile, Settings
from .formats import ILLEGAL, set_value

META_SHEET = "perfdesk"
META_MARK = "perfdesk-meta"
META_VERSION = "1"


def _portable_settings(dfile: DepartmentFile) -> dict:
    """The file's settings without this PC's paths to last year's file and the report."""
    settings = dfile.to_dict()["settings"]
    settings.pop("last_year_file", None)
    settings.pop("report_file", None)
    return settings


def write_meta(wb, dfile: DepartmentFile, names: list[str]) -> None:
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "veryHidden"
    rows = [
        (META_MARK, META_VERSION),
        ("department", dfile.department),
        ("year", dfile.year),
        ("money_unit", dfile.money_unit),
        ("settings", json.dumps(_portable_settings(dfile), ensure_ascii=False)),
    ]
    for name, form in zip(names, dfile.forms, strict=True):
        extra = {}
        na = [i for i, ind in enumerate(form.indicators) if ind.not_applicable]
        if na:
            extra["not_applicable"] = na
        if form.explanations:
            extra["explanations"] = [
                {"code": e.code, "cells": list(e.cells), "note": e.note} for e in form.explanations
            ]
        if extra:
            rows.append(("form", name, json.dumps(extra, ensure_ascii=False)))
    for r, values in enumerate(rows, 1):
        for c, value in enumerate(values, 1):
            set_value(ws.cell(r, c), ILLEGAL.sub("", str(value)), False)



def read_meta(ws) -> form_reader.Meta | None:
    cells = ws._cells
    mark = cells.get((1, 1))
    if mark is None or mark.value != META_MARK:
        return None
    meta = form_reader.Meta()
    for r in range(2, min(ws.max_row, 10000) + 1):
        values = [cells.get((r, c)) for c in (1, 2, 3)]
        values = ["" if v is None or v.value is None else str(v.value) for v in values]
        k, v, extra = values
        if k == "department":
            meta.department = v
        elif k == "year":
            meta.year = v
        elif k == "money_unit":
            meta.money_unit = v
        elif k == "settings":
            try:
                meta.settings = Settings.from_dict(json.loads(v))
            except (ValueError, TypeError):
                pass
        elif k == "form":
            try:
                meta.forms[v] = json.loads(extra)
            except ValueError:
                pass
    return meta


