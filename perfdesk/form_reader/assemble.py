"""Many forms from many files -> one department file, or every problem listed."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import PerfdeskError
from ..model import DepartmentFile, Explanation, Form, Settings
from .find import form_has_content, normalise_unit
from .grid import FormRead

# ---- many forms from many files -> one department file ----------------------------


class ImportProblems(PerfdeskError):
    """Forms that could not be read whole; ``problems`` lists each, per file, sheet and cell."""

    HEADER = "无法导入，以下内容读不出来（没有保存任何内容）："

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__(self.HEADER + "\n" + "\n".join(self.problems))


@dataclass
class Meta:
    """What our own exports keep beside the forms (never needed to read a form)."""

    department: str | None = None
    year: str | None = None
    money_unit: str | None = None
    settings: Settings | None = None
    forms: dict[str, dict] = field(default_factory=dict)  # sheet name -> extras


@dataclass
class Source:
    """The forms read from one file: (read, where, sheet) each."""

    name: str
    forms: list[tuple[FormRead, str, str]] = field(default_factory=list)
    meta: Meta | None = None


def apply_extras(form: Form, extra: dict) -> None:
    """Restore what our export kept for one form beside the printed cells."""
    for i in extra.get("not_applicable", []):
        if isinstance(i, int) and 0 <= i < len(form.indicators):
            form.indicators[i].not_applicable = True
    for e in extra.get("explanations", []):
        try:
            form.explanations.append(
                Explanation(str(e["code"]), [str(c) for c in e["cells"]], str(e["note"]))
            )
        except (KeyError, TypeError):
            continue


def assemble(sources: list[Source], skipped: list[str] | None = None,
             notes: list[str] | None = None) -> DepartmentFile:
    """One department file from every form of every source.

    Raises a ``PerfdeskError`` listing every problem, per file, sheet and cell,
    unless every form was read whole: nothing half-read is returned.  Blank
    forms (a template sheet nobody filled) are left out and, if ``skipped`` is
    given, named there; what a form printed that was left out (a money row
    with no money that our forms do not have) is listed in ``notes``.
    """
    problems: list[str] = []
    forms: list[Form] = []
    years: dict[str, list[str]] = {}
    units: dict[str, list[str]] = {}
    departments: list[str] = []
    dfile = DepartmentFile()
    settings_taken = False
    for src in sources:
        meta = src.meta
        if not src.forms:
            problems.append(f"文件 {src.name}：没有找到绩效自评表（找不到「项目名称」）")
            continue
        if meta is not None and meta.settings is not None and not settings_taken:
            dfile.settings, settings_taken = meta.settings, True
        if meta is not None and meta.department is not None:
            departments.append(meta.department)
        for read, where, sheet in src.forms:
            if read.problems:
                problems.extend(f"{where}：{p}" for p in read.problems)
                continue
            if notes is not None:
                notes.extend(f"{where}：{n}" for n in read.notes)
            if not form_has_content(read.form):
                if skipped is not None:
                    skipped.append(where)
                continue
            year = meta.year if meta is not None and meta.year is not None else read.year
            unit = meta.money_unit if meta is not None and meta.money_unit else normalise_unit(read.money_unit)
            years.setdefault(year, []).append(where)
            if unit:
                units.setdefault(unit, []).append(where)
            if meta is None and read.form.department:
                departments.append(read.form.department)
            if meta is not None and sheet in meta.forms:
                apply_extras(read.form, meta.forms[sheet])
            forms.append(read.form)
    if not forms and not problems:
        names = "、".join(s.name for s in sources)
        problems.append(f"文件 {names}：没有找到填写过的绩效自评表（只有空白表）")
    named_years = {y: w for y, w in years.items() if y}
    if len(named_years) > 1:
        problems.append("各表的年度不一致：" + "；".join(
            f"{y} 年度（{w[0]}{' 等' if len(w) > 1 else ''}）" for y, w in named_years.items()
        ))
    if len(units) > 1:
        problems.append("各表的金额单位不一致：" + "；".join(
            f"{u}（{w[0]}{' 等' if len(w) > 1 else ''}）" for u, w in units.items()
        ))
    if problems:
        raise ImportProblems(problems)
    dfile.year = next(iter(named_years), "") if named_years else next(iter(years), "")
    dfile.money_unit = next(iter(units), "万元")
    if departments:
        dfile.department = max(departments, key=departments.count)
    dfile.forms = forms
    return dfile
