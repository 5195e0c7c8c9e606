/*
 * poly.c — polymorphic associations: the rules of schemadiff.yaml checked
 * against the designed schema, and the SQL that enforces them.
 *
 * A rule (parser/config_poly.c) says that `type_column` picks the table
 * `id_column` points into.  Here:
 *
 *  - poly_check: what the rule names must exist in the desired model (the
 *    table, both columns, each target table with a PRIMARY KEY / UNIQUE
 *    constraint or unique index on exactly the named column, id and key
 *    types that compare, enum labels for every type named), each error at
 *    its YAML line; a plain FOREIGN KEY on a ruled id column is an error at
 *    the FOREIGN KEY (it fails the first row of another type); without a
 *    rule, an X_type / X_kind / X_table column beside an X_id column is a
 *    warning suggesting one (polymorphic_ignore silences it per table).
 *
 *  - poly_sql: the DDL `enforce` asks for, as ordinary statements that the
 *    DDL reader adds to the desired model (src/main.c), so the generated
 *    objects are diffed, ordered, rolled back and pre-flighted like any
 *    other.  trigger: a check function and a constraint trigger on the
 *    table (insert, and update of the pair: the target row must exist for a
 *    target type, an external type passes, any other type is refused), per
 *    target with an on_delete other than none a function and trigger on the
 *    target for deletes and key updates (restrict raises, cascade deletes
 *    or follows the new key, set_null clears the id), and the index on
 *    (type_column, id_column).  generated_fks: per target a stored
 *    generated column `CASE WHEN type = 'x' THEN id END` with a real
 *    foreign key, and a CHECK listing the known types (the exclusive arc).
 *    none: nothing.  Names are deterministic (`<table>_<id>_poly_check`,
 *    `<table>_<id>_poly_<type>`, `<table>_<type>_<id>_poly_idx`,
 *    `<id>_<type>`), cut to 63 bytes with a hash when longer, and every
 *    name reaches SQL through schemas/quote.c.
 *
 *  - poly_orphans_cond / poly_preflight: the rows a rule refuses, as a
 *    condition; a new check trigger on an existing table gets it as its
 *    pre-flight query (the plan is refused, exit 6, with samples).
 *
 *  - poly_verify_data: the queries of `verify --data` (run in parser/,
 *    printed in emit/).
 */
#include "pg.h"
#include "model.h"

#include <stdio.h>
#include <string.h>

/* ---- names ----------------------------------------------------------------------- */

/* A name of at most 63 bytes: longer ones keep 54 bytes and get `_` and 8
 * hex digits of a hash of the whole (FNV-1a), so two long names stay apart. */
static const char *gen_name(Arena *a, const char *full)
{
    size_t n = strlen(full);
    if (n <= 63)
        return full;
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)full[i]) * 16777619u;
    size_t cut = 54;
    while (cut > 0 && ((unsigned char)full[cut] & 0xC0) == 0x80)
        cut--; /* not inside a UTF-8 sequence */
    return arena_printf(a, "%.*s_%08x", (int)cut, full, h);
}

const char *poly_check_name(Arena *a, const PolyRule *r)
{
    return gen_name(a, arena_printf(a, "%s_%s_poly_check", r->table, r->id_column));
}

static const char *target_name(Arena *a, const PolyRule *r, const PolyTarget *t)
{
    return gen_name(a, arena_printf(a, "%s_%s_poly_%s", r->table, r->id_column, t->type));
}

static const char *gen_column_name(Arena *a, const PolyRule *r, const PolyTarget *t)
{
    return gen_name(a, arena_printf(a, "%s_%s", r->id_column, t->type));
}

/* ---- checks against the desired model -------------------------------------------- */

static bool string_type(const TypeRef *t)
{
    return !t->schema && !t->array_dims &&
           (!strcmp(t->name, "text") || !strcmp(t->name, "character varying") || !strcmp(t->name, "character") ||
            !strcmp(t->name, "varchar") || !strcmp(t->name, "bpchar"));
}

static const EnumType *enum_of(const Model *m, const TypeRef *t)
{
    if (!t->schema || t->array_dims)
        return NULL;
    return (const EnumType *)model_lookup(m, OBJ_ENUM, t->schema, NULL, t->name);
}

