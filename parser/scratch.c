/*
 * scratch.c — files loaded into a scratch database and read back
 * (--load-via-db, --dev-url).
 *
 * Whatever the file reader cannot model (a DO block with a loop, a data
 * migration between DDL statements, a kind the model does not hold yet)
 * the server itself can run.  With --load-via-db a files side is loaded
 * into a scratch database and the catalog reader (parser/catalog.c) reads
 * it back, so the plan is made from what PostgreSQL built.
 *
 * The database lives on the server --dev-url names (schemadiff creates
 * `schemadiff_scratch_<pid>_<n>` there, refuses when that name exists, and
 * always drops it) or, without --dev-url, in a temporary cluster started
 * here like the test suite's (tests/pgcluster.py): initdb and pg_ctl of
 * PostgreSQL 15, trust authentication, a unix socket in a private
 * temporary directory and no TCP listener; as root the server runs as OS
 * user postgres.  The cluster is stopped and its directory removed at the
 * end of the run, on errors too.
 *
 * Loading is psql's: statement by statement (boundaries from libpg_query's
 * parser, never a hand-written tokenizer), each file in a fresh session
 * state (RESET ALL), COPY ... FROM stdin fed the rows that follow it, and
 * psql's \restrict lines skipped.  A statement the server rejects is an
 * input error located in the file from the error position the server
 * reports (the statement's first token when it reports none).
 *
 * Roles are global to a cluster.  In a temporary cluster of its own a
 * statement that fails for a role that does not exist (a GRANT, an OWNER
 * TO, a policy's TO) is run again after `CREATE ROLE <name> NOLOGIN`
 * (behind a savepoint inside a transaction block): the files were written
 * for a database whose roles exist.  On --dev-url's server nothing is
 * created: the error stands.
 */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE
#include "model.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pg_query.h>
#include <pwd.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

struct Scratch {
    Arena *a;
    const char *admin;      /* connection string of the maintenance database */
    char *dir;              /* temporary cluster: its directory (NULL: --dev-url) */
    const char *pg_bin;
    bool started;
    struct passwd server_user; /* as root: the OS user the server runs as */
    bool as_user;
    PtrVec dbs;             /* names of the databases made */
    PtrVec urls, srcs;      /* each loaded SRC and the connection string read */
    const char *user;       /* the role that loaded them (owns what they made) */
    int n;
};

/* ---- connection strings --------------------------------------------------- */

static void conn_value(StrBuf *sb, const char *k, const char *v)
{
    sb_printf(sb, "%s%s='", sb->len ? " " : "", k);
    for (const char *p = v; *p; p++) {
        if (*p == '\'' || *p == '\\')
            sb_putc(sb, '\\');
        sb_putc(sb, *p);
    }
    sb_putc(sb, '\'');
}

/* `base` (a URL or keyword=value string) with dbname replaced. */
static const char *with_dbname(Arena *a, const char *base, const char *dbname)
{
    char *err = NULL;
    PQconninfoOption *opts = PQconninfoParse(base, &err);
    if (!opts) {
        PQfreemem(err);
        return NULL;
    }
    StrBuf sb;
    sb_init(&sb);
    for (PQconninfoOption *o = opts; o->keyword; o++)
        if (o->val && *o->val && strcmp(o->keyword, "dbname"))
            conn_value(&sb, o->keyword, o->val);
    conn_value(&sb, "dbname", dbname);
    PQconninfoFree(opts);
    const char *s = sb_take(&sb, a);
    sb_free(&sb);
    return s;
}

static void quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message; /* NOTICEs of the loaded SQL are not ours to print */
}

/* ---- the temporary cluster ------------------------------------------------- */

static const char *find_pg_bin(Arena *a)
{
    const char *cands[3] = {getenv("PG_BIN"), "/usr/lib/postgresql/15/bin", NULL};
    const char *path = getenv("PATH");
    for (const char *p = path; p && *p;) {
        size_t len = strcspn(p, ":");
        const char *dir = arena_strndup(a, p, len);
        if (*dir && access(arena_printf(a, "%s/initdb", dir), X_OK) == 0) {
            cands[2] = dir;
            break;
        }
        p += len + (p[len] == ':');
    }
    for (int i = 0; i < 3; i++) {
        if (!cands[i] || !*cands[i])
            continue;
        bool ok = true;
        const char *bins[] = {"initdb", "pg_ctl", "postgres"};
        for (int k = 0; k < 3; k++)
            ok = ok && access(arena_printf(a, "%s/%s", cands[i], bins[k]), X_OK) == 0;
        if (ok)
            return cands[i];
    }
    return NULL;
}

