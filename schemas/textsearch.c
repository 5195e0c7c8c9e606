/*
 * textsearch.c — the text search facts the normaliser needs: PostgreSQL's
 * own configurations, dictionaries, templates and parsers (initdb's), and
 * regconfig literals ('english', 'public.cfg'::regconfig) in their
 * canonical spelling, so 'cfg' in a file and the catalog's 'public.cfg'
 * compare equal.
 *
 * The reader of CREATE TEXT SEARCH ... (parser/textsearch.c) and the
 * normaliser (schemas/normalize.c, which diff/ and emit/ call) both use
 * them, so they live here, below both.  Moved unchanged from
 * parser/textsearch.c; the helpers it shares got the module's prefix.
 */
#include "pg.h"
#include "model.h"

#include <string.h>

/* initdb's snowball configurations (each has a <language>_stem dictionary). */
static const char *const languages[] = {
    "arabic",  "armenian",   "basque",    "catalan", "danish",     "dutch",   "english",
    "finnish", "french",     "german",    "greek",   "hindi",      "hungarian", "indonesian",
    "irish",   "italian",    "lithuanian", "nepali", "norwegian",  "portuguese", "romanian",
    "russian", "serbian",    "spanish",   "swedish", "tamil",      "turkish", "yiddish",
};
#define N_LANGUAGES ((int)(sizeof languages / sizeof languages[0]))

static bool is_language(const char *s, size_t n)
{
    for (int i = 0; i < N_LANGUAGES; i++)
        if (strlen(languages[i]) == n && !strncmp(languages[i], s, n))
            return true;
    return false;
}

/* Whether pg_catalog has an object of kind k named `name`. */
bool textsearch_builtin(ObjKind k, const char *name)
{
    size_t n = strlen(name);
    switch (k) {
    case OBJ_TS_CONFIG: return !strcmp(name, "simple") || is_language(name, n);
    case OBJ_TS_DICT:
        return !strcmp(name, "simple") || (n > 5 && !strcmp(name + n - 5, "_stem") && is_language(name, n - 5));
    case OBJ_TS_TEMPLATE:
        return !strcmp(name, "simple") || !strcmp(name, "synonym") || !strcmp(name, "thesaurus") ||
               !strcmp(name, "ispell") || !strcmp(name, "snowball");
    case OBJ_TS_PARSER: return !strcmp(name, "default");
    case OBJ_OPERATOR:
    case OBJ_RULE:
    case OBJ_OPFAMILY:
    case OBJ_OPCLASS:
    case OBJ_RANGE:
    case OBJ_CAST:
    case OBJ_STATISTICS:
    case OBJ_SCHEMA:
    case OBJ_EXTENSION:
    case OBJ_ENUM:
    case OBJ_SEQUENCE:
    case OBJ_TABLE:
    case OBJ_COLUMN:
    case OBJ_CONSTRAINT:
    case OBJ_INDEX:
    case OBJ_SEQ_OWNER:
    case OBJ_DOMAIN:
    case OBJ_COMPOSITE:
    case OBJ_FUNCTION:
    case OBJ_AGGREGATE:
    case OBJ_VIEW:
    case OBJ_TRIGGER:
    case OBJ_POLICY:
    case OBJ_EVENT_TRIGGER:
    case OBJ_DEFAULT_ACL:
    case OBJ_COLLATION:
    case OBJ_PUBLICATION:
    case OBJ_FDW: case OBJ_SERVER: case OBJ_USER_MAPPING:
    case OBJ_KIND_COUNT:
        break;
    }
    return false;
}

const char *textsearch_qname(Arena *a, const char *schema, const char *name)
{
    const char *s = quote_identifier(schema);
    return arena_printf(a, "%s.%s", s, quote_identifier(name));
}

/* ---- regconfig literals ------------------------------------------------------ */

bool textsearch_name_is(const List *names, const char *name)
{
    return names && !strcmp(strVal(llast(names)), name);
}

bool textsearch_config_call(const Node *n)
{
    if (!n || !IsA(n, FuncCall))
        return false;
    const FuncCall *f = (const FuncCall *)n;
    int nargs = list_length(f->args);
    if (nargs == 2)
        return textsearch_name_is(f->funcname, "to_tsvector") || textsearch_name_is(f->funcname, "to_tsquery") ||
               textsearch_name_is(f->funcname, "plainto_tsquery") || textsearch_name_is(f->funcname, "phraseto_tsquery") ||
               textsearch_name_is(f->funcname, "websearch_to_tsquery");
    if (nargs == 3)
        return textsearch_name_is(f->funcname, "json_to_tsvector") || textsearch_name_is(f->funcname, "jsonb_to_tsvector");
    return nargs == 4 && textsearch_name_is(f->funcname, "ts_headline");
}

/* Split a regconfig literal as regconfigin reads it: one or two names,
 * each bare (folded to lower case) or double-quoted ("" a quote); false
 * when it is not such a name.  Parts are palloc'd. */
static bool split_literal(const char *text, char **schema, char **name)
{
    char *parts[2] = {NULL, NULL};
    int n = 0;
    const char *p = text;
    for (;;) {
        if (n == 2)
            return false;
        StringInfoData sb;
        initStringInfo(&sb);
        if (*p == '"') {
            for (p++;; p++) {
                if (!*p)
                    return false;
                if (*p == '"' && p[1] != '"')
                    break;
                if (*p == '"')
                    p++;
                appendStringInfoChar(&sb, *p);
            }
            p++;
        } else {
            for (; *p && *p != '.'; p++)
                appendStringInfoChar(&sb, (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p));
        }
        if (!sb.len)
            return false;
        parts[n++] = sb.data;
        if (!*p)
            break;
        if (*p++ != '.')
            return false;
    }
    *schema = n == 2 ? parts[0] : NULL;
    *name = parts[n - 1];
    return true;
}

/* The schema and name a regconfig literal names, as PostgreSQL resolves
 * it (pg_catalog first); false when it is not a name. */
bool textsearch_resolve_literal(const char *default_schema, const char *text, const char **schema, const char **name)
{
    char *s, *n;
    if (!split_literal(text, &s, &n))
        return false;
    *name = n;
    *schema = s ? s : textsearch_builtin(OBJ_TS_CONFIG, n) ? "pg_catalog" : default_schema;
    return true;
}

const char *textsearch_config_literal(Arena *a, const char *default_schema, const char *text)
{
    const char *schema, *name;
    if (!textsearch_resolve_literal(default_schema, text, &schema, &name))
        return text;
    /* regconfigout with an empty search_path: pg_catalog's bare */
    if (!strcmp(schema, "pg_catalog"))
        return arena_strdup(a, quote_identifier(name));
    return textsearch_qname(a, schema, name);
}
