"""The machine a run happened on, and how busy other processes kept it during each run."""

import os
import platform
import resource
import subprocess
from pathlib import Path

from bench.config import PYTHON, ROOT


def _first_line(command: list[str]) -> str:
    try:
        output = subprocess.run(command, capture_output=True, text=True, cwd=ROOT).stdout
        output = output or subprocess.run(command, capture_output=True, text=True).stderr
    except OSError:
        return "?"
    return output.strip().splitlines()[0] if output.strip() else "?"


def describe() -> dict:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 2**20, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "django": _first_line([str(PYTHON), "-c", "import django; print(django.get_version())"]),
        "gunicorn": _first_line([str(PYTHON), "-m", "gunicorn", "--version"]),
        "wrk": _first_line(["wrk", "--version"]).split(" [")[0],
    }


def loadavg() -> float:
    """The 1-minute load average."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def busy_cpu_seconds() -> float:
    """CPU time spent by every process on the machine so far (all but idle and iowait)."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    busy = sum(fields[:8]) - fields[3] - fields[4]  # user..steal, without idle and iowait
    return busy / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds() -> float:
    """CPU time of our finished child processes (wrk)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
