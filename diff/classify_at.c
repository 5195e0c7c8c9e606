/*
 * classify_at.c — what PostgreSQL 15 locks for each ALTER TABLE subcommand.
 *
 * Split from classify.c (the pass that reads every step's parse tree): the
 * data that does not depend on the plan.  One row per AlterTableType, the
 * lock AlterTableGetLockLevel (tablecmds.c) takes for it, and its words
 * for people; the lock of each storage parameter a SET / RESET (...)
 * names (reloptions.c: most take SHARE UPDATE EXCLUSIVE); and which
 * subcommands reach the partitions and inheritance children of a table
 * named without ONLY.  tests/unit/test_classify.c checks that every
 * subcommand has exactly one row; tests/run_locks.py checks the claims
 * built from them on a server.
 */
#include "pg.h"
#include "model.h"

#include <string.h>

/* ---- the ALTER TABLE subcommand table ---------------------------------------- */

/* PostgreSQL 15's AlterTableGetLockLevel, one row per subcommand; storage
 * parameters (SET/RESET (...)) are judged per option below. */
static const ClassifyAtRow at_rows[] = {
    {AT_AddColumn, LOCK_ACCESS_EXCLUSIVE, "ADD COLUMN"},
    {AT_AddColumnRecurse, LOCK_ACCESS_EXCLUSIVE, "ADD COLUMN"},
    {AT_AddColumnToView, LOCK_ACCESS_EXCLUSIVE, "ADD COLUMN (view)"},
    {AT_ColumnDefault, LOCK_ACCESS_EXCLUSIVE, "ALTER COLUMN SET/DROP DEFAULT"},
    {AT_CookedColumnDefault, LOCK_ACCESS_EXCLUSIVE, "ALTER COLUMN SET DEFAULT (cooked)"},
    {AT_DropNotNull, LOCK_ACCESS_EXCLUSIVE, "ALTER COLUMN DROP NOT NULL"},
    {AT_SetNotNull, LOCK_ACCESS_EXCLUSIVE, "ALTER COLUMN SET NOT NULL"},
    {AT_DropExpression, LOCK_ACCESS_EXCLUSIVE, "ALTER COLUMN DROP EXPRESSION"},
    {AT_CheckNotNull, LOCK_ACCESS_EXCLUSIVE, "CHECK NOT NULL"},
    {AT_SetStatistics, LOCK_SHARE_UPDATE_EXCLUSIVE, "ALTER COLUMN SET STATISTICS"},
    {AT_SetOptions, LOCK_SHARE_UPDATE_EXCLUSIVE, "ALTER COLUMN SET (...)"},
    {AT_ResetOptions, LOCK_SHARE_UPDATE_EXCLUSIVE, "ALTER COLUMN RESET (...)"},
    {AT_SetStorage, LOCK_ACCESS_EXCLUSIVE, "ALTER COLUMN SET STORAGE"},
    {AT_SetCompression, LOCK_ACCESS_EXCLUSIVE, "ALTER COLUMN SET COMPRESSION"},
    {AT_DropColumn, LOCK_ACCESS_EXCLUSIVE, "DROP COLUMN"},
    {AT_DropColumnRecurse, LOCK_ACCESS_EXCLUSIVE, "DROP COLUMN"},
    {AT_AddIndex, LOCK_ACCESS_EXCLUSIVE, "ADD INDEX"},
    {AT_ReAddIndex, LOCK_ACCESS_EXCLUSIVE, "ADD INDEX (re-add)"},
    {AT_AddConstraint, LOCK_ACCESS_EXCLUSIVE, "ADD CONSTRAINT (FOREIGN KEY: SHARE ROW EXCLUSIVE)"},
    {AT_AddConstraintRecurse, LOCK_ACCESS_EXCLUSIVE, "ADD CONSTRAINT (FOREIGN KEY: SHARE ROW EXCLUSIVE)"},
    {AT_ReAddConstraint, LOCK_ACCESS_EXCLUSIVE, "ADD CONSTRAINT (re-add)"},
    {AT_ReAddDomainConstraint, LOCK_ACCESS_EXCLUSIVE, "ADD CONSTRAINT (re-add, domain)"},
    {AT_ReAddComment, LOCK_ACCESS_EXCLUSIVE, "COMMENT (re-add)"},
    {AT_AlterConstraint, LOCK_ACCESS_EXCLUSIVE, "ALTER CONSTRAINT"},
    {AT_ValidateConstraint, LOCK_SHARE_UPDATE_EXCLUSIVE, "VALIDATE CONSTRAINT"},
    {AT_ValidateConstraintRecurse, LOCK_SHARE_UPDATE_EXCLUSIVE, "VALIDATE CONSTRAINT"},
    {AT_AddIndexConstraint, LOCK_ACCESS_EXCLUSIVE, "ADD CONSTRAINT ... USING INDEX"},
    {AT_DropConstraint, LOCK_ACCESS_EXCLUSIVE, "DROP CONSTRAINT"},
    {AT_DropConstraintRecurse, LOCK_ACCESS_EXCLUSIVE, "DROP CONSTRAINT"},
    {AT_AlterColumnType, LOCK_ACCESS_EXCLUSIVE, "ALTER COLUMN TYPE"},
    {AT_AlterColumnGenericOptions, LOCK_ACCESS_EXCLUSIVE, "ALTER COLUMN OPTIONS"},
    {AT_ChangeOwner, LOCK_ACCESS_EXCLUSIVE, "OWNER TO"},
    {AT_ClusterOn, LOCK_SHARE_UPDATE_EXCLUSIVE, "CLUSTER ON"},
    {AT_DropCluster, LOCK_SHARE_UPDATE_EXCLUSIVE, "SET WITHOUT CLUSTER"},
    {AT_SetLogged, LOCK_ACCESS_EXCLUSIVE, "SET LOGGED"},
    {AT_SetUnLogged, LOCK_ACCESS_EXCLUSIVE, "SET UNLOGGED"},
    {AT_DropOids, LOCK_ACCESS_EXCLUSIVE, "SET WITHOUT OIDS"},
    {AT_SetAccessMethod, LOCK_ACCESS_EXCLUSIVE, "SET ACCESS METHOD"},
    {AT_SetTableSpace, LOCK_ACCESS_EXCLUSIVE, "SET TABLESPACE"},
    {AT_SetRelOptions, LOCK_SHARE_UPDATE_EXCLUSIVE, "SET (...) (per option)"},
    {AT_ResetRelOptions, LOCK_SHARE_UPDATE_EXCLUSIVE, "RESET (...) (per option)"},
    {AT_ReplaceRelOptions, LOCK_ACCESS_EXCLUSIVE, "replace options (CREATE OR REPLACE VIEW)"},
    {AT_EnableTrig, LOCK_SHARE_ROW_EXCLUSIVE, "ENABLE TRIGGER"},
    {AT_EnableAlwaysTrig, LOCK_SHARE_ROW_EXCLUSIVE, "ENABLE ALWAYS TRIGGER"},
    {AT_EnableReplicaTrig, LOCK_SHARE_ROW_EXCLUSIVE, "ENABLE REPLICA TRIGGER"},
    {AT_DisableTrig, LOCK_SHARE_ROW_EXCLUSIVE, "DISABLE TRIGGER"},
    {AT_EnableTrigAll, LOCK_SHARE_ROW_EXCLUSIVE, "ENABLE TRIGGER ALL"},
    {AT_DisableTrigAll, LOCK_SHARE_ROW_EXCLUSIVE, "DISABLE TRIGGER ALL"},
    {AT_EnableTrigUser, LOCK_SHARE_ROW_EXCLUSIVE, "ENABLE TRIGGER USER"},
    {AT_DisableTrigUser, LOCK_SHARE_ROW_EXCLUSIVE, "DISABLE TRIGGER USER"},
    {AT_EnableRule, LOCK_ACCESS_EXCLUSIVE, "ENABLE RULE"},
    {AT_EnableAlwaysRule, LOCK_ACCESS_EXCLUSIVE, "ENABLE ALWAYS RULE"},
    {AT_EnableReplicaRule, LOCK_ACCESS_EXCLUSIVE, "ENABLE REPLICA RULE"},
    {AT_DisableRule, LOCK_ACCESS_EXCLUSIVE, "DISABLE RULE"},
    {AT_AddInherit, LOCK_ACCESS_EXCLUSIVE, "INHERIT"},
    {AT_DropInherit, LOCK_ACCESS_EXCLUSIVE, "NO INHERIT"},
    {AT_AddOf, LOCK_ACCESS_EXCLUSIVE, "OF"},
    {AT_DropOf, LOCK_ACCESS_EXCLUSIVE, "NOT OF"},
    {AT_ReplicaIdentity, LOCK_ACCESS_EXCLUSIVE, "REPLICA IDENTITY"},
    {AT_EnableRowSecurity, LOCK_ACCESS_EXCLUSIVE, "ENABLE ROW LEVEL SECURITY"},
    {AT_DisableRowSecurity, LOCK_ACCESS_EXCLUSIVE, "DISABLE ROW LEVEL SECURITY"},
    {AT_ForceRowSecurity, LOCK_ACCESS_EXCLUSIVE, "FORCE ROW LEVEL SECURITY"},
    {AT_NoForceRowSecurity, LOCK_ACCESS_EXCLUSIVE, "NO FORCE ROW LEVEL SECURITY"},
    {AT_GenericOptions, LOCK_ACCESS_EXCLUSIVE, "OPTIONS (...)"},
    {AT_AttachPartition, LOCK_SHARE_UPDATE_EXCLUSIVE, "ATTACH PARTITION"},
    {AT_DetachPartition, LOCK_ACCESS_EXCLUSIVE, "DETACH PARTITION (CONCURRENTLY: SHARE UPDATE EXCLUSIVE)"},
    {AT_DetachPartitionFinalize, LOCK_SHARE_UPDATE_EXCLUSIVE, "DETACH PARTITION FINALIZE"},
    {AT_AddIdentity, LOCK_ACCESS_EXCLUSIVE, "ALTER COLUMN ADD GENERATED AS IDENTITY"},
    {AT_SetIdentity, LOCK_ACCESS_EXCLUSIVE, "ALTER COLUMN SET GENERATED"},
    {AT_DropIdentity, LOCK_ACCESS_EXCLUSIVE, "ALTER COLUMN DROP IDENTITY"},
    {AT_ReAddStatistics, LOCK_SHARE_UPDATE_EXCLUSIVE, "re-add statistics"},
};