/* Run argv (as the server user when root), output appended to dir/log;
 * the exit status, or -1. */
static int run(Scratch *s, char *const argv[])
{
    const char *log = arena_printf(s->a, "%s/scratch.log", s->dir);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);
        int nul = open("/dev/null", O_RDONLY);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        if (nul >= 0)
            dup2(nul, 0);
        if (s->as_user) {
            if (setgroups(0, NULL) != 0 || setgid(s->server_user.pw_gid) != 0 ||
                setuid(s->server_user.pw_uid) != 0)
                _exit(126);
        }
        setenv("LC_ALL", "C", 1);
        execv(argv[0], argv);
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int free_port(void)
{
    /* no TCP listener: the port only names the socket file; a port free on
     * TCP keeps it apart from other clusters' */
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {0};
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof sa;
    int port = 0;
    if (fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0 &&
        getsockname(fd, (struct sockaddr *)&sa, &len) == 0)
        port = ntohs(sa.sin_port);
    if (fd >= 0)
        close(fd);
    return port ? port : 54329;
}

/* The last lines of the cluster's log, for an error message. */
static const char *log_tail(Scratch *s)
{
    FILE *f = fopen(arena_printf(s->a, "%s/scratch.log", s->dir), "r");
    if (!f)
        return "";
    char buf[600];
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, size > (long)sizeof buf - 1 ? size - (long)sizeof buf + 1 : 0, SEEK_SET);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
        buf[--n] = 0;
    return arena_printf(s->a, ":\n%s", buf);
}

static bool start_cluster(Scratch *s, Diags *diags)
{
    Arena *a = s->a;
    s->pg_bin = find_pg_bin(a);
    if (!s->pg_bin) {
        diag_plain(diags, EXIT_DB, "--load-via-db: cannot find PostgreSQL 15 server binaries (initdb, pg_ctl, "
                                   "postgres) in $PG_BIN, /usr/lib/postgresql/15/bin or PATH; install them or "
                                   "give --dev-url URL");
        return false;
    }
    if (geteuid() == 0) {
        struct passwd *pw = getpwnam("postgres");
        if (!pw) {
            diag_plain(diags, EXIT_DB, "--load-via-db: running as root, the temporary server must run as OS user "
                                       "postgres, which does not exist; give --dev-url URL");
            return false;
        }
        s->server_user = *pw;
        s->server_user.pw_name = arena_strdup(a, pw->pw_name);
        s->as_user = true;
    }
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp || strlen(tmp) > 60) /* a unix socket path holds ~107 bytes */
        tmp = "/tmp";
    char *dir = arena_printf(a, "%s/schemadiff-scratch-XXXXXX", tmp);
    if (!mkdtemp(dir)) {
        diag_plain(diags, EXIT_DB, "--load-via-db: cannot make a temporary directory in %s: %s", tmp,
                   strerror(errno));
        return false;
    }
    s->dir = dir;
    if (s->as_user && chown(dir, s->server_user.pw_uid, s->server_user.pw_gid) != 0) {
        diag_plain(diags, EXIT_DB, "--load-via-db: cannot give %s to user postgres: %s", dir, strerror(errno));
        return false;
    }
    const char *data = arena_printf(a, "%s/data", dir);
    char *initdb[] = {(char *)arena_printf(a, "%s/initdb", s->pg_bin), "-D", (char *)data, "-A", "trust",
                      "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C", NULL};
    if (run(s, initdb) != 0) {
        diag_plain(diags, EXIT_DB, "--load-via-db: initdb failed%s", log_tail(s));
        return false;
    }
    int port = free_port();
    FILE *conf = fopen(arena_printf(a, "%s/postgresql.conf", data), "a");
    if (!conf) {
        diag_plain(diags, EXIT_DB, "--load-via-db: cannot configure the temporary server: %s", strerror(errno));
        return false;
    }
    fprintf(conf,
            "\n# schemadiff --load-via-db\nlisten_addresses = ''\nunix_socket_directories = '%s'\nport = %d\n"
            "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nwal_level = minimal\n"
            "max_wal_senders = 0\nautovacuum = off\nlc_messages = 'C'\n",
            dir, port);
    fclose(conf);
    char *start[] = {(char *)arena_printf(a, "%s/pg_ctl", s->pg_bin), "-D", (char *)data, "-l",
                     (char *)arena_printf(a, "%s/server.log", dir), "-w", "-t", "60", "start", NULL};
    s->started = true; /* stop it whatever pg_ctl said */
    if (run(s, start) != 0) {
        diag_plain(diags, EXIT_DB, "--load-via-db: the temporary server did not start%s", log_tail(s));
        return false;
    }
    StrBuf sb;
    sb_init(&sb);
    conn_value(&sb, "host", dir);
    sb_printf(&sb, " port=%d user=postgres dbname=postgres", port);
    s->admin = sb_take(&sb, a);
    sb_free(&sb);
    return true;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

