/*
 * output.c — what a plan looks like to people and to psql.
 *
 * migration.sql / rollback.sql: a header (generator, fingerprints of both
 * states, hazards, and for the rollback every data-losing step), the
 * timeouts, then the ordered changes in transaction groups: consecutive
 * transactional changes share one BEGIN ... COMMIT; a change that cannot run
 * in a transaction block (CONCURRENTLY, ADD VALUE, validations meant to
 * commit one by one) stands outside any block.  Output is a pure function
 * of the two models, so the same inputs give byte-identical files.
 *
 * The plan is the same change list as text, markdown or JSON.  The files of
 * a plan are written all or none (output_write_files): each to a temporary
 * file in the target directory, fsync'ed; then, only when all are written,
 * renamed over the final names, with the files being replaced kept as hard
 * links until every rename succeeded, so that a failure puts back the older
 * plan whole.
 *
 * The fingerprint of a state is a 64-bit FNV-1a hash over its objects'
 * identity keys and compared attributes (types, options, and the node tags
 * and literal values of normalised expressions), so that equal states have
 * equal fingerprints without printing every expression.
 */
#include "pg.h"
#include "model.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *lock_name(LockLevel l)
{
    switch (l) {
    case LOCK_NONE: return "none";
    case LOCK_ACCESS_SHARE: return "ACCESS SHARE";
    case LOCK_ROW_SHARE: return "ROW SHARE";
    case LOCK_ROW_EXCLUSIVE: return "ROW EXCLUSIVE";
    case LOCK_SHARE_UPDATE_EXCLUSIVE: return "SHARE UPDATE EXCLUSIVE";
    case LOCK_SHARE: return "SHARE";
    case LOCK_SHARE_ROW_EXCLUSIVE: return "SHARE ROW EXCLUSIVE";
    case LOCK_EXCLUSIVE: return "EXCLUSIVE";
    case LOCK_ACCESS_EXCLUSIVE: return "ACCESS EXCLUSIVE";
    }
    return "?";
}

/* ---- fingerprint ------------------------------------------------------------ */

typedef struct FpHash {
    uint64_t h;
} FpHash;

static void h_bytes(FpHash *h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h->h ^= b[i];
        h->h *= 1099511628211ull;
    }
}

static void h_str(FpHash *h, const char *s)
{
    if (s)
        h_bytes(h, s, strlen(s) + 1);
    else
        h_bytes(h, "\xff", 1);
}

static void h_int(FpHash *h, int64_t v)
{
    h_bytes(h, &v, sizeof v);
}

static bool h_walker(Node *n, void *arg)
{
    FpHash *h = arg;
    if (!n)
        return false;
    h_int(h, nodeTag(n));
    switch (nodeTag(n)) {
    case T_A_Const: {
        A_Const *c = (A_Const *)n;
        h_int(h, c->isnull);
        if (!c->isnull) {
            if (IsA(&c->val, Integer))
                h_int(h, intVal(&c->val));
            else if (IsA(&c->val, Float))
                h_str(h, castNode(Float, &c->val)->fval);
            else if (IsA(&c->val, Boolean))
                h_int(h, boolVal(&c->val));
            else if (IsA(&c->val, String))
                h_str(h, strVal(&c->val));
        }
        return false;
    }
    case T_String:
        h_str(h, strVal(n));
        return false;
    case T_A_Expr: {
        ListCell *lc;
        foreach (lc, ((A_Expr *)n)->name)
            h_str(h, strVal(lfirst(lc)));
        h_int(h, ((A_Expr *)n)->kind);
        break;
    }
    case T_FuncCall: {
        ListCell *lc;
        foreach (lc, ((FuncCall *)n)->funcname)
            h_str(h, strVal(lfirst(lc)));
        break;
    }
    case T_ColumnRef:
        return raw_expression_tree_walker((Node *)((ColumnRef *)n)->fields, h_walker, arg);
    default:
        break;
    }
    return raw_expression_tree_walker(n, h_walker, arg);
}

static void h_node(FpHash *h, const Node *n)
{
    h_walker((Node *)n, h);
}