/* Whether an id of type x can be compared with a key of type y by `=`. */
static bool comparable(const TypeRef *x, const TypeRef *y)
{
    if (x->array_dims || y->array_dims)
        return false;
    TypeFamily fx = type_family(x), fy = type_family(y);
    if (fx != FAM_OTHER && fx == fy)
        return true;
    if ((fx == FAM_INT && fy == FAM_NUMERIC) || (fx == FAM_NUMERIC && fy == FAM_INT))
        return true;
    return str_same(x->schema, y->schema) && !strcmp(x->name, y->name);
}

static bool has_label(const EnumType *e, const char *s)
{
    for (int i = 0; i < e->nlabels; i++)
        if (!strcmp(e->labels[i], s))
            return true;
    return false;
}

/* The rule a table's column belongs to, or NULL. */
static const PolyRule *rule_of(const PtrVec *rules, const char *schema, const char *table, const char *column)
{
    for (int i = 0; rules && i < rules->n; i++) {
        const PolyRule *r = rules->items[i];
        if (!strcmp(r->schema, schema) && !strcmp(r->table, table) &&
            (!column || (r->id_column && !strcmp(r->id_column, column))))
            return r;
    }
    return NULL;
}

static bool ignored(const Config *cfg, const char *schema, const char *table)
{
    for (int i = 0; i < cfg->poly_ignore.n; i++) {
        const PolyName *n = cfg->poly_ignore.items[i];
        if (!strcmp(n->schema, schema) && !strcmp(n->table, table))
            return true;
    }
    return false;
}

/* Where a constraint was written: its own token when the reader kept it. */
static SrcLoc con_loc(const TableConstraint *k)
{
    SrcLoc l = k->obj.loc;
    const Constraint *con = (const Constraint *)k->raw;
    if (l.text && con && IsA(con, Constraint) && con->location >= 0 && (size_t)con->location < strlen(l.text))
        l.offset = con->location;
    return l;
}

/* The single-column foreign key on schema.table(column), or NULL. */
static const TableConstraint *fk_on(const Model *m, const Table *t, const char *column)
{
    for (int i = 0; i < m->objs.n; i++) {
        const Obj *o = m->objs.items[i];
        if (!o || o->kind != OBJ_CONSTRAINT || !str_same(o->schema, t->obj.schema) || !str_same(o->table, t->obj.name))
            continue;
        const TableConstraint *k = (const TableConstraint *)o;
        const Constraint *con = (const Constraint *)k->raw;
        if (k->contype != CON_FOREIGN || !con || !IsA(con, Constraint))
            continue;
        ListCell *lc;
        foreach (lc, con->fk_attrs)
            if (!strcmp(strVal(lfirst(lc)), column))
                return k;
    }
    return NULL;
}

/* The rule to write for a suspected pair, as YAML lines. */
static const char *suggested_rule(Arena *a, const Table *t, const char *tc, const char *ic, const TableConstraint *fk)
{
    return arena_printf(a,
                        "polymorphic:\n  - table: %s.%s\n    type_column: %s\n    id_column: %s\n    targets:\n"
                        "      <type>: %s.%s(<key column>)\n    external: [<types with no table here>]\n"
                        "    on_delete: restrict\n    enforce: trigger",
                        t->obj.schema, t->obj.name, tc, ic, fk ? fk->fk_schema : "<schema>",
                        fk ? fk->fk_table : "<table>");
}

