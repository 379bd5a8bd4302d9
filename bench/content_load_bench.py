"""How long `make demo` spends loading the campaign content: its budget is one minute on our machine class.

Run it with `make bench-content`. Each run starts from an empty SQLite database in a temporary directory (migrated
first, not timed), then times `load_campaign_content` twice: the first load (what a fresh clone does) and a second
one over the same database (nothing changed: every item is reported unchanged).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGET_SECONDS = 60.0
ROOT = Path(__file__).resolve().parent.parent


def manage(*args: str, env: dict) -> float:
    started = time.perf_counter()
    command = [sys.executable, "-W", "ignore", "manage.py", *args]
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="Fresh loads to time (default 1).")
    runs = parser.parse_args().runs
    for run in range(1, runs + 1):
        with tempfile.TemporaryDirectory() as folder:
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3"}
            manage("migrate", "--noinput", env=env)
            first = manage("load_campaign_content", env=env)
            again = manage("load_campaign_content", env=env)
            verdict = "within" if first <= BUDGET_SECONDS else "OVER"
            print(
                f"run {run}: first load {first:.1f} s ({verdict} the {BUDGET_SECONDS:.0f} s budget), "
                f"second load {again:.1f} s"
            )


if __name__ == "__main__":
    main()