static void h_seq(FpHash *h, const SeqOpts *o)
{
    h_str(h, o->type);
    h_int(h, o->start);
    h_int(h, o->increment);
    h_int(h, o->min);
    h_int(h, o->max);
    h_int(h, o->cache);
    h_int(h, o->cycle);
}

const char *output_fingerprint(Arena *a, const Model *m)
{
    if (m->fingerprint)
        return m->fingerprint;
    FpHash h = {1469598103934665603ull};
    for (int i = 0; i < m->objs.n; i++) {
        const Obj *o = m->objs.items[i];
        h_str(&h, o->key);
        h_str(&h, o->comment);
        /* owners are left out: a database always states them, files
         * rarely do, and the same schema should have the same state */
        for (int k = 0; o->acl && k < o->acl->n; k++) {
            h_str(&h, o->acl->items[k].grantee);
            h_int(&h, o->acl->items[k].privs);
            h_int(&h, o->acl->items[k].grantable);
        }
        switch (o->kind) {
        case OBJ_SCHEMA:
        case OBJ_EXTENSION:
        case OBJ_TABLE:
            if (o->kind == OBJ_TABLE) {
                h_int(&h, ((const Table *)o)->unlogged);
                h_str(&h, norm_options_text(a, ((const Table *)o)->reloptions));
                if (((const Table *)o)->server)
                    h_str(&h, foreign_fingerprint_text(a, o));
            }
            break;
        case OBJ_FDW:
        case OBJ_SERVER:
        case OBJ_USER_MAPPING:
            h_str(&h, foreign_fingerprint_text(a, o));
            break;
        case OBJ_ENUM: {
            const EnumType *e = (const EnumType *)o;
            for (int k = 0; k < e->nlabels; k++)
                h_str(&h, e->labels[k]);
            break;
        }
        case OBJ_SEQUENCE:
            h_seq(&h, &((const Sequence *)o)->opts);
            break;
        case OBJ_COLUMN: {
            const Column *c = (const Column *)o;
            h_str(&h, c->type.sql);
            h_str(&h, c->collation);
            h_int(&h, c->not_null);
            h_int(&h, c->statistics);
            if (c->storage || c->compression || c->attoptions) {
                /* only when stated: fingerprints of states without them stay */
                h_str(&h, "storage, compression, options");
                h_int(&h, c->storage);
                h_str(&h, c->compression);
                h_str(&h, norm_options_text(a, c->attoptions));
            }
            h_int(&h, c->identity);
            if (c->identity)
                h_seq(&h, &c->identity_opts);
            h_node(&h, c->def ? c->def->norm : NULL);
            if (c->fdw_options.n)
                h_str(&h, foreign_fingerprint_text(a, o));
            h_node(&h, c->generated ? c->generated->norm : NULL);
            break;
        }
        case OBJ_CONSTRAINT: {
            const TableConstraint *k = (const TableConstraint *)o;
            const Constraint *con = (const Constraint *)k->norm;
            h_int(&h, k->contype);
            h_node(&h, con->raw_expr);
            h_node(&h, (Node *)con->keys);
            h_node(&h, (Node *)con->pk_attrs);
            h_node(&h, (Node *)con->fk_attrs);
            h_str(&h, k->fk_table);
            h_int(&h, con->fk_del_action);
            h_int(&h, con->fk_upd_action);
            h_int(&h, con->deferrable);
            h_int(&h, con->initdeferred);
            h_int(&h, con->nulls_not_distinct);
            h_node(&h, (Node *)con->including);
            h_str(&h, norm_options_text(a, con->options));
            h_node(&h, con->where_clause);
            break;
        }
        case OBJ_INDEX: {
            const TableIndex *ix = (const TableIndex *)o;
            const IndexStmt *st = (const IndexStmt *)ix->norm;
            h_str(&h, ix->method);
            h_int(&h, ix->unique);
            h_int(&h, ix->clustered);
            for (int k = 1; k <= ix->n_col_stats; k++)
                if (forms_index_stat(ix, k) >= 0) {
                    h_int(&h, k);
                    h_int(&h, forms_index_stat(ix, k));
                }
            ListCell *lc;
            foreach (lc, st->indexParams) {
                const IndexElem *ie = lfirst(lc);
                h_str(&h, ie->name);
                h_node(&h, ie->expr);
                h_int(&h, ie->ordering);
                h_int(&h, ie->nulls_ordering);
                h_node(&h, (Node *)ie->opclass);
            }
            h_node(&h, st->whereClause);
            /* options are DefElems, which the expression walker does not
             * know: hashed through their canonical text */
            h_str(&h, norm_options_text(a, st->options));
            h_int(&h, st->nulls_not_distinct);
            foreach (lc, st->indexIncludingParams)
                h_str(&h, ((const IndexElem *)lfirst(lc))->name);
            break;
        }
        case OBJ_SEQ_OWNER:
            h_str(&h, o->table);
            h_str(&h, ((const SeqOwner *)o)->column);
            break;
        case OBJ_DOMAIN:
        case OBJ_COMPOSITE:
        case OBJ_FUNCTION:
        case OBJ_AGGREGATE:
        case OBJ_VIEW:
        case OBJ_TRIGGER:
        case OBJ_POLICY:
        case OBJ_EVENT_TRIGGER:
        case OBJ_COLLATION:
        case OBJ_OPERATOR:
        case OBJ_RULE:
        case OBJ_OPFAMILY:
        case OBJ_OPCLASS:
        case OBJ_RANGE:
        case OBJ_CAST:
        case OBJ_STATISTICS:
        case OBJ_TS_PARSER:
        case OBJ_TS_TEMPLATE:
        case OBJ_TS_DICT:
        case OBJ_TS_CONFIG:
        case OBJ_PUBLICATION:
        {
            /* statements: the expression walker does not know them; their
             * canonical text (without locations) is hashed */
            const Node *n = ((const Definition *)o)->norm;
            h_str(&h, IsA(n, String) ? strVal(n) : deparse_stmt(a, n));
            h_int(&h, ((const Definition *)o)->enabled);
            if (o->kind == OBJ_STATISTICS)
                h_int(&h, ((const Definition *)o)->stat_target);
        }
            h_int(&h, ((const Definition *)o)->materialized);
            break;
        case OBJ_DEFAULT_ACL:
            break;
        case OBJ_KIND_COUNT:
            break;
        }
    }
    /* computed once per model; the cache is not part of the state */
    ((Model *)m)->fingerprint = arena_printf(a, "%016llx", (unsigned long long)h.h);
    return m->fingerprint;
}

