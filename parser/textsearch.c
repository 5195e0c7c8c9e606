/*
 * textsearch.c — text search parsers, templates, dictionaries and
 * configurations as model objects (OBJ_TS_PARSER, OBJ_TS_TEMPLATE,
 * OBJ_TS_DICT, OBJ_TS_CONFIG).
 *
 * Each is a Definition of its schema, compared as one canonical text
 * (`norm`, a String) built after all files:
 *
 *   - a parser: "START = f, GETTOKEN = f, END = f, LEXTYPES = f[, HEADLINE
 *     = f]"; a template: "[INIT = f, ]LEXIZE = f".  A function of the model
 *     is written qualified, one of pg_catalog bare, as regproc prints them
 *     with an empty search_path (the catalog reader's spelling).  They need
 *     C functions: in a database without extensions those are PostgreSQL's
 *     own (prsd_start, dsimple_init, ...), which is what can be supported;
 *     any change re-creates them (there is no ALTER for their functions).
 *   - a dictionary: its TEMPLATE and its options (name -> value) sorted by
 *     name; strings and numbers stay apart as PostgreSQL keeps them
 *     (dictinitoption quotes the one and not the other).  A changed option
 *     is ALTER TEXT SEARCH DICTIONARY (opt = value), a removed one (opt); a
 *     changed template re-creates it.
 *   - a configuration: its PARSER and its mappings, token type -> ordered
 *     list of dictionaries, in the default parser's token order.  `COPY =
 *     other` copies another configuration of the model or one of
 *     PostgreSQL's own (their mappings are known here: those of initdb's
 *     snowball_create.sql), so a file's COPY and the catalog's list of
 *     mappings compare equal.  A changed mapping is ALTER MAPPING, a removed
 *     one DROP MAPPING; a changed parser re-creates it.
 *
 * Names resolve as PostgreSQL resolves them: pg_catalog comes first in the
 * search path, so an unqualified name of one of PostgreSQL's own objects
 * (english, english_stem, simple, snowball, default) is pg_catalog's, any
 * other is the default schema's.  Qualified names are kept as
 * quote_identifier(schema).quote_identifier(name).
 *
 * Dependencies: configuration -> parser and dictionaries, dictionary ->
 * template, parser and template -> their functions, where the model holds
 * them; and everything that names a configuration by a regconfig literal
 * (to_tsvector('public.cfg', body) in an index, a view, a generated column
 * or a default; 'cfg'::regconfig) -> that configuration
 * (textsearch_dep_on_config, called by the expression walker of
 * parser/objects.c).  The literal itself is normalised the same way
 * (textsearch_config_literal), so 'cfg' in a file and the catalog's
 * 'public.cfg'::regconfig compare equal.
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The default parser's token types, in token id order (wparser_def.c). */
static const char *const default_tokens[] = {
    "asciiword", "word", "numword", "email", "url", "host", "sfloat", "version", "hword_numpart", "hword_part",
    "hword_asciipart", "blank", "tag", "protocol", "numhword", "asciihword", "hword", "url_path", "file", "float",
    "int", "uint", "entity",
};
#define N_TOKENS ((int)(sizeof default_tokens / sizeof default_tokens[0]))

static const char *kind_word(ObjKind k)
{
    return kind_info[k].name;
}

/* The name list a DefElem argument holds (PARSER = default, COPY = s.c,
 * TEMPLATE = snowball, START = f). */
static List *names_of(Node *arg)
{
    if (!arg)
        return NIL;
    if (IsA(arg, TypeName))
        return ((TypeName *)arg)->names;
    if (IsA(arg, List))
        return (List *)arg;
    if (IsA(arg, String))
        return list_make1(arg);
    return NIL;
}

/* Resolve a possibly qualified name of kind k as PostgreSQL would. */
static void resolve(DdlReader *r, ObjKind k, List *names, const char **schema, const char **name)
{
    int n = list_length(names);
    *name = strVal(llast(names));
    if (n >= 2)
        *schema = strVal(list_nth(names, n - 2));
    else
        *schema = textsearch_builtin(k, *name) ? "pg_catalog" : r->nc.default_schema;
}

/* The object of kind k those names resolve to: the model's, or (NULL,
 * *exists set) one of pg_catalog's. */
