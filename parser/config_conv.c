/*
 * config_conv.c — the `conversions:` of schemadiff.yaml.
 *
 * A column type change PostgreSQL has no cast for (bigint to timestamp)
 * is refused (diff/casts.c) unless the user writes the conversion:
 *
 *   conversions:
 *     - column: public.events.at              # schema.table.column (public)
 *       using: to_timestamp(at)               # ALTER ... TYPE ... USING <this>
 *       rollback_using: extract(epoch from at)::bigint   # optional, rollback.sql
 *
 * This file reads the shape and checks what needs only the text: each
 * expression must be ONE PostgreSQL expression (parsed as `SELECT <expr>`
 * with libpg_query: a single target, nothing else — no FROM, no second
 * statement smuggled in after a semicolon), a column is named once.  What
 * needs the schema (the column exists in the design, its type changes)
 * runs later, diff/conv.c, and is reported at the YAML line.
 */
#include "pg.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static const char *kind_of(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_MAPPING_NODE: return "a mapping";
    case YAML_SEQUENCE_NODE: return "a list";
    case YAML_SCALAR_NODE: return n->data.scalar.length ? "a string" : "an empty string";
    case YAML_NO_NODE: break;
    }
    return "nothing";
}

/* Whether `expr` is exactly one expression: `SELECT <expr>` parses to one
 * SelectStmt with one target and no other clause. */
static bool one_select_expr(List *tree)
{
    if (list_length(tree) != 1)
        return false;
    Node *n = ((RawStmt *)linitial(tree))->stmt;
    if (!n || !IsA(n, SelectStmt))
        return false;
    SelectStmt *s = (SelectStmt *)n;
    if (list_length(s->targetList) != 1 || s->fromClause || s->whereClause || s->groupClause || s->havingClause ||
        s->windowClause || s->sortClause || s->limitCount || s->limitOffset || s->lockingClause || s->intoClause ||
        s->distinctClause || s->withClause || s->valuesLists || s->op != SETOP_NONE)
        return false;
    ResTarget *t = linitial(s->targetList);
    return t->val && !t->name;
}

/* The config is read before any parse session exists: the parse gets a
 * memory context of its own, dropped at once, and whatever context was
 * current is current again after it (schemas/pgctx.c). */
static bool one_expr(Arena *a, const char *expr)
{
    void *saved = pgctx_current();
    MemoryContext ctx = pg_query_enter_memory_context();
    PgQueryInternalParsetreeAndError res = pg_query_raw_parse(arena_printf(a, "SELECT %s", expr));
    free(res.stderr_buffer);
    bool ok = false;
    if (res.error)
        pg_query_free_error(res.error);
    else
        ok = one_select_expr(res.tree);
    pg_query_exit_memory_context(ctx);
    pgctx_restore(saved);
    return ok;
}

/* A name part as the config writes it: no quote, dot or blank. */
static bool parse_column(Arena *a, const char *s, ConvRule *c)
{
    const char *d1 = strchr(s, '.');
    const char *d2 = d1 ? strchr(d1 + 1, '.') : NULL;
    if (d2 && strchr(d2 + 1, '.'))
        return false;
    if (!d1)
        return false;
    if (d2) {
        if (!config_name_ok(s, (size_t)(d1 - s)) || !config_name_ok(d1 + 1, (size_t)(d2 - d1 - 1)) || !config_name_ok(d2 + 1, strlen(d2 + 1)))
            return false;
        c->schema = arena_strndup(a, s, (size_t)(d1 - s));
        c->table = arena_strndup(a, d1 + 1, (size_t)(d2 - d1 - 1));
        c->column = arena_strdup(a, d2 + 1);
    } else {
        if (!config_name_ok(s, (size_t)(d1 - s)) || !config_name_ok(d1 + 1, strlen(d1 + 1)))
            return false;
        c->schema = "public";
        c->table = arena_strndup(a, s, (size_t)(d1 - s));
        c->column = arena_strdup(a, d1 + 1);
    }
    return true;
}

void config_conversions(ConfigReader *r, Config *cfg, void *vnode)
{
    Arena *a = config_arena(r);
    yaml_document_t *doc = config_doc(r);
    yaml_node_t *v = vnode;
    if (v->type != YAML_SEQUENCE_NODE) {
        config_error(r, v->start_mark.index,
                     "conversions takes a list of mappings (column, using, rollback_using), not %s", kind_of(v));
        return;
    }
    StrMap seen = {0};
    for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
        yaml_node_t *item = yaml_document_get_node(doc, *it);
        if (!item || config_full(r))
            continue;
        if (item->type != YAML_MAPPING_NODE) {
            config_error(r, item->start_mark.index,
                         "a conversion is a mapping (column, using, rollback_using), not %s", kind_of(item));
            continue;
        }
        ConvRule *c = arena_alloc(a, sizeof *c);
        memset(c, 0, sizeof *c);
        c->loc = config_loc(r, item->start_mark.index);
        bool ok = true, has_col = false, has_using = false, has_back = false;
        for (yaml_node_pair_t *pr = item->data.mapping.pairs.start; pr < item->data.mapping.pairs.top; pr++) {
            yaml_node_t *k = yaml_document_get_node(doc, pr->key), *val = yaml_document_get_node(doc, pr->value);
            if (!k || !val)
                continue;
            const char *key = k->type == YAML_SCALAR_NODE ? (const char *)k->data.scalar.value : "";
            bool *given = !strcmp(key, "column") ? &has_col : !strcmp(key, "using") ? &has_using
                          : !strcmp(key, "rollback_using") ? &has_back : NULL;
            if (!given) {
                config_error(r, k->start_mark.index,
                             "unknown key '%s' in a conversion (known: column, using, rollback_using)", key);
                ok = false;
                continue;
            }
            if (*given) {
                config_error(r, k->start_mark.index, "duplicate key '%s' in a conversion", key);
                ok = false;
                continue;
            }
            *given = true;
            if (val->type != YAML_SCALAR_NODE || !val->data.scalar.length) {
                config_error(r, val->start_mark.index, "%s takes %s, not %s", key,
                             given == &has_col ? "schema.table.column" : "an SQL expression", kind_of(val));
                ok = false;
                continue;
            }
            const char *s = arena_strndup(a, (const char *)val->data.scalar.value, val->data.scalar.length);
            SrcLoc at = config_loc(r, val->start_mark.index);
            if (given == &has_col) {
                c->column_loc = at;
                if (!parse_column(a, s, c)) {
                    config_error(r, val->start_mark.index, "column takes schema.table.column (or table.column), "
                                                           "not '%s'", s);
                    ok = false;
                }
            } else if (!one_expr(a, s)) {
                config_error(r, val->start_mark.index, "%s is not one PostgreSQL expression: '%s'", key, s);
                ok = false;
            } else if (given == &has_using) {
                c->using_expr = s;
                c->using_loc = at;
            } else {
                c->rollback_using = s;
                c->rollback_loc = at;
            }
        }
        if (c->column) { /* named twice: reported even when the rule has another mistake */
            const char *key = arena_printf(a, "%s.%s.%s", c->schema, c->table, c->column);
            const ConvRule *first = map_put_new(a, &seen, key, c);
            if (first) {
                int line, col;
                diag_line_col(first->column_loc, &line, &col);
                config_error_loc(r, c->column_loc, "column %s has a conversion already (line %d)", key, line);
                continue;
            }
        }
        if (!ok)
            continue;
        if (!has_col || !has_using) {
            config_error(r, item->start_mark.index, "a conversion needs %s", !has_col ? "column" : "using");
            continue;
        }
        vec_push(a, &cfg->conversions, c);
    }
}