static void check_rule(Arena *a, const PolyRule *r, const Model *m, const StrMap *uix, Diags *d)
{
    const Table *t = model_table(m, r->schema, r->table);
    if (!t) {
        diag_at(d, EXIT_INPUT, r->table_loc, "polymorphic rule: table %s.%s is not in the desired schema", r->schema,
                r->table);
        return;
    }
    const Column *tc = table_column(t, r->type_column), *ic = table_column(t, r->id_column);
    if (!tc)
        diag_at(d, EXIT_INPUT, r->type_loc, "polymorphic rule: table %s.%s has no column \"%s\"", r->schema, r->table,
                r->type_column);
    if (!ic)
        diag_at(d, EXIT_INPUT, r->id_loc, "polymorphic rule: table %s.%s has no column \"%s\"", r->schema, r->table,
                r->id_column);
    const EnumType *en = tc ? enum_of(m, &tc->type) : NULL;
    if (tc && !en && !string_type(&tc->type))
        diag_at(d, EXIT_INPUT, r->type_loc, "polymorphic rule: type_column %s is %s; it must be text, varchar, char "
                "or an enum", r->type_column, tc->type.sql);
    for (int i = 0; i < r->targets.n; i++) {
        const PolyTarget *pt = r->targets.items[i];
        if (en && !has_label(en, pt->type))
            diag_at(d, EXIT_INPUT, pt->loc, "polymorphic rule: type '%s' is not a label of enum %s", pt->type,
                    tc->type.sql);
        const Table *tt = model_table(m, pt->schema, pt->table);
        if (!tt) {
            diag_at(d, EXIT_INPUT, pt->ref_loc, "polymorphic rule: target table %s.%s of type '%s' is not in the "
                    "desired schema", pt->schema, pt->table, pt->type);
            continue;
        }
        const Column *kc = table_column(tt, pt->column);
        if (!kc) {
            diag_at(d, EXIT_INPUT, pt->ref_loc, "polymorphic rule: target table %s.%s has no column \"%s\"",
                    pt->schema, pt->table, pt->column);
            continue;
        }
        bool deferrable = false;
        if (!model_referenced_key(m, uix, pt->schema, pt->table, list_make1(makeString((char *)pt->column)),
                                 &deferrable))
            diag_at(d, EXIT_INPUT, pt->ref_loc, "polymorphic rule: %s.%s(%s) is not a key: no PRIMARY KEY, UNIQUE "
                    "constraint or unique index on exactly that column (ids must name one row)", pt->schema,
                    pt->table, pt->column);
        if (ic && !comparable(&ic->type, &kc->type))
            diag_at(d, EXIT_INPUT, pt->ref_loc, "polymorphic rule: id_column %s is %s and %s.%s(%s) is %s: they "
                    "cannot be compared", r->id_column, ic->type.sql, pt->schema, pt->table, pt->column,
                    kc->type.sql);
    }
    for (int i = 0; en && i < r->external.n; i++) {
        const PolyTarget *e = r->external.items[i];
        if (!has_label(en, e->type))
            diag_at(d, EXIT_INPUT, e->loc, "polymorphic rule: type '%s' is not a label of enum %s", e->type,
                    tc->type.sql);
    }
    /* a plain foreign key on the id refuses every row of another type */
    const TableConstraint *fk = ic ? fk_on(m, t, r->id_column) : NULL;
    if (fk) {
        int line, col;
        diag_line_col(r->loc, &line, &col);
        StrBuf others;
        sb_init(&others);
        int n = 0;
        for (int i = 0; i < r->targets.n + r->external.n; i++) {
            const PolyTarget *pt = i < r->targets.n ? r->targets.items[i] : r->external.items[i - r->targets.n];
            if (i < r->targets.n && !strcmp(pt->schema, fk->fk_schema) && !strcmp(pt->table, fk->fk_table))
                continue;
            sb_printf(&others, "%s'%s'", n++ ? ", " : "", pt->type);
        }
        diag_at(d, EXIT_INPUT, con_loc(fk),
                "foreign key %s on polymorphic id column %s.%s.%s: its ids point into a different table for each "
                "%s, so this constraint fails the first row of another type%s%s; remove it: the polymorphic rule "
                "at %s:%d enforces the id per type (enforce: trigger or generated_fks)",
                q_ident(a, fk->obj.name), r->schema, r->table, r->id_column, r->type_column, n ? " (" : "",
                n ? arena_printf(a, "%s)", others.data) : "", r->loc.file ? r->loc.file : "schemadiff.yaml", line);
        sb_free(&others);
    }
}

