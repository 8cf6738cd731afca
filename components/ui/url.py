"""Let links carry ids as well as labels: `?sector=rail` as well as `?sector=Railways`.

Widgets bound to the URL (`bind="query-params"`) write the option's label into the URL. Links
written by hand, or by other tools, tend to use the data's ids; this maps those to the widget's
value before the widget is drawn, so both forms open the same view.
"""

from __future__ import annotations

import streamlit as st


def accept_ids(key: str, ids: list[str], labels: dict[str, str], *, single: bool = False
               ) -> None:
    """If the URL's `key` values include ids (not labels), preselect those ids in the widget.
    single: the widget holds one value (a selectbox), the first id given.

    The widget then leaves the parameter out of the address bar (a widget bound to the URL
    writes it only when the reader changes it); "Link to this view" still carries the choice
    (`present.view_params`)."""
    values = st.query_params.get_all(key)
    if not values or key in st.session_state:
        return
    label_set = set(labels.values())
    if all(v in label_set for v in values):
        return  # the widget reads labels itself
    by_label = {label: i for i, label in labels.items()}
    chosen = [v if v in ids else by_label[v] for v in values if v in ids or v in by_label]
    chosen = list(dict.fromkeys(chosen))
    if chosen:
        st.session_state[key] = chosen[0] if single else chosen
