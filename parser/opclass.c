/*
 * opclass.c — operator families and operator classes as model objects
 * (OBJ_OPFAMILY, OBJ_OPCLASS).
 *
 * Both are identified by schema, name and access method: the model key is
 * "name USING am", which is also how DROP / COMMENT ON / ALTER ... OWNER
 * name them.  A class always belongs to a family: CREATE OPERATOR CLASS
 * without FAMILY uses the family of its own name, made on the spot when
 * there is none — here that family becomes a model object of its own, so
 * a schema file and a database (where the family is a row of pg_opfamily
 * like any other) hold the same objects, and the class's canonical text
 * always states FAMILY.
 *
 * The definitions are kept as canonical text, compared and printed:
 *
 *   class:  "[DEFAULT ]FOR TYPE t USING am FAMILY s.f AS <items>"
 *   family: "USING am", then its loose members (ALTER OPERATOR FAMILY
 *           ... ADD), kept in `argnames` as "<items>" or "".
 *
 * Items are sorted (operators by strategy number, then functions by
 * support number, then STORAGE) and spelled the way the catalog reader
 * writes them from pg_amop / pg_amproc: "OPERATOR n s.op(lt, rt)" (with
 * "FOR ORDER BY s.f" where it is one), "FUNCTION n (lt, rt) s.f(args)".
 * What a file leaves out is filled in as PostgreSQL does: an operator's
 * types are the class's type on both sides, a function's (lt, rt) are its
 * two arguments for btree's comparison function, its first argument twice
 * for hash's, else the class's type; a bare operator is the default
 * schema's when the model has one of that name, else pg_catalog's.
 *
 * PostgreSQL cannot change a class's definition in place, so any change
 * re-creates it (and the indexes that use it, which depend on it); a
 * family whose loose members change is re-created with its classes.
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *key_of(Arena *a, const char *name, const char *am)
{
    return arena_printf(a, "%s USING %s", name, am);
}

static Definition *add_family(DdlReader *r, const char *schema, const char *name, const char *am, int off,
                              bool implicit)
{
    SrcLoc l = {r->file, r->text, off};
    Definition *d = model_add(r->m, sizeof(Definition), OBJ_OPFAMILY, schema, NULL, key_of(r->a, name, am), l);
    if (!d)
        return NULL;
    d->obj.name = arena_strdup(r->a, name);
    d->identity = key_of(r->a, name, am);
    d->search_schema = r->nc.default_schema;
    d->raw = NULL;
    (void)implicit; /* made by CREATE OPERATOR CLASS: a family like any other */
    return d;
}

void opfamily_read(DdlReader *r, CreateOpFamilyStmt *st, int off)
{
    off = ddl_stmt_start(r, off);
    const char *schema, *name;
    ddl_qualified(r, st->opfamilyname, &schema, &name);
    if (model_lookup(r->m, OBJ_OPFAMILY, schema, NULL, key_of(r->a, name, st->amname))) {
        ddl_error(r, off, "operator family \"%s\" for access method \"%s\" already exists", name, st->amname);
        return;
    }
    add_family(r, schema, name, st->amname, off, false);
}

/* "(lt, rt)" of a member: an added operator states them with its name,
 * a function and a dropped member in class_args. */
static const char *member_types(DdlReader *r, const CreateOpClassItem *it)
{
    List *t = it->itemtype == OPCLASS_ITEM_OPERATOR && it->name && it->name->objargs ? it->name->objargs
                                                                                     : it->class_args;
    StrBuf sb;
    sb_init(&sb);
    ListCell *lc;
    foreach (lc, t)
        sb_printf(&sb, "%s%s", sb.len ? ", " : "", lfirst(lc) ? norm_type(&r->nc, lfirst(lc)).sql : "NONE");
    return sb.len ? sb_take(&sb, r->a) : "";
}

static void member_lr(DdlReader *r, const char *am, const CreateOpClassItem *it, const char *opct, const char **lt,
                      const char **rt);

