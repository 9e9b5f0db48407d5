"""Core benchmarks (figures printed, nothing asserted).

1. Recalculation + all checks for a 60-indicator form: median µs, with the
   readers' caches warm (a keystroke changes one cell) and cleared (worst case).
2. Forms checked per second from a department file of 5,000 forms, load included.

Run: make bench   (or .venv/bin/python bench/bench_core.py)
"""

import copy
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from perfdesk import numbers, storage  # noqa: E402
from perfdesk.checks import evaluate  # noqa: E402
from perfdesk.model import DepartmentFile, Indicator  # noqa: E402

DEMO = ROOT / "resources/demo/demo-2020.json"
READERS = (numbers.read_amount, numbers.read_percent, numbers.read_value, numbers.read_score)


def demo() -> DepartmentFile:
    return DepartmentFile.from_dict(json.loads(DEMO.read_text(encoding="utf-8")))


def sixty_rows(dfile: DepartmentFile):
    form = copy.deepcopy(dfile.forms[1])  # 就业专项资金: 15 rows
    rows = [r for r in form.indicators if not r.level1.startswith("预算执行率")]
    extra = []
    for i in range(60 - len(form.indicators)):
        r = copy.deepcopy(rows[i % len(rows)])
        r.level1 = r.level2 = ""
        r.level3 = f"{r.level3}{i}"
        r.actual = f"{100 + i}人"
        extra.append(r)
    exec_at = next(i for i, r in enumerate(form.indicators) if r.level1.startswith("预算执行率"))
    form.indicators[exec_at:exec_at] = extra
    assert len(form.indicators) == 60 and all(isinstance(r, Indicator) for r in form.indicators)
    return form


def clear_caches():
    for reader in READERS:
        reader.cache_clear()


def time_evaluate(form, dfile, runs, cold):
    samples = []
    for i in range(runs):
        form.money.executed.total = str(100 + i % 50)  # a keystroke's change
        if cold:
            clear_caches()
        t = time.perf_counter()
        evaluate(form, dfile)
        samples.append((time.perf_counter() - t) * 1e6)
    return statistics.median(samples)


def forms_per_second(dfile, count=5000):
    forms = []
    for i in range(count):
        f = copy.deepcopy(dfile.forms[i % len(dfile.forms)])
        f.uid = ""
        f.money.executed.total = f"{i % 997}.{i % 10}"
        forms.append(f)
    big = DepartmentFile(department=dfile.department, year=dfile.year, forms=forms)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.perfdesk"
        storage.save(big, path)
        clear_caches()
        t = time.perf_counter()
        loaded = storage.load(path)
        findings = sum(len(evaluate(f, loaded).findings) for f in loaded.forms)
        elapsed = time.perf_counter() - t
    return count / elapsed, elapsed, findings


def main():
    dfile = demo()
    form = sixty_rows(dfile)
    time_evaluate(form, dfile, 50, cold=False)
    warm = time_evaluate(form, dfile, 2000, cold=False)
    cold = time_evaluate(form, dfile, 300, cold=True)
    print(f"60-indicator form, recalculation + all checks: median {warm:.0f} µs (warm caches), "
          f"{cold:.0f} µs (caches cleared)   goal ≤ 2000 µs")
    rate, elapsed, findings = forms_per_second(dfile)
    print(f"5,000-form file, load + check every form: {rate:,.0f} forms/s "
          f"({elapsed:.2f} s, {findings:,} findings)   goal ≥ 5,000 forms/s")


if __name__ == "__main__":
    main()
