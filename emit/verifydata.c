/*
 * verifydata.c — printing the findings of `verify --data`.
 *
 * Text: one line per finding that found something, `severity: table:
 * message: N rows (samples: a, b, …)`, then a summary line.  JSON: one
 * object a line (`severity`, `check`, `table`, `object`, `type`, `count`,
 * `samples`, `message`), as `verify --format json` prints drift.  A query
 * that found no row is clean and not printed; critical findings (a rule's
 * table, column or target missing) and warnings (a suspected pair without
 * a rule) have no count.  What to print is decided in diff/poly.c and the
 * counts come from parser/verifydata.c; nothing is decided here.
 */
#include "model.h"

#include <string.h>

static void json_str(StrBuf *sb, const char *s)
{
    sb_putc(sb, '"');
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '"' || *p == '\\')
            sb_printf(sb, "\\%c", *p);
        else if (*p == '\n')
            sb_puts(sb, "\\n");
        else if (*p < 0x20)
            sb_printf(sb, "\\u%04x", *p);
        else
            sb_putc(sb, (char)*p);
    }
    sb_putc(sb, '"');
}

const char *output_verify_data(Arena *a, const PtrVec *findings, OutFormat format, int *found)
{
    StrBuf sb;
    sb_init(&sb);
    int n = 0, checked = 0;
    for (int i = 0; i < findings->n; i++) {
        const DataFinding *f = findings->items[i];
        checked += f->query != NULL;
        if (f->query && !f->count)
            continue;
        n++;
        if (format == FMT_JSON) {
            sb_puts(&sb, "{\"severity\":");
            json_str(&sb, f->severity);
            sb_puts(&sb, ",\"check\":");
            json_str(&sb, f->check);
            sb_puts(&sb, ",\"table\":");
            json_str(&sb, f->table);
            sb_puts(&sb, ",\"object\":");
            if (f->object)
                json_str(&sb, f->object);
            else
                sb_puts(&sb, "null");
            sb_puts(&sb, ",\"type\":");
            if (f->type)
                json_str(&sb, f->type);
            else
                sb_puts(&sb, "null");
            if (f->query) {
                sb_printf(&sb, ",\"count\":%lld,\"samples\":[", f->count);
                for (int k = 0; k < f->samples.n; k++) {
                    if (k)
                        sb_putc(&sb, ',');
                    json_str(&sb, f->samples.items[k]);
                }
                sb_putc(&sb, ']');
            }
            sb_puts(&sb, ",\"message\":");
            json_str(&sb, f->message);
            sb_puts(&sb, "}\n");
        } else {
            sb_printf(&sb, "%s: %s%s%s", f->severity, f->table && *f->table ? f->table : "",
                      f->table && *f->table ? ": " : "", f->message ? f->message : "");
            if (f->query) {
                sb_printf(&sb, ": %lld row%s", f->count, f->count == 1 ? "" : "s");
                for (int k = 0; k < f->samples.n; k++)
                    sb_printf(&sb, "%s%s", k ? ", " : " (samples: ", (const char *)f->samples.items[k]);
                if (f->samples.n)
                    sb_putc(&sb, ')');
            }
            sb_putc(&sb, '\n');
        }
    }
    if (format != FMT_JSON)
        sb_printf(&sb, "verify --data: %d quer%s run, %d finding%s\n", checked, checked == 1 ? "y" : "ies", n,
                  n == 1 ? "" : "s");
    *found = n;
    char *s = sb_take(&sb, a);
    sb_free(&sb);
    return s ? s : "";
}
