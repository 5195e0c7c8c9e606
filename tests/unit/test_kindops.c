/*
 * test_kindops.c — the per-kind operations tables have a function in every
 * slot.
 *
 * diff/diff.c's comparators and emit/emit.c's emitters are arrays indexed
 * by ObjKind; a kind appended to the enum without its entries would leave
 * a NULL slot that crashes on the first change of that kind (an array-size
 * static assertion cannot see it: a designated initializer of
 * [OBJ_KIND_COUNT] elements always has that size).  The kind descriptions
 * (kind_info) are checked for a name the same way.
 */
#include "model.h"
#include "check.h"

int main(void)
{
    CHECK(OBJ_KIND_COUNT > 30);
    for (int k = 0; k < OBJ_KIND_COUNT; k++) {
        if (!diff_kind_table[k] || !emit_kind_table[k] || !kind_info[k].name)
            fprintf(stderr, "kind %d (%s) lacks an operation\n", k, kind_info[k].name ? kind_info[k].name : "?");
        CHECK(diff_kind_table[k] != NULL);
        CHECK(emit_kind_table[k] != NULL);
        CHECK(kind_info[k].name != NULL);
    }
    return check_report();
}
