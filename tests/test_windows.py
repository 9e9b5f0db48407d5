"""What a clerk's Windows PC brings: paths with Chinese characters and spaces, SimSun."""

import json
import shutil

import pytest
from conftest import DEMO_FILE

from perfdesk import pdf, resources, storage
from perfdesk.cli import main


@pytest.fixture
def chinese_dir(tmp_path):
    folder = tmp_path / "我的 文档" / "2020 年 绩效自评"
    folder.mkdir(parents=True)
    return folder


def test_check_and_pdf_with_chinese_paths_and_spaces(chinese_dir, capsys):
    path = chinese_dir / "人社局 2020.perfdesk"
    shutil.copy(DEMO_FILE, path)
    assert main(["check", "--json", str(path)]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["files"][0]["path"] == str(path) and len(doc["files"][0]["forms"]) == 22
    out = chinese_dir / "打印 稿.pdf"
    assert main(["pdf", str(path), "-o", str(out), "--project", "就业专项资金"]) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_save_and_reopen_with_chinese_paths_and_spaces(chinese_dir, demo):
    path = chinese_dir / "新 文件（副本）.perfdesk"
    storage.save(demo, path)
    storage.save(storage.load(path), path)
    assert storage.load(path).forms[5].project == demo.forms[5].project


@pytest.fixture
def windows_fonts(tmp_path, monkeypatch):
    """A fake %WINDIR% whose Fonts folder holds a simsun.ttc."""
    fonts = tmp_path / "Windows" / "Fonts"
    fonts.mkdir(parents=True)
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    _forget_fonts()  # fonts are registered once per process
    yield fonts
    _forget_fonts()


def _forget_fonts():
    from reportlab.pdfbase import pdfmetrics

    pdf.fonts._fonts = None
    for name in [n for n in pdfmetrics._fonts if n.startswith(pdf.FONT)]:
        del pdfmetrics._fonts[name]
    for face, font in list(pdfmetrics._dynFaceNames.items()):
        if font.fontName.startswith(pdf.FONT):
            del pdfmetrics._dynFaceNames[face]


def test_simsun_is_used_for_printing_when_present(windows_fonts):
    simsun = windows_fonts / "simsun.ttc"
    shutil.copy(resources.font_path(), simsun)
    assert resources.print_font_path() == simsun
    pdf.fonts._load_fonts()
    from reportlab.pdfbase import pdfmetrics

    assert pdfmetrics.getFont(pdf.FONT).face.filename == str(simsun)


def test_bundled_font_without_simsun(windows_fonts):
    assert resources.print_font_path() == resources.font_path()


def test_a_damaged_simsun_falls_back_to_the_bundled_font(windows_fonts, demo, tmp_path):
    (windows_fonts / "simsun.ttc").write_bytes(b"not a font")
    demo.forms = demo.forms[:1]
    out = tmp_path / "x.pdf"
    pdf.write_pdf(demo, out)
    assert out.read_bytes().startswith(b"%PDF")