const ClassifyAtRow *classify_at_table(int *n)
{
    *n = (int)(sizeof at_rows / sizeof at_rows[0]);
    return at_rows;
}

const ClassifyAtRow *classify_at_row(int subtype)
{
    for (size_t i = 0; i < sizeof at_rows / sizeof at_rows[0]; i++)
        if (at_rows[i].subtype == subtype)
            return &at_rows[i];
    return NULL;
}

/* Storage parameters and their lock (PostgreSQL's reloptions.c: most are
 * SHARE UPDATE EXCLUSIVE; a view's and unknown ones ACCESS EXCLUSIVE). */
LockLevel classify_reloption_lock(const char *name)
{
    static const char *const sue[] = {
        "fillfactor", "autovacuum_enabled", "autovacuum_vacuum_threshold", "autovacuum_vacuum_insert_threshold",
        "autovacuum_analyze_threshold", "autovacuum_vacuum_cost_limit", "autovacuum_freeze_min_age",
        "autovacuum_freeze_max_age", "autovacuum_freeze_table_age", "autovacuum_multixact_freeze_min_age",
        "autovacuum_multixact_freeze_max_age", "autovacuum_multixact_freeze_table_age",
        "log_autovacuum_min_duration", "toast_tuple_target", "autovacuum_vacuum_cost_delay",
        "autovacuum_vacuum_scale_factor", "autovacuum_vacuum_insert_scale_factor",
        "autovacuum_analyze_scale_factor", "parallel_workers", "vacuum_index_cleanup", "vacuum_truncate",
        "n_distinct", "n_distinct_inherited", "deduplicate_items", "buffering", "pages_per_range",
        "autosummarize", "fastupdate", "gin_pending_list_limit", "lists", "m", "ef_construction",
    };
    const char *n = strncmp(name, "toast.", 6) ? name : name + 6;
    for (size_t i = 0; i < sizeof sue / sizeof sue[0]; i++)
        if (!strcmp(n, sue[i]))
            return LOCK_SHARE_UPDATE_EXCLUSIVE;
    return LOCK_ACCESS_EXCLUSIVE;
}

