/*
 * classify_types.c — what a column's type change does to the rows.
 *
 * Split from classify.c: the rules, all of them pure functions of the two
 * types (and of the domains the models define), behind ALTER COLUMN TYPE's
 * claims.  A change rewrites the table unless PostgreSQL 15 proves the new
 * type binary compatible with the old (ATColumnChangeRequiresRewrite in
 * tablecmds.c: the cast expression, once its planner support functions
 * have simplified it, is only a RelabelType of the column, or a
 * CoerceToDomain of one over a domain without constraints): pg_cast's
 * binary-coercible casts, a length limit raised or removed (varchar_support,
 * numeric_support, interval_support, timestamp_support...), timestamp <->
 * timestamptz in a session whose zone is UTC, domains over the same base.
 * Separately, whether a conversion can lose information (data_loss).
 */
#include "pg.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>

/* ---- type changes that keep the rows --------------------------------------- */

/* pg_cast rows with castmethod 'b' between built-in types (PostgreSQL 15):
 * the value is reinterpreted, never converted. */
static const char *const binary_casts[] = {
    "bit varying|bit", "bit|bit varying", "character varying|character", "character varying|text",
    "cidr|inet", "integer|oid", "integer|regclass", "integer|regcollation", "integer|regconfig",
    "integer|regdictionary", "integer|regnamespace", "integer|regoper", "integer|regoperator", "integer|regproc",
    "integer|regprocedure", "integer|regrole", "integer|regtype", "oid|integer", "oid|regclass",
    "oid|regcollation", "oid|regconfig", "oid|regdictionary", "oid|regnamespace", "oid|regoper",
    "oid|regoperator", "oid|regproc", "oid|regprocedure", "oid|regrole", "oid|regtype", "pg_node_tree|text",
    "regclass|integer", "regclass|oid", "regcollation|integer", "regcollation|oid", "regconfig|integer",
    "regconfig|oid", "regdictionary|integer", "regdictionary|oid", "regnamespace|integer", "regnamespace|oid",
    "regoper|integer", "regoper|oid", "regoper|regoperator", "regoperator|integer", "regoperator|oid",
    "regoperator|regoper", "regproc|integer", "regproc|oid", "regproc|regprocedure", "regprocedure|integer",
    "regprocedure|oid", "regprocedure|regproc", "regrole|integer", "regrole|oid", "regtype|integer",
    "regtype|oid", "text|character", "text|character varying", "xml|character", "xml|character varying",
    "xml|text",
};

static bool binary_cast(const char *from, const char *to)
{
    for (size_t i = 0; i < sizeof binary_casts / sizeof binary_casts[0]; i++) {
        const char *bar = strchr(binary_casts[i], '|');
        if (!strncmp(binary_casts[i], from, (size_t)(bar - binary_casts[i])) && !from[bar - binary_casts[i]] &&
            !strcmp(bar + 1, to))
            return true;
    }
    return false;
}

static int typmod_at(const char *typmods, int k)
{
    if (!typmods)
        return -1;
    const char *p = typmods + 1;
    for (int i = 0; i < k && p; i++) {
        p = strchr(p, ',');
        if (p)
            p++;
    }
    return p ? atoi(p) : -1;
}

/* interval's typmods as format_type() spells them (parser/normalize.c):
 * " day to second(3)", "(2)", " year"; the least field as
 * intervaltypmodleastfield() ranks it (second 0 ... year 5; the full range
 * 0) and the sub-second precision (none given: the full, 0xFFFF). */
static void interval_typmod(const char *t, int *least, int *precision)
{
    static const char *const fields[] = {"second", "minute", "hour", "day", "month", "year"};
    const char *paren = strchr(t, '(');
    size_t len = paren ? (size_t)(paren - t) : strlen(t);
    *least = 0;
    for (int i = 0; i < 6; i++) {
        size_t n = strlen(fields[i]);
        if (len >= n && !strncmp(t + len - n, fields[i], n)) {
            *least = i;
            break;
        }
    }
    *precision = paren ? atoi(paren + 1) : 0xFFFF;
}

/* interval_support(): the cast is a no-op when the least field stays or
 * goes down while the precision stays or goes up (precision only matters
 * when the old range reaches seconds). */
