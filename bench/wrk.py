"""One wrk run and its result, parsed from the line wrk_report.lua prints."""

import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

LUA_SCRIPT = Path(__file__).with_name("wrk_report.lua")


@dataclass(frozen=True)
class WrkResult:
    requests: int
    duration_us: int
    bytes: int
    connect_errors: int
    read_errors: int
    write_errors: int
    status_errors: int
    timeouts: int
    p50_us: int
    p95_us: int
    p99_us: int
    max_us: int
    mean_us: float

    @property
    def requests_per_second(self) -> float:
        return self.requests / (self.duration_us / 1_000_000) if self.duration_us else 0.0

    @property
    def errors(self) -> int:
        """Failed requests, non-2xx/3xx answers (a 429 or 500 would look fast) included."""
        return (
            self.connect_errors
            + self.read_errors
            + self.write_errors
            + self.status_errors
            + self.timeouts
        )

    def as_dict(self) -> dict:
        return {**asdict(self), "requests_per_second": round(self.requests_per_second, 1)}


def parse(output: str) -> WrkResult:
    """The WrkResult in wrk's output (the `BENCH key=value ...` line of wrk_report.lua)."""
    for line in output.splitlines():
        if line.startswith("BENCH "):
            fields = dict(item.split("=", 1) for item in line.split()[1:])
            return WrkResult(
                **{
                    name: (float if name == "mean_us" else int)(float(fields[name]))
                    for name in WrkResult.__dataclass_fields__
                }
            )
    raise ValueError(f"no BENCH line in wrk's output:\n{output}")


def run(url: str, *, seconds: float, connections: int, threads: int) -> WrkResult:
    command = [
        "wrk",
        f"--threads={min(threads, connections)}",
        f"--connections={connections}",
        f"--duration={max(1, round(seconds))}s",
        "--timeout=10s",
        f"--script={LUA_SCRIPT}",
        url,
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=True)
    return parse(completed.stdout)
