"""PDF benchmark (figures printed, nothing asserted).

1. Time to print all 22 demo forms to one PDF (median of a few runs; the
   first run, which also loads the font, is shown apart).
2. Bytes per page (goal: at most 80 KB a page), for the whole file and for a
   single form (where the embedded font subset weighs most).
3. Side by side in the same run: LibreOffice printing the same forms exported as
   .xlsx (`libreoffice --headless --convert-to pdf`; goal: perfdesk ≥ 10 × faster).
   Skipped, with a note, where LibreOffice is not installed.

Run: .venv/bin/python bench/bench_pdf.py
"""

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from perfdesk import excel, pdf, storage  # noqa: E402

DEMO = ROOT / "resources/demo/demo-2020.perfdesk"
GOAL = 80 * 1024
RUNS = 9


def pages_of(data: bytes) -> int:
    import io

    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def main() -> None:
    dfile = storage.load(DEMO)
    t = time.perf_counter()
    data = pdf.render_pdf(dfile)
    first = time.perf_counter() - t
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        data = pdf.render_pdf(dfile)
        times.append(time.perf_counter() - t)
    pages = pages_of(data)
    per_page = len(data) / pages
    print(f"PDF of all {len(dfile.forms)} demo forms: {pages} pages, {len(data) / 1024:.0f} KB")
    print(f"  time: first run {first:.2f} s (font loading included), "
          f"then median {statistics.median(times):.2f} s over {RUNS} runs "
          f"({statistics.median(times) / len(dfile.forms) * 1000:.0f} ms a form)")
    print(f"  size: {per_page / 1024:.1f} KB a page (goal ≤ {GOAL // 1024} KB) — "
          f"{'OK' if per_page <= GOAL else 'OVER'}")
    one = pdf.render_pdf(dfile, [dfile.forms[0].project])
    one_pages = pages_of(one)
    print(f"  one form alone ({dfile.forms[0].project}): {one_pages} pages, "
          f"{len(one) / 1024:.0f} KB, {len(one) / one_pages / 1024:.1f} KB a page — "
          f"{'OK' if len(one) / one_pages <= GOAL else 'OVER'}")
    libreoffice(dfile, statistics.median(times))


def libreoffice(dfile, ours: float) -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        print("LibreOffice is not installed (apt-get install libreoffice-calc): comparison skipped.")
        return
    with tempfile.TemporaryDirectory() as tmp:
        xlsx = Path(tmp) / "demo.xlsx"
        excel.export_file(dfile, xlsx)
        profile = Path(tmp) / "profile"
        cmd = [office, f"-env:UserInstallation=file://{profile}", "--headless",
               "--convert-to", "pdf", "--outdir", tmp, str(xlsx)]
        subprocess.run(cmd, capture_output=True, timeout=600)  # first start sets up the profile
        samples = []
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run(cmd, capture_output=True, timeout=600, check=True)
            samples.append(time.perf_counter() - t)
        theirs = statistics.median(samples)
        lo_pdf = (Path(tmp) / "demo.pdf").read_bytes()
    lo_pages = pages_of(lo_pdf)
    print(f"LibreOffice, same {len(dfile.forms)} forms as .xlsx → PDF: median {theirs:.2f} s over 3 runs, "
          f"{lo_pages} pages, {len(lo_pdf) / lo_pages / 1024:.1f} KB a page")
    print(f"  perfdesk is {theirs / ours:.1f} × faster (goal ≥ 10 ×)")


if __name__ == "__main__":
    main()
