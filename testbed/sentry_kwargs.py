"""The keyword arguments Sentry's ingest pipeline puts on its Celery tasks (docs/reference: the exporter/replay/
attribution facts, section 3.2): save_event and friends carry cache_key "e:{event_id}:{project_id}", start_time
(when Relay received the event), event_id and project_id; process/symbolicate carry no project_id (only the
cache key); post_process_group carries group_id (and project_id from ~2023)."""
import time
import uuid


def kwargs_for(task, project, group=None, start_time=None):
    event_id = uuid.uuid4().hex
    cache_key = f"e:{event_id}:{project}"
    start = time.time() if start_time is None else start_time
    if task.startswith("sentry.tasks.post_process"):
        return {"is_new": False, "is_regression": False, "is_new_group_environment": False,
                "primary_hash": uuid.uuid4().hex, "cache_key": cache_key, "group_id": group, "group_states": None,
                "occurrence_id": None, "project_id": project, "eventstream_type": "error"}
    if ".process_event" in task or "symbolicate" in task:
        return {"cache_key": cache_key, "start_time": start, "event_id": event_id, "data_has_changed": False,
                "from_symbolicate": False, "has_attachments": False}
    return {"cache_key": cache_key, "data": None, "start_time": start, "event_id": event_id, "project_id": project}