/* ---- the scratch databases -------------------------------------------------- */

Scratch *scratch_start(Arena *a, const char *dev_url, Diags *diags)
{
    Scratch *s = arena_alloc(a, sizeof *s);
    memset(s, 0, sizeof *s);
    s->a = a;
    if (dev_url) {
        s->admin = dev_url;
        const char *err;
        PGconn *c = conn_open(a, dev_url, &err);
        if (!c) {
            diag_plain(diags, EXIT_DB, "--dev-url %s: %s", catalog_display_name(a, dev_url), err);
            return s;
        }
        PQfinish(c);
        return s;
    }
    start_cluster(s, diags);
    return s;
}

/* Byte offset in `text` of its character `chars` (0-based). */
static int char_offset(const char *text, int chars)
{
    const char *p = text;
    for (; chars > 0 && *p; chars--) {
        p++;
        while (((unsigned char)*p & 0xC0) == 0x80)
            p++;
    }
    return (int)(p - text);
}

/* The first token at or after off: past blanks and comments. */
static int first_token(const char *t, int off)
{
    for (;;) {
        while (t[off] == ' ' || t[off] == '\t' || t[off] == '\n' || t[off] == '\r' || t[off] == '\f')
            off++;
        if (t[off] == '-' && t[off + 1] == '-') {
            while (t[off] && t[off] != '\n')
                off++;
        } else if (t[off] == '/' && t[off + 1] == '*') {
            int depth = 0;
            do {
                if (t[off] == '/' && t[off + 1] == '*')
                    depth++, off += 2;
                else if (t[off] == '*' && t[off + 1] == '/')
                    depth--, off += 2;
                else
                    off++;
            } while (t[off] && depth > 0);
        } else {
            return off;
        }
    }
}

/* The rows of a COPY ... FROM stdin whose statement ends at `end`: from
 * the next line up to the line `\.`; *next is past that line. */
static void copy_rows(const char *text, int end, int *start, int *stop, int *next)
{
    int p = end;
    while (text[p] && text[p] != '\n')
        p++;
    if (text[p])
        p++;
    *start = p;
    while (text[p]) {
        if (text[p] == '\\' && text[p + 1] == '.' && (text[p + 2] == '\n' || !text[p + 2] || text[p + 2] == '\r')) {
            *stop = p;
            while (text[p] && text[p] != '\n')
                p++;
            *next = text[p] ? p + 1 : p;
            return;
        }
        while (text[p] && text[p] != '\n')
            p++;
        if (text[p])
            p++;
    }
    *stop = *next = p;
}

static void server_error(Diags *diags, const char *file, const char *text, int stmt_off, const PGresult *res,
                         PGconn *c)
{
    const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *pos = res ? PQresultErrorField(res, PG_DIAG_STATEMENT_POSITION) : NULL;
    int off = first_token(text, stmt_off);
    if (pos && atoi(pos) > 0)
        off = stmt_off + char_offset(text + stmt_off, atoi(pos) - 1);
    if (!msg) {
        const char *m = PQerrorMessage(c);
        msg = arena_strndup(diags->arena, m, strcspn(m, "\n"));
    }
    SrcLoc loc = {file, text, off};
    diag_at(diags, EXIT_INPUT, loc, "%s (the scratch database of --load-via-db rejected this statement)", msg);
}

/* The role a failed statement names as missing (42704, role "x" does
 * not exist), NULL for any other result. */
static const char *missing_role(Arena *a, const PGresult *res)
{
    const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    static const char head[] = "role \"", tail[] = "\" does not exist";
    size_t n = msg ? strlen(msg) : 0;
    if (!state || strcmp(state, "42704") || n <= strlen(head) + strlen(tail) || strncmp(msg, head, strlen(head)) ||
        strcmp(msg + n - strlen(tail), tail))
        return NULL;
    return arena_strndup(a, msg + strlen(head), n - strlen(head) - strlen(tail));
}

/* PQexec(sql); in a temporary cluster of our own (make_roles) a failure
 * for a missing role creates it (NOLOGIN) and runs sql again, up to 16
 * roles a statement. */
