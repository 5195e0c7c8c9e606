/*
 * rename_sig.c — a renamed type in the signatures of functions and
 * aggregates (ALTER TYPE ... RENAME TO, ALTER DOMAIN ... RENAME TO).
 *
 * PostgreSQL keeps argument and result types by OID, so after the rename
 * `f(m mood)` is `f(m feeling)`: its identity changes with it.  The model
 * keys a function by "name(argument types)", so every function or
 * aggregate whose signature, result or aggregate definition names the type
 * gets its type names rewritten (in the canonical strings and in the
 * statement's TypeNames) and a new key.  A body is text PostgreSQL does not
 * rewrite either: it is left as written (a body that names the old type
 * fails when it runs, on the server as well).
 */
#include "pg.h"
#include "model.h"

#include <ctype.h>
#include <string.h>

static bool ident_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '$' || c == '"' || (unsigned char)c >= 0x80;
}

/* `text` with every whole-name occurrence of `old` replaced by `new_`, or
 * `text` itself when there is none; *hit set when one was replaced. */
static const char *replace_name(Arena *a, const char *text, const char *old, const char *new_, bool *hit)
{
    if (!text || !strstr(text, old))
        return text;
    size_t n = strlen(old);
    StrBuf sb;
    sb_init(&sb);
    bool any = false;
    for (const char *p = text; *p;) {
        if (!strncmp(p, old, n) && (p == text || (!ident_char(p[-1]) && p[-1] != '.')) && !ident_char(p[n])) {
            sb_puts(&sb, new_);
            p += n;
            any = true;
        } else {
            sb_putc(&sb, *p++);
        }
    }
    const char *out = any ? sb_take(&sb, a) : text;
    sb_free(&sb);
    if (any)
        *hit = true;
    return out;
}

typedef struct TypeMove {
    const char *schema, *old, *new_;
    const char *search_schema; /* of the statement: unqualified names resolve there */
} TypeMove;

static void move_typename(const TypeMove *t, TypeName *tn)
{
    if (!tn || !tn->names)
        return;
    int n = list_length(tn->names);
    if (!IsA(llast(tn->names), String) || strcmp(strVal(llast(tn->names)), t->old))
        return;
    if (n >= 2 ? strcmp(strVal(list_nth(tn->names, n - 2)), t->schema) != 0
               : !(t->search_schema && !strcmp(t->search_schema, t->schema)))
        return;
    llast(tn->names) = makeString(pstrdup(t->new_));
}

static void move_in_params(const TypeMove *t, List *params)
{
    ListCell *lc;
    foreach (lc, params) {
        Node *p = lfirst(lc);
        if (p && IsA(p, FunctionParameter))
            move_typename(t, ((FunctionParameter *)p)->argType);
        else if (p && IsA(p, List))
            move_in_params(t, (List *)p);
        else if (p && IsA(p, TypeName))
            move_typename(t, (TypeName *)p);
    }
}

int rename_type_in_routines(DdlReader *r, const char *schema, const char *old, const char *new_)
{
    Model *m = r->m;
    const char *oldsql = q_qual(r->a, schema, old), *newsql = q_qual(r->a, schema, new_);
    int moved = 0;
    for (int i = 0; i < m->objs.n; i++) {
        Definition *d = m->objs.items[i];
        if (!d || (d->obj.kind != OBJ_FUNCTION && d->obj.kind != OBJ_AGGREGATE))
            continue;
        bool hit = false, sig_hit = false;
        const char *sig = replace_name(r->a, d->signature, oldsql, newsql, &sig_hit);
        hit = sig_hit;
        const char *result = replace_name(r->a, d->result, oldsql, newsql, &hit);
        const char *agg = replace_name(r->a, d->agg_def, oldsql, newsql, &hit);
        if (!hit)
            continue;
        TypeMove t = {schema, old, new_, d->search_schema};
        if (d->raw && IsA(d->raw, CreateFunctionStmt)) {
            CreateFunctionStmt *st = (CreateFunctionStmt *)d->raw;
            move_in_params(&t, st->parameters);
            move_typename(&t, st->returnType);
        } else if (d->raw && IsA(d->raw, DefineStmt)) {
            DefineStmt *st = (DefineStmt *)d->raw;
            move_in_params(&t, st->args);
            ListCell *lc;
            foreach (lc, st->definition) {
                DefElem *e = lfirst(lc);
                if (e->arg && IsA(e->arg, TypeName))
                    move_typename(&t, (TypeName *)e->arg);
            }
        }
        d->signature = sig;
        d->result = result;
        d->agg_def = agg;
        if (sig_hit) {
            /* keyed by identity: "name(argument types)" */
            const char *identity = arena_printf(r->a, "%s%s", d->obj.name, sig);
            map_put(m->arena, &m->by_key, d->obj.key, NULL);
            d->identity = identity;
            d->obj.key = model_key(m->arena, d->obj.kind, d->obj.schema, NULL, identity);
            map_put(m->arena, &m->by_key, d->obj.key, d);
            m->sorted = false;
        }
        moved++;
    }
    return moved;
}