/* ---- migration and rollback ------------------------------------------------- */

static unsigned all_hazards(const PtrVec *changes)
{
    unsigned h = 0;
    for (int i = 0; i < changes->n; i++)
        h |= ((Change *)changes->items[i])->hazards;
    return h;
}

/* The blocking hazards plan_gate() did not allow, of all changes. */
static unsigned all_refused(const PtrVec *changes)
{
    unsigned h = 0;
    for (int i = 0; i < changes->n; i++)
        h |= ((Change *)changes->items[i])->refused;
    return h;
}

static void json_str(StrBuf *sb, const char *s);

static const char *one_line(Arena *a, const char *s)
{
    char *r = arena_strdup(a, s);
    for (char *p = r; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    return r;
}

/* Append one statement of the script, remembering where it is. */
static void script_stmt(Arena *a, StrBuf *sb, PtrVec *where, const char *sql, const Change *c)
{
    ScriptStmt *st = arena_alloc(a, sizeof *st);
    st->start = (int)sb->len;
    sb_puts(sb, sql);
    st->end = (int)sb->len;
    st->change = c;
    vec_push(a, where, st);
}

/* The script of the text in sb (released) and the statements in where. */
static Script *script_finish(Arena *a, StrBuf *sb, const PtrVec *where, bool rollback)
{
    Script *s = arena_alloc(a, sizeof *s);
    s->text = sb_take(sb, a);
    sb_free(sb);
    s->n = where->n;
    s->stmts = arena_alloc(a, sizeof(ScriptStmt) * (size_t)(where->n ? where->n : 1));
    for (int i = 0; i < where->n; i++)
        s->stmts[i] = *(ScriptStmt *)where->items[i];
    s->rollback = rollback;
    return s;
}

Script *output_script(Arena *a, const MigrationPlan *p, const OutputOpts *o, bool rollback)
{
    PtrVec where = {0};
    const PtrVec *changes = rollback ? &p->inverse : &p->changes;
    const Model *from = rollback ? p->desired : p->current;
    const Model *to = rollback ? p->current : p->desired;
    StrBuf sb;
    sb_init(&sb);
    sb_printf(&sb, "-- %s generated by schemadiff %s\n", rollback ? "Rollback" : "Migration",
              SCHEMADIFF_VERSION);
    sb_printf(&sb, "-- from: %s (state %s)\n", one_line(a, rollback ? o->to_src : o->from_src),
              output_fingerprint(a, from));
    sb_printf(&sb, "-- to:   %s (state %s)\n", one_line(a, rollback ? o->from_src : o->to_src),
              output_fingerprint(a, to));
    unsigned hz = all_hazards(changes);
    sb_printf(&sb, "-- changes: %d\n", changes->n);
    sb_printf(&sb, "-- hazards: %s\n", hz ? hazard_names(a, hz) : "none");
    unsigned refused = all_refused(changes);
    if (refused)
        sb_printf(&sb, "-- NOT ALLOWED: %s (blocking hazards not allowed: --allow-hazards %s or hazards.allow "
                       "in schemadiff.yaml)\n",
                  hazard_names(a, refused), hazard_join(a, refused, ","));
    int lossy = 0;
    for (int i = 0; i < changes->n; i++)
        if (((Change *)changes->items[i])->hazards & HAZ_DATA_LOSS)
            lossy++;
    if (lossy) {
        sb_printf(&sb, "-- data-losing steps (%d):\n", lossy);
        for (int i = 0; i < changes->n; i++) {
            Change *c = changes->items[i];
            if (c->hazards & HAZ_DATA_LOSS)
                sb_printf(&sb, "--   %d. %s\n", i + 1, one_line(a, c->summary));
        }
    }
    sb_puts(&sb, "-- Every statement is idempotent: running this file twice is harmless.\n\n");
    script_stmt(a, &sb, &where, arena_printf(a, "SET lock_timeout = %s;", q_literal(a, o->lock_timeout)), NULL);
    sb_putc(&sb, '\n');
    script_stmt(a, &sb, &where, arena_printf(a, "SET statement_timeout = %s;", q_literal(a, o->statement_timeout)),
                NULL);
    sb_putc(&sb, '\n');
    bool in_tx = false;
    for (int i = 0; i < changes->n; i++) {
        Change *c = changes->items[i];
        if (!c->sql.n)
            continue;
        if (c->transactional && !in_tx) {
            sb_putc(&sb, '\n');
            script_stmt(a, &sb, &where, "BEGIN;", NULL);
            sb_putc(&sb, '\n');
            in_tx = true;
        } else if (!c->transactional && in_tx) {
            script_stmt(a, &sb, &where, "COMMIT;", NULL);
            sb_putc(&sb, '\n');
            in_tx = false;
        }
        sb_printf(&sb, "\n-- %d. %s", i + 1, one_line(a, c->summary));
        if (c->hazards)
            sb_printf(&sb, "  [hazard: %s]", hazard_names(a, c->hazards));
        if (c->hazards & HAZ_DATA_LOSS)
            sb_puts(&sb, "\n-- DATA LOSS: this step destroys data");
        if (c->refused)
            sb_printf(&sb, "\n-- NOT ALLOWED: %s", hazard_names(a, c->refused));
        if (!c->transactional)
            sb_puts(&sb, "\n-- (runs outside a transaction block)");
        sb_putc(&sb, '\n');
        for (int k = 0; k < c->sql.n; k++) {
            script_stmt(a, &sb, &where, c->sql.items[k], c);
            sb_putc(&sb, '\n');
        }
    }
    if (in_tx) {
        sb_putc(&sb, '\n');
        script_stmt(a, &sb, &where, "COMMIT;", NULL);
        sb_putc(&sb, '\n');
    }
    sb_putc(&sb, '\n');
    script_stmt(a, &sb, &where, "RESET statement_timeout;", NULL);
    sb_putc(&sb, '\n');
    script_stmt(a, &sb, &where, "RESET lock_timeout;", NULL);
    sb_putc(&sb, '\n');
    return script_finish(a, &sb, &where, rollback);
}

const char *output_migration(Arena *a, const MigrationPlan *p, const OutputOpts *o, bool rollback)
{
    return output_script(a, p, o, rollback)->text;
}

/* ---- plan (text, markdown, json) ------------------------------------------- */

static void json_str(StrBuf *sb, const char *s)
{
    sb_putc(sb, '"');
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        switch (*p) {
        case '"': sb_puts(sb, "\\\""); break;
        case '\\': sb_puts(sb, "\\\\"); break;
        case '\n': sb_puts(sb, "\\n"); break;
        case '\r': sb_puts(sb, "\\r"); break;
        case '\t': sb_puts(sb, "\\t"); break;
        default:
            if (*p < 0x20)
                sb_printf(sb, "\\u%04x", *p);
            else
                sb_putc(sb, (char)*p);
        }
    }
    sb_putc(sb, '"');
}

