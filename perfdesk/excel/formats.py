"""Number formats: the text Excel shows for a cell, and the cell that shows a typed text.

``render`` is what the importer reads (a value in its number format, as Excel
displays it); ``as_number`` is what the exporter writes (a number and a format
only when rendering them back gives exactly the typed text); ``set_value``
writes one typed text into an openpyxl cell that way.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# ---- rendering a cell as Excel shows it --------------------------------------------


def render(value, number_format: str | None = "General") -> str:
    """The text Excel displays for ``value`` in ``number_format`` (column wide enough)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime | date | time):
        return _render_date(value, number_format or "")
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, int | float | Decimal):
        try:
            return _render_number(value, number_format or "General")
        except (InvalidOperation, ValueError, OverflowError):
            return _general(value)
    return str(value)


def _general(value) -> str:
    if isinstance(value, int):
        return str(value)
    v = float(value)
    if not math.isfinite(v):
        return str(v)
    if v.is_integer() and abs(v) < 1e16:
        return str(int(v))
    text = format(v, ".15g")
    if "e" in text:
        return text.upper().replace("E+0", "E+").replace("E-0", "E-")
    return text


_QUOTED = re.compile(r'"([^"]*)"')
_BRACKET = re.compile(r"\[([^\]]*)\]")


def _sections(fmt: str) -> list[str]:
    out, cur, quoted, i = [], "", False, 0
    while i < len(fmt):
        ch = fmt[i]
        if ch == '"':
            quoted = not quoted
        elif ch == "\\" and not quoted and i + 1 < len(fmt):
            cur += fmt[i: i + 2]
            i += 2
            continue
        elif ch == ";" and not quoted:
            out.append(cur)
            cur = ""
            i += 1
            continue
        cur += ch
        i += 1
    out.append(cur)
    return out


def _render_number(value, fmt: str) -> str:
    if fmt.strip().lower() in ("general", "", "@"):
        return _general(value)
    sections = _sections(fmt)
    number = Decimal(repr(float(value))) if not isinstance(value, Decimal) else value
    if isinstance(value, int):
        number = Decimal(value)
    sign = ""
    if number < 0 and len(sections) >= 2 and sections[1].strip():
        section, number = sections[1], -number
    elif number == 0 and len(sections) >= 3:
        section = sections[2]
    else:
        section = sections[0]
        if number < 0:
            sign, number = "-", -number
    # Literal pieces and the one numeric placeholder run.
    tokens = []  # (kind, text): kind "lit" or "ph"
    i = 0
    while i < len(section):
        ch = section[i]
        if ch == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            tokens.append(("lit", section[i + 1: end]))
            i = end + 1
        elif ch == "\\" and i + 1 < len(section):
            tokens.append(("lit", section[i + 1]))
            i += 2
        elif ch in "_*" and i + 1 < len(section):
            i += 2  # padding / fill: no visible text
        elif ch == "[":
            end = section.find("]", i)
            end = len(section) if end < 0 else end
            inner = section[i + 1: end]
            m = re.fullmatch(r"\$([^-]*)(?:-[0-9A-Fa-f]+)?", inner)
            if m:
                tokens.append(("lit", m.group(1)))
            i = end + 1
        elif ch in "0#?.,":
            tokens.append(("ph", ch))
            i += 1
        elif ch in "Ee" and i + 1 < len(section) and section[i + 1] in "+-":
            tokens.append(("ph", section[i: i + 2]))
            i += 2
        elif ch == "@":
            tokens.append(("lit", ""))
            i += 1
        else:
            tokens.append(("lit", ch))
            i += 1
    ph_idx = [k for k, (kind, _) in enumerate(tokens) if kind == "ph"]
    percent = sum(text.count("%") for kind, text in tokens if kind == "lit")
    if not ph_idx:
        return sign + "".join(text for _, text in tokens) if section else _general(value)
    first, last = ph_idx[0], ph_idx[-1]
    pattern = "".join(tokens[k][1] for k in range(first, last + 1) if tokens[k][0] == "ph")
    lit_inside = "".join(tokens[k][1] for k in range(first, last + 1) if tokens[k][0] == "lit")
    prefix = "".join(t for kind, t in tokens[:first] if kind == "lit")
    suffix = lit_inside + "".join(t for kind, t in tokens[last + 1:] if kind == "lit")
    if "E" in pattern.upper():
        mant = pattern.upper().split("E")[0]
        decimals = len(mant.partition(".")[2])
        text = f"{float(number):.{decimals}E}"
        m = re.fullmatch(r"([0-9.]+)E([+-])0*([0-9]+)", text)
        if m:
            text = f"{m[1]}E{m[2]}{int(m[3]):02d}"
        return sign + prefix + text + suffix
    number = number * (Decimal(100) ** percent)
    scale = len(pattern) - len(pattern.rstrip(","))
    pattern = pattern.rstrip(",")
    number = number / (Decimal(1000) ** scale)
    int_pat, _, frac_pat = pattern.partition(".")
    grouping = "," in int_pat
    int_min = int_pat.count("0")
    frac_min = frac_pat.count("0")
    frac_max = sum(frac_pat.count(c) for c in "0#?")
    rounded = number.quantize(Decimal(1).scaleb(-frac_max), rounding=ROUND_HALF_UP)
    whole, _, frac = f"{rounded:f}".partition(".")
    frac = frac.ljust(frac_max, "0")[:frac_max]
    while len(frac) > frac_min and frac.endswith("0"):
        frac = frac[:-1]
    whole = whole.lstrip("0")
    whole = whole.rjust(int_min, "0") if len(whole) < int_min else whole
    if grouping and whole:
        whole = f"{int(whole):,}"
    text = whole + ("." + frac if frac or ("." in pattern and frac_max == 0) else "")
    if sign and set(text) <= set("0.,"):
        sign = ""  # -0.001 in "0.00" shows 0.00
    return sign + prefix + text + suffix


