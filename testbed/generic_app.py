"""Profile "generic": a typical non-Sentry Celery app: json, protocol 2, heartbeats on, priorities in use,
a global_keyprefix, broker db 12."""
import os

from celery import Celery
from kombu import Queue

from testbed import tasks
from testbed.queues import PIPELINE

GENERIC_ROUTES = {name: ("reports" if "post_process" in name else "celery") for name in PIPELINE}

app = Celery("generic")
app.conf.update(
    broker_url=os.environ.get("TESTBED_GENERIC_BROKER", "redis://127.0.0.1:63799/12"),
    broker_transport_options={"global_keyprefix": "gx:", "priority_steps": [0, 3, 6, 9], "queue_order_strategy": "priority"},
    task_serializer="json",
    accept_content=["json"],
    result_serializer="json",
    task_protocol=2,
    task_default_queue="celery",
    task_queues=[Queue("celery"), Queue("reports"), Queue("emails")],
    task_ignore_result=True,
    worker_send_task_events=True,
    broker_connection_retry_on_startup=True,
    worker_hijack_root_logger=False,
)
tasks.register(app, GENERIC_ROUTES)
