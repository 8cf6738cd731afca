"""Benchmarks for issue 8 (performance): see bench/README.md. Not collected by pytest."""