static Definition *lookup(DdlReader *r, ObjKind k, List *names, const char **canon, bool *exists)
{
    const char *schema, *name;
    resolve(r, k, names, &schema, &name);
    *canon = textsearch_qname(r->a, schema, name);
    Definition *d = (Definition *)model_lookup(r->m, k, schema, NULL, name);
    /* a database source (roles_known) is not judged: the server was */
    *exists = d || (!strcmp(schema, "pg_catalog") && textsearch_builtin(k, name)) || r->m->roles_known;
    return d;
}

/* ---- reading ---------------------------------------------------------------- */

static ObjKind kind_of(ObjectType t, bool *ok)
{
    *ok = true;
    switch (t) {
    case OBJECT_TSPARSER: return OBJ_TS_PARSER;
    case OBJECT_TSTEMPLATE: return OBJ_TS_TEMPLATE;
    case OBJECT_TSDICTIONARY: return OBJ_TS_DICT;
    case OBJECT_TSCONFIGURATION: return OBJ_TS_CONFIG;
    default: break;
    }
    *ok = false;
    return OBJ_KIND_COUNT;
}

/* A DefElem's value as compared: "s:text" or "n:12". */
static const char *option_value(DdlReader *r, DefElem *de)
{
    Node *v = de->arg;
    if (IsA(v, Integer))
        return arena_printf(r->a, "n:%d", intVal(v));
    if (IsA(v, Float))
        return arena_printf(r->a, "n:%s", castNode(Float, v)->fval);
    if (IsA(v, Boolean))
        return boolVal(v) ? "s:true" : "s:false";
    if (IsA(v, String))
        return arena_printf(r->a, "s:%s", strVal(v));
    List *names = names_of(v);
    StrBuf sb;
    sb_init(&sb);
    sb_puts(&sb, "s:");
    ListCell *lc;
    foreach (lc, names) {
        if (sb.len > 2)
            sb_putc(&sb, '.');
        sb_puts(&sb, strVal(lfirst(lc)));
    }
    return sb_take(&sb, r->a);
}

static int find_item(const PtrVec *v, const char *key)
{
    for (int i = 0; i < v->n; i += 2)
        if (!strcmp(v->items[i], key))
            return i;
    return -1;
}

static void set_item(DdlReader *r, PtrVec *v, const char *key, void *val)
{
    int i = find_item(v, key);
    if (i >= 0) {
        v->items[i + 1] = val;
        return;
    }
    vec_push(r->a, v, (void *)arena_strdup(r->a, key));
    vec_push(r->a, v, val);
}

static void remove_item(PtrVec *v, int i)
{
    memmove(&v->items[i], &v->items[i + 2], (size_t)(v->n - i - 2) * sizeof(void *));
    v->n -= 2;
}

/* The mappings of PostgreSQL's own configuration `name` into out. */
static void builtin_mappings(DdlReader *r, const char *name, PtrVec *out)
{
    static const char *const simple_group[] = {"email", "url",    "url_path", "host", "file", "version", "sfloat",
                                               "float", "int",    "uint",     "numword", "hword_numpart", "numhword"};
    static const char *const ascii_group[] = {"asciiword", "hword_asciipart", "asciihword"};
    static const char *const word_group[] = {"word", "hword_part", "hword"};
    const char *simple = textsearch_qname(r->a, "pg_catalog", "simple");
    if (!strcmp(name, "simple")) {
        /* initdb maps token ids 1-11 and 15-22: not blank, tag, protocol, entity */
        for (int i = 0; i < N_TOKENS; i++) {
            if ((i >= 11 && i <= 13) || i == 22)
                continue;
            PtrVec *d = arena_alloc(r->a, sizeof(PtrVec));
            vec_push(r->a, d, (void *)simple);
            set_item(r, out, default_tokens[i], d);
        }
        return;
    }
    const char *stem = textsearch_qname(r->a, "pg_catalog", arena_printf(r->a, "%s_stem", name));
    const char *ascii = !strcmp(name, "hindi") || !strcmp(name, "russian")
                            ? textsearch_qname(r->a, "pg_catalog", "english_stem")
                            : stem;
    for (size_t i = 0; i < sizeof simple_group / sizeof simple_group[0]; i++) {
        PtrVec *d = arena_alloc(r->a, sizeof(PtrVec));
        vec_push(r->a, d, (void *)simple);
        set_item(r, out, simple_group[i], d);
    }
    for (int i = 0; i < 3; i++) {
        PtrVec *d = arena_alloc(r->a, sizeof(PtrVec)), *w = arena_alloc(r->a, sizeof(PtrVec));
        vec_push(r->a, d, (void *)ascii);
        set_item(r, out, ascii_group[i], d);
        vec_push(r->a, w, (void *)stem);
        set_item(r, out, word_group[i], w);
    }
}

