"""Draw perfdesk's icon: resources/icons/perfdesk.ico (the Windows executables and the
installer, 16-256 px) and resources/icons/perfdesk.png (256 px: the window and the Linux menu).

    python tools/make_icon.py

A form (a white sheet with a blue header and table rules) on a blue tile, with a red check
mark badge: the checked self-evaluation form.  Each size is drawn at four times its size and
scaled down, so the small ones stay sharp; tests/test_icon.py checks the committed files are
current.
"""

import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
ICO = ROOT / "resources" / "icons" / "perfdesk.ico"
PNG = ROOT / "resources" / "icons" / "perfdesk.png"
SIZES = (16, 24, 32, 48, 64, 128, 256)

BLUE, HEADER, RULE, RED, WHITE = "#1e5aa8", "#3d7dd1", "#9db3d1", "#c8102e", "#ffffff"


def draw(size: int) -> Image.Image:
    """The icon at SIZE x SIZE pixels (RGBA)."""
    big = size * 4
    s = big / 256  # the design is laid out on a 256-unit square

    def box(x0, y0, x1, y1):
        return [round(x0 * s), round(y0 * s), round(x1 * s), round(y1 * s)]

    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle(box(8, 8, 248, 248), radius=round(44 * s), fill=BLUE)
    d.rectangle(box(52, 32, 196, 222), fill=WHITE)
    d.rectangle(box(52, 32, 196, 76), fill=HEADER)
    rule = max(1, round(7 * s))
    for y in (108, 142, 176):
        d.line(box(64, y, 184, y), fill=RULE, width=rule)
    d.line(box(104, 90, 104, 210), fill=RULE, width=rule)
    d.ellipse(box(140, 140, 240, 240), fill=RED, outline=WHITE, width=max(1, round(8 * s)))
    d.line(box(165, 192, 184, 211) + box(184, 211, 216, 168)[2:], fill=WHITE,
           width=max(1, round(15 * s)), joint="curve")
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    ICO.parent.mkdir(parents=True, exist_ok=True)
    images = [draw(n) for n in SIZES]
    images[-1].save(ICO, format="ICO", sizes=[(n, n) for n in SIZES], append_images=images[:-1])
    images[-1].save(PNG, format="PNG")
    for path in (ICO, PNG):
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