/* Whether a subcommand reaches the children of the table (*partitions_only:
 * partitions only), and (*indexes) rebuilds or drops indexes there. */
bool classify_at_recurses(const AlterTableCmd *cmd, bool *partitions_only, bool *indexes)
{
    switch (cmd->subtype) {
    case AT_AlterColumnType:
    case AT_DropColumn:
    case AT_DropColumnRecurse:
        *indexes = true;
        return true;
    case AT_AddColumn:
    case AT_AddColumnRecurse:
    case AT_ColumnDefault:
    case AT_DropNotNull:
    case AT_SetNotNull:
    case AT_SetStatistics:
    case AT_SetStorage:
    case AT_SetCompression:
    case AT_DropExpression:
    case AT_AddConstraint:
    case AT_AddConstraintRecurse:
    case AT_DropConstraint:
    case AT_DropConstraintRecurse:
    case AT_ValidateConstraint:
    case AT_ValidateConstraintRecurse:
        return true;
    case AT_EnableTrig:
    case AT_EnableAlwaysTrig:
    case AT_EnableReplicaTrig:
    case AT_DisableTrig:
    case AT_EnableTrigAll:
    case AT_DisableTrigAll:
    case AT_EnableTrigUser:
    case AT_DisableTrigUser:
        *partitions_only = true;
        return true;
    default:
        return false;
    }
}

