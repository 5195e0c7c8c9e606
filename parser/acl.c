/*
 * acl.c — privileges (GRANT, REVOKE) and ownership (OWNER TO).
 *
 * An object's privileges are a small sorted list of (grantee, privilege
 * bits, grant-option bits), like PostgreSQL's aclitem[].  NULL means the
 * kind's default, which the first GRANT or REVOKE on the object makes
 * explicit: the owner holds every privilege of the kind, PUBLIC holds
 * EXECUTE on functions and USAGE on types.  The owner is often not known
 * (a schema file need not say it), so its entry is kept under the grantee
 * ACL_OWNER; a grant to the owner by name is folded into it whenever the
 * owner is known, both when statements are applied and when two objects
 * are compared (acl_effective()), so `GRANT ALL ON t TO alice` where alice
 * owns t is no change.
 *
 * Revoking a table privilege also revokes it from every column, as
 * PostgreSQL does.  Role membership (GRANT role TO role) is cluster state,
 * not schema: it is accepted and ignored, like CREATE ROLE is refused —
 * schemadiff never creates roles.  Ownership is compared only where both
 * sides state it (a database always does; a file does with OWNER TO).
 * The lists themselves (defaults, comparison, SQL names) are
 * schemas/acl.c's, shared with diff/ and emit/.
 */
#include "pg.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>

/* Apply one GRANT or REVOKE to an object. */
static void apply(Arena *a, Obj *o, const char *grantee, unsigned bits, bool grant, bool option_only,
                  bool with_option)
{
    if (!o->acl)
        o->acl = acl_default(a, o);
    if (o->owner && !strcmp(grantee, o->owner))
        grantee = ACL_OWNER;
    AclItem *s = acl_slot(a, o->acl, grantee);
    if (grant) {
        s->privs |= bits;
        if (with_option)
            s->grantable |= bits;
    } else {
        s->grantable &= ~bits;
        if (!option_only)
            s->privs &= ~bits;
    }
    acl_compact(o->acl);
}

/* Whether default privileges `o` (set: apply() gives them an ACL) grant
 * exactly what they would with no entry: nothing IN SCHEMA, the type's
 * defaults otherwise. */
static bool acl_is_default(Arena *a, const Obj *o)
{
    Acl def = *acl_default(a, o);
    acl_compact(&def);
    return acl_equal(o->acl, &def);
}

/* ---- statements ------------------------------------------------------------------ */

static const char *grantee_name(DdlReader *r, const RoleSpec *rs, int off)
{
    switch (rs->roletype) {
    case ROLESPEC_CSTRING: return arena_strdup(r->a, rs->rolename);
    case ROLESPEC_PUBLIC: return "";
    case ROLESPEC_CURRENT_ROLE:
    case ROLESPEC_CURRENT_USER:
    case ROLESPEC_SESSION_USER:
        break;
    }
    ddl_error(r, off, "CURRENT_USER, CURRENT_ROLE and SESSION_USER are not supported in a schema; name the role");
    return NULL;
}