void opfamily_alter(DdlReader *r, AlterOpFamilyStmt *st, int off)
{
    off = ddl_stmt_start(r, off);
    const char *schema, *name;
    ddl_qualified(r, st->opfamilyname, &schema, &name);
    Definition *d = (Definition *)model_lookup(r->m, OBJ_OPFAMILY, schema, NULL, key_of(r->a, name, st->amname));
    if (!d) {
        ddl_error(r, off, "operator family \"%s\" for access method \"%s\" does not exist", name, st->amname);
        return;
    }
    if (st->isDrop) {
        /* items named by number and types: the ones added before go */
        ListCell *lc;
        foreach (lc, st->items) {
            CreateOpClassItem *it = lfirst(lc);
            PtrVec *v = &d->members;
            int k = 0;
            for (int i = 0; i < v->n; i++) {
                CreateOpClassItem *old = v->items[i];
                bool same = old->itemtype == it->itemtype && old->number == it->number &&
                            !strcmp(member_types(r, old), member_types(r, it));
                if (!same)
                    v->items[k++] = old;
            }
            if (k == v->n) {
                ddl_error(r, off, "%s %d is not a member of operator family \"%s\"",
                          it->itemtype == OPCLASS_ITEM_OPERATOR ? "operator" : "function", it->number, name);
                return;
            }
            v->n = k;
        }
        return;
    }
    /* what PostgreSQL checks of an added member before it looks it up
     * (opclasscmds.c: the number's range; the types an ALTER OPERATOR
     * FAMILY member must state, having no class type to fall back on) */
    static const struct {
        const char *am;
        int ops, procs;
    } limits[] = {{"btree", 5, 5}, {"hash", 1, 3}};
    ListCell *lc;
    foreach (lc, st->items) {
        CreateOpClassItem *it = lfirst(lc);
        if (it->itemtype == OPCLASS_ITEM_STORAGETYPE) {
            ddl_error(r, off, "STORAGE cannot be specified in ALTER OPERATOR FAMILY");
            return;
        }
        bool op = it->itemtype == OPCLASS_ITEM_OPERATOR;
        int max = 32767;
        for (size_t i = 0; i < sizeof limits / sizeof *limits; i++)
            if (!strcmp(st->amname, limits[i].am))
                max = op ? limits[i].ops : limits[i].procs;
        if (it->number < 1 || it->number > max) {
            ddl_error(r, off, "invalid %s number %d, must be between 1 and %d", op ? "operator" : "function", it->number,
                      max);
            return;
        }
        const char *lt = NULL, *rt = NULL;
        if (op && !it->name->objargs) {
            ddl_error(r, off, "operator argument types must be specified in ALTER OPERATOR FAMILY");
            return;
        }
        if (!op)
            member_lr(r, st->amname, it, NULL, &lt, &rt); /* no class type: NULL unless stated or derived */
        if (!op && (!lt || !rt)) {
            ddl_error(r, off, "associated data types must be specified for index support function");
            return;
        }
        vec_push(r->a, &d->members, it);
    }
}

/* The (lt, rt) PostgreSQL gives an item of CREATE OPERATOR CLASS when it
 * checks where the item goes (assignOperTypes, assignProcTypes): stated
 * types first; else an operator's are the class's type (a bare operator
 * is looked up on exactly that type), btree's comparison function's its
 * two argument types, hash's functions' their first argument type, and
 * any other item's the class's type.  Types as norm_type spells them. */
