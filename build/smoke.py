"""Smoke test of the built folder dist/perfdesk (run by `make smoke` after `make dist`).

Runs the built app as a clerk's PC would, with nothing else installed: `check` and
`pdf` on the demo file headless, the window opened offscreen and closed, every path
with Chinese characters and spaces and every user file outside the app folder.
Then times the start to a usable window beside a bare PySide6 window built the same way.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dist" / "perfdesk"
EXE = ".exe" if sys.platform == "win32" else ""
CLI = APP / f"perfdesk-cli{EXE}"
GUI = APP / f"perfdesk{EXE}"
BARE = ROOT / "build" / "work" / "bare" / "bare-window" / f"bare-window{EXE}"


def run(cmd, env, expect):
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    if result.returncode != expect:
        sys.exit(f"失败：{cmd}\n退出码 {result.returncode}（应为 {expect}）\n{result.stdout}\n{result.stderr}")
    return result.stdout


def listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def start_time(cmd, env, runs=7) -> float:
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, timeout=120, check=True)
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def build_bare() -> None:
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
         "--distpath", str(BARE.parent.parent), "--workpath", str(ROOT / "build/work/bare-work"),
         str(ROOT / "build" / "bare.spec")],
        check=True,
    )


def main() -> None:
    if not CLI.exists():
        sys.exit(f"找不到 {CLI}：请先运行 make dist")
    before = listing(APP)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "用户 目录"
        work = home / "我的 文档"
        work.mkdir(parents=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
        env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
                   XDG_DATA_HOME=str(home / ".local/share"), QT_QPA_PLATFORM="offscreen",
                   PATH="/usr/bin:/bin")
        demo = work / "人社局 2020.perfdesk"
        shutil.copy(APP / "_internal" / "resources" / "demo" / "demo-2020.perfdesk", demo)

        report = json.loads(run([str(CLI), "check", "--json", str(demo)], env, expect=1))
        forms = report["files"][0]["forms"]
        assert len(forms) == 22, len(forms)
        print(f"check：22 张表，{sum(len(f['findings']) for f in forms)} 条审核意见，退出码 1（有错误）")

        out = work / "打印 稿.pdf"
        run([str(CLI), "pdf", str(demo), "-o", str(out)], env, expect=0)
        assert out.read_bytes().startswith(b"%PDF")
        print(f"pdf：{out.name}，{out.stat().st_size:,} 字节")

        said = run([str(GUI), str(demo), "--quit-after", "500"], env, expect=0)
        assert "窗口已打开" in said and "22 张表" in said, said
        print(f"window：{said.strip()}")

        assert listing(APP) == before, "程序文件夹里多了文件：" + ", ".join(listing(APP) - before)
        print("程序文件夹未被写入；设置和恢复副本都在用户目录中。")

        build_bare()
        ours = start_time([str(GUI), str(demo), "--quit-after", "0"], env)
        bare = start_time([str(BARE)], env)
        print(f"启动到可用窗口：perfdesk {ours * 1000:.0f} ms，空白 PySide6 窗口 {bare * 1000:.0f} ms，"
              f"比值 {ours / bare:.2f}（目标 ≤ 1.5）")
    size = sum(p.stat().st_size for p in APP.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"dist/perfdesk 大小：{size / 2**20:.0f} MiB（目标 ≤ 120 MB）")
    print("smoke: 4 passed, 0 failed")


if __name__ == "__main__":
    main()
