"""Memory left in `newsbrief serve` by one hostile upload within the limits (issue 16 row 1).

Usage:
    python3 benchmarks/upload_memory.py                  # 3.4 M lines of `{}` plus one article
    python3 benchmarks/upload_memory.py --lines 500000 --json out.json

Starts `python3 -m newsbrief serve` (no store) on a free loopback port from the current folder,
uploads one JSONL file of LINES lines of `{}` (each a failure: no 'text' field) and one real
article (about 10 MB at the default), waits for the brief, and reports the resident and peak
memory (VmRSS, VmHWM from /proc; Linux only) of the server and of each process under it (the
fork server and the brief child), plus the size of the brief's JSON and report page.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ARTICLE = {
    "id": "real",
    "title": "Council closes the harbor bridge",
    "text": "The city council closed the harbor bridge on Monday after a container ship struck its "
    "eastern pier, officials said.\n\nEngineers will inspect the damaged pier this week, Mayor "
    "Renata Voss said, and the bridge will stay closed until they declare it safe.",
}


def memory_kb(pid: int) -> dict[str, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0])
    return fields


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=3_400_000)
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    body = b"{}\n" * args.lines + json.dumps(ARTICLE).encode()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "NEWSBRIEF_DB"}
    server = subprocess.Popen(
        [sys.executable, "-m", "newsbrief", "serve", "--port", str(port), "--job-timeout", str(args.timeout)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(f"{base}/api/health", timeout=2)
                break
            except httpx.HTTPError:
                if server.poll() is not None:
                    raise SystemExit("the server stopped") from None
                time.sleep(0.2)
        started = time.perf_counter()
        job = httpx.post(
            f"{base}/api/briefs", files={"files": ("bomb.jsonl", body, "application/jsonl")}, timeout=120
        ).json()["id"]
        slowest = 0.0  # the longest a status poll waited: how long the server stopped answering
        while True:
            asked = time.perf_counter()
            status = httpx.get(f"{base}/api/jobs/{job}", timeout=args.timeout).json()
            slowest = max(slowest, time.perf_counter() - asked)
            if status["state"] in ("done", "failed"):
                break
            time.sleep(0.5)
        seconds = time.perf_counter() - started
        brief = httpx.get(f"{base}/api/jobs/{job}/brief", timeout=args.timeout)
        page = httpx.get(f"{base}/jobs/{job}", timeout=args.timeout)
        result = {
            "lines": args.lines,
            "upload_bytes": len(body),
            "state": status["state"],
            "seconds": round(seconds, 1),
            "slowest_status_poll_s": round(slowest, 2),
            "brief_json_bytes": len(brief.content),
            "page_bytes": len(page.content),
            "server_kb": memory_kb(server.pid),
            "children_kb": [memory_kb(pid) for pid in descendants(server.pid)],
        }
    finally:
        server.terminate()
        server.wait(30)
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