/* The objects a GRANT names (in `out`); false after an error. */
static bool grant_targets(DdlReader *r, GrantStmt *st, int off, PtrVec *out)
{
    ListCell *lc;
    if (st->targtype == ACL_TARGET_ALL_IN_SCHEMA) {
        foreach (lc, st->objects) {
            const char *schema = strVal(lfirst(lc));
            for (int i = 0; i < r->m->objs.n; i++) {
                Obj *o = r->m->objs.items[i];
                if (!o || !o->schema || strcmp(o->schema, schema) || o->table)
                    continue;
                bool hit = st->objtype == OBJECT_TABLE      ? o->kind == OBJ_TABLE || o->kind == OBJ_VIEW
                           : st->objtype == OBJECT_SEQUENCE ? o->kind == OBJ_SEQUENCE
                                                            : o->kind == OBJ_FUNCTION || o->kind == OBJ_AGGREGATE;
                if (hit)
                    vec_push(r->a, out, o);
            }
        }
        return true;
    }
    if (st->targtype != ACL_TARGET_OBJECT) {
        ddl_error(r, off, "this form of GRANT is not supported yet");
        return false;
    }
    foreach (lc, st->objects) {
        Node *n = lfirst(lc);
        Obj *o = NULL;
        switch (st->objtype) {
        case OBJECT_TABLE:
        case OBJECT_SEQUENCE: {
            RangeVar *rv = (RangeVar *)n;
            o = ddl_relation(r, rv->schemaname ? rv->schemaname : r->nc.default_schema, rv->relname);
            break;
        }
        case OBJECT_FUNCTION:
        case OBJECT_PROCEDURE:
        case OBJECT_ROUTINE:
            o = objects_find_function(r, n);
            break;
        case OBJECT_SCHEMA:
            o = model_lookup(r->m, OBJ_SCHEMA, NULL, NULL, strVal(n));
            break;
        case OBJECT_TYPE:
        case OBJECT_DOMAIN: {
            const char *schema, *name;
            ddl_qualified(r, (List *)n, &schema, &name);
            o = objects_find_type(r->m, schema, name);
            break;
        }
        case OBJECT_FDW:
        case OBJECT_FOREIGN_SERVER: {
            bool handled;
            o = foreign_find(r, st->objtype, n, &handled);
            break;
        }
        case OBJECT_LANGUAGE:
            if (!strcmp(strVal(n), "plpgsql") || !strcmp(strVal(n), "sql"))
                continue; /* every database has them */
            ddl_error(r, off, "privileges on languages are not supported");
            return false;
        default:
            ddl_error(r, off, "GRANT on this kind of object is not supported yet");
            return false;
        }
        if (!o) {
            ddl_error(r, off, "GRANT or REVOKE on an object that does not exist");
            return false;
        }
        vec_push(r->a, out, o);
    }
    return true;
}

static void read_grant(DdlReader *r, GrantStmt *st, int off)
{
    PtrVec targets = {0};
    if (!grant_targets(r, st, off, &targets))
        return;
    PtrVec grantees = {0};
    ListCell *lc;
    foreach (lc, st->grantees) {
        const char *g = grantee_name(r, lfirst(lc), off);
        if (!g)
            return;
        vec_push(r->a, &grantees, (void *)g);
    }
    for (int t = 0; t < targets.n; t++) {
        Obj *o = targets.items[t];
        unsigned kind_privs = acl_kind_privs(o->kind, false);
        unsigned table_bits = 0;
        if (!st->privileges)
            table_bits = kind_privs;
        foreach (lc, st->privileges) {
            AccessPriv *ap = lfirst(lc);
            unsigned bit = ap->priv_name ? acl_priv_bit(ap->priv_name) : 0;
            if (ap->priv_name && !bit) {
                ddl_error(r, off, "unrecognized privilege type \"%s\"", ap->priv_name);
                return;
            }
            if (!ap->cols) {
                table_bits |= ap->priv_name ? bit : kind_privs;
                continue;
            }
            if (o->kind != OBJ_TABLE && o->kind != OBJ_VIEW) {
                ddl_error(r, off, "column privileges are supported on tables and views only");
                return;
            }
            unsigned col_bits = ap->priv_name ? bit : acl_kind_privs(OBJ_COLUMN, true);
            ListCell *cc;
            foreach (cc, ap->cols) {
                Obj *col = o->kind == OBJ_VIEW ? acl_view_column(r->a, (Definition *)o, strVal(lfirst(cc)))
                                               : (Obj *)table_column((Table *)o, strVal(lfirst(cc)));
                if (!col) {
                    ddl_error(r, off, "column \"%s\" of relation \"%s\" does not exist", strVal(lfirst(cc)),
                              o->name);
                    return;
                }
                for (int g = 0; g < grantees.n; g++)
                    apply(r->a, col, grantees.items[g], col_bits, st->is_grant, st->grant_option,
                          st->grant_option);
            }
        }
        if (table_bits & ~kind_privs) {
            ddl_error(r, off, "invalid privilege type for %s", kind_info[o->kind].name);
            return;
        }
        if (!table_bits)
            continue;
        for (int g = 0; g < grantees.n; g++) {
            apply(r->a, o, grantees.items[g], table_bits, st->is_grant, st->grant_option, st->grant_option);
            /* a table-level REVOKE takes the privilege from every column too */
            if (!st->is_grant && o->kind == OBJ_TABLE) {
                Table *tb = (Table *)o;
                for (int c = 0; c < tb->columns.n; c++) {
                    Column *col = tb->columns.items[c];
                    if (col->obj.acl)
                        apply(r->a, &col->obj, grantees.items[g], table_bits & acl_kind_privs(OBJ_COLUMN, true),
                              false, st->grant_option, false);
                }
            }
        }
    }
}

