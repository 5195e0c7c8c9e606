/*
 * normalize.c — canonical forms, so that equal things compare equal.
 *
 * Schema files and pg_dump output spell the same schema differently:
 * `int` vs `integer`, `DEFAULT 'x'` vs `DEFAULT 'x'::text`,
 * `CHECK (a IN (1,2))` vs `CHECK ((a = ANY (ARRAY[1, 2])))`,
 * `nextval('t_id_seq')` vs `nextval('public.t_id_seq'::regclass)`.  This file
 * maps each spelling to one canonical form:
 *
 *  - Types become a TypeRef whose `sql` is format_type()'s spelling
 *    ("character varying(20)", "timestamp with time zone", "app.status").
 *  - Expressions are copied and rewritten bottom-up: casts over literals and
 *    over array literals are dropped (the column type decides their type
 *    anyway), casts of a column to text/varchar are dropped (the catalog adds
 *    them), numeric-looking string literals become numbers (the catalog
 *    prints `'-1'::integer` for `-1`), IN/NOT IN become = ANY / <> ALL over
 *    an ARRAY, BETWEEN becomes two comparisons, LIKE becomes its operator,
 *    nested AND/OR are flattened, `pg_catalog.` and the default schema are
 *    dropped from function names, and nextval's argument is qualified.
 *    The result is compared with PostgreSQL's equal(), which ignores
 *    locations.  It is never printed: the raw tree is.
 *  - Generated names follow PostgreSQL's makeObjectName/ChooseIndexName
 *    rules (truncation to 63 bytes, "_idx", "_key", "_pkey", ...).
 *
 * The rewrites can only make two different expressions look equal when they
 * differ by a cast on a literal or a column, which PostgreSQL resolves the
 * same way in a DEFAULT, CHECK or index; that is the trade we make.
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- types --------------------------------------------------------------- */

typedef struct BuiltinType {
    const char *internal; /* name as the grammar produces it */
    const char *canonical; /* format_type() spelling */
} BuiltinType;

static const BuiltinType builtin_types[] = {
    {"int2", "smallint"}, {"smallint", "smallint"},
    {"int4", "integer"}, {"int", "integer"}, {"integer", "integer"},
    {"int8", "bigint"}, {"bigint", "bigint"},
    {"float4", "real"}, {"real", "real"},
    {"float8", "double precision"}, {"double precision", "double precision"},
    {"numeric", "numeric"}, {"decimal", "numeric"},
    {"bool", "boolean"}, {"boolean", "boolean"},
    {"varchar", "character varying"}, {"character varying", "character varying"},
    {"bpchar", "character"}, {"character", "character"}, {"char", "\"char\""},
    {"text", "text"}, {"bytea", "bytea"}, {"name", "name"},
    {"date", "date"},
    {"timestamp", "timestamp without time zone"},
    {"timestamp without time zone", "timestamp without time zone"},
    {"timestamptz", "timestamp with time zone"},
    {"timestamp with time zone", "timestamp with time zone"},
    {"time", "time without time zone"}, {"time without time zone", "time without time zone"},
    {"timetz", "time with time zone"}, {"time with time zone", "time with time zone"},
    {"interval", "interval"},
    {"bit", "bit"}, {"varbit", "bit varying"}, {"bit varying", "bit varying"},
    {"uuid", "uuid"}, {"json", "json"}, {"jsonb", "jsonb"}, {"jsonpath", "jsonpath"},
    {"xml", "xml"}, {"inet", "inet"}, {"cidr", "cidr"}, {"macaddr", "macaddr"},
    {"macaddr8", "macaddr8"}, {"money", "money"}, {"oid", "oid"},
    {"regclass", "regclass"}, {"regtype", "regtype"}, {"regproc", "regproc"},
    {"tsvector", "tsvector"}, {"tsquery", "tsquery"},
    {"point", "point"}, {"line", "line"}, {"lseg", "lseg"}, {"box", "box"},
    {"path", "path"}, {"polygon", "polygon"}, {"circle", "circle"},
    {"int4range", "int4range"}, {"int8range", "int8range"}, {"numrange", "numrange"},
    {"tsrange", "tsrange"}, {"tstzrange", "tstzrange"}, {"daterange", "daterange"},
    {"int4multirange", "int4multirange"}, {"int8multirange", "int8multirange"},
    {"nummultirange", "nummultirange"}, {"tsmultirange", "tsmultirange"},
    {"tstzmultirange", "tstzmultirange"}, {"datemultirange", "datemultirange"},
    {"pg_lsn", "pg_lsn"}, {"txid_snapshot", "txid_snapshot"},
    {"pg_snapshot", "pg_snapshot"}, {"xid", "xid"}, {"cid", "cid"}, {"tid", "tid"},
    {"regnamespace", "regnamespace"}, {"regrole", "regrole"},
    {"regprocedure", "regprocedure"}, {"regoper", "regoper"},
    {"regoperator", "regoperator"}, {"regconfig", "regconfig"},
    {"regdictionary", "regdictionary"}, {"regcollation", "regcollation"},
    {"record", "record"}, {"void", "void"}, {"trigger", "trigger"},
    {"anyelement", "anyelement"}, {"anyarray", "anyarray"},
    /* pseudo-types of aggregates' arguments and states */
    {"any", "\"any\""}, {"internal", "internal"}, {"anynonarray", "anynonarray"}, {"anyenum", "anyenum"},
    {"anyrange", "anyrange"}, {"anymultirange", "anymultirange"}, {"anycompatible", "anycompatible"},
    {"anycompatiblearray", "anycompatiblearray"}, {"anycompatiblenonarray", "anycompatiblenonarray"},
    {"anycompatiblerange", "anycompatiblerange"}, {"anycompatiblemultirange", "anycompatiblemultirange"},
    {"cstring", "cstring"}, {"refcursor", "refcursor"},
    {"float", "double precision"},
};

