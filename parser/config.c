/*
 * config.c — schemadiff.yaml, the settings SQL cannot say.
 *
 * The file is read with libyaml's document loader into a node tree, which
 * is then walked against one table of known keys (`keys` below): a dotted
 * path, the type of its value and where it goes in the Config.  A section
 * (`hazards`, `timeouts`, `schemas`) is any prefix of a known path, so a
 * later issue adds `shadow.*` or `polymorphic.*` by adding rows, and the
 * walker, the "known keys" lists of the messages and the checks follow.
 *
 * Every mistake is an input error located like a SQL error (diag.c):
 * `file:line:col: error: ...`, the line and a caret, exit 3.  libyaml's
 * marks count characters from the start of the text (after a UTF-8 BOM it
 * skips), so a mark is turned into a byte offset by walking that many
 * UTF-8 sequences; the text is checked to be UTF-8 without NUL bytes first,
 * and at most CONFIG_MAX_BYTES long, so that no input makes the reader
 * slow or the walk ambiguous.  libyaml accepts duplicate keys (the YAML
 * spec forbids them): they are found here.  Values are checked as the
 * command line checks its flags: hazard names against the hazard table,
 * durations as PostgreSQL takes them (config_valid_duration, which the
 * command line uses too).
 */
#include "model.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#define CONFIG_MAX_BYTES (1 << 20)
/* Deeper collections are refused before libyaml's loader sees them: its
 * scanner checks every open flow level at each token (quadratic in the
 * depth), and no setting nests more than three levels. */
#define CONFIG_MAX_DEPTH 32
/* A file of many mistakes reports the first ones. */
#define CONFIG_MAX_ERRORS 20

bool config_valid_duration(const char *v)
{
    static const struct {
        const char *unit;
        long long ms;
    } units[] = {{"", 1}, {"ms", 1}, {"s", 1000}, {"min", 60000}, {"h", 3600000}, {"d", 86400000}};
    const char *p = v;
    long long n = 0;
    if (!p || *p < '0' || *p > '9')
        return false;
    for (; *p >= '0' && *p <= '9'; p++) {
        n = n * 10 + (*p - '0');
        if (n > INT_MAX)
            return false;
    }
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (!strcmp(p, units[i].unit))
            return n * units[i].ms <= INT_MAX;
    return false;
}

/* ---- the known keys -------------------------------------------------------- */

typedef enum CfgType {
    CFG_HAZARD_LIST,   /* unsigned (Hazard bits) */
    CFG_DURATION,      /* const char * */
    CFG_NAME_LIST,     /* PtrVec of char * */
    CFG_BOOL,          /* bool */
    CFG_OWN_TABLE,     /* const char *: a table name in SD_OWN_SCHEMA */
    CFG_POLY_RULES,    /* PtrVec of PolyRule * (parser/config_poly.c) */
    CFG_POLY_IGNORE,   /* PtrVec of PolyName * (parser/config_poly.c) */
    CFG_TABLE_LIST,    /* PtrVec of char *: "schema.name" or "name" */
    CFG_COUNT,         /* long long, a whole number >= 0 (batch_size: >= 1) */
    CFG_CUTOVER,       /* const char *: in_place | staged */
    CFG_CONVERSIONS,   /* PtrVec of ConvRule * (parser/config_conv.c) */
} CfgType;