/* The type columns of a suspected pair: X_type, X_kind, X_table beside X_id. */
static void suspects(Arena *a, const Config *cfg, const Model *m, Diags *d, PtrVec *notes)
{
    static const char *const suffixes[] = {"_type", "_kind", "_table"};
    for (int i = 0; i < m->objs.n; i++) {
        const Obj *o = m->objs.items[i];
        if (!o || o->kind != OBJ_TABLE)
            continue;
        const Table *t = (const Table *)o;
        if (ignored(cfg, o->schema, o->name))
            continue;
        for (int k = 0; k < t->columns.n; k++) {
            const Column *c = t->columns.items[k];
            const char *nm = c->obj.name;
            size_t len = strlen(nm);
            for (size_t s = 0; s < sizeof suffixes / sizeof suffixes[0]; s++) {
                size_t sl = strlen(suffixes[s]);
                if (len <= sl || strcmp(nm + len - sl, suffixes[s]))
                    continue;
                if (!string_type(&c->type) && !enum_of(m, &c->type))
                    continue;
                const char *idn = arena_printf(a, "%.*s_id", (int)(len - sl), nm);
                if (!table_column(t, idn) || rule_of(&cfg->poly, o->schema, o->name, idn))
                    continue;
                const TableConstraint *fk = fk_on(m, t, idn);
                const char *msg =
                    fk ? arena_printf(a, "%s.%s(%s, %s) looks like a polymorphic association, and foreign key %s ties %s "
                                      "to %s.%s alone: a row of any other %s fails it; write a rule in schemadiff.yaml "
                                      "instead (or list the table in polymorphic_ignore):\n%s",
                                      o->schema, o->name, nm, idn, q_ident(a, fk->obj.name), idn, fk->fk_schema,
                                      fk->fk_table, nm, suggested_rule(a, t, nm, idn, fk))
                       : arena_printf(a, "%s.%s(%s, %s) looks like a polymorphic association with nothing checking "
                                      "%s: orphans pile up unseen; write a rule in schemadiff.yaml (or list the table "
                                      "in polymorphic_ignore):\n%s",
                                      o->schema, o->name, nm, idn, idn, suggested_rule(a, t, nm, idn, NULL));
                diag_warn(d, o->loc.file ? o->loc : (SrcLoc){NULL, NULL, -1}, "%s", msg);
                if (notes)
                    vec_push(a, notes, (void *)arena_printf(a, "%s.%s(%s, %s): suspected polymorphic association "
                                                            "without a rule (%s)", o->schema, o->name, nm, idn,
                                                            fk ? "a plain foreign key on the id" : "nothing checks the id"));
            }
        }
    }
}

void poly_check(Arena *a, const Config *cfg, const Model *desired, Diags *diags, PtrVec *notes)
{
    StrMap uix = {0};
    model_index_unique(a, desired, &uix);
    for (int i = 0; i < cfg->poly.n; i++)
        check_rule(a, cfg->poly.items[i], desired, &uix, diags);
    suspects(a, cfg, desired, diags, notes);
}

/* ---- the enforcement ---------------------------------------------------------------- */

