/*
 * config_poly.c — the `polymorphic:` rules of schemadiff.yaml.
 *
 * A polymorphic association is a type column and an id column whose id
 * points at a different table depending on the type.  PostgreSQL cannot say
 * it with a foreign key, so the rule lives in the config:
 *
 *   polymorphic:
 *     - table: public.provenance
 *       type_column: content_type
 *       id_column: content_id
 *       targets:
 *         material: public.materials(id)
 *         ai_response: {references: public.ai_dialogue_log(id), on_delete: cascade}
 *       external: [note_article]
 *       on_delete: restrict          # restrict | cascade | set_null | none
 *       enforce: trigger             # trigger | generated_fks | none
 *   polymorphic_ignore: [public.audit]
 *
 * This file reads the shape and the values that need nothing but the text
 * (config.c calls it for the two keys, with its reader, so errors are
 * located from libyaml's marks exactly as the other keys' are).  Every
 * place a later check may blame is kept (SrcLoc) with the value: the
 * checks against the schema — unknown table or column, a target without a
 * unique key, types that cannot be compared, enum labels — run once the
 * desired schema is read (diff/poly.c) and report at the YAML line.
 *
 * Names are written as PostgreSQL stores them (lower case unless created
 * quoted): `schema.table`, schema `public` when not given; a target is
 * `schema.table(column)`.
 */
#include "model.h"

#include <string.h>
#include <yaml.h>

typedef struct PR {
    ConfigReader *r;
    Arena *a;
    yaml_document_t *doc;
} PR;

static yaml_node_t *node(PR *p, int id)
{
    return yaml_document_get_node(p->doc, id);
}

static SrcLoc at(PR *p, const yaml_node_t *n)
{
    return config_loc(p->r, n->start_mark.index);
}

static bool is_null(const yaml_node_t *n)
{
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    const char *v = (const char *)n->data.scalar.value;
    return !*v || !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") || !strcmp(v, "NULL");
}

static const char *what(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_MAPPING_NODE: return "a mapping";
    case YAML_SEQUENCE_NODE: return "a list";
    case YAML_SCALAR_NODE: return is_null(n) ? "null" : n->data.scalar.length ? "a string" : "an empty string";
    case YAML_NO_NODE: break;
    }
    return "nothing";
}

/* A scalar's text (NULL, after an error naming `key`, when n is not a
 * non-empty string). */
static const char *scalar(PR *p, const yaml_node_t *n, const char *key)
{
    if (n->type != YAML_SCALAR_NODE || is_null(n) || !n->data.scalar.length) {
        config_error(p->r, n->start_mark.index, "%s takes a name, not %s", key, what(n));
        return NULL;
    }
    return arena_strndup(p->a, (const char *)n->data.scalar.value, n->data.scalar.length);
}

/* An identifier as the config writes it: no dot, parenthesis, quote or
 * white space (those would need SQL quoting rules the config does not
 * have). */
