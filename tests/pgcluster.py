"""A throwaway PostgreSQL 15 cluster for tests.

    with PgCluster() as pg:
        pg.create_roles(["r1", "r2"])             # CREATE ROLE r1 NOLOGIN; ... (once per cluster)
        pg.createdb("f")                          # CREATE DATABASE f TEMPLATE template0
        rc, out, err = pg.psql_file("f", "from.sql")
        pg.createdb("m", template="f")            # a copy of f
        rc, out, err = pg.dump_schema("m", "/tmp/m.sql")
        pg.dropdb("m")

initdb (trust auth, superuser `postgres`, UTF8, locale C, --no-sync) into a private temporary
directory; unix socket only (listen_addresses = ''), a free port, fsync/full_page_writes off,
wal_level minimal, English messages. `pg_ctl -w start`; on leaving the `with` block (also on an
exception, Ctrl-C or SIGTERM) the server is stopped (`-m immediate`) and the directory removed.

initdb refuses to run as root: when euid is 0 the server runs as the OS user `postgres`
(`runuser -u postgres --`), which owns the temporary directory and the socket. Clients (psql,
pg_dump, schemadiff) run as the invoking user and connect over the socket as `-U postgres`.

Binaries: $PG_BIN, else /usr/lib/postgresql/15/bin, else initdb on PATH.
"""

import atexit
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testlib  # noqa: E402


class ClusterError(Exception):
    pass


def find_pg_bin():
    cands = [os.environ.get("PG_BIN"), "/usr/lib/postgresql/15/bin"]
    w = shutil.which("initdb")
    if w:
        cands.append(os.path.dirname(w))
    for c in cands:
        if c and all(os.access(os.path.join(c, b), os.X_OK) for b in ("initdb", "pg_ctl", "postgres")):
            return c
    raise ClusterError("cannot find PostgreSQL 15 server binaries (initdb, pg_ctl, postgres); "
                       "set PG_BIN or run scripts/deps.sh")


def _client(pg_bin, name):
    p = os.path.join(pg_bin, name)
    if os.access(p, os.X_OK):
        return p
    w = shutil.which(name)
    if not w:
        raise ClusterError("cannot find %s" % name)
    return w


def _free_port():
    # the server listens on no TCP socket, but the port number names the unix socket file:
    # a port free on TCP is very unlikely to collide with another test cluster's socket
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def _quote_ident(name):
    return '"%s"' % name.replace('"', '""')


