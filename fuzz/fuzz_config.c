/*
 * fuzz_config.c — libFuzzer target: schemadiff.yaml through its reader.
 *
 * The input is a config file's text (any bytes: NUL, invalid UTF-8, YAML
 * of any shape).  config_read_text() must not crash, leak or hit UB, and
 * must keep its promises: every diagnostic is an input error (exit 3) with
 * a place in the text (a file name, the text and an offset inside it), so
 * that the user sees `file:line:col`, the line and a caret; the diagnostics
 * are printed (to /dev/null) as the command line prints them.  A text read
 * without errors gives only values the command line would accept too:
 * hazard bits of the table, PostgreSQL durations, non-empty schema names.
 * A violation aborts with the offending message.
 */
#include "model.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_config: %s: %s\n", what, detail ? detail : "");
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Arena arena = {0};
    Arena *a = &arena;
    char *text = arena_alloc(a, size + 1);
    memcpy(text, data, size);
    Config cfg = {0};
    Diags diags = {a, {0}};
    config_read_text(&cfg, a, "fuzz.yaml", text, size, &diags);
    for (int i = 0; i < diags.items.n; i++) {
        const Diag *g = diags.items.items[i];
        if (g->code != EXIT_INPUT)
            fail("a diagnostic that is not an input error", g->message);
        bool too_big = size > (1u << 20);
        if (!too_big && (!g->loc.file || !g->loc.text || g->loc.offset < 0 ||
                         (size_t)g->loc.offset > strlen(g->loc.text)))
            fail("an error without a place in the text", g->message);
        if (!g->message || !*g->message)
            fail("an empty message", "");
    }
    if (diags.items.n) {
        FILE *devnull = fopen("/dev/null", "w");
        if (devnull) {
            diag_report(&diags, devnull);
            fclose(devnull);
        }
    } else {
        if (cfg.allow & ~hazard_all())
            fail("hazards.allow holds a bit the table lacks", "");
        if (cfg.has_lock_timeout && !config_valid_duration(cfg.lock_timeout))
            fail("timeouts.lock is no duration", cfg.lock_timeout);
        if (cfg.has_statement_timeout && !config_valid_duration(cfg.statement_timeout))
            fail("timeouts.statement is no duration", cfg.statement_timeout);
        /* polymorphic rules: every name a rule carries is there and non-empty,
         * with a place in the text (diff/poly.c reports at it) */
        for (int i = 0; i < cfg.poly.n; i++) {
            const PolyRule *r = cfg.poly.items[i];
            if (!r->schema || !*r->schema || !r->table || !*r->table || !r->type_column || !*r->type_column ||
                !r->id_column || !*r->id_column || !r->table_loc.text || r->table_loc.offset < 0)
                fail("a polymorphic rule without its names", "");
            if (!r->targets.n && !r->external.n)
                fail("a polymorphic rule without types", "");
            for (int k = 0; k < r->targets.n; k++) {
                const PolyTarget *t = r->targets.items[k];
                if (!t->type || !*t->type || !t->schema || !t->table || !*t->table || !t->column || !*t->column ||
                    !t->ref_loc.text || !t->action_loc.text)
                    fail("a polymorphic target without its names", t->type);
                if (r->enforce == POLY_GENERATED_FKS && t->on_delete == POLY_SET_NULL)
                    fail("set_null accepted with generated_fks", t->type);
            }
        }
        for (int i = 0; i < cfg.poly_ignore.n; i++) {
            const PolyName *n = cfg.poly_ignore.items[i];
            if (!n->table || !*n->table || !n->schema || !*n->schema)
                fail("an empty polymorphic_ignore name", "");
        }
        for (int k = 0; k < 2; k++) {
            const PtrVec *v = k ? &cfg.exclude : &cfg.include;
            for (int i = 0; i < v->n; i++)
                if (!v->items[i] || !*(const char *)v->items[i])
                    fail("an empty schema name", "");
        }
    }
    arena_free(a);
    return 0;
}
