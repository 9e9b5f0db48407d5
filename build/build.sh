#!/usr/bin/env bash
# Build the one-folder app into dist/perfdesk (see build/perfdesk.spec).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
rm -rf dist/perfdesk build/work
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/work build/perfdesk.spec
du -sh dist/perfdesk
