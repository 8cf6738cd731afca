"""Memoised builders: the same table object reuses the result; another table recomputes."""

import pandas as pd

from components.analysis.memo import by_identity
from components.analysis.sourcing import source_label


def test_results_are_reused_for_the_same_table_only():
    calls = []

    @by_identity(maxsize=2)
    def total(frame, labels):
        calls.append(1)
        return int(frame["x"].sum())

    a = pd.DataFrame({"x": [1, 2]})
    assert total(a, {"k": "v"}) == 3 and total(a, {"k": "v"}) == 3
    assert len(calls) == 1
    assert total(a.copy(), {"k": "v"}) == 3 and len(calls) == 2  # equal content, other object
    assert total(a, {"k": "w"}) == 3 and len(calls) == 3  # other labels
    b = pd.DataFrame({"x": [5]})
    total(b, {})
    total(pd.DataFrame({"x": [7]}), {})  # pushes the oldest out (maxsize 2)
    assert total(a, {"k": "v"}) == 3 and len(calls) == 6


def test_source_labels_follow_the_table_they_come_from():
    sources = pd.DataFrame({"source_id": ["s1"], "publisher": ["Dawn"], "title": ["T"],
                            "kind": ["news"], "published_date": [pd.NaT],
                            "published_precision": [None], "url": ["https://dawn.com/x"]})
    assert source_label(sources, "s1") == "Dawn · press"
    other = sources.assign(publisher=["Tribune"])
    assert source_label(other, "s1") == "Tribune · press"
    assert source_label(sources, "nope") == "source nope"
