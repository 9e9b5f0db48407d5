"""The headless commands: ``perfdesk check FILE... [--json]``."""

from __future__ import annotations

import argparse
import sys

from . import report

COMMANDS = ("check",)


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
    return parser


def _check(args) -> int:
    reports = report.check_files(args.files)
    out = report.to_json(reports) if args.json else report.to_text(reports)
    sys.stdout.write(out + "\n")
    return report.exit_status(reports)
