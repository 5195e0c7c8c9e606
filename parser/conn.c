/*
 * conn.c — libpq connection strings: recognising them, naming them without
 * their secrets, and opening them so that no message can carry a secret.
 *
 * Which parameters are secret is libpq's own knowledge: PQconndefaults()
 * marks them with dispchar "*" (password and sslpassword in libpq 15; later
 * versions add more, and they are picked up without a change here).  The
 * comparison ignores case, so that a misspelt `Password=` is hidden too
 * (libpq rejects it, but its value is still somebody's password).
 *
 * Redaction works on the parsed structure, never by searching the value's
 * text in the string: a one-character password must not take every `1` of
 * the host with it.  Both forms are split the way libpq splits them
 * (fe-connect.c, conninfo_parse and conninfo_uri_parse_options):
 *
 *  - a URL: the user-info is whatever precedes the first '@' met before a
 *    '/'; its password (after the first ':') is dropped, the user kept.
 *    Host, port and database are kept as written.  Query parameters are
 *    kept as written unless their %-decoded name is a secret, or cannot be
 *    decoded, or has no '=' (then nobody can tell what it holds).
 *  - keyword=value pairs: each pair is kept as written (quotes and
 *    escapes included), pairs with a secret keyword are dropped; when the
 *    string stops being parseable the rest is shown as "...".
 *
 * libpq's own messages: once a string parses, libpq never echoes a secret
 * value (its messages name hosts, ports, files, integer options and the
 * server's reason).  Parse errors do echo text, up to the whole URL, so a
 * string libpq cannot parse is never handed to PQconnectdb: the error is
 * the one libpq gives for the redacted string (it echoes only redacted
 * text), or, when the fault lies in what redaction removed, a message of
 * ours that names no part of it.
 */
#include "model.h"

#include <ctype.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- which parameters are secret ---------------------------------------- */

#define MAX_SECRET_KEYWORDS 16

static char secret_keywords[MAX_SECRET_KEYWORDS][64];
static int n_secret_keywords;
static pthread_once_t secret_once = PTHREAD_ONCE_INIT;

static void add_secret_keyword(const char *kw)
{
    for (int i = 0; i < n_secret_keywords; i++)
        if (!strcasecmp(secret_keywords[i], kw))
            return;
    if (n_secret_keywords < MAX_SECRET_KEYWORDS && strlen(kw) < sizeof secret_keywords[0])
        strcpy(secret_keywords[n_secret_keywords++], kw);
}

static void load_secret_keywords(void)
{
    /* the two libpq 15 has, whatever PQconndefaults() can tell (it returns
     * NULL when out of memory) */
    add_secret_keyword("password");
    add_secret_keyword("sslpassword");
    PQconninfoOption *defs = PQconndefaults();
    for (PQconninfoOption *o = defs; o && o->keyword; o++)
        if (o->dispchar && strchr(o->dispchar, '*'))
            add_secret_keyword(o->keyword);
    PQconninfoFree(defs);
}

bool conn_is_secret_keyword(const char *keyword)
{
    pthread_once(&secret_once, load_secret_keywords);
    for (int i = 0; i < n_secret_keywords; i++)
        if (!strcasecmp(secret_keywords[i], keyword))
            return true;
    return false;
}

/* ---- recognising a connection string ------------------------------------ */

static bool is_url(const char *src)
{
    return !strncmp(src, "postgres://", 11) || !strncmp(src, "postgresql://", 13);
}

bool catalog_is_connection(const char *src)
{
    if (is_url(src))
        return true;
    /* keyword=value form: starts with a keyword followed by '=' */
    const char *p = src;
    while (*p == ' ' || *p == '\t')
        p++;
    const char *k = p;
    while ((*p >= 'a' && *p <= 'z') || *p == '_')
        p++;
    while (*p == ' ')
        p++;
    return p > k && *p == '=';
}

/* ---- URL form -------------------------------------------------------------- */

static int hexval(char ch)
{
    return ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
           : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
}

/* %-decoding as libpq's conninfo_uri_decode does it: NULL where libpq
 * reports an error (a '%' without two hex digits, or %00). */
static char *pct_decode_strict(Arena *a, const char *s, size_t n)
{
    char *out = arena_alloc(a, n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '%') {
            out[o++] = s[i];
            continue;
        }
        if (i + 2 >= n || hexval(s[i + 1]) < 0 || hexval(s[i + 2]) < 0)
            return NULL;
        char c = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
        if (!c)
            return NULL;
        out[o++] = c;
        i += 2;
    }
    out[o] = '\0';
    return out;
}

static void url_display(Arena *a, const char *src, StrBuf *sb)
{
    const char *rest = strstr(src, "://") + 3;
    sb_putn(sb, src, (size_t)(rest - src));
    /* user-info: libpq looks for '@' before the first '/' (not '?') */
    const char *p = rest;
    while (*p && *p != '@' && *p != '/')
        p++;
    if (*p == '@') {
        /* the '@' stays even after an empty user: without it what follows
         * would read as user-info */
        sb_putn(sb, rest, strcspn(rest, ":@"));
        sb_putc(sb, '@');
        rest = p + 1;
    }
    const char *q = strchr(rest, '?');
    sb_putn(sb, rest, q ? (size_t)(q - rest) : strlen(rest));
    if (!q)
        return;
    bool first = true;
    for (const char *s = q + 1; *s;) {
        size_t len = strcspn(s, "&");
        const char *eq = memchr(s, '=', len);
        const char *key = eq ? pct_decode_strict(a, s, (size_t)(eq - s)) : NULL;
        if (key && !conn_is_secret_keyword(key)) {
            sb_putc(sb, first ? '?' : '&');
            sb_putn(sb, s, len);
            first = false;
        }
        s += len + (s[len] == '&');
    }
}

