/*
 * test_casts.c — the built-in cast table (diff/casts.c): sorted for
 * bsearch, and the rules around it.
 */
#include "model.h"
#include "check.h"

static TypeRef t(const char *name, int dims)
{
    TypeRef r = {0};
    r.name = name;
    r.sql = name;
    r.array_dims = dims;
    return r;
}

int main(void)
{
    for (int i = 1; i < casts_table_size(); i++)
        CHECK(strcmp(casts_table_row(i - 1), casts_table_row(i)) < 0);
    CHECK(casts_table_row(casts_table_size()) == NULL);

    TypeRef big = t("bigint", 0), ts = t("timestamp without time zone", 0), txt = t("text", 0);
    TypeRef i4 = t("integer", 0), b = t("boolean", 0), d = t("date", 0), js = t("jsonb", 0);
    CHECK(!casts_convertible(&big, &ts));        /* no pg_cast entry */
    CHECK(!casts_convertible(&d, &i4));
    CHECK(!casts_convertible(&big, &js));
    CHECK(casts_convertible(&i4, &b));           /* pg_cast, explicit */
    CHECK(casts_convertible(&d, &ts));           /* pg_cast, implicit */
    CHECK(casts_convertible(&txt, &ts));         /* I/O from a string type */
    CHECK(casts_convertible(&js, &txt));         /* I/O to a string type */
    TypeRef bigs = t("bigint", 1), tss = t("timestamp without time zone", 1), ints = t("integer", 1);
    CHECK(!casts_convertible(&bigs, &tss));      /* arrays as their elements */
    CHECK(casts_convertible(&bigs, &ints));
    TypeRef user = t("status", 0);
    user.schema = "public";
    CHECK(casts_convertible(&big, &user));       /* user types: not judged */
    return check_report();
}