static char op_mark(ChangeOp op)
{
    switch (op) {
    case CHG_CREATE: return '+';
    case CHG_DROP: return '-';
    case CHG_ALTER: return '~';
    }
    return '?';
}

const char *output_plan(Arena *a, const MigrationPlan *p, const OutputOpts *o, OutFormat fmt)
{
    StrBuf sb;
    sb_init(&sb);
    unsigned hz = all_hazards(&p->changes), refused = all_refused(&p->changes);
    switch (fmt) {
    case FMT_SQL: {
        char *m = (char *)output_migration(a, p, o, false);
        sb_free(&sb);
        return m;
    }
    case FMT_JSON:
        plan_json_write(a, &sb, p, o);
        break;
    case FMT_TEXT:
        if (!p->changes.n) {
            sb_puts(&sb, "No changes.\n");
            break;
        }
        sb_printf(&sb, "Plan: %d change%s (from %s to %s)\n", p->changes.n, p->changes.n == 1 ? "" : "s",
                  one_line(a, o->from_src), one_line(a, o->to_src));
        sb_printf(&sb, "Hazards: %s\n", hz ? hazard_names(a, hz) : "none");
        if (p->preflight_note)
            sb_printf(&sb, "Pre-flight: %s\n", p->preflight_note);
        if (refused)
            sb_printf(&sb, "NOT ALLOWED: %s (blocking; allow with --allow-hazards %s or hazards.allow in "
                           "schemadiff.yaml)\n",
                      hazard_names(a, refused), hazard_join(a, refused, ","));
        sb_putc(&sb, '\n');
        for (int i = 0; i < p->changes.n; i++) {
            const Change *c = p->changes.items[i];
            sb_printf(&sb, "  %c %s", op_mark(c->op), one_line(a, c->summary));
            if (c->hazards)
                sb_printf(&sb, "  [%s]", hazard_names(a, c->hazards));
            if (c->refused)
                sb_puts(&sb, "  NOT ALLOWED");
            sb_putc(&sb, '\n');
            preflight_print_change(&sb, a, c, "      ", false);
        }
        break;
    case FMT_MARKDOWN:
        sb_puts(&sb, "### schemadiff plan\n\n");
        if (!p->changes.n) {
            sb_puts(&sb, "No changes.\n");
            break;
        }
        sb_printf(&sb, "%d change%s from `%s` to `%s`. Hazards: **%s**\n\n", p->changes.n,
                  p->changes.n == 1 ? "" : "s", one_line(a, o->from_src), one_line(a, o->to_src),
                  hz ? hazard_names(a, hz) : "none");
        if (refused)
            sb_printf(&sb, "**NOT ALLOWED: %s** (blocking; allow with `--allow-hazards %s` or `hazards.allow` "
                           "in `schemadiff.yaml`)\n\n",
                      hazard_names(a, refused), hazard_join(a, refused, ","));
        if (p->preflight_note)
            sb_printf(&sb, "Pre-flight: %s\n\n", p->preflight_note);
        sb_puts(&sb, "| # | change | hazards | lock | in transaction |\n|---|---|---|---|---|\n");
        for (int i = 0; i < p->changes.n; i++) {
            const Change *c = p->changes.items[i];
            const char *s = one_line(a, c->summary);
            StrBuf esc;
            sb_init(&esc);
            for (const char *q = s; *q; q++) {
                if (*q == '|')
                    sb_putc(&esc, '\\');
                sb_putc(&esc, *q);
            }
            sb_printf(&sb, "| %d | %c %s | %s%s | %s | %s |\n", i + 1, op_mark(c->op), esc.data ? esc.data : "",
                      c->hazards ? hazard_names(a, c->hazards) : "",
                      c->refused ? " **NOT ALLOWED**" : "", lock_name(c->lock),
                      c->transactional ? "yes" : "no");
            sb_free(&esc);
        }
        StrBuf pf; /* the pre-flight of each step, under the table */
        sb_init(&pf);
        for (int i = 0; i < p->changes.n; i++)
            preflight_print_change(&pf, a, p->changes.items[i], arena_printf(a, "#%d", i + 1), true);
        sb_printf(&sb, "%s%s", pf.len ? "\n" : "", pf.len ? pf.data : "");
        sb_free(&pf);
        break;
    }
    char *r = sb_take(&sb, a);
    sb_free(&sb);
    return r;
}

