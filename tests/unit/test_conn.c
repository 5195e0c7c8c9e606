/*
 * test_conn.c — connection strings without their secrets (parser/conn.c).
 *
 * Exact display names for each form, and one property over every string
 * libpq accepts: parsed again, the display name gives libpq exactly the
 * same non-secret options and no secret one (so redaction removed the
 * secrets and nothing else, whatever the values look like).
 */
#include "model.h"
#include "check.h"

#include <libpq-fe.h>

static const char *opt(PQconninfoOption *opts, const char *kw)
{
    for (PQconninfoOption *o = opts; o && o->keyword; o++)
        if (!strcmp(o->keyword, kw))
            return o->val;
    return NULL;
}

/* every option the display name sets is the original's, secrets unset */
static void check_same_but_secrets(Arena *a, const char *src)
{
    char *err = NULL;
    PQconninfoOption *orig = PQconninfoParse(src, &err);
    if (!orig) {
        PQfreemem(err);
        return; /* not accepted by libpq: conn_check's business */
    }
    const char *shown = catalog_display_name(a, src);
    if (!strcmp(shown, "(connection string)")) {
        /* the name of a string of nothing but secrets (or nothing) */
        for (PQconninfoOption *o = orig; o->keyword; o++)
            CHECK(!o->val || conn_is_secret_keyword(o->keyword));
        PQconninfoFree(orig);
        return;
    }
    PQconninfoOption *disp = PQconninfoParse(shown, &err);
    CHECK(disp != NULL);
    if (!disp) {
        fprintf(stderr, "  display name of %s does not parse: %s\n", src, err ? err : "");
        PQfreemem(err);
        PQconninfoFree(orig);
        return;
    }
    for (PQconninfoOption *o = orig; o->keyword; o++) {
        const char *d = opt(disp, o->keyword);
        if (conn_is_secret_keyword(o->keyword)) {
            CHECK(d == NULL);
        } else {
            bool same = (!o->val && !d) || (o->val && d && !strcmp(o->val, d));
            CHECK(same);
            if (!same)
                fprintf(stderr, "  %s: %s became %s in %s (from %s)\n", o->keyword, o->val ? o->val : "(null)",
                        d ? d : "(null)", shown, src);
        }
    }
    PQconninfoFree(orig);
    PQconninfoFree(disp);
}

