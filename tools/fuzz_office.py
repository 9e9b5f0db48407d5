"""Mutate Excel and Word forms many times and read every mutant the way ``perfdesk check`` does.

Seeds: the demo exported to .xlsx, the blank layout A/B templates, and the demo's
forms written as a Word document.  Each mutant is one of: bytes flipped anywhere,
bytes flipped inside one compressed part, the file cut short, or one XML part
rewritten with a piece cut out, repeated, or given a stray tag.  Every mutant
must end in exit status 0, 1 or 2 (never 3: a traceback), a refusal must be in
Chinese (no parser English), and none may take more than ``SLOW`` seconds.

    python tools/fuzz_office.py [MUTANTS] [SEED] [-v]

prints the figures; ``make fuzz`` runs it.  Exit status 1 if any figure is not zero.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for extra in (ROOT, ROOT / "tests"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

os.environ.setdefault("PERFDESK_LOG_DIR", tempfile.gettempdir())
from perfdesk import cli, excel, storage  # noqa: E402

SLOW = 2.0
_ENGLISH = re.compile(r"[A-Za-z]{2,}[ :,'][ ]?[A-Za-z]{2,}")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def seeds(folder: Path) -> list[Path]:
    """The files to mutate, written into ``folder``."""
    from office_builders import layout_a, write_docx

    demo = storage.load(ROOT / "resources" / "demo" / "demo-2020.perfdesk")
    out = folder / "demo.xlsx"
    excel.export_file(demo, out)
    docx = folder / "demo.docx"
    write_docx(docx, [layout_a(f, demo.year, definition=True) for f in demo.forms[:2]])
    return [out, docx, ROOT / "templates" / "layout_A.xlsx", ROOT / "templates" / "layout_B.xlsx"]


def mutate(data: bytes, rng: random.Random) -> bytes:
    how = rng.choice((_flip, _flip_inside_part, _cut, _rewrite_part, _rewrite_part))
    return how(data, rng)


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def _flip_inside_part(data: bytes, rng: random.Random) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = rng.choice([i for i in zf.infolist() if i.compress_size > 0])
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    out = bytearray(data)
    at = start + rng.randrange(info.compress_size)
    out[at] ^= 1 << rng.randrange(8)
    return bytes(out)


def _cut(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


_STRAY = (b"<", b">", b"</row>", b"<c r=\"A1\">", b"&amp", b"\xff\xfe", b"\x00", b"<v>1e999</v>",
          b"<mergeCell ref=\"A1:B2\"/>", b"r=\"XFD1048576\"", b"<w:tc>", b"<w:gridSpan w:val=\"9999\"/>")


def _rewrite_part(data: bytes, rng: random.Random) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    xml = [i.filename for i in src.infolist() if i.filename.endswith((".xml", ".rels"))]
    target = rng.choice(xml)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == target and body:
                body = _edit(body, rng)
            dst.writestr(info.filename, body)
    return buf.getvalue()


def _edit(body: bytes, rng: random.Random) -> bytes:
    a = rng.randrange(len(body))
    b = min(len(body), a + rng.randint(1, 200))
    what = rng.randrange(3)
    if what == 0:
        return body[:a] + body[b:]
    if what == 1:
        return body[:b] + body[a:b] * rng.randint(1, 50) + body[b:]
    return body[:a] + rng.choice(_STRAY) + body[a:]


def run_one(path: Path) -> tuple[int, str, float]:
    """``perfdesk check path`` in this process: status, everything it said, seconds."""
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = cli.main(["check", str(path)])
        except BaseException as exc:  # noqa: BLE001 - the harness counts it
            err.write(f"escaped: {exc!r}")
            status = 99
    return status, out.getvalue() + err.getvalue(), time.perf_counter() - start


def refusal_is_chinese(said: str, name: str) -> bool:
    lines = [line for line in said.replace(name, "").splitlines() if "无法读取" in line]
    return bool(lines) and all(_CJK.search(line) and not _ENGLISH.search(line) for line in lines)


def run(mutants: int = 300, seed: int = 0, folder: Path | None = None, show=None) -> dict:
    rng = random.Random(seed)
    figures = {"mutants": 0, "read": 0, "refused": 0, "tracebacks": 0, "bad_exit": 0,
               "non_chinese": 0, "slow": 0}
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        originals = [(p.suffix, p.read_bytes()) for p in seeds(Path(tmp))]
        for n in range(mutants):
            suffix, data = rng.choice(originals)
            path = Path(tmp) / f"mutant{n}{suffix}"
            path.write_bytes(mutate(data, rng))
            status, said, seconds = run_one(path)
            figures["mutants"] += 1
            bad = None
            if status in (3, 99):
                bad = "tracebacks"
            elif status not in (0, 1, 2):
                bad = "bad_exit"
            elif status == 2 and not refusal_is_chinese(said, path.name):
                bad = "non_chinese"
            if seconds > SLOW:
                figures["slow"] += 1
                bad = bad or "slow"
            figures["refused" if status == 2 else "read"] += status in (0, 1, 2)
            if bad in figures and bad != "slow":
                figures[bad] += 1
            if bad and show is not None:
                show(f"{bad}: {path.name} ({seconds:.1f} s)\n{said[-600:]}")
            path.unlink()
    return figures


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    argv = [a for a in argv if a != "-v"]
    mutants = int(argv[0]) if argv else 300
    seed = int(argv[1]) if len(argv) > 1 else 0
    start = time.perf_counter()
    figures = run(mutants, seed, show=print if verbose else None)
    figures["seconds"] = round(time.perf_counter() - start, 1)
    print(" ".join(f"{k}={v}" for k, v in figures.items()))
    return 0 if not any(figures[k] for k in ("tracebacks", "bad_exit", "non_chinese", "slow")) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
