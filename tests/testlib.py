"""Small helpers shared by the test runners (standard library only).

- run(): a subprocess in its own process group, with a time limit; on expiry the whole
  group is killed. Every running child is registered so that kill_all() can end them
  when the run is interrupted.
- sanitizer_report(): finds AddressSanitizer / LeakSanitizer / UBSan output in stderr.
- child_env(): the environment for schemadiff, psql and pg_dump: ours without the
  caller's libpq variables (PGHOST, PGDATABASE, ...), with sanitizer options that make
  any report fatal unless the caller set their own.
"""

import os
import re
import signal
import subprocess
import threading
import time

# Exit code the sanitizers use (set through *SAN_OPTIONS below and in tests/CMakeLists.txt):
# distinct from every schemadiff exit code, so a report can never pass for "differences found".
SANITIZER_EXITCODE = 86
DEFAULT_ASAN_OPTIONS = "halt_on_error=1:detect_leaks=1:exitcode=%d" % SANITIZER_EXITCODE
DEFAULT_UBSAN_OPTIONS = "halt_on_error=1:print_stacktrace=1:exitcode=%d" % SANITIZER_EXITCODE


class Result:
    def __init__(self, rc, out, err, timed_out, seconds):
        self.rc, self.out, self.err, self.timed_out, self.seconds = rc, out, err, timed_out, seconds

    def __repr__(self):
        return "Result(rc=%r, timed_out=%r)" % (self.rc, self.timed_out)


_children = set()
_children_lock = threading.Lock()
STOPPING = threading.Event()


def _kill_group(p):
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def kill_all():
    """Kill every child started by run() that is still running (and its process group)."""
    STOPPING.set()
    with _children_lock:
        kids = list(_children)
    for p in kids:
        _kill_group(p)


def run(cmd, timeout=120, env=None, cwd=None, input_bytes=None, even_when_stopping=False):
    """Run cmd (a list); return Result with decoded stdout/stderr. Never raises for the
    command's own failure: a missing executable gives rc 127. Once kill_all() was called,
    commands are not started any more (rc 130) unless even_when_stopping (for cleanup)."""
    if STOPPING.is_set() and not even_when_stopping:
        return Result(130, "", "interrupted", False, 0.0)
    start = time.monotonic()
    try:
        p = subprocess.Popen(cmd, stdin=subprocess.PIPE if input_bytes is not None else subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd,
                             start_new_session=True)
    except OSError as e:
        return Result(127, "", "cannot run %s: %s" % (cmd[0], e), False, 0.0)
    with _children_lock:
        _children.add(p)
    timed_out = False
    try:
        out, err = p.communicate(input_bytes, timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        _kill_group(p)
        out, err = p.communicate()
    finally:
        with _children_lock:
            _children.discard(p)
    _kill_group(p)   # nothing a child started may linger
    return Result(p.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
                  timed_out, time.monotonic() - start)


HERE_DIR = os.path.dirname(os.path.abspath(__file__))


def child_env(extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.setdefault("ASAN_OPTIONS", DEFAULT_ASAN_OPTIONS)
    env.setdefault("UBSAN_OPTIONS", DEFAULT_UBSAN_OPTIONS)
    # libpg_query's own one-byte leak is suppressed as under ctest (tests/CMakeLists.txt), so a
    # runner started by hand judges a binary the same way
    env.setdefault("LSAN_OPTIONS", "suppressions=%s:print_suppressions=0" % os.path.join(HERE_DIR, "lsan.supp"))
    env["PGCLIENTENCODING"] = "UTF8"
    env["PGCONNECT_TIMEOUT"] = "20"
    if extra:
        env.update(extra)
    return env


_SANITIZER = re.compile(
    r"^==\d+==\s*ERROR: \w+Sanitizer"          # ASan, LSan
    r"|^SUMMARY: \w+Sanitizer"
    r"|runtime error: "                          # UBSan
    r"|^\w+Sanitizer:DEADLYSIGNAL"
    r"|^==\d+==\s*WARNING: \w+Sanitizer", re.M)


def sanitizer_report(stderr):
    """The sanitizer report in stderr (a few lines from its start), or None."""
    m = _SANITIZER.search(stderr or "")
    if not m:
        return None
    start = stderr.rfind("\n", 0, m.start()) + 1
    return "\n".join(stderr[start:].splitlines()[:12])


def head(text, n=8, width=300):
    """The first n non-empty lines of text, each cut to width."""
    lines = [l.rstrip()[:width] for l in (text or "").splitlines() if l.strip()]
    more = len(lines) - n
    return "\n".join(lines[:n] + (["... (%d more lines)" % more] if more > 0 else []))


def indent(text, prefix="    | "):
    return "\n".join(prefix + l for l in (text or "").splitlines())


# Shared by the round-trip runners: the keys of a case's `expect` file, and the
# failure of one step of a case (what failed, why, and the detail to show).
EXPECT_KEYS = ("plan-contains", "migration-contains", "rollback-contains")


class StepFail(Exception):
    def __init__(self, step, reason, detail=""):
        super().__init__("%s: %s" % (step, reason))
        self.step, self.reason, self.detail = step, reason, detail


def rel(path):
    """path relative to the working directory when it lies below it."""
    try:
        r = os.path.relpath(path)
    except ValueError:
        return path
    return path if r.startswith("..") else r


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def parse_expect(path, keys=EXPECT_KEYS):
    """[(key, text)] from an expect file whose lines are `KEY: TEXT` with KEY one of `keys`;
    raises StepFail on a malformed line."""
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            key, sep, text = line.partition(":")
            key, text = key.strip(), text.strip()
            if not sep or key not in keys or not text:
                raise StepFail("setup", "bad line in expect:%d: %r (want one of %s followed by ': TEXT')"
                               % (n, line, ", ".join(keys)))
            out.append((key, text))
    return out


def psql_error(err):
    """The first error psql reported, with its DETAIL/HINT/CONTEXT/LINE lines."""
    lines = (err or "").splitlines()
    start = next((i for i, l in enumerate(lines) if "ERROR:" in l or "FATAL:" in l or "error:" in l), 0)
    return head("\n".join(lines[start:start + 8]), 8)
