"""Run the app under gunicorn from our own command line."""

from gunicorn.app.base import BaseApplication

from service import create_app


class Server(BaseApplication):
    """A gunicorn application serving our Flask app, configured in code."""

    def __init__(self, settings: dict, options: dict):
        self.settings, self.options = settings, options
        super().__init__()

    def load_config(self):
        """Hand our options to gunicorn."""
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        """Create the app in each worker."""
        return create_app(self.settings)


# Threads per worker (gunicorn's gthread worker class; 1 is its sync worker). A sync
# worker is held whole by one client that sends its request slowly; gthread waits for a
# request's bytes in its main loop and lends a thread only once they come, so slow and
# idle clients take threads one at a time (bench/slow_clients.py measures it).
THREADS = 32


def serve(settings: dict, host: str, port: int, workers: int, threads: int | None = None) -> None:
    """Serve until interrupted, with THREADS threads per worker unless told otherwise."""
    threads = threads or THREADS
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        "accesslog": "-",
        "preload_app": True,
    }
    Server(settings, options).run()
