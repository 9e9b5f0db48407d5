"""The headless commands: ``perfdesk check FILE... [--json]`` and
``perfdesk pdf FILE [-o OUT.pdf] [--project NAME]...``.

Also ``perfdesk check FILE|FOLDER... [--last-year LAST]``,
``perfdesk export FILE -o OUT.xlsx``, ``perfdesk import IN... -o OUT.perfdesk``
and ``perfdesk new-year LAST -o NEW.perfdesk [--year Y]``."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from . import layouts, logfile, report
from .errors import PerfdeskError
from .sources import READABLE, expand, load_any
from .streams import utf8_unless_console

COMMANDS = ("check", "pdf", "export", "import", "new-year", "draft", "summary")
INTERNAL_ERROR = 3  # 0: no 错误, 1: some form has 错误, 2: a file could not be read


def main(argv: list[str] | None = None) -> int:
    utf8_unless_console()
    logfile.install()
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return args.func(args)
    except Exception:  # a bug of ours: never let it pass for findings (status 1)
        sys.stderr.write("perfdesk 内部错误（不是表格的问题），请把下面的信息发给维护人员：\n")
        traceback.print_exc(file=sys.stderr)
        return INTERNAL_ERROR


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="perfdesk", description="部门预算项目绩效自评表：填报与审核")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="审核一个或多个文件中的每一张表")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    check.add_argument("--last-year", metavar="LAST",
                       help="上年的文件（.perfdesk/.xlsx/.docx），与之对比指标和目标（Y01、Y02）")
    check.add_argument("--forms", nargs="+", metavar="FORMS", default=[],
                       help="与自评报告（.txt/.pdf/.docx）对照的自评表文件（.perfdesk/.xlsx/.docx），检查 T02")
    check.set_defaults(func=_check)
    _office_parsers(sub)
    _report_parsers(sub)
    pdf = sub.add_parser("pdf", help="把文件中的表打印成 PDF（A4，每张表另起一页）")
    pdf.add_argument("file", metavar="FILE")
    pdf.add_argument("-o", "--output", metavar="OUT.pdf", help="输出文件（默认：FILE 改扩展名为 .pdf）")
    pdf.add_argument("--project", action="append", metavar="NAME",
                     help="只打印这个项目（按项目名称，可重复）")
    pdf.set_defaults(func=_pdf)
    return parser


def _check(args) -> int:
    from .reports import output

    paths = expand(args.files)  # a folder gives its forms; reports are named one by one
    report_paths = [p for p in paths if output.is_report(p, bool(args.forms))]
    paths = [p for p in paths if p not in report_paths]
    last = None
    if args.last_year:
        try:
            last = load_any(args.last_year)
        except PerfdeskError as err:
            sys.stderr.write(f"无法读取上年文件：{err}\n")
            return 2
    reports = report.check_files(paths, last)
    for folder in map(Path, args.files):
        if folder.is_dir() and not expand([folder]):
            reports.append(report.FileReport(
                str(folder), error=f"文件夹中没有可审核的文件（{'、'.join(READABLE)}）：{folder}"
            ))
    texts = output.check_reports(report_paths, report.form_refs_of(reports, args.forms)) if report_paths else []
    out = report.to_json(reports, texts) if args.json else report.to_text(reports, texts)
    sys.stdout.write(out + "\n")
    return report.exit_status(reports, texts)


def _pdf(args) -> int:
    from .pdf import MISSING, write_pdf  # reportlab is loaded only when printing

    out = Path(args.output) if args.output else Path(args.file).with_suffix(".pdf")
    try:
        dfile = load_any(args.file)
        result = write_pdf(dfile, out, args.project)
    except PerfdeskError as err:
        sys.stderr.write(f"无法打印：{err}\n")
        return 2
    lines = []
    for n, f in enumerate(result.forms, 1):
        state = f"草稿（{f.errors} 处错误）" if f.draft else "正式"
        lines.append(f"【{n}】{f.project or '（未填项目名称）'}　{f.pages} 页　校验码 {f.code}　{state}")
        if f.missing:
            lines.append(f"    注意：字体中没有这些字，打印为{MISSING}：{f.missing}")
    drafts = sum(1 for f in result.forms if f.draft)
    summary = f"已写入 {result.path}：{len(result.forms)} 张表，共 {result.pages} 页"
    lines.append(summary + (f"；{drafts} 张表有错误，印有“草稿”水印。" if drafts else "。"))
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


# ---- draft / summary ----------------------------------------------------------------------


def _report_parsers(sub) -> None:
    draft = sub.add_parser("draft", help="由自评表生成自评报告初稿（.docx），需人工填写的部分已标出")
    draft.add_argument("file", metavar="FILE")
    draft.add_argument("-o", "--output", required=True, metavar="自评报告.docx")
    draft.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")
    draft.set_defaults(func=_draft)
    summary = sub.add_parser("summary", help="生成部门汇总表（.xlsx）：每个项目一行")
    summary.add_argument("file", metavar="FILE")
    summary.add_argument("-o", "--output", required=True, metavar="汇总表.xlsx")
    summary.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")
    summary.set_defaults(func=_summary)


def _written(args, write, what: str) -> int:
    out = Path(args.output)
    if out.exists() and not args.force:
        sys.stderr.write(f"无法生成{what}：输出文件已存在：{out}（换一个文件名，或加 --force 覆盖）\n")
        return 2
    if out.resolve() == Path(args.file).resolve():
        sys.stderr.write(f"无法生成{what}：输出文件不能与输入文件相同：{out.name}\n")
        return 2
    try:
        count = write(load_any(args.file), out)
    except PerfdeskError as err:
        sys.stderr.write(f"无法生成{what}：{err}\n")
        return 2
    sys.stdout.write(f"已写入{what} {out}：{count} 个项目。\n")
    return 0


def _draft(args) -> int:
    from .reports.draft import write_docx

    return _written(args, write_docx, "自评报告初稿")


def _summary(args) -> int:
    from .reports.summary import write_xlsx

    return _written(args, write_xlsx, "汇总表")


# ---- export / import / new-year ------------------------------------------------------


def _office_parsers(sub) -> None:
    exp = sub.add_parser("export", help="把文件中的每张表导出到一个 Excel 工作簿（每张表一个工作表）")
    exp.add_argument("file", metavar="FILE")
    exp.add_argument("-o", "--output", metavar="OUT.xlsx", help="输出文件（默认：FILE 改扩展名为 .xlsx）")
    exp.set_defaults(func=_export)
    imp = sub.add_parser("import", help="从 Excel（.xlsx）或 Word（.docx）表格导入，生成 perfdesk 文件")
    imp.add_argument("files", nargs="+", metavar="IN", help=".xlsx/.xls/.docx 文件或文件夹")
    imp.add_argument("-o", "--output", required=True, metavar="OUT.perfdesk")
    imp.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")
    imp.set_defaults(func=_import)
    ny = sub.add_parser("new-year", help="由上年的文件（.perfdesk/.xlsx/.docx）生成今年的文件")
    ny.add_argument("last", metavar="LAST")
    ny.add_argument("-o", "--output", required=True, metavar="NEW.perfdesk")
    ny.add_argument("--year", help="今年的年度（默认：上年 + 1）")
    ny.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")
    ny.set_defaults(func=_new_year)


def _refuse_output(out: Path, force: bool, *sources) -> str | None:
    if out.suffix.lower() != ".perfdesk":
        return f"输出文件的扩展名应为 .perfdesk：{out.name}"
    if any(Path(s).resolve() == out.resolve() for s in sources):
        return f"输出文件不能与输入文件相同：{out.name}"
    if out.exists() and not force:
        return f"输出文件已存在：{out}（换一个文件名，或加 --force 覆盖）"
    return None


def _export(args) -> int:
    from . import excel

    out = Path(args.output) if args.output else Path(args.file).with_suffix(".xlsx")
    if out.suffix.lower() != ".xlsx":
        sys.stderr.write(f"无法导出：输出文件的扩展名应为 .xlsx：{out.name}\n")
        return 2
    if out.resolve() == Path(args.file).resolve():
        sys.stderr.write(f"无法导出：输出文件不能与输入文件相同：{out.name}\n")
        return 2
    try:
        dfile = load_any(args.file)
        names = excel.export_file(dfile, out)
    except PerfdeskError as err:
        sys.stderr.write(f"无法导出：{err}\n")
        return 2
    sys.stdout.write(f"已写入 {out}：{len(names)} 张表（{'、'.join(names)}）。\n")
    return 0


def _import(args) -> int:
    from . import storage
    from .sources import import_files

    out = Path(args.output)
    paths = expand(args.files)
    refused = _refuse_output(out, args.force, *paths)
    if refused:
        sys.stderr.write(f"无法导入：{refused}\n")
        return 2
    skipped: list[str] = []
    notes: list[str] = []
    try:
        if not paths:
            raise PerfdeskError("没有找到要导入的 .xlsx/.xls/.docx 文件。")
        dfile = import_files(paths, skipped, notes)
        storage.save(dfile, out)
    except PerfdeskError as err:
        sys.stderr.write(f"{err}\n")
        return 2
    lines = [f"已导入 {len(dfile.forms)} 张表（来自 {len(paths)} 个文件，"
             f"{dfile.department or '未填部门'} {dfile.year or '未填'} 年度）到 {out}："]
    lines += [f"【{n}】{f.project}（布局{layouts.get(f.layout).code}）"
              for n, f in enumerate(dfile.forms, 1)]
    lines += [f"跳过空白表：{where}" for where in skipped]
    lines += [f"未读入：{note}" for note in notes]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _new_year(args) -> int:
    from . import storage
    from .newyear import new_year

    out = Path(args.output)
    refused = _refuse_output(out, args.force, args.last)
    if refused:
        sys.stderr.write(f"无法生成：{refused}\n")
        return 2
    try:
        last = load_any(args.last)
        dfile = new_year(last, args.year, last_path=args.last)
        storage.save(dfile, out)
    except PerfdeskError as err:
        sys.stderr.write(f"无法生成：{err}\n")
        return 2
    sys.stdout.write(
        f"已生成 {dfile.year} 年度文件 {out}：{len(dfile.forms)} 张表，"
        f"沿用上年（{last.year or '未填'} 年度）的项目、指标、权重和目标值；"
        "金额、实际完成值、得分、总分、等级、具体完成情况和存在问题已清空。\n"
        f"已记下上年文件 {dfile.settings.last_year_file}（窗口中据此检查 Y01、Y02，"
        "并在指标旁显示上年实际完成值）。\n"
    )
    return 0
