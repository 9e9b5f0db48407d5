import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
DEMO_JSON = ROOT / "resources/demo/demo-2020.json"
DEMO_FILE = ROOT / "resources/demo/demo-2020.perfdesk"


@pytest.fixture
def demo_dict():
    return json.loads(DEMO_JSON.read_text(encoding="utf-8"))


@pytest.fixture
def demo(demo_dict):
    from perfdesk.model import DepartmentFile

    return DepartmentFile.from_dict(demo_dict)
