"""Helpers that draw with Streamlit. Kept apart from the pure components."""
