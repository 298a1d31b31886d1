"""HTTP service on the standard library (PyPI is not needed to build or run it)."""
import json
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from greeting import greeting


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"service": "python-api", "language": "python", "path": self.path,
                           "message": greeting(), "python": sys.version.split()[0]}).encode() + b"\n"
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        print("python-api:", fmt % args, flush=True)


def main():
    port = int(os.environ.get("PORT", "8000"))
    server = ThreadingHTTPServer(("0.0.0.0", port), Handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"python-api listening on {port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
