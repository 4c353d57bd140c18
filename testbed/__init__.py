"""Real moving parts of a Sentry install for tests and the demo: Celery apps, a producer, a traffic simulator."""