Obj *acl_view_column(Arena *a, Definition *view, const char *name)
{
    for (int i = 0; i < view->colacls.n; i++) {
        Obj *c = view->colacls.items[i];
        if (!strcmp(c->name, name))
            return c;
    }
    Obj *c = arena_alloc(a, sizeof(Obj));
    c->kind = OBJ_COLUMN;
    c->schema = view->obj.schema;
    c->table = view->obj.name;
    c->name = arena_strdup(a, name);
    vec_push(a, &view->colacls, c);
    return c;
}

void acl_set_owner(DdlReader *r, Obj *o, const char *role)
{
    o->owner = arena_strdup(r->a, role);
    /* grants to the new owner by name now are the owner's */
    if (o->acl)
        *o->acl = acl_effective(r->a, o, o->owner);
}

static void read_alter_owner(DdlReader *r, AlterOwnerStmt *st, int off)
{
    const char *role = grantee_name(r, st->newowner, off);
    if (!role)
        return;
    Obj *o = NULL;
    switch (st->objectType) {
    case OBJECT_SCHEMA:
        o = model_lookup(r->m, OBJ_SCHEMA, NULL, NULL, strVal(st->object));
        break;
    case OBJECT_LANGUAGE:
    case OBJECT_EXTENSION:
        return; /* plpgsql's owner (old pg_dump) and extensions: not schema */
    case OBJECT_TYPE:
    case OBJECT_DOMAIN: {
        const char *schema, *name;
        ddl_qualified(r, (List *)st->object, &schema, &name);
        o = objects_find_type(r->m, schema, name);
        break;
    }
    case OBJECT_FUNCTION:
    case OBJECT_PROCEDURE:
    case OBJECT_ROUTINE:
        o = objects_find_function(r, st->object);
        break;
    case OBJECT_AGGREGATE:
        o = aggregate_find(r, st->object);
        break;
    case OBJECT_OPERATOR:
        o = operator_find(r, st->object);
        break;
    case OBJECT_OPCLASS:
    case OBJECT_OPFAMILY:
        o = opclass_find(r, st->objectType == OBJECT_OPFAMILY, st->object);
        break;
    case OBJECT_STATISTIC_EXT: {
        bool handled;
        o = defkinds_find(r, OBJECT_STATISTIC_EXT, st->object, &handled);
        break;
    }
    case OBJECT_EVENT_TRIGGER:
        o = model_lookup(r->m, OBJ_EVENT_TRIGGER, NULL, NULL, strVal(st->object));
        break;
    case OBJECT_COLLATION: {
        const char *schema, *name;
        ddl_qualified(r, (List *)st->object, &schema, &name);
        o = model_lookup(r->m, OBJ_COLLATION, schema, NULL, name);
        break;
    }
    default: {
        bool handled;
        o = textsearch_find(r, st->objectType, st->object, &handled);
        if (!handled)
            o = publication_find(r, st->objectType, st->object, &handled);
        if (!handled)
            o = foreign_find(r, st->objectType, st->object, &handled);
        if (!handled) {
            ddl_error(r, off, "OWNER TO on this kind of object is not supported yet");
            return;
        }
        break;
    }
    }
    if (!o) {
        ddl_error(r, off, "OWNER TO on an object that does not exist");
        return;
    }
    acl_set_owner(r, o, role);
}

