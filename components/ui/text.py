"""Text from the data, made safe for Streamlit's markdown."""

from __future__ import annotations

import re

# Markdown would turn these into links, emphasis, headings or LaTeX ($…$).
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$])")


def md_escape(text: object) -> str:
    """Escape `text` so st.markdown / st.caption show it literally (links and $ included)."""
    return _SPECIAL.sub(r"\\\1", str(text))