/* Every column's type passes here: the first byte is compared before the
 * call to strcmp(), which most entries then never need. */
static const char *builtin_canonical(const char *name)
{
    for (size_t i = 0; i < sizeof builtin_types / sizeof builtin_types[0]; i++)
        if (builtin_types[i].internal[0] == name[0] && strcmp(builtin_types[i].internal, name) == 0)
            return builtin_types[i].canonical;
    return NULL;
}

static long const_int(const Node *n, bool *ok)
{
    *ok = false;
    if (n && IsA(n, A_Const)) {
        const A_Const *c = (const A_Const *)n;
        if (!c->isnull && IsA(&c->val, Integer)) {
            *ok = true;
            return intVal(&c->val);
        }
    }
    return 0;
}

/* An interval's modifiers as format_type() spells them: the grammar gives
 * `interval day to second(3)` the list (fields mask, precision) and
 * `interval(3)` (full range, 3); the catalog prints " day to second(3)" and
 * "(3)".  Masks are INTERVAL_MASK() of datetime.h's field numbers (MONTH 1,
 * YEAR 2, DAY 3, HOUR 10, MINUTE 11, SECOND 12); 0x7FFF is the full range,
 * 0xFFFF the full precision.  `fallback` when the list is not integers or
 * names no field set PostgreSQL has. */
static const char *interval_typmods(Arena *a, List *mods, const char *fallback)
{
    static const struct {
        long mask;
        const char *text;
    } fields[] = {
        {1L << 2, " year"}, {1L << 1, " month"}, {1L << 3, " day"}, {1L << 10, " hour"},
        {1L << 11, " minute"}, {1L << 12, " second"}, {(1L << 2) | (1L << 1), " year to month"},
        {(1L << 3) | (1L << 10), " day to hour"}, {(1L << 3) | (1L << 10) | (1L << 11), " day to minute"},
        {(1L << 3) | (1L << 10) | (1L << 11) | (1L << 12), " day to second"},
        {(1L << 10) | (1L << 11), " hour to minute"}, {(1L << 10) | (1L << 11) | (1L << 12), " hour to second"},
        {(1L << 11) | (1L << 12), " minute to second"}, {0x7FFF, ""},
    };
    int n = list_length(mods);
    if (n < 1 || n > 2)
        return fallback;
    bool ok1, ok2 = true;
    long mask = const_int(linitial(mods), &ok1);
    long prec = n == 2 ? const_int(lsecond(mods), &ok2) : 0xFFFF;
    if (!ok1 || !ok2)
        return fallback;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (fields[i].mask == mask)
            return prec == 0xFFFF ? (fields[i].text[0] ? fields[i].text : NULL)
                                  : arena_printf(a, "%s(%ld)", fields[i].text, prec);
    return fallback;
}

TypeRef norm_type(const NormCtx *nc, const Node *node)
{
    const TypeName *tn = (const TypeName *)node;
    TypeRef t = {0};
    int nnames = list_length(tn->names);
    const char *schema = NULL, *name = NULL;
    if (nnames >= 2) {
        schema = strVal(list_nth(tn->names, nnames - 2));
        name = strVal(llast(tn->names));
    } else if (nnames == 1) {
        name = strVal(linitial(tn->names));
    } else {
        name = "unknown";
    }
    const char *canon = NULL;
    if (!schema || strcmp(schema, "pg_catalog") == 0)
        canon = builtin_canonical(name);
    if (canon && !tn->typmods && !tn->arrayBounds) {
        /* the common case, without allocating */
        t.name = t.sql = canon;
        return t;
    }
    if (canon) {
        t.schema = NULL;
        t.name = canon;
    } else if (schema && strcmp(schema, "pg_catalog") == 0) {
        t.schema = NULL;
        t.name = arena_strdup(nc->arena, name);
    } else {
        t.schema = arena_strdup(nc->arena, schema ? schema : nc->default_schema);
        t.name = arena_strdup(nc->arena, name);
    }

    /* Type modifiers, in format_type()'s spelling. */
    StrBuf sb;
    sb_init(&sb);
    int nmods = list_length(tn->typmods);
    if (nmods > 0) {
        sb_putc(&sb, '(');
        ListCell *lc;
        int i = 0;
        foreach (lc, tn->typmods) {
            bool ok;
            long v = const_int(lfirst(lc), &ok);
            if (i++)
                sb_putc(&sb, ',');
            Node *m = lfirst(lc);
            if (ok)
                sb_printf(&sb, "%ld", v);
            else if (IsA(m, ColumnRef) && list_length(((ColumnRef *)m)->fields) == 1 &&
                     IsA(linitial(((ColumnRef *)m)->fields), String))
                /* a word, e.g. geometry(Point, 4326): the type's typmodin reads it as
                 * the parser gave it (folded to lower case unless quoted) */
                sb_puts(&sb, q_ident(nc->arena, strVal(linitial(((ColumnRef *)m)->fields))));
            else if (IsA(m, A_Const) && !((A_Const *)m)->isnull && IsA(&((A_Const *)m)->val, Float))
                sb_puts(&sb, ((A_Const *)m)->val.fval.fval); /* the type's typmodin reads the digits */
            else if (IsA(m, A_Const) && !((A_Const *)m)->isnull && IsA(&((A_Const *)m)->val, String))
                sb_puts(&sb, q_literal(nc->arena, strVal(&((A_Const *)m)->val)));
            else
                sb_puts(&sb, "?"); /* refused by emit/reparse.c if it is ever printed */
        }
        if (strcmp(t.name, "numeric") == 0 && nmods == 1)
            sb_puts(&sb, ",0");
        sb_putc(&sb, ')');
        t.typmods = sb_take(&sb, nc->arena);
        if (!t.schema && !strcmp(t.name, "interval"))
            t.typmods = interval_typmods(nc->arena, tn->typmods, t.typmods);
    }
    sb_free(&sb);
    t.array_dims = list_length(tn->arrayBounds);

    /* The canonical spelling. */
    StrBuf out;
    sb_init(&out);
    if (t.schema)
        sb_puts(&out, q_qual(nc->arena, t.schema, t.name));
    else if (t.typmods && strncmp(t.name, "timestamp ", 10) == 0)
        sb_printf(&out, "timestamp%s%s", t.typmods, t.name + 9);
    else if (t.typmods && strncmp(t.name, "time ", 5) == 0)
        sb_printf(&out, "time%s%s", t.typmods, t.name + 4);
    else if (canon)
        sb_puts(&out, t.name); /* SQL spellings: double precision, ... */
    else
        sb_puts(&out, q_ident(nc->arena, t.name)); /* pg_catalog."char", never a raw name */
    if (t.typmods && (t.schema || (strncmp(t.name, "time", 4) != 0)))
        sb_puts(&out, t.typmods);
    if (t.array_dims)
        sb_puts(&out, "[]");
    t.sql = sb_take(&out, nc->arena);
    sb_free(&out);
    return t;
}