static const char *defacl_objtype(ObjectType t)
{
    switch (t) {
    case OBJECT_TABLE: return "TABLES";
    case OBJECT_SEQUENCE: return "SEQUENCES";
    case OBJECT_FUNCTION:
    case OBJECT_ROUTINE:
    case OBJECT_PROCEDURE:
        return "FUNCTIONS";
    case OBJECT_TYPE: return "TYPES";
    case OBJECT_SCHEMA: return "SCHEMAS";
    default:
        return NULL;
    }
}

/* ALTER DEFAULT PRIVILEGES [FOR ROLE r, ...] [IN SCHEMA s, ...] GRANT|REVOKE
 * ...: one object per role, schema and object type. */
static void read_default_privileges(DdlReader *r, AlterDefaultPrivilegesStmt *st, int off)
{
    GrantStmt *g = st->action;
    const char *objtype = defacl_objtype(g->objtype);
    if (!objtype) {
        ddl_error(r, off, "default privileges on this kind of object are not supported");
        return;
    }
    PtrVec roles = {0}, schemas = {0};
    ListCell *lc;
    foreach (lc, st->options) {
        DefElem *d = lfirst(lc);
        ListCell *vc;
        foreach (vc, (List *)d->arg) {
            if (!strcmp(d->defname, "roles")) {
                const char *role = grantee_name(r, lfirst(vc), off);
                if (!role)
                    return;
                vec_push(r->a, &roles, (void *)role);
            } else {
                vec_push(r->a, &schemas, arena_strdup(r->a, strVal(lfirst(vc))));
            }
        }
    }
    if (!roles.n)
        vec_push(r->a, &roles, ""); /* the role running the file */
    if (!schemas.n)
        vec_push(r->a, &schemas, NULL);
    PtrVec grantees = {0};
    foreach (lc, g->grantees) {
        const char *who = grantee_name(r, lfirst(lc), off);
        if (!who)
            return;
        vec_push(r->a, &grantees, (void *)who);
    }
    unsigned bits = 0, kind_privs = acl_kind_privs(acl_defacl_kind(objtype), false);
    foreach (lc, g->privileges) {
        AccessPriv *ap = lfirst(lc);
        unsigned bit = ap->priv_name ? acl_priv_bit(ap->priv_name) : kind_privs;
        if (!bit || ap->cols) {
            ddl_error(r, off, "invalid privilege in ALTER DEFAULT PRIVILEGES");
            return;
        }
        bits |= bit;
    }
    if (!g->privileges)
        bits = kind_privs;
    for (int i = 0; i < roles.n; i++)
        for (int k = 0; k < schemas.n; k++) {
            const char *schema = schemas.items[k];
            Obj *o = model_lookup(r->m, OBJ_DEFAULT_ACL, schema, objtype, roles.items[i]);
            if (!o) {
                SrcLoc l = {r->file, r->text, off};
                o = model_add(r->m, sizeof(Obj), OBJ_DEFAULT_ACL, schema, objtype, roles.items[i], l);
                r->m->default_acls++;
                if (*(const char *)roles.items[i])
                    o->owner = o->name; /* the role's own entry is the owner's */
            }
            for (int w = 0; w < grantees.n; w++)
                apply(r->a, o, grantees.items[w], bits, g->is_grant, g->grant_option, g->grant_option);
            /* back to what the role's new objects get anyway: PostgreSQL
             * deletes the pg_default_acl row, and so does the reader (a
             * migration that revokes what an earlier one granted leaves
             * nothing behind) */
            if (acl_is_default(r->a, o))
                model_remove(r->m, o);
        }
}

