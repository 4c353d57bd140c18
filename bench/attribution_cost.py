"""What backlog attribution costs Redis: a private redis-server whose events.save_event holds N copies of a
Sentry-shaped message (pickle protocol 4 of a protocol-1 body with Sentry's kwargs, base64 in kombu's JSON
envelope), sampled by `snapshot` (one refresh: depths plus both ends, K = 100 each). Per sample: LRANGE calls,
Redis time in LRANGE (INFO commandstats usec), bytes read, and the snapshot's wall time. Figures only."""
import base64
import json
import pickle
import statistics
import subprocess
import time

from load import commandstats_usec, redis_cli


def message():
    body = {"task": "sentry.tasks.store.save_event", "id": "4f1c7a2e-0d51-4b8e-9a57-6c1e0b0f3a11", "args": [],
            "kwargs": {"cache_key": "e:5d8b6f0e9a7c4e21b3f0a1c2d3e4f5a6:42", "data": None, "start_time": time.time(),
                       "event_id": "5d8b6f0e9a7c4e21b3f0a1c2d3e4f5a6", "project_id": 42},
            "group": None, "retries": 0, "eta": None, "expires": None, "utc": True, "callbacks": None,
            "errbacks": None, "timelimit": (None, None), "taskset": None, "chord": None}
    env = {"body": base64.b64encode(pickle.dumps(body, protocol=4)).decode(), "content-encoding": "binary",
           "content-type": "application/x-python-serialize", "headers": {},
           "properties": {"body_encoding": "base64", "delivery_tag": "bench", "priority": 0,
                          "delivery_info": {"exchange": "", "routing_key": "events.save_event"}}}
    return json.dumps(env)


def lrange_stats(port):
    return commandstats_usec(port).get("lrange", (0, 0))


def attribution_cost(say, table, bin_, pg_port, port, sizes):
    say("## Backlog attribution: Redis cost of one sample (both ends, K = 100)")
    say()
    port = str(port)
    server = subprocess.Popen(["redis-server", "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                              stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    msg = message()
    rows = []
    try:
        for n in sizes:
            redis_cli(port, "FLUSHALL")
            left = n
            while left > 0:
                batch = min(left, 100_000)
                redis_cli(port, "EVAL", "for i=1,tonumber(ARGV[1]),1000 do local b = {} "
                          "for j=1,math.min(1000, tonumber(ARGV[1])-i+1) do b[j] = ARGV[2] end "
                          "redis.call('RPUSH', KEYS[1], unpack(b)) end", "1", "events.save_event", str(batch), msg)
                left -= batch
            argv = [bin_, "snapshot", "--json", "--no-sentry-queues", "--queue", "events.save_event",
                    "--redis", f"redis://127.0.0.1:{port}/0", "--pg", f"host=127.0.0.1 port={pg_port} user=postgres dbname=sentry"]
            calls, usec, walls, sampled = [], [], [], 0
            for _ in range(5):
                c0, u0 = lrange_stats(port)
                t = time.monotonic()
                out = subprocess.run(argv, capture_output=True, text=True).stdout
                walls.append((time.monotonic() - t) * 1000)
                c1, u1 = lrange_stats(port)
                calls.append(c1 - c0)
                usec.append(u1 - u0)
                sampled = json.loads(out).get("breakdowns", {}).get("events.save_event", {}).get("sampled", 0)
            rows.append([f"{n:,}", sampled, statistics.median(calls), f"{statistics.median(usec) / 1000:.2f}",
                         f"{sampled * len(msg) / 1024:.0f} KiB", f"{statistics.median(walls):.0f}"])
    finally:
        server.terminate()
        server.wait()
    table(["messages in the queue", "sampled", "LRANGE calls", "Redis ms in LRANGE", "bytes read",
           "snapshot wall ms (whole run)"], rows)
    return rows