static PGresult *exec_making_roles(PGconn *c, Arena *a, const char *sql, bool make_roles)
{
    bool in_tx = make_roles && PQtransactionStatus(c) == PQTRANS_INTRANS;
    if (in_tx && !conn_command_ok(c, "SAVEPOINT schemadiff_roles"))
        in_tx = make_roles = false;
    PGresult *res = PQexec(c, sql);
    for (int tries = 0; make_roles && tries < 16 && PQresultStatus(res) == PGRES_FATAL_ERROR; tries++) {
        const char *role = missing_role(a, res);
        if (!role || (in_tx && !conn_command_ok(c, "ROLLBACK TO SAVEPOINT schemadiff_roles")))
            break;
        if (!conn_command_ok(c, arena_printf(a, "CREATE ROLE %s NOLOGIN", q_ident(a, role))))
            break;
        PQclear(res);
        res = PQexec(c, sql);
    }
    if (in_tx && PQresultStatus(res) != PGRES_FATAL_ERROR && PQtransactionStatus(c) == PQTRANS_INTRANS)
        conn_command_ok(c, "RELEASE SAVEPOINT schemadiff_roles");
    return res;
}

/* Run one file's statements on c; false after the first error.  In a
 * temporary cluster of our own (make_roles), missing roles are made. */
static bool load_text(PGconn *c, const char *file, const char *text, bool make_roles, Diags *diags)
{
    Arena *a = diags->arena;
    /* what psql does not send: \restrict lines (pg_dump 15.14+) and the
     * rows of COPY ... FROM stdin, blanked (same length) for the split */
    char *buf = arena_strdup(a, text);
    for (char *p = buf; p && *p;) {
        char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        if (*p == '\\' && (!strncmp(p, "\\restrict", 9) || !strncmp(p, "\\unrestrict", 11)))
            memset(p, ' ', len);
        p = eol ? eol + 1 : NULL;
    }
    copydata_blank(buf);
    PgQuerySplitResult split = pg_query_split_with_parser(buf);
    if (split.error) {
        SrcLoc loc = {file, text, char_offset(buf, split.error->cursorpos > 0 ? split.error->cursorpos - 1 : 0)};
        diag_at(diags, EXIT_INPUT, loc, "%s", split.error->message);
        pg_query_free_split_result(split);
        return false;
    }
    bool ok = true;
    for (int i = 0; i < split.n_stmts && ok; i++) {
        int off = split.stmts[i]->stmt_location, len = split.stmts[i]->stmt_len;
        if (!len)
            len = (int)strlen(buf + off);
        const char *sql = arena_strndup(a, buf + off, (size_t)len);
        PGresult *res = exec_making_roles(c, a, sql, make_roles);
        ExecStatusType st = PQresultStatus(res);
        if (st == PGRES_COPY_IN) {
            int from, to, next;
            copy_rows(text, off + len, &from, &to, &next);
            PQclear(res);
            if ((to > from && PQputCopyData(c, text + from, to - from) != 1) || PQputCopyEnd(c, NULL) != 1) {
                server_error(diags, file, text, off, NULL, c);
                ok = false;
            }
            res = PQgetResult(c);
            st = PQresultStatus(res);
        }
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY && ok) {
            server_error(diags, file, text, off, res, c);
            ok = false;
        }
        PQclear(res);
        /* drain what a COPY left */
        while ((res = PQgetResult(c)))
            PQclear(res);
    }
    pg_query_free_split_result(split);
    return ok;
}

const char *scratch_load(Scratch *s, const char *src, Diags *diags)
{
    if (!s->admin)
        return NULL;
    PtrVec files = {0}, texts = {0};
    if (!source_texts(s->a, src, &files, &texts, diags))
        return NULL;
    return scratch_load_texts(s, src, &files, &texts, files.n, diags);
}

