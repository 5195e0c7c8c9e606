/*
 * detach.c — DETACH PARTITION that leaves the table as the plan wants it.
 *
 * A partition holds copies of its partitioned table's indexes, PRIMARY
 * KEY / UNIQUE / FOREIGN KEY constraints (conparentid set) and CHECK
 * constraints (coninhcount > 0).  DETACH PARTITION keeps every copy, now
 * as the table's own; the model of a standalone table holds only what its
 * desired definition states, and those objects are created by their own
 * changes, which diff/order.c places after the table's ALTER.  So the
 * detach, in one DO block guarded by pg_inherits (a second run does
 * nothing), first lists the copies (before DETACH, while they can still be
 * told from the table's own), detaches, then drops them; what the desired
 * table declares is created after it.  Without this a migration that
 * detaches a partition does not converge (its plan against the result
 * lists the copies to drop), at every level of a sub-partitioned table.
 */
#include "model.h"

const char *emit_detach_sql(Emit *e, const char *parent, const char *q, const char *schema, const char *cond)
{
    const char *lit = q_literal(e->a, q);
    const char *inner = arena_printf(
        e->a,
        "\nDECLARE\n    n text;\n    cons text[];\n    idx text[];\nBEGIN\n"
        "    IF %s THEN\n"
        "        SELECT array_agg(k.conname::text ORDER BY k.conname) INTO cons FROM pg_catalog.pg_constraint k\n"
        "         WHERE k.conrelid = %s::pg_catalog.regclass AND (k.conparentid <> 0 OR k.coninhcount > 0);\n"
        "        SELECT array_agg(c.relname::text ORDER BY c.relname) INTO idx FROM pg_catalog.pg_index x\n"
        "          JOIN pg_catalog.pg_class c ON c.oid = x.indexrelid\n"
        "         WHERE x.indrelid = %s::pg_catalog.regclass\n"
        "           AND EXISTS (SELECT 1 FROM pg_catalog.pg_inherits h WHERE h.inhrelid = x.indexrelid)\n"
        "           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = x.indexrelid "
        "AND k.conrelid = x.indrelid);\n"
        "        ALTER TABLE %s DETACH PARTITION %s;\n"
        "        FOREACH n IN ARRAY coalesce(cons, '{}') LOOP\n"
        "            EXECUTE pg_catalog.format('ALTER TABLE %%s DROP CONSTRAINT IF EXISTS %%I', %s, n);\n"
        "        END LOOP;\n"
        "        FOREACH n IN ARRAY coalesce(idx, '{}') LOOP\n"
        "            EXECUTE pg_catalog.format('DROP INDEX IF EXISTS %%I.%%I', %s, n);\n"
        "        END LOOP;\n"
        "    END IF;\nEND\n",
        cond, lit, lit, parent, q, lit, q_literal(e->a, schema));
    /* the step is classified by the DDL the block runs */
    e->guard_sql = arena_printf(e->a, "DO %s;", q_dollar(e->a, inner));
    e->guard_body = arena_printf(e->a, "ALTER TABLE %s DETACH PARTITION %s;", parent, q);
    return e->guard_sql;
}

/* A partition is detached before it is dropped: a foreign key that
 * references its partitioned table depends on each partition, and DROP
 * TABLE of one then fails; DETACH checks the referencing rows instead. */
void emit_detach_before_drop(Emit *e, const Table *t)
{
    if (!t->part_of || e->style != STYLE_MIGRATION)
        return;
    const char *q = q_qual(e->a, t->obj.schema, t->obj.name);
    const char *p = q_qual(e->a, t->part_of_schema, t->part_of);
    const char *cond = arena_printf(e->a,
                                    "EXISTS (SELECT 1 FROM pg_catalog.pg_inherits WHERE inhrelid = "
                                    "pg_catalog.to_regclass(%s) AND inhparent = pg_catalog.to_regclass(%s))",
                                    q_literal(e->a, q), q_literal(e->a, p));
    emit_stmt(e, emit_guarded(e, cond, arena_printf(e->a, "ALTER TABLE %s DETACH PARTITION %s;", p, q)));
}

/* ATTACH PARTITION wants the table to hold each CHECK constraint of the
 * parent already (by name; "child table is missing constraint"), which the
 * model of a standalone table need not: they are copied from the parent's
 * catalog entries (its own and those it inherited) right before the
 * ATTACH, after `pre` (the parent's columns the table lacks). */
const char *emit_attach_sql(Emit *e, const char *cond, const char *pre, const char *parent, const char *q,
                            const char *bound)
{
    const char *inner = arena_printf(
        e->a,
        "\nDECLARE\n    r record;\nBEGIN\n    IF %s THEN\n        %s"
        "FOR r IN SELECT k.conname, pg_catalog.pg_get_constraintdef(k.oid) AS def FROM pg_catalog.pg_constraint k\n"
        "                  WHERE k.conrelid = %s::pg_catalog.regclass AND k.contype = 'c'\n"
        "                    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint o WHERE o.conrelid = "
        "%s::pg_catalog.regclass AND o.conname = k.conname)\n"
        "                  ORDER BY k.conname\n"
        "        LOOP\n"
        "            EXECUTE pg_catalog.format('ALTER TABLE %%s ADD CONSTRAINT %%I %%s', %s, r.conname, r.def);\n"
        "        END LOOP;\n"
        "        ALTER TABLE %s ATTACH PARTITION %s %s;\n"
        "    END IF;\nEND\n",
        cond, pre, q_literal(e->a, parent), q_literal(e->a, q), q_literal(e->a, q), parent, q, bound);
    /* the step is classified by the DDL the block runs */
    e->guard_sql = arena_printf(e->a, "DO %s;", q_dollar(e->a, inner));
    e->guard_body = arena_printf(e->a, "ALTER TABLE %s ATTACH PARTITION %s %s;", parent, q, bound);
    return e->guard_sql;
}
