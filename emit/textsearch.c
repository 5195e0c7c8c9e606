/*
 * textsearch.c — SQL of the text search kinds (parser/textsearch.c holds
 * what they are and how they compare).
 *
 * PostgreSQL has no CREATE TEXT SEARCH ... IF NOT EXISTS, so in a migration
 * each CREATE runs inside a DO block guarded by the catalog row it makes
 * (pg_ts_parser, pg_ts_template, pg_ts_dict, pg_ts_config by namespace and
 * name).  A configuration's mappings follow as ALTER MAPPING FOR tokens
 * WITH dictionaries, one statement per distinct dictionary list: ALTER
 * MAPPING replaces whatever the tokens map to, or adds the mapping, so it
 * is both the creation and the change and is idempotent; a mapping the
 * desired side lacks goes with DROP MAPPING IF EXISTS.  A dictionary's
 * changed options are one ALTER TEXT SEARCH DICTIONARY (opt = value, ...,
 * removed_opt).  Drops are DROP ... IF EXISTS.  What cannot change in place
 * (a parser's or template's functions, a dictionary's template, a
 * configuration's parser) is re-created by the diff, with what depends on it.
 *
 * Every name is quoted here (the canonical names of parser/textsearch.c are
 * quote_identifier()'s already), option values are literals, numbers are
 * written as the parser read them.
 */
#include "pg.h"
#include "model.h"

#include <string.h>

static const char *word(ObjKind k)
{
    return k == OBJ_TS_PARSER ? "PARSER" : k == OBJ_TS_TEMPLATE ? "TEMPLATE" : k == OBJ_TS_DICT ? "DICTIONARY"
                                                                                                : "CONFIGURATION";
}

static const char *qual(Emit *e, const Obj *o)
{
    return q_qual(e->a, o->schema, o->name);
}

/* SQL condition: the object does not exist. */
static const char *missing(Emit *e, const Obj *o)
{
    static const char *const cat[][3] = {
        {"pg_ts_parser", "prsnamespace", "prsname"},
        {"pg_ts_template", "tmplnamespace", "tmplname"},
        {"pg_ts_dict", "dictnamespace", "dictname"},
        {"pg_ts_config", "cfgnamespace", "cfgname"},
    };
    int i = o->kind == OBJ_TS_PARSER ? 0 : o->kind == OBJ_TS_TEMPLATE ? 1 : o->kind == OBJ_TS_DICT ? 2 : 3;
    return arena_printf(e->a,
                        "NOT EXISTS (SELECT 1 FROM pg_catalog.%s t JOIN pg_catalog.pg_namespace n ON n.oid = t.%s "
                        "WHERE n.nspname = %s AND t.%s = %s)",
                        cat[i][0], cat[i][1], q_literal(e->a, o->schema), cat[i][2], q_literal(e->a, o->name));
}

/* "name = 'value'" of a dictionary option (parser/textsearch.c: "s:" or "n:"). */
static const char *option_sql(Emit *e, const char *name, const char *value)
{
    return arena_printf(e->a, "%s = %s", q_ident(e->a, name),
                        value[0] == 'n' ? value + 2 : q_literal(e->a, value + 2));
}

static const char *create_sql(Emit *e, const Definition *d)
{
    const Obj *o = &d->obj;
    StrBuf sb;
    sb_init(&sb);
    sb_printf(&sb, "CREATE TEXT SEARCH %s %s (", word(o->kind), qual(e, o));
    if (o->kind == OBJ_TS_DICT) {
        sb_printf(&sb, "TEMPLATE = %s", d->ts_head);
        for (int i = 0; i < d->ts_items.n; i += 2)
            sb_printf(&sb, ", %s", option_sql(e, d->ts_items.items[i], d->ts_items.items[i + 1]));
    } else if (o->kind == OBJ_TS_CONFIG) {
        sb_printf(&sb, "PARSER = %s", d->ts_head);
    } else {
        sb_puts(&sb, d->ts_head); /* a parser's or template's functions */
    }
    sb_puts(&sb, ");");
    return sb_take(&sb, e->a);
}

static const char *dict_list(Emit *e, const PtrVec *dl)
{
    StrBuf sb;
    sb_init(&sb);
    for (int i = 0; i < dl->n; i++)
        sb_printf(&sb, "%s%s", i ? ", " : "", (const char *)dl->items[i]);
    return sb_take(&sb, e->a);
}

static const PtrVec *mapping_of(const Definition *d, const char *token)
{
    for (int i = 0; d && i < d->ts_items.n; i += 2)
        if (!strcmp(d->ts_items.items[i], token))
            return d->ts_items.items[i + 1];
    return NULL;
}

/* ALTER MAPPING for the tokens whose dictionaries differ from `cur`'s (all
 * when cur is NULL), one statement per dictionary list; DROP MAPPING for
 * the tokens only cur maps.  Returns how many statements. */
