"""Profile "sentry": exactly Sentry's Celery settings (conf/server.py, reference section 6.2): Redis db 0,
pickle only, task protocol 1, default queue/exchange "default", every CELERY_QUEUES name declared, no
results, no events. Workers run with --without-heartbeat --without-gossip --without-mingle, prefork."""
import os

from celery import Celery
from kombu import Queue

from testbed import tasks
from testbed.queues import PIPELINE, SENTRY_QUEUES

app = Celery("sentry")
app.conf.update(
    broker_url=os.environ.get("TESTBED_SENTRY_BROKER", "redis://127.0.0.1:63799/0"),
    task_serializer="pickle",
    result_serializer="pickle",
    accept_content={"pickle"},
    task_protocol=1,
    task_send_sent_event=False,
    worker_send_task_events=False,
    task_ignore_result=True,
    result_backend=None,
    task_default_queue="default",
    task_default_exchange="default",
    task_default_routing_key="default",
    task_create_missing_queues=True,
    task_queues=[Queue(q, routing_key=q) for q in SENTRY_QUEUES],
    broker_connection_retry_on_startup=True,
    worker_hijack_root_logger=False,
)
tasks.register(app, PIPELINE)
