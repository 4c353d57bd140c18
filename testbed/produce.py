"""Enqueues real Celery tasks through kombu (the same bytes a Sentry web/ingest process would write).

    python -m testbed.produce --profile sentry --task sentry.tasks.store.save_event --count 50
    python -m testbed.produce --profile generic --queue reports --priority 5 --count 10
"""
import argparse
import importlib

from testbed.queues import PIPELINE


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--profile", choices=["sentry", "generic"], required=True)
    p.add_argument("--task", default="sentry.tasks.store.save_event", choices=sorted(PIPELINE))
    p.add_argument("--queue", help="override the task's routed queue")
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--priority", type=int)
    p.add_argument("--seconds", type=float, help="task run time (default: the worker's TESTBED_TASK_SECONDS)")
    a = p.parse_args()
    app = importlib.import_module(f"testbed.{a.profile}_app").app
    options = {}
    if a.queue:
        options["queue"] = a.queue
    if a.priority is not None:
        options["priority"] = a.priority
    kwargs = {} if a.seconds is None else {"seconds": a.seconds}
    with app.producer_or_acquire() as producer:
        for i in range(a.count):
            app.send_task(a.task, args=[i], kwargs=kwargs, producer=producer, **options)


if __name__ == "__main__":
    main()
