import subprocess
import sys

from django.core.management.base import BaseCommand
from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):
    def __init__(self, application, options):
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


class Command(BaseCommand):
    help = (
        "Serve Alongside with gunicorn (static files by WhiteNoise; no other server needed), with a "
        "background task worker beside it for the statutory returns."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not start a task worker (run `alongside db_worker` separately, e.g. on another machine)",
        )

    def handle(self, *args, host, port, workers, threads, no_worker, **options):
        from alongside.wsgi import application

        # The returns are produced in the database task queue; one worker beside the web server keeps
        # the demo and a small deployment to one command. It inherits this process's settings.
        worker = None
        if not no_worker:
            worker = subprocess.Popen([sys.executable, "-m", "alongside.cli", "db_worker", "--interval", "1"])
            self.stdout.write(f"Background task worker started (process {worker.pid})")
        self.stdout.write(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)")
        try:
            self._serve(application, host, port, workers, threads)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)

    def _serve(self, application, host, port, workers, threads):
        _Gunicorn(
            application,
            {
                "bind": f"{host}:{port}",
                "workers": workers,
                "threads": threads,
                "worker_class": "gthread",
                "accesslog": "-",
                "timeout": 60,
            },
        ).run()
