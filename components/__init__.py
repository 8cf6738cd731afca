"""The dashboard's importable library.

Everything here except `components.ui` is pure computation (no `st.*` calls) and is tested with
plain pytest. `components.ui` holds the few helpers that draw.
"""
