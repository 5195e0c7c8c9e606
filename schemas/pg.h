/*
 * pg.h — PostgreSQL's node headers, as libpg_query's raw parse needs them.
 *
 * Include this first in any file that walks parse trees.  PostgreSQL's
 * port.h renames printf, snprintf, strerror, qsort, ... to its own pg_*
 * versions, not all of which libpg_query exports; the renames are undone
 * here so that the C library's are used.
 */
#ifndef SCHEMADIFF_PG_H
#define SCHEMADIFF_PG_H

#include "postgres.h"
#include "nodes/nodes.h"
#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"
#include "nodes/value.h"
#include "nodes/nodeFuncs.h"
#include "nodes/makefuncs.h"
#include "pg_query.h"
#include "pg_query/pg_query_internal.h"

#undef vsnprintf
#undef snprintf
#undef vsprintf
#undef sprintf
#undef vfprintf
#undef fprintf
#undef vprintf
#undef printf
#undef strerror
#undef strerror_r
#undef qsort
#undef strtof

/* libpg_query keeps CurrentMemoryContext thread-local while PostgreSQL's
 * headers declare it a plain global, so the makeNode() macro, which reads it
 * directly, cannot link.  Nodes are allocated through palloc0() instead,
 * which runs inside libpg_query and sees the right context. */
#undef newNode
#define newNode(size, tag) sd_new_node((size), (tag))
static inline Node *sd_new_node(size_t size, NodeTag tag)
{
    Node *n = (Node *)palloc0(size);
    n->type = tag;
    return n;
}

/* parser/rawparse.c: pg_query_raw_parse() of a DDL text, a large one in two
 * halves on two threads; the same result (trees in the current context,
 * locations in `buf`, an error as one parse reports it).  `buf` is written
 * to while it runs and restored.  With `from` > 0, just after a ';' that
 * ends a statement (and any white space), only the statements from there
 * on are parsed, as a parse of the whole text has them (their locations
 * in the whole `buf`), and buf[0..from) is left blank (spaces). */
PgQueryInternalParsetreeAndError ddl_raw_parse(char *buf, size_t from);

/* Exported by libpg_query but not declared in its public headers. */
PgQueryProtobuf pg_query_nodes_to_protobuf(const void *obj);
const char *quote_identifier(const char *ident);

#endif
