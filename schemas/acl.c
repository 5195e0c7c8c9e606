/*
 * acl.c — the privileges of the model's objects, as the passes compare
 * and print them.
 *
 * An object's privileges are a small sorted list of (grantee, privilege
 * bits, grant-option bits), like PostgreSQL's aclitem[]; NULL means the
 * kind's default (the owner holds every privilege of the kind, PUBLIC
 * EXECUTE on functions and USAGE on types).  The owner's entry is kept
 * under ACL_OWNER, and a grant to the owner by name is folded into it
 * when two objects are compared (acl_effective()).  The reader of GRANT,
 * REVOKE and OWNER TO (parser/acl.c) builds the lists with the same
 * helpers; diff/ compares them and emit/ prints them, from here, below
 * both.  Moved unchanged from parser/acl.c.
 */
#include "pg.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;   /* as the grammar gives it */
    const char *sql;
} privs[] = {
    {"insert", "INSERT"},   {"select", "SELECT"},        {"update", "UPDATE"},    {"delete", "DELETE"},
    {"truncate", "TRUNCATE"}, {"references", "REFERENCES"}, {"trigger", "TRIGGER"}, {"execute", "EXECUTE"},
    {"usage", "USAGE"},     {"create", "CREATE"},        {"temporary", "TEMPORARY"}, {"connect", "CONNECT"},
    {"maintain", "MAINTAIN"},
};
_Static_assert(sizeof privs / sizeof privs[0] == sizeof ACL_PRIV_CHARS - 1, "one name per privilege letter");

#define P(c) (1u << (strchr(ACL_PRIV_CHARS, (c)) - ACL_PRIV_CHARS))

unsigned acl_kind_privs(ObjKind k, bool is_column)
{
    if (is_column)
        return P('a') | P('r') | P('w') | P('x');
    switch (k) {
    case OBJ_TABLE:
    case OBJ_VIEW:
        return P('a') | P('r') | P('w') | P('d') | P('D') | P('x') | P('t');
    case OBJ_SEQUENCE: return P('r') | P('w') | P('U');
    case OBJ_FUNCTION:
    case OBJ_AGGREGATE:
        return P('X');
    case OBJ_ENUM:
    case OBJ_DOMAIN:
    case OBJ_COMPOSITE:
    case OBJ_RANGE:
        return P('U');
    case OBJ_CAST:
    case OBJ_STATISTICS:
        break;
    case OBJ_SCHEMA: return P('U') | P('C');
    case OBJ_FDW:
    case OBJ_SERVER:
        return P('U');
    case OBJ_USER_MAPPING:
    case OBJ_EXTENSION:
    case OBJ_COLUMN:
    case OBJ_CONSTRAINT:
    case OBJ_INDEX:
    case OBJ_SEQ_OWNER:
    case OBJ_TRIGGER:
    case OBJ_POLICY:
    case OBJ_EVENT_TRIGGER:
    case OBJ_DEFAULT_ACL:
    case OBJ_COLLATION:
    case OBJ_OPERATOR:
    case OBJ_RULE:
    case OBJ_OPFAMILY:
    case OBJ_OPCLASS:
    case OBJ_TS_PARSER:
    case OBJ_TS_TEMPLATE:
    case OBJ_TS_DICT:
    case OBJ_TS_CONFIG:
    case OBJ_PUBLICATION:
    case OBJ_KIND_COUNT:
        break;
    }
    return 0;
}

/* The kind of object default privileges of `objtype` ("TABLES", ...) apply to. */
ObjKind acl_defacl_kind(const char *objtype)
{
    return !strcmp(objtype, "TABLES")      ? OBJ_TABLE
           : !strcmp(objtype, "SEQUENCES") ? OBJ_SEQUENCE
           : !strcmp(objtype, "FUNCTIONS") ? OBJ_FUNCTION
           : !strcmp(objtype, "TYPES")     ? OBJ_ENUM
                                           : OBJ_SCHEMA;
}

static unsigned public_default(ObjKind k)
{
    return k == OBJ_FUNCTION || k == OBJ_AGGREGATE ? P('X') : (k == OBJ_ENUM || k == OBJ_DOMAIN || k == OBJ_COMPOSITE || k == OBJ_RANGE) ? P('U') : 0;
}

