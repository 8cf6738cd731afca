"""Hello world: the smallest Streamlit app, the browser benchmark's yardstick.

One title, one line of text and one sidebar multiselect (so a "filter change" can be timed the
same way as on the dashboard).
"""

import streamlit as st

st.set_page_config(page_title="Hello", layout="wide", initial_sidebar_state="expanded")
with st.sidebar:
    st.multiselect("Sector", ["Trade", "Railways", "Energy", "Education"], key="sector",
                   placeholder="All sectors")
st.title("Hello, world")
st.write("Hello from Streamlit.")