static bool parser_option(const char *name)
{
    return !strcmp(name, "start") || !strcmp(name, "gettoken") || !strcmp(name, "end") ||
           !strcmp(name, "lextypes") || !strcmp(name, "headline");
}

static bool has_option(List *defs, const char *name)
{
    ListCell *lc;
    foreach (lc, defs)
        if (!strcmp(((DefElem *)lfirst(lc))->defname, name))
            return true;
    return false;
}

/* Check a parser's or template's options: known names, required ones. */
static bool check_functions(DdlReader *r, ObjKind k, List *defs, int off)
{
    ListCell *lc;
    foreach (lc, defs) {
        DefElem *de = lfirst(lc);
        bool known = k == OBJ_TS_PARSER ? parser_option(de->defname)
                                        : !strcmp(de->defname, "init") || !strcmp(de->defname, "lexize");
        if (!known) {
            ddl_error(r, off, "%s parameter \"%s\" not recognized", kind_word(k), de->defname);
            return false;
        }
        if (!names_of(de->arg)) {
            ddl_error(r, off, "%s parameter \"%s\" needs a function name", kind_word(k), de->defname);
            return false;
        }
    }
    static const char *const parser_required[] = {"start", "gettoken", "end", "lextypes"};
    for (int i = 0; i < (k == OBJ_TS_PARSER ? 4 : 1); i++) {
        const char *req = k == OBJ_TS_PARSER ? parser_required[i] : "lexize";
        if (!has_option(defs, req)) {
            ddl_error(r, off, "%s %s method is required", kind_word(k), req);
            return false;
        }
    }
    return true;
}

static bool read_config_def(DdlReader *r, Definition *d, List *defs, int off)
{
    List *parser = NIL, *copy = NIL;
    ListCell *lc;
    foreach (lc, defs) {
        DefElem *de = lfirst(lc);
        if (!strcmp(de->defname, "parser"))
            parser = names_of(de->arg);
        else if (!strcmp(de->defname, "copy"))
            copy = names_of(de->arg);
        else {
            ddl_error(r, off, "text search configuration parameter \"%s\" not recognized", de->defname);
            return false;
        }
    }
    if (parser && copy) {
        ddl_error(r, off, "cannot specify both PARSER and COPY options");
        return false;
    }
    if (!parser && !copy) {
        ddl_error(r, off, "text search parser is required");
        return false;
    }
    bool exists;
    if (parser) {
        lookup(r, OBJ_TS_PARSER, parser, &d->ts_head, &exists);
        if (!exists) {
            ddl_error(r, off, "text search parser %s does not exist", d->ts_head);
            return false;
        }
        return true;
    }
    const char *schema, *name, *canon;
    resolve(r, OBJ_TS_CONFIG, copy, &schema, &name);
    Definition *src = lookup(r, OBJ_TS_CONFIG, copy, &canon, &exists);
    if (src) {
        d->ts_head = src->ts_head;
        for (int i = 0; i < src->ts_items.n; i += 2) {
            PtrVec *dl = arena_alloc(r->a, sizeof(PtrVec));
            const PtrVec *from = src->ts_items.items[i + 1];
            for (int k = 0; k < from->n; k++)
                vec_push(r->a, dl, from->items[k]);
            set_item(r, &d->ts_items, src->ts_items.items[i], dl);
        }
    } else if (!strcmp(schema, "pg_catalog") && textsearch_builtin(OBJ_TS_CONFIG, name)) {
        d->ts_head = textsearch_qname(r->a, "pg_catalog", "default");
        builtin_mappings(r, name, &d->ts_items);
    } else {
        ddl_error(r, off, "text search configuration %s does not exist", canon);
        return false;
    }
    return true;
}