static void trigger_sql(Arena *a, StrBuf *sb, const PolyRule *r)
{
    const char *tbl = q_qual(a, r->schema, r->table);
    const char *tcq = q_ident(a, r->type_column), *icq = q_ident(a, r->id_column);
    const char *fn = q_qual(a, r->schema, poly_check_name(a, r));
    /* the check of the polymorphic table */
    StrBuf body;
    sb_init(&body);
    sb_printf(&body, "\nBEGIN\n    IF NEW.%s IS NULL OR NEW.%s IS NULL THEN\n        RETURN NULL;\n    END IF;\n"
                     "    CASE NEW.%s::text\n", tcq, icq, tcq);
    for (int i = 0; i < r->targets.n; i++) {
        const PolyTarget *pt = r->targets.items[i];
        const char *target = q_qual(a, pt->schema, pt->table);
        sb_printf(&body,
                  "    WHEN %s THEN\n        PERFORM 1 FROM %s AS sd_t WHERE sd_t.%s = NEW.%s FOR KEY SHARE;\n"
                  "        IF NOT FOUND THEN\n            RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',\n"
                  "                MESSAGE = pg_catalog.format('%%s %%s of %%s has no row in %%s (polymorphic rule "
                  "of schemadiff.yaml)', NEW.%s, NEW.%s, %s, %s);\n        END IF;\n",
                  q_literal(a, pt->type), target, q_ident(a, pt->column), icq, tcq, icq, q_literal(a, tbl),
                  q_literal(a, target));
    }
    if (r->external.n) {
        sb_puts(&body, "    WHEN ");
        for (int i = 0; i < r->external.n; i++)
            sb_printf(&body, "%s%s", i ? ", " : "", q_literal(a, ((PolyTarget *)r->external.items[i])->type));
        sb_puts(&body, " THEN\n        NULL;\n");
    }
    sb_printf(&body, "    ELSE\n        RAISE EXCEPTION USING ERRCODE = 'check_violation',\n"
                     "            MESSAGE = pg_catalog.format('unknown %%s %%L in %%s (polymorphic rule of "
                     "schemadiff.yaml)', %s, NEW.%s, %s);\n    END CASE;\n    RETURN NULL;\nEND\n",
              q_literal(a, r->type_column), tcq, q_literal(a, tbl));
    sb_printf(sb, "CREATE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS %s;\n", fn, q_dollar(a, body.data));
    sb_free(&body);
    sb_printf(sb, "CREATE CONSTRAINT TRIGGER %s AFTER INSERT OR UPDATE OF %s, %s ON %s NOT DEFERRABLE INITIALLY "
                  "IMMEDIATE FOR EACH ROW EXECUTE FUNCTION %s();\n",
              q_ident(a, poly_check_name(a, r)), tcq, icq, tbl, fn);
    sb_printf(sb, "CREATE INDEX %s ON %s USING btree (%s, %s);\n",
              q_ident(a, gen_name(a, arena_printf(a, "%s_%s_%s_poly_idx", r->table, r->type_column, r->id_column))),
              tbl, tcq, icq);
    /* each target: deletes and key updates */
    for (int i = 0; i < r->targets.n; i++) {
        const PolyTarget *pt = r->targets.items[i];
        if (pt->on_delete == POLY_NO_ACTION)
            continue;
        const char *target = q_qual(a, pt->schema, pt->table);
        const char *kq = q_ident(a, pt->column);
        const char *match = arena_printf(a, "sd_p.%s = %s AND sd_p.%s = OLD.%s", tcq, q_literal(a, pt->type), icq, kq);
        StrBuf b;
        sb_init(&b);
        sb_printf(&b, "\nBEGIN\n    IF TG_OP = 'UPDATE' AND NEW.%s IS NOT DISTINCT FROM OLD.%s THEN\n"
                      "        RETURN NULL;\n    END IF;\n", kq, kq);
        switch (pt->on_delete) {
        case POLY_RESTRICT:
            sb_printf(&b, "    PERFORM 1 FROM %s AS sd_p WHERE %s LIMIT 1;\n    IF FOUND THEN\n"
                          "        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',\n"
                          "            MESSAGE = pg_catalog.format('%%s of %%s %%s is refused: %%s still references it "
                          "(%%s = %%L; polymorphic rule of schemadiff.yaml)', TG_OP, %s, OLD.%s, %s, %s, %s);\n"
                          "    END IF;\n",
                      tbl, match, q_literal(a, target), kq, q_literal(a, tbl), q_literal(a, r->type_column),
                      q_literal(a, pt->type));
            break;
        case POLY_CASCADE:
            sb_printf(&b, "    IF TG_OP = 'DELETE' THEN\n        DELETE FROM %s AS sd_p WHERE %s;\n    ELSE\n"
                          "        UPDATE %s AS sd_p SET %s = NEW.%s WHERE %s;\n    END IF;\n",
                      tbl, match, tbl, icq, kq, match);
            break;
        case POLY_SET_NULL:
            sb_printf(&b, "    UPDATE %s AS sd_p SET %s = NULL WHERE %s;\n", tbl, icq, match);
            break;
        case POLY_NO_ACTION:
            break;
        }
        sb_puts(&b, "    RETURN NULL;\nEND\n");
        const char *tfn = q_qual(a, r->schema, target_name(a, r, pt));
        sb_printf(sb, "CREATE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS %s;\n", tfn, q_dollar(a, b.data));
        sb_printf(sb, "CREATE TRIGGER %s AFTER DELETE OR UPDATE OF %s ON %s FOR EACH ROW EXECUTE FUNCTION %s();\n",
                  q_ident(a, target_name(a, r, pt)), kq, target, tfn);
        sb_free(&b);
    }
}

