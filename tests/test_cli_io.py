"""The command line's output encoding and exit statuses, as a reviewer's script sees them."""

import json
import os
import subprocess
import sys

from conftest import DEMO_FILE, ROOT

from perfdesk import report, storage
from perfdesk.cli import INTERNAL_ERROR, main

RUN = "import sys; from perfdesk.launch import main; sys.exit(main())"


def _run(*args, encoding):
    """Runs perfdesk in its own process with a Windows-like code page on its pipes."""
    env = dict(os.environ, PYTHONIOENCODING=encoding, PYTHONUTF8="0")
    return subprocess.run([sys.executable, "-c", RUN, *map(str, args)],
                          capture_output=True, cwd=ROOT, env=env, timeout=120)


def test_json_to_a_pipe_is_utf8_under_an_english_code_page():
    result = _run("check", "--json", DEMO_FILE, encoding="cp1252")
    assert result.returncode == 1, result.stderr.decode("utf-8", "replace")
    doc = json.loads(result.stdout.decode("utf-8"))
    assert any("劳务派遣" in f["project"] for f in doc["files"][0]["forms"])


def test_characters_outside_gbk_print_and_pdf(demo, tmp_path):
    demo.forms[0].project = "𠮷字专项资金"
    storage.save(demo, tmp_path / "吉 字.perfdesk")
    checked = _run("check", tmp_path / "吉 字.perfdesk", encoding="gbk")
    assert checked.returncode == 1, checked.stderr.decode("utf-8", "replace")
    assert "𠮷字专项资金" in checked.stdout.decode("utf-8")
    printed = _run("pdf", tmp_path / "吉 字.perfdesk", "-o", tmp_path / "out.pdf", encoding="gbk")
    assert printed.returncode == 0, printed.stderr.decode("utf-8", "replace")
    assert "𠮷字专项资金" in printed.stdout.decode("utf-8")
    assert (tmp_path / "out.pdf").stat().st_size > 0


def test_an_internal_error_is_status_3_with_a_chinese_message_and_the_traceback(monkeypatch, capsys):
    def broken(*_args):
        raise RuntimeError("simulated defect")

    monkeypatch.setattr(report, "check_files", broken)
    assert main(["check", str(DEMO_FILE)]) == INTERNAL_ERROR == 3
    err = capsys.readouterr().err
    assert "内部错误" in err
    assert "RuntimeError: simulated defect" in err and "Traceback" in err


def test_findings_and_unreadable_files_keep_their_statuses(tmp_path):
    (tmp_path / "bad.perfdesk").write_bytes(b"not sqlite")
    assert main(["check", str(DEMO_FILE)]) == 1
    assert main(["check", str(tmp_path / "bad.perfdesk")]) == 2


def test_the_window_line_to_a_pipe_is_utf8_under_a_chinese_code_page(demo, tmp_path, monkeypatch):
    storage.save(demo, tmp_path / "𠮷字.perfdesk")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    shown = _run(tmp_path / "𠮷字.perfdesk", "--quit-after", "0", encoding="gbk")
    assert shown.returncode == 0, shown.stderr.decode("utf-8", "replace")
    assert "窗口已打开：𠮷字.perfdesk，22 张表" in shown.stdout.decode("utf-8")
