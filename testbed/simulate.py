"""Sentry-shaped traffic against a real PostgreSQL and real Celery workers, driven by a scenario file.

Each second it enqueues pipeline tasks through Celery (the workers consume them for real), writes events to
nodestore_node (id = md5("project_id:event_id"), data = base64(zlib(JSON))), creates issues now and then
(realistic levels, platforms, culprits and messages, some hostile: escapes, bidi, CJK, emoji, very long),
counts their events in Sentry's Redis buffer (b:k:sentry.group:<md5> i+times_seen, pending keys in the b:p
ZSET) and flushes it into times_seen every 10 s as Sentry's process_pending does, bumps last_seen, regresses
resolved issues, and keeps Sentry-like connection patterns alive
(an idle pool, an idle-in-transaction session, periodic long queries and lock waits).

Scenarios (write one word into $SC_VAR/scenario, or use `scripts/testbed scenario NAME`):
  steady          20 tasks/s, a 20 s burst of 80/s every 2 minutes (the first one 10 s after start)
  burst           80 tasks/s: the backlog builds
  stalled         workers SIGSTOPped: the backlog grows with no consumer (SIGCONT when leaving)
  db-storm        idle connections up to ~90 % of max_connections
  runaway-issue   one issue floods: +300 events/s
"""
import argparse
import base64
import hashlib
import json
import os
import random
import signal
import threading
import time
import uuid
import zlib

import psycopg
import redis

from testbed.queues import PIPELINE
from testbed.sentry_kwargs import kwargs_for

MESSAGES = [
    "KeyError: 'user_id'", "TimeoutError: upstream took too long", "ConnectionResetError: [Errno 104] reset by peer",
    "TypeError: Cannot read properties of undefined (reading 'id')", "IntegrityError: duplicate key value",
    "NullPointerException in CheckoutService.total", "OperationalError: could not connect to server",
]
HOSTILE = [
    "\x1b[31mRED ALERT\x1b[0m \x07 bell and \x1b]0;pwned\x07 title", "evil\u202eexe.txt invoice",
    "数据库连接失败 😱 接続エラー", "ValueError: " + "very long message " * 40, "\x1b[2J\x1b[Hscreen wiped?",
]
CULPRITS = ["app.views.checkout", "api/handlers.py in process_order", "src/components/Cart.tsx in render",
            "com.acme.billing.InvoiceJob.run", "worker.tasks.send_email"]
LEVELS = [40] * 6 + [30] * 2 + [50, 20]
PLATFORMS = ["python", "javascript", "java", "cocoa", "go"]