static void generated_fks_sql(Arena *a, StrBuf *sb, const PolyRule *r, const Model *m)
{
    const Table *t = model_table(m, r->schema, r->table);
    const Column *ic = table_column(t, r->id_column);
    const char *tbl = q_qual(a, r->schema, r->table);
    const char *tcq = q_ident(a, r->type_column), *icq = q_ident(a, r->id_column);
    StrBuf types;
    sb_init(&types);
    for (int i = 0; i < r->targets.n + r->external.n; i++) {
        const PolyTarget *pt = i < r->targets.n ? r->targets.items[i] : r->external.items[i - r->targets.n];
        sb_printf(&types, "%s%s", i ? ", " : "", q_literal(a, pt->type));
    }
    sb_printf(sb, "ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s IN (%s));\n", tbl,
              q_ident(a, gen_name(a, arena_printf(a, "%s_%s_poly_types", r->table, r->type_column))), tcq, types.data);
    sb_free(&types);
    for (int i = 0; i < r->targets.n; i++) {
        const PolyTarget *pt = r->targets.items[i];
        const char *gc = q_ident(a, gen_column_name(a, r, pt));
        /* spelled as the server prints it back (the literal cast to the type
         * column's type, ELSE NULL of the id's), so a database read compares equal */
        const Column *tc = table_column(t, r->type_column);
        sb_printf(sb, "ALTER TABLE %s ADD COLUMN %s %s GENERATED ALWAYS AS (CASE WHEN %s = %s::%s THEN %s ELSE "
                      "NULL::%s END) STORED;\n",
                  tbl, gc, ic->type.sql, tcq, q_literal(a, pt->type), tc->type.sql, icq, ic->type.sql);
        const char *act = pt->on_delete == POLY_CASCADE ? " ON DELETE CASCADE"
                          : pt->on_delete == POLY_RESTRICT ? " ON DELETE RESTRICT" : "";
        sb_printf(sb, "ALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s(%s)%s;\n", tbl,
                  q_ident(a, gen_name(a, arena_printf(a, "%s_%s_fkey", r->table, gen_column_name(a, r, pt)))), gc,
                  q_qual(a, pt->schema, pt->table), q_ident(a, pt->column), act);
    }
}

const char *poly_sql(Arena *a, const Config *cfg, const Model *desired)
{
    StrBuf sb;
    sb_init(&sb);
    for (int i = 0; i < cfg->poly.n; i++) {
        const PolyRule *r = cfg->poly.items[i];
        switch (r->enforce) {
        case POLY_TRIGGER:
            trigger_sql(a, &sb, r);
            break;
        case POLY_GENERATED_FKS:
            generated_fks_sql(a, &sb, r, desired);
            break;
        case POLY_ENFORCE_NONE:
            break;
        }
    }
    const char *s = sb.len ? sb_take(&sb, a) : NULL;
    sb_free(&sb);
    return s;
}

/* ---- the rows a rule refuses --------------------------------------------------------- */

const char *poly_orphans_cond(Arena *a, const PolyRule *r, const Model *m, const PolyTarget *only, bool unknown)
{
    const char *tcq = arena_printf(a, "sd_r.%s", q_ident(a, r->type_column));
    const char *icq = arena_printf(a, "sd_r.%s", q_ident(a, r->id_column));
    StrBuf sb;
    sb_init(&sb);
    for (int i = 0; !unknown && i < r->targets.n; i++) {
        const PolyTarget *pt = r->targets.items[i];
        if (only && only != pt)
            continue;
        /* a target table not there yet is empty: every id of its type is an orphan */
        const char *missing = model_table(m, pt->schema, pt->table)
                                  ? arena_printf(a, " AND NOT EXISTS (SELECT 1 FROM %s AS sd_p WHERE sd_p.%s = %s)",
                                                 q_qual(a, pt->schema, pt->table), q_ident(a, pt->column), icq)
                                  : "";
        sb_printf(&sb, "%s(%s::text = %s AND %s IS NOT NULL%s)", sb.len ? " OR " : "", tcq, q_literal(a, pt->type),
                  icq, missing);
    }
    if (!only) {
        StrBuf known;
        sb_init(&known);
        for (int i = 0; i < r->targets.n + r->external.n; i++) {
            const PolyTarget *pt = i < r->targets.n ? r->targets.items[i] : r->external.items[i - r->targets.n];
            sb_printf(&known, "%s%s", i ? ", " : "", q_literal(a, pt->type));
        }
        sb_printf(&sb, "%s(%s IS NOT NULL AND %s IS NOT NULL AND %s::text NOT IN (%s))", sb.len ? " OR " : "", tcq,
                  icq, tcq, known.data);
        sb_free(&known);
    }
    const char *s = sb_take(&sb, a);
    sb_free(&sb);
    return s;
}

