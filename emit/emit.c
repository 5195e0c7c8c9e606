/*
 * emit.c — the per-kind dispatch: which function prints a change of each
 * object kind.
 *
 * It sits above every kind emitter (sql.c, column.c, defs.c, defkinds.c,
 * textsearch.c, publication.c) and is the only emit/ file the plan driver
 * (diff/plan.c) calls to print a change.  The table is exported read-only
 * (emit_kind_table) so that a unit test checks every slot is filled: a
 * kind added to ObjKind without an emitter fails that test rather than
 * crashing on its first change.
 */
#include "pg.h"
#include "model.h"

static const EmitFn emitters[OBJ_KIND_COUNT] = {
    [OBJ_SCHEMA] = emit_schema,
    [OBJ_EXTENSION] = emit_extension,
    [OBJ_ENUM] = emit_enum,
    [OBJ_SEQUENCE] = emit_sequence,
    [OBJ_TABLE] = emit_table,
    [OBJ_COLUMN] = emit_column,
    [OBJ_CONSTRAINT] = emit_constraint,
    [OBJ_INDEX] = emit_index,
    [OBJ_SEQ_OWNER] = emit_seq_owner,
    [OBJ_DOMAIN] = emit_domain,
    [OBJ_COMPOSITE] = emit_composite,
    [OBJ_FUNCTION] = emit_function,
    [OBJ_VIEW] = emit_view,
    [OBJ_TRIGGER] = emit_trigger,
    [OBJ_POLICY] = emit_policy,
    [OBJ_EVENT_TRIGGER] = emit_event_trigger,
    [OBJ_DEFAULT_ACL] = emit_default_acl,
    [OBJ_COLLATION] = emit_collation,
    [OBJ_AGGREGATE] = emit_aggregate,
    [OBJ_OPERATOR] = emit_operator,
    [OBJ_RULE] = emit_rule,
    [OBJ_OPFAMILY] = emit_opclass,
    [OBJ_OPCLASS] = emit_opclass,
    [OBJ_RANGE] = emit_range,
    [OBJ_CAST] = emit_cast,
    [OBJ_STATISTICS] = emit_statistics,
    [OBJ_TS_PARSER] = emit_textsearch,
    [OBJ_TS_TEMPLATE] = emit_textsearch,
    [OBJ_TS_DICT] = emit_textsearch,
    [OBJ_TS_CONFIG] = emit_textsearch,
    [OBJ_PUBLICATION] = emit_publication,
    [OBJ_FDW] = emit_foreign,
    [OBJ_SERVER] = emit_foreign,
    [OBJ_USER_MAPPING] = emit_foreign,
};

void emit_change(Arena *a, Change *c, EmitStyle style)
{
    Emit e = {a, c, style, NULL, NULL};
    emitters[c->kind](&e);
    emit_owner_acl(&e);
}

const EmitFn *const emit_kind_table = emitters;
