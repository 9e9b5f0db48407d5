"""Building the model's dataclasses from JSON, checking every field on the way.

A ``.perfdesk`` body or an exported workbook's hidden sheet may have been
damaged or edited by hand: an indicator row that is not an object, goals that
are not a list, a project name that is a number, an amount that is null.
``build(cls, data)`` checks each field against the dataclass's annotation
(``str``, ``bool``, a nested dataclass, a ``list`` of either) and raises
``BodyError`` naming the field's address (``indicators[3].level3``) and what
was found there.  Keys the dataclass does not have (a newer version's) are
ignored; missing ones take their default.  A text longer than
``MAX_CELL_CHARS`` (Excel's own limit for a cell) is refused too: no real form
holds one, and it could not be exported.
"""

from __future__ import annotations

import dataclasses
import typing

MAX_CELL_CHARS = 32_767


class BodyError(ValueError):
    """A field of the body does not fit the model: ``address`` and, in Chinese, ``said``."""

    def __init__(self, address: str, said: str):
        super().__init__(f"{address or '（整体）'}：{said}")
        self.address = address
        self.said = said


_KIND = {str: "文字", bool: "是/否", int: "数字", float: "数字", list: "列表", dict: "一组字段",
         type(None): "空值（null）"}


def kind(value) -> str:
    """What ``value`` is, in the clerk's words."""
    return _KIND.get(type(value), type(value).__name__)


def build(cls, data, address: str = ""):
    """An instance of the dataclass ``cls`` from ``data`` (a dict), or ``BodyError``."""
    if not isinstance(data, dict):
        raise BodyError(address, f"应为一组字段，却是{kind(data)}")
    values = {}
    for name, (hint, required) in _fields(cls).items():
        if name in data:
            values[name] = _value(hint, data[name], _join(address, name))
        elif required:
            raise BodyError(_join(address, name), "缺少此项")
    return cls(**values)


def _value(hint, value, address: str):
    origin = typing.get_origin(hint)
    if origin is list:
        if not isinstance(value, list):
            raise BodyError(address, f"应为列表，却是{kind(value)}")
        (item,) = typing.get_args(hint)
        return [_value(item, v, f"{address}[{i}]") for i, v in enumerate(value)]
    if dataclasses.is_dataclass(hint):
        return build(hint, value, address)
    if hint is bool:
        if not isinstance(value, bool):
            raise BodyError(address, f"应为是/否，却是{kind(value)}")
        return value
    if hint is str:
        if not isinstance(value, str):
            raise BodyError(address, f"应为文字，却是{kind(value)}")
        if len(value) > MAX_CELL_CHARS:
            raise BodyError(address, f"文字长达 {len(value)} 字，超过上限 {MAX_CELL_CHARS} 字")
        return value
    raise TypeError(f"the model has a field of a type schema does not know: {hint!r}")


_FIELDS: dict[type, dict[str, tuple[object, bool]]] = {}


def _fields(cls) -> dict[str, tuple[object, bool]]:
    """Each field's annotation, and whether it has no default."""
    found = _FIELDS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = _FIELDS[cls] = {
            f.name: (hints[f.name], f.default is dataclasses.MISSING
                     and f.default_factory is dataclasses.MISSING)
            for f in dataclasses.fields(cls)
        }
    return found


def _join(address: str, name: str) -> str:
    return f"{address}.{name}" if address else name
