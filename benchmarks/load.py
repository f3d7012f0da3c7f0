"""Load test of `newsbrief serve` on loopback: requests/s, p50/p99 latency and errors per endpoint.

Usage:
    python benchmarks/load.py                        # 1, 10, 25, 50 users, 30 s per scenario
    python benchmarks/load.py --seconds 10 --users 1,10 --json load.json
    python benchmarks/load.py --upload-every 0       # no uploads during the scenarios

Needs the serve extra and locust (pip install locust). What it does, in one run:

1. Builds a store in a temporary folder (the bundled example plus ../shared/seeds when
   present, ingested with real event clustering) and starts `python -m newsbrief serve` on a
   free loopback port, exactly as a user would.
2. Cold path: briefs each stored event in turn and times the first finished brief (the first
   one also pays the one-time start-up: loading the pipeline's models), then submits it again
   to check it is the same, finished job.
3. For each user count, two scenarios of --seconds each, run by locust in a subprocess
   (benchmarks/load_locustfile.py; users send requests back to back, so users = requests in
   flight):
   * health: GET /api/health only. The baseline: the framework's own cost per request on the
     same server, so each endpoint's row shows what it costs over that floor.
   * mixed: the event list, searches, event details, POST brief of a briefed event (a lookup),
     job status, brief JSON, the report page and the events page, plus one extra user pasting
     an article every --upload-every seconds (each a real brief, made while the others read).
   Before each scenario the queue is drained and the event briefs re-checked.
4. Overload: more brief submissions at once than the queue holds (distinct summary lengths, so
   each is new work). Those over the limit must get 429 with Retry-After, which is shed load,
   not an error; the health route is timed while the worker drains the queue.

Errors are connection errors, 5xx and any status an endpoint should not give; 429s are counted
apart. The rated load is the highest user count up to which every mixed scenario has no error
and a p99 under --p99-ms. Latency percentiles come from locust's histogram (whole ms below
100 ms, 10 ms steps below 1 s, 100 ms steps below 10 s); the mean is exact.

Load generator and server share this machine's cores (and with whatever else runs on it): the
CPU seconds each used per scenario are printed, and a load generator near one full core means
the figures are a floor on what the server could do.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
LOCUSTFILE = Path(__file__).resolve().parent / "load_locustfile.py"
HEALTH_CLASSES = ["HealthUser"]
PASTED_ARTICLE = (
    "Harbor bridge shut after ship strike\n\n"
    "The Tallis Harbor Bridge was closed on Monday after a container ship struck one of its "
    "piers, city officials said. Engineers began inspecting the damaged pier on Tuesday.\n\n"
    "Mayor Renata Voss said the bridge would stay closed until the inspection was complete, "
    "and ferries would run every twenty minutes in the meantime."
)


@dataclass(frozen=True, slots=True)
class Server:
    base: str
    process: subprocess.Popen[bytes]
    log: Path


def build_store(workdir: Path) -> Path:
    from newsbrief.examples import example_paths
    from newsbrief.store import Store
    from newsbrief.store.ingest import ingest_paths

    paths = [example_paths()[0].parent] + ([SEEDS] if SEEDS.is_dir() else [])
    db = workdir / "newsbrief.db"
    with Store(db) as store:
        report = ingest_paths(store, paths)
    if report.failures or not report.added:
        raise SystemExit(f"could not build the store: {report.failures}")
    return db


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(db: Path, workdir: Path) -> Iterator[Server]:
    port = free_port()
    log = workdir / "server.log"
    command = [sys.executable, "-m", "newsbrief", "serve", "--db", str(db), "--port", str(port)]
    # A file, not a pipe: nobody reads the access log while the benchmark runs, and a full pipe
    # would stall the server.
    with log.open("wb") as sink:
        process = subprocess.Popen(command, cwd=REPO, stdout=sink, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        wait_for_health(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for_health(server: Server, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise SystemExit(f"the server exited:\n{server.log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{server.base}/api/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"the server did not answer in {timeout} s:\n{server.log.read_text()[-3000:]}")


def wait_for_job(client: httpx.Client, job_id: str, timeout: float = 300) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = client.get(f"/api/jobs/{job_id}").json()
        if status["state"] in ("done", "failed"):
            return status
        time.sleep(0.02)
    raise SystemExit(f"job {job_id} did not finish in {timeout} s")


def drain(client: httpx.Client, timeout: float = 300) -> None:
    """Wait until no brief is queued or running, so one scenario's work does not spill over."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        jobs = client.get("/api/health").json()["jobs"]
        if jobs["queued"] + jobs["running"] == 0:
            return
        time.sleep(0.05)
    raise SystemExit(f"briefs still queued after {timeout} s")


