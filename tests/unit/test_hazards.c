/*
 * test_hazards.c — the hazard table, the gating and the config reader.
 *
 * The hazard table must have one complete row for every Hazard bit: the
 * bits are read from the `enum Hazard` in schemas/model.h itself (the
 * source directory is compiled in), so a bit added there without a row
 * fails here.  Then plan_gate() on a hand-made plan, and
 * config_read_text() on good and bad texts, each error at its line and
 * column.
 */
#include "model.h"
#include "check.h"

#include <ctype.h>
#include <stdlib.h>

static void test_table_rows(void)
{
    for (int i = 0; i < HAZ_COUNT; i++) {
        const HazardInfo *h = &hazard_table[i];
        CHECK(h->bit == 1u << i);
        CHECK(h->name && *h->name);
        CHECK(h->description && *h->description);
        CHECK(h->cls == HAZ_BLOCKING || h->cls == HAZ_INFORMATIONAL);
        if (!h->name)
            continue;
        for (const char *p = h->name; *p; p++)
            CHECK(islower((unsigned char)*p) || *p == '_');
        CHECK(hazard_by_name(h->name) == h->bit);
        for (int k = 0; k < i; k++)
            CHECK(!hazard_table[k].name || strcmp(hazard_table[k].name, h->name) != 0);
    }
}

/* Every `HAZ_X = 1u << N` of the enum in model.h has N < HAZ_COUNT, and
 * there are HAZ_COUNT of them with distinct N. */
static void test_enum_covered(void)
{
    char *src = check_slurp(SCHEMADIFF_SOURCE_DIR "/schemas/model.h");
    CHECK(src != NULL);
    if (!src)
        return;
    char *start = strstr(src, "typedef enum Hazard {");
    char *end = start ? strstr(start, "} Hazard;") : NULL;
    CHECK(start && end);
    if (!start || !end) {
        free(src);
        return;
    }
    int n = 0;
    unsigned seen = 0;
    for (char *p = start; p && p < end; p++) {
        p = strstr(p, "1u << ");
        if (!p || p > end)
            break;
        int bit = atoi(p + 6);
        CHECK(bit >= 0 && bit < HAZ_COUNT);
        CHECK(!(seen & (1u << bit)));
        seen |= 1u << bit;
        n++;
    }
    CHECK(n == HAZ_COUNT);
    CHECK(seen == hazard_all());
    free(src);
}

static void test_classes_and_names(void)
{
    Arena a = {0};
    const char *blocking[] = {"data_loss", "table_rewrite", "enum_rebuild", "vector_dimension_change", "repopulate"};
    const char *info[] = {"index_rebuild", "validation"};
    for (size_t i = 0; i < sizeof blocking / sizeof *blocking; i++)
        CHECK(hazard_by_name(blocking[i]) && (hazard_blocking() & hazard_by_name(blocking[i])));
    for (size_t i = 0; i < sizeof info / sizeof *info; i++)
        CHECK(hazard_by_name(info[i]) && !(hazard_blocking() & hazard_by_name(info[i])));
    CHECK(hazard_by_name("all") == hazard_all());
    CHECK(hazard_by_name("dataloss") == 0);
    CHECK(hazard_by_name("") == 0);
    CHECK(hazard_by_name("DATA_LOSS") == 0);
    CHECK_STR(hazard_names(&a, HAZ_DATA_LOSS | HAZ_REPOPULATE), "data_loss, repopulate");
    CHECK_STR(hazard_join(&a, HAZ_DATA_LOSS | HAZ_TABLE_REWRITE, ","), "data_loss,table_rewrite");
    CHECK_STR(hazard_names(&a, 0), "");
    CHECK(strstr(hazard_known_names(&a), "repopulate") != NULL);
    arena_free(&a);
}

static void test_gate(void)
{
    Arena a = {0};
    MigrationPlan p = {0};
    Change c1 = {0}, c2 = {0}, c3 = {0}, r1 = {0};
    c1.hazards = HAZ_DATA_LOSS;
    c2.hazards = HAZ_INDEX_REBUILD | HAZ_VALIDATION;              /* informational only */
    c3.hazards = HAZ_TABLE_REWRITE | HAZ_VECTOR_DIM | HAZ_VALIDATION;
    r1.hazards = HAZ_DATA_LOSS;                                   /* the rollback is not gated */
    vec_push(&a, &p.changes, &c1);
    vec_push(&a, &p.changes, &c2);
    vec_push(&a, &p.changes, &c3);
    vec_push(&a, &p.inverse, &r1);
    unsigned refused = 0;
    CHECK(plan_gate(&p, 0, &refused) == 2);
    CHECK(refused == (HAZ_DATA_LOSS | HAZ_TABLE_REWRITE | HAZ_VECTOR_DIM));
    CHECK(c1.refused == HAZ_DATA_LOSS && c2.refused == 0);
    CHECK(c3.refused == (HAZ_TABLE_REWRITE | HAZ_VECTOR_DIM));
    CHECK(r1.refused == 0);
    CHECK(plan_gate(&p, HAZ_TABLE_REWRITE, &refused) == 2 && refused == (HAZ_DATA_LOSS | HAZ_VECTOR_DIM));
    CHECK(plan_gate(&p, HAZ_DATA_LOSS | HAZ_TABLE_REWRITE | HAZ_VECTOR_DIM, &refused) == 0 && refused == 0);
    CHECK(c1.refused == 0 && c3.refused == 0);
    CHECK(plan_gate(&p, hazard_all(), NULL) == 0);
    arena_free(&a);
}