bool config_name_ok(const char *s, size_t n)
{
    if (!n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (strchr(".()\"' \t\r\n", s[i]))
            return false;
    return true;
}

/* "schema.table" or "table" (public); with_column: "…(column)" required. */
static bool parse_name(PR *p, const char *s, const char **schema, const char **table, const char **column)
{
    const char *open = strchr(s, '(');
    size_t end = strlen(s);
    if (column) {
        if (!open || end < 2 || s[end - 1] != ')')
            return false;
        if (!config_name_ok(open + 1, (size_t)(s + end - 1 - (open + 1))))
            return false;
        *column = arena_strndup(p->a, open + 1, (size_t)(s + end - 1 - (open + 1)));
        end = (size_t)(open - s);
    } else if (open) {
        return false;
    }
    const char *dot = memchr(s, '.', end);
    if (dot) {
        if (!config_name_ok(s, (size_t)(dot - s)) || !config_name_ok(dot + 1, (size_t)(s + end - dot - 1)))
            return false;
        *schema = arena_strndup(p->a, s, (size_t)(dot - s));
        *table = arena_strndup(p->a, dot + 1, (size_t)(s + end - dot - 1));
    } else {
        if (!config_name_ok(s, end))
            return false;
        *schema = "public";
        *table = arena_strndup(p->a, s, end);
    }
    return true;
}

static bool read_action(PR *p, const yaml_node_t *n, PolyAction *out)
{
    static const struct {
        const char *name;
        PolyAction act;
    } acts[] = {{"restrict", POLY_RESTRICT}, {"cascade", POLY_CASCADE}, {"set_null", POLY_SET_NULL},
                {"none", POLY_NO_ACTION}};
    if (n->type == YAML_SCALAR_NODE)
        for (size_t i = 0; i < sizeof acts / sizeof acts[0]; i++)
            if (!strcmp((const char *)n->data.scalar.value, acts[i].name)) {
                *out = acts[i].act;
                return true;
            }
    config_error(p->r, n->start_mark.index, "on_delete takes restrict, cascade, set_null or none, not %s%s%s",
                 n->type == YAML_SCALAR_NODE && !is_null(n) ? "'" : "",
                 n->type == YAML_SCALAR_NODE && !is_null(n) ? (const char *)n->data.scalar.value : what(n),
                 n->type == YAML_SCALAR_NODE && !is_null(n) ? "'" : "");
    return false;
}

/* Walk a mapping: each key once, each a name among `known` (", "-joined
 * for the message); calls back with the key and value. */
typedef void (*PairFn)(PR *p, void *ctx, const char *key, yaml_node_t *k, yaml_node_t *v);

static void each_pair(PR *p, yaml_node_t *m, const char *where, const char *const *known, PairFn fn, void *ctx)
{
    StrMap seen = {0};
    for (yaml_node_pair_t *pr = m->data.mapping.pairs.start; pr < m->data.mapping.pairs.top; pr++) {
        if (config_full(p->r))
            return;
        yaml_node_t *k = node(p, pr->key), *v = node(p, pr->value);
        if (!k || !v)
            continue;
        if (k->type != YAML_SCALAR_NODE || is_null(k)) {
            config_error(p->r, k->start_mark.index, "a key must be a name, not %s", what(k));
            continue;
        }
        const char *key = arena_strndup(p->a, (const char *)k->data.scalar.value, k->data.scalar.length);
        const yaml_node_t *first = map_put_new(p->a, &seen, key, k);
        if (first) {
            int line, col;
            diag_line_col(at(p, first), &line, &col);
            config_error(p->r, k->start_mark.index, "duplicate key '%s' in %s (first on line %d)", key, where, line);
            continue;
        }
        if (known) {
            bool ok = false;
            StrBuf sb;
            sb_init(&sb);
            for (int i = 0; known[i]; i++) {
                ok = ok || !strcmp(known[i], key);
                sb_printf(&sb, "%s%s", i ? ", " : "", known[i]);
            }
            if (!ok) {
                config_error(p->r, k->start_mark.index, "unknown key '%s' in %s (known: %s)", key, where, sb.data);
                sb_free(&sb);
                continue;
            }
            sb_free(&sb);
        }
        fn(p, ctx, key, k, v);
    }
}

/* ---- a target ------------------------------------------------------------------ */

static void target_ref(PR *p, PolyTarget *t, yaml_node_t *v)
{
    const char *s = scalar(p, v, arena_printf(p->a, "target '%s'", t->type));
    if (!s)
        return;
    t->ref_loc = at(p, v);
    if (!parse_name(p, s, &t->schema, &t->table, &t->column)) {
        config_error(p->r, v->start_mark.index, "target '%s' takes schema.table(column), not '%s'", t->type, s);
        t->table = NULL;
    }
}

static void target_pair(PR *p, void *ctx, const char *key, yaml_node_t *k, yaml_node_t *v)
{
    (void)k;
    PolyTarget *t = ctx;
    if (!strcmp(key, "references")) {
        target_ref(p, t, v);
    } else if (read_action(p, v, &t->on_delete)) {
        t->action_loc = at(p, v);
        t->own_action = true;
    }
}

static void read_targets(PR *p, PolyRule *rule, yaml_node_t *m)
{
    if (m->type != YAML_MAPPING_NODE) {
        config_error(p->r, m->start_mark.index,
                     "targets takes a mapping of type: schema.table(column), not %s", what(m));
        return;
    }
    StrMap seen = {0};
    for (yaml_node_pair_t *pr = m->data.mapping.pairs.start; pr < m->data.mapping.pairs.top; pr++) {
        if (config_full(p->r))
            return;
        yaml_node_t *k = node(p, pr->key), *v = node(p, pr->value);
        if (!k || !v)
            continue;
        const char *type = scalar(p, k, "a target's type");
        if (!type)
            continue;
        const yaml_node_t *first = map_put_new(p->a, &seen, type, k);
        if (first) {
            int line, col;
            diag_line_col(at(p, first), &line, &col);
            config_error(p->r, k->start_mark.index, "type '%s' is a target twice (first on line %d)", type, line);
            continue;
        }
        PolyTarget *t = arena_alloc(p->a, sizeof *t);
        memset(t, 0, sizeof *t);
        t->type = type;
        t->loc = at(p, k);
        if (v->type == YAML_MAPPING_NODE) {
            static const char *const known[] = {"references", "on_delete", NULL};
            each_pair(p, v, arena_printf(p->a, "target '%s'", type), known, target_pair, t);
            if (!t->ref_loc.file) {
                config_error(p->r, v->start_mark.index, "target '%s' needs references: schema.table(column)", type);
                continue;
            }
        } else {
            target_ref(p, t, v);
        }
        if (t->table)
            vec_push(p->a, &rule->targets, t);
    }
}

/* ---- a rule -------------------------------------------------------------------- */

static void rule_pair(PR *p, void *ctx, const char *key, yaml_node_t *k, yaml_node_t *v)
{
    (void)k;
    PolyRule *rule = ctx;
    if (!strcmp(key, "table")) {
        const char *s = scalar(p, v, "table");
        rule->table_loc = at(p, v);
        if (s && !parse_name(p, s, &rule->schema, &rule->table, NULL)) {
            config_error(p->r, v->start_mark.index, "table takes schema.table, not '%s'", s);
            rule->table = NULL;
        }
    } else if (!strcmp(key, "type_column") || !strcmp(key, "id_column")) {
        const char *s = scalar(p, v, key);
        bool type = key[0] == 't';
        (type ? &rule->type_loc : &rule->id_loc)[0] = at(p, v);
        if (s && !config_name_ok(s, strlen(s))) {
            config_error(p->r, v->start_mark.index, "%s takes a column name, not '%s'", key, s);
            s = NULL;
        }
        *(type ? &rule->type_column : &rule->id_column) = s;
    } else if (!strcmp(key, "targets")) {
        read_targets(p, rule, v);
    } else if (!strcmp(key, "external")) {
        if (v->type != YAML_SEQUENCE_NODE) {
            config_error(p->r, v->start_mark.index, "external takes a list of types, not %s", what(v));
            return;
        }
        for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
            yaml_node_t *item = node(p, *it);
            const char *s = item ? scalar(p, item, "an item of external") : NULL;
            if (!s)
                continue;
            PolyTarget *t = arena_alloc(p->a, sizeof *t);
            memset(t, 0, sizeof *t);
            t->type = s;
            t->loc = at(p, item);
            vec_push(p->a, &rule->external, t);
        }
    } else if (!strcmp(key, "on_delete")) {
        if (read_action(p, v, &rule->on_delete))
            rule->on_delete_loc = at(p, v);
    } else if (!strcmp(key, "enforce")) {
        const char *s = v->type == YAML_SCALAR_NODE ? (const char *)v->data.scalar.value : "";
        rule->enforce_loc = at(p, v);
        if (!strcmp(s, "trigger"))
            rule->enforce = POLY_TRIGGER;
        else if (!strcmp(s, "generated_fks"))
            rule->enforce = POLY_GENERATED_FKS;
        else if (!strcmp(s, "none"))
            rule->enforce = POLY_ENFORCE_NONE;
        else
            config_error(p->r, v->start_mark.index, "enforce takes trigger, generated_fks or none, not %s%s%s",
                         v->type == YAML_SCALAR_NODE && !is_null(v) ? "'" : "",
                         v->type == YAML_SCALAR_NODE && !is_null(v) ? s : what(v),
                         v->type == YAML_SCALAR_NODE && !is_null(v) ? "'" : "");
    }
}