/* ---- expressions ---------------------------------------------------------- */

static Node *norm_node(const NormCtx *nc, Node *n);

static void norm_list(const NormCtx *nc, List *l)
{
    ListCell *lc;
    foreach (lc, l)
        lfirst(lc) = norm_node(nc, lfirst(lc));
}

/* Drop "pg_catalog" or the default schema from a qualified name list. */
static List *strip_qualifier(const NormCtx *nc, List *names)
{
    if (list_length(names) == 2) {
        const char *s = strVal(linitial(names));
        if (strcmp(s, "pg_catalog") == 0 || strcmp(s, nc->default_schema) == 0)
            return list_make1(llast(names));
    }
    return names;
}

static bool looks_numeric(const char *s, bool *is_int)
{
    const char *p = s;
    if (*p == '-' || *p == '+')
        p++;
    if (!isdigit((unsigned char)*p) && !(*p == '.' && isdigit((unsigned char)p[1])))
        return false;
    bool dot = false, exp = false;
    *is_int = true;
    for (; *p; p++) {
        if (isdigit((unsigned char)*p))
            continue;
        if (*p == '.' && !dot && !exp) {
            dot = true;
            *is_int = false;
            continue;
        }
        if ((*p == 'e' || *p == 'E') && !exp) {
            exp = true;
            *is_int = false;
            if (p[1] == '-' || p[1] == '+')
                p++;
            continue;
        }
        return false;
    }
    return true;
}

/* "2.5e10" -> "25000000000", "1.50e1" -> "15.0": numeric input's value and
 * display scale, written without an exponent. */
static char *canonical_decimal(const char *s)
{
    bool neg = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    char digits[256];
    int nd = 0, point = -1;
    const char *p = s;
    for (; *p && *p != 'e' && *p != 'E'; p++) {
        if (*p == '.')
            point = nd;
        else if (nd < (int)sizeof digits - 1)
            digits[nd++] = *p;
    }
    if (point < 0)
        point = nd;
    long exp = (*p == 'e' || *p == 'E') ? strtol(p + 1, NULL, 10) : 0;
    if (exp > 1000 || exp < -1000)
        return pstrdup(s);
    int frac = nd - point;       /* digits after the point as written */
    long scale = frac - exp;     /* display scale after the shift */
    if (scale < 0)
        scale = 0;
    long int_digits = point + exp; /* digits before the point after the shift */
    StrBuf sb;
    sb_init(&sb);
    if (neg)
        sb_putc(&sb, '-');
    if (int_digits <= 0)
        sb_putc(&sb, '0');
    for (long i = 0; i < int_digits; i++)
        sb_putc(&sb, i < nd ? digits[i] : '0');
    if (scale > 0) {
        sb_putc(&sb, '.');
        for (long i = int_digits; i < int_digits + scale; i++)
            sb_putc(&sb, (i >= 0 && i < nd) ? digits[i] : '0');
    }
    /* strip leading zeros of the integer part */
    char *r = sb.data;
    char *q = r + (neg ? 1 : 0);
    while (q[0] == '0' && q[1] && q[1] != '.')
        memmove(q, q + 1, strlen(q));
    char *out = pstrdup(r);
    sb_free(&sb);
    return out;
}

/* A canonical decimal without a fraction that fits int4 is what the
 * grammar reads as an integer constant. */
static Node *as_number(A_Const *c, char *dec)
{
    if (!strchr(dec, '.')) {
        errno = 0;
        long v = strtol(dec, NULL, 10);
        if (errno == 0 && v >= INT32_MIN && v <= INT32_MAX) {
            c->val.ival.type = T_Integer;
            c->val.ival.ival = (int)v;
            return (Node *)c;
        }
    }
    c->val.fval.type = T_Float;
    c->val.fval.fval = dec;
    return (Node *)c;
}