def cold_path(client: httpx.Client, event_ids: list[str]) -> list[dict[str, Any]]:
    """Time to the first finished brief of each event, then the cost of asking again."""
    rows = []
    for event_id in event_ids:
        started = time.perf_counter()
        job = client.post(f"/api/events/{event_id}/brief").json()
        status = wait_for_job(client, job["id"])
        seconds = time.perf_counter() - started
        again_started = time.perf_counter()
        again = client.post(f"/api/events/{event_id}/brief").json()
        rows.append(
            {
                "event": event_id,
                "state": status["state"],
                "seconds_to_brief": round(seconds, 3),
                "again_ms": round((time.perf_counter() - again_started) * 1000, 2),
                "same_job": again["id"] == job["id"] and again["state"] == "done",
            }
        )
    return rows


def briefed_jobs(client: httpx.Client, event_ids: list[str]) -> dict[str, str]:
    """The finished job of each event (briefed again if it was evicted)."""
    jobs = {}
    for event_id in event_ids:
        job = client.post(f"/api/events/{event_id}/brief").json()
        if wait_for_job(client, job["id"])["state"] != "done":
            raise SystemExit(f"the brief of {event_id} failed")
        jobs[event_id] = job["id"]
    return jobs


def percentile(histogram: dict[int, int], fraction: float) -> float:
    """The smallest recorded time with at least ``fraction`` of the requests at or under it."""
    total = sum(histogram.values())
    if not total:
        return math.nan
    needed = math.ceil(total * fraction)
    seen = 0
    for ms in sorted(histogram):
        seen += histogram[ms]
        if seen >= needed:
            return float(ms)
    return float(max(histogram))


def scenario_window(entries: list[dict[str, Any]]) -> float:
    """Seconds from the scenario's first request to its last answer."""
    return max(e["last_request_timestamp"] for e in entries) - min(e["start_time"] for e in entries)


def summarize(name: str, entries: list[dict[str, Any]], shed: int, window: float) -> dict[str, Any]:
    """One row: requests, rate over the whole scenario's ``window``, latency, errors, 429s."""
    histogram: dict[int, int] = {}
    for entry in entries:
        for ms, count in entry["response_times"].items():
            histogram[int(ms)] = histogram.get(int(ms), 0) + count
    requests = sum(e["num_requests"] for e in entries)
    return {
        "endpoint": name,
        "requests": requests,
        "rps": round(requests / window, 1) if window > 0 else math.nan,
        "p50_ms": percentile(histogram, 0.50),
        "p99_ms": percentile(histogram, 0.99),
        "mean_ms": round(sum(e["total_response_time"] for e in entries) / max(1, requests), 2),
        "errors": sum(e["num_failures"] for e in entries),
        "shed_429": shed,
    }


def tree_cpu_seconds(process: psutil.Process) -> float:
    """User + system CPU of a psutil process and its live descendants (the brief process)."""
    import psutil

    total = 0.0
    for member in [process, *process.children(recursive=True)]:
        try:
            times = member.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def run_scenario(
    server: Server,
    scenario: str,
    readers: int,
    seconds: int,
    settings: dict[str, Any],
    workdir: Path,
) -> dict[str, Any]:
    import psutil

    tag = f"{scenario}-{readers}"
    config_path, stats_path = workdir / f"{tag}.config.json", workdir / f"{tag}.stats.json"
    tally_path = workdir / f"{tag}.tally.json"
    config_path.write_text(json.dumps({**settings, "tally": str(tally_path)}), encoding="utf-8")
    uploads = scenario == "mixed" and settings["upload_every"] > 0
    classes = HEALTH_CLASSES if scenario == "health" else ["Reader"] + (["Uploader"] if uploads else [])
    users = readers + (1 if uploads else 0)
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
        "-u", str(users), "-r", str(users), "-t", f"{seconds}s", "-H", server.base,
        "--json-file", str(stats_path.with_suffix("")), "--only-summary", "--skip-log",
        "--stop-timeout", "10", *classes,
    ]  # fmt: skip
    server_process = psutil.Process(server.process.pid)
    server_cpu = tree_cpu_seconds(server_process)
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    env = {**os.environ, "NEWSBRIEF_LOAD_CONFIG": str(config_path)}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Locust exits 1 when a request failed; anything else, or no stats, is a broken run.
    if done.returncode not in (0, 1) or not stats_path.is_file() or not tally_path.is_file():
        raise SystemExit(f"locust failed ({done.returncode}):\n{done.stderr[-3000:]}")
    entries = json.loads(stats_path.read_text(encoding="utf-8"))
    tally = json.loads(tally_path.read_text(encoding="utf-8"))
    shed: dict[str, int] = tally["shed"]
    window = scenario_window(entries)
    endpoints = [summarize(e["name"], [e], shed.get(e["name"], 0), window) for e in entries]
    endpoints.sort(key=lambda row: row["endpoint"])
    loadgen_cpu = (children_after.ru_utime + children_after.ru_stime) - (
        children_before.ru_utime + children_before.ru_stime
    )
    return {
        "scenario": scenario,
        "users": readers,
        "uploader": uploads,
        "seconds": seconds,
        "total": summarize("all", entries, sum(shed.values()), window),
        "endpoints": endpoints,
        "statuses": tally["statuses"],
        "connection_errors": tally["connection_errors"],
        "not_cached": tally["not_cached"],
        "server_cpu_s": round(tree_cpu_seconds(server_process) - server_cpu, 1),
        "loadgen_cpu_s": round(loadgen_cpu, 1),
        "wall_s": round(wall, 1),
        "loadgen_cpu_warnings": len(tally["cpu_warnings"]),
    }