static void member_lr(DdlReader *r, const char *am, const CreateOpClassItem *it, const char *opct, const char **lt,
                      const char **rt)
{
    *lt = *rt = opct;
    List *stated = it->itemtype == OPCLASS_ITEM_OPERATOR ? it->name->objargs
                   : it->itemtype == OPCLASS_ITEM_FUNCTION ? it->class_args
                                                           : NIL;
    if (list_length(stated) >= 1) {
        *lt = linitial(stated) ? norm_type(&r->nc, linitial(stated)).sql : "NONE";
        *rt = list_length(stated) >= 2 ? (lsecond(stated) ? norm_type(&r->nc, lsecond(stated)).sql : "NONE") : *lt;
        return;
    }
    if (it->itemtype != OPCLASS_ITEM_FUNCTION || it->name->args_unspecified)
        return;
    List *args = it->name->objargs;
    if (!strcmp(am, "btree") && it->number == 1 && list_length(args) == 2) {
        *lt = norm_type(&r->nc, linitial(args)).sql;
        *rt = norm_type(&r->nc, lsecond(args)).sql;
    } else if (!strcmp(am, "hash") && (it->number == 1 || it->number == 2) && list_length(args) >= 1) {
        *lt = *rt = norm_type(&r->nc, linitial(args)).sql;
    }
}

/* Whether PostgreSQL makes an item of CREATE OPERATOR CLASS a loose
 * member of the family instead (the access methods' amadjustmembers:
 * btadjustmembers, hashadjustmembers, gistadjustmembers,
 * ginadjustmembers, spgadjustmembers; BRIN has none and keeps every
 * item in the class):
 *   - btree, hash: optional support functions; members between two
 *     different types; and members on a type other than the class's own
 *     (polymorphic ones such as (anyarray, anyarray) or (anyenum,
 *     anyenum) on a concrete class: PostgreSQL looks for a class of
 *     that type in the family, finds none, and binds the member to the
 *     family);
 *   - gist, gin, spgist: every operator, and the optional support
 *     functions (gist: all but 1, 2, 5, 6, 7; gin: all but 2, 3;
 *     spgist: all but 1 to 5). */
static bool loose_member(DdlReader *r, const char *am, const CreateOpClassItem *it, const char *opct)
{
    if (it->itemtype == OPCLASS_ITEM_STORAGETYPE)
        return false;
    bool op = it->itemtype == OPCLASS_ITEM_OPERATOR;
    int n = it->number;
    if (!strcmp(am, "gist"))
        return op || !(n == 1 || n == 2 || n == 5 || n == 6 || n == 7);
    if (!strcmp(am, "gin"))
        return op || !(n == 2 || n == 3);
    if (!strcmp(am, "spgist"))
        return op || n < 1 || n > 5;
    bool btree = !strcmp(am, "btree"), hash = !strcmp(am, "hash");
    if (!btree && !hash)
        return false;
    if (!op && (btree ? n != 1 : n > 2))
        return true;
    const char *lt, *rt;
    member_lr(r, am, it, opct, &lt, &rt);
    return strcmp(lt, rt) != 0 || strcmp(lt, opct) != 0;
}

