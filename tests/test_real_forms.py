"""Every published form of tests/corpus, in every rendition: it reads, and the codes worked
out by hand fire (``must``) or stay silent (``must_not``)."""

from __future__ import annotations

from collections import Counter

import pytest
from corpus_builder import RENDITIONS, corpus

from perfdesk import checks, sources

FORMS = corpus()


def _value(form, path: str) -> str:
    obj = form
    for part in path.split("."):
        if "[" in part:
            name, index = part[:-1].split("[")
            obj = getattr(obj, name)[int(index)]
        else:
            obj = getattr(obj, part)
    return obj


def _read(real, rendition, tmp_path):
    path = RENDITIONS[rendition](real, tmp_path / f"{real.name}.{rendition}")
    notes: list[str] = []
    dfile = sources.import_files([path], notes=notes)
    assert len(dfile.forms) == 1
    left_out = sorted(n.split("「")[-1].split("」")[0] for n in notes)
    assert left_out == sorted(real.left_out), notes
    return dfile


@pytest.mark.parametrize("rendition", sorted(RENDITIONS))
@pytest.mark.parametrize("real", FORMS, ids=[f.name for f in FORMS])
def test_reads_and_codes(real, rendition, tmp_path):
    dfile = _read(real, rendition, tmp_path)
    form = dfile.forms[0]
    assert dfile.year == real.year
    for path, want in real.expect.items():
        assert _value(form, path) == want, path
    findings = checks.evaluate(form, dfile).findings
    codes = {f.code for f in findings}
    assert set(real.must) <= codes, f"missing {set(real.must) - codes}"
    for code, cells in real.must_cells.items():
        assert set(cells) <= {c for f in findings if f.code == code for c in f.cells}, code
    assert not set(real.must_not) & codes, f"false alarms {set(real.must_not) & codes}"


def test_corpus_summary(capsys):
    """The corpus by province and layout (printed with ``pytest -s``)."""
    assert len({f.name for f in FORMS}) == len(FORMS)
    by = Counter((f.province, f.layout) for f in FORMS)
    with capsys.disabled():
        print("\nreal-forms corpus:", len(FORMS), "forms,", len(RENDITIONS), "renditions each")
        for (province, layout), n in sorted(by.items()):
            print(f"  {province} layout {layout}: {n}")
    for f in FORMS:
        assert f.source.startswith("http") and f.publisher and f.must_not
