"""The town rollup done by DuckDB, the peer for scripts/bench-rollup.sh.

Same inputs (every village export in a folder), same aggregation, same
rounding (half away from zero), same output columns, ordered by village code.
Usage: python3 scripts/rollup_duckdb.py FOLDER OUT.csv
"""
import os
import sys

import duckdb

sys.path.insert(0, os.path.dirname(__file__))
from load_duckdb import ROLLUP, read_csv  # noqa: E402  (the one aggregation, shared)

folder, out = sys.argv[1], sys.argv[2]
source = read_csv(repr(f"{folder}/*.csv"))
duckdb.sql(f"COPY ({ROLLUP.format(source=source)}) TO '{out}' (HEADER, DELIMITER ',')")