def _render_date(value, fmt: str) -> str:
    f = _QUOTED.sub(lambda m: m.group(1), _BRACKET.sub("", fmt)).lower()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S" if "s" in f else "%H:%M")
    d = value.date() if isinstance(value, datetime) else value
    if "年" in f:
        text = f"{d.year}年{d.month}月" + (f"{d.day}日" if "日" in f or "d" in f else "")
    elif "/" in f:
        text = f"{d.year}/{d.month}/{d.day}"
    else:
        text = d.isoformat()
    if isinstance(value, datetime) and "h" in f:
        text += " " + value.strftime("%H:%M:%S" if "s" in f else "%H:%M")
    return text


# ---- typed text -> cell value -----------------------------------------------------

_NUMBER = re.compile(r"(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?(?P<pct>%?)")


def as_number(text: str) -> tuple[float, str] | None:
    """(value, number_format) that shows exactly ``text``, or None to write text."""
    m = _NUMBER.fullmatch(text)
    if m is None:
        return None
    whole, frac, pct = m["int"], m["frac"] or "", m["pct"]
    digits = whole.replace(",", "")
    if len(digits) > 1 and digits.startswith("0"):
        return None
    if len(digits.lstrip("0")) + len(frac) > 15:
        return None
    exact = Decimal(digits + ("." + frac if frac else ""))
    if pct:
        exact = exact / 100
    value = float(exact)
    fmt = ("#,##0" if "," in whole else "0") + ("." + "0" * len(frac) if frac else "") + pct
    if not pct and "," not in whole and _general(value) == text:
        fmt = "General"
    return (value, fmt) if render(value, fmt) == text else None


ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters a sheet cannot hold


def set_value(cell, text: str, numeric: bool) -> None:
    """Write ``text`` as typed: a number where a format shows it exactly, else text (never a formula)."""
    from openpyxl.styles import Alignment

    text = ILLEGAL.sub("", text)
    if numeric:
        number = as_number(text)
        if number is not None:
            cell.value, cell.number_format = number
            return
    cell.value = text
    cell.data_type = "s"
    if text[:1] in ("=", "+", "-", "@"):
        cell.quotePrefix = True
    if "\n" in text and cell.alignment is not None:
        cell.alignment = Alignment(
            horizontal=cell.alignment.horizontal, vertical="center", wrap_text=True
        )
