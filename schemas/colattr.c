/*
 * colattr.c — a column's storage, compression and attribute options as the
 * passes compare and print them.
 *
 * The reader (parser/colattr.c) keeps only what differs from the default:
 * a storage equal to the type's default storage is no storage (Column.storage
 * 0), the default compression is NULL, the options are a list.  Two columns
 * are the same when those are; the statements that take one to the other
 * are ALTER COLUMN ... SET STORAGE / SET COMPRESSION / RESET (...) / SET
 * (...).  Here, below diff/ (which compares) and emit/ (which prints);
 * moved unchanged from parser/colattr.c.
 */
#include "pg.h"
#include "model.h"

#include <string.h>

const char *colattr_storage_sql(char storage)
{
    switch (storage) {
    case 'p': return "PLAIN";
    case 'e': return "EXTERNAL";
    case 'x': return "EXTENDED";
    case 'm': return "MAIN";
    default: return NULL;
    }
}

bool colattr_equal(Arena *a, const Column *x, const Column *y)
{
    return x->storage == y->storage && str_same(x->compression, y->compression) &&
           str_same(norm_options_text(a, x->attoptions), norm_options_text(a, y->attoptions));
}

/* "n_distinct = '-0.5', ..." from the canonical text "n_distinct=-0.5,..." */
static const char *options_sql(Arena *a, const char *text)
{
    StrBuf sb;
    sb_init(&sb);
    const char *p = text;
    while (p && *p) {
        const char *eq = strchr(p, '='), *end = strchr(p, ',');
        if (!eq)
            break;
        if (!end)
            end = p + strlen(p);
        char *val = arena_strndup(a, eq + 1, (size_t)(end - eq - 1));
        sb_printf(&sb, "%s%s = %s", sb.len ? ", " : "", q_ident(a, arena_strndup(a, p, (size_t)(eq - p))),
                  q_literal(a, val));
        p = *end ? end + 1 : end;
    }
    char *out = sb_take(&sb, a);
    sb_free(&sb);
    return out;
}

/* "ALTER TABLE t ALTER COLUMN c", made when first needed: most columns
 * need none of it (emit_table() asks for every column it creates). */
static const char *alter_column(Arena *a, const char **made, const char *table, const Column *des)
{
    if (!*made)
        *made = arena_printf(a, "ALTER TABLE %s ALTER COLUMN %s", table, q_ident(a, des->obj.name));
    return *made;
}

int colattr_sql(Arena *a, const char *table, const Column *cur, const Column *des, PtrVec *out)
{
    int n0 = out->n;
    const char *made = NULL;
    char cur_storage = cur ? cur->storage : 0;
    const char *cur_comp = cur ? cur->compression : NULL;
    const char *cur_opts = cur ? norm_options_text(a, cur->attoptions) : NULL;
    const char *des_opts = norm_options_text(a, des->attoptions);
    if (des->storage != cur_storage) {
        /* back to the default: the type's storage (unknown for an
         * extension's type: nothing can be said) */
        const char *s = colattr_storage_sql(des->storage ? des->storage : des->type_storage);
        if (s)
            vec_push(a, out, arena_printf(a, "%s SET STORAGE %s;", alter_column(a, &made, table, des), s));
    }
    if (!str_same(des->compression, cur_comp))
        vec_push(a, out, arena_printf(a, "%s SET COMPRESSION %s;", alter_column(a, &made, table, des),
                                      des->compression ? q_ident(a, des->compression) : "DEFAULT"));
    if (!str_same(des_opts, cur_opts)) {
        if (cur_opts)
            vec_push(a, out, arena_printf(a, "%s RESET (n_distinct, n_distinct_inherited);",
                                          alter_column(a, &made, table, des)));
        if (des_opts)
            vec_push(a, out, arena_printf(a, "%s SET (%s);", alter_column(a, &made, table, des),
                                          options_sql(a, des_opts)));
    }
    return out->n - n0;
}
