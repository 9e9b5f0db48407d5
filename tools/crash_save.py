"""Kill -9 a process while it saves, many times, and open every result.

A child process saves two states of one department file in turn (the old
and the new: the department's name and every form change together) as fast
as it can; the parent kills it with SIGKILL at a random moment, then opens
the file the way the window and ``perfdesk check`` do.  Every result must
open and hold one state entirely.

    python tools/crash_save.py [KILLS] [SEED]

prints the figures: kills, half edits, unopenable files, leftover files.
The test suite runs it too (tests/test_crash_save.py).
"""

from __future__ import annotations

import os
import random
import signal
import sys
import tempfile
import time
from copy import deepcopy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from perfdesk import storage  # noqa: E402
from perfdesk.errors import PerfdeskError  # noqa: E402
from perfdesk.model import DepartmentFile, Form, Indicator, Money, MoneyLine  # noqa: E402

FORMS = 6


def states() -> tuple[DepartmentFile, DepartmentFile]:
    """The old and the new state: every form differs, and so does the department row."""
    old = DepartmentFile(
        department="人社局",
        year="2020",
        forms=[
            Form(
                project=f"项目{i}",
                money=Money(budget=MoneyLine(total=str(100 + i))),
                indicators=[Indicator(level1="产出指标（50）", level3=f"指标{j}") for j in range(20)],
            )
            for i in range(FORMS)
        ],
    )
    for i, form in enumerate(old.forms):
        form.uid = f"uid{i}"
    new = deepcopy(old)
    new.department = "人社局（改）"
    for form in new.forms:
        form.project += "（改）"
        form.money.budget.total += "0"
        form.indicators[-1].level3 = "改过的指标"
    return old, new


def _saver(path: Path, old: DepartmentFile, new: DepartmentFile) -> None:
    """The child: save old, new, old, … until killed."""
    which = 0
    while True:
        storage.save((old, new)[which], path)
        which = 1 - which


def run(kills: int = 300, seed: int = 0, folder: Path | None = None) -> dict:
    rng = random.Random(seed)
    old, new = states()
    wanted = {"old": old.to_dict(), "new": new.to_dict()}
    figures = {"kills": 0, "old": 0, "new": 0, "half_edits": 0, "unopenable": 0, "leftovers": 0}
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        path = Path(tmp) / "部门.perfdesk"
        start = time.perf_counter()
        storage.save(old, path)
        # Kills spread over a few saves' time, however slow this machine is right now.
        window = max(0.03, 3 * (time.perf_counter() - start))
        for _ in range(kills):
            pid = os.fork()
            if pid == 0:  # the child never returns: it saves until the SIGKILL
                try:
                    _saver(path, old, new)
                finally:
                    os._exit(1)
            time.sleep(rng.uniform(0.0, window))
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            figures["kills"] += 1
            try:
                got = storage.load(path).to_dict()
            except PerfdeskError:
                figures["unopenable"] += 1
                continue
            for name, state in wanted.items():
                if got == state:
                    figures[name] += 1
                    break
            else:
                figures["half_edits"] += 1
        left = {p.name for p in Path(tmp).iterdir()} - {path.name, path.name + "-journal"}
        figures["leftovers"] = len(left)
    return figures


def main(argv: list[str]) -> int:
    kills = int(argv[0]) if argv else 300
    seed = int(argv[1]) if len(argv) > 1 else 0
    start = time.perf_counter()
    figures = run(kills, seed)
    figures["seconds"] = round(time.perf_counter() - start, 1)
    print(" ".join(f"{k}={v}" for k, v in figures.items()))
    return 0 if figures["half_edits"] == figures["unopenable"] == figures["leftovers"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
