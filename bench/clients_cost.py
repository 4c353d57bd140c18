"""A big install's Redis: N idle client connections (web and worker pods' pools), a private redis-server with
Sentry's 89 queues, the console refreshing every 2 s on the Overview and then on the Workers screen. Per screen:
Redis time per refresh (INFO commandstats usec, polled every 2 s: median and max of the windows), how many
CLIENT LIST calls the window held and what each cost, the console's CPU, and keystroke → screen. Figures only."""
import resource
import statistics
import subprocess
import sys
import time

from load import commandstats_usec, redis_cli

# N idle connections held by a child process (the benchmark's own fds stay below select()'s 1,024).
HOLDER = """
import resource, socket, sys
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
conns = [socket.create_connection(("127.0.0.1", int(sys.argv[1]))) for _ in range(int(sys.argv[2]))]
print("ready", flush=True)
sys.stdin.read()
"""


def info_ms(port, calls=20):
    """What one plain `INFO` (the console's, every refresh) costs this server, from commandstats."""
    before = commandstats_usec(port).get("info", (0, 0))
    for _ in range(calls):
        redis_cli(port, "INFO")
    after = commandstats_usec(port).get("info", (0, 0))
    # the two `INFO commandstats` calls of this function count too: a slight overestimate
    return (after[1] - before[1]) / 1000 / (after[0] - before[0])


def window(r, port, seconds):
    """Per-2 s Redis ms (every command but INFO) over `seconds`, CLIENT LIST (calls, usec), console CPU s."""
    per, cl_calls, cl_usec = [], 0, 0
    cpu0, _ = r.usage()
    prev = commandstats_usec(port)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        r.pump(2)
        cur = commandstats_usec(port)
        delta = {k: (v[0] - prev.get(k, (0, 0))[0], v[1] - prev.get(k, (0, 0))[1]) for k, v in cur.items()}
        delta.pop("info", None)
        per.append(sum(u for _, u in delta.values()) / 1000)
        cl_calls += delta.get("client|list", (0, 0))[0]
        cl_usec += delta.get("client|list", (0, 0))[1]
        prev = cur
    cpu1, _ = r.usage()
    return per, cl_calls, cl_usec, cpu1 - cpu0


def clients_cost(say, table, bin_, pg_port, port, counts, seconds, pty_run):
    say("## Redis time per refresh with many clients connected (2 s refresh, 89 Sentry queues)")
    say()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    counts = [n for n in counts if n + 100 < hard]
    port = str(port)
    server = subprocess.Popen(["redis-server", "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                               "--maxclients", "20000"], stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    rows = []
    try:
        for n in counts:
            redis_cli(port, "FLUSHALL")
            holder = subprocess.Popen([sys.executable, "-c", HOLDER, port, str(n)], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, text=True)
            holder.stdout.readline()
            info = info_ms(port)
            argv = [bin_, "--pg", f"host=127.0.0.1 port={pg_port} user=postgres dbname=sentry", "--redis",
                    f"redis://127.0.0.1:{port}/0", "--interval", "2"]
            r = pty_run(argv, 120, 40)
            r.pump(4)  # the first sample reads CLIENT LIST once (consumers known from the start)
            for screen, key in (("Overview", None), ("Workers", b"3")):
                if key:
                    r.send(key)
                    r.pump(1)
                per, cl_calls, cl_usec, cpu = window(r, port, seconds)
                keys = r.keystrokes(10)
                if key:
                    r.pump(0.3)
                with_info = [ms + info for ms in per]
                rows.append([f"{n:,}", screen, len(per), f"{statistics.median(with_info):.3f}",
                             f"{max(with_info):.2f}", cl_calls, f"{cl_usec / cl_calls / 1000 if cl_calls else 0:.1f}",
                             f"{cl_usec / 1000 / seconds:.3f}", f"{100 * cpu / seconds:.2f}",
                             f"{statistics.median(keys):.1f} / {max(keys):.1f}" if keys else "—"])
            r.stop()
            holder.stdin.close()
            holder.wait()
    finally:
        server.terminate()
        server.wait()
    table(["idle clients", "screen", "refreshes", "Redis ms / refresh (median, incl. INFO)", "max ms",
           "CLIENT LIST calls in window", "ms per CLIENT LIST", "CLIENT LIST ms / s", "console CPU % of a core",
           "keystroke ms (median / max)"], rows)
    return rows
