#!/usr/bin/env python3
"""One task runner for developers and CI. Needs only Python 3.11+.

    python3 tasks.py run            set up .venv (first time) and start the app
    python3 tasks.py serve --replicas N [--port P]  app servers behind nginx (deploy/README.md)
    python3 tasks.py test           set up .venv with test tools, run ruff and every test (in
                                    parallel, a worker per core; `-n 0` for one process)
    python3 tasks.py check [DIR]    validate a data folder (default: data/ or $CORRIDOR_DATA_DIR)
    python3 tasks.py diff DIR_A DIR_B [--csv FILE]
                                    what changed from one data folder to another: rows and
                                    cells of every table, then the headline figures that move
                                    (--csv: the changes to FILE, the figures to
                                    FILE_headlines.csv)
    python3 tasks.py export-xlsx DIR FILE [--blank]
                                    the folder's tables as one Excel workbook (--blank: a
                                    template holding the vocabularies only)
    python3 tasks.py import-xlsx FILE DIR
                                    a workbook's sheets back into the folder's CSVs
    python3 tasks.py bench [--quick]
                                    set up .venv with the benchmark's tools, run the benchmark
                                    (bench/README.md); writes bench/RESULTS.md and results.json

Extra arguments after `run` go to `streamlit run`, after `test` to pytest, after `bench` to
`python -m bench.run` (e.g. --quick, --skip browser load).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"


def sh(*args: str | Path) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    result = subprocess.run([str(a) for a in args], cwd=ROOT)
    if result.returncode != 0:
        sys.exit(result.returncode)


def setup(extras: str = "") -> None:
    """Create .venv and install the project (editable) once per pyproject.toml version."""
    if sys.version_info < (3, 11):  # noqa: UP036 -- tasks.py may be started by an older python3
        sys.exit("Python 3.11 or newer is needed.")
    if not PY.exists():
        print(f"Creating {VENV}", flush=True)
        venv.create(VENV, with_pip=True)
    spec = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / ".installed"
    if not stamp.exists() or stamp.read_text() != spec:
        sh(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        sh(PY, "-m", "pip", "install", "--quiet", "-e", f".{extras}")
        stamp.write_text(spec)


def main(argv: list[str]) -> None:
    task, rest = (argv[0], argv[1:]) if argv else ("help", [])
    if task == "run":
        setup()
        sh(PY, "-m", "streamlit", "run", "app.py", *rest)
    elif task == "test":
        setup("[test]")
        sh(PY, "-m", "ruff", "check", ".")
        # the tests in parallel, one worker per core, each test file on one worker (its
        # module-scoped servers start once); `-n 0` (or any -n) given by hand overrides it
        given = any(a.startswith(("-n", "--numprocesses")) for a in rest)
        spread = [] if given else ["-n", "auto", "--dist", "loadfile"]
        sh(PY, "-m", "pytest", *spread, *rest)
    elif task == "check":
        setup()
        sh(PY, "-m", "components.data.check", *rest)
    elif task == "diff":
        setup()
        sh(PY, "-m", "components.sections.datadiff", *rest)
    elif task in ("export-xlsx", "import-xlsx"):
        setup()
        sh(PY, "-m", "components.data.workbook", task.removesuffix("-xlsx"), *rest)
    elif task == "serve":
        setup()
        # exec, not a child: Ctrl-C then reaches serve alone, which stops what it started
        # (subprocess.run would kill it 0.25 s after Ctrl-C, before it could)
        print("+", PY, "-m", "deploy.serve", *rest, flush=True)
        os.chdir(ROOT)
        os.execv(PY, [str(PY), "-m", "deploy.serve", *rest])
    elif task == "bench":
        setup("[bench]")
        sh(PY, "-m", "bench.run", *rest)
    else:
        print(__doc__)
        sys.exit(0 if task in ("help", "-h", "--help") else 2)


if __name__ == "__main__":
    main(sys.argv[1:])