/* ---- verify -------------------------------------------------------------------- */

const char *output_drift(Arena *a, const MigrationPlan *p, const OutputOpts *o, OutFormat fmt)
{
    StrBuf sb;
    sb_init(&sb);
    /* one line per object: a drop + create pair (a rebuild) is one change */
    StrMap seen = {0};
    int n = 0;
    for (int i = 0; i < p->changes.n; i++) {
        const Change *c = p->changes.items[i];
        const Obj *obj = c->desired ? c->desired : c->current;
        if (c->dependent || map_get(&seen, obj->key))
            continue;
        map_put(a, &seen, obj->key, (void *)obj);
        const char *drift = c->rebuild ? "changed"
                            : c->op == CHG_CREATE ? "missing"
                            : c->op == CHG_DROP   ? "extra"
                                                  : "changed";
        const char *name = obj_display(a, obj);
        char *paren = strrchr(name, ' ');
        const char *bare = paren ? arena_strndup(a, name, (size_t)(paren - name)) : name;
        if (fmt == FMT_JSON) {
            sb_puts(&sb, "{\"object\": ");
            json_str(&sb, bare);
            sb_puts(&sb, ", \"kind\": ");
            json_str(&sb, kind_info[obj->kind].name);
            sb_puts(&sb, ", \"drift\": ");
            json_str(&sb, drift);
            sb_puts(&sb, ", \"detail\": ");
            json_str(&sb, c->summary);
            sb_puts(&sb, "}\n");
        } else {
            if (!n)
                sb_printf(&sb, "Drift: the database differs from %s\n\n", one_line(a, o->to_src));
            sb_printf(&sb, "  %-8s %s\n", drift, name);
        }
        n++;
    }
    if (!n && fmt != FMT_JSON)
        sb_printf(&sb, "No drift: the database matches %s.\n", one_line(a, o->to_src));
    char *r = sb_take(&sb, a);
    sb_free(&sb);
    return r;
}

