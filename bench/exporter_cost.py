"""The exporter side by side with the console: Postgres statements and server time per scrape vs per refresh
(pg_stat_statements by role, the bench's live data), Redis commands per scrape vs per refresh (a private
redis-server with 100 queues, INFO commandstats), and scrape latency on the live data. Figures only."""
import statistics
import subprocess
import time
import urllib.request

from load import commandstats, psql, redis_queues, roles


def _spawn_exporter(bin_, pg, redis, extra=()):
    p = subprocess.Popen([bin_, "exporter", "--listen", "127.0.0.1:0", "--pg", pg, "--redis", redis, *extra],
                         stderr=subprocess.PIPE, text=True)
    line = p.stderr.readline()
    port = int(line.rsplit(":", 1)[1].split("/")[0])
    return p, port


def _scrape(port):
    t = time.monotonic()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=15) as r:
        body = r.read()
    return (time.monotonic() - t) * 1000, len(body)


def _pg_stats(conn, role):
    out = psql(conn, "SELECT coalesce(sum(calls), 0), coalesce(round(sum(total_exec_time)::numeric, 2), 0) "
                     f"FROM pg_stat_statements WHERE userid = '{role}'::regrole "
                     "AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())")
    calls, total = out.split("|")
    return int(calls), float(total)


def exporter_cost(say, table, bin_, pg_base, pg_port, redis_port, private_redis_port, seconds, pty_run):
    say("## Exporter: one scrape next to one console refresh")
    say()
    conn = f"{pg_base} dbname=sentry"
    roles(pg_base, conn, ("sc_console", "sc_exporter"))
    live_redis = f"redis://127.0.0.1:{redis_port}/0"
    rows = []
    # Postgres, live data: the console refreshing every 2 s vs the exporter scraped every 2 s.
    psql(conn, "SELECT pg_stat_statements_reset()")
    r = pty_run([bin_, "--pg", f"host=127.0.0.1 port={pg_port} user=sc_console dbname=sentry", "--redis", live_redis,
                 "--interval", "2"], 120, 40)
    r.pump(seconds)
    r.stop()
    calls, total = _pg_stats(conn, "sc_console")
    console_pg = (calls / (seconds / 2), total / (seconds / 2))
    psql(conn, "SELECT pg_stat_statements_reset()")
    exp, port = _spawn_exporter(bin_, f"host=127.0.0.1 port={pg_port} user=sc_exporter dbname=sentry", live_redis)
    latencies, size = [], 0
    try:
        n = max(3, int(seconds / 2))
        for _ in range(n):
            ms, size = _scrape(port)
            latencies.append(ms)
            time.sleep(2)
        rss = int(open(f"/proc/{exp.pid}/status").read().split("VmHWM:")[1].split()[0]) / 1024
    finally:
        exp.terminate()
        exp.wait()
    calls, total = _pg_stats(conn, "sc_exporter")
    exporter_pg = (calls / n, total / n)
    latencies.sort()
    # Redis, a private server with 100 queues: commands per refresh (console at 1 s) vs per scrape.
    port_s = str(private_redis_port)
    server = subprocess.Popen(["redis-server", "--port", port_s, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                              stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    try:
        redis_queues(port_s, 100, 1)
        url = f"redis://127.0.0.1:{port_s}/0"
        pg = f"host=127.0.0.1 port={pg_port} user=postgres dbname=sentry"
        r = pty_run([bin_, "--pg", pg, "--redis", url, "--no-sentry-queues", "--interval", "1"], 80, 24)
        r.pump(3)
        before = commandstats(port_s)
        r.pump(seconds)
        after = commandstats(port_s)
        r.stop()
        # One `HLEN unacked` per refresh (LLEN per refresh varies: empty sub-lists are read on full polls only).
        refreshes = after.get("hlen", 0) - before.get("hlen", 0)
        console_cmds = (sum(after.values()) - sum(before.values()) - 1) / refreshes if refreshes else float("nan")
        exp, port = _spawn_exporter(bin_, pg, url, ("--no-sentry-queues",))
        try:
            _scrape(port)
            before = commandstats(port_s)
            k = 5
            for _ in range(k):
                time.sleep(1.2)
                _scrape(port)
            after = commandstats(port_s)
        finally:
            exp.terminate()
            exp.wait()
        exporter_cmds = (sum(after.values()) - sum(before.values()) - 1) / k
    finally:
        server.terminate()
        server.wait()
    rows.append(["Postgres statements", f"{console_pg[0]:.1f} / refresh", f"{exporter_pg[0]:.1f} / scrape"])
    rows.append(["Postgres server time", f"{console_pg[1]:.2f} ms / refresh", f"{exporter_pg[1]:.2f} ms / scrape"])
    rows.append(["Redis commands (100 queues)", f"{console_cmds:.0f} / refresh", f"{exporter_cmds:.0f} / scrape"])
    rows.append(["Latency", "—", f"scrape median {statistics.median(latencies):.1f} ms, "
                 f"max {latencies[-1]:.1f} ms ({len(latencies)} scrapes, {size:,} bytes)"])
    rows.append(["Peak RSS", "—", f"{rss:.1f} MiB"])
    table(["cost", "console (watch)", "exporter"], rows)
    return rows