/* The text key of a row (its primary key, else its ctid). */
static const char *row_key(Arena *a, const Model *m, const Table *t)
{
    for (int i = 0; i < m->objs.n; i++) {
        const Obj *o = m->objs.items[i];
        if (!o || o->kind != OBJ_CONSTRAINT || ((const TableConstraint *)o)->contype != CON_PRIMARY ||
            !str_same(o->schema, t->obj.schema) || !str_same(o->table, t->obj.name))
            continue;
        const Constraint *con = (const Constraint *)((const TableConstraint *)o)->raw;
        if (!con || !IsA(con, Constraint) || !con->keys)
            break;
        StrBuf sb;
        sb_init(&sb);
        sb_puts(&sb, list_length(con->keys) > 1 ? "ROW(" : "(");
        ListCell *lc;
        foreach (lc, con->keys)
            sb_printf(&sb, "%ssd_r.%s", foreach_current_index(lc) ? ", " : "", q_ident(a, strVal(lfirst(lc))));
        sb_puts(&sb, ")::text");
        const char *s = sb_take(&sb, a);
        sb_free(&sb);
        return s;
    }
    return "sd_r.ctid::text";
}

void poly_preflight(Arena *a, const Model *current, const Model *desired, Change *c, const char *limit)
{
    const Obj *o = c->desired;
    for (int i = 0; o && desired->poly_rules && i < desired->poly_rules->n; i++) {
        const PolyRule *r = desired->poly_rules->items[i];
        if (r->enforce != POLY_TRIGGER || !str_same(o->schema, r->schema) || !str_same(o->table, r->table) ||
            strcmp(o->name, poly_check_name(a, r)))
            continue;
        const Table *t = model_table(current, r->schema, r->table);
        if (!t || !table_column(t, r->type_column) || !table_column(t, r->id_column))
            return; /* new columns: no rows to test yet */
        for (int k = 0; k < c->steps.n; k++) {
            Step *st = c->steps.items[k];
            if (!strstr(st->body ? st->body : "", "CONSTRAINT TRIGGER"))
                continue;
            st->preflight = arena_printf(a, "SELECT %s FROM %s AS sd_r WHERE %s%s", row_key(a, current, t),
                                         q_qual(a, r->schema, r->table), poly_orphans_cond(a, r, current, NULL, false),
                                         limit);
            st->preflight_what = arena_printf(a, "rows of %s.%s whose (%s, %s) the polymorphic rule refuses (a "
                                                 "missing target row or an unknown type)",
                                              r->schema, r->table, r->type_column, r->id_column);
            st->pf_state = PF_NOT_RUN;
        }
        return;
    }
}

/* ---- verify --data -------------------------------------------------------------------- */

static DataFinding *finding(Arena *a, PtrVec *out, const char *severity, const char *check, const char *table)
{
    DataFinding *f = arena_alloc(a, sizeof *f);
    memset(f, 0, sizeof *f);
    f->severity = severity;
    f->check = check;
    f->table = table;
    vec_push(a, out, f);
    return f;
}

/* SELECT count, up to five samples (newline-separated) of rows matching cond. */
static const char *count_query(Arena *a, const char *from, const char *cond, const char *sample)
{
    return arena_printf(a, "SELECT (SELECT pg_catalog.count(*) FROM %s AS sd_r WHERE %s), (SELECT "
                           "pg_catalog.string_agg(sd_s, E'\\n') FROM (SELECT %s AS sd_s FROM %s AS sd_r WHERE %s LIMIT "
                           "5) AS sd_q)",
                        from, cond, sample, from, cond);
}

