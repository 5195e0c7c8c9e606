#!/usr/bin/env python3
"""PGlite servers for tests: PostgreSQL 18 (WebAssembly) with a real pgvector, over libpq.

    from pglite import Pglite
    with Pglite() as pg:                        # installs the npm packages if needed
        srv = pg.start()                        # one server = one database, one session
        srv.url                                 # postgresql://postgres@/postgres?host=...&port=5432
        rc, out, err = srv.psql_file("from.sql", stop_on_error=True)
        srv.discard()                           # DISCARD ALL: the next connection starts clean
        srv.stop()
        pool = pg.pool(ahead=4)                 # servers started in the background, ahead of use
        a, b = pool.acquire(), pool.acquire()

Every server is a `node server.mjs` process serving one PGlite instance on a unix socket in a
private temporary directory (`DIR/.s.PGSQL.5432`), loaded from a pristine data directory image
made once (initdb in WebAssembly takes 10-20 s; loading the image takes 1-3 s). The image is
cached in node_modules/.cache/ (so `npm ci` invalidates it) and made again when missing.

PGlite has a single database and runs a single session that every connection shares: session
settings, prepared statements and temporary tables survive a disconnect. Run discard() between
clients where that matters. Servers are stopped with SIGTERM (server.mjs closes cleanly) and
also exit when this process dies (their standard input is a pipe from here: --exit-on-eof).

Command line (for working by hand):

    tests/pglite/pglite.py serve [--extensions vector,citext]    start one, print its URL, wait
    tests/pglite/pglite.py setup                                 npm ci + the pristine image
"""

import argparse
import atexit
import collections
import concurrent.futures
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER_JS = os.path.join(HERE, "server.mjs")
NODE_MODULES = os.path.join(HERE, "node_modules")
PSQL_DEFAULT = "/usr/bin/psql"
PORT = 5432           # the socket file name only: every server has its own directory
PGLITE_MAJOR = 18


class PgliteError(Exception):
    pass


