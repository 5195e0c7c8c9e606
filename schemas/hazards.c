/*
 * hazards.c — the one hazard table.
 *
 * A hazard is a property of a change a reviewer must know about before it
 * runs: it destroys data, rewrites a table, rebuilds an index, scans a
 * table to validate it...  Each Hazard bit has exactly one row here, found
 * by its bit position: the name that the plan prints and that
 * `--allow-hazards` and `hazards.allow` (schemadiff.yaml) take, a one-line
 * description, and its class.  A *blocking* hazard refuses the plan (exit
 * 6, the changes marked NOT ALLOWED, files still written for review) unless
 * it is allowed; an *informational* one is printed and never gates.
 *
 * Every other place that names hazards goes through this table, so a new
 * hazard is one enum bit plus one row; tests/unit/test_hazards.c fails when
 * a bit below HAZ_COUNT has no complete row.
 */
#include "model.h"

#include <string.h>

const HazardInfo hazard_table[HAZ_COUNT] = {
    [0] = {HAZ_DATA_LOSS, "data_loss", "drops a table, column or other object that holds data", HAZ_BLOCKING},
    [1] = {HAZ_TABLE_REWRITE, "table_rewrite",
           "rewrites the whole table under an ACCESS EXCLUSIVE lock (a type change, a re-created table)",
           HAZ_BLOCKING},
    [2] = {HAZ_ENUM_REBUILD, "enum_rebuild",
           "re-creates an enum type whose labels were removed or reordered and converts its columns",
           HAZ_BLOCKING},
    [3] = {HAZ_VECTOR_DIM, "vector_dimension_change",
           "changes a vector column's dimension: existing rows of another dimension cannot stay", HAZ_BLOCKING},
    [4] = {HAZ_INDEX_REBUILD, "index_rebuild", "drops and re-creates an index (CONCURRENTLY where it can)",
           HAZ_INFORMATIONAL},
    [5] = {HAZ_VALIDATION, "validation",
           "scans a table to validate a constraint (after adding it NOT VALID: no write lock meanwhile)",
           HAZ_INFORMATIONAL},
    [6] = {HAZ_REPOPULATE, "repopulate",
           "re-creates a materialized view: it is empty and locked until refilled", HAZ_BLOCKING},
};

unsigned hazard_all(void)
{
    unsigned h = 0;
    for (int i = 0; i < HAZ_COUNT; i++)
        h |= hazard_table[i].bit;
    return h;
}

unsigned hazard_blocking(void)
{
    unsigned h = 0;
    for (int i = 0; i < HAZ_COUNT; i++)
        if (hazard_table[i].cls == HAZ_BLOCKING)
            h |= hazard_table[i].bit;
    return h;
}

unsigned hazard_by_name(const char *name)
{
    if (!name)
        return 0;
    if (!strcmp(name, "all"))
        return hazard_all();
    for (int i = 0; i < HAZ_COUNT; i++)
        if (hazard_table[i].name && !strcmp(name, hazard_table[i].name))
            return hazard_table[i].bit;
    return 0;
}

const char *hazard_join(Arena *a, unsigned hazards, const char *sep)
{
    StrBuf sb;
    sb_init(&sb);
    for (int i = 0; i < HAZ_COUNT; i++)
        if (hazards & hazard_table[i].bit)
            sb_printf(&sb, "%s%s", sb.len ? sep : "", hazard_table[i].name);
    char *r = sb_take(&sb, a);
    sb_free(&sb);
    return r ? r : "";
}

const char *hazard_names(Arena *a, unsigned hazards)
{
    return hazard_join(a, hazards, ", ");
}

const char *hazard_known_names(Arena *a)
{
    return arena_printf(a, "%s, all", hazard_join(a, hazard_all(), ", "));
}

const char *lock_level_name(LockLevel l)
{
    switch (l) {
    case LOCK_NONE: return "none";
    case LOCK_ACCESS_SHARE: return "ACCESS SHARE";
    case LOCK_ROW_SHARE: return "ROW SHARE";
    case LOCK_ROW_EXCLUSIVE: return "ROW EXCLUSIVE";
    case LOCK_SHARE_UPDATE_EXCLUSIVE: return "SHARE UPDATE EXCLUSIVE";
    case LOCK_SHARE: return "SHARE";
    case LOCK_SHARE_ROW_EXCLUSIVE: return "SHARE ROW EXCLUSIVE";
    case LOCK_EXCLUSIVE: return "EXCLUSIVE";
    case LOCK_ACCESS_EXCLUSIVE: return "ACCESS EXCLUSIVE";
    }
    return "?";
}