static const struct {
    const char *path;  /* dotted: section.key */
    CfgType type;
    size_t value;      /* offsetof the value in Config */
    size_t given;      /* offsetof the bool that says it was given */
} keys[] = {
    {"hazards.allow", CFG_HAZARD_LIST, offsetof(Config, allow), offsetof(Config, has_allow)},
    {"timeouts.lock", CFG_DURATION, offsetof(Config, lock_timeout), offsetof(Config, has_lock_timeout)},
    {"timeouts.statement", CFG_DURATION, offsetof(Config, statement_timeout),
     offsetof(Config, has_statement_timeout)},
    {"schemas.include", CFG_NAME_LIST, offsetof(Config, include), offsetof(Config, has_include)},
    {"schemas.exclude", CFG_NAME_LIST, offsetof(Config, exclude), offsetof(Config, has_exclude)},
    {"owners", CFG_BOOL, offsetof(Config, owners), offsetof(Config, has_owners)},
    {"apply.history_table", CFG_OWN_TABLE, offsetof(Config, history_table), offsetof(Config, has_history_table)},
    {"polymorphic", CFG_POLY_RULES, offsetof(Config, poly), offsetof(Config, has_poly)},
    {"polymorphic_ignore", CFG_POLY_IGNORE, offsetof(Config, poly_ignore), offsetof(Config, has_poly_ignore)},
    {"shadow.tables", CFG_TABLE_LIST, offsetof(Config, shadow_tables), offsetof(Config, has_shadow_tables)},
    {"shadow.min_rows", CFG_COUNT, offsetof(Config, shadow_min_rows), offsetof(Config, has_shadow_min_rows)},
    {"shadow.min_bytes", CFG_COUNT, offsetof(Config, shadow_min_bytes), offsetof(Config, has_shadow_min_bytes)},
    {"shadow.batch_size", CFG_COUNT, offsetof(Config, shadow_batch_size), offsetof(Config, has_shadow_batch_size)},
    {"shadow.lock_timeout", CFG_DURATION, offsetof(Config, shadow_lock_timeout),
     offsetof(Config, has_shadow_lock_timeout)},
    {"conversions", CFG_CONVERSIONS, offsetof(Config, conversions), offsetof(Config, has_conversions)},
    {"shadow.cutover", CFG_CUTOVER, offsetof(Config, shadow_cutover), offsetof(Config, has_shadow_cutover)},
};
#define NKEYS (sizeof keys / sizeof keys[0])

typedef struct ConfigReader {
    Arena *a;
    Config *cfg;
    const char *file, *text;
    size_t len;
    Diags *diags;
    yaml_document_t *doc;
    int errors;
    size_t memo_index, memo_off;   /* the last mark converted: marks come in order */
} Reader;

/* ---- locations ------------------------------------------------------------- */

/* The byte offset of the index-th character of the text (libyaml's marks
 * count characters; the text is valid UTF-8). */
static int byte_offset(Reader *r, size_t index)
{
    size_t i = 0, off = 0;
    if (index >= r->memo_index) {
        i = r->memo_index;
        off = r->memo_off;
    }
    for (; i < index && off < r->len; i++) {
        size_t n = diag_utf8_len(r->text + off, r->len - off);
        off += n ? n : 1;
    }
    r->memo_index = i;
    r->memo_off = off;
    return (int)off;
}

static SrcLoc loc_of(Reader *r, yaml_mark_t m)
{
    SrcLoc l = {r->file, r->text, byte_offset(r, m.index)};
    return l;
}