const char *acl_priv_sql(Arena *a, unsigned bits)
{
    StrBuf sb;
    sb_init(&sb);
    /* in the order PostgreSQL lists them */
    static const char order[] = "rawdDxtXUCTcm";
    for (const char *c = order; *c; c++)
        if (bits & P(*c)) {
            if (sb.len)
                sb_puts(&sb, ", ");
            sb_puts(&sb, privs[strchr(ACL_PRIV_CHARS, *c) - ACL_PRIV_CHARS].sql);
        }
    return sb_take(&sb, a);
}

unsigned acl_priv_bit(const char *name)
{
    if (!strcmp(name, "temp"))
        name = "temporary";
    for (size_t i = 0; i < sizeof privs / sizeof privs[0]; i++)
        if (!strcmp(privs[i].name, name))
            return 1u << i;
    return 0;
}

/* ---- the list ------------------------------------------------------------------ */

AclItem *acl_slot(Arena *a, Acl *acl, const char *grantee)
{
    for (int i = 0; i < acl->n; i++)
        if (!strcmp(acl->items[i].grantee, grantee))
            return &acl->items[i];
    AclItem *items = arena_alloc(a, sizeof(AclItem) * (size_t)(acl->n + 1));
    int k = 0, i = 0;
    for (; i < acl->n && strcmp(acl->items[i].grantee, grantee) < 0; i++)
        items[k++] = acl->items[i];
    AclItem *slot = &items[k++];
    slot->grantee = grantee;
    for (; i < acl->n; i++)
        items[k++] = acl->items[i];
    acl->items = items;
    acl->n = k;
    return slot;
}

void acl_compact(Acl *acl)
{
    int k = 0;
    for (int i = 0; i < acl->n; i++)
        if (acl->items[i].privs)
            acl->items[k++] = acl->items[i];
    acl->n = k;
}

Acl *acl_default(Arena *a, const Obj *o)
{
    Acl *acl = arena_alloc(a, sizeof(Acl));
    if (o->kind == OBJ_COLUMN || (o->kind == OBJ_DEFAULT_ACL && o->schema))
        return acl; /* columns, and default privileges IN SCHEMA, start empty */
    if (o->kind == OBJ_DEFAULT_ACL) {
        /* what objects of the type get anyway: their owner's and PUBLIC's */
        ObjKind k = acl_defacl_kind(o->table);
        acl_slot(a, acl, ACL_OWNER)->privs = acl_kind_privs(k, false);
        if (public_default(k))
            acl_slot(a, acl, "")->privs = public_default(k);
        return acl;
    }
    AclItem *own = acl_slot(a, acl, ACL_OWNER);
    own->privs = acl_kind_privs(o->kind, false);
    if (public_default(o->kind))
        acl_slot(a, acl, "")->privs = public_default(o->kind);
    return acl;
}

Acl acl_effective(Arena *a, const Obj *o, const char *owner)
{
    const Acl *src = o->acl ? o->acl : acl_default(a, o);
    Acl out = {0};
    for (int i = 0; i < src->n; i++) {
        const AclItem *it = &src->items[i];
        const char *g = owner && !strcmp(it->grantee, owner) ? ACL_OWNER : it->grantee;
        AclItem *s = acl_slot(a, &out, g);
        s->privs |= it->privs;
        s->grantable |= it->grantable;
    }
    acl_compact(&out);
    return out;
}

bool acl_equal(const Acl *x, const Acl *y)
{
    if (x->n != y->n)
        return false;
    for (int i = 0; i < x->n; i++)
        if (strcmp(x->items[i].grantee, y->items[i].grantee) || x->items[i].privs != y->items[i].privs ||
            x->items[i].grantable != y->items[i].grantable)
            return false;
    return true;
}

static const Obj *view_column(const Definition *v, const char *name)
{
    for (int i = 0; i < v->colacls.n; i++)
        if (!strcmp(((const Obj *)v->colacls.items[i])->name, name))
            return v->colacls.items[i];
    return NULL;
}

bool acl_view_columns_equal(Arena *a, const Definition *x, const Definition *y)
{
    const Definition *sides[2][2] = {{x, y}, {y, x}};
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < sides[s][0]->colacls.n; i++) {
            const Obj *c = sides[s][0]->colacls.items[i];
            const Obj *o = view_column(sides[s][1], c->name);
            Acl ca = acl_effective(a, c, NULL);
            Acl oa = {0};
            if (o)
                oa = acl_effective(a, o, NULL);
            if (!acl_equal(&ca, &oa))
                return false;
        }
    return true;
}
