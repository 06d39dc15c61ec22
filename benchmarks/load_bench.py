"""Load on the production server: `koers serve` (gunicorn) over a throw-away PostgreSQL,
driven by locust (headless, in this process) on loopback. Prints one JSON object.

Read traffic mixes occupation search, career steps, matching and the tension page. Each
simulated client starts its requests as a Poisson process (exponential gaps, 2 per second on
average), so the many clients' requests arrive independently, as real users' do; with
``--arrivals steady`` each client keeps a fixed 0.5 s rhythm instead (locust's
``constant_throughput``), which puts clients in step and sends the requests in bursts. Each
target rate (default 50, 100 and 200 requests/s) runs for ``--seconds``; reported per rate: achieved
requests/s, p50/p95/p99 in ms, failures and 429 answers. The baseline in the same run is the
cheapest request the server has (the static favicon), at the same rate, which shows what the
server and this machine cost before any Koers code runs.

    .venv/bin/python benchmarks/load_bench.py [--seconds 60] [--rates 50,100,200] [--workers 2]
        [--threads 4] [--arrivals poisson|steady]
"""

from __future__ import annotations

from gevent import monkey  # locust needs the standard library patched first

monkey.patch_all()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import gevent  # noqa: E402
from locust import FastHttpUser, constant_throughput, task  # noqa: E402
from locust.env import Environment  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NURSE_ASSISTANT = "http://data.europa.eu/esco/occupation/87d0795a-d41f-47ee-979f-0ab7d73836e7"
WOUND_CARE = "http://data.europa.eu/esco/skill/1c6736c2-77de-419c-9b84-8932e15abc21"
USERS_PER_RATE = 0.5  # each simulated client sends 2 requests/s
PER_CLIENT = 1 / USERS_PER_RATE


def poisson_throughput(per_second: float) -> Any:
    """A wait time that starts a client's tasks as a Poisson process of ``per_second``: each
    start an exponential gap after the previous one, whatever the answer took (open loop,
    as ``constant_throughput`` is)."""

    def wait_time(user: Any) -> float:
        now = time.monotonic()
        next_start = getattr(user, "next_start", now) + random.expovariate(per_second)
        user.next_start = next_start
        return max(0.0, next_start - now)

    return wait_time


class Reader(FastHttpUser):
    wait_time = poisson_throughput(PER_CLIENT)

    @task(4)
    def search(self) -> None:
        self.client.get("/api/occupations/search?q=verpleeg", name="search")

    @task(3)
    def career_steps(self) -> None:
        self.client.get(
            "/api/matching/career-steps", params={"occupation": NURSE_ASSISTANT}, name="steps"
        )

    @task(2)
    def match(self) -> None:
        self.client.post("/api/matching/occupations", json={"skills": [WOUND_CARE]}, name="match")

    @task(1)
    def market_page(self) -> None:
        self.client.get("/market/tension/", name="market page")


class Baseline(FastHttpUser):
    wait_time = poisson_throughput(PER_CLIENT)

    @task
    def favicon(self) -> None:
        self.client.get("/static/koers/favicon.svg", name="static file")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(user: type[FastHttpUser], host: str, rate: int, seconds: int) -> dict[str, Any]:
    environment = Environment(user_classes=[user], host=host)
    limited = 0

    def count_429(response: Any = None, **_: Any) -> None:
        nonlocal limited
        if response is not None and getattr(response, "status_code", 0) == 429:
            limited += 1

    environment.events.request.add_listener(count_429)
    runner = environment.create_local_runner()
    users = max(1, round(rate * USERS_PER_RATE))
    runner.start(user_count=users, spawn_rate=users)
    started = time.perf_counter()
    gevent.sleep(seconds)
    runner.quit()
    elapsed = time.perf_counter() - started
    total = environment.stats.total
    return {
        "target_rps": rate,
        "achieved_rps": round(total.num_requests / elapsed, 1),
        "requests": total.num_requests,
        "failures": total.num_failures,
        "answered_429": limited,
        "p50_ms": total.get_response_time_percentile(0.5),
        "p95_ms": total.get_response_time_percentile(0.95),
        "p99_ms": total.get_response_time_percentile(0.99),
        "errors": {
            f"{error.method} {error.name}: {error.error}"[:200]: error.occurrences
            for error in environment.stats.errors.values()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--rates", default="50,100,200")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--api-rate", default="100000/s", help="per-client limit (KOERS_API_RATE)")
    parser.add_argument("--arrivals", choices=["poisson", "steady"], default="poisson")
    options = parser.parse_args()
    random.seed(0)
    if options.arrivals == "steady":
        Reader.wait_time = Baseline.wait_time = constant_throughput(PER_CLIENT)
    rates = [int(r) for r in options.rates.split(",")]

    pgdir, url = subprocess.run(
        [str(ROOT / "scripts" / "postgres")], capture_output=True, text=True, check=True
    ).stdout.split()
    port = _free_port()
    var = tempfile.mkdtemp(prefix="koers-load-")
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}},
        "DATABASE_URL": url,
        "KOERS_VAR_DIR": var,
        "KOERS_API_RATE": options.api_rate,
    }
    koers = Path(sys.executable).parent / "koers"
    server = subprocess.Popen(
        [
            *(str(koers), "serve", "--port", str(port)),
            *("--workers", str(options.workers), "--threads", str(options.threads)),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    host = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                urllib.request.urlopen(host + "/api/occupations/search?q=kok", timeout=60)  # noqa: S310
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("koers serve did not start") from None
                time.sleep(1)
        _run(Reader, host, 10, 5)  # warm every worker's caches
        result = {
            "server": (
                f"koers serve, gunicorn {options.workers} workers × {options.threads} threads, "
                "PostgreSQL"
            ),
            "machine_cpus": os.cpu_count(),
            "seconds_per_rate": options.seconds,
            "arrivals": options.arrivals,
            "api_rate_limit_per_client": options.api_rate,
            "koers_read_mix": [_run(Reader, host, r, options.seconds) for r in rates],
            "baseline_static_file": [_run(Baseline, host, r, options.seconds) for r in rates],
        }
        print(json.dumps(result, indent=2))
    finally:
        server.terminate()
        server.wait(timeout=30)
        subprocess.run([str(ROOT / "scripts" / "postgres"), "stop", pgdir], check=False)


if __name__ == "__main__":
    main()