void acl_apply_defaults(DdlReader *r, int first)
{
    for (int i = first; r->m->default_acls && i < r->m->objs.n; i++) {
        Obj *o = r->m->objs.items[i];
        if (!o || o->table || o->acl)
            continue;
        const char *objtype = o->kind == OBJ_TABLE || o->kind == OBJ_VIEW ? "TABLES"
                              : o->kind == OBJ_SEQUENCE                    ? "SEQUENCES"
                              : o->kind == OBJ_FUNCTION || o->kind == OBJ_AGGREGATE ? "FUNCTIONS"
                              : o->kind == OBJ_ENUM || o->kind == OBJ_DOMAIN || o->kind == OBJ_COMPOSITE || o->kind == OBJ_RANGE ? "TYPES"
                              : o->kind == OBJ_SCHEMA                      ? "SCHEMAS"
                                                                           : NULL;
        if (!objtype)
            continue;
        const char *schema = o->kind == OBJ_SCHEMA ? NULL : o->schema;
        const Obj *global = model_lookup(r->m, OBJ_DEFAULT_ACL, NULL, objtype, "");
        const Obj *local = schema ? model_lookup(r->m, OBJ_DEFAULT_ACL, schema, objtype, "") : NULL;
        if (!global && !local)
            continue;
        /* the global setting replaces the kind's default; IN SCHEMA adds */
        Acl *acl = arena_alloc(r->a, sizeof(Acl));
        const Acl *base = global ? (global->acl ? global->acl : acl_default(r->a, global)) : acl_default(r->a, o);
        for (int k = 0; k < base->n; k++)
            *acl_slot(r->a, acl, base->items[k].grantee) = base->items[k];
        for (int k = 0; local && local->acl && k < local->acl->n; k++) {
            AclItem *s = acl_slot(r->a, acl, local->acl->items[k].grantee);
            s->privs |= local->acl->items[k].privs;
            s->grantable |= local->acl->items[k].grantable;
        }
        acl_compact(acl);
        o->acl = acl;
    }
}

static bool has_role(const Model *m, const char *role)
{
    for (int i = 0; i < m->roles.n; i++)
        if (!strcmp(m->roles.items[i], role))
            return true;
    return false;
}

static void check_role(const Model *target, const Obj *o, const char *role, const char *target_name,
                       Diags *diags)
{
    if (!role || !*role || !strcmp(role, ACL_OWNER) || !strcmp(role, "public") || has_role(target, role))
        return;
    diag_at(diags, EXIT_INPUT, o->loc, "role \"%s\" (named by %s) does not exist in %s; schemadiff does not "
            "create roles", role, obj_display(diags->arena, o), target_name);
}

static void check_acl_roles(const Model *target, const Obj *o, const char *target_name, Diags *diags)
{
    check_role(target, o, o->owner, target_name, diags);
    for (int i = 0; o->acl && i < o->acl->n; i++)
        check_role(target, o, o->acl->items[i].grantee, target_name, diags);
}

void acl_check_roles(const Model *target, const Model *desired, const char *target_name, Diags *diags)
{
    if (!target->roles_known)
        return;
    for (int i = 0; i < desired->objs.n; i++) {
        const Obj *o = desired->objs.items[i];
        if (!o)
            continue;
        check_acl_roles(target, o, target_name, diags);
        if (o->kind == OBJ_DEFAULT_ACL)
            check_role(target, o, o->name, target_name, diags);
        if (o->kind == OBJ_VIEW)
            for (int k = 0; k < ((const Definition *)o)->colacls.n; k++)
                check_acl_roles(target, ((const Definition *)o)->colacls.items[k], target_name, diags);
        if (o->kind == OBJ_POLICY && ((const Definition *)o)->norm) {
            const ListCell *lc;
            foreach (lc, ((const CreatePolicyStmt *)((const Definition *)o)->norm)->roles) {
                const char *role = strVal(lfirst(lc));
                if (strcmp(role, "current_user") && strcmp(role, "current_role") && strcmp(role, "session_user"))
                    check_role(target, o, role, target_name, diags);
            }
        }
    }
}

bool acl_read_stmt(DdlReader *r, Node *n, int off)
{
    switch (nodeTag(n)) {
    case T_AlterDefaultPrivilegesStmt:
        read_default_privileges(r, (AlterDefaultPrivilegesStmt *)n, off);
        return true;
    case T_GrantStmt: read_grant(r, (GrantStmt *)n, off); return true;
    case T_AlterOwnerStmt: read_alter_owner(r, (AlterOwnerStmt *)n, off); return true;
    case T_GrantRoleStmt: return true; /* role membership: cluster state, see above */
    default:
        return false;
    }
}