static Node *norm_const(A_Const *c)
{
    if (!c->isnull && IsA(&c->val, Float))
        return as_number(c, canonical_decimal(c->val.fval.fval));
    if (!c->isnull && IsA(&c->val, BitString)) {
        /* B'0101' and X'0F' are printed back as '0101'::bit, '00001111'::bit */
        const char *b = c->val.bsval.bsval;
        StrBuf sb;
        sb_init(&sb);
        if (b[0] == 'x' || b[0] == 'X') {
            for (const char *p = b + 1; *p; p++) {
                int v = isdigit((unsigned char)*p) ? *p - '0' : (tolower((unsigned char)*p) - 'a' + 10) & 15;
                for (int bit = 3; bit >= 0; bit--)
                    sb_putc(&sb, (v >> bit) & 1 ? '1' : '0');
            }
        } else {
            sb_puts(&sb, b + 1);
        }
        c->val.sval.type = T_String;
        c->val.sval.sval = pstrdup(sb.data ? sb.data : "");
        sb_free(&sb);
        /* and on as the string the catalog prints (which looks numeric) */
    }
    if (c->isnull || !IsA(&c->val, String))
        return (Node *)c;
    const char *s = strVal(&c->val);
    bool is_int;
    if (!looks_numeric(s, &is_int))
        return (Node *)c;
    if (is_int) {
        errno = 0;
        long v = strtol(s, NULL, 10);
        if (errno == 0 && v >= INT32_MIN && v <= INT32_MAX) {
            c->val.ival.type = T_Integer;
            c->val.ival.ival = (int)v;
            return (Node *)c;
        }
    }
    return as_number(c, canonical_decimal(s));
}

static bool is_literal(const Node *n)
{
    if (!n)
        return false;
    if (IsA(n, A_Const))
        return true;
    if (IsA(n, A_ArrayExpr)) {
        ListCell *lc;
        foreach (lc, ((const A_ArrayExpr *)n)->elements)
            if (!is_literal(lfirst(lc)))
                return false;
        return true;
    }
    return false;
}

/* A string literal read as `type`, in the spelling PostgreSQL prints it
 * back with: booleans become true/false, 'HH:MM' times get seconds, a bare
 * date read as a timestamp gets midnight. */