void config_poly_rules(ConfigReader *r, Config *cfg, void *vnode)
{
    PR p = {r, config_arena(r), config_doc(r)};
    yaml_node_t *v = vnode;
    if (v->type != YAML_SEQUENCE_NODE) {
        config_error(r, v->start_mark.index, "polymorphic takes a list of rules (mappings with table, type_column, "
                                             "id_column, targets, ...), not %s", what(v));
        return;
    }
    static const char *const known[] = {"table", "type_column", "id_column", "targets", "external",
                                        "on_delete", "enforce", NULL};
    for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
        yaml_node_t *item = node(&p, *it);
        if (!item || config_full(r))
            continue;
        if (item->type != YAML_MAPPING_NODE) {
            config_error(r, item->start_mark.index, "a polymorphic rule is a mapping (table, type_column, "
                                                    "id_column, targets, ...), not %s", what(item));
            continue;
        }
        PolyRule *rule = arena_alloc(p.a, sizeof *rule);
        memset(rule, 0, sizeof *rule);
        rule->loc = at(&p, item);
        rule->on_delete = POLY_RESTRICT;
        rule->enforce = POLY_TRIGGER;
        each_pair(&p, item, "a polymorphic rule", known, rule_pair, rule);
        const char *missing = !rule->table_loc.file ? "table" : !rule->type_loc.file ? "type_column"
                              : !rule->id_loc.file ? "id_column" : NULL;
        if (missing) {
            config_error(r, item->start_mark.index, "a polymorphic rule needs %s", missing);
            continue;
        }
        if (!rule->targets.n && !rule->external.n) {
            config_error(r, item->start_mark.index, "%s", "a polymorphic rule needs targets (or external types)");
            continue;
        }
        if (rule->type_column && rule->id_column && !strcmp(rule->type_column, rule->id_column))
            config_error(r, item->start_mark.index, "type_column and id_column are both '%s'", rule->id_column);
        /* a type is either a table here or outside the database */
        for (int i = 0; i < rule->external.n; i++) {
            PolyTarget *e = rule->external.items[i];
            for (int k = 0; k < rule->targets.n; k++) {
                PolyTarget *t = rule->targets.items[k];
                if (!strcmp(t->type, e->type)) {
                    int line, col;
                    diag_line_col(t->loc, &line, &col);
                    config_error_loc(r, e->loc, "type '%s' is both a target (line %d) and external", e->type, line);
                }
            }
            for (int k = 0; k < i; k++)
                if (!strcmp(((PolyTarget *)rule->external.items[k])->type, e->type))
                    config_error_loc(r, e->loc, "type '%s' is listed twice in external", e->type);
        }
        for (int k = 0; k < rule->targets.n; k++) {
            PolyTarget *t = rule->targets.items[k];
            if (!t->own_action) {
                t->on_delete = rule->on_delete;
                t->action_loc = rule->on_delete_loc.file ? rule->on_delete_loc : rule->loc;
            }
        }
        /* generated columns refuse SET NULL (PostgreSQL: "invalid ON DELETE
         * action for foreign key constraint containing generated column") */
        if (rule->enforce == POLY_GENERATED_FKS)
            for (int k = 0; k < rule->targets.n; k++) {
                PolyTarget *t = rule->targets.items[k];
                if (t->on_delete == POLY_SET_NULL)
                    config_error_loc(r, t->action_loc, "on_delete set_null of target '%s' cannot be enforced with "
                                     "generated_fks: PostgreSQL refuses ON DELETE SET NULL on a foreign key of a "
                                     "generated column (use restrict, cascade or none, or enforce: trigger)",
                                     t->type);
            }
        if (rule->table)
            vec_push(p.a, &cfg->poly, rule);
    }
}

void config_poly_ignore(ConfigReader *r, Config *cfg, void *vnode)
{
    PR p = {r, config_arena(r), config_doc(r)};
    yaml_node_t *v = vnode;
    if (v->type != YAML_SEQUENCE_NODE) {
        config_error(r, v->start_mark.index, "polymorphic_ignore takes a list of tables (schema.table), not %s",
                     what(v));
        return;
    }
    for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
        yaml_node_t *item = node(&p, *it);
        const char *s = item ? scalar(&p, item, "an item of polymorphic_ignore") : NULL;
        if (!s)
            continue;
        PolyName *n = arena_alloc(p.a, sizeof *n);
        memset(n, 0, sizeof *n);
        n->loc = at(&p, item);
        if (!parse_name(&p, s, &n->schema, &n->table, NULL)) {
            config_error(r, item->start_mark.index, "polymorphic_ignore takes table names (schema.table), not '%s'", s);
            continue;
        }
        vec_push(p.a, &cfg->poly_ignore, n);
    }
}