static void read_define(DdlReader *r, DefineStmt *st, ObjKind k, int off)
{
    const char *schema, *name;
    ddl_qualified(r, st->defnames, &schema, &name);
    if (model_lookup(r->m, k, schema, NULL, name)) {
        ddl_error(r, off, "%s \"%s\" already exists", kind_word(k), name);
        return;
    }
    if ((k == OBJ_TS_PARSER || k == OBJ_TS_TEMPLATE) && !check_functions(r, k, st->definition, off))
        return;
    SrcLoc loc = {r->file, r->text, off};
    Definition tmp = {0};
    tmp.search_schema = r->nc.default_schema;
    if (k == OBJ_TS_CONFIG && !read_config_def(r, &tmp, st->definition, off))
        return;
    if (k == OBJ_TS_DICT) {
        ListCell *lc;
        foreach (lc, st->definition) {
            DefElem *de = lfirst(lc);
            if (!strcmp(de->defname, "template")) {
                bool exists;
                List *names = names_of(de->arg);
                if (!names) {
                    ddl_error(r, off, "text search template name expected");
                    return;
                }
                lookup(r, OBJ_TS_TEMPLATE, names, &tmp.ts_head, &exists);
                if (!exists) {
                    ddl_error(r, off, "text search template %s does not exist", tmp.ts_head);
                    return;
                }
            } else if (!de->arg) {
                ddl_error(r, off, "text search dictionary option \"%s\" needs a value", de->defname);
                return;
            } else {
                set_item(r, &tmp.ts_items, de->defname, (void *)option_value(r, de));
            }
        }
        if (!tmp.ts_head) {
            ddl_error(r, off, "text search template is required");
            return;
        }
    }
    Definition *d = model_add(r->m, sizeof(Definition), k, schema, NULL, name, loc);
    if (!d)
        return;
    d->raw = (Node *)st;
    d->search_schema = tmp.search_schema;
    d->ts_head = tmp.ts_head;
    d->ts_items = tmp.ts_items;
    d->enabled = 'O';
}

static Definition *target(DdlReader *r, ObjKind k, List *names, int off)
{
    const char *schema, *name;
    ddl_qualified(r, names, &schema, &name);
    Definition *d = (Definition *)model_lookup(r->m, k, schema, NULL, name);
    if (!d)
        ddl_error(r, off, "%s \"%s\" does not exist", kind_word(k), name);
    return d;
}

static void read_alter_dict(DdlReader *r, AlterTSDictionaryStmt *st, int off)
{
    Definition *d = target(r, OBJ_TS_DICT, st->dictname, off);
    if (!d)
        return;
    ListCell *lc;
    foreach (lc, st->options) {
        DefElem *de = lfirst(lc);
        if (!strcmp(de->defname, "template")) {
            ddl_error(r, off, "changing the template of a text search dictionary is not allowed");
            return;
        }
        int i = find_item(&d->ts_items, de->defname);
        if (!de->arg) {
            if (i >= 0)
                remove_item(&d->ts_items, i);
        } else {
            set_item(r, &d->ts_items, de->defname, (void *)option_value(r, de));
        }
    }
}

static bool token_known(DdlReader *r, const Definition *d, const char *token, int off)
{
    if (strcmp(d->ts_head, textsearch_qname(r->a, "pg_catalog", "default")))
        return true; /* another parser's token types are not known here */
    for (int i = 0; i < N_TOKENS; i++)
        if (!strcmp(default_tokens[i], token))
            return true;
    ddl_error(r, off, "token type \"%s\" does not exist", token);
    return false;
}

/* The dictionaries of ADD/ALTER MAPPING, resolved; NULL after an error. */
static PtrVec *dict_list(DdlReader *r, List *dicts, int off)
{
    PtrVec *out = arena_alloc(r->a, sizeof(PtrVec));
    ListCell *lc;
    foreach (lc, dicts) {
        const char *canon;
        bool exists;
        lookup(r, OBJ_TS_DICT, lfirst(lc), &canon, &exists);
        if (!exists) {
            ddl_error(r, off, "text search dictionary %s does not exist", canon);
            return NULL;
        }
        vec_push(r->a, out, (void *)canon);
    }
    return out;
}