/* Read text; the line and column of the first error (0 when none); its message. */
static const char *read_cfg(Arena *a, Config *c, const char *text, int *line, int *col)
{
    Diags d = {a, {0}};
    memset(c, 0, sizeof *c);
    config_read_text(c, a, "t.yaml", text, strlen(text), &d);
    *line = *col = 0;
    if (!diag_any(&d))
        return NULL;
    const Diag *g = d.items.items[0];
    CHECK(g->code == EXIT_INPUT);
    diag_line_col(g->loc, line, col);
    return g->message;
}

static void test_config(void)
{
    Arena a = {0};
    Config c;
    int line, col;
    const char *m = read_cfg(&a, &c,
                             "# settings\n"
                             "hazards:\n  allow: [data_loss, repopulate]\n"
                             "timeouts:\n  lock: 2s\n  statement: 1min\n"
                             "schemas:\n  include:\n    - app\n    - \"Odd Name\"\n  exclude: []\n"
                             "owners: true\n",
                             &line, &col);
    CHECK(m == NULL);
    CHECK(c.has_allow && c.allow == (HAZ_DATA_LOSS | HAZ_REPOPULATE));
    CHECK(c.has_lock_timeout && c.lock_timeout && !strcmp(c.lock_timeout, "2s"));
    CHECK(c.has_statement_timeout && c.statement_timeout && !strcmp(c.statement_timeout, "1min"));
    CHECK(c.has_include && c.include.n == 2 && !strcmp(c.include.items[1], "Odd Name"));
    CHECK(c.has_exclude && c.exclude.n == 0);
    CHECK(c.has_owners && c.owners);

    CHECK(read_cfg(&a, &c, "", &line, &col) == NULL && !c.has_allow && !c.has_owners);
    CHECK(read_cfg(&a, &c, "# only a comment\n", &line, &col) == NULL);
    CHECK(read_cfg(&a, &c, "hazards: {allow: [all]}\nowners: false\n", &line, &col) == NULL);
    CHECK(c.allow == hazard_all() && c.has_owners && !c.owners);

    static const struct {
        const char *text;
        int line, col;
        const char *msg_part;
    } bad[] = {
        {"hazard:\n  allow: []\n", 1, 1, "unknown key 'hazard'"},
        {"hazards:\n  alow: []\n", 2, 3, "unknown key 'hazards.alow'"},
        {"hazards:\n  allow: data_loss\n", 2, 10, "takes a list of hazard names, not a string"},
        {"hazards:\n  allow: [data_loss, dataloss]\n", 2, 22, "unknown hazard 'dataloss'"},
        {"hazards: [data_loss]\n", 1, 10, "hazards takes a mapping"},
        {"timeouts:\n  lock: 5 sec\n", 2, 9, "takes a PostgreSQL duration"},
        {"timeouts:\n  statement: 99999999999\n", 2, 14, "takes a PostgreSQL duration"},
        {"owners: yes\n", 1, 9, "takes true or false, not 'yes'"},
        {"owners: \"true\"\n", 1, 9, "takes true or false"},
        {"owners: true\nowners: false\n", 2, 1, "duplicate key 'owners' (first on line 1)"},
        {"hazards:\n  allow: []\n  allow: [all]\n", 3, 3, "duplicate key 'hazards.allow'"},
        {"schemas:\n  include: [app, '']\n", 2, 18, "must be a schema name, not an empty string"},
        {"hazards:\n  allow: [data_loss\n", 3, 1, "YAML syntax error"},
        {"a: b: c\n", 1, 5, "YAML syntax error"},
        {"- owners\n", 1, 1, "must be a mapping"},
        {"owners: true\n---\nowners: false\n", 2, 1, "one YAML document"},
        {"x: \xc3\n", 1, 4, "not valid UTF-8"},
        {"h\xc3\xa9: [\xc3\xa9, b]\nowners: ja\n", 1, 1, "unknown key 'h\xc3\xa9'"},
        {"owners: ja\n# \xc3\xa9\xc3\xa9\nhazards: {allow: [\xc3\xa9t\xc3\xa9]}\n", 1, 9, "takes true or false"},
        {"hazards: {allow: [\xc3\xa9t\xc3\xa9]}\n", 1, 19, "unknown hazard '\xc3\xa9t\xc3\xa9'"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        m = read_cfg(&a, &c, bad[i].text, &line, &col);
        CHECK(m != NULL);
        if (!m)
            continue;
        if (!strstr(m, bad[i].msg_part) || line != bad[i].line || col != bad[i].col) {
            check_failed++;
            fprintf(stderr, "config case %zu: got %d:%d \"%s\", want %d:%d \"...%s...\"\n", i, line, col, m,
                    bad[i].line, bad[i].col, bad[i].msg_part);
        } else {
            check_passed++;
        }
    }
    /* too deep: refused before libyaml's loader */
    char deep[4096];
    strcpy(deep, "hazards: ");
    for (int i = 0; i < 2000; i++)
        strcat(deep, "[");
    m = read_cfg(&a, &c, deep, &line, &col);
    CHECK(m && strstr(m, "deeper than") && line == 1);
    CHECK(config_valid_duration("0") && config_valid_duration("500ms") && config_valid_duration("2147483647"));
    CHECK(!config_valid_duration("2147483648") && !config_valid_duration("25d") && !config_valid_duration("-1s"));
    CHECK(!config_valid_duration("") && !config_valid_duration("5 s") && !config_valid_duration(NULL));
    arena_free(&a);
}

int main(void)
{
    test_table_rows();
    test_enum_covered();
    test_classes_and_names();
    test_gate();
    test_config();
    return check_report();
}