/* ---- dump --------------------------------------------------------------------- */

Script *output_dump_script(Arena *a, const Model *m)
{
    Model *empty = model_new(a, "empty");
    ddl_init_model(empty);
    model_sort(empty);
    /* the creates of a plan from the empty schema, printed plainly */
    PtrVec changes = {0}, where = {0};
    plan_changes(a, empty, m, NULL, STYLE_DUMP, &changes, NULL);
    StrBuf sb;
    sb_init(&sb);
    sb_printf(&sb, "-- schemadiff %s dump (state %s)\n", SCHEMADIFF_VERSION, output_fingerprint(a, m));
    for (int i = 0; i < changes.n; i++) {
        const Change *c = changes.items[i];
        if (c->op == CHG_DROP)
            continue; /* a filtered model lacks public: a dump does not drop it */
        sb_putc(&sb, '\n');
        for (int k = 0; k < c->sql.n; k++) {
            script_stmt(a, &sb, &where, c->sql.items[k], c);
            sb_putc(&sb, '\n');
        }
    }
    return script_finish(a, &sb, &where, false);
}

const char *output_dump(Arena *a, const Model *m)
{
    return output_dump_script(a, m)->text;
}

/* ---- files -------------------------------------------------------------------- */

/* Create dir and its missing parents; each directory created is pushed on
 * `created` (outermost first) so that a failure can remove them again. */
