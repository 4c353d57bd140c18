#!/usr/bin/env python3
"""The benchmark suite (run it through bench/run, which sets up servers, data and peers): sentry-console side
by side with pg_activity and htop in the same run, on the same live data, each in its own pseudo-terminal.
Prints markdown tables and writes them to bench/out/results.md. Figures only: nothing here asserts.

Sections: terminal bytes/CPU/RSS (120×40, 80×24), full repaint and resize bytes, time to the first complete
frame, keystroke-to-screen latency with a hung or slow source, database cost per refresh at scale
(pg_stat_statements, per role), Redis commands and round trips per refresh (10/100/1,000 queues, 1 M messages),
recording size and CPU, seeking a day-long recording.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from attribution_cost import attribution_cost  # noqa: E402
from backends_cost import backends_cost  # noqa: E402
from clients_cost import clients_cost  # noqa: E402
from exporter_cost import exporter_cost  # noqa: E402
from load import ClientLoad, commandstats, dataset, psql, redis_queues, roles, roles_cost  # noqa: E402
from proxy import HangProxy, SlowProxy  # noqa: E402
from recording_cost import recording_cost  # noqa: E402
from ptyrun import PtyRun  # noqa: E402

ENV = os.environ
BIN = ENV.get("BENCH_BIN", ".build/release/sentry-console")
PG_BASE = ENV["BENCH_PG_BASE"]  # host=… port=… user=postgres
PG_PORT = ENV["BENCH_PG_PORT"]
REDIS_PORT = ENV["BENCH_REDIS_PORT"]
PG_ACTIVITY = ENV["BENCH_PG_ACTIVITY"]
FIXTURES = ENV.get("SENTRY_CONSOLE_FIXTURES", os.path.join(os.path.dirname(__file__), "..", "fixtures"))
OUT = []


def say(line=""):
    print(line, flush=True)
    OUT.append(line)


def table(header, rows):
    say("| " + " | ".join(header) + " |")
    say("|" + "---|" * len(header))
    for r in rows:
        say("| " + " | ".join(str(c) for c in r) + " |")
    say()


def tools(db="sentry", user="postgres", pg_port=None, redis=None, interval=2):
    port = pg_port or PG_PORT
    redis = redis or f"redis://127.0.0.1:{REDIS_PORT}/0"
    return {
        "sentry-console": ([BIN, "--pg", f"host=127.0.0.1 port={port} user={user} dbname={db}", "--redis", redis,
                            "--interval", str(interval)],
                           lambda t: "PG 1" in t and "waiting in" in t),
        "pg_activity": ([PG_ACTIVITY, "--refresh", str(interval), "-h", "127.0.0.1", "-p", str(port), "-U", user, "-d", db],
                        lambda t: "PID" in t and "PostgreSQL" in t),
        "htop": (["htop", "-d", str(int(interval * 10))], lambda t: "PID" in t and "Load average" in t),
    }


def terminal(seconds, settle):
    say("## Terminal, CPU and memory (same live data, 2 s refresh)")
    say()
    rows = []
    for cols, lines in ((120, 40), (80, 24)):
        for name, (argv, complete) in tools().items():
            r = PtyRun(argv, cols, lines)
            ready = r.pump(settle, until=complete)
            if ready is not None:
                r.pump(max(0.0, settle - (time.monotonic() - r.started)))
            t0 = time.monotonic()
            cpu0, _ = r.usage()
            r.pump(seconds)
            t1 = time.monotonic()
            cpu1, rss = r.usage()
            steady = r.bytes_between(t0, t1) / (t1 - t0)
            first = r.bytes_between(r.started, r.started + settle)
            r.send(b"\x0c")
            t2 = time.monotonic()
            r.pump(1.5)
            repaint = r.bytes_between(t2, time.monotonic())
            r.resize(cols - 20, lines - 6)
            t3 = time.monotonic()
            r.pump(1.5)
            resize = r.bytes_between(t3, time.monotonic())
            r.stop()
            rows.append([f"{cols}×{lines}", name, f"{(r.first_output or 0) * 1000:.0f}",
                         "—" if ready is None else f"{ready * 1000:.0f}", f"{first:,}", f"{steady:,.0f}",
                         f"{repaint:,}", f"{resize:,}", f"{(cpu1 - cpu0) / (t1 - t0) * 100:.2f}", f"{rss:.1f}"])
    table(["size", "program", "first byte ms", "first complete frame ms", f"bytes in first {settle:.0f} s",
           "steady B/s", "Ctrl-L repaint B", "resize B", "CPU % of a core", "peak RSS MiB"], rows)
    return rows


def latency(presses):
    say("## Keystroke → screen while a source hangs or is slow (sentry-console, `?` toggles help)")
    say()
    hang = HangProxy()
    slow = SlowProxy(int(PG_PORT), 0.3)
    cases = [
        ("both sources healthy", {}),
        ("Postgres hangs (accepts, never answers)", {"pg_port": hang.port}),
        ("Redis hangs", {"redis": f"redis://127.0.0.1:{hang.port}/0"}),
        ("Postgres slow (+300 ms per packet each way)", {"pg_port": slow.port}),
    ]
    rows = []
    for label, kw in cases:
        argv, _ = tools(**kw)["sentry-console"]
        r = PtyRun(argv, 120, 40)
        r.pump(4)
        samples = r.keystrokes(presses)
        r.stop()
        samples.sort()
        p95 = samples[max(0, int(len(samples) * 0.95) - 1)] if samples else float("nan")
        rows.append([label, len(samples), f"{statistics.median(samples):.1f}" if samples else "—", f"{p95:.1f}",
                     f"{max(samples):.1f}" if samples else "—"])
    hang.close()
    slow.close()
    table(["condition", "presses answered", "median ms", "p95 ms", "max ms"], rows)
    return rows


def database(sizes, connections, seconds):
    say(f"## Database cost per refresh (pg_stat_statements by role; {sum(connections)} client connections: "
        f"{connections[0]} idle, {connections[1]} idle in transaction, {connections[2]} active)")
    say()
    rows = []
    for issues, nodestore in sizes:
        conn, built = dataset(PG_BASE, issues, nodestore, FIXTURES)
        if built:
            say(f"_built {issues:,} issues / {nodestore:,} nodestore rows in {built:.0f} s_")
            say()
        roles(PG_BASE, conn)
        load = ClientLoad(conn, *connections)
        try:
            for name, cost in roles_cost(psql, conn, tools, seconds, PtyRun):
                rows.append([f"{issues:,}", f"{nodestore:,}", name, *cost])
        finally:
            load.close()
    table(["issues", "nodestore rows", "program", "statements / refresh", "server ms / refresh", "slowest statement ms",
           "heaviest statement (mean × calls)"], rows)
    return rows


def redis_cost(counts, big, seconds):
    say("## Redis cost per refresh (a private redis-server; INFO commandstats deltas)")
    say()
    port = ENV["BENCH_REDIS_PRIVATE_PORT"]
    server = subprocess.Popen(["redis-server", "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                              stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    rows = []
    try:
        for n, first in [(c, 1) for c in counts] + [(1, big)]:
            redis_queues(port, n, first)
            url = f"redis://127.0.0.1:{port}/0"
            argv = [BIN, "--pg", f"host=127.0.0.1 port={PG_PORT} user=postgres dbname=sentry", "--redis", url,
                    "--no-sentry-queues", "--interval", "1"]
            r = PtyRun(argv, 80, 24)
            r.pump(3)
            before = commandstats(port)
            r.pump(seconds)
            after = commandstats(port)
            r.stop()
            delta = {k: after.get(k, 0) - before.get(k, 0) for k in after}
            delta["info"] = delta.get("info", 0) - 1  # the `before` INFO of this script
            # One `HLEN unacked` per refresh (LLEN per refresh varies: empty sub-lists are read on full polls only).
            refreshes = delta.get("hlen", 0)
            per = {k: v / refreshes for k, v in delta.items() if v > 0} if refreshes else {}
            ms = []
            trips = []
            for _ in range(5):
                out = subprocess.run([BIN, "snapshot", "--json", "--samples", "3", "--no-sentry-queues", "--redis", url,
                                      "--pg", f"host=127.0.0.1 port={PG_PORT} user=postgres dbname=sentry"],
                                     capture_output=True, text=True).stdout
                snap = json.loads(out)["redis"]
                ms.append(snap["pipelineMs"])
                trips.append(snap["roundTrips"])
            label = f"{n:,} queues" if first == 1 else f"1 queue, {first:,} messages"
            rows.append([label, f"{refreshes:.0f}", f"{sum(per.values()):.0f}",
                         ", ".join(f"{k.replace('|', ' ')} {v:.0f}" for k, v in sorted(per.items(), key=lambda kv: -kv[1])[:6]),
                         max(trips), f"{statistics.median(ms):.2f}"])
    finally:
        server.terminate()
        server.wait()
    table(["queues", "refreshes seen", "commands / refresh", "by command", "round trips (steady)", "pipeline ms (median)"], rows)
    return rows


def soak(minutes):
    say(f"## Soak: the console at 120×40 for {minutes:g} min on the live data (2 s refresh), RSS every minute")
    say()
    argv, _ = tools()["sentry-console"]
    r = PtyRun(argv, 120, 40)
    r.pump(10)
    samples = []
    start = time.monotonic()
    for minute in range(int(minutes) + 1):
        r.pump(max(0.0, start + 60 * minute - time.monotonic()))
        pid_status = open(f"/proc/{r.pid}/status").read()
        rss = next(int(l.split()[1]) for l in pid_status.splitlines() if l.startswith("VmRSS:")) / 1024
        cpu, hwm = r.usage()
        samples.append((minute, rss, hwm, cpu))
        if minute % 10 == 0:
            say(f"_minute {minute}: RSS {rss:.1f} MiB, peak {hwm:.1f} MiB, CPU {cpu:.1f} s_")
            say()
    r.stop()
    first_rss = samples[1][1] if len(samples) > 1 else samples[0][1]
    last = samples[-1]
    cpu_pct = 100 * (last[3] - samples[0][3]) / max(1, 60 * last[0])
    table(["minutes", "RSS after 1 min MiB", "RSS at the end MiB", "growth MiB", "growth per hour MiB", "peak MiB",
           "CPU % of a core"],
          [[last[0], f"{first_rss:.1f}", f"{last[1]:.1f}", f"{last[1] - first_rss:+.2f}",
            f"{(last[1] - first_rss) * 60 / max(1, last[0] - 1):+.2f}", f"{last[2]:.1f}", f"{cpu_pct:.2f}"]])
    say()
    say("RSS by minute: " + ", ".join(f"{rss:.1f}" for _, rss, _, _ in samples))
    say()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="small data, short runs: keeps the scripts working (CI smoke)")
    p.add_argument("--seconds", type=float, default=30, help="steady-state window per program")
    p.add_argument("--sizes", default="100000:1000000,1000000:10000000,10000000:10000000",
                   help="issues:nodestore datasets for the database section")
    p.add_argument("--only",
                   default="terminal,latency,database,redis,exporter,attribution,clients,backends,recording")
    p.add_argument("--soak-minutes", type=float, default=60, help="length of the soak (only with --only soak)")
    a = p.parse_args()
    only = set(a.only.split(","))
    seconds = 6 if a.quick else a.seconds
    settle = 4 if a.quick else 6
    sizes = [(20000, 100000)] if a.quick else [tuple(int(x) for x in s.split(":")) for s in a.sizes.split(",")]
    connections = (30, 15, 5) if a.quick else (300, 150, 50)
    say(f"# sentry-console benchmark — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    say()
    say(f"`bench/run{' --quick' if a.quick else ''}` · {os.uname().machine}, {os.cpu_count()} CPUs · "
        f"{subprocess.run([BIN, '--version'], capture_output=True, text=True).stdout.strip() or 'sentry-console'} · "
        f"{subprocess.run([PG_ACTIVITY, '--version'], capture_output=True, text=True).stdout.strip()} · "
        f"{subprocess.run(['htop', '--version'], capture_output=True, text=True).stdout.splitlines()[0]} · "
        f"PostgreSQL {psql(PG_BASE + ' dbname=postgres', 'SHOW server_version')} · "
        f"Redis {subprocess.run(['redis-server', '--version'], capture_output=True, text=True).stdout.split()[2].removeprefix('v=')}")
    say()
    if "terminal" in only:
        terminal(seconds, settle)
    if "latency" in only:
        latency(8 if a.quick else 30)
    if "database" in only:
        database(sizes, connections, 10 if a.quick else 20)
    if "redis" in only:
        redis_cost([10, 100] if a.quick else [10, 100, 1000], 10_000 if a.quick else 1_000_000, 4 if a.quick else 10)
    if "clients" in only:
        clients_cost(say, table, BIN, PG_PORT, ENV["BENCH_REDIS_PRIVATE_PORT"],
                     [500] if a.quick else [1_000, 5_000, 10_000], 6 if a.quick else 60, PtyRun)
    if "backends" in only:
        conn, _ = dataset(PG_BASE, *sizes[0], FIXTURES)
        roles(PG_BASE, conn)
        backends_cost(say, table, psql, conn, tools, [60] if a.quick else [500, 2_000], 10 if a.quick else 20, PtyRun)
    if "attribution" in only:
        attribution_cost(say, table, BIN, PG_PORT, ENV["BENCH_REDIS_PRIVATE_PORT"],
                         [1_000, 10_000] if a.quick else [10_000, 100_000, 1_000_000])
    if "exporter" in only:
        exporter_cost(say, table, BIN, PG_BASE, PG_PORT, REDIS_PORT, ENV["BENCH_REDIS_PRIVATE_PORT"], seconds, PtyRun)
    if "soak" in only:
        soak(a.soak_minutes)
    if "recording" in only:
        recording_cost(say, table, BIN, PG_BASE, REDIS_PORT, 12 if a.quick else 120, settle, PtyRun, a.quick)
    os.makedirs(os.path.join(os.path.dirname(__file__), "out"), exist_ok=True)
    with open(os.path.join(os.path.dirname(__file__), "out", "results.md"), "w") as f:
        f.write("\n".join(OUT) + "\n")


if __name__ == "__main__":
    main()
