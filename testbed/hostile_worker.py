"""A hostile pidbox "worker" for tests: it subscribes to the mailbox of one Redis db like a Celery worker and
answers every request with garbage, an object-building pickle, and one valid JSON pong — so the console's reply
reader is exercised against what a broken or malicious peer could write. Runs until killed.

    python -m testbed.hostile_worker --url redis://127.0.0.1:63799/5 --name evil@test [--late 0.8]

With --late it answers only after that many seconds, like a worker whose reply arrives after the client gave
up (the reply list it creates then has no reader and no TTL).
"""
import argparse
import base64
import json
import pickle
import time

import redis


class Boom:
    def __reduce__(self):
        return (print, ("never executed by the console",))


def envelope(body: bytes, content_type: str, ticket: str) -> str:
    return json.dumps({
        "body": base64.b64encode(body).decode(), "content-encoding": "binary", "content-type": content_type,
        "headers": {"ticket": ticket, "clock": 1},
        "properties": {"delivery_mode": 1, "delivery_info": {"exchange": "reply.celery.pidbox"}, "priority": 0,
                       "body_encoding": "base64", "delivery_tag": "x"},
    })


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--name", default="evil@test")
    p.add_argument("--late", type=float, default=0)
    a = p.parse_args()
    r = redis.Redis.from_url(a.url)
    db = r.connection_pool.connection_kwargs.get("db", 0)
    ps = r.pubsub()
    ps.psubscribe(f"/{db}.celery.pidbox")
    print("ready", flush=True)
    for msg in ps.listen():
        if msg["type"] != "pmessage":
            continue
        env = json.loads(msg["data"])
        raw = base64.b64decode(env["body"])
        req = json.loads(raw) if env["content-type"] == "application/json" else pickle.loads(raw)  # test peer only
        if not req.get("reply_to"):
            continue
        key = req["reply_to"]["routing_key"] + ".reply.celery.pidbox"
        ticket = req["ticket"]
        if a.late:
            time.sleep(a.late)
            r.lpush(key, envelope(json.dumps({a.name: {"ok": "pong"}}).encode(), "application/json", ticket))
            continue
        r.lpush(key, b"\x00\xff not json at all \x1b[2J")
        r.lpush(key, envelope(pickle.dumps({a.name: Boom()}), "application/x-python-serialize", ticket))
        r.lpush(key, envelope(b"!!", "application/json", ticket).replace('"IiE="', '"%%%"'))
        r.lpush(key, envelope(json.dumps({a.name: {"ok": "pong"}}).encode(), "application/json", ticket))


if __name__ == "__main__":
    main()