/* ---- keyword=value form ---------------------------------------------------- */

/* Split like libpq's conninfo_parse; calls `pair` with the spans of each
 * keyword and of each value as written (quotes included).  Returns NULL when
 * the whole string parsed, else the reason it stopped (no text of it). */
typedef void (*PairFn)(void *arg, const char *k, size_t klen, const char *start, size_t len);

static const char *kv_split(const char *src, PairFn pair, void *arg)
{
    const char *cp = src;
    for (;;) {
        while (*cp && isspace((unsigned char)*cp))
            cp++;
        if (!*cp)
            return NULL;
        const char *k = cp;
        while (*cp && *cp != '=' && !isspace((unsigned char)*cp))
            cp++;
        size_t klen = (size_t)(cp - k);
        while (*cp && isspace((unsigned char)*cp))
            cp++;
        if (*cp != '=')
            return "\"=\" missing after a keyword";
        cp++;
        while (*cp && isspace((unsigned char)*cp))
            cp++;
        if (*cp != '\'') {
            while (*cp && !isspace((unsigned char)*cp)) {
                if (*cp == '\\' && cp[1])
                    cp++;
                cp++;
            }
        } else {
            cp++;
            for (;;) {
                if (!*cp)
                    return "unterminated quoted string";
                if (*cp == '\\') {
                    cp++;
                    if (*cp)
                        cp++;
                    continue;
                }
                if (*cp++ == '\'')
                    break;
            }
        }
        pair(arg, k, klen, k, (size_t)(cp - k));
    }
}

typedef struct KvOut {
    Arena *a;
    StrBuf *sb;
} KvOut;

static void kv_keep(void *arg, const char *k, size_t klen, const char *start, size_t len)
{
    KvOut *o = arg;
    if (conn_is_secret_keyword(arena_strndup(o->a, k, klen)))
        return;
    if (o->sb->len)
        sb_putc(o->sb, ' ');
    sb_putn(o->sb, start, len);
}

/* ---- names and checks ------------------------------------------------------ */

const char *catalog_display_name(Arena *a, const char *src)
{
    StrBuf sb;
    sb_init(&sb);
    if (is_url(src))
        url_display(a, src, &sb);
    else {
        KvOut o = {a, &sb};
        if (kv_split(src, kv_keep, &o))
            sb_puts(&sb, sb.len ? " ..." : "...");
        if (!sb.len)
            sb_puts(&sb, "(connection string)");
    }
    char *r = sb_take(&sb, a);
    sb_free(&sb);
    return r;
}

static void kv_none(void *arg, const char *k, size_t klen, const char *start, size_t len)
{
    (void)arg, (void)k, (void)klen, (void)start, (void)len;
}

const char *conn_check(Arena *a, const char *src)
{
    char *err = NULL;
    PQconninfoOption *opts = PQconninfoParse(src, &err);
    if (opts) {
        PQconninfoFree(opts);
        return NULL;
    }
    if (!err)
        return "out of memory parsing the connection string";
    PQfreemem(err);
    /* libpq's message may quote the string or a token of it: use the
     * message it gives for the redacted string instead */
    if (!is_url(src)) {
        const char *why = kv_split(src, kv_none, NULL);
        if (why)
            return arena_printf(a, "invalid connection string: %s", why);
    }
    const char *shown = catalog_display_name(a, src);
    opts = PQconninfoParse(shown, &err);
    if (opts) {
        PQconninfoFree(opts);
        return "invalid connection string: the fault is in a part not shown "
               "(a secret parameter, or a parameter that cannot be decoded)";
    }
    if (!err)
        return "out of memory parsing the connection string";
    const char *msg = arena_strndup(a, err, strcspn(err, "\n"));
    PQfreemem(err);
    return msg;
}

struct pg_conn *conn_open(Arena *a, const char *src, const char **err)
{
    *err = conn_check(a, src);
    if (*err)
        return NULL;
    PGconn *c = PQconnectdb(src);
    if (!c) {
        *err = "out of memory";
        return NULL;
    }
    if (PQstatus(c) != CONNECTION_OK) {
        const char *msg = PQerrorMessage(c);
        *err = arena_strndup(a, msg, strcspn(msg, "\n"));
        PQfinish(c);
        return NULL;
    }
    return c;
}

struct pg_conn *conn_start(Arena *a, const char *src, const char **err)
{
    *err = conn_check(a, src);
    if (*err)
        return NULL;
    /* a later keyword overrides what the expanded dbname says: names and
     * definitions arrive as UTF-8 whatever the database's encoding */
    const char *const keys[] = {"dbname", "client_encoding", NULL};
    const char *const vals[] = {src, "UTF8", NULL};
    PGconn *c = PQconnectStartParams(keys, vals, 1);
    if (!c) {
        *err = "out of memory";
        return NULL;
    }
    return c;
}

bool conn_command_ok(struct pg_conn *c, const char *sql)
{
    PGresult *r = PQexec(c, sql);
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    PQclear(r);
    return ok;
}