int main(void)
{
    Arena a = {0};

    /* libpq's own list: password and sslpassword, in any case */
    CHECK(conn_is_secret_keyword("password"));
    CHECK(conn_is_secret_keyword("sslpassword"));
    CHECK(conn_is_secret_keyword("SSLPassword"));
    CHECK(!conn_is_secret_keyword("passfile"));
    CHECK(!conn_is_secret_keyword("host"));

    CHECK(catalog_is_connection("postgres://h/db"));
    CHECK(catalog_is_connection("postgresql://h/db"));
    CHECK(catalog_is_connection(" host = x"));
    CHECK(!catalog_is_connection("schema.sql"));
    CHECK(!catalog_is_connection("dir/a=b.sql"));
    CHECK(!catalog_is_connection(""));

    /* URLs: the user-info password and secret query parameters go, the rest stays */
    CHECK_STR(catalog_display_name(&a, "postgresql://u:1@127.0.0.1:5432/db1?sslpassword=1&application_name=x1"),
              "postgresql://u@127.0.0.1:5432/db1?application_name=x1");
    CHECK_STR(catalog_display_name(&a, "postgres://:pw@h/d"), "postgres://@h/d");
    CHECK_STR(catalog_display_name(&a, "postgres://@h@x/d"), "postgres://@h@x/d");
    CHECK_STR(catalog_display_name(&a, "postgres://u@h,h2:5/d?password=p&host=x&passwor%64=q&ssl%70assword=r"),
              "postgres://u@h,h2:5/d?host=x");
    CHECK_STR(catalog_display_name(&a, "postgres://u:p@h/d?password"), "postgres://u@h/d");
    CHECK_STR(catalog_display_name(&a, "postgres://u:p@h/d?pass%zzword=s&port=1"), "postgres://u@h/d?port=1");
    CHECK_STR(catalog_display_name(&a, "postgres://h/d?bogus=1&SSLPASSWORD=s"), "postgres://h/d?bogus=1");
    CHECK_STR(catalog_display_name(&a, "postgres://u:p@[::1]:5/d"), "postgres://u@[::1]:5/d");
    /* libpq looks for '@' up to the first '/', not '?' */
    CHECK_STR(catalog_display_name(&a, "postgresql://u:p@h/d@x?port=1"), "postgresql://u@h/d@x?port=1");
    CHECK_STR(catalog_display_name(&a, "postgresql://"), "postgresql://");

    /* keyword=value: pairs as written, secret pairs gone */
    CHECK_STR(catalog_display_name(&a, "host=127.0.0.1 password=1 sslpassword='a b\\' c' dbname='my db' port=1"),
              "host=127.0.0.1 dbname='my db' port=1");
    CHECK_STR(catalog_display_name(&a, "  host = x   Password = y\tuser=u "), "host = x user=u");
    CHECK_STR(catalog_display_name(&a, "password=x"), "(connection string)");
    CHECK_STR(catalog_display_name(&a, "host=x password='open"), "host=x ...");
    CHECK_STR(catalog_display_name(&a, "host=x password"), "host=x ...");

    /* strings libpq cannot parse: no message quotes a secret */
    CHECK(conn_check(&a, "postgres://u:p@h/d?port=1") == NULL);
    CHECK(conn_check(&a, "host=x password=y") == NULL);
    CHECK_STR(conn_check(&a, "postgresql://u:Secret@[::1/d"),
              "end of string reached when looking for matching \"]\" in IPv6 host address in URI: "
              "\"postgresql://u@[::1/d\"");
    CHECK_STR(conn_check(&a, "postgresql://u@h/d?sslpassword=Secret%zz"),
              "invalid connection string: the fault is in a part not shown (a secret parameter, or a "
              "parameter that cannot be decoded)");
    CHECK_STR(conn_check(&a, "host=x password='Secret"), "invalid connection string: unterminated quoted string");
    CHECK_STR(conn_check(&a, "host=x Secret"), "invalid connection string: \"=\" missing after a keyword");
    CHECK_STR(conn_check(&a, "host=x bogus=1 password=Secret"), "invalid connection option \"bogus\"");

    /* the property, over secrets that collide with everything else in the string */
    static const char *values[] = {"1", "h", "/", "d", "=", "%41", "5432", "127.0.0.1", "a b", "host"};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        const char *v = values[i];
        /* percent-encoded where a URL needs it */
        StrBuf sb;
        sb_init(&sb);
        for (const char *p = v; *p; p++)
            if (*p == ' ' || *p == '/' || *p == '=')
                sb_printf(&sb, "%%%02X", (unsigned char)*p);
            else
                sb_putc(&sb, *p);
        const char *enc = sb_take(&sb, &a);
        sb_free(&sb);
        check_same_but_secrets(&a, arena_printf(&a, "postgresql://u%s:%s@127.0.0.1:5432/d1?sslpassword=%s&host=h1",
                                                v, enc, enc));
        check_same_but_secrets(&a, arena_printf(&a, "postgres://127.0.0.1/d?password=%s&port=5432", enc));
        check_same_but_secrets(&a, arena_printf(&a, "host=127.0.0.1 password='%s' port=5432 sslpassword=%s dbname=d",
                                                v, strchr(v, ' ') ? "x" : v));
    }
    /* and over random strings made of the characters that matter to both
     * grammars (fixed seed: the same strings every run) */
    static const char *pieces[] = {"postgresql://", "password", "sslpassword", "host", "port", "=", "&", "?",
                                   "@", ":", "/", "'", "\\", " ", "%", "%41", "%7", "1", "h", "[", "]", "d"};
    unsigned seed = 12345;
    for (int round = 0; round < 20000; round++) {
        StrBuf sb;
        sb_init(&sb);
        int n = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 12;
        for (int k = 0; k < n; k++)
            sb_puts(&sb, pieces[((seed = seed * 1103515245u + 12345u) >> 16) % (sizeof pieces / sizeof pieces[0])]);
        const char *src = sb_take(&sb, &a);
        sb_free(&sb);
        CHECK(catalog_display_name(&a, src) != NULL);
        (void)conn_check(&a, src);
        check_same_but_secrets(&a, src);
    }
    arena_free(&a);
    return check_report();
}