void poly_verify_data(Arena *a, const Config *cfg, const Model *db, PtrVec *out)
{
    for (int i = 0; i < cfg->poly.n; i++) {
        const PolyRule *r = cfg->poly.items[i];
        const char *tname = arena_printf(a, "%s.%s", r->schema, r->table);
        const Table *t = model_table(db, r->schema, r->table);
        if (!t || !table_column(t, r->type_column) || !table_column(t, r->id_column)) {
            DataFinding *f = finding(a, out, "critical", "polymorphic", tname);
            f->object = arena_printf(a, "%s/%s", r->type_column, r->id_column);
            f->message = !t ? arena_printf(a, "the rule's table %s is not in the database", tname)
                            : arena_printf(a, "the rule's column %s is not in %s",
                                           !table_column(t, r->type_column) ? r->type_column : r->id_column, tname);
            continue;
        }
        const char *from = q_qual(a, r->schema, r->table);
        const char *idtext = arena_printf(a, "sd_r.%s::text", q_ident(a, r->id_column));
        for (int k = 0; k < r->targets.n; k++) {
            const PolyTarget *pt = r->targets.items[k];
            DataFinding *f = finding(a, out, "error", "polymorphic", tname);
            f->object = arena_printf(a, "%s/%s", r->type_column, r->id_column);
            f->type = pt->type;
            if (!model_table(db, pt->schema, pt->table) ||
                !table_column(model_table(db, pt->schema, pt->table), pt->column)) {
                f->severity = "critical";
                f->message = arena_printf(a, "target %s.%s(%s) of type '%s' is not in the database", pt->schema,
                                          pt->table, pt->column, pt->type);
                continue;
            }
            f->message = arena_printf(a, "rows of type '%s' whose %s has no row in %s.%s(%s)", pt->type,
                                      r->id_column, pt->schema, pt->table, pt->column);
            f->query = count_query(a, from, poly_orphans_cond(a, r, db, pt, false), idtext);
        }
        DataFinding *f = finding(a, out, "error", "polymorphic", tname);
        f->object = arena_printf(a, "%s/%s", r->type_column, r->id_column);
        f->message = arena_printf(a, "rows whose %s is neither a target nor external", r->type_column);
        f->query = count_query(a, from, poly_orphans_cond(a, r, db, NULL, true),
                               arena_printf(a, "sd_r.%s::text || ':' || %s", q_ident(a, r->type_column), idtext));
    }
    /* NOT VALID foreign keys and checks: the rows validation would refuse */
    for (int i = 0; i < db->objs.n; i++) {
        const Obj *o = db->objs.items[i];
        if (!o || o->kind != OBJ_CONSTRAINT || !((const TableConstraint *)o)->not_valid)
            continue;
        const TableConstraint *k = (const TableConstraint *)o;
        const Table *t = model_table(db, o->schema, o->table);
        const char *what = NULL;
        const char *q = t ? preflight_constraint_rows(a, db, t, k, &what) : NULL;
        if (!q)
            continue;
        DataFinding *f = finding(a, out, "error", k->contype == CON_FOREIGN ? "foreign_key" : "check",
                                 arena_printf(a, "%s.%s", o->schema, o->table));
        f->object = o->name;
        f->message = arena_printf(a, "NOT VALID %s %s: %s", k->contype == CON_FOREIGN ? "foreign key" : "check",
                                  o->name, what ? what : "rows that violate it");
        f->query = arena_printf(a, "SELECT (SELECT pg_catalog.count(*) FROM (%s) AS sd_c), (SELECT "
                                   "pg_catalog.string_agg(sd_c.sd_k, E'\\n') FROM (SELECT sd_a.* FROM (%s) AS sd_a "
                                   "LIMIT 5) AS sd_c(sd_k))",
                                q, q);
    }
    /* suspected pairs without a rule */
    Diags quiet = {a, {0}, {0}};
    PtrVec notes = {0};
    suspects(a, cfg, db, &quiet, &notes);
    for (int i = 0; i < notes.n; i++) {
        DataFinding *f = finding(a, out, "warning", "unruled_pair", "");
        f->message = notes.items[i];
    }
}