static bool interval_widening(const char *from, const char *to)
{
    int fl, fp, tl, tp;
    interval_typmod(from, &fl, &fp);
    interval_typmod(to, &tl, &tp);
    return tl <= fl && (fl > 0 || tp >= 6 || tp >= fp);
}

/* A length coercion PostgreSQL's planner support functions remove
 * (varchar_support, numeric_support, timestamp_support, ...): the same
 * type with a limit raised or removed. */
static bool typmod_widening(const TypeRef *from, const TypeRef *to)
{
    static const char *const widenable[] = {"character varying", "bit varying", "timestamp without time zone",
                                            "timestamp with time zone", "time without time zone",
                                            "time with time zone",
                                            "interval", "numeric"};
    bool known = false;
    for (size_t i = 0; i < sizeof widenable / sizeof widenable[0]; i++)
        known = known || !strcmp(from->name, widenable[i]);
    if (!known || strcmp(from->name, to->name))
        return false;
    if (!to->typmods)
        return true;
    if (!strcmp(from->name, "interval"))
        return interval_widening(from->typmods ? from->typmods : "", to->typmods);
    if (!from->typmods)
        return false;
    if (!strcmp(from->name, "numeric"))  /* precision up at the same scale */
        return typmod_at(to->typmods, 1) == typmod_at(from->typmods, 1) &&
               typmod_at(to->typmods, 0) >= typmod_at(from->typmods, 0);
    return typmod_at(to->typmods, 0) >= typmod_at(from->typmods, 0);
}

static bool is_timestamp(const char *n, bool tz)
{
    return !strcmp(n, tz ? "timestamp with time zone" : "timestamp without time zone");
}

bool classify_tz_change(const TypeRef *from, const TypeRef *to)
{
    if (from->schema || to->schema || from->array_dims != to->array_dims)
        return false;
    bool up = is_timestamp(from->name, false) && is_timestamp(to->name, true);
    bool down = is_timestamp(from->name, true) && is_timestamp(to->name, false);
    return (up || down) && (!to->typmods || (from->typmods && typmod_at(to->typmods, 0) >= typmod_at(from->typmods, 0)));
}

void classify_mark_utc(PtrVec *changes)
{
    for (int i = 0; i < changes->n; i++) {
        Change *c = changes->items[i];
        if (c->kind == OBJ_COLUMN && c->op == CHG_ALTER)
            c->utc_session = classify_tz_change(&((const Column *)c->current)->type,
                                                &((const Column *)c->desired)->type);
    }
}

/* The domain of a type in m, or NULL. */
static const Definition *domain_of(const Model *m, const TypeRef *t)
{
    if (!t->schema || t->array_dims)
        return NULL;
    const Obj *o = model_lookup(m, OBJ_DOMAIN, t->schema, NULL, t->name);
    return o ? (const Definition *)o : NULL;
}

bool classify_domain_has_constraints(const Definition *d)
{
    const CreateDomainStmt *s = (const CreateDomainStmt *)d->raw;
    ListCell *lc;
    foreach (lc, s->constraints) {
        const Constraint *k = lfirst(lc);
        if (k->contype == CONSTR_CHECK || k->contype == CONSTR_NOTNULL)
            return true;
    }
    return false;
}

const char *classify_domain_base(Arena *a, const Definition *d)
{
    return norm_type(&(NormCtx){a, d->search_schema, NULL, false}, (Node *)((CreateDomainStmt *)d->raw)->typeName).sql;
}

/* The type a domain is over, as norm_type() reads it. */
static TypeRef domain_base_ref(Arena *a, const Definition *d)
{
    return norm_type(&(NormCtx){a, d->search_schema, NULL, false}, (Node *)((CreateDomainStmt *)d->raw)->typeName);
}

/* Follow a chain of domains of m down to the type at its bottom;
 * *checks: some domain on the way has a constraint. */
