"""Tasks named like Sentry's pipeline. Each sleeps TESTBED_TASK_SECONDS (default 0.1 s), or the
`seconds` keyword when given, so a backlog can be produced and drained for real."""
import os
import time

from testbed.queues import PIPELINE


def register(app, routes):
    """Defines every pipeline task on `app`, routed with `routes` (task name -> queue)."""
    default = float(os.environ.get("TESTBED_TASK_SECONDS", "0.1"))

    def make(name):
        def run(*args, seconds=None, **kwargs):
            time.sleep(default if seconds is None else seconds)
            return name
        run.__name__ = name.rsplit(".", 1)[-1]
        return run

    for name in PIPELINE:
        app.task(name=name, queue=routes[name])(make(name))
    app.conf.task_routes = {name: {"queue": routes[name]} for name in PIPELINE}