const char *scratch_load_texts(Scratch *s, const char *label, const PtrVec *files, const PtrVec *texts, int n,
                               Diags *diags)
{
    Arena *a = s->a;
    const char *src = label;
    if (!s->admin)
        return NULL;
    const char *err;
    PGconn *admin = conn_open(a, s->admin, &err);
    if (!admin) {
        diag_plain(diags, EXIT_DB, "--load-via-db: %s: %s", catalog_display_name(a, s->admin), err);
        return NULL;
    }
    PQsetNoticeProcessor(admin, quiet, NULL);
    const char *name = arena_printf(a, "schemadiff_scratch_%ld_%d", (long)getpid(), ++s->n);
    const char *params[1] = {name};
    PGresult *res = PQexecParams(admin, "SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1", 1, NULL,
                                 params, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 0) {
        if (PQresultStatus(res) == PGRES_TUPLES_OK)
            diag_plain(diags, EXIT_DB, "--load-via-db: a database %s already exists on %s; schemadiff never touches "
                       "a database it did not make: drop it or use another server", name,
                       catalog_display_name(a, s->admin));
        else
            diag_plain(diags, EXIT_DB, "--load-via-db: %s", strtok(PQerrorMessage(admin), "\n"));
        PQclear(res);
        PQfinish(admin);
        return NULL;
    }
    PQclear(res);
    char *qname = PQescapeIdentifier(admin, name, strlen(name));
    res = PQexec(admin, arena_printf(a, "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'", qname));
    PQfreemem(qname);
    bool made = PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!made)
        diag_plain(diags, EXIT_DB, "--load-via-db: cannot create the scratch database %s: %s", name,
                   strtok(PQerrorMessage(admin), "\n"));
    PQclear(res);
    PQfinish(admin);
    if (!made)
        return NULL;
    vec_push(a, &s->dbs, (void *)name);
    const char *url = with_dbname(a, s->admin, name);
    PGconn *c = url ? conn_open(a, url, &err) : NULL;
    if (!c) {
        diag_plain(diags, EXIT_DB, "--load-via-db: cannot connect to the scratch database %s: %s", name,
                   url ? err : "bad connection string");
        return NULL;
    }
    PQsetNoticeProcessor(c, quiet, NULL);
    s->user = arena_strdup(a, PQuser(c));
    vec_push(a, &s->urls, (void *)url);
    vec_push(a, &s->srcs, (void *)src);
    bool ok = true;
    for (int i = 0; i < n && ok; i++) {
        /* each file as a new psql session would run it */
        if (i)
            PQclear(PQexec(c, "ROLLBACK; RESET ALL; RESET SESSION AUTHORIZATION"));
        ok = load_text(c, files->items[i], texts->items[i], s->dir != NULL, diags);
    }
    PQfinish(c);
    return ok ? url : NULL;
}

void scratch_adopt(Scratch *s, Model *m)
{
    if (!s || !s->user)
        return;
    for (int i = 0; i < m->objs.n; i++) {
        Obj *o = m->objs.items[i];
        if (!o) /* removed */
            continue;
        if (o->owner && !strcmp(o->owner, s->user))
            o->owner = NULL;
        if (o->kind == OBJ_TABLE) /* the scratch copy's size says nothing of the real data */
            ((Table *)o)->has_estimate = false;
    }
    m->roles_known = false;
    m->roles.n = 0;
    m->fingerprint = NULL;
}

void scratch_rename(Scratch *s, Diags *diags)
{
    for (int k = 0; s && k < s->urls.n; k++) {
        const char *shown = catalog_display_name(s->a, s->urls.items[k]);
        size_t n = strlen(shown);
        for (int i = 0; diags && i < diags->items.n; i++) {
            Diag *d = diags->items.items[i];
            if (!strncmp(d->message, shown, n))
                d->message = arena_printf(s->a, "%s (loaded by --load-via-db)%s", (const char *)s->srcs.items[k],
                                          d->message + n);
        }
    }
}

void scratch_stop(Scratch *s)
{
    if (!s)
        return;
    if (s->admin && s->dbs.n) {
        const char *err;
        PGconn *admin = conn_open(s->a, s->admin, &err);
        for (int i = 0; admin && i < s->dbs.n; i++) {
            char *q = PQescapeIdentifier(admin, s->dbs.items[i], strlen(s->dbs.items[i]));
            PQclear(PQexec(admin, arena_printf(s->a, "DROP DATABASE IF EXISTS %s WITH (FORCE)", q)));
            PQfreemem(q);
        }
        if (admin)
            PQfinish(admin);
        else
            fprintf(stderr, "schemadiff: warning: could not drop the scratch databases: %s\n", err);
        s->dbs.n = 0;
    }
    if (s->dir) {
        if (s->started) {
            char *stop[] = {(char *)arena_printf(s->a, "%s/pg_ctl", s->pg_bin), "-D",
                            (char *)arena_printf(s->a, "%s/data", s->dir), "-m", "immediate", "-w", "-t", "30",
                            "stop", NULL};
            run(s, stop);
            s->started = false;
        }
        nftw(s->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
        s->dir = NULL;
    }
}