/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, long *m, long *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp + (mp < 10 ? 3 : -9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* A timestamptz literal with an explicit offset, as the catalog prints it
 * in UTC ('2006-11-10 00:00:00+01' -> '2006-11-09 23:00:00+00'); the
 * catalog reader sets TimeZone to UTC. */
static bool utc_timestamp(A_Const *c, const char *v)
{
    int y, mo, d, h, mi, sec, oh, om = 0, n = 0;
    char sign;
    if (sscanf(v, "%d-%d-%d %d:%d:%d%c%d%n", &y, &mo, &d, &h, &mi, &sec, &sign, &oh, &n) != 8 ||
        (sign != '+' && sign != '-'))
        return false;
    const char *rest = v + n;
    if (*rest == ':' && sscanf(rest + 1, "%d", &om) == 1)
        rest += 3;
    if (*rest)
        return false;
    long t = days_from_civil(y, mo, d) * 86400L + h * 3600L + mi * 60L + sec;
    t -= (sign == '+' ? 1 : -1) * (oh * 3600L + om * 60L);
    long days = t >= 0 ? t / 86400 : (t - 86399) / 86400, secs = t - days * 86400;
    long yy, mm, dd;
    civil_from_days(days, &yy, &mm, &dd);
    c->val.sval.sval = psprintf("%04ld-%02ld-%02ld %02ld:%02ld:%02ld+00", yy, mm, dd, secs / 3600, secs / 60 % 60,
                                secs % 60);
    return true;
}

/* A zone-less timestamp ignores a stated offset ('1970-01-01 00:00:01+00:00'
 * is stored as '1970-01-01 00:00:01'): the literal without it. */
static const char *without_offset(const char *v)
{
    const char *sp = strchr(v, ' ');
    if (!sp)
        return v;
    const char *p = sp + 1;
    while (isdigit((unsigned char)*p) || *p == ':' || *p == '.')
        p++;
    if (p == sp + 1 || (*p != '+' && *p != '-'))
        return v;
    const char *q = p + 1;
    for (int part = 0; part < 3; part++) {
        if (!isdigit((unsigned char)q[0]))
            return v;
        q += isdigit((unsigned char)q[1]) ? 2 : 1;
        if (*q != ':')
            break;
        q++;
    }
    if (*q)
        return v;
    return psprintf("%.*s", (int)(p - v), v);
}

static void canonical_typed_literal(A_Const *c, const char *type)
{
    if (c->isnull || !IsA(&c->val, String) || !type)
        return;
    const char *v = strVal(&c->val);
    if (!strcmp(type, "boolean")) {
        static const char *yes[] = {"t", "true", "y", "yes", "on", "1"};
        static const char *no[] = {"f", "false", "n", "no", "off", "0"};
        for (size_t i = 0; i < 6; i++) {
            if (!strcasecmp(v, yes[i]) || !strcasecmp(v, no[i])) {
                bool b = !strcasecmp(v, yes[i]);
                c->val.boolval.type = T_Boolean;
                c->val.boolval.boolval = b;
                return;
            }
        }
        return;
    }
    if (!strncmp(type, "time", 4) && strncmp(type, "timestamp", 9)) {
        int h, m;
        char rest;
        if (sscanf(v, "%d:%d%c", &h, &m, &rest) == 2)
            c->val.sval.sval = psprintf("%02d:%02d:00", h, m);
        return;
    }
    if (!strcmp(type, "timestamp with time zone") && utc_timestamp(c, v))
        return;
    if (!strncmp(type, "timestamp", 9) && strstr(type, "without time zone"))
        v = c->val.sval.sval = (char *)without_offset(v);
    if (!strncmp(type, "timestamp", 9) || !strcmp(type, "date")) {
        int y, mo, d, h, mi, sec;
        char rest;
        bool date = !strcmp(type, "date");
        if (sscanf(v, "%d-%d-%d%c", &y, &mo, &d, &rest) == 3)
            c->val.sval.sval = date ? psprintf("%04d-%02d-%02d", y, mo, d)
                                    : psprintf("%04d-%02d-%02d 00:00:00", y, mo, d);
        else if (!date && sscanf(v, "%d-%d-%d %d:%d%c", &y, &mo, &d, &h, &mi, &rest) == 5)
            c->val.sval.sval = psprintf("%04d-%02d-%02d %02d:%02d:00", y, mo, d, h, mi);
        else if (!date && sscanf(v, "%d-%d-%d %d:%d:%d%c", &y, &mo, &d, &h, &mi, &sec, &rest) == 6)
            c->val.sval.sval = psprintf("%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, sec);
    }
}

Node *norm_default(const NormCtx *nc, const Node *expr, const char *type)
{
    Node *n = norm_expr(nc, expr);
    if (n && IsA(n, A_Const))
        canonical_typed_literal((A_Const *)n, type);
    return n;
}

static bool is_text_type(const TypeName *tn)
{
    const char *name = strVal(llast(tn->names));
    return tn->arrayBounds == NIL &&
           (strcmp(name, "text") == 0 || strcmp(name, "varchar") == 0 ||
            strcmp(name, "bpchar") == 0);
}

/* Replace a TypeName's names by one canonical string (comparison only). */
static void norm_typename_in_place(const NormCtx *nc, TypeName *tn)
{
    TypeRef t = norm_type(nc, (Node *)tn);
    tn->names = list_make1(makeString(pstrdup(t.sql)));
    tn->typmods = NIL;
    tn->arrayBounds = NIL;
    tn->location = -1;
}

static int mbcliplen(const char *s, int n);

/* Canonicalise the text of a regclass literal: 't_seq' -> 'public.t_seq'. */
static const char *canonical_relname_literal(const NormCtx *nc, const char *s)
{
    /* stringToQualifiedNameList: dot-separated, "quoted" parts kept,
     * unquoted parts lower-cased. */
    char parts[3][PG_NAMEDATALEN * 2];
    int np = 0;
    const char *p = s;
    while (*p && np < 3) {
        char *out = parts[np];
        size_t o = 0;
        if (*p == '"') {
            p++;
            while (*p) {
                if (*p == '"' && p[1] == '"') {
                    if (o < sizeof parts[0] - 1)
                        out[o++] = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    if (o < sizeof parts[0] - 1)
                        out[o++] = *p;
                    p++;
                }
            }
        } else {
            while (*p && *p != '.') {
                if (o < sizeof parts[0] - 1)
                    out[o++] = (char)tolower((unsigned char)*p);
                p++;
            }
        }
        /* each part truncated as an identifier (never inside a character) */
        if (o > PG_NAMEDATALEN - 1)
            o = (size_t)mbcliplen(out, PG_NAMEDATALEN - 1);
        out[o] = '\0';
        np++;
        if (*p == '.')
            p++;
        else
            break;
    }
    if (np == 1)
        return q_qual(nc->arena, nc->default_schema, parts[0]);
    return q_qual(nc->arena, parts[np - 2], parts[np - 1]);
}

static bool funcname_is(const List *names, const char *name)
{
    return strcmp(strVal(llast(names)), name) == 0 &&
           (list_length(names) == 1 || strcmp(strVal(linitial(names)), "pg_catalog") == 0);
}

static Node *make_and_or(BoolExprType op, List *args)
{
    BoolExpr *b = makeNode(BoolExpr);
    b->boolop = op;
    b->args = args;
    b->location = -1;
    return (Node *)b;
}

static Node *make_op(const char *op, Node *l, Node *r)
{
    A_Expr *e = makeNode(A_Expr);
    e->kind = AEXPR_OP;
    e->name = list_make1(makeString(pstrdup(op)));
    e->lexpr = l;
    e->rexpr = r;
    e->location = -1;
    return (Node *)e;
}

static Node *norm_a_expr(const NormCtx *nc, A_Expr *e)
{
    e->name = strip_qualifier(nc, e->name);
    switch (e->kind) {
    case AEXPR_IN:
        if (list_length((List *)e->rexpr) == 1) {
            /* a IN (x) is stored as a = x */
            e->rexpr = linitial((List *)e->rexpr);
            e->kind = AEXPR_OP;
            break;
        } else {
        /* a IN (x, y)  ->  a = ANY (ARRAY[x, y]) */
        A_ArrayExpr *arr = makeNode(A_ArrayExpr);
        arr->elements = (List *)e->rexpr;
        arr->location = -1;
        e->rexpr = (Node *)arr;
        e->kind = strcmp(strVal(linitial(e->name)), "=") == 0 ? AEXPR_OP_ANY : AEXPR_OP_ALL;
        break;
        }
    case AEXPR_SIMILAR:
        /* the grammar already made its pattern similar_to_escape(...) */
        e->kind = AEXPR_OP;
        break;
    case AEXPR_BETWEEN_SYM:
    case AEXPR_NOT_BETWEEN_SYM: {
        /* stored as both orders: (a >= x AND a <= y) OR (a >= y AND a <= x) */
        List *bounds = (List *)e->rexpr;
        bool between = e->kind == AEXPR_BETWEEN_SYM;
        Node *x = linitial(bounds), *y = lsecond(bounds);
        Node *one = make_and_or(between ? AND_EXPR : OR_EXPR,
                                list_make2(make_op(between ? ">=" : "<", e->lexpr, x),
                                           make_op(between ? "<=" : ">", copyObject(e->lexpr), y)));
        Node *two = make_and_or(between ? AND_EXPR : OR_EXPR,
                                list_make2(make_op(between ? ">=" : "<", copyObject(e->lexpr), copyObject(y)),
                                           make_op(between ? "<=" : ">", copyObject(e->lexpr), copyObject(x))));
        return norm_node(nc, make_and_or(between ? OR_EXPR : AND_EXPR, list_make2(one, two)));
    }
    case AEXPR_LIKE:
    case AEXPR_ILIKE:
        e->kind = AEXPR_OP;
        break;
    case AEXPR_BETWEEN:
    case AEXPR_NOT_BETWEEN: {
        List *bounds = (List *)e->rexpr;
        bool between = e->kind == AEXPR_BETWEEN;
        Node *lo = make_op(between ? ">=" : "<", e->lexpr, linitial(bounds));
        Node *hi = make_op(between ? "<=" : ">", copyObject(e->lexpr), lsecond(bounds));
        return norm_node(nc, make_and_or(between ? AND_EXPR : OR_EXPR, list_make2(lo, hi)));
    }
    default:
        break;
    }
    e->lexpr = norm_node(nc, e->lexpr);
    e->rexpr = norm_node(nc, e->rexpr);
    e->location = -1;
    return (Node *)e;
}

/* A regconfig literal as the catalog spells it (parser/textsearch.c). */
static void config_literal(const NormCtx *nc, A_Const *c)
{
    if (!c->isnull && IsA(&c->val, String))
        c->val.sval.sval = pstrdup(textsearch_config_literal(nc->arena, nc->default_schema, strVal(&c->val)));
}

static Node *norm_node(const NormCtx *nc, Node *n)
{
    if (!n)
        return NULL;
    switch (nodeTag(n)) {
    case T_List:
        norm_list(nc, (List *)n);
        return n;
    case T_A_Const:
        return norm_const((A_Const *)n);
    case T_TypeCast: {
        TypeCast *tc = (TypeCast *)n;
        bool text_cast = is_text_type(tc->typeName);
        tc->arg = norm_node(nc, tc->arg);
        if (tc->arg && IsA(tc->arg, A_Const)) {
            TypeRef t = norm_type(nc, (Node *)tc->typeName);
            if (!t.schema && !t.array_dims)
                canonical_typed_literal((A_Const *)tc->arg, t.name);
            if (!t.schema && !t.array_dims && !strcmp(t.name, "regconfig"))
                config_literal(nc, (A_Const *)tc->arg);
        }
        if (is_literal(tc->arg) || ((text_cast || nc->column_casts) && tc->arg && IsA(tc->arg, ColumnRef)))
            return tc->arg;
        if (nc->table && tc->arg && IsA(tc->arg, ColumnRef)) {
            /* a column cast to its own type: the catalog drops the cast */
            Node *last = llast(((ColumnRef *)tc->arg)->fields);
            const Column *col = IsA(last, String) ? table_column(nc->table, strVal(last)) : NULL;
            if (col && !strcmp(col->type.sql, norm_type(nc, (Node *)tc->typeName).sql))
                return tc->arg;
        }
        norm_typename_in_place(nc, tc->typeName);
        return n;
    }
    case T_A_Expr:
        return norm_a_expr(nc, (A_Expr *)n);
    case T_BoolExpr: {
        BoolExpr *b = (BoolExpr *)n;
        norm_list(nc, b->args);
        if (b->boolop != NOT_EXPR) {
            List *flat = NIL;
            ListCell *lc;
            foreach (lc, b->args) {
                Node *arg = lfirst(lc);
                if (IsA(arg, BoolExpr) && ((BoolExpr *)arg)->boolop == b->boolop)
                    flat = list_concat(flat, ((BoolExpr *)arg)->args);
                else
                    flat = lappend(flat, arg);
            }
            b->args = flat;
        }
        return n;
    }
    case T_FuncCall: {
        FuncCall *f = (FuncCall *)n;
        f->funcname = strip_qualifier(nc, f->funcname);
        norm_list(nc, f->args);
        if (textsearch_config_call(n) && IsA(linitial(f->args), A_Const))
            config_literal(nc, linitial(f->args));
        if (funcname_is(f->funcname, "nextval") && list_length(f->args) == 1) {
            A_Const *c = linitial(f->args);
            if (IsA(c, A_Const) && !c->isnull && IsA(&c->val, String))
                c->val.sval.sval = pstrdup(canonical_relname_literal(nc, strVal(&c->val)));
        }
        f->agg_filter = norm_node(nc, f->agg_filter);
        f->location = -1;
        /* EXTRACT(...) and extract(...) are the same call */
        f->funcformat = COERCE_EXPLICIT_CALL;
        return n;
    }
    case T_NullTest:
        ((NullTest *)n)->arg = (Expr *)norm_node(nc, (Node *)((NullTest *)n)->arg);
        return n;
    case T_BooleanTest:
        ((BooleanTest *)n)->arg = (Expr *)norm_node(nc, (Node *)((BooleanTest *)n)->arg);
        return n;
    case T_A_ArrayExpr:
        norm_list(nc, ((A_ArrayExpr *)n)->elements);
        return n;
    case T_CoalesceExpr:
        norm_list(nc, ((CoalesceExpr *)n)->args);
        return n;
    case T_MinMaxExpr:
        norm_list(nc, ((MinMaxExpr *)n)->args);
        return n;
    case T_RowExpr:
        norm_list(nc, ((RowExpr *)n)->args);
        return n;
    case T_CaseExpr: {
        CaseExpr *c = (CaseExpr *)n;
        c->arg = (Expr *)norm_node(nc, (Node *)c->arg);
        norm_list(nc, c->args);
        c->defresult = (Expr *)norm_node(nc, (Node *)c->defresult);
        return n;
    }
    case T_CaseWhen: {
        CaseWhen *w = (CaseWhen *)n;
        w->expr = (Expr *)norm_node(nc, (Node *)w->expr);
        w->result = (Expr *)norm_node(nc, (Node *)w->result);
        return n;
    }
    case T_CollateClause: {
        CollateClause *c = (CollateClause *)n;
        c->arg = norm_node(nc, c->arg);
        c->collname = strip_qualifier(nc, c->collname);
        return n;
    }
    case T_A_Indirection:
        ((A_Indirection *)n)->arg = norm_node(nc, ((A_Indirection *)n)->arg);
        return n;
    case T_SubLink:
        ((SubLink *)n)->testexpr = norm_node(nc, ((SubLink *)n)->testexpr);
        return n;
    default:
        /* Not an expression node we rewrite (ColumnRef, SQLValueFunction,
         * ParamRef, ...): compared as it is. */
        return n;
    }
}

Node *norm_expr(const NormCtx *nc, const Node *expr)
{
    if (!expr)
        return NULL;
    Node *copy = copyObjectImpl(expr);
    return norm_node(nc, copy);
}

typedef struct ColRefCtx {
    Arena *arena;
    PtrVec *out;
} ColRefCtx;

static bool colref_walker(Node *node, void *arg)
{
    if (!node)
        return false;
    ColRefCtx *c = arg;
    if (IsA(node, ColumnRef)) {
        ColumnRef *cr = (ColumnRef *)node;
        Node *last = llast(cr->fields);
        if (IsA(last, String)) {
            const char *name = strVal(last);
            for (int i = 0; i < c->out->n; i++)
                if (strcmp(c->out->items[i], name) == 0)
                    return false;
            vec_push(c->arena, c->out, arena_strdup(c->arena, name));
        }
        return false;
    }
    return raw_expression_tree_walker(node, colref_walker, arg);
}

void norm_column_refs(Arena *a, const Node *expr, PtrVec *out)
{
    ColRefCtx c = {a, out};
    colref_walker((Node *)expr, &c);
}

typedef struct CastCtx {
    const NormCtx *nc;
    PtrVec *out;
} CastCtx;

static bool cast_walker(Node *node, void *arg)
{
    if (!node)
        return false;
    CastCtx *c = arg;
    if (IsA(node, TypeCast)) {
        TypeRef t = norm_type(c->nc, (Node *)((TypeCast *)node)->typeName);
        if (t.schema) {
            vec_push(c->nc->arena, c->out, (void *)t.schema);
            vec_push(c->nc->arena, c->out, (void *)t.name);
        }
    }
    return raw_expression_tree_walker(node, cast_walker, arg);
}

void norm_cast_types(const NormCtx *nc, const Node *expr, PtrVec *out)
{
    CastCtx c = {nc, out};
    cast_walker((Node *)expr, &c);
}

typedef struct NextvalCtx {
    const NormCtx *nc;
    const char *found;
} NextvalCtx;

static bool nextval_walker(Node *node, void *arg)
{
    if (!node)
        return false;
    NextvalCtx *c = arg;
    if (IsA(node, FuncCall)) {
        FuncCall *f = (FuncCall *)node;
        if (funcname_is(f->funcname, "nextval") && list_length(f->args) == 1) {
            Node *a0 = linitial(f->args);
            while (a0 && IsA(a0, TypeCast))
                a0 = ((TypeCast *)a0)->arg;
            if (a0 && IsA(a0, A_Const) && !((A_Const *)a0)->isnull &&
                IsA(&((A_Const *)a0)->val, String)) {
                c->found = canonical_relname_literal(c->nc, strVal(&((A_Const *)a0)->val));
                return true;
            }
        }
    }
    return raw_expression_tree_walker(node, nextval_walker, arg);
}

static bool qualify_nextval_walker(Node *node, void *arg)
{
    const NormCtx *nc = arg;
    if (!node)
        return false;
    if (IsA(node, FuncCall) && funcname_is(((FuncCall *)node)->funcname, "nextval") &&
        list_length(((FuncCall *)node)->args) == 1) {
        Node *a = linitial(((FuncCall *)node)->args);
        if (IsA(a, TypeCast))
            a = ((TypeCast *)a)->arg;
        if (IsA(a, A_Const) && !((A_Const *)a)->isnull && IsA(&((A_Const *)a)->val, String))
            ((A_Const *)a)->val.sval.sval = pstrdup(canonical_relname_literal(nc, strVal(&((A_Const *)a)->val)));
    }
    return raw_expression_tree_walker(node, qualify_nextval_walker, arg);
}

void norm_qualify_nextval(const NormCtx *nc, Node *expr)
{
    qualify_nextval_walker(expr, (void *)nc);
}

const char *norm_nextval_target(const NormCtx *nc, const Node *expr)
{
    NextvalCtx c = {nc, NULL};
    nextval_walker((Node *)expr, &c);
    return c.found;
}

/* ---- generated names ------------------------------------------------------ */

/* Byte length of the longest prefix of s of at most n bytes that does not
 * split a UTF-8 sequence (pg_mbcliplen). */
static int mbcliplen(const char *s, int n)
{
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

const char *norm_object_name(Arena *a, const char *name1, const char *name2, const char *label)
{
    int overhead = 0;
    int name1chars = (int)strlen(name1);
    int name2chars = 0;
    if (name2) {
        name2chars = (int)strlen(name2);
        overhead++;
    }
    if (label)
        overhead += (int)strlen(label) + 1;
    int availchars = PG_NAMEDATALEN - 1 - overhead;
    while (name1chars + name2chars > availchars) {
        if (name1chars > name2chars)
            name1chars--;
        else
            name2chars--;
    }
    name1chars = mbcliplen(name1, name1chars);
    if (name2)
        name2chars = mbcliplen(name2, name2chars);
    StrBuf sb;
    sb_init(&sb);
    sb_putn(&sb, name1, (size_t)name1chars);
    if (name2) {
        sb_putc(&sb, '_');
        sb_putn(&sb, name2, (size_t)name2chars);
    }
    if (label) {
        sb_putc(&sb, '_');
        sb_puts(&sb, label);
    }
    char *r = sb_take(&sb, a);
    sb_free(&sb);
    return r;
}

const char *norm_name_addition(Arena *a, const PtrVec *colnames)
{
    char buf[PG_NAMEDATALEN * 2];
    int buflen = 0;
    buf[0] = '\0';
    for (int i = 0; i < colnames->n; i++) {
        const char *name = colnames->items[i];
        if (buflen > 0)
            buf[buflen++] = '_';
        size_t len = strlen(name);
        if (len > PG_NAMEDATALEN - 1)
            len = PG_NAMEDATALEN - 1;
        memcpy(buf + buflen, name, len);
        buflen += (int)len;
        buf[buflen] = '\0';
        if (buflen >= PG_NAMEDATALEN)
            break;
    }
    return arena_strdup(a, buf);
}

const char *norm_figure_colname(const Node *n)
{
    /* PostgreSQL's FigureColnameInternal, for the node kinds an index
     * expression can be. */
    if (!n)
        return NULL;
    switch (nodeTag(n)) {
    case T_ColumnRef: {
        Node *last = llast(((const ColumnRef *)n)->fields);
        return IsA(last, String) ? strVal(last) : NULL;
    }
    case T_FuncCall:
        return strVal(llast(((const FuncCall *)n)->funcname));
    case T_A_Expr:
        return ((const A_Expr *)n)->kind == AEXPR_NULLIF ? "nullif" : NULL;
    case T_TypeCast: {
        const TypeCast *tc = (const TypeCast *)n;
        const char *inner = norm_figure_colname(tc->arg);
        if (inner && tc->arg && !IsA(tc->arg, A_Const))
            return inner;
        return strVal(llast(tc->typeName->names));
    }
    case T_CollateClause:
        return norm_figure_colname(((const CollateClause *)n)->arg);
    case T_CaseExpr: {
        const char *d = norm_figure_colname((const Node *)((const CaseExpr *)n)->defresult);
        return d ? d : "case";
    }
    case T_A_ArrayExpr:
        return "array";
    case T_RowExpr:
        return "row";
    case T_CoalesceExpr:
        return "coalesce";
    case T_MinMaxExpr:
        return ((const MinMaxExpr *)n)->op == IS_GREATEST ? "greatest" : "least";
    default:
        return NULL;
    }
}

void norm_seq_defaults(SeqOpts *o, bool have_start, bool have_min, bool have_max)
{
    int64_t tmin, tmax;
    if (strcmp(o->type, "smallint") == 0) {
        tmin = INT16_MIN;
        tmax = INT16_MAX;
    } else if (strcmp(o->type, "integer") == 0) {
        tmin = INT32_MIN;
        tmax = INT32_MAX;
    } else {
        tmin = INT64_MIN;
        tmax = INT64_MAX;
    }
    if (o->increment == 0)
        o->increment = 1;
    if (!have_min)
        o->min = o->increment > 0 ? 1 : tmin;
    if (!have_max)
        o->max = o->increment > 0 ? tmax : -1;
    if (!have_start)
        o->start = o->increment > 0 ? o->min : o->max;
    if (o->cache == 0)
        o->cache = 1;
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char *norm_options_text(Arena *a, const List *options)
{
    if (!options)
        return NULL;
    int n = list_length(options), i = 0;
    const char **items = arena_alloc(a, sizeof(char *) * (size_t)n);
    const ListCell *lc;
    foreach (lc, options) {
        const DefElem *d = lfirst(lc);
        const char *v = "";
        char buf[64];
        if (d->arg && IsA(d->arg, Integer)) {
            snprintf(buf, sizeof buf, "%d", intVal(d->arg));
            v = buf;
        } else if (d->arg && IsA(d->arg, Float))
            v = castNode(Float, d->arg)->fval;
        else if (d->arg && IsA(d->arg, Boolean))
            v = boolVal(d->arg) ? "true" : "false";
        else if (d->arg && IsA(d->arg, String))
            v = strVal(d->arg);
        else if (!d->arg)
            v = "true";
        items[i++] = arena_printf(a, "%s%s%s=%s", d->defnamespace ? d->defnamespace : "",
                                  d->defnamespace ? "." : "", d->defname, v);
    }
    qsort(items, (size_t)n, sizeof(char *), cmp_cstr);
    StrBuf sb;
    sb_init(&sb);
    for (i = 0; i < n; i++)
        sb_printf(&sb, "%s%s", i ? "," : "", items[i]);
    char *r = sb_take(&sb, a);
    sb_free(&sb);
    return r;
}
