/*
 * txblock.c — what a file's transactions roll back is not read.
 *
 * A schema file or a migration history run by psql can hold its own
 * transaction control: `BEGIN; ... ROLLBACK;` (a try-out left in, a
 * migration that undoes itself) or `SAVEPOINT s; ... ROLLBACK TO SAVEPOINT
 * s;`.  The database keeps nothing of what was rolled back, so neither may
 * the model.  Rather than undo changes to the model (whose objects are
 * changed in place by ALTER statements), the statements are sorted out
 * before any of them is applied: txblock_skipped() walks the file's
 * statements as PostgreSQL's transaction state would and marks those whose
 * effect a later ROLLBACK (or ABORT) or ROLLBACK TO SAVEPOINT discards.
 *
 * The walk: BEGIN / START TRANSACTION opens a block (a second one inside
 * is a warning in PostgreSQL and changes nothing); COMMIT / END closes it,
 * keeping everything; ROLLBACK / ABORT discards everything since the
 * block's BEGIN; SAVEPOINT s inside a block marks a point, ROLLBACK TO s
 * discards what came after it (the savepoint stays, as in PostgreSQL),
 * RELEASE s forgets it and the points after it; `AND CHAIN` opens the next
 * block at once.  Outside a block each statement commits on its own (a
 * ROLLBACK there changes nothing; SAVEPOINT, ROLLBACK TO and RELEASE are
 * errors in PostgreSQL, and a located error here).  PREPARE TRANSACTION
 * and COMMIT / ROLLBACK PREPARED (two-phase commit) are not modelled: a
 * located input error that says so.  A block still open at the end of the
 * file is kept: psql would roll it back when its session ends, but a file
 * that forgets its COMMIT is taken to mean its statements.
 */
#include "pg.h"
#include "model.h"

#include <string.h>

typedef struct Mark {
    int at;           /* index of the BEGIN or SAVEPOINT statement */
    const char *name; /* savepoint name; NULL for the block itself */
} Mark;

bool *txblock_skipped(DdlReader *r, const List *tree)
{
    int n = list_length(tree);
    bool *skip = NULL;
    Mark *marks = arena_alloc(r->a, sizeof(Mark) * (size_t)(n ? n : 1));
    int nm = 0;
    bool open = false;
    for (int i = 0; i < n; i++) {
        RawStmt *rs = list_nth(tree, i);
        if (!IsA(rs->stmt, TransactionStmt))
            continue;
        TransactionStmt *t = (TransactionStmt *)rs->stmt;
        int off = ddl_stmt_start(r, rs->stmt_location);
        int from = -1; /* discard statements from..i */
        switch (t->kind) {
        case TRANS_STMT_BEGIN:
        case TRANS_STMT_START:
            if (!open) {
                open = true;
                nm = 0;
                marks[nm++] = (Mark){i, NULL};
            }
            break;
        case TRANS_STMT_COMMIT:
            open = false;
            nm = 0;
            if (t->chain) {
                open = true;
                marks[nm++] = (Mark){i, NULL};
            }
            break;
        case TRANS_STMT_ROLLBACK:
            if (open)
                from = marks[0].at;
            open = false;
            nm = 0;
            if (t->chain) {
                open = true;
                marks[nm++] = (Mark){i, NULL};
            }
            break;
        case TRANS_STMT_SAVEPOINT:
        case TRANS_STMT_RELEASE:
        case TRANS_STMT_ROLLBACK_TO: {
            const char *verb = t->kind == TRANS_STMT_SAVEPOINT ? "SAVEPOINT"
                               : t->kind == TRANS_STMT_RELEASE ? "RELEASE SAVEPOINT"
                                                               : "ROLLBACK TO SAVEPOINT";
            if (!open) {
                ddl_error(r, off, "%s can only be used in transaction blocks", verb);
                break;
            }
            const char *name = t->savepoint_name ? t->savepoint_name : "";
            if (t->kind == TRANS_STMT_SAVEPOINT) {
                marks[nm++] = (Mark){i, name};
                break;
            }
            int k = nm - 1; /* the latest savepoint of that name */
            while (k > 0 && strcmp(marks[k].name, name))
                k--;
            if (k <= 0) {
                ddl_error(r, off, "savepoint \"%s\" does not exist", name);
                break;
            }
            if (t->kind == TRANS_STMT_RELEASE) {
                nm = k;
            } else {
                from = marks[k].at + 1;
                nm = k + 1;
            }
            break;
        }
        case TRANS_STMT_PREPARE:
        case TRANS_STMT_COMMIT_PREPARED:
        case TRANS_STMT_ROLLBACK_PREPARED:
            ddl_error(r, off,
                      "two-phase commit (PREPARE TRANSACTION, COMMIT/ROLLBACK PREPARED) is not modelled; "
                      "use BEGIN ... COMMIT, or --load-via-db to read the file through a scratch database");
            break;
        }
        if (from >= 0) {
            if (!skip)
                skip = arena_alloc(r->a, sizeof(bool) * (size_t)n);
            for (int k = from; k <= i; k++)
                skip[k] = true;
        }
    }
    return skip;
}
