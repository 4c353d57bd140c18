"""A big install's Postgres: N client backends in mixed states (60 % idle, 30 % idle in transaction, 10 % running
`pg_sleep` in a loop), held by child processes of at most 500 connections each; the console and pg_activity in
turn, each under its own login role, with `pg_stat_statements` by role. Server time per refresh, statements per
refresh and the heaviest statement. Figures only."""
import subprocess
import sys
import time

# One child: `n` connections of the given split, held until stdin closes (psycopg from the bench venv).
HOLDER = """
import sys, threading, psycopg
conninfo, idle, idle_tx, active = sys.argv[1], *map(int, sys.argv[2:5])
conns, stop = [], threading.Event()
for i in range(idle + idle_tx):
    c = psycopg.connect(conninfo, application_name="bench-idle" if i < idle else "bench-idle-tx", autocommit=i < idle)
    if i >= idle:
        c.execute("SELECT 1")
    conns.append(c)
def busy(c):
    while not stop.is_set():
        try:
            c.execute("SELECT pg_sleep(0.5)")
        except psycopg.Error:
            return
for _ in range(active):
    c = psycopg.connect(conninfo, application_name="bench-active", autocommit=True)
    conns.append(c)
    threading.Thread(target=busy, args=(c,), daemon=True).start()
print("ready", flush=True)
sys.stdin.read()
stop.set()
"""


def hold(conninfo, n):
    """Child processes holding `n` backends; returns them (close their stdin to release)."""
    children, left = [], n
    while left > 0:
        k = min(500, left)
        split = (k * 6 // 10, k * 3 // 10, k - k * 6 // 10 - k * 3 // 10)
        p = subprocess.Popen([sys.executable, "-c", HOLDER, conninfo, *map(str, split)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
        p.stdout.readline()
        children.append(p)
        left -= k
    return children


def backends_cost(say, table, psql, conn, tools, counts, seconds, pty_run):
    from load import roles_cost
    say("## Database cost per refresh with many backends (pg_stat_statements by role; 60 % idle, 30 % idle in "
        "transaction, 10 % active)")
    say()
    max_conn = psql(conn, "SHOW max_connections")
    rows = []
    for n in counts:
        children = hold(conn, n)
        try:
            total_backends = psql(conn, "SELECT count(*) FROM pg_stat_activity")
            for name, cost in roles_cost(psql, conn, tools, seconds, pty_run, 50):
                rows.append([f"{n:,}", total_backends, max_conn, name, *cost])
        finally:
            for p in children:
                p.stdin.close()
            for p in children:
                p.wait()
    table(["client backends", "pg_stat_activity rows", "max_connections", "program", "statements / refresh",
           "server ms / refresh", "slowest statement ms", "heaviest statement (mean × calls)"], rows)
    return rows