static int mappings(Emit *e, const Definition *cur, const Definition *des)
{
    int n = 0;
    const char *q = qual(e, &des->obj);
    bool *done = arena_alloc(e->a, (size_t)des->ts_items.n + 1);
    for (int i = 0; i < des->ts_items.n; i += 2) {
        const char *list = dict_list(e, des->ts_items.items[i + 1]);
        const PtrVec *old = mapping_of(cur, des->ts_items.items[i]);
        if (done[i] || (old && !strcmp(dict_list(e, old), list)))
            continue;
        StrBuf sb;
        sb_init(&sb);
        sb_printf(&sb, "ALTER TEXT SEARCH CONFIGURATION %s ALTER MAPPING FOR ", q);
        for (int k = i; k < des->ts_items.n; k += 2) {
            const PtrVec *o2 = mapping_of(cur, des->ts_items.items[k]);
            if (done[k] || strcmp(dict_list(e, des->ts_items.items[k + 1]), list) ||
                (o2 && !strcmp(dict_list(e, o2), list)))
                continue;
            done[k] = true;
            sb_printf(&sb, "%s%s", k == i ? "" : ", ", q_ident(e->a, des->ts_items.items[k]));
        }
        sb_printf(&sb, " WITH %s;", list);
        emit_stmt(e, sb_take(&sb, e->a));
        n++;
    }
    StrBuf sb;
    sb_init(&sb);
    for (int i = 0; cur && i < cur->ts_items.n; i += 2)
        if (!mapping_of(des, cur->ts_items.items[i]))
            sb_printf(&sb, "%s%s", sb.len ? ", " : "", q_ident(e->a, cur->ts_items.items[i]));
    if (sb.len) {
        emit_stmt(e, arena_printf(e->a, "ALTER TEXT SEARCH CONFIGURATION %s DROP MAPPING IF EXISTS FOR %s;", q,
                                  sb_take(&sb, e->a)));
        n++;
    }
    sb_free(&sb);
    return n;
}

/* ALTER TEXT SEARCH DICTIONARY with the options that differ. */
static void options(Emit *e, const Definition *cur, const Definition *des)
{
    StrBuf sb;
    sb_init(&sb);
    for (int i = 0; i < des->ts_items.n; i += 2) {
        const char *name = des->ts_items.items[i], *v = des->ts_items.items[i + 1];
        bool same = false;
        for (int k = 0; k < cur->ts_items.n; k += 2)
            same = same || (!strcmp(cur->ts_items.items[k], name) && !strcmp(cur->ts_items.items[k + 1], v));
        if (!same)
            sb_printf(&sb, "%s%s", sb.len ? ", " : "", option_sql(e, name, v));
    }
    for (int k = 0; k < cur->ts_items.n; k += 2) {
        bool kept = false;
        for (int i = 0; i < des->ts_items.n; i += 2)
            kept = kept || !strcmp(cur->ts_items.items[k], des->ts_items.items[i]);
        if (!kept)
            sb_printf(&sb, "%s%s", sb.len ? ", " : "", q_ident(e->a, cur->ts_items.items[k]));
    }
    if (sb.len)
        emit_stmt(e, arena_printf(e->a, "ALTER TEXT SEARCH DICTIONARY %s (%s);", qual(e, &des->obj),
                                  sb_take(&sb, e->a)));
    sb_free(&sb);
}

void emit_textsearch(Emit *e)
{
    Change *c = e->c;
    switch (c->op) {
    case CHG_CREATE: {
        const Definition *d = (const Definition *)c->desired;
        const char *sql = create_sql(e, d);
        emit_stmt(e, e->style == STYLE_MIGRATION ? emit_guarded(e, missing(e, c->desired), sql) : sql);
        if (c->kind == OBJ_TS_CONFIG)
            mappings(e, NULL, d);
        if (c->desired->comment)
            emit_stmt(e, emit_comment_sql(e, c->desired));
        emit_summary(e, c->rebuild ? "re-create" : "create", c->desired, NULL);
        break;
    }
    case CHG_DROP:
        emit_stmt(e, arena_printf(e->a, "DROP TEXT SEARCH %s IF EXISTS %s;", word(c->kind), qual(e, c->current)));
        emit_summary(e, "drop", c->current, c->rebuild ? "to re-create it" : NULL);
        break;
    case CHG_ALTER: {
        const Definition *cur = (const Definition *)c->current, *des = (const Definition *)c->desired;
        if (c->alter & ALT_DEFINITION) {
            if (c->kind == OBJ_TS_CONFIG)
                mappings(e, cur, des);
            else
                options(e, cur, des);
        }
        if ((c->alter & ALT_COMMENT) && !str_same(c->current->comment, c->desired->comment))
            emit_stmt(e, emit_comment_sql(e, c->desired));
        emit_summary(e, "alter", c->desired,
                     !(c->alter & ALT_DEFINITION) ? NULL : c->kind == OBJ_TS_CONFIG ? "mappings" : "options");
        break;
    }
    }
}