static TypeRef domain_bottom(Arena *a, const Model *m, const Definition *d, bool *checks)
{
    TypeRef t = domain_base_ref(a, d);
    *checks = classify_domain_has_constraints(d);
    for (int depth = 0; depth < 16; depth++) {
        const Definition *next = domain_of(m, &t);
        if (!next)
            break;
        *checks = *checks || classify_domain_has_constraints(next);
        t = domain_base_ref(a, next);
    }
    return t;
}

/* ATColumnChangeRequiresRewrite over the expression ATPrepAlterColumnType
 * builds: a value of a domain is first relabelled to the domain's base type
 * with no typmod (a column of a domain type has atttypmod -1); a domain
 * target with a constraint anywhere on its chain is a CoerceToDomain that
 * checks every row; without one, the coercion is to its base type and the
 * base's typmod; then the length coercion of the target's typmod, which the
 * type's planner support function removes only when it cannot change a
 * value (varchar_support...: the old typmod known and not larger, or the new
 * one absent). */
/* The types ATPrepAlterColumnType coerces between: *src the column's value
 * (a domain's relabelled to its base, without typmod), *dst the target (a
 * domain without constraints: its base with the base's typmod).  Returns
 * 1 when the coercion surely rewrites (a domain with a constraint, a
 * type this cannot spell without its typmod), else 0. */
static int coerced_types(Arena *a, const Model *from_m, const Model *to_m, const TypeRef *from, const TypeRef *to,
                         TypeRef *src, TypeRef *dst)
{
    const Definition *dto = to_m ? domain_of(to_m, to) : NULL;
    const Definition *dfrom = from_m ? domain_of(from_m, from) : NULL;
    *src = *from;
    *dst = *to;
    if (dto) {
        bool checks;
        *dst = domain_bottom(a, to_m, dto, &checks);
        if (checks) /* CoerceToDomain: rewritten to check the domain's constraints */
            return 1;
    }
    if (dfrom) {
        bool checks;
        *src = domain_bottom(a, from_m, dfrom, &checks);
        if (src->typmods) { /* relabelled without its typmod */
            if (src->schema || src->array_dims)
                return 1; /* not spelled here without it: assume the worst */
            src->typmods = NULL;
            src->sql = src->name;
        }
    }
    return 0;
}

/* ATColumnChangeRequiresRewrite over the expression ATPrepAlterColumnType
 * builds: a value of a domain is first relabelled to the domain's base type
 * with no typmod (a column of a domain type has atttypmod -1); a domain
 * target with a constraint anywhere on its chain is a CoerceToDomain that
 * checks every row; without one, the coercion is to its base type and the
 * base's typmod; then the length coercion of the target's typmod, which the
 * type's planner support function removes only when it cannot change a
 * value (varchar_support...: the old typmod known and not larger, or the new
 * one absent). */
bool classify_type_rewrites(Arena *a, const Model *from_m, const Model *to_m, const TypeRef *from, const TypeRef *to)
{
    if (!strcmp(from->sql, to->sql))
        return false;
    TypeRef src, dst;
    if (coerced_types(a, from_m, to_m, from, to, &src, &dst))
        return true;
    if (!strcmp(src.sql, dst.sql))
        return false;
    if (src.schema || dst.schema || src.array_dims != dst.array_dims)
        return true;
    if (typmod_widening(&src, &dst) || classify_tz_change(&src, &dst))
        return false;
    return !(binary_cast(src.name, dst.name) && !dst.typmods);
}

/* The default btree operator class of a built-in type, by the name of the
 * type it is for (varchar uses text's, cidr inet's, the reg* types oid's). */
static const char *opclass_of(const TypeRef *t)
{
    static const char *const same[][2] = {
        {"character varying", "text"}, {"cidr", "inet"}, {"regclass", "oid"}, {"regcollation", "oid"},
        {"regconfig", "oid"}, {"regdictionary", "oid"}, {"regnamespace", "oid"}, {"regoper", "oid"},
        {"regoperator", "oid"}, {"regproc", "oid"}, {"regprocedure", "oid"}, {"regrole", "oid"}, {"regtype", "oid"},
    };
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
        if (!strcmp(t->name, same[i][0]))
            return same[i][1];
    return t->name;
}

