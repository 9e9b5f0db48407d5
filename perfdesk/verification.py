"""The short verification code printed on every page of a form (``K7Q2-M9XD``).

A reviewer holding a paper copy can ask for the code in ``perfdesk check`` of
the file the clerk handed in: the same code means the paper shows the same
typed content.

Definition (version 1)
----------------------
``form_code(form, dfile)`` is the first 40 bits of SHA-256 over a canonical
JSON document, written as 8 characters of Crockford base32 (digits and
capitals without I, L, O, U, so it reads aloud and types back safely), grouped
4-4.  The document holds:

* everything the clerk typed on the form (``Form.to_dict()``): layout, every
  cell as typed (so ``1,039`` and ``1039`` differ, full-width characters
  differ, whitespace counts), the 不适用 marks and the explanation notes
  (sorted by code, cells and note, since their order is not content);
* the file's 年度, 金额单位, and the 填报部门 as printed (the form's own, else
  the file's).

Cells added to the model after version 1 (layout C's 调增, 完成率 …) count
only when filled, so a form typed before they existed keeps its code.

It leaves out ``uid`` (an internal identity: the same form copied into
another file keeps its code), the file's settings, and anything derived
(findings, computed 执行率 or 总分): the code certifies what was typed, so it
does not change when perfdesk's checks are improved.  Every printed value is
either typed content or derived from it, so any change to a printed value
changes the code (up to the 1 in 2^40 chance of a collision, which is beyond
what a code on paper has to resist: it guards against mix-ups, not forgers).
"""

from __future__ import annotations

import hashlib
import json

from .model import DepartmentFile, Form

VERSION = 1
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


# What a form held in version 1, by path (list items share their list's path).
_V1 = frozenset(
    ["uid", "layout", "department", "project", "unit", "authority", "money", "goals", "completion",
     "indicators", "total_score", "grade", "problems", "filler", "phone", "head", "finance_head", "date",
     "explanations", "money.progress", "goals.target", "goals.result",
     "explanations.code", "explanations.cells", "explanations.note"]
    + [f"money.{c}" for c in ("budget_initial", "budget", "arrived", "executed")]
    + [f"money.{c}.{p}" for c in ("budget_initial", "budget", "arrived", "executed")
       for p in ("total", "fiscal", "carryover", "other")]
    + [f"indicators.{f}" for f in ("level1", "level2", "level3", "definition", "target", "actual",
                                   "points", "score", "deviation", "not_applicable")]
)


def _blank(value) -> bool:
    if isinstance(value, dict):
        return all(_blank(v) for v in value.values())
    return value in ("", False, None) or value == []


def _drop_new_blanks(data: dict, path: str = "") -> dict:
    """``data`` without the fields added after version 1 that hold nothing."""
    out = {}
    for key, value in data.items():
        where = f"{path}{key}"
        if where not in _V1 and _blank(value):
            continue
        if isinstance(value, dict):
            value = _drop_new_blanks(value, where + ".")
        elif isinstance(value, list):
            value = [_drop_new_blanks(v, where + ".") if isinstance(v, dict) else v for v in value]
        out[key] = value
    return out


def canonical(form: Form, dfile: DepartmentFile) -> str:
    """The canonical JSON text the code is computed from."""
    data = _drop_new_blanks(form.to_dict())
    data.pop("uid", None)
    data["explanations"] = sorted(
        data.get("explanations") or [],
        key=lambda e: (e["code"], list(e["cells"]), e["note"]),
    )
    payload = {
        "v": VERSION,
        "year": dfile.year,
        "money_unit": dfile.money_unit,
        "department": form.department.strip() or dfile.department,
        "form": data,
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def form_code(form: Form, dfile: DepartmentFile) -> str:
    """The 8-character verification code of ``form``, as printed: ``XXXX-XXXX``."""
    digest = hashlib.sha256(canonical(form, dfile).encode("utf-8")).digest()
    n = int.from_bytes(digest[:5], "big")  # 40 bits = 8 × 5
    chars = "".join(ALPHABET[(n >> (35 - 5 * i)) & 31] for i in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def normalise_code(text: str) -> str:
    """A code as someone typed it back: case, spaces and dashes ignored, I/L→1, O→0."""
    cleaned = "".join(text.split()).replace("-", "").upper().translate(_READ_AS)
    return f"{cleaned[:4]}-{cleaned[4:]}" if len(cleaned) == 8 else cleaned


def same_code(typed: str, code: str) -> bool:
    return normalise_code(typed) == normalise_code(code)
