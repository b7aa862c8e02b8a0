"""The processes of the production recipe (the Procfile, docs/deploy.md), started as it says,
so that the load test runs against exactly what the recipe tells an operator to run."""

import os
import re
import shlex
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
# ${NAME:-default}, as a POSIX shell would expand it
VARIABLE = re.compile(r"\$\{(\w+)(?::-([^}]*))?\}")


def commands(env: dict, procfile: Path = ROOT / "Procfile") -> dict[str, list[str]]:
    """Each process's command line, its variables expanded from `env`, its program the
    virtual environment's."""
    found = {}
    for line in procfile.read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, _, command = line.partition(":")
        expanded = VARIABLE.sub(lambda m: env.get(m.group(1)) or m.group(2) or "", command)
        words = shlex.split(expanded)
        program = VENV_BIN / words[0]
        found[name.strip()] = [str(program) if program.exists() else words[0], *words[1:]]
    return found


def start(name: str, env: dict, log: Path) -> subprocess.Popen:
    """One process of the recipe, in its own session (so that stopping it stops its children),
    its output in `log`."""
    output = open(log, "w")  # noqa: SIM115 - the process's, closed when it exits
    return subprocess.Popen(  # noqa: S603 - the recipe's own command line
        commands(env)[name],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
