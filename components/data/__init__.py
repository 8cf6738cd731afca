"""The data layer: the tables' contract, their schemas and cross-table checks, loading a data
folder into a validated Dataset, and an analyst's uploaded zip. Imports nothing else of the
project."""
