"""The headless commands: ``perfdesk check FILE... [--json]`` and
``perfdesk pdf FILE [-o OUT.pdf] [--project NAME]...``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import report
from .errors import PerfdeskError
from .sources import load_any

COMMANDS = ("check", "pdf")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    return args.func(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="perfdesk", description="部门预算项目绩效自评表：填报与审核")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="审核一个或多个文件中的每一张表")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    check.set_defaults(func=_check)
    pdf = sub.add_parser("pdf", help="把文件中的表打印成 PDF（A4，每张表另起一页）")
    pdf.add_argument("file", metavar="FILE")
    pdf.add_argument("-o", "--output", metavar="OUT.pdf", help="输出文件（默认：FILE 改扩展名为 .pdf）")
    pdf.add_argument("--project", action="append", metavar="NAME",
                     help="只打印这个项目（按项目名称，可重复）")
    pdf.set_defaults(func=_pdf)
    return parser


def _check(args) -> int:
    reports = report.check_files(args.files)
    out = report.to_json(reports) if args.json else report.to_text(reports)
    sys.stdout.write(out + "\n")
    return report.exit_status(reports)


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
