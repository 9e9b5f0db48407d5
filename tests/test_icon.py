"""perfdesk's icon: the committed files are what tools/make_icon.py draws, the window shows it."""

import importlib.util

import pytest
from conftest import ROOT
from PIL import Image, ImageChops

from perfdesk import resources

spec = importlib.util.spec_from_file_location("make_icon", ROOT / "tools" / "make_icon.py")
make_icon = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_icon)


def _same(a: Image.Image, b: Image.Image) -> bool:
    a, b = a.convert("RGBA"), b.convert("RGBA")
    return a.size == b.size and ImageChops.difference(a, b).getbbox() is None


def test_the_ico_holds_every_size_as_drawn():
    ico = Image.open(make_icon.ICO)
    assert ico.info["sizes"] == {(n, n) for n in make_icon.SIZES}
    for n in make_icon.SIZES:
        ico.size = (n, n)
        assert _same(ico, make_icon.draw(n)), f"{n} px differs: run python tools/make_icon.py"


def test_the_png_is_the_256_px_icon():
    assert resources.icon_path() == make_icon.PNG
    assert _same(Image.open(make_icon.PNG), make_icon.draw(256))


@pytest.mark.parametrize("size", [16, 32, 256])
def test_each_size_is_the_form_and_badge_not_a_blank(size):
    img = make_icon.draw(size)
    assert len(img.getcolors(1 << 20)) > 10  # a drawing, not one flat colour
    assert img.getpixel((0, 0))[3] < 16  # a rounded tile: the corners are see-through
    assert img.getpixel((size // 2, size // 2))[3] == 255


def test_the_window_carries_the_icon(qtbot):
    from perfdesk.ui.app import application

    icon = application().windowIcon()
    assert not icon.isNull()
    assert icon.actualSize(icon.availableSizes()[0]).width() == 256
