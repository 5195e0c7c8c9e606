/*
 * foreign.c — what differs between two versions of foreign data.
 *
 * A wrapper's HANDLER / VALIDATOR and a server's VERSION change in place
 * (ALT_FDW_FUNCS); a server whose wrapper or TYPE changes is re-created, as
 * is a table whose server changes or that becomes foreign or stops being
 * so.  OPTIONS (of wrappers, servers, user mappings, foreign tables and
 * their columns) compare as sets, secrets by presence only, and change in
 * place (ALT_FDW_OPTIONS).  A user mapping read from a database that hides
 * its options (pg_user_mappings, not its owner) compares equal on options:
 * what cannot be seen is not changed.
 */
#include "model.h"

unsigned diff_foreign(const Obj *co, const Obj *do_)
{
    const Definition *c = (const Definition *)co, *d = (const Definition *)do_;
    unsigned bits = 0;
    switch (co->kind) {
    case OBJ_TABLE: {
        const Table *x = (const Table *)co, *y = (const Table *)do_;
        if (!str_same(x->server, y->server))
            return ALT_REBUILD;
        return model_options_equal(&x->fdw_options, &y->fdw_options) ? 0 : ALT_FDW_OPTIONS;
    }
    case OBJ_COLUMN:
        return model_options_equal(&((const Column *)co)->fdw_options, &((const Column *)do_)->fdw_options)
                   ? 0
                   : ALT_FDW_OPTIONS;
    case OBJ_FDW:
        if (!str_same(c->fdw_handler, d->fdw_handler) || !str_same(c->fdw_validator, d->fdw_validator))
            bits |= ALT_FDW_FUNCS;
        break;
    case OBJ_SERVER:
        if (!str_same(c->srv_fdw, d->srv_fdw) || !str_same(c->srv_type, d->srv_type))
            return ALT_REBUILD;
        if (!str_same(c->srv_version, d->srv_version))
            bits |= ALT_FDW_FUNCS;
        break;
    case OBJ_USER_MAPPING:
        if (c->options_hidden || d->options_hidden)
            return 0;
        break;
    case OBJ_SCHEMA: case OBJ_EXTENSION: case OBJ_ENUM: case OBJ_SEQUENCE: case OBJ_CONSTRAINT:
    case OBJ_INDEX: case OBJ_SEQ_OWNER: case OBJ_DOMAIN: case OBJ_COMPOSITE: case OBJ_FUNCTION:
    case OBJ_AGGREGATE: case OBJ_VIEW: case OBJ_TRIGGER: case OBJ_POLICY: case OBJ_EVENT_TRIGGER:
    case OBJ_DEFAULT_ACL: case OBJ_COLLATION: case OBJ_OPERATOR: case OBJ_RULE: case OBJ_OPFAMILY:
    case OBJ_OPCLASS: case OBJ_RANGE: case OBJ_CAST: case OBJ_STATISTICS: case OBJ_TS_PARSER:
    case OBJ_TS_TEMPLATE: case OBJ_TS_DICT: case OBJ_TS_CONFIG: case OBJ_PUBLICATION: case OBJ_KIND_COUNT:
        return 0;
    }
    if (!model_options_equal(&c->fdw_options, &d->fdw_options))
        bits |= ALT_FDW_OPTIONS;
    return bits;
}