static int make_dirs(Arena *a, const char *dir, PtrVec *created)
{
    if (!*dir) {
        errno = ENOENT;
        return -1;
    }
    char *p = arena_strdup(a, dir);
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s)
            continue;
        char c = *s;
        *s = '\0';
        if (mkdir(p, 0755) == 0)
            vec_push(a, created, arena_strdup(a, p));
        else if (errno != EEXIST)
            return -1;
        *s = c;
        if (!c)
            break;
    }
    struct stat st;
    if (stat(dir, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

/* Write text to a new temporary file in dir (its name in *tmp), synced. */
static int write_temp(Arena *a, const char *dir, const char *name, const char *text, const char **tmp)
{
    char *t = arena_printf(a, "%s/.%s.tmpXXXXXX", dir, name);
    int fd = mkstemp(t);
    if (fd < 0)
        return -1;
    *tmp = t;
    size_t len = strlen(text), off = 0;
    while (off < len) {
        ssize_t w = write(fd, text + off, len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        off += (size_t)w;
    }
    bool ok = off == len && fchmod(fd, 0644) == 0 && fsync(fd) == 0;
    int saved = errno;
    ok = (close(fd) == 0) && ok;
    if (!ok) {
        unlink(t);
        *tmp = NULL;
        errno = saved ? saved : EIO;
        return -1;
    }
    return 0;
}

int output_write_files(Arena *a, const char *dir, const OutFile *files, int n, const char **failed)
{
    PtrVec created = {0};
    const char **tmp = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
    const char **bak = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
    const char **final = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
    int renamed = 0, saved;
    /* out/ and out name the same directory: one spelling in messages */
    size_t dlen = strlen(dir);
    while (dlen > 1 && dir[dlen - 1] == '/')
        dlen--;
    dir = arena_strndup(a, dir, dlen);
    *failed = dir;
    if (make_dirs(a, dir, &created) != 0)
        goto fail;
    for (int i = 0; i < n; i++)
        final[i] = arena_printf(a, "%s/%s", dir, files[i].name);
    /* 1. every file into a temporary file beside its final name */
    for (int i = 0; i < n; i++)
        if (write_temp(a, dir, files[i].name, files[i].text, &tmp[i]) != 0) {
            *failed = final[i];
            goto fail;
        }
    /* 2. a hard link keeps each file being replaced, to put it back if a
     *    later rename fails */
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (lstat(final[i], &st) != 0 || S_ISDIR(st.st_mode))
            continue; /* nothing to keep (a directory makes the rename fail) */
        const char *b = arena_printf(a, "%s/.%s.old%ld", dir, files[i].name, (long)getpid());
        unlink(b);
        if (link(final[i], b) != 0) {
            *failed = final[i];
            goto fail;
        }
        bak[i] = b;
    }
    /* 3. the renames: all, or back to what was there */
    for (; renamed < n; renamed++)
        if (rename(tmp[renamed], final[renamed]) != 0) {
            *failed = final[renamed];
            goto fail;
        }
    for (int i = 0; i < n; i++)
        if (bak[i])
            unlink(bak[i]);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        fsync(dfd); /* the renames themselves reach the disk */
        close(dfd);
    }
    return 0;

fail:
    saved = errno;
    for (int i = 0; i < n; i++) {
        if (i < renamed) {
            if (bak[i])
                rename(bak[i], final[i]);
            else
                unlink(final[i]);
        } else if (tmp[i])
            unlink(tmp[i]);
        if (bak[i] && i >= renamed)
            unlink(bak[i]);
    }
    for (int i = created.n - 1; i >= 0; i--)
        rmdir(created.items[i]);
    errno = saved;
    return -1;
}