def overload(client: httpx.Client, event_ids: list[str], max_pending: int) -> dict[str, Any]:
    """Submit more new briefs at once than the queue holds; time health while they drain."""
    count = max_pending + 6
    # Distinct summary lengths make distinct jobs (the length is part of a brief's key).
    paths = [f"/api/events/{event_ids[i % len(event_ids)]}/brief?words={30 + i}" for i in range(count)]
    with ThreadPoolExecutor(count) as pool:
        responses = list(pool.map(client.post, paths))
    started = time.perf_counter()
    health_ms: list[float] = []
    while True:
        asked = time.perf_counter()
        jobs = client.get("/api/health").json()["jobs"]
        health_ms.append((time.perf_counter() - asked) * 1000)
        if jobs["queued"] + jobs["running"] == 0:
            break
        time.sleep(0.05)
    drained = time.perf_counter() - started
    refused = [p for p, r in zip(paths, responses, strict=True) if r.status_code == 429]
    retried = client.post(refused[0]).status_code if refused else None
    health_ms.sort()
    return {
        "submitted": count,
        "queue_limit": max_pending,
        "accepted_202": sum(r.status_code == 202 for r in responses),
        "shed_429": sum(r.status_code == 429 and "retry-after" in r.headers for r in responses),
        "bad_429": sum(r.status_code == 429 and "retry-after" not in r.headers for r in responses),
        "errors": sum(r.status_code not in (202, 429) for r in responses),
        "retry_after": sorted({r.headers["retry-after"] for r in responses if "retry-after" in r.headers}),
        "drain_s": round(drained, 2),
        "health_during_drain_p50_ms": round(health_ms[len(health_ms) // 2], 1),
        "health_during_drain_max_ms": round(health_ms[-1], 1),
        "health_polls": len(health_ms),
        "retry_status": retried,
    }


def search_queries(titles: list[str]) -> list[str]:
    """Two words of each title (matches) and one query that matches nothing."""
    queries = [" ".join(title.split()[:2]).lower() for title in titles]
    return [*queries, "volcano eruption"]


def print_tables(results: dict[str, Any], bound_ms: float) -> None:
    print("\ncold path (first brief of each event; the first also pays one-time start-up):")
    for row in results["cold"]:
        print(
            f"  {row['event']}: {row['state']} in {row['seconds_to_brief']:.2f} s; "
            f"asked again: {row['again_ms']:.1f} ms, same finished job: {row['same_job']}"
        )
    print(
        f"\n{'scenario':<8} {'users':>5} {'requests':>9} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'mean ms':>8} {'errors':>6} {'429s':>5} {'srv CPU s':>9} {'gen CPU s':>9}"
    )
    for run in results["scenarios"]:
        t = run["total"]
        users = f"{run['users']}{'+1' if run['uploader'] else ''}"
        print(
            f"{run['scenario']:<8} {users:>5} {t['requests']:>9} {t['rps']:>8} {t['p50_ms']:>7.0f} "
            f"{t['p99_ms']:>7.0f} {t['mean_ms']:>8} {t['errors']:>6} {t['shed_429']:>5} "
            f"{run['server_cpu_s']:>9} {run['loadgen_cpu_s']:>9}"
        )
    print(
        "\nper endpoint (mixed scenarios). 'over floor': mean minus the health scenario's mean at the "
        "same count;\nat 1 user that is the endpoint's own cost over the framework, above it mostly "
        "time queued behind\nthe other users' requests (the server is one process)."
    )
    print(
        f"{'users':>5} {'endpoint':<30} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'mean ms':>8} {'over floor':>10} {'errors':>6} {'429s':>5}"
    )
    floors = {r["users"]: r["total"]["mean_ms"] for r in results["scenarios"] if r["scenario"] == "health"}
    for run in results["scenarios"]:
        if run["scenario"] != "mixed":
            continue
        floor = floors.get(run["users"], math.nan)
        for row in run["endpoints"]:
            print(
                f"{run['users']:>5} {row['endpoint']:<30} {row['requests']:>8} {row['rps']:>7} "
                f"{row['p50_ms']:>7.0f} {row['p99_ms']:>7.0f} {row['mean_ms']:>8} "
                f"{row['mean_ms'] - floor:>+10.2f} {row['errors']:>6} {row['shed_429']:>5}"
            )
        if run["not_cached"]:
            print(f"      note: finished briefs re-made during the run: {run['not_cached']}")
        for error, count in run["connection_errors"].items():
            print(f"      connection error x{count}: {error}")
    flood = results["overload"]
    print(
        f"\noverload: {flood['submitted']} new briefs at once, queue limit {flood['queue_limit']}: "
        f"{flood['accepted_202']} accepted, {flood['shed_429']} shed with 429 + Retry-After "
        f"{flood['retry_after']}, {flood['bad_429']} 429 without Retry-After, {flood['errors']} errors; "
        f"queue drained in {flood['drain_s']} s, health during the drain p50 "
        f"{flood['health_during_drain_p50_ms']} ms, max {flood['health_during_drain_max_ms']} ms "
        f"({flood['health_polls']} polls); a refused brief resubmitted after: {flood['retry_status']}"
    )
    rated = results["rated_users"]
    print(
        f"\nrated load: {rated if rated is not None else 'none of the tested counts'} concurrent "
        f"users (mixed: no error, p99 under {bound_ms:.0f} ms)"
    )
    machine = results["machine"]
    print(
        f"machine: {machine['cpus']} CPUs, load average {machine['loadavg']} at start; locust "
        f"(one process, one core at most) and the server share them: 'gen CPU s' near the "
        f"scenario length means the load generator, not the server, set the pace"
        + (f"; locust CPU warnings: {machine['cpu_warnings']}" if machine["cpu_warnings"] else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=30, help="length of each scenario")
    parser.add_argument("--users", default="1,10,25,50", help="concurrent users to test")
    parser.add_argument("--p99-ms", type=float, default=1000, help="p99 must stay under this")
    parser.add_argument(
        "--upload-every", type=float, default=5, help="seconds between pasted briefs (0: none)"
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    levels = sorted({int(u) for u in args.users.split(",") if u.strip() and int(u) > 0})

    from newsbrief.serve import Limits

    results: dict[str, Any] = {
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "machine": {"cpus": os.cpu_count(), "loadavg": [round(x, 2) for x in os.getloadavg()]},
        "scenarios": [],
    }
    with tempfile.TemporaryDirectory(prefix="newsbrief-load-") as tmp:
        workdir = Path(tmp)
        db = build_store(workdir)
        with serving(db, workdir) as server, httpx.Client(base_url=server.base, timeout=60) as client:
            listing = client.get("/api/events", params={"limit": 500}).json()["events"]
            event_ids = [e["id"] for e in listing]
            print(f"store: {len(event_ids)} events, server {server.base}", flush=True)
            results["cold"] = cold_path(client, event_ids)
            settings = {
                "queries": search_queries([e["title"] for e in listing]),
                "article": PASTED_ARTICLE,
                "upload_every": args.upload_every,
            }
            for users in levels:
                for scenario in ("health", "mixed"):
                    drain(client)
                    settings["events"] = briefed_jobs(client, event_ids)
                    run = run_scenario(server, scenario, users, args.seconds, settings, workdir)
                    results["scenarios"].append(run)
                    t = run["total"]
                    print(
                        f"  {scenario} x{users}: {t['requests']} requests, {t['rps']} req/s, "
                        f"p99 {t['p99_ms']:.0f} ms, {t['errors']} errors",
                        flush=True,
                    )
            drain(client)
            results["overload"] = overload(client, event_ids, Limits().max_pending_jobs)
    results["machine"]["cpu_warnings"] = sum(r["loadgen_cpu_warnings"] for r in results["scenarios"])
    # The rated load is the highest count below which every tested count passes too.
    results["rated_users"] = None
    for run in (r for r in results["scenarios"] if r["scenario"] == "mixed"):
        if run["total"]["errors"] or run["total"]["p99_ms"] >= args.p99_ms:
            break
        results["rated_users"] = run["users"]
    results["p99_bound_ms"] = args.p99_ms
    print_tables(results, args.p99_ms)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
