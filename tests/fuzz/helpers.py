"""What the API fuzzer's run did, filled by its test module and reported by conftest.py."""

import time

#: Operations tried, operations skipped for time, requests sent, and when the run began.
RUN: dict[str, float] = {"started": time.monotonic(), "operations": 0, "skipped": 0, "requests": 0}
