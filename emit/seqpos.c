/*
 * seqpos.c — where a column's sequence stands after a migration.
 *
 * A schema file says which sequence a column draws from, never where that
 * sequence stands; the rows of the database the migration runs on do.  So
 * every position is computed at run time, inside the migration, and each
 * statement is guarded so that a second run changes nothing:
 *
 *   - a column that gains a sequence (becomes serial, gets a nextval()
 *     default, becomes an identity) over existing rows: the sequence is set
 *     past the column's largest value (smallest, for a descending one), and
 *     only ever forward;
 *   - serial -> identity: the old owned sequence is dropped before the
 *     identity is added (else PostgreSQL names the new one `t_c_seq1`), and
 *     the identity RESTARTs at the old sequence's next value;
 *   - identity -> serial (the rollback of the above): the identity is
 *     dropped before the owned sequence of the same name is created, which
 *     continues where the identity's sequence stood.
 *
 * Once a serial's sequence has become an identity's sequence of the same
 * name, the plan's later steps on "the old sequence" (disown, drop) must
 * leave it alone: seqpos_not_identity() is their guard.
 */
#include "model.h"

#include <string.h>

/* The sequence a column's default draws from (a dependency of the column). */
static const Sequence *default_sequence(const Column *c)
{
    if (!c->def)
        return NULL;
    for (int i = 0; i < c->obj.deps.n; i++) {
        const Obj *d = c->obj.deps.items[i];
        if (d->kind == OBJ_SEQUENCE)
            return (const Sequence *)d;
    }
    return NULL;
}

const char *seqpos_not_identity(Arena *a, const char *seq_qual)
{
    return arena_printf(a,
                        "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend WHERE classid = "
                        "'pg_catalog.pg_class'::pg_catalog.regclass AND objid = pg_catalog.to_regclass(%s) "
                        "AND deptype = 'i')",
                        q_literal(a, seq_qual));
}

const char *seqpos_after_rows(Arena *a, const Column *cur, const Column *des)
{
    const Sequence *ds = default_sequence(des), *cs = default_sequence(cur);
    if (!des->identity && !ds)
        return NULL;
    if (cur->identity && des->identity)
        return NULL;
    if (!des->identity && cs && !strcmp(cs->obj.key, ds->obj.key))
        return NULL;
    const char *tbl = q_qual(a, des->obj.schema, des->obj.table);
    const char *col = q_ident(a, des->obj.name);
    const char *seq;
    int64_t inc;
    if (des->identity) {
        seq = arena_printf(a, "pg_catalog.pg_get_serial_sequence(%s, %s)::pg_catalog.regclass",
                           q_literal(a, tbl), q_literal(a, des->obj.name));
        inc = des->identity_opts.increment;
    } else {
        seq = arena_printf(a, "pg_catalog.to_regclass(%s)",
                           q_literal(a, q_qual(a, ds->obj.schema, ds->obj.name)));
        inc = ds->opts.increment;
    }
    /* forward only: past the sequence's next value, within its bounds */
    bool up = inc > 0;
    return arena_printf(a,
                        "SELECT pg_catalog.setval(s.seqrelid, m.v) FROM pg_catalog.pg_sequence s, "
                        "(SELECT pg_catalog.%s(%s)::bigint AS v FROM %s) m WHERE s.seqrelid = %s "
                        "AND m.v BETWEEN s.seqmin AND s.seqmax AND CASE WHEN "
                        "pg_catalog.pg_sequence_last_value(s.seqrelid) IS NULL THEN m.v %s s.seqstart "
                        "ELSE m.v %s pg_catalog.pg_sequence_last_value(s.seqrelid) END;",
                        up ? "max" : "min", col, tbl, seq, up ? ">=" : "<=", up ? ">" : "<");
}

const char *seqpos_serial_to_identity(Arena *a, const Column *cur, const Column *des, const char *identity_missing,
                                      const char *add_identity)
{
    const Sequence *s = default_sequence(cur);
    if (!s || cur->identity || !des->identity)
        return NULL;
    const char *tbl = q_qual(a, des->obj.schema, des->obj.table);
    const char *at = arena_printf(a, "ALTER TABLE %s ALTER COLUMN %s", tbl, q_ident(a, des->obj.name));
    const char *seq = q_qual(a, s->obj.schema, s->obj.name);
    const char *seqlit = q_literal(a, seq);
    const SeqOpts *o = &des->identity_opts;
    const char *body = arena_printf(
        a,
        "\nDECLARE\n    pos bigint;\nBEGIN\n    IF %s THEN\n"
        "        %s DROP DEFAULT;\n"
        /* the old sequence goes first when nothing else uses it, so that
         * the identity's sequence gets its name */
        "        IF pg_catalog.to_regclass(%s) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend "
        "WHERE refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND refobjid = pg_catalog.to_regclass(%s) "
        "AND deptype = 'n') THEN\n"
        "            SELECT q.last_value + q.increment_by INTO pos FROM pg_catalog.pg_sequences q "
        "WHERE q.schemaname = %s AND q.sequencename = %s;\n"
        "            DROP SEQUENCE %s;\n"
        "        END IF;\n"
        "        %s\n"
        "        IF pos BETWEEN %lld AND %lld THEN\n"
        "            EXECUTE %s || pos::text;\n"
        "        END IF;\n"
        "    END IF;\nEND\n",
        identity_missing, at, seqlit, seqlit, q_literal(a, s->obj.schema), q_literal(a, s->obj.name), seq,
        add_identity, (long long)o->min, (long long)o->max, q_literal(a, arena_printf(a, "%s RESTART WITH ", at)));
    return arena_printf(a, "DO %s;", q_dollar(a, body));
}

const char *seqpos_identity_to_serial(Arena *a, const Sequence *s, const char *create_sql)
{
    if (!s->owned)
        return NULL;
    const char *seq = q_qual(a, s->obj.schema, s->obj.name);
    const char *seqlit = q_literal(a, seq);
    const char *body = arena_printf(
        a,
        "\nDECLARE\n    r record;\n    pos bigint;\nBEGIN\n"
        /* an identity whose sequence has this name gives it up first */
        "    FOR r IN SELECT d.refobjid::pg_catalog.regclass AS tbl, a.attname FROM pg_catalog.pg_depend d "
        "JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
        "WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = pg_catalog.to_regclass(%s) "
        "AND d.deptype = 'i' LOOP\n"
        "        pos := pg_catalog.pg_sequence_last_value(pg_catalog.to_regclass(%s));\n"
        "        EXECUTE pg_catalog.format('ALTER TABLE %%s ALTER COLUMN %%I DROP IDENTITY', r.tbl, r.attname);\n"
        "        %s\n"
        "        IF pos BETWEEN %lld AND %lld THEN\n"
        "            PERFORM pg_catalog.setval(%s, pos);\n"
        "        END IF;\n"
        "    END LOOP;\nEND\n",
        seqlit, seqlit, create_sql, (long long)s->opts.min, (long long)s->opts.max, seqlit);
    return arena_printf(a, "DO %s;", q_dollar(a, body));
}