bool classify_type_reindexes(Arena *a, const Model *from_m, const Model *to_m, const TypeRef *from, const TypeRef *to)
{
    if (!strcmp(from->sql, to->sql) || classify_type_rewrites(a, from_m, to_m, from, to))
        return false;
    TypeRef src, dst;
    coerced_types(a, from_m, to_m, from, to, &src, &dst);
    return src.schema || dst.schema || src.array_dims != dst.array_dims ||
           strcmp(opclass_of(&src), opclass_of(&dst)) != 0;
}

static int int_rank(const char *n)
{
    return !strcmp(n, "smallint") ? 0 : !strcmp(n, "integer") ? 1 : 2;
}

/* The digits after the point a numeric typmod keeps, -1 when unconstrained. */
static int numeric_scale(const TypeRef *t)
{
    if (!t->typmods)
        return -1;
    return strchr(t->typmods, ',') ? typmod_at(t->typmods, 1) : 0;
}

/* Data loss is a value the conversion changes for good: the rollback cannot
 * bring it back (tests/run_dataloss.py applies each rule to rows on a server
 * and runs the rollback).  A value the new type cannot hold at all makes the
 * statement fail instead (integers narrowed, numeric precision lowered):
 * that is the pre-flight's to count, not data lost. */
bool classify_type_lossy(const TypeRef *from, const TypeRef *to, bool explicit_cast)
{
    TypeFamily f = type_family(from), g = type_family(to);
    if (!from->schema && !to->schema && from->array_dims == to->array_dims && !to->typmods &&
        binary_cast(from->name, to->name))
        return false; /* the same bytes, read as the new type (cidr -> inet) */
    if (!from->schema && !to->schema && from->array_dims == to->array_dims && !strcmp(from->name, to->name) &&
        strcmp(from->name, "numeric") && typmod_widening(from, to))
        return false; /* a limit raised or removed (interval, time, bit varying...) */
    if (f == FAM_STRING && g == FAM_STRING) /* an explicit cast truncates; an assignment cast fails */
        return explicit_cast && to->typmods &&
               (!from->typmods || typmod_at(to->typmods, 0) < typmod_at(from->typmods, 0));
    if (f == FAM_INT && g == FAM_INT) /* out of range fails */
        return false;
    if (f == FAM_INT && g == FAM_NUMERIC) {
        if (!strcmp(to->name, "numeric"))
            return false; /* no fraction to lose; too many digits fail */
        /* a float's mantissa: 24 bits (real), 53 (double precision) */
        return int_rank(from->name) > (!strcmp(to->name, "real") ? 0 : 1);
    }
    if (f == FAM_NUMERIC && g == FAM_NUMERIC) {
        if (!strcmp(from->name, "numeric") && !strcmp(to->name, "numeric"))
            return numeric_scale(to) >= 0 && (numeric_scale(from) < 0 || numeric_scale(to) < numeric_scale(from));
        return !(!strcmp(from->name, "real") && !strcmp(to->name, "double precision"));
    }
    if (g == FAM_STRING && !to->typmods)
        return false;
    if (f == FAM_TIMESTAMP && g == FAM_TIMESTAMP) {
        if (!strcmp(to->name, "date"))
            return strcmp(from->name, "date") != 0; /* the time of day goes */
        if (!strcmp(from->name, "date"))
            return false;
        /* fractional seconds rounded to fewer digits (timestamp <-> timestamptz keeps them) */
        return to->typmods && (!from->typmods || typmod_at(to->typmods, 0) < typmod_at(from->typmods, 0));
    }
    return true;
}

bool classify_type_lossy_in(Arena *a, const Model *from_m, const Model *to_m, const TypeRef *from, const TypeRef *to,
                            bool explicit_cast)
{
    TypeRef src = *from, dst = *to;
    bool checks;
    const Definition *d = from_m ? domain_of(from_m, from) : NULL;
    if (d)
        src = domain_bottom(a, from_m, d, &checks);
    d = to_m ? domain_of(to_m, to) : NULL;
    if (d)
        dst = domain_bottom(a, to_m, d, &checks);
    if (!strcmp(src.sql, dst.sql))
        return false; /* a domain over the type, or back: the values stay */
    return classify_type_lossy(&src, &dst, explicit_cast);
}