class PgCluster:
    def __init__(self, pg_bin=None, keep=False, server_user="postgres", verbose=False):
        self.pg_bin = pg_bin or find_pg_bin()
        self.psql_bin = _client(self.pg_bin, "psql")
        self.pg_dump_bin = _client(self.pg_bin, "pg_dump")
        self.keep = keep
        self.verbose = verbose
        self.server_user = server_user if os.geteuid() == 0 else None
        self.dir = None
        self.port = None
        self.started = False
        self._old_handlers = {}
        self._lock = threading.Lock()

    # -- lifecycle ---------------------------------------------------------------------------

    def __enter__(self):
        self._install_signal_handlers()
        atexit.register(self.stop)
        try:
            self.start()
        except BaseException:
            self.stop()
            self._restore_signal_handlers()
            raise
        return self

    def __exit__(self, *exc):
        try:
            self.stop()
        finally:
            self._restore_signal_handlers()
        return False

    def _install_signal_handlers(self):
        # SIGTERM/SIGHUP become KeyboardInterrupt in the main thread so that the `with` block
        # unwinds and the server is stopped; only possible from the main thread.
        if threading.current_thread() is not threading.main_thread():
            return

        def on_signal(signum, frame):
            testlib.kill_all()
            raise KeyboardInterrupt("signal %d" % signum)
        for sig in (signal.SIGTERM, signal.SIGHUP):
            try:
                self._old_handlers[sig] = signal.signal(sig, on_signal)
            except (ValueError, OSError):
                pass

    def _restore_signal_handlers(self):
        for sig, h in self._old_handlers.items():
            try:
                signal.signal(sig, h)
            except (ValueError, OSError):
                pass
        self._old_handlers = {}

    def _as_server(self, cmd):
        if self.server_user:
            return ["runuser", "-u", self.server_user, "--"] + cmd
        return cmd

    def _server_run(self, cmd, timeout):
        return testlib.run(self._as_server(cmd), timeout=timeout, env=testlib.child_env({"LC_ALL": "C"}),
                           cwd=self.dir, even_when_stopping=True)

    def start(self):
        base = tempfile.gettempdir()
        if len(base) > 60:          # unix socket paths are limited to ~107 bytes
            base = "/tmp"
        self.dir = tempfile.mkdtemp(prefix="schemadiff-pg-", dir=base)
        if self.server_user:
            import pwd
            try:
                pw = pwd.getpwnam(self.server_user)
            except KeyError:
                raise ClusterError("running as root, the server must run as OS user %r, which does not "
                                   "exist (install postgresql-15)" % self.server_user)
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        os.chmod(self.dir, 0o700)
        data = os.path.join(self.dir, "data")
        r = self._server_run([os.path.join(self.pg_bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres",
                              "--no-sync", "-E", "UTF8", "--locale=C"], timeout=180)
        if r.rc != 0:
            raise ClusterError("initdb failed (rc %s):\n%s" % (r.rc, testlib.head(r.err or r.out, 20)))
        self.port = _free_port()
        conf = [
            "listen_addresses = ''",
            "unix_socket_directories = '%s'" % self.dir.replace("'", "''"),
            "port = %d" % self.port,
            "fsync = off", "synchronous_commit = off", "full_page_writes = off",
            "wal_level = minimal", "max_wal_senders = 0", "max_wal_size = 1GB",
            "checkpoint_timeout = 30min", "autovacuum = off",
            "max_connections = 100", "shared_buffers = 64MB", "max_locks_per_transaction = 256",
            "lc_messages = 'C'", "log_min_messages = warning", "log_min_error_statement = panic",
        ]
        with open(os.path.join(data, "postgresql.conf"), "a") as f:
            f.write("\n# tests/pgcluster.py\n" + "\n".join(conf) + "\n")
        log = os.path.join(self.dir, "server.log")
        r = self._server_run([os.path.join(self.pg_bin, "pg_ctl"), "-D", data, "-l", log, "-w", "-t", "60",
                              "start"], timeout=120)
        if r.rc != 0:
            try:
                with open(log, errors="replace") as f:
                    tail = f.read()[-2000:]
            except OSError:
                tail = ""
            raise ClusterError("pg_ctl start failed (rc %s):\n%s\n%s" % (r.rc, testlib.head(r.err or r.out), tail))
        self.started = True
        rc, out, err = self.psql("postgres", "SELECT 1")
        if rc != 0:
            raise ClusterError("cannot connect to the new server: %s" % testlib.head(err))

    def stop(self):
        with self._lock:
            if self.dir is None:
                return
            if self.started:
                self.started = False
                data = os.path.join(self.dir, "data")
                r = self._server_run([os.path.join(self.pg_bin, "pg_ctl"), "-D", data,
                                      "-m", "immediate", "-w", "-t", "30", "stop"], timeout=60)
                if r.rc != 0:
                    # never leave a server running on a removed directory: SIGQUIT = immediate stop
                    try:
                        with open(os.path.join(data, "postmaster.pid")) as f:
                            os.kill(int(f.readline().strip()), signal.SIGQUIT)
                    except (OSError, ValueError):
                        pass
            if self.keep:
                sys.stderr.write("pgcluster: kept %s\n" % self.dir)
            else:
                shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    # -- connecting --------------------------------------------------------------------------

    def conninfo(self, db):
        return "host=%s port=%d user=postgres dbname=%s" % (self.dir, self.port, db)

    def url(self, db):
        return "postgresql://postgres@/%s?host=%s&port=%d" % (
            urllib.parse.quote(db, safe=""), urllib.parse.quote(self.dir, safe=""), self.port)

    # -- clients -----------------------------------------------------------------------------

    def psql(self, db, sql, timeout=60):
        """Run one SQL string (-c). Returns (rc, stdout, stderr); stdout is unaligned, tuples only."""
        r = testlib.run([self.psql_bin, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", self.conninfo(db),
                         "-c", sql], timeout=timeout, env=testlib.child_env())
        return self._result(r, timeout)

    def psql_file(self, db, paths, timeout=120, quiet=True, cwd=None):
        """Run one SQL file, or several in order (a list), with `psql -X [-q] -v ON_ERROR_STOP=1 -f`.
        No -1: a script manages its own transactions. Relative `\\i` paths resolve against cwd
        (default: the first file's directory). Returns (rc, stdout, stderr)."""
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        cmd = [self.psql_bin, "-X"] + (["-q"] if quiet else []) + ["-v", "ON_ERROR_STOP=1",
                                                                   "-d", self.conninfo(db)]
        for p in paths:
            cmd += ["-f", os.path.abspath(p)]
        if cwd is None and paths:
            cwd = os.path.dirname(os.path.abspath(paths[0]))
        r = testlib.run(cmd, timeout=timeout, env=testlib.child_env(), cwd=cwd)
        return self._result(r, timeout)

    def create_roles(self, names):
        """CREATE ROLE name NOLOGIN for each of names (roles are global to the cluster: done
        once, right after start, before any database uses them). Raises on error."""
        if not names:
            return
        sql = "; ".join("CREATE ROLE %s NOLOGIN" % _quote_ident(n) for n in names)
        rc, out, err = self.psql("postgres", sql)
        if rc != 0:
            raise ClusterError("creating roles %s failed: %s" % (", ".join(names), testlib.head(err)))

    def createdb(self, name, template="template0"):
        """CREATE DATABASE name TEMPLATE template (template0: empty; else a copy). Raises on error."""
        rc, out, err = self.psql("postgres", "CREATE DATABASE %s TEMPLATE %s" % (_quote_ident(name),
                                                                                _quote_ident(template)))
        if rc != 0:
            raise ClusterError("CREATE DATABASE %s TEMPLATE %s failed: %s" % (name, template, testlib.head(err)))

    def copydb(self, src, name):
        self.createdb(name, template=src)

    def dropdb(self, name):
        rc, out, err = self.psql("postgres", "DROP DATABASE IF EXISTS %s WITH (FORCE)" % _quote_ident(name))
        if rc != 0:
            raise ClusterError("DROP DATABASE %s failed: %s" % (name, testlib.head(err)))

    def dump_schema(self, db, out_path, extra_args=(), timeout=120):
        """pg_dump --schema-only db > out_path. Returns (rc, stdout, stderr)."""
        r = testlib.run([self.pg_dump_bin, "--schema-only", "-f", os.fspath(out_path)] + list(extra_args)
                        + ["-d", self.conninfo(db)], timeout=timeout, env=testlib.child_env())
        return self._result(r, timeout)

    @staticmethod
    def _result(r, timeout):
        if r.timed_out:
            return 124, r.out, (r.err + "\ntimed out after %ss" % timeout).lstrip()
        return r.rc, r.out, r.err


if __name__ == "__main__":
    # smoke test: python3 tests/pgcluster.py
    import time
    t0 = time.monotonic()
    with PgCluster() as pg:
        t1 = time.monotonic()
        print("cluster up in %.2fs at %s" % (t1 - t0, pg.conninfo("postgres")))
        print(pg.psql("postgres", "SELECT version()")[1].strip())
    print("stopped and removed in %.2fs" % (time.monotonic() - t1))
