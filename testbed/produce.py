"""Enqueues real Celery tasks through kombu (the same bytes a Sentry web/ingest process would write).

    python -m testbed.produce --profile sentry --task sentry.tasks.store.save_event --count 50
    python -m testbed.produce --profile generic --queue reports --priority 5 --count 10
    python -m testbed.produce --profile sentry --project 3 --group 42 --count 80   # Sentry's real kwargs
"""
import argparse
import importlib

from testbed.queues import PIPELINE
from testbed.sentry_kwargs import kwargs_for


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--profile", choices=["sentry", "generic"], required=True)
    p.add_argument("--task", default="sentry.tasks.store.save_event", choices=sorted(PIPELINE))
    p.add_argument("--queue", help="override the task's routed queue")
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--priority", type=int)
    p.add_argument("--seconds", type=float, help="task run time (default: the worker's TESTBED_TASK_SECONDS)")
    p.add_argument("--project", type=int, help="send Sentry's kwargs (cache_key, event_id, start_time …) for this project")
    p.add_argument("--group", type=int, help="group_id for post_process tasks (with --project)")
    p.add_argument("--start-time", type=float, help="kwargs.start_time (default: now)")
    p.add_argument("--kwargs-json", help="extra kwargs as JSON (hostile strings, odd values)")
    a = p.parse_args()
    app = importlib.import_module(f"testbed.{a.profile}_app").app
    options = {}
    if a.queue:
        options["queue"] = a.queue
    if a.priority is not None:
        options["priority"] = a.priority
    base = {} if a.seconds is None else {"seconds": a.seconds}
    if a.kwargs_json:
        import json
        base.update(json.loads(a.kwargs_json))
    with app.producer_or_acquire() as producer:
        for i in range(a.count):
            kwargs = dict(base)
            args = [i]
            if a.project is not None:
                kwargs.update(kwargs_for(a.task, a.project, a.group, a.start_time))
                args = []
            app.send_task(a.task, args=args, kwargs=kwargs, producer=producer, **options)


if __name__ == "__main__":
    main()
