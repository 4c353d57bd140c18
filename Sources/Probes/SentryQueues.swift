/// Sentry's Celery queue names (CELERY_QUEUES_CONTROL + CELERY_QUEUES_REGION, late-2023 `conf/server.py`,
/// see docs/reference/sentry-schema.md §6.3). Always polled, so a queue that no worker ever declared
/// still shows its backlog.
public enum SentryQueues {
    public static let names: [String] = [
        // control silo
        "app_platform.control", "auth.control", "cleanup.control", "email.control", "integrations.control",
        "files.delete.control", "hybrid_cloud.control_repair", "options.control", "outbox.control",
        // region silo
        "activity.notify", "auth", "alerts", "app_platform", "appstoreconnect", "assemble",
        "buffers.process_pending", "buffers.incr", "cleanup", "code_owners", "commits", "data_export", "default",
        "digests.delivery", "digests.scheduling", "email", "email.inbound", "events.preprocess_event",
        "events.process_event", "events.reprocess_events", "events.reprocessing.preprocess_event",
        "events.reprocessing.process_event", "events.reprocessing.symbolicate_event",
        "events.reprocessing.symbolicate_event_low_priority", "events.save_event", "events.save_event_highcpu",
        "events.save_event_transaction", "events.save_event_attachments", "events.symbolicate_event",
        "events.symbolicate_event_low_priority", "events.symbolicate_js_event",
        "events.symbolicate_js_event_low_priority", "files.copy", "files.delete",
        "group_owners.process_suspect_commits", "group_owners.process_commit_context", "integrations",
        "releasemonitor", "dynamicsampling", "incidents", "incident_snapshots", "merge", "notifications",
        "options", "outbox", "post_process_errors", "post_process_issue_platform", "post_process_transactions",
        "relay_config", "relay_config_bulk", "reports.deliver", "reports.prepare", "search",
        "sentry_metrics.indexer", "similarity.index", "sleep", "stats", "subscriptions",
        "symbolications.compute_low_priority_projects", "unmerge", "update", "profiles.process",
        "get_suspect_resolutions", "get_suspect_resolutions_releases", "replays.ingest_replay",
        "replays.delete_replay", "counters-0", "triggers-0", "derive_code_mappings",
        "transactions.name_clusterer", "auto_enable_codecov", "weekly_escalating_forecast", "relocation",
        "recap_servers", "performance.statistical_detector", "profiling.statistical_detector",
        "auto_transition_issue_states", "nudge.invite_missing_org_members", "auto_resolve_issues",
        "on_demand_metrics",
    ]
}