static void read_alter_config(DdlReader *r, AlterTSConfigurationStmt *st, int off)
{
    Definition *d = target(r, OBJ_TS_CONFIG, st->cfgname, off);
    if (!d)
        return;
    ListCell *lc;
    if (st->kind == ALTER_TSCONFIG_REPLACE_DICT || st->kind == ALTER_TSCONFIG_REPLACE_DICT_FOR_TOKEN) {
        PtrVec *pair = dict_list(r, st->dicts, off);
        if (!pair || pair->n != 2)
            return;
        foreach (lc, st->tokentype)
            if (!token_known(r, d, strVal(lfirst(lc)), off))
                return;
        for (int i = 0; i < d->ts_items.n; i += 2) {
            bool listed = st->kind == ALTER_TSCONFIG_REPLACE_DICT;
            foreach (lc, st->tokentype)
                listed = listed || !strcmp(strVal(lfirst(lc)), d->ts_items.items[i]);
            PtrVec *dl = d->ts_items.items[i + 1];
            for (int k = 0; listed && k < dl->n; k++)
                if (!strcmp(dl->items[k], pair->items[0]))
                    dl->items[k] = pair->items[1];
        }
        return;
    }
    PtrVec *dicts = NULL;
    if (st->kind != ALTER_TSCONFIG_DROP_MAPPING && !(dicts = dict_list(r, st->dicts, off)))
        return;
    foreach (lc, st->tokentype) {
        const char *token = strVal(lfirst(lc));
        if (!token_known(r, d, token, off))
            return;
        int i = find_item(&d->ts_items, token);
        switch (st->kind) {
        case ALTER_TSCONFIG_ADD_MAPPING:
            if (i >= 0) {
                ddl_error(r, off, "mapping for token type \"%s\" already exists", token);
                return;
            }
            set_item(r, &d->ts_items, token, dicts);
            break;
        case ALTER_TSCONFIG_ALTER_MAPPING_FOR_TOKEN:
            set_item(r, &d->ts_items, token, dicts);
            break;
        case ALTER_TSCONFIG_DROP_MAPPING:
            if (i >= 0)
                remove_item(&d->ts_items, i);
            else if (!st->missing_ok) {
                ddl_error(r, off, "mapping for token type \"%s\" does not exist", token);
                return;
            }
            break;
        case ALTER_TSCONFIG_REPLACE_DICT:
        case ALTER_TSCONFIG_REPLACE_DICT_FOR_TOKEN:
            break;
        }
    }
}

bool textsearch_read_stmt(DdlReader *r, Node *n, int off)
{
    bool ok;
    /* errors point at the statement's first token */
    while (r->text && r->text[off] && isspace((unsigned char)r->text[off]))
        off++;
    switch (nodeTag(n)) {
    case T_DefineStmt: {
        ObjKind k = kind_of(((DefineStmt *)n)->kind, &ok);
        if (!ok)
            return false;
        read_define(r, (DefineStmt *)n, k, off);
        return true;
    }
    case T_AlterTSDictionaryStmt: read_alter_dict(r, (AlterTSDictionaryStmt *)n, off); return true;
    case T_AlterTSConfigurationStmt: read_alter_config(r, (AlterTSConfigurationStmt *)n, off); return true;
    default: return false;
    }
}

Obj *textsearch_find(DdlReader *r, int objtype, Node *object, bool *handled)
{
    ObjKind k = kind_of((ObjectType)objtype, handled);
    if (!*handled || !object || !IsA(object, List))
        return NULL;
    const char *schema, *name;
    ddl_qualified(r, (List *)object, &schema, &name);
    return model_lookup(r->m, k, schema, NULL, name);
}

/* ---- after all files ------------------------------------------------------ */

/* A support function as regproc prints it with an empty search_path: bare
 * for pg_catalog's, qualified otherwise; depends on the model's. */
