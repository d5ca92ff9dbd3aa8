"""The API fuzzer's summary, after pytest's own: how much of the API it tried, and how fast."""

import time

from tests.fuzz.helpers import RUN


def pytest_terminal_summary(terminalreporter):
    if RUN["operations"] or RUN["skipped"]:
        terminalreporter.write_line(
            f"api fuzz: {RUN['operations']:.0f} operations tried, {RUN['skipped']:.0f} skipped"
            f" for time, {RUN['requests']:.0f} requests in"
            f" {time.monotonic() - RUN['started']:.0f} s"
        )