void opclass_read(DdlReader *r, CreateOpClassStmt *st, int off)
{
    off = ddl_stmt_start(r, off);
    const char *schema, *name;
    ddl_qualified(r, st->opclassname, &schema, &name);
    const char *key = key_of(r->a, name, st->amname);
    if (model_lookup(r->m, OBJ_OPCLASS, schema, NULL, key)) {
        ddl_error(r, off, "operator class \"%s\" for access method \"%s\" already exists", name, st->amname);
        return;
    }
    const char *fschema = schema, *fname = name;
    if (st->opfamilyname)
        ddl_qualified(r, st->opfamilyname, &fschema, &fname);
    Definition *fam = (Definition *)model_lookup(r->m, OBJ_OPFAMILY, fschema, NULL, key_of(r->a, fname, st->amname));
    if (!fam) {
        if (st->opfamilyname) {
            ddl_error(r, off, "operator family \"%s\" for access method \"%s\" does not exist", fname, st->amname);
            return;
        }
        fam = add_family(r, fschema, fname, st->amname, off, true);
        if (!fam)
            return;
    }
    List *own = NIL;
    ListCell *ic;
    const char *opct = norm_type(&r->nc, (Node *)st->datatype).sql;
    foreach (ic, st->items) {
        CreateOpClassItem *it = lfirst(ic);
        if (loose_member(r, st->amname, it, opct)) {
            /* an omitted (lt, rt) is stated as PostgreSQL fills it: the
             * family's text has no class type to fall back on */
            const char *lt, *rt;
            member_lr(r, st->amname, it, opct, &lt, &rt);
            if (it->itemtype == OPCLASS_ITEM_OPERATOR && !it->name->objargs)
                it->name->objargs = list_make2(st->datatype, st->datatype);
            else if (it->itemtype == OPCLASS_ITEM_FUNCTION && !it->class_args && lt == opct && rt == opct)
                it->class_args = list_make2(st->datatype, st->datatype);
            vec_push(r->a, &fam->members, it);
        } else if (it->itemtype == OPCLASS_ITEM_STORAGETYPE &&
                   !strcmp(norm_type(&r->nc, (Node *)it->storedtype).sql, opct)) {
            /* STORAGE of the class's own type: PostgreSQL drops it */
        } else {
            own = lappend(own, it);
        }
    }
    st->items = own;
    st->opclassname = list_make2(makeString(pstrdup(schema)), makeString(pstrdup(name)));
    st->opfamilyname = list_make2(makeString(pstrdup(fschema)), makeString(pstrdup(fname)));
    SrcLoc l = {r->file, r->text, off};
    Definition *d = model_add(r->m, sizeof(Definition), OBJ_OPCLASS, schema, NULL, key, l);
    if (!d)
        return;
    d->obj.name = arena_strdup(r->a, name);
    d->identity = key;
    d->raw = (Node *)st;
    d->search_schema = r->nc.default_schema;
}

/* DROP / COMMENT ON / ALTER ... OWNER TO: the object list is the access
 * method followed by the name. */
Obj *opclass_find(DdlReader *r, bool family, const Node *object)
{
    List *l = object && IsA(object, List) ? (List *)object : NIL;
    if (list_length(l) < 2)
        return NULL;
    const char *am = strVal(linitial(l));
    const char *schema, *name;
    List *rest = NIL;
    for (int i = 1; i < list_length(l); i++)
        rest = lappend(rest, list_nth(l, i));
    ddl_qualified(r, rest, &schema, &name);
    return model_lookup(r->m, family ? OBJ_OPFAMILY : OBJ_OPCLASS, schema, NULL, key_of(r->a, name, am));
}

/* ---- after all files: the canonical text ------------------------------------- */

typedef struct OpcItem {
    int order; /* 1 operator, 2 function, 3 storage */
    int number;
    const char *text;
} OpcItem;

static int item_cmp(const void *x, const void *y)
{
    const OpcItem *a = x, *b = y;
    if (a->order != b->order)
        return a->order - b->order;
    if (a->number != b->number)
        return a->number - b->number;
    return strcmp(a->text, b->text);
}

static void dep_on_type(Model *m, Obj *o, TypeRef t)
{
    if (!t.schema)
        return;
    Obj *ty = objects_find_type(m, t.schema, t.name);
    if (!ty)
        ty = (Obj *)model_table(m, t.schema, t.name);
    if (ty)
        obj_add_dep(m->arena, o, ty);
}

static const char *type_of(Model *m, Definition *d, const NormCtx *nc, Node *tn)
{
    TypeRef t = norm_type(nc, tn);
    dep_on_type(m, &d->obj, t);
    return t.sql;
}

/* The function an item names: "s.f(args)", depended on; NULL args (a
 * bare name) resolved through the model's only overload. */