static const char *function_name(Model *m, Definition *d, List *names)
{
    int n = list_length(names);
    const char *name = strVal(llast(names));
    const char *schema = n >= 2 ? strVal(list_nth(names, n - 2)) : NULL;
    char buf[PG_NAMEDATALEN * 2 + 2];
    snprintf(buf, sizeof buf, "%s.%s", schema ? schema : d->search_schema, name);
    const PtrVec *fs = map_get(&m->funcnames, buf);
    for (int i = 0; fs && i < fs->n; i++)
        obj_add_dep(m->arena, &d->obj, fs->items[i]);
    if (fs && fs->n)
        return textsearch_qname(m->arena, schema ? schema : d->search_schema, name);
    if (!schema || !strcmp(schema, "pg_catalog"))
        return arena_strdup(m->arena, quote_identifier(name));
    return textsearch_qname(m->arena, schema, name);
}

static void functions_text(Model *m, Definition *d)
{
    static const char *const order[] = {"init", "start", "gettoken", "end", "lextypes", "headline", "lexize"};
    StrBuf sb;
    sb_init(&sb);
    List *defs = ((DefineStmt *)d->raw)->definition;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        ListCell *lc;
        foreach (lc, defs) {
            DefElem *de = lfirst(lc);
            if (strcmp(de->defname, order[i]))
                continue;
            if (sb.len)
                sb_puts(&sb, ", ");
            for (const char *p = order[i]; *p; p++)
                sb_putc(&sb, (char)(*p - 'a' + 'A'));
            sb_printf(&sb, " = %s", function_name(m, d, names_of(de->arg)));
            break;
        }
    }
    d->ts_head = sb_take(&sb, m->arena);
}

static int token_rank(const char *t)
{
    for (int i = 0; i < N_TOKENS; i++)
        if (!strcmp(default_tokens[i], t))
            return i;
    return N_TOKENS;
}

static int cmp_tokens(const void *x, const void *y)
{
    const char *a = *(const char *const *)x, *b = *(const char *const *)y;
    int ra = token_rank(a), rb = token_rank(b);
    return ra != rb ? ra - rb : strcmp(a, b);
}

