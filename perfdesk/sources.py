"""Open any file a form can come from, by its extension."""

from __future__ import annotations

from pathlib import Path

from . import storage
from .errors import PerfdeskError
from .model import DepartmentFile

READABLE = (storage.EXTENSION, ".xlsx", ".xls", ".docx")
# Besides: .pdf (text-layer) forms are imported and checked, never opened as a department file.
# Old or foreign formats: what to save them as first.
SAVE_AS = {".et": ".xlsx", ".xlsb": ".xlsx", ".ods": ".xlsx", ".csv": ".xlsx",
           ".doc": ".docx", ".wps": ".docx", ".rtf": ".docx", ".odt": ".docx"}


def load_any(path: str | Path) -> DepartmentFile:
    """A department file from ``path``; a Chinese ``PerfdeskError`` if it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == storage.EXTENSION:
        return storage.load(path)
    if suffix in OFFICE:
        from .form_reader import assemble

        return assemble([read_office(path)])
    raise _unsupported(path)


OFFICE = (".xlsx", ".xlsm", ".xls", ".docx", ".docm", ".pdf")


def _unsupported(path: Path) -> PerfdeskError:
    suffix = path.suffix.lower()
    if suffix in SAVE_AS:
        new = SAVE_AS[suffix]
        return PerfdeskError(
            f"不能直接读取 {suffix} 格式的文件：{path.name}。请在 Excel/WPS/Word 中打开，"
            f"用“另存为”保存为 {new} 格式后再导入（另存为 {new}）。"
        )
    return PerfdeskError(
        f"不支持的文件类型「{path.suffix or '无扩展名'}」：{path.name}（可以打开：{'、'.join(READABLE)}）"
    )


def read_office(path: str | Path):
    """The forms of one Excel or Word file, as a ``form_reader.Source`` (not yet checked whole)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from . import excel

        return excel.read_workbook(path)
    if suffix == ".xls":
        from .excel.xls import read_xls

        return read_xls(path)
    if suffix == ".pdf":
        from .pdf_tables import read_pdf

        return read_pdf(path)
    if suffix in (".docx", ".docm"):
        from . import word

        return word.read_document(path)
    raise _unsupported(path)


def import_files(paths, skipped: list[str] | None = None,
                 notes: list[str] | None = None) -> DepartmentFile:
    """One department file from the forms of many Excel/Word files.

    Every file is read before anything is decided; a ``PerfdeskError`` lists
    every problem of every file unless all forms were read whole.
    """
    from .form_reader import ImportProblems, assemble

    sources, problems = [], []
    for path in paths:
        try:
            sources.append(read_office(path))
        except PerfdeskError as err:
            problems.append(str(err))
    if not sources and not problems:
        raise PerfdeskError("没有要导入的文件。")
    dfile = None
    try:
        dfile = assemble(sources, skipped, notes) if sources else None
    except ImportProblems as err:
        problems.extend(err.problems)
    if problems:
        raise ImportProblems(problems)
    return dfile


def expand(paths) -> list[Path]:
    """Files named, with each folder replaced by the readable files in it (sorted).

    Office's lock files (``~$name.xlsx``) and hidden files are left out.
    """
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(
                f for f in p.iterdir()
                if f.is_file() and f.suffix.lower() in READABLE and not f.name.startswith(("~$", "."))
            ))
        else:
            out.append(p)
    return out
