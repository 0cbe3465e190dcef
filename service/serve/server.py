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


def serve(settings: dict, host: str, port: int, workers: int) -> None:
    """Serve until interrupted."""
    options = {"bind": f"{host}:{port}", "workers": workers, "accesslog": "-", "preload_app": True}
    Server(settings, options).run()