static int cmp_names(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Depend on the model's object of kind k spelled `canon` (qname). */
static void dep_on(Model *m, Obj *o, ObjKind k, const char *canon)
{
    for (int i = 0; i < m->objs.n; i++) {
        Obj *t = m->objs.items[i];
        if (t && t->kind == k && !strcmp(textsearch_qname(m->arena, t->schema, t->name), canon)) { /* NULL: removed */
            obj_add_dep(m->arena, o, t);
            return;
        }
    }
}

void textsearch_finish(Model *m, Definition *d)
{
    StrBuf sb;
    sb_init(&sb);
    switch (d->obj.kind) {
    case OBJ_TS_PARSER:
    case OBJ_TS_TEMPLATE:
        functions_text(m, d);
        sb_puts(&sb, d->ts_head);
        break;
    case OBJ_TS_DICT:
        /* pairs sort as units: the key first */
        if (d->ts_items.n)
            qsort(d->ts_items.items, (size_t)d->ts_items.n / 2, 2 * sizeof(void *), cmp_names);
        dep_on(m, &d->obj, OBJ_TS_TEMPLATE, d->ts_head);
        sb_printf(&sb, "TEMPLATE = %s", d->ts_head);
        for (int i = 0; i < d->ts_items.n; i += 2)
            sb_printf(&sb, "\n%s = %s", (const char *)d->ts_items.items[i], (const char *)d->ts_items.items[i + 1]);
        break;
    case OBJ_TS_CONFIG:
        if (d->ts_items.n)
            qsort(d->ts_items.items, (size_t)d->ts_items.n / 2, 2 * sizeof(void *), cmp_tokens);
        dep_on(m, &d->obj, OBJ_TS_PARSER, d->ts_head);
        sb_printf(&sb, "PARSER = %s", d->ts_head);
        for (int i = 0; i < d->ts_items.n; i += 2) {
            const PtrVec *dl = d->ts_items.items[i + 1];
            sb_printf(&sb, "\n%s:", (const char *)d->ts_items.items[i]);
            for (int k = 0; k < dl->n; k++) {
                sb_printf(&sb, " %s", (const char *)dl->items[k]);
                dep_on(m, &d->obj, OBJ_TS_DICT, dl->items[k]);
            }
        }
        break;
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
    d->norm = (Node *)makeString(pstrdup(sb.data ? sb.data : ""));
    sb_free(&sb);
}

/* ---- regconfig literals ------------------------------------------------------ */

/* The string of a literal, bare or cast ('x'::regconfig). */
static const char *literal_text(const Node *n)
{
    if (n && IsA(n, TypeCast))
        n = ((const TypeCast *)n)->arg;
    if (n && IsA(n, A_Const) && !((const A_Const *)n)->isnull && IsA(&((const A_Const *)n)->val, String))
        return strVal(&((const A_Const *)n)->val);
    return NULL;
}

void textsearch_dep_on_config(Model *m, Obj *o, const Node *n, const char *default_schema)
{
    const char *text = NULL;
    if (textsearch_config_call(n))
        text = literal_text(linitial(((const FuncCall *)n)->args));
    else if (n && IsA(n, TypeCast) && textsearch_name_is(((const TypeCast *)n)->typeName->names, "regconfig"))
        text = literal_text(n);
    const char *schema, *name;
    if (!text || !textsearch_resolve_literal(default_schema, text, &schema, &name))
        return;
    Obj *cfg = model_lookup(m, OBJ_TS_CONFIG, schema, NULL, name);
    if (cfg && cfg != o)
        obj_add_dep(m->arena, o, cfg);
}

/* ---- the catalog's DDL ------------------------------------------------------- */

const char *textsearch_catalog_sql(Arena *a, const char *const *v, const char *const *maps, int nmaps)
{
    const char *q = q_qual(a, v[TS_SCHEMA], v[TS_NAME]);
    StrBuf sb;
    sb_init(&sb);
    const char *what = "";
    switch (v[TS_KIND][0]) {
    case 'p':
        what = "PARSER";
        sb_printf(&sb, "CREATE TEXT SEARCH PARSER %s (START = %s, GETTOKEN = %s, END = %s, LEXTYPES = %s%s%s);\n", q,
                  v[TS_F1], v[TS_F2], v[TS_F3], v[TS_F4], v[TS_F5] ? ", HEADLINE = " : "", v[TS_F5] ? v[TS_F5] : "");
        break;
    case 't':
        what = "TEMPLATE";
        sb_printf(&sb, "CREATE TEXT SEARCH TEMPLATE %s (%s%s%sLEXIZE = %s);\n", q, v[TS_F1] ? "INIT = " : "",
                  v[TS_F1] ? v[TS_F1] : "", v[TS_F1] ? ", " : "", v[TS_F2]);
        break;
    case 'd':
        what = "DICTIONARY";
        /* dictinitoption is PostgreSQL's own serialisation of the options
         * (names quoted, values quoted unless numbers): it reads back */
        sb_printf(&sb, "CREATE TEXT SEARCH DICTIONARY %s (TEMPLATE = %s%s%s);\n", q,
                  q_qual(a, v[TS_REF_SCHEMA], v[TS_REF_NAME]), v[TS_F1] && *v[TS_F1] ? ", " : "",
                  v[TS_F1] ? v[TS_F1] : "");
        break;
    case 'c':
        what = "CONFIGURATION";
        sb_printf(&sb, "CREATE TEXT SEARCH CONFIGURATION %s (PARSER = %s);\n", q,
                  q_qual(a, v[TS_REF_SCHEMA], v[TS_REF_NAME]));
        for (int i = 0; i + 2 < nmaps;) {
            const char *token = maps[i];
            sb_printf(&sb, "ALTER TEXT SEARCH CONFIGURATION %s ADD MAPPING FOR %s WITH ", q, q_ident(a, token));
            for (bool first = true; i + 2 < nmaps && !strcmp(maps[i], token); i += 3, first = false)
                sb_printf(&sb, "%s%s", first ? "" : ", ", q_qual(a, maps[i + 1], maps[i + 2]));
            sb_puts(&sb, ";\n");
        }
        break;
    default:
        break;
    }
    if (v[TS_COMMENT] && *v[TS_COMMENT])
        sb_printf(&sb, "COMMENT ON TEXT SEARCH %s %s IS %s;\n", what, q, q_literal(a, v[TS_COMMENT]));
    if (v[TS_OWNER])
        sb_printf(&sb, "ALTER TEXT SEARCH %s %s OWNER TO %s;\n", what, q, q_ident(a, v[TS_OWNER]));
    return sb_take(&sb, a);
}
