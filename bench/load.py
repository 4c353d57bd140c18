"""Load for the benchmark: Sentry-shaped datasets at scale (fixtures/large.sql, set-wise), a pool of real
client connections in the three states that matter, and Redis queues (10 … 1,000, or one with 1 M messages)."""
import os
import subprocess
import threading
import time

PSQL = os.environ.get("SENTRY_CONSOLE_TEST_PSQL", "psql")


def psql(conninfo, sql):
    return subprocess.run([PSQL, "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", conninfo, "-c", sql],
                          check=True, capture_output=True, text=True).stdout.strip()


def dataset(base, issues, nodestore, fixtures):
    """A database with `issues` issues over 200 projects and `nodestore` nodestore rows; reused when it
    already has those counts. Returns (conninfo, seconds spent building)."""
    name = f"sc_bench_{issues}_{nodestore}"
    conn = f"{base} dbname={name}"
    if psql(f"{base} dbname=postgres", f"SELECT count(*) FROM pg_database WHERE datname = '{name}'") == "1":
        try:
            if psql(conn, "SELECT count(*) FROM sentry_groupedmessage") == str(issues) and \
               psql(conn, "SELECT count(*) FROM nodestore_node") == str(nodestore):
                return conn, 0.0
        except subprocess.CalledProcessError:
            pass
    psql(f"{base} dbname=postgres", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    psql(f"{base} dbname=postgres", f"CREATE DATABASE {name}")
    t = time.monotonic()
    subprocess.run([PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-v", f"issues={issues}", "-v", f"nodestore={nodestore}",
                    conn, "-c", "CREATE EXTENSION IF NOT EXISTS pg_stat_statements",
                    "-f", f"{fixtures}/sentry-schema.sql", "-f", f"{fixtures}/large.sql"], check=True, capture_output=True)
    psql(conn, "VACUUM ANALYZE")
    return conn, time.monotonic() - t


def roles(base, db_conn, names=("sc_console", "sc_pgactivity")):
    """Login roles for the console and pg_activity (pg_monitor, read access), so pg_stat_statements tells
    their statements apart."""
    for role in names:
        psql(f"{base} dbname=postgres", f"DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') "
             f"THEN CREATE ROLE {role} LOGIN; END IF; END$$")
        psql(f"{base} dbname=postgres", f"GRANT pg_monitor TO {role}")
        psql(db_conn, f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")


class ClientLoad:
    """`idle` idle sessions, `idle_tx` sessions idle in an open transaction, `active` sessions running
    `pg_sleep` in a loop — real backends in pg_stat_activity."""

    def __init__(self, conninfo, idle, idle_tx, active):
        import psycopg  # only the load needs it (bench venv); dataset() runs with any python3
        self.psycopg = psycopg
        self.conns = []
        self.stop_flag = threading.Event()
        for i in range(idle + idle_tx):
            c = psycopg.connect(conninfo, application_name="bench-idle" if i < idle else "bench-idle-tx", autocommit=(i < idle))
            if i >= idle:
                c.execute("SELECT 1")  # opens the transaction and leaves it open
            self.conns.append(c)
        self.threads = []
        for _ in range(active):
            c = psycopg.connect(conninfo, application_name="bench-active", autocommit=True)
            self.conns.append(c)
            t = threading.Thread(target=self._busy, args=(c,), daemon=True)
            t.start()
            self.threads.append(t)

    def _busy(self, c):
        while not self.stop_flag.is_set():
            try:
                c.execute("SELECT pg_sleep(0.5)")
            except self.psycopg.Error:
                return

    def close(self):
        self.stop_flag.set()
        for t in self.threads:
            t.join(timeout=2)
        for c in self.conns:
            try:
                c.close()
            except self.psycopg.Error:
                pass


def redis_cli(port, *args):
    return subprocess.run(["redis-cli", "-p", str(port), *args], check=True, capture_output=True, text=True).stdout


def redis_queues(port, n, messages_in_first=1):
    """FLUSHALL, then `n` kombu queues declared in `_kombu.binding.bench`, each with one message, and
    `messages_in_first` messages in q1 (pushed server-side in batches)."""
    redis_cli(port, "FLUSHALL")
    redis_cli(port, "EVAL", "for i=1,tonumber(ARGV[1]) do "
              "redis.call('SADD', KEYS[1], 'q'..i..'\\6\\22\\6\\22q'..i); "
              "redis.call('RPUSH', 'q'..i, '{\"headers\": {\"task\": \"bench.task\"}}') end", "1", "_kombu.binding.bench", str(n))
    left = messages_in_first - 1
    while left > 0:
        batch = min(left, 100_000)
        redis_cli(port, "EVAL", "for i=1,tonumber(ARGV[1]),1000 do local b = {} "
                  "for j=1,math.min(1000, tonumber(ARGV[1])-i+1) do b[j] = '{\"headers\": {\"task\": \"bench.bulk\"}}' end "
                  "redis.call('RPUSH', KEYS[1], unpack(b)) end", "1", "q1", str(batch))
        left -= batch


def commandstats_usec(port):
    """INFO commandstats as {command: (calls, usec)}."""
    out = {}
    for line in redis_cli(port, "INFO", "commandstats").splitlines():
        if line.startswith("cmdstat_"):
            name, rest = line[8:].split(":", 1)
            fields = dict(kv.split("=") for kv in rest.split(","))
            out[name] = (int(fields["calls"]), int(fields["usec"]))
    return out


def commandstats(port):
    """INFO commandstats as {command: calls}."""
    return {k: calls for k, (calls, _) in commandstats_usec(port).items()}


def role_cost(psql_fn, conn, role, refreshes, width=60):
    """pg_stat_statements for one login role in this database: (statements / refresh, server ms / refresh,
    slowest statement ms, heaviest statement "mean ms × calls: text")."""
    stats = psql_fn(conn, f"SELECT coalesce(sum(calls), 0), coalesce(round(sum(total_exec_time)::numeric, 2), 0), "
                          f"coalesce(round(max(max_exec_time)::numeric, 2), 0) FROM pg_stat_statements "
                          f"WHERE userid = '{role}'::regrole AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())")
    calls, total, worst = stats.split("|")
    top = psql_fn(conn, f"SELECT round(mean_exec_time::numeric, 2) || ' ms × ' || calls || ': ' || "
                        f"regexp_replace(left(query, {width}), '\\s+', ' ', 'g') FROM pg_stat_statements "
                        f"WHERE userid = '{role}'::regrole ORDER BY total_exec_time DESC LIMIT 1")
    return f"{int(calls) / refreshes:.1f}", f"{float(total) / refreshes:.2f}", worst, top.replace("|", "/")


def roles_cost(psql_fn, conn, tools, seconds, pty_run, width=60):
    """The console and pg_activity in turn on `conn`'s database, each under its own role for `seconds`:
    [(program, role_cost(...))]."""
    db = conn.split("dbname=")[1]
    out = []
    for name, role in (("sentry-console", "sc_console"), ("pg_activity", "sc_pgactivity")):
        psql_fn(conn, "SELECT pg_stat_statements_reset()")
        argv, _ = tools(db=db, user=role)[name]
        r = pty_run(argv, 120, 40)
        r.pump(seconds)
        r.stop()
        out.append((name, role_cost(psql_fn, conn, role, seconds / 2, width)))
    return out

