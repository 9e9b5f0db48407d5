"""Y — 跨年: this year's form against last year's form of the same project.

``ctx.last_year`` is last year's form (matched by project name, see
``newyear.match_form``), or None when there is none; rows are matched by
三级指标 name (``newyear.match_indicators``).

Y01 asks whether a target was loosened.  Only numeric targets in the same unit
and of the same kind are compared:

- a floor or a plain figure (``≥95%``, ``>80``, ``=100%``, ``100人``): a
  lower figure is a looser target;
- a ceiling (``≤4%``, ``<10``): a *higher* figure is the looser target, so a
  ceiling raised from ``≤4%`` to ``≤5%`` is reported and one lowered is not.

A floor turned into a ceiling (or back), a change of unit, or a target that
is text (``是``, ``效果明显``) is not compared.
"""

from __future__ import annotations

from ..newyear import match_indicators, name_key
from ..numbers import read_value
from .base import HINT, Context, Finding, check

_CEILING = ("<=", "<")
_EPS = 1e-9


@check(
    "Y01", HINT, "指标目标比上年放宽",
    "指标「{name}」的预期指标值为 {typed}，{change}（上年为 {last}），请确认是否有意放宽目标。",
)
def y01_target_lower(ctx: Context):
    last = ctx.last_year
    if last is None:
        return
    for i, j in sorted(match_indicators(ctx.form, last).items()):
        new = read_value(ctx.form.indicators[i].target)
        old = read_value(last.indicators[j].target)
        if new.kind != "number" or old.kind != "number" or new.unit != old.unit:
            continue
        ceiling = new.op in _CEILING
        if ceiling != (old.op in _CEILING):
            continue
        looser = new.value > old.value + _EPS if ceiling else new.value < old.value - _EPS
        if looser:
            yield Finding(
                "Y01",
                (f"indicators[{i}].target",),
                {"name": ctx.form.indicators[i].level3.strip(), "typed": new.text.strip(),
                 "last": old.text.strip(), "ceiling": ceiling},
            )


@check(
    "Y02", HINT, "上年有的指标今年没有了",
    "上年此项目的 {count} 项指标今年没有了：{names}。",
)
def y02_indicator_gone(ctx: Context):
    last = ctx.last_year
    if last is None:
        return
    kept = set(match_indicators(ctx.form, last).values())
    gone = [
        ind.level3.strip() for j, ind in enumerate(last.indicators)
        if j not in kept and name_key(ind.level3)
    ]
    if gone:
        yield Finding(
            "Y02", ("indicators",),
            {"names": "、".join(f"「{n}」" for n in gone), "count": len(gone)},
        )


@y01_target_lower.phrase
def _y01_words(a, label):
    return {"change": "上限比上年放宽" if a["ceiling"] else "低于上年"}
