"""Label texts compared as keys: the one full-width table and the one normalisation.

A *key* is a cell's text with blanks removed, full-width digits, letters,
brackets and colons made ASCII, a trailing colon, a leading section number
(``一、``, ``（二）``) and a trailing bracketed unit or letter (``（万元）``,
``（A）``, ``(B/A)``) dropped: ``二、预算执行情况`` and ``预算执行情况：`` are the
same label.
"""

from __future__ import annotations

import re

FULL_WIDTH_ALNUM = {
    **{0xFF10 + i: str(i) for i in range(10)},  # ０-９
    **{0xFF21 + i: chr(0x41 + i) for i in range(26)},  # Ａ-Ｚ
    **{0xFF41 + i: chr(0x61 + i) for i in range(26)},  # ａ-ｚ
}
FULL_WIDTH = str.maketrans(
    {
        **{chr(k): v for k, v in FULL_WIDTH_ALNUM.items()},
        "（": "(", "）": ")", "：": ":", "／": "/", "【": "(", "】": ")", "［": "(", "］": ")",
        "﹕": ":", "∶": ":",
    }
)
BLANKS = re.compile(r"\s+")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\([一二三四五六七八九十0-9]+\)[、.]?|[0-9]+[、.．](?![0-9]))")
_UNIT_SUFFIX = re.compile(r"\((?:[A-Za-z]{1,2}(?:[/÷][A-Za-z]{1,2})?|[万千亿]?元|%|(?:[0-9]+(?:\.[0-9]+)?)?分|调整后|盖章|公章)\)$")


def key(text: str) -> str:
    """A cell's text normalised for comparing with labels."""
    k = BLANKS.sub("", text.translate(FULL_WIDTH)).rstrip(":")
    k = _NUMBERING.sub("", k)
    for _ in range(2):
        k = _UNIT_SUFFIX.sub("", k)
    return k.rstrip(":")