/* An input error at mark m (the first CONFIG_MAX_ERRORS of them). */
static void fail(Reader *r, yaml_mark_t m, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fail(Reader *r, yaml_mark_t m, const char *fmt, ...)
{
    if (r->errors++ >= CONFIG_MAX_ERRORS)
        return;
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *msg = arena_alloc(r->a, (size_t)n + 1);
    vsnprintf(msg, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    va_end(ap);
    diag_at(r->diags, EXIT_INPUT, loc_of(r, m), "%s", msg);
}

/* libyaml's error of a failed parse or load, at its place. */
static void fail_yaml(Reader *r, const yaml_parser_t *p)
{
    const char *problem = p->problem ? p->problem : "cannot read it";
    if (p->error == YAML_READER_ERROR) {
        /* a byte offset (the text is known to be UTF-8: a control character) */
        SrcLoc l = {r->file, r->text, (int)(p->problem_offset < r->len ? p->problem_offset : r->len)};
        diag_at(r->diags, EXIT_INPUT, l, "YAML syntax error: %s", problem);
        r->errors++;
    } else if (p->context) {
        fail(r, p->problem_mark, "YAML syntax error: %s (%s)", problem, p->context);
    } else {
        fail(r, p->problem_mark, "YAML syntax error: %s", problem);
    }
}

/* ---- for the readers of sections in other files (config_poly.c) ----------- */

SrcLoc config_loc(ConfigReader *r, size_t mark_index)
{
    SrcLoc l = {r->file, r->text, byte_offset(r, mark_index)};
    return l;
}

/* One located error (at most CONFIG_MAX_ERRORS are kept). */
static void config_verror(ConfigReader *r, SrcLoc loc, const char *fmt, va_list ap)
{
    if (r->errors++ >= CONFIG_MAX_ERRORS)
        return;
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *msg = arena_alloc(r->a, (size_t)n + 1);
    vsnprintf(msg, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    diag_at(r->diags, EXIT_INPUT, loc, "%s", msg);
}

void config_error(ConfigReader *r, size_t mark_index, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    config_verror(r, config_loc(r, mark_index), fmt, ap);
    va_end(ap);
}

void config_error_loc(ConfigReader *r, SrcLoc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    config_verror(r, loc, fmt, ap);
    va_end(ap);
}

Arena *config_arena(ConfigReader *r)
{
    return r->a;
}

void *config_doc(ConfigReader *r)
{
    return r->doc;
}

bool config_full(ConfigReader *r)
{
    return r->errors >= CONFIG_MAX_ERRORS;
}

/* ---- node helpers ---------------------------------------------------------- */

static bool is_null(const yaml_node_t *n)
{
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    const char *v = (const char *)n->data.scalar.value;
    return !*v || !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") || !strcmp(v, "NULL");
}

/* What a node is, for "takes X, not Y" messages. */
static const char *node_what(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_MAPPING_NODE: return "a mapping";
    case YAML_SEQUENCE_NODE: return "a list";
    case YAML_SCALAR_NODE: return is_null(n) ? "null" : "a string";
    case YAML_NO_NODE: break;
    }
    return "nothing";
}

/* A scalar's value as a string in the arena, cut at 60 characters for
 * messages. */
static const char *shown(const Reader *r, const yaml_node_t *n)
{
    const char *v = (const char *)n->data.scalar.value;
    size_t len = n->data.scalar.length, cut = 0;
    for (int k = 0; cut < len && k < 60; k++) {
        size_t w = diag_utf8_len(v + cut, len - cut);
        cut += w ? w : 1;
    }
    return arena_printf(r->a, "%.*s%s", (int)cut, v, cut < len ? "..." : "");
}

/* The known keys directly under `prefix` ("" for the top), each once, in
 * table order, joined by ", ". */
static const char *known_under(const Reader *r, const char *prefix)
{
    StrBuf sb;
    sb_init(&sb);
    size_t pl = strlen(prefix);
    const char *seen[NKEYS];
    int nseen = 0;
    for (size_t i = 0; i < NKEYS; i++) {
        if (strncmp(keys[i].path, prefix, pl))
            continue;
        const char *rest = keys[i].path + pl;
        size_t n = strcspn(rest, ".");
        bool dup = false;
        for (int k = 0; k < nseen; k++)
            dup = dup || (strlen(seen[k]) == n && !strncmp(seen[k], rest, n));
        if (dup)
            continue;
        seen[nseen++] = arena_strndup(r->a, rest, n);
        sb_printf(&sb, "%s%s%.*s", sb.len ? ", " : "", prefix, (int)n, rest);
    }
    char *s = sb_take(&sb, r->a);
    sb_free(&sb);
    return s;
}


/* ---- values ---------------------------------------------------------------- */

static void read_value(Reader *r, size_t k, yaml_node_t *v)
{
    const char *path = keys[k].path;
    char *base = (char *)r->cfg;
    switch (keys[k].type) {
    case CFG_HAZARD_LIST:
    case CFG_TABLE_LIST:
    case CFG_NAME_LIST: {
        bool hz = keys[k].type == CFG_HAZARD_LIST;
        const char *what = keys[k].type == CFG_TABLE_LIST ? "table" : "schema";
        if (v->type != YAML_SEQUENCE_NODE) {
            if (hz)
                fail(r, v->start_mark, "%s takes a list of hazard names, not %s", path, node_what(v));
            else
                fail(r, v->start_mark, "%s takes a list of %s names, not %s", path, what, node_what(v));
            return;
        }
        unsigned bits = 0;
        PtrVec names = {0};
        bool ok = true;
        for (yaml_node_item_t *it = v->data.sequence.items.start;
             it < v->data.sequence.items.top && r->errors < CONFIG_MAX_ERRORS; it++) {
            yaml_node_t *item = yaml_document_get_node(r->doc, *it);
            if (!item)
                continue;
            if (item->type != YAML_SCALAR_NODE || is_null(item) || !item->data.scalar.length) {
                const char *got = item->type == YAML_SCALAR_NODE && !is_null(item) ? "an empty string"
                                                                                   : node_what(item);
                if (hz)
                    fail(r, item->start_mark, "an item of %s must be a hazard name, not %s", path, got);
                else
                    fail(r, item->start_mark, "an item of %s must be a %s name, not %s", path, what, got);
                ok = false;
                continue;
            }
            const char *s = arena_strndup(r->a, (const char *)item->data.scalar.value, item->data.scalar.length);
            if (hz) {
                unsigned b = hazard_by_name(s);
                if (!b) {
                    fail(r, item->start_mark, "unknown hazard '%s' in %s (known: %s)",
                            shown(r, item), path, hazard_known_names(r->a));
                    ok = false;
                }
                bits |= b;
            } else if (strlen(s) != item->data.scalar.length) {
                /* not reached: NUL bytes are refused before parsing */
                ok = false;
            } else {
                vec_push(r->a, &names, (void *)s);
            }
        }
        if (!ok)
            return;
        if (hz)
            *(unsigned *)(base + keys[k].value) = bits;
        else
            *(PtrVec *)(base + keys[k].value) = names;
        break;
    }
    case CFG_DURATION: {
        if (v->type != YAML_SCALAR_NODE || is_null(v)) {
            fail(r, v->start_mark, "%s takes a PostgreSQL duration (e.g. 5s, 500ms, 1min, 2h, 0; a bare number is "
                           "milliseconds), not %s", path, node_what(v));
            return;
        }
        const char *s = arena_strndup(r->a, (const char *)v->data.scalar.value, v->data.scalar.length);
        if (!config_valid_duration(s) || strlen(s) != v->data.scalar.length) {
            fail(r, v->start_mark, "%s takes a PostgreSQL duration (e.g. 5s, 500ms, 1min, 2h, 0; a bare number is "
                           "milliseconds), not '%s'", path, shown(r, v));
            return;
        }
        *(const char **)(base + keys[k].value) = s;
        break;
    }
    case CFG_OWN_TABLE: {
        /* apply's history lives in schemadiff's own schema, which the
         * catalog reader never reads: a table elsewhere would be drift */
        const char *s = v->type == YAML_SCALAR_NODE && !is_null(v)
                            ? arena_strndup(r->a, (const char *)v->data.scalar.value, v->data.scalar.length)
                            : NULL;
        const char *name = s && !strncmp(s, SD_OWN_SCHEMA ".", strlen(SD_OWN_SCHEMA) + 1)
                               ? s + strlen(SD_OWN_SCHEMA) + 1 : s;
        bool ok = name && *name && strlen(name) < PG_NAMEDATALEN && strlen(s) == v->data.scalar.length &&
                  !(*name >= '0' && *name <= '9');
        for (const char *p = name; ok && *p; p++)
            ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_';
        if (!ok) {
            fail(r, v->start_mark, "%s takes a table name in schema %s (lowercase letters, digits and _, at most "
                                   "63 bytes; e.g. history or %s.history), not %s%s%s",
                 path, SD_OWN_SCHEMA, SD_OWN_SCHEMA, s ? "'" : "", s ? shown(r, v) : node_what(v), s ? "'" : "");
            return;
        }
        *(const char **)(base + keys[k].value) = name;
        break;
    }
    case CFG_POLY_RULES:
        config_poly_rules(r, r->cfg, v);
        break;
    case CFG_POLY_IGNORE:
        config_poly_ignore(r, r->cfg, v);
        break;
    case CFG_CONVERSIONS:
        config_conversions(r, r->cfg, v);
        break;
    case CFG_COUNT: {
        bool batch = !strcmp(path, "shadow.batch_size");
        const char *sv = v->type == YAML_SCALAR_NODE && !is_null(v) ? (const char *)v->data.scalar.value : NULL;
        long long n = 0;
        bool ok = sv && *sv >= '0' && *sv <= '9' && strlen(sv) == v->data.scalar.length;
        for (const char *q = sv; ok && *q; q++) {
            ok = *q >= '0' && *q <= '9' && n <= (LLONG_MAX - 9) / 10;
            if (ok)
                n = n * 10 + (*q - '0');
        }
        if (!ok || (batch && n < 1)) {
            if (sv)
                fail(r, v->start_mark, "%s takes a whole number%s, not '%s'", path, batch ? " of rows, at least 1" : "",
                     shown(r, v));
            else
                fail(r, v->start_mark, "%s takes a whole number%s, not %s", path, batch ? " of rows, at least 1" : "",
                     node_what(v));
            return;
        }
        *(long long *)(base + keys[k].value) = n;
        break;
    }
    case CFG_CUTOVER: {
        const char *sv = v->type == YAML_SCALAR_NODE && !is_null(v) ? (const char *)v->data.scalar.value : NULL;
        if (!sv || (strcmp(sv, "in_place") && strcmp(sv, "staged"))) {
            if (sv)
                fail(r, v->start_mark, "%s takes in_place or staged, not '%s'", path, shown(r, v));
            else
                fail(r, v->start_mark, "%s takes in_place or staged, not %s", path, node_what(v));
            return;
        }
        *(const char **)(base + keys[k].value) = arena_strdup(r->a, sv);
        break;
    }
    case CFG_BOOL: {
        static const char *yes[] = {"true", "True", "TRUE"}, *no[] = {"false", "False", "FALSE"};
        int val = -1;
        if (v->type == YAML_SCALAR_NODE && v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
            for (int i = 0; i < 3; i++) {
                if (!strcmp((const char *)v->data.scalar.value, yes[i]))
                    val = 1;
                if (!strcmp((const char *)v->data.scalar.value, no[i]))
                    val = 0;
            }
        if (val < 0) {
            if (v->type == YAML_SCALAR_NODE && !is_null(v))
                fail(r, v->start_mark, "%s takes true or false, not '%s'", path, shown(r, v));
            else
                fail(r, v->start_mark, "%s takes true or false, not %s", path, node_what(v));
            return;
        }
        *(bool *)(base + keys[k].value) = val;
        break;
    }
    }
    *(bool *)(base + keys[k].given) = true;
}

/* ---- mappings -------------------------------------------------------------- */

/* The mapping `m` at section `prefix` ("" or "name."). */
static void read_mapping(Reader *r, yaml_node_t *m, const char *prefix)
{
    StrMap seen = {0};   /* key -> its first key node */
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        if (r->errors >= CONFIG_MAX_ERRORS)
            return;
        yaml_node_t *kn = yaml_document_get_node(r->doc, p->key);
        yaml_node_t *vn = yaml_document_get_node(r->doc, p->value);
        if (!kn || !vn)
            continue;
        if (kn->type != YAML_SCALAR_NODE || is_null(kn)) {
            fail(r, kn->start_mark, "a key must be a name, not %s", node_what(kn));
            continue;
        }
        const char *key = arena_strndup(r->a, (const char *)kn->data.scalar.value, kn->data.scalar.length);
        /* the YAML spec forbids duplicate keys; libyaml does not check */
        const yaml_node_t *first = map_put_new(r->a, &seen, key, kn);
        if (first) {
            SrcLoc fl = loc_of(r, first->start_mark);
            int line, col;
            diag_line_col(fl, &line, &col);
            fail(r, kn->start_mark, "duplicate key '%s%s' (first on line %d)", prefix, shown(r, kn), line);
            continue;
        }
        const char *path = arena_printf(r->a, "%s%s", prefix, key);
        size_t plen = strlen(path);
        bool leaf = false, section = false;
        size_t k = 0;
        for (size_t i = 0; i < NKEYS; i++) {
            if (!strcmp(keys[i].path, path)) {
                leaf = true;
                k = i;
            } else if (!strncmp(keys[i].path, path, plen) && keys[i].path[plen] == '.') {
                section = true;
            }
        }
        if (leaf) {
            read_value(r, k, vn);
        } else if (section) {
            const char *sub = arena_printf(r->a, "%s.", path);
            if (vn->type == YAML_MAPPING_NODE)
                read_mapping(r, vn, sub);
            else
                fail(r, vn->start_mark, "%s takes a mapping (keys: %s), not %s", path, known_under(r, sub),
                     node_what(vn));
        } else {
            fail(r, kn->start_mark, "unknown key '%s%s' (known: %s)", prefix, shown(r, kn), known_under(r, prefix));
        }
    }
}

/* ---- the file -------------------------------------------------------------- */

/* The first pass, over libyaml's events: the syntax, one document, no
 * collection deeper than CONFIG_MAX_DEPTH (found before the scanner gets
 * far into it).  Returns false after reporting. */
static bool check_events(Reader *r)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        diag_at(r->diags, EXIT_INTERNAL, (SrcLoc){r->file, NULL, -1}, "%s", "cannot start the YAML reader (out of memory)");
        return false;
    }
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    yaml_parser_set_input_string(&parser, (const unsigned char *)r->text, r->len);
    int depth = 0, documents = 0;
    bool ok = true, done = false;
    while (ok && !done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            fail_yaml(r, &parser);
            ok = false;
            break;
        }
        switch (ev.type) {
        case YAML_DOCUMENT_START_EVENT:
            /* a second document would be silently ignored */
            if (++documents > 1) {
                fail(r, ev.start_mark, "%s", "the config must be one YAML document, not several");
                ok = false;
            }
            break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            if (++depth > CONFIG_MAX_DEPTH) {
                fail(r, ev.start_mark, "the config nests deeper than %d levels", CONFIG_MAX_DEPTH);
                ok = false;
            }
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            depth--;
            break;
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        case YAML_NO_EVENT:
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_END_EVENT:
        case YAML_ALIAS_EVENT:
        case YAML_SCALAR_EVENT:
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    return ok;
}

void config_read_text(Config *cfg, Arena *a, const char *file, const char *text, size_t len, Diags *diags)
{
    Reader r = {.a = a, .cfg = cfg, .file = file, .text = text, .len = len, .diags = diags};
    cfg->file = file;
    const char *nul = memchr(text, '\0', len);
    long bad = diag_utf8_invalid(text, nul ? (size_t)(nul - text) : len);
    if (bad >= 0 || nul) {
        /* the excerpt shows the text up to the first NUL: stop there */
        SrcLoc l = {file, arena_strndup(a, text, nul ? (size_t)(nul - text) : len),
                    bad >= 0 ? (int)bad : (int)(nul - text)};
        diag_at(diags, EXIT_INPUT, l, "%s", bad >= 0 ? "the config is not valid UTF-8" : "the config holds a NUL byte");
        return;
    }
    if (len > CONFIG_MAX_BYTES) {
        diag_at(diags, EXIT_INPUT, (SrcLoc){file, NULL, -1}, "the config is larger than %d bytes", CONFIG_MAX_BYTES);
        return;
    }
    if (!check_events(&r))
        return;
    yaml_parser_t parser;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&parser)) {
        diag_at(diags, EXIT_INTERNAL, (SrcLoc){file, NULL, -1}, "%s", "cannot start the YAML reader (out of memory)");
        return;
    }
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &doc)) {
        /* not reached after check_events (out of memory, say) */
        fail_yaml(&r, &parser);
        yaml_parser_delete(&parser);
        return;
    }
    r.doc = &doc;
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (root && root->type == YAML_MAPPING_NODE)
        read_mapping(&r, root, "");
    else if (root && !is_null(root))
        fail(&r, root->start_mark, "the config must be a mapping (keys: %s), not %s", known_under(&r, ""),
             node_what(root));
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
}

bool config_read_file(Config *cfg, Arena *a, const char *path, Diags *diags)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    int err = 0;
    if (!f)
        err = errno;
    else if (fstat(fileno(f), &st) != 0)
        err = errno;
    else if (S_ISDIR(st.st_mode))
        err = EISDIR;
    if (err) {
        if (f)
            fclose(f);
        diag_at(diags, EXIT_INPUT, (SrcLoc){path, NULL, -1}, "cannot read config: %s", strerror(err));
        return false;
    }
    StrBuf sb;
    sb_init(&sb);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        sb_putn(&sb, buf, n);
        if (sb.len > CONFIG_MAX_BYTES)
            break;
    }
    if (ferror(f)) {
        err = errno ? errno : EIO;
        fclose(f);
        sb_free(&sb);
        diag_at(diags, EXIT_INPUT, (SrcLoc){path, NULL, -1}, "cannot read config: %s", strerror(err));
        return false;
    }
    fclose(f);
    size_t len = sb.len;
    char *text = arena_alloc(a, len + 1);
    if (len)
        memcpy(text, sb.data, len);
    sb_free(&sb);
    config_read_text(cfg, a, path, text, len, diags);
    return true;
}
