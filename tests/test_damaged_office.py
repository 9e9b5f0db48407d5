"""Damaged Excel and Word files are refused with exit status 2 and a Chinese reason alone;
the parser's English goes to the log (issue 14)."""

import importlib.util
import logging
import zipfile
from pathlib import Path

import pytest

from perfdesk import cli, excel

ROOT = Path(__file__).resolve().parent.parent


def _harness():
    spec = importlib.util.spec_from_file_location("fuzz_office", ROOT / "tools" / "fuzz_office.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _with_a_flipped_byte_inside(path: Path, member: str) -> None:
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0x55
    path.write_bytes(bytes(data))


def test_a_flipped_byte_inside_a_compressed_part_is_refused_in_chinese(tmp_path, demo, capsys, caplog):
    path = tmp_path / "坏.xlsx"
    excel.export_file(demo, path)
    _with_a_flipped_byte_inside(path, "xl/worksheets/sheet1.xml")
    with caplog.at_level(logging.WARNING, logger="perfdesk"):
        assert cli.main(["check", str(path)]) == 2
    out = capsys.readouterr()
    assert "文件已损坏" in out.out and "Traceback" not in out.err
    said = out.out.replace(path.name, "")
    assert "CRC" not in said and "zlib" not in said and "Error" not in said, said
    assert any(path.name in r.getMessage() for r in caplog.records)  # the detail is logged


def test_a_part_that_does_not_parse_is_refused_without_the_parsers_english(tmp_path, demo, capsys):
    path = tmp_path / "坏.xlsx"
    excel.export_file(demo, path)
    broken = tmp_path / "更坏.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/workbook.xml":
                body = body.replace(b"<sheets>", b"<sheets><</sheets>")
            dst.writestr(info, body)
    assert cli.main(["check", str(broken)]) == 2
    out = capsys.readouterr().out
    assert "Excel 文件已损坏或格式不受支持" in out
    assert "mismatched" not in out and "line 1" not in out


def test_the_log_is_a_file_not_the_screen(tmp_path, demo, capsys, monkeypatch):
    from perfdesk import logfile

    log = logging.getLogger("perfdesk")
    monkeypatch.setattr(log, "handlers", [logging.NullHandler()])
    monkeypatch.setenv("PERFDESK_LOG_DIR", str(tmp_path / "log"))
    path = tmp_path / "坏.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    assert cli.main(["check", str(path)]) == 2
    assert capsys.readouterr().err == ""
    for h in log.handlers:
        h.flush()
    assert path.name in (logfile.folder() / "perfdesk.log").read_text(encoding="utf-8")


@pytest.mark.parametrize("seed", [14])
def test_mutated_office_files_never_end_in_a_traceback_or_english(tmp_path, seed):
    figures = _harness().run(mutants=150, seed=seed, folder=tmp_path)
    assert figures["mutants"] == 150
    bad = {k: figures[k] for k in ("tracebacks", "bad_exit", "non_chinese")}
    assert bad == {"tracebacks": 0, "bad_exit": 0, "non_chinese": 0}, figures
    assert figures["refused"] > 0 and figures["read"] > 0, figures  # the mutants did differ
    # (Before the fix, 1,000 mutants: 135 tracebacks, 707 refusals with the parser's English.)