class Simulator:
    def __init__(self, dsn, var, worker_pidfiles, celery_app):
        self.dsn = dsn
        self.var = var
        self.pidfiles = worker_pidfiles
        self.app = celery_app
        self.db = psycopg.connect(dsn, autocommit=True, application_name="sentry-web")
        self.stopped_workers = False
        self.storm = []
        self.patterns = []
        self.running = True
        self.runaway_id = None
        # Sentry's buffer lives in the broker's Redis (self-hosted: db 0).
        self.redis = redis.Redis.from_url(celery_app.conf.broker_url)
        self.buffered = {}  # buffer key -> issue id (Sentry keeps the filters pickled in the hash's `f`)

    def scenario(self):
        try:
            with open(os.path.join(self.var, "scenario")) as f:
                return f.read().strip() or "steady"
        except FileNotFoundError:
            return "steady"

    # --- workers -----------------------------------------------------------------------------------------
    def worker_pids(self):
        pids = []
        for path in self.pidfiles:
            try:
                pid = int(open(path).read().strip())
            except (OSError, ValueError):
                continue
            pids.append(pid)
            for entry in os.listdir("/proc"):
                if entry.isdigit():
                    try:
                        ppid = int(open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()[1])
                    except (OSError, IndexError, ValueError):
                        continue
                    if ppid == pid:
                        pids.append(int(entry))
        return pids

    def set_workers_stopped(self, stop):
        if stop == self.stopped_workers:
            return
        for pid in self.worker_pids():
            try:
                os.kill(pid, signal.SIGSTOP if stop else signal.SIGCONT)
            except ProcessLookupError:
                pass
        self.stopped_workers = stop

    # --- database connection patterns ----------------------------------------------------------------------
    def start_patterns(self):
        pool = [psycopg.connect(self.dsn, application_name="sentry-web-pool") for _ in range(4)]
        for c in pool:
            c.execute("SELECT 1")
            c.commit()
        leaky = psycopg.connect(self.dsn, application_name="sentry-worker")
        leaky.execute("SELECT count(*) FROM sentry_project")  # transaction left open: idle in transaction
        self.patterns = pool + [leaky]
        threading.Thread(target=self.long_queries, daemon=True).start()
        threading.Thread(target=self.lock_waits, daemon=True).start()

    def long_queries(self):
        with psycopg.connect(self.dsn, autocommit=True, application_name="sentry-cleanup") as c:
            while self.running:
                time.sleep(30)
                c.execute("SELECT pg_sleep(20), count(*) FROM sentry_groupedmessage")

    def lock_waits(self):
        holder = psycopg.connect(self.dsn, application_name="sentry-web")
        waiter = psycopg.connect(self.dsn, autocommit=True, application_name="sentry-worker")
        while self.running:
            time.sleep(45)
            holder.execute("SELECT id FROM sentry_project WHERE id = 1 FOR UPDATE")
            t = threading.Thread(target=lambda: waiter.execute("UPDATE sentry_project SET platform = platform WHERE id = 1"))
            t.start()
            time.sleep(15)
            holder.commit()
            t.join()

    def set_storm(self, on):
        if on and not self.storm:
            max_conn = int(self.db.execute("SHOW max_connections").fetchone()[0])
            used = self.db.execute("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'").fetchone()[0]
            for _ in range(max(0, int(max_conn * 0.9) - used)):
                try:
                    self.storm.append(psycopg.connect(self.dsn, application_name="sentry-web-storm"))
                except psycopg.OperationalError:
                    break
        elif not on and self.storm:
            for c in self.storm:
                c.close()
            self.storm = []

    # --- writes -------------------------------------------------------------------------------------------
    def new_issue(self, hostile=False):
        message = random.choice(HOSTILE if hostile else MESSAGES)
        return self.db.execute(
            """INSERT INTO sentry_groupedmessage (project_id, logger, level, message, view, platform, status, substatus,
                   times_seen, first_seen, last_seen, active_at, short_id, data, type)
               SELECT p, '', %s, %s, %s, %s, 0, 7, 1, now(), now(), now(),
                      (SELECT coalesce(max(short_id), 0) + 1 FROM sentry_groupedmessage WHERE project_id = p), '{}', 1
               FROM (SELECT (1 + floor(random() * 3))::bigint AS p) x RETURNING id, project_id""",
            (random.choice(LEVELS), message, random.choice(CULPRITS), random.choice(PLATFORMS))).fetchone()

    def events(self, n, issue=None):
        """n events of one issue: nodestore rows shaped like Sentry's (project, title, culprit, exception,
        frames, tags), then the issue's times_seen/last_seen bumped as Sentry's buffer flush would."""
        def frame(culprit):
            # Python culprits are dotted paths; JavaScript ones read "file in function".
            if " in " in culprit:
                path, _, function = culprit.partition(" in ")
                return {"function": function, "filename": path, "lineno": 120}
            module, _, function = culprit.rpartition(".")
            return {"function": function or "handler", "filename": module.replace(".", "/") + ".py", "lineno": 120}

        issue = issue or self.random_issue()
        project, message, culprit = self.db.execute(
            "SELECT project_id, message, coalesce(view, '') FROM sentry_groupedmessage WHERE id = %s", (issue,)).fetchone()
        etype, _, evalue = message.partition(": ")
        rows = []
        for _ in range(n):
            event_id = uuid.uuid4().hex
            payload = json.dumps({
                "event_id": event_id, "project": project, "level": "error", "title": message, "culprit": culprit,
                "exception": {"values": [{"type": etype if evalue else "Error", "value": evalue or message,
                                          "stacktrace": {"frames": [
                                              {"function": "dispatch", "filename": "app/wsgi.py", "lineno": 41},
                                              frame(culprit)]}}]},
                "tags": [["environment", "production"], ["server_name", f"web-{random.randrange(4)}"]]})
            data = base64.b64encode(zlib.compress(payload.encode())).decode()
            rows.append((hashlib.md5(f"{project}:{event_id}".encode()).hexdigest(), data))
        with self.db.cursor() as cur:
            cur.executemany("INSERT INTO nodestore_node (id, data, timestamp) VALUES (%s, %s, now())", rows)
            cur.execute("UPDATE sentry_groupedmessage SET last_seen = now() WHERE id = %s", (issue,))
        self.buffer_incr(issue, n)

    @staticmethod
    def buffer_key(issue):
        """RedisBuffer._make_key(Group, {"id": issue}): the md5 of the sorted filters, values as Python bytes."""
        raw = "&".join(f"{k}={str(v).encode()}" for k, v in sorted({"id": issue}.items()))
        return "b:k:sentry.group:" + hashlib.md5(raw.encode()).hexdigest()

    def buffer_incr(self, issue, n):
        """buffer.incr(Group, {"times_seen": n}, {"id": issue}): HINCRBY the pending count, mark the key pending."""
        key = self.buffer_key(issue)
        self.buffered[key] = issue
        pipe = self.redis.pipeline(transaction=False)
        pipe.hincrby(key, "i+times_seen", n)
        pipe.hset(key, "m", "sentry.models.group.Group")
        pipe.expire(key, 3600)
        pipe.zadd("b:p", {key: time.time()})
        pipe.execute()

    def buffer_flush(self):
        """process_pending + process_incr: take each pending key's count and delete it atomically, then add it to
        times_seen (between the two, the count is in neither place, as in Sentry)."""
        for key, issue in list(self.buffered.items()):
            pipe = self.redis.pipeline(transaction=True)
            pipe.hget(key, "i+times_seen")
            pipe.delete(key)
            pipe.zrem("b:p", key)
            pending = int(pipe.execute()[0] or 0)
            del self.buffered[key]
            if pending:
                self.db.execute("UPDATE sentry_groupedmessage SET times_seen = times_seen + %s WHERE id = %s",
                                (pending, issue))

    def random_issue(self):
        return self.db.execute("SELECT id FROM sentry_groupedmessage WHERE status = 0 ORDER BY random() LIMIT 1").fetchone()[0]

    def regress(self):
        self.db.execute("""UPDATE sentry_groupedmessage SET status = 0, substatus = 6, active_at = now(), last_seen = now()
                           WHERE id = (SELECT id FROM sentry_groupedmessage WHERE status = 1 LIMIT 1)""")

    def produce(self, task, n, project=None, group=None):
        """n tasks with Sentry's kwargs: one project (and issue) when given, else spread over projects 1-3."""
        if n <= 0:
            return
        group = group or self.random_issue()
        with self.app.producer_or_acquire() as producer:
            for _ in range(n):
                kwargs = kwargs_for(task, project or random.randint(1, 3), group)
                self.app.send_task(task, kwargs=kwargs, producer=producer)

    # --- the loop ----------------------------------------------------------------------------------------
    def tick(self, t):
        sc = self.scenario()
        self.set_workers_stopped(sc == "stalled")
        self.set_storm(sc == "db-storm")
        rate = 20
        if sc == "burst" or (sc == "steady" and 10 <= t % 120 < 30):
            rate = 80
        self.produce("sentry.tasks.store.save_event", rate)
        self.produce("sentry.tasks.post_process.post_process_group", rate // 2)
        if t % 10 == 0:
            self.produce("sentry.tasks.process_buffer.process_pending", 1)
            self.buffer_flush()
        if sc == "runaway-issue":
            if self.runaway_id is None:
                self.runaway_id, self.runaway_project = self.new_issue()
            self.events(300, self.runaway_id)
            # Its events go through the pipeline too: one project's kwargs flood save_event and post_process.
            self.produce("sentry.tasks.store.save_event", 120, self.runaway_project)
            self.produce("sentry.tasks.post_process.post_process_group", 120, self.runaway_project, self.runaway_id)
        self.events(rate)
        if random.random() < 0.2:
            self.new_issue(hostile=random.random() < 0.2)
        if random.random() < 0.02:
            self.regress()

    def run(self, seconds):
        self.start_patterns()
        start = time.monotonic()
        t = 0
        while self.running and (seconds <= 0 or t < seconds):
            self.tick(t)
            t += 1
            time.sleep(max(0, start + t - time.monotonic()))

    def stop(self, *_):
        self.running = False
        self.set_workers_stopped(False)

    def close(self):
        """After the loop: the buffer is flushed, so times_seen is complete and no key of ours is left pending."""
        self.buffer_flush()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dsn", default=os.environ.get("SENTRY_CONSOLE_TEST_PG"))
    p.add_argument("--var", default=os.environ.get("SC_VAR", ".var/test"))
    p.add_argument("--pidfile", action="append", default=[], help="worker pidfile (for the stalled scenario)")
    p.add_argument("--seconds", type=int, default=0, help="stop after N seconds (0 = until SIGTERM)")
    a = p.parse_args()
    from testbed.sentry_app import app
    sim = Simulator(a.dsn, a.var, a.pidfile, app)
    signal.signal(signal.SIGTERM, lambda *_: sim.stop())
    signal.signal(signal.SIGINT, lambda *_: sim.stop())
    try:
        sim.run(a.seconds)
    finally:
        sim.stop()
        sim.close()


if __name__ == "__main__":
    main()
