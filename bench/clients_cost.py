"""Redis time the console costs per refresh with many clients connected (a big install's pools): a private
redis-server, N idle client connections, the console refreshing every 2 s for a window; INFO commandstats usec
over every command, per refresh, and CLIENT LIST's share. Figures only."""
import resource
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
            argv = [bin_, "--pg", f"host=127.0.0.1 port={pg_port} user=postgres dbname=sentry", "--redis",
                    f"redis://127.0.0.1:{port}/0", "--interval", "2"]
            r = pty_run(argv, 120, 40)
            r.pump(4)
            before = commandstats_usec(port)
            r.pump(seconds)
            after = commandstats_usec(port)
            r.stop()
            holder.stdin.close()
            holder.wait()
            refreshes = seconds / 2
            delta = {k: (after[k][0] - before.get(k, (0, 0))[0], after[k][1] - before.get(k, (0, 0))[1]) for k in after}
            delta.pop("info", None)  # this script's own INFO calls (the console's INFO is ~0.05 ms)
            total_ms = sum(u for _, u in delta.values()) / 1000 / refreshes
            cl_calls, cl_usec = delta.get("client|list", (0, 0))
            rows.append([f"{n:,}", f"{total_ms:.2f}", f"{cl_calls / refreshes:.2f}",
                         f"{(cl_usec / cl_calls / 1000) if cl_calls else 0:.2f}", f"{cl_usec / 1000 / refreshes:.2f}"])
    finally:
        server.terminate()
        server.wait()
    table(["idle clients", "Redis ms / refresh (mean, all commands)", "CLIENT LIST / refresh", "ms per CLIENT LIST",
           "CLIENT LIST ms / refresh"], rows)
    return rows