static const char *func_of(Model *m, Definition *d, const NormCtx *nc, ObjectWithArgs *owa, PtrVec *argtypes)
{
    int n = list_length(owa->objname);
    const char *name = strVal(llast(owa->objname));
    const char *schema = n >= 2 ? strVal(list_nth(owa->objname, n - 2)) : NULL;
    char buf[PG_NAMEDATALEN * 2 + 2];
    snprintf(buf, sizeof buf, "%s.%s", schema ? schema : d->search_schema, name);
    const PtrVec *fs = map_get(&m->funcnames, buf);
    if (!schema)
        schema = fs && fs->n ? d->search_schema : "pg_catalog";
    StrBuf sb;
    sb_init(&sb);
    sb_printf(&sb, "%s(", q_qual(m->arena, schema, name));
    if (owa->args_unspecified && fs && fs->n == 1) {
        const Definition *f = fs->items[0];
        sb_puts(&sb, f->signature + 1);
        sb.len--; /* the ')' comes below */
        sb.data[sb.len] = '\0';
        /* the types again, one by one, for the defaults of (lt, rt) */
        const char *p = f->signature + 1;
        while (*p && *p != ')') {
            const char *e = p;
            int depth = 0;
            while (*e && (depth || (*e != ',' && *e != ')'))) {
                depth += *e == '(' ? 1 : *e == ')' ? -1 : 0;
                e++;
            }
            vec_push(m->arena, argtypes, arena_strndup(m->arena, p, (size_t)(e - p)));
            p = *e == ',' ? e + 2 : e;
        }
    } else {
        ListCell *lc;
        bool first = true;
        foreach (lc, owa->objargs) {
            const char *t = type_of(m, d, nc, lfirst(lc));
            vec_push(m->arena, argtypes, (void *)t);
            sb_printf(&sb, "%s%s", first ? "" : ", ", t);
            first = false;
        }
    }
    sb_putc(&sb, ')');
    for (int i = 0; fs && i < fs->n; i++)
        obj_add_dep(m->arena, &d->obj, fs->items[i]);
    return sb_take(&sb, m->arena);
}

static const char *items_text(Model *m, Definition *d, List *items, const char *am, const char *opctype)
{
    NormCtx nc = {m->arena, d->search_schema, NULL, true};
    int n = list_length(items), k = 0;
    OpcItem *v = calloc((size_t)(n ? n : 1), sizeof *v);
    ListCell *lc;
    foreach (lc, items) {
        CreateOpClassItem *it = lfirst(lc);
        OpcItem *x = &v[k++];
        x->number = it->number;
        switch (it->itemtype) {
        case OPCLASS_ITEM_OPERATOR: {
            x->order = 1;
            ObjectWithArgs *owa = it->name;
            int nn = list_length(owa->objname);
            const char *op = strVal(llast(owa->objname));
            const char *schema = nn >= 2 ? strVal(list_nth(owa->objname, nn - 2)) : NULL;
            if (!schema) {
                char buf[PG_NAMEDATALEN * 2 + 2];
                snprintf(buf, sizeof buf, "%s.%s", d->search_schema, op);
                schema = map_get(&m->opnames, buf) ? d->search_schema : "pg_catalog";
            }
            const char *lt = opctype, *rt = opctype;
            if (list_length(owa->objargs) == 2) {
                lt = type_of(m, d, &nc, linitial(owa->objargs));
                rt = type_of(m, d, &nc, lsecond(owa->objargs));
            }
            operator_dep_on_use(m, &d->obj, list_make2(makeString(pstrdup(schema)), makeString(pstrdup(op))), schema);
            const char *ob = "";
            if (it->order_family) {
                const char *fs, *fn;
                int fl = list_length(it->order_family);
                fn = strVal(llast(it->order_family));
                fs = fl >= 2 ? strVal(list_nth(it->order_family, fl - 2)) : "pg_catalog";
                ob = arena_printf(m->arena, " FOR ORDER BY %s", q_qual(m->arena, fs, fn));
            }
            x->text = arena_printf(m->arena, "OPERATOR %d %s.%s(%s, %s)%s", it->number, q_ident(m->arena, schema), op,
                                   lt ? lt : "NONE", rt ? rt : "NONE", ob);
            break;
        }
        case OPCLASS_ITEM_FUNCTION: {
            x->order = 2;
            PtrVec args = {0};
            const char *f = func_of(m, d, &nc, it->name, &args);
            const char *lt = opctype, *rt = opctype;
            if (list_length(it->class_args) == 2) {
                lt = type_of(m, d, &nc, linitial(it->class_args));
                rt = type_of(m, d, &nc, lsecond(it->class_args));
            } else if (list_length(it->class_args) == 1) {
                lt = rt = type_of(m, d, &nc, linitial(it->class_args));
            } else if (!strcmp(am, "btree") && it->number == 1 && args.n == 2) {
                lt = args.items[0];
                rt = args.items[1];
            } else if (!strcmp(am, "hash") && args.n >= 1) {
                lt = rt = args.items[0];
            }
            x->text = arena_printf(m->arena, "FUNCTION %d (%s, %s) %s", it->number, lt ? lt : "NONE", rt ? rt : "NONE", f);
            break;
        }
        case OPCLASS_ITEM_STORAGETYPE:
            x->order = 3;
            x->text = arena_printf(m->arena, "STORAGE %s", type_of(m, d, &nc, (Node *)it->storedtype));
            break;
        }
    }
    qsort(v, (size_t)k, sizeof *v, item_cmp);
    StrBuf sb;
    sb_init(&sb);
    for (int i = 0; i < k; i++)
        sb_printf(&sb, "%s%s", i ? ", " : "", v[i].text);
    free(v);
    return sb_take(&sb, m->arena);
}