def setup():
    """npm ci of the pinned packages unless installed (tests/pglite/setup.sh)."""
    p = subprocess.run(["bash", os.path.join(HERE, "setup.sh")], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    if p.returncode != 0:
        raise PgliteError("tests/pglite/setup.sh failed:\n" + p.stdout.decode("utf-8", "replace").strip())


def package_version(pkg):
    import json
    try:
        with open(os.path.join(NODE_MODULES, pkg, "package.json")) as f:
            return json.load(f).get("version")
    except (OSError, ValueError):
        return None


_node_flags = None


def node_flags():
    """V8 flags for the servers: --liftoff-only (WebAssembly baseline compiler only, no
    optimising tier-up in the background) starts a server with about 30% less CPU, and the small
    queries of tests run no slower. Used only when this node accepts it."""
    global _node_flags
    if _node_flags is None:
        try:
            ok = subprocess.run(["node", "--liftoff-only", "-e", "0"], stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            ok = False
        _node_flags = ["--liftoff-only"] if ok else []
    return _node_flags


def clean_env():
    """Our environment without the caller's libpq variables; English messages."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["PGCLIENTENCODING"] = "UTF8"
    env["PGCONNECT_TIMEOUT"] = "20"
    env["LC_MESSAGES"] = "C"
    return env


_live = set()
_reapers = []
_live_lock = threading.Lock()


def _stop_all():
    with _live_lock:
        servers = list(_live)
    for s in servers:
        s.stop()
    while True:
        with _live_lock:
            if not _reapers:
                break
            t = _reapers.pop()
        t.join()


atexit.register(_stop_all)


class Server:
    """One running PGlite server (one database)."""

    def __init__(self, proc, sockdir, log_path, psql):
        self.proc, self.sockdir, self.log_path, self.psql_bin = proc, sockdir, log_path, psql
        self.port = PORT
        self.url = "postgresql://postgres@/postgres?host=%s&port=%d" % (
            urllib.parse.quote(sockdir, safe=""), PORT)
        self.conninfo = "host=%s port=%d user=postgres dbname=postgres" % (sockdir, PORT)
        self._stopped = False

    def log_tail(self, n=15):
        try:
            with open(self.log_path, errors="replace") as f:
                lines = f.read().strip().splitlines()
        except OSError:
            return ""
        return "\n".join(lines[-n:])

    def alive(self):
        return self.proc.poll() is None

    def psql(self, args, timeout=60, cwd=None):
        """Run psql against this server; returns (rc, stdout, stderr)."""
        cmd = [self.psql_bin, "-X", "-q", "-d", self.conninfo] + list(args)
        try:
            p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=clean_env(), cwd=cwd, timeout=timeout, start_new_session=True)
        except subprocess.TimeoutExpired:
            return 124, "", "psql timed out after %ss" % timeout
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")

    def psql_file(self, path, stop_on_error=True, timeout=60):
        """Run a SQL file (psql -v ON_ERROR_STOP=1 -f, no -1), then DISCARD ALL."""
        rc, out, err = self.psql(["-v", "ON_ERROR_STOP=%d" % (1 if stop_on_error else 0), "-f",
                                  os.path.abspath(path)], timeout=timeout)
        self.discard()
        return rc, out, err

    def query(self, sql, timeout=60):
        """One query (-A -t output); raises PgliteError on failure."""
        rc, out, err = self.psql(["-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql], timeout=timeout)
        if rc != 0:
            raise PgliteError("query failed: %s: %s" % (sql, err.strip()))
        return out

    def discard(self):
        """PGlite keeps one backend for all connections: make the next connection start clean."""
        self.psql(["-c", "DISCARD ALL"], timeout=30)

    def stop(self, wait=True):
        """SIGTERM, wait for the exit (10 s, then SIGKILL), remove the socket directory.
        wait=False does that in a background thread (Pglite.close() / exit wait for it)."""
        with _live_lock:
            if self._stopped:
                return
            self._stopped = True
        if not wait:
            t = threading.Thread(target=self._stop, daemon=True)
            with _live_lock:
                _reapers.append(t)
            t.start()
            return
        self._stop()

    def _stop(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=10)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait()
        try:
            self.proc.stdin.close()
        except (OSError, AttributeError):
            pass
        with _live_lock:
            _live.discard(self)
        shutil.rmtree(self.sockdir, ignore_errors=True)


class Pool:
    """Servers started in the background, `ahead` of their use, by `starters` threads."""

    def __init__(self, pglite, extensions, ahead, starters):
        self.pg, self.extensions, self.ahead = pglite, extensions, ahead
        self._ex = concurrent.futures.ThreadPoolExecutor(max_workers=starters)
        self._q = collections.deque()
        self._lock = threading.Lock()
        self._closed = False
        self._refill()

    def _refill(self):
        with self._lock:
            while not self._closed and len(self._q) < self.ahead:
                self._q.append(self._ex.submit(self.pg.start, self.extensions))

    def acquire(self):
        with self._lock:
            fut = self._q.popleft() if self._q else None
        self._refill()
        if fut is None:
            return self.pg.start(self.extensions)
        return fut.result()

    def close(self):
        with self._lock:
            self._closed = True
            futs = list(self._q)
            self._q.clear()
        for f in futs:
            f.cancel()
        self._ex.shutdown(wait=True)
        for f in futs:
            if f.done() and not f.cancelled() and f.exception() is None:
                f.result().stop()


class Pglite:
    def __init__(self, psql=None, workdir=None, start_timeout=120, install=True):
        self.psql = psql or (PSQL_DEFAULT if os.access(PSQL_DEFAULT, os.X_OK) else shutil.which("psql"))
        if not self.psql:
            raise PgliteError("psql not found")
        if not shutil.which("node"):
            raise PgliteError("node not found (scripts/deps.sh installs it)")
        if install:
            setup()
        self.start_timeout = start_timeout
        self._own_workdir = workdir is None
        # short: a unix socket path is limited to 107 bytes
        self.workdir = workdir or tempfile.mkdtemp(prefix="sd-pglite-")
        os.makedirs(self.workdir, exist_ok=True)
        self._image_lock = threading.Lock()
        self._image = None
        self._n = 0
        self._n_lock = threading.Lock()
        self._pools = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        for p in self._pools:
            p.close()
        self._pools = []
        _stop_all()
        if self._own_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def version(self):
        return "PGlite %s (PostgreSQL %d) + pglite-pgvector %s" % (
            package_version("@electric-sql/pglite"), PGLITE_MAJOR,
            package_version("@electric-sql/pglite-pgvector"))

    # -- the pristine data directory image -------------------------------------------------

    def image(self):
        """Path of the pristine data directory image (made once, cached in node_modules)."""
        with self._image_lock:
            if self._image:
                return self._image
            cache = os.path.join(NODE_MODULES, ".cache", "schemadiff-pglite")
            path = os.path.join(cache, "pristine-%s.tar" % package_version("@electric-sql/pglite"))
            if not os.path.isfile(path):
                os.makedirs(cache, exist_ok=True)
                log = os.path.join(self.workdir, "pristine.log")
                with open(log, "wb") as lf:
                    try:
                        p = subprocess.run(["node", SERVER_JS, "--dump", path], stdin=subprocess.DEVNULL,
                                           stdout=lf, stderr=subprocess.STDOUT, env=clean_env(),
                                           timeout=300, start_new_session=True)
                        rc = p.returncode
                    except subprocess.TimeoutExpired:
                        rc = "timeout"
                if rc != 0 or not os.path.isfile(path):
                    with open(log, errors="replace") as f:
                        raise PgliteError("making the pristine PGlite image failed (%s): %s" % (rc, f.read()[-2000:]))
            self._image = path
            return path

    # -- servers ----------------------------------------------------------------------------

    def start(self, extensions=("vector",)):
        """Start one server from the pristine image; returns a Server once it answers."""
        image = self.image()
        with self._n_lock:
            self._n += 1
            n = self._n
        sockdir = os.path.join(self.workdir, "s%d" % n)
        os.makedirs(sockdir)
        log_path = os.path.join(self.workdir, "server%d.log" % n)
        cmd = ["node"] + node_flags() + [SERVER_JS, "--socket", os.path.join(sockdir, ".s.PGSQL.%d" % PORT), "--load", image,
               "--extensions", ",".join(extensions), "--exit-on-eof"]
        with open(log_path, "wb") as lf:
            proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=lf, stderr=subprocess.STDOUT,
                                    env=clean_env(), start_new_session=True, cwd=HERE)
        srv = Server(proc, sockdir, log_path, self.psql)
        with _live_lock:
            _live.add(srv)
        deadline = time.monotonic() + self.start_timeout
        try:
            while True:
                if proc.poll() is not None:
                    raise PgliteError("PGlite server exited (%s): %s" % (proc.returncode, srv.log_tail()))
                if self._ready(log_path):
                    rc, out, err = srv.psql(["-A", "-t", "-c", "SELECT 1"], timeout=30)
                    if rc == 0:
                        break
                if time.monotonic() > deadline:
                    raise PgliteError("PGlite server did not start in %ss: %s" % (self.start_timeout, srv.log_tail()))
                time.sleep(0.1)
        except BaseException:
            srv.stop()
            raise
        return srv

    @staticmethod
    def _ready(log_path):
        try:
            with open(log_path, errors="replace") as f:
                return any(l.startswith("ready ") for l in f)
        except OSError:
            return False

    def start_many(self, n, extensions=("vector",)):
        """Start n servers in parallel (at most 2 at a time); all or nothing."""
        ex = concurrent.futures.ThreadPoolExecutor(max_workers=2)
        futs = [ex.submit(self.start, extensions) for _ in range(n)]
        ex.shutdown(wait=True)
        errs = [f.exception() for f in futs if f.exception() is not None]
        if errs:
            for f in futs:
                if f.exception() is None:
                    f.result().stop()
            raise errs[0]
        return [f.result() for f in futs]

    def pool(self, extensions=("vector",), ahead=4, starters=2):
        p = Pool(self, tuple(extensions), ahead, starters)
        self._pools.append(p)
        return p


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve", help="start one server, print its URL, wait for Ctrl-C")
    s.add_argument("--extensions", default="vector")
    sub.add_parser("setup", help="install the npm packages and make the pristine image")
    args = ap.parse_args(argv)
    def on_term(*_):
        raise KeyboardInterrupt()
    signal.signal(signal.SIGTERM, on_term)
    try:
        with Pglite() as pg:
            if args.cmd == "setup":
                print(pg.image())
                return 0
            srv = pg.start(tuple(e for e in args.extensions.split(",") if e))
            print(srv.url, flush=True)
            print("psql '%s'   (Ctrl-C stops it)" % srv.conninfo, file=sys.stderr, flush=True)
            try:
                while srv.alive():
                    time.sleep(0.5)
            except KeyboardInterrupt:
                pass
            return 0
    except PgliteError as e:
        print("pglite.py: %s" % e, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
