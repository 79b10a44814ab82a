"""Run every benchmark module in bench/ (files named bench_*.py), one process each."""

import subprocess
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
for module in sorted(here.glob("bench_*.py")):
    print(f"\n## {module.stem}", flush=True)
    subprocess.run([sys.executable, "-m", f"bench.{module.stem}"], check=True, cwd=here.parent)
