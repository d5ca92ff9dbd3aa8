"""The portal under gunicorn, as in production, and what its workers use."""

import os
import subprocess
import time
import urllib.request
from pathlib import Path

from bench.config import BENCH_DIR, PYTHON, ROOT, Config

LOGS = BENCH_DIR / ".logs"


class Gunicorn:
    def __init__(self, config: Config, environment: dict, *, name: str):
        self.config = config
        self.environment = environment
        self.base_url = f"http://127.0.0.1:{config.port}"
        LOGS.mkdir(exist_ok=True)
        self.log = LOGS / f"gunicorn-{name}.log"
        self.process = None

    def command(self) -> list[str]:
        config = self.config
        return [
            str(PYTHON),
            "-m",
            "gunicorn",
            "umkm_portal.wsgi:application",
            f"--bind=127.0.0.1:{config.port}",
            f"--workers={config.workers}",
            f"--worker-class={config.worker_class}",
            f"--threads={config.threads}",
            "--keep-alive=5",
            "--log-level=warning",
        ]

    def __enter__(self):
        # The request log goes to a file, as in production (to a journal or a collector).
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                self.command(), cwd=ROOT, env=self.environment, stdout=log, stderr=log
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited ({self.process.returncode}); see {self.log}")
            try:
                with urllib.request.urlopen(self.base_url + "/healthz", timeout=2) as answer:
                    if answer.status == 200 and len(self.workers()) == self.config.workers:
                        return self
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit(f"gunicorn did not answer /healthz within a minute; see {self.log}")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def get(self, path: str) -> tuple[int, bytes, str]:
        try:
            with urllib.request.urlopen(self.base_url + path, timeout=30) as answer:
                return answer.status, answer.read(), answer.headers["Content-Type"]
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.headers["Content-Type"]

    def workers(self) -> list[int]:
        """The worker processes: the master's children."""
        master = self.process.pid
        children = Path(f"/proc/{master}/task/{master}/children")
        if children.exists():
            return [int(pid) for pid in children.read_text().split()]
        return [
            int(stat.parent.name)
            for stat in Path("/proc").glob("[0-9]*/stat")
            if _parent(stat) == master
        ]

    def reset_peak_memory(self) -> bool:
        """Start the workers' peak RSS (VmHWM) afresh (Linux: `5` into clear_refs)."""
        try:
            for pid in self.workers():
                Path(f"/proc/{pid}/clear_refs").write_text("5")
        except OSError:
            return False
        return True

    def peak_memory_mb(self) -> float:
        """The highest peak RSS (VmHWM) of any worker since the last reset."""
        peaks = [0]
        for pid in self.workers():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]))
        return round(max(peaks) / 1024, 1)

    def cpu_seconds(self) -> float:
        """CPU time of the master and its workers so far."""
        return sum(process_cpu_seconds(pid) for pid in [self.process.pid, *self.workers()])


def _parent(stat: Path) -> int:
    try:
        return int(stat.read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1


def process_cpu_seconds(pid: int) -> float:
    """utime + stime of a process, 0 if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