void opclass_finish(Model *m, Definition *d)
{
    if (d->obj.kind == OBJ_OPFAMILY) {
        const char *am = strstr(d->identity, " USING ") + 7;
        List *items = NIL;
        for (int i = 0; i < d->members.n; i++)
            items = lappend(items, d->members.items[i]);
        d->argnames = items ? items_text(m, d, items, am, NULL) : "";
        d->canon = arena_printf(m->arena, "USING %s%s%s", am, *d->argnames ? " ADD " : "", d->argnames);
    } else {
        CreateOpClassStmt *st = (CreateOpClassStmt *)d->raw;
        NormCtx nc = {m->arena, d->search_schema, NULL, true};
        const char *t = type_of(m, d, &nc, (Node *)st->datatype);
        const char *fs = strVal(linitial(st->opfamilyname)), *fn = strVal(lsecond(st->opfamilyname));
        Obj *fam = model_lookup(m, OBJ_OPFAMILY, fs, NULL, key_of(m->arena, fn, st->amname));
        if (fam)
            obj_add_dep(m->arena, &d->obj, fam);
        /* a class all of whose members PostgreSQL bound to the family
         * still needs one item to be written: STORAGE of its own type,
         * which PostgreSQL accepts and drops */
        const char *items = items_text(m, d, st->items, st->amname, t);
        if (!*items)
            items = arena_printf(m->arena, "STORAGE %s", t);
        d->canon = arena_printf(m->arena, "%sFOR TYPE %s USING %s FAMILY %s AS %s", st->isDefault ? "DEFAULT " : "", t,
                                st->amname, q_qual(m->arena, fs, fn), items);
    }
    d->norm = (Node *)makeString(pstrdup(d->canon));
    d->drop_deps = d->obj.deps.n;
}

void opclass_dep_on_use(Model *m, Obj *o, const List *opclass, const char *am, const char *default_schema)
{
    int n = list_length(opclass);
    if (!n || !am)
        return;
    const char *schema = n >= 2 ? strVal(list_nth(opclass, n - 2)) : default_schema;
    Obj *c = model_lookup(m, OBJ_OPCLASS, schema, NULL, key_of(m->arena, strVal(llast(opclass)), am));
    if (c)
        obj_add_dep(m->arena, o, c);
}
