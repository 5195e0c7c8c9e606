/*
 * model.h — the one header of schemadiff.
 *
 * Every type and cross-file function of the compiler is declared here, in
 * sections named after the file that implements them (the chibicc layout).
 * Read it top to bottom to learn the model:
 *
 *   SRC ──parser/──> Model ──diff/──> Change[] (ordered) ──emit/──> SQL, plan
 *
 * A Model is a flat array of objects.  Every object embeds the common header
 * `Obj` first (kind, schema, name, identity key, source location, comment,
 * dependencies), like pg_dump's DumpableObject.  Child objects (columns,
 * constraints, indexes) are objects of their own, keyed under their table, so
 * that the diff is one generic merge over identity keys.
 *
 * Expressions are kept as PostgreSQL parse trees (`struct Node`, from
 * libpg_query's raw parse) in two forms: `raw`, as written (what we print),
 * and `norm`, normalised for comparison (casts on literals removed, IN lists
 * rewritten to = ANY, default qualifiers dropped, ...), compared with
 * PostgreSQL's own equal().  The trees a model keeps live in one libpg_query
 * memory context per run (ParseSession), copied there out of the statements
 * they were read from, which are freed once a source is read
 * (parser/detach.c); all other model memory lives in one Arena per run.
 */
#ifndef SCHEMADIFF_MODEL_H
#define SCHEMADIFF_MODEL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <pthread.h>

struct Node;
struct List;
struct DefineStmt;
struct RawStmt;
struct DoStmt;
struct TypeCast;

#define SCHEMADIFF_VERSION "0.1.0"
#define PG_NAMEDATALEN 64
/* schemadiff's own schema in a database: apply's history table, the shadow-
 * table phases' state, functions and sync triggers. The catalog reader never
 * reads it (nor a trigger running one of its functions); files may not create
 * it. */
#define SD_OWN_SCHEMA "schemadiff"

/* Exit codes (DESIGN.md); only main() exits. */
typedef enum ExitCode {
    EXIT_OK = 0,
    EXIT_DIFF = 1,
    EXIT_USAGE = 2,
    EXIT_INPUT = 3,
    EXIT_DB = 4,
    EXIT_INTERNAL = 5,
    EXIT_REFUSED = 6,   /* plan refused: a blocking hazard not allowed (files still written) */
} ExitCode;

/* ------------------------------------------------------------------------
 * schemas/arena.c — run-wide memory, growable buffers, string maps
 * ------------------------------------------------------------------------ */

typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
    ArenaBlock *head;
} Arena;

/* Allocate zeroed memory that lives until arena_free(). Never returns NULL
 * (aborts on out-of-memory, which is the only non-main() exit). */
void *arena_alloc(Arena *a, size_t n);
char *arena_strdup(Arena *a, const char *s);
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(Arena *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void arena_free(Arena *a);
/* Bytes the arena holds from malloc (its blocks), for SCHEMADIFF_TIMING. */
size_t arena_bytes(const Arena *a);
/* The spans of an arena's blocks as they are now (later blocks are not in
 * them): whether a pointer is into the arena, in O(log blocks).  Freed with
 * arena_spans_free(); the arena itself is not changed. */
typedef struct ArenaSpans ArenaSpans;
ArenaSpans *arena_spans(const Arena *a);
bool arena_holds(const ArenaSpans *s, const void *p);
void arena_spans_free(ArenaSpans *s);

/* A growable byte buffer on the C heap (emitters build SQL in these). */
typedef struct StrBuf {
    char *data;
    size_t len, cap;
} StrBuf;

void sb_init(StrBuf *sb);
void sb_free(StrBuf *sb);
void sb_putc(StrBuf *sb, char c);
void sb_puts(StrBuf *sb, const char *s);
void sb_putn(StrBuf *sb, const char *s, size_t n);
void sb_printf(StrBuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Copy the buffer into the arena and release it (it stays usable, empty). */
char *sb_take(StrBuf *sb, Arena *a);

/* A growable array of pointers, arena-backed. */
typedef struct PtrVec {
    void **items;
    int n, cap;
} PtrVec;

/* Append item; the items are reallocated, doubling from two, when full. */
void vec_push(Arena *a, PtrVec *v, void *item);

/* String-keyed hash map (open addressing); keys are not copied.  A slot
 * holds a key's hash (so probes rarely compare strings), the key and its
 * value side by side: a probe reads one cache line, where three parallel
 * arrays cost three misses at 200,000 keys (issue 14). */
typedef struct MapSlot {
    uint64_t hash;      /* of the key */
    const char *key;    /* NULL: an empty slot */
    void *val;
} MapSlot;

typedef struct StrMap {
    MapSlot *slots;
    size_t cap, n;
} StrMap;

void map_put(Arena *a, StrMap *m, const char *key, void *val);
void *map_get(const StrMap *m, const char *key);
/* Make room for n entries without rehashing on the way. */
void map_reserve(Arena *a, StrMap *m, size_t n);
/* Insert unless present (one probe); returns the existing value or NULL. */
void *map_put_new(Arena *a, StrMap *m, const char *key, void *val);
/* The 64-bit FNV-1a hash of a string with its low bit set (never 0), as
 * StrMap hashes its keys. */
uint64_t str_hash(const char *s);

/* ------------------------------------------------------------------------
 * schemas/sha256.c — SHA-256 of a byte string
 * ------------------------------------------------------------------------ */

/* The SHA-256 of `len` bytes at `data` as 64 lowercase hex digits (in
 * `a`), as sha256sum prints it. */
const char *sha256_hex(Arena *a, const void *data, size_t len);

/* ------------------------------------------------------------------------
 * schemas/timing.c — SCHEMADIFF_TIMING=1 phase times on stderr
 * ------------------------------------------------------------------------ */

/* Monotonic seconds. */
double timing_clock(void);
bool timing_enabled(void);
/* Print "timing: <formatted>" on stderr when SCHEMADIFF_TIMING is set. */
void timing_report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* CPU seconds (user + system) the whole process has used so far. */
double timing_cpu(void);
/* The process's resident set now and its peak so far, in MiB (0 where
 * /proc or getrusage cannot tell). */
void timing_rss(double *now_mb, double *peak_mb);

/* ------------------------------------------------------------------------
 * schemas/stack.c — threads with stacks sized for the deepest accepted tree
 * ------------------------------------------------------------------------ */

/* Stack of every thread that walks parse trees: enough for a statement
 * DEPTH_LIMIT levels deep through every walker and the deparse, under
 * AddressSanitizer too (reserved address space; only used pages cost). */
#define STACK_BYTES ((size_t)1024 * 1024 * 1024)
/* Initialise attr with a STACK_BYTES stack; false (attr not initialised)
 * when the system refuses. */
bool stack_attr_init(pthread_attr_t *attr);
/* Run fn(argc, argv) on a thread with a STACK_BYTES stack and return its
 * result; on the calling thread when no such thread can be started. */
int stack_run_main(int (*fn)(int, char **), int argc, char **argv);

/* ------------------------------------------------------------------------
 * schemas/pgctx.c — libpg_query's current memory context
 * ------------------------------------------------------------------------ */

/* The memory context libpg_query allocates parse trees in (this thread's).
 * Every stage that calls into libpg_query (the readers, the deparser and
 * the safety net) saves it before an entry point that leaves another one
 * current, and restores it after. */
void *pgctx_current(void);
/* Make `ctx` (from pgctx_current()) current again. */
void pgctx_restore(void *ctx);
/* A scratch context for libpg_query work whose results are copied out
 * (deparse, re-parse checks): a child of the current context, made
 * current; *saved receives the context to go back to.  pgctx_temp_end
 * makes `saved` current again and deletes the scratch context with all
 * it holds, so such work no longer piles up in the run's parse session
 * (a 10,000-table dump left ~700 MB there). */
void *pgctx_temp_begin(void **saved);
void pgctx_temp_end(void *saved, void *temp);
/* A context of its own under the current one, which stays current; what is
 * allocated in it (another thread may, with it made current there) lives
 * until it or its parent is deleted. */
void *pgctx_child_new(const char *name);
/* pgctx_child_new(), for a context that holds much and dies whole (a
 * source's parse trees): deleting it frees every block, where the other
 * kind keeps its first block for reuse, so a pointer left into it is a
 * use after free that AddressSanitizer reports. */
void *pgctx_child_whole(const char *name);
void pgctx_child_delete(void *ctx);
/* This thread's memo context: a child of libpg_query's top context (which
 * libpg_query deletes when the thread ends), made on first use, for what a
 * thread keeps from one call to the next (schemas/deparse.c's parses of
 * printed SQL).  pgctx_memo_reset() empties it. */
void *pgctx_memo(void);
void pgctx_memo_reset(void);

/* ------------------------------------------------------------------------
 * schemas/diag.c — located diagnostics, collected per phase
 * ------------------------------------------------------------------------ */

/* A place in an input: the file name, its whole text and a byte offset
 * (-1 when unknown); line and column are computed when printed. */
typedef struct SrcLoc {
    const char *file;   /* path as given, or "<stdin>" */
    const char *text;
    int offset;
} SrcLoc;

typedef struct Diag {
    SrcLoc loc;
    const char *message;
    int code;                /* ExitCode this diagnostic implies */
} Diag;

typedef struct Diags {
    Arena *arena;
    PtrVec items;
    PtrVec warnings;         /* Diag * of code EXIT_OK: printed, never fatal */
} Diags;

/* Record an error at a location (loc.file may be NULL: no place).  An
 * input error of a file saying "not supported yet" gets the hint that
 * --load-via-db reads it through a scratch database. */
void diag_at(Diags *d, int code, SrcLoc loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* 1-based line and column (in characters) of a location; 0 when unknown. */
void diag_line_col(SrcLoc loc, int *line, int *col);
bool diag_any(const Diags *d);
/* Add from's errors and warnings, in order, after to's (the diagnostics
 * point where they did; from's arena must live as long as to's). */
void diag_append(Diags *to, const Diags *from);
/* Record an error that has no source position. */
void diag_plain(Diags *d, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Length of the valid UTF-8 sequence at s (at most `avail` bytes), 0 when
 * the bytes there are not one (overlong, surrogate, truncated, stray). */
size_t diag_utf8_len(const char *s, size_t avail);
/* Byte offset of the first byte of text[0..len) that is not valid UTF-8,
 * or -1 when all of it is. */
long diag_utf8_invalid(const char *text, size_t len);
/* Print every warning, then every error, in the jq/gcc style (the line cut to a window of
 * about 100 characters around the caret, marked "..." where cut; bytes that
 * are not printable UTF-8 shown as '?'); returns the highest exit code. */
int diag_report(const Diags *d, FILE *out);
/* Record a located warning (`file:line:col: warning: ...` when printed); it
 * does not count for diag_any() and changes no exit code. */
void diag_warn(Diags *d, SrcLoc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Print the warnings recorded so far (d may be NULL) and forget them, so a
 * later diag_report() does not print them again. */
void diag_flush_warnings(Diags *d, FILE *out);
/* `alias` points into the text that starts at `start` (a statement parsed
 * on its own, DO blocks): locations whose text is `alias` are reported as
 * locations in `start`'s text, counting its lines.  Thread-safe. */
void diag_alias_text(const char *alias, const char *start);

/* ------------------------------------------------------------------------
 * schemas/model.c — objects and the model container
 * ------------------------------------------------------------------------ */

/* Object kinds.  Order is the tie-break order for creation (drops use the
 * reverse); real ordering comes from dependencies (diff/order.c). */
typedef enum ObjKind {
    OBJ_SCHEMA,
    OBJ_EXTENSION,
    OBJ_ENUM,
    OBJ_SEQUENCE,
    OBJ_TABLE,
    OBJ_COLUMN,
    OBJ_CONSTRAINT,
    OBJ_INDEX,
    OBJ_SEQ_OWNER,  /* "sequence S is owned by column T.C": a separate object
                     * so that the serial cycle (column default -> sequence,
                     * sequence -> column) is broken by construction */
    /* Objects defined by one statement (struct Definition, parser/objects.c) */
    OBJ_DOMAIN,
    OBJ_COMPOSITE,  /* CREATE TYPE ... AS (...) */
    OBJ_FUNCTION,   /* functions and procedures; name holds the signature */
    OBJ_AGGREGATE,  /* a Definition: CREATE AGGREGATE (parser/aggregate.c);
                     * identity like a function's, privileges a function's */
    OBJ_VIEW,       /* views and materialized views */
    OBJ_TRIGGER,    /* of a table (obj.table) */
    OBJ_POLICY,     /* of a table (obj.table) */
    OBJ_EVENT_TRIGGER,
    OBJ_DEFAULT_ACL,  /* ALTER DEFAULT PRIVILEGES: name = role ("" when not
                       * stated), table = "TABLES", "SEQUENCES", ..., schema
                       * = IN SCHEMA or NULL; the privileges are its acl */
    OBJ_COLLATION,    /* a Definition: CREATE COLLATION */
    OBJ_OPERATOR,     /* a Definition: CREATE OPERATOR (parser/operator.c);
                       * name is the operator, key part "name(left, right)" */
    OBJ_RULE,         /* a Definition: CREATE RULE of a table or view
                       * (obj.table; parser/rule.c) */
    OBJ_OPFAMILY,     /* a Definition: CREATE OPERATOR FAMILY (parser/opclass.c);
                       * key part "name USING am" */
    OBJ_OPCLASS,      /* a Definition: CREATE OPERATOR CLASS, likewise */
    OBJ_RANGE,        /* a Definition: CREATE TYPE ... AS RANGE, with its
                       * multirange type (parser/defkinds.c) */
    OBJ_CAST,         /* a Definition: CREATE CAST; name "(source AS target)",
                       * schema the one it belongs to (parser/defkinds.c) */
    OBJ_STATISTICS,   /* a Definition: CREATE STATISTICS (parser/defkinds.c) */
    /* Text search objects (parser/textsearch.c): Definitions whose norm is
     * one canonical text; parsers and templates have no owner */
    OBJ_TS_PARSER,
    OBJ_TS_TEMPLATE,
    OBJ_TS_DICT,      /* its options in ts_items */
    OBJ_TS_CONFIG,    /* its mappings in ts_items */
    OBJ_PUBLICATION,  /* a Definition without a schema (parser/publication.c) */
    /* Foreign data (parser/foreign.c): Definitions without a schema */
    OBJ_FDW,          /* CREATE FOREIGN DATA WRAPPER */
    OBJ_SERVER,       /* CREATE SERVER */
    OBJ_USER_MAPPING, /* CREATE USER MAPPING: name "<role> on <server>" */
    OBJ_KIND_COUNT
} ObjKind;

/* The common header every object starts with. */
typedef struct Obj {
    ObjKind kind;
    const char *schema;  /* namespace; NULL for schemas and extensions */
    const char *table;   /* owning table (column, constraint, index, seq owner) */
    const char *name;
    const char *key;     /* identity key, unique in a model: "table:s.t" ... */
    SrcLoc loc;
    const char *comment; /* COMMENT ON ... IS, or NULL */
    const char *owner;   /* OWNER TO role as stated (files) or read; NULL: not stated */
    struct Acl *acl;     /* privileges (parser/acl.c); NULL: the kind's default */
    PtrVec deps;         /* Obj *: objects of the same model this one needs */
    int mark;            /* scratch flag of the diff pass */
} Obj;

typedef struct ExprPair {
    struct Node *raw;   /* as written (schema-qualified where we resolved) */
    struct Node *norm;  /* normalised copy for equal() */
} ExprPair;

typedef struct Schema {
    Obj obj;
} Schema;

typedef struct Extension {
    Obj obj;
    const char *in_schema; /* WITH SCHEMA, or NULL */
    const char *version;   /* VERSION, or NULL: not stated */
} Extension;

typedef struct EnumType {
    Obj obj;
    const char **labels;
    int nlabels;
} EnumType;

typedef struct SeqOpts {
    const char *type;  /* "smallint", "integer" or "bigint" */
    int64_t start, increment, min, max, cache;
    bool cycle;
} SeqOpts;

typedef struct Sequence {
    Obj obj;
    SeqOpts opts;
    bool owned;        /* OWNED BY a column: its owner moves with the table's */
} Sequence;

typedef struct SeqOwner {
    Obj obj;            /* name = sequence name; table = owning table */
    const char *column;
} SeqOwner;

/* A type reference: `sql` is its canonical, quoted spelling, e.g.
 * "character varying(20)", "integer[]", "app.status", "public.vector(3)";
 * two types are the same type when their `sql` strings are equal. */
typedef struct TypeRef {
    const char *schema;    /* NULL for built-in types */
    const char *name;      /* canonical name ("integer", "status") */
    const char *typmods;   /* "(20)" or NULL */
    int array_dims;
    const char *sql;
} TypeRef;

/* The built-in families whose conversions the plan reasons about. */
typedef enum TypeFamily { FAM_OTHER, FAM_INT, FAM_NUMERIC, FAM_STRING, FAM_TIMESTAMP } TypeFamily;
/* A type's family (schemas/model.c); FAM_OTHER for user types and arrays. */
TypeFamily type_family(const TypeRef *t);

typedef enum IdentityKind {
    IDENTITY_NONE = 0,
    IDENTITY_ALWAYS = 'a',
    IDENTITY_BY_DEFAULT = 'd',
} IdentityKind;

typedef struct Table Table;

typedef struct Column {
    Obj obj;
    Table *owner;
    TypeRef type;
    const char *collation; /* canonical, quoted, or NULL for the default */
    bool not_null;
    ExprPair *def;             /* DEFAULT, or NULL */
    IdentityKind identity;
    SeqOpts identity_opts;
    ExprPair *generated;       /* GENERATED ALWAYS AS (...) STORED, or NULL */
    int statistics;        /* SET STATISTICS target; -1 is the default */
    bool inherited;        /* a parent table has it (ddl_finish): its type,
                            * NOT NULL, creation and drop follow the parent's */
    const struct Column *parent_column; /* that parent's column */
    char storage;          /* SET STORAGE 'p', 'e', 'x', 'm' where it differs from
                            * the type's default; 0: the type's (parser/colattr.c) */
    char type_storage;     /* the type's default storage; 0: not known */
    const char *compression; /* COMPRESSION pglz / lz4; NULL: the default */
    struct List *attoptions; /* SET (n_distinct = ...): DefElems, or NIL */
    PtrVec fdw_options;      /* a foreign table column's OPTIONS (parser/foreign.c pairs) */
    /* schemadiff.yaml `conversions:` (diff/conv.c): the USING expression of
     * a type change TO this column's type (desired side: `using`; current
     * side: `rollback_using`, for the rollback); NULL: the default cast */
    const char *conv_using;
    /* a conversion is configured but a change to this column's type has no
     * cast and no rollback_using: the rollback's ALTER fails (emit/column.c
     * says so in a comment and classify adds a note) */
    bool conv_no_cast_back;
    /* current side, a shadowed table (diff/shadow_conv.c): its type change
     * has no cast and no conversion (a vector dimension), so the shadow
     * leaves the desired column NULL and no row makes it fail: no
     * pre-flight (diff/preflight.c) */
    bool shadow_no_conv;
} Column;

struct Table {
    Obj obj;
    bool unlogged;
    struct List *reloptions; /* WITH (...) storage parameters, DefElems, or NULL */
    bool has_primary_key;
    bool rls, rls_force;   /* ENABLE / FORCE ROW LEVEL SECURITY */
    char replident;        /* REPLICA IDENTITY FULL 'f' / NOTHING 'n'; 0: DEFAULT
                            * or USING INDEX (the index's replica_identity) */
    PtrVec parents;        /* INHERITS: schema, name, schema, name, ... */
    const char *part_of_schema, *part_of; /* PARTITION OF / ATTACH PARTITION */
    struct Node *partbound;  /* PartitionBoundSpec of a partition */
    struct Node *partspec;   /* PartitionSpec: PARTITION BY (a partitioned table) */
    const char *bound_text, *partkey_text; /* printed forms (ddl_finish) */
    const char *bound_norm;  /* bound for comparison: midnight timestamps as dates */
    const char *partkey_norm; /* partition key for comparison: expressions normalised */
    PtrVec columns;        /* Column *, in definition order */
    PtrVec constraints;    /* TableConstraint * (reader's bookkeeping) */
    const char *of_schema, *of_type; /* a typed table (OF type): its composite
                                      * type, whose attributes are its columns */
    const char *server;    /* a foreign table: its SERVER (NULL: not foreign) */
    PtrVec fdw_options;    /* a foreign table's OPTIONS (parser/foreign.c pairs) */
    /* Read from a database (parser/catalog.c): pg_class.reltuples (-1 when
     * never analyzed) and pg_total_relation_size (of every partition, for a
     * partitioned table); has_estimate false for a table read from files. */
    bool has_estimate;
    double est_rows;
    long long est_bytes;
    /* est_bytes not read yet (-1 until catalog_table_sizes() reads it: the
     * catalog read leaves sizes to the tables a plan touches) */
    bool est_bytes_unread;
};

typedef enum ConKind {
    CON_PRIMARY = 'p',
    CON_UNIQUE = 'u',
    CON_CHECK = 'c',
    CON_FOREIGN = 'f',
    CON_EXCLUSION = 'x',
} ConKind;

typedef struct TableConstraint {
    Obj obj;
    ConKind contype;
    struct Node *raw;   /* PostgreSQL Constraint node, names resolved */
    struct Node *norm;  /* normalised copy (name cleared) for equal() */
    const char *fk_schema, *fk_table; /* referenced table (FOREIGN KEY) */
    bool not_valid;     /* NOT VALID: a state, compared (CHECK, FOREIGN KEY;
                         * ALTER TABLE only: CREATE TABLE's are valid) */
    const char *index_comment; /* COMMENT ON INDEX of its index (PK, UNIQUE) */
    bool replica_identity; /* REPLICA IDENTITY USING INDEX its index */
} TableConstraint;

typedef struct TableIndex {
    Obj obj;
    bool unique;
    bool clustered;     /* ALTER TABLE ... CLUSTER ON this index */
    bool replica_identity; /* ALTER TABLE ... REPLICA IDENTITY USING INDEX this */
    const char *method;
    struct Node *raw;   /* PostgreSQL IndexStmt, names resolved */
    struct Node *norm;  /* normalised copy for equal() */
    int *col_stats;     /* ALTER INDEX ... ALTER COLUMN n SET STATISTICS: target of
                         * column n at [n - 1], -1 the default; n_col_stats of them */
    int n_col_stats;
} TableIndex;

/* An object defined by one statement: view, materialized view, function,
 * procedure, trigger, event trigger, policy, domain, composite type. */
typedef struct Definition {
    Obj obj;
    struct Node *raw;    /* the statement, names resolved (what we print) */
    struct Node *norm;   /* normalised copy for equal(); NULL until ddl_finish */
    const char *search_schema; /* the default schema where it was read */
    bool materialized;   /* view: MATERIALIZED; its data is (re)populated */
    bool with_data;      /* materialized view: WITH DATA (the default) */
    PtrVec columns;      /* view: output column names (char *), in order */
    const char *signature; /* function: "(integer, text)", identity argument types */
    const char *identity;  /* function: name + signature, the key part */
    const char *result;    /* function: canonical RETURNS text (NULL: procedure) */
    const char *argnames;  /* function: argument names and modes, as compared */
    char enabled;        /* trigger, event trigger: 'O' origin, 'D' disabled,
                          * 'R' replica, 'A' always */
    PtrVec colcomments;  /* view, composite type: column name, comment, ... */
    PtrVec coldefaults;  /* view: column name, DEFAULT expression (Node *), ... */
    PtrVec colacls;      /* view: Obj * (kind column, not in the model) per
                          * column with privileges of its own */
    int drop_deps;       /* function: deps[0..drop_deps) are PostgreSQL's own
                          * (types, BEGIN ATOMIC bodies); the rest come from a
                          * SQL body checked only at creation, not at drops */
    PtrVec body_names;   /* function: Obj * a PL/pgSQL body names (functions,
                          * relations), not in deps: PostgreSQL checks them
                          * neither at creation nor at drops, but they order
                          * both where no cycle results (diff/order.c) */
    const char *sql_body; /* function: a BEGIN ATOMIC / RETURN body as written
                           * (the deparser cannot print one) */
    const char *agg_def;  /* aggregate: canonical "(args) (OPTIONS)", what is
                           * compared and what is printed after the name */
    const char *canon;    /* operator: canonical "(OPTIONS)" printed after the
                           * name, what is compared; rule: the canonical
                           * statement, compared only */
    const char *op_restrict, *op_join; /* operator: RESTRICT / JOIN text or NULL */
    PtrVec members;       /* operator family: CreateOpClassItem * added by
                           * ALTER OPERATOR FAMILY ... ADD (loose members) */
    const char *def_text; /* range, cast, statistics: the canonical CREATE
                           * statement (no ';'), compared and printed */
    const char *multirange_schema, *multirange; /* range: its multirange type */
    int stat_target;      /* statistics: SET STATISTICS target, -1 the default */
    const char *cast_source, *cast_target; /* cast: canonical types */
    const char *ts_head;  /* text search: a configuration's PARSER, a
                           * dictionary's TEMPLATE (quoted, qualified), a
                           * parser's or template's "START = f, ..." */
    PtrVec ts_items;      /* text search, pairs sorted after all files: a
                           * configuration's mappings (char *token, PtrVec *
                           * of quoted qualified dictionaries), a dictionary's
                           * options (char *name, char *value: "s:text" for a
                           * string, "n:12" for a number) */
    const char *fdw_handler, *fdw_validator; /* foreign data wrapper: HANDLER /
                                              * VALIDATOR function, NULL: none */
    const char *srv_fdw, *srv_type, *srv_version; /* server: its wrapper, TYPE,
                                                   * VERSION (NULL: none) */
    PtrVec fdw_options;   /* wrapper, server, user mapping: OPTIONS (parser/foreign.c pairs) */
    const char *um_role, *um_server; /* user mapping: the role ("PUBLIC",
                                      * "CURRENT_USER" for the CURRENT_USER,
                                      * USER, CURRENT_ROLE, SESSION_USER
                                      * forms) and its server */
    bool options_hidden;  /* user mapping read from a database that hides its
                           * options (pg_user_mappings: not the owner) */
} Definition;

typedef struct Model {
    Arena *arena;
    const char *label;  /* "current" or "desired" */
    PtrVec objs;        /* Obj *, in reading order until model_sort() */
    StrMap by_key;
    StrMap relnames;    /* "schema.name" -> Obj*: relations (name choice) */
    StrMap connames;    /* "schema.name" -> Obj*: constraint names */
    StrMap funcnames;   /* "schema.name" -> PtrVec * of functions (ddl_finish) */
    StrMap collations;  /* quoted "schema"."name" -> collation (ddl_finish) */
    StrMap opnames;     /* "schema.op" -> PtrVec * of operators (ddl_finish) */
    StrMap multiranges; /* "schema.name" of a multirange type -> its range */
    bool sorted;
    int default_acls;   /* number of default privileges objects read */
    PtrVec roles;       /* read from a database: the roles it has (char *) */
    bool roles_known;   /* roles was read (the model is a database's) */
    int child_tables;   /* tables read with parents or as partitions */
    bool owners_all;    /* --owners: an owner this side states is applied even
                         * where the other side states none */
    const char *fingerprint; /* cached by output_fingerprint() */
    const struct SourceFilter *filter; /* --schema / --exclude-schema of the run
                                        * (NULL: none); references into schemas it
                                        * leaves out are not judged (parser/refs.c) */
    struct pg_conn *snapshot; /* read from a database: the connection, still in
                               * the REPEATABLE READ READ ONLY transaction the
                               * model was read in (pre-flight queries run in
                               * that snapshot); catalog_close() ends it */
    PtrVec shadow_pending;    /* read from a database: ShadowPending *, the old
                               * tables kept after a shadow cutover and left
                               * out of the model (parser/catalog_own.c) */
    const PtrVec *poly_rules; /* the desired side: schemadiff.yaml's polymorphic
                               * rules (PolyRule *) whose objects were added
                               * (diff/poly.c); NULL: none */
    const char *current_user; /* read from a database: the role it was read
                               * as (what FOR CURRENT_USER means there) */
    StrMap shell_types;       /* "schema.name" of the shell types a file
                               * tried to create (refused; parser/defkinds.c) */
    struct DdlHistory *history; /* the texts read so far, and the schema
                                 * renames that read them again
                                 * (parser/schemaren.c); NULL: none yet */
} Model;

typedef struct KindInfo {
    const char *name;    /* "table", "column", ... (as in plan output) */
    const char *sql_name; /* "TABLE", "COLUMN", ... (COMMENT ON ...) */
    const char *grant_sql; /* GRANT ... ON <this>; NULL: no privileges */
} KindInfo;

extern const KindInfo kind_info[OBJ_KIND_COUNT];

Model *model_new(Arena *a, const char *label);
/* Build an identity key, e.g. model_key(a, OBJ_COLUMN, "public", "t", "id"). */
const char *model_key(Arena *a, ObjKind kind, const char *schema, const char *table,
                      const char *name);
/* Copy a model object of `size` bytes (its kind's struct, which starts
 * with its Obj) from src to dst, all but its scratch mark (0 in the copy):
 * the merge of another thread may be writing the mark of src meanwhile
 * (src/dumpjob.c), so a copy never reads it.  Every copy of a model
 * object in diff/ and emit/ is made so. */
void obj_copy(void *dst, const void *src, size_t size);
/* map_get() of a map keyed by model keys (model_key()), the key given by
 * its parts: nothing is allocated that outlives the call, nothing is
 * written. */
void *model_key_get(const StrMap *map, ObjKind kind, const char *schema, const char *table, const char *name);
/* Allocate an object of `size` bytes with its header filled; registers it
 * under its key. Returns NULL (and allocates nothing) if the key exists. */
void *model_add(Model *m, size_t size, ObjKind kind, const char *schema, const char *table,
                const char *name, SrcLoc loc);
Obj *model_find(const Model *m, const char *key);
/* model_find() by parts, without allocating. */
Obj *model_lookup(const Model *m, ObjKind kind, const char *schema, const char *table,
                  const char *name);
void model_remove(Model *m, Obj *o);
/* Give o another name (and so another key; the name is copied into m's arena);
 * the model must be re-sorted. */
void model_rename(Model *m, Obj *o, const char *name);
/* Record that o needs `target` (same model); duplicates are ignored. */
void obj_add_dep(Arena *a, Obj *o, Obj *target);
/* --schema / --exclude-schema: which schemas a run is about (char *). */
typedef struct SourceFilter {
    PtrVec include, exclude;
} SourceFilter;

/* Whether a filter (NULL: none) keeps objects of `schema`: listed in
 * `include` (or `include` empty) and not listed in `exclude`. */
bool filter_selects(const SourceFilter *f, const char *schema);
/* Keep only the objects of the schemas the filter selects. Re-sorts. */
void model_filter_schemas(Model *m, const SourceFilter *f);
/* Sort objects by identity key (the order the diff merge walks). */
void model_sort(Model *m);
Table *model_table(const Model *m, const char *schema, const char *name);
/* The name of a partition's index that an online index build on a
 * partitioned table (emit/sql.c) makes for its parent's index `index`:
 * "<partition>_<index>", at most 63 bytes (a prefix and a hash beyond). */
const char *model_partition_index_name(Arena *a, const char *partition, const char *index);
/* Whether two possibly-NULL strings are equal (NULL equals only NULL). */
bool str_same(const char *a, const char *b);
/* Whether t INHERITS schema.name (its INHERITS list only). */
bool table_inherits(const Table *t, const char *schema, const char *name);
/* Whether t is a child of schema.name: inherits it or is its partition. */
bool table_is_child_of(const Table *t, const char *schema, const char *name);
Column *table_column(const Table *t, const char *name);
/* A human name: "public.t.id (column)". */
const char *obj_display(Arena *a, const Obj *o);

/* ------------------------------------------------------------------------
 * parser/source.c — reading SRC arguments into a Model
 * ------------------------------------------------------------------------ */

typedef struct ParseSession ParseSession;

/* Start the run's libpg_query memory context; all parse trees live there. */
ParseSession *parse_session_begin(void);
void parse_session_end(ParseSession *ps);

/* Read SRC ("empty", "-", a .sql file, a directory, or a postgres:// URL)
 * into a new model.  Errors go to `diags`; the model is returned even when
 * errors were found (the caller checks diags).  The statements are parsed
 * into a context of their own; without errors the model is detached from
 * it (ddl_detach) and it is deleted, so what the model keeps of them is in
 * the current context (ps's), with errors it stays there too. */
Model *source_read(ParseSession *ps, Arena *a, const char *src, const char *label,
                   const SourceFilter *filter, Diags *diags);

/* The SQL texts of SRC ("-", a .sql file or a directory), as source_read()
 * would read them (same order, same checks of paths, UTF-8 and NUL bytes):
 * file names (char *) into `files`, texts (char *) into `texts`, both in
 * `a`.  false (with diagnostics) when any could not be read. */
bool source_texts(Arena *a, const char *src, PtrVec *files, PtrVec *texts, Diags *diags);

/* Read SRC on a second thread (libpg_query's state is per thread).  The
 * model stays valid until source_read_release(), which must come after the
 * last use of the model. */
typedef struct SourceJob SourceJob;
SourceJob *source_read_start(const char *src, const char *label, const SourceFilter *filter);
/* Wait for the model; its diagnostics are returned through *diags.  If no
 * thread could be started the source is read now, in `fallback`. */
Model *source_read_wait(SourceJob *j, ParseSession *fallback, Diags **diags);
/* Run fn(arg) on the job's thread, after its read (source_read_wait()
 * first); it runs while the caller goes on.  False, and nothing is run,
 * when the job has no thread (or was given work already): the caller runs
 * it itself.  One piece of work per job. */
bool source_read_run(SourceJob *j, void (*fn)(void *), void *arg);
/* Wait until the work source_read_run() handed over is done (at once when
 * none was). */
void source_read_run_wait(SourceJob *j);
/* Wait for any work handed over, end the thread and free the job (its
 * model and parse trees); NULL is a no-op. */
void source_read_release(SourceJob *j);
/* The model of an empty database (what SRC `empty` reads: the public
 * schema), sorted; for plan_dump(). */
Model *source_empty(Arena *a);

/* ------------------------------------------------------------------------
 * parser/replay.c — a migrations directory replayed; migration statements
 * compared (schemadiff check)
 * ------------------------------------------------------------------------ */

/* Read the first `n` texts of files/texts (file names and SQL texts, as
 * source_texts() gives them) in order into a new model, as source_read()
 * reads a directory: each file in a fresh session state, then finished,
 * sorted and fingerprinted.  Errors go to `diags`; the model is returned
 * even when errors were found. */
Model *replay_read(Arena *a, const PtrVec *files, const PtrVec *texts, int n, const char *label,
                   const SourceFilter *filter, Diags *diags);

/* One DDL statement a migration runs, normalised for comparison. */
typedef struct ReplayStmt {
    struct Node *tree;   /* raw parse tree, IF [NOT] EXISTS flags cleared */
    SrcLoc loc;          /* its first token (a DO block's, for what it runs) */
    const char *sql;     /* its text, for people; NULL for a statement
                          * inside a DO block (deparse the tree) */
} ReplayStmt;

/* Append to `out` (ReplayStmt *) the DDL statements `text` runs, in order:
 * session settings and transaction control left out, each DO block
 * replaced by the SQL statements of its PL/pgSQL body (its conditions,
 * loop queries and PERFORMs are the guard and left out), IF [NOT] EXISTS
 * flags cleared.  false with an input error when `text` does not parse.
 * The trees live in the current parse context. */
bool replay_statements(Arena *a, const char *file, const char *text, PtrVec *out, Diags *diags);
/* Whether two statements are the same (equal() of the trees: locations
 * and formatting ignored, constants compared). */
bool replay_same(const ReplayStmt *x, const ReplayStmt *y);

/* ------------------------------------------------------------------------
 * parser/catalog.c — internal to parser/catalog*.c: the reader's state and
 * the helpers its files share (parser/catalog_types.c, parser/catalog_rel.c
 * hold the queries of each kind family)
 * ------------------------------------------------------------------------ */

/* One catalog read: the connection, the DDL text being built and the
 * results shared between queries. */
typedef struct Cat {
    struct pg_conn *conn;
    Arena *a;
    Diags *diags;
    const char *name;   /* the URL without its password */
    int server_version;
    int queries;
    StrBuf ddl;         /* the objects: schemas, extensions, types, sequences,
                         * functions, tables, views */
    StrBuf late;        /* what needs every object: owners, privileges, comments,
                         * constraints, indexes, triggers, policies */
    struct pg_result *cols;     /* columns of tables, views and composite types (read_relation_parts) */
    struct pg_result *opts;     /* storage parameters of tables and views (read_relation_parts) */
    struct pg_result *classes;  /* types, operator classes, casts and collations for the
                                 * indexes (read_relation_parts: early on its connection,
                                 * parser/catalog_opc.c) */
    int *col_order;             /* cols' rows in (relation oid, attribute number) order, and */
    unsigned long long *col_rel;/* the relation oid and attribute number of each (catalog_rel.c: */
    int *col_num;               /* the server does not sort them) */
    int ncols;
    PtrVec sorted;      /* Sorted: types, functions, tables and views, emitted in
                         * dependency order */
    const SourceFilter *filter;
    PtrVec estimates;   /* per table: schema, name, reltuples (text or NULL) */
    bool failed;
    struct CatBatch *batch; /* the queries recorded, or their results (parser/catalog_async.c) */
    /* the objects' text (ddl up to the tables and views), read into the
     * model while the last queries still run (parser/catalog.c,
     * read_objects_early); what reading it said waits in early_diags
     * until the rest is read */
    const char *early;
    size_t early_len;
    Diags early_diags;
    bool early_read;
} Cat;

/* How long the catalog read waits for a table lock (sizes and expressions
 * open the table) before it fails with a database error. */
#define CATALOG_LOCK_TIMEOUT "30s"

/* Objects in these schemas, or members of an extension, are not the user's;
 * nor is schemadiff's own schema (SD_OWN_SCHEMA: apply's history, the
 * shadow-table phases' state and functions).  The cast to text hides the
 * pattern from the planner, which, from pg_namespace's statistics, took it
 * to leave one schema of a dozen and scanned pg_class once per schema in a
 * nested loop (150 ms of the view query, which has no rows, at 10,000
 * tables). */
#define NS_IS_USER(nsp)                                                                           \
    nsp "::pg_catalog.text !~ '^pg_' AND " nsp " <> 'information_schema' AND " nsp " <> 'schemadiff'"
#define USER_NS NS_IS_USER("n.nspname")
/* The comment of an object, joined (obj_description() runs a query per row). */
#define DESC_JOIN(oid, subid, catalog)                                                            \
    "LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = " oid " AND ds.objsubid = " subid        \
    " AND ds.classoid = '" catalog "'::pg_catalog.regclass "
#define NOT_EXT(classid, oid)                                                                     \
    "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = '" classid                \
    "'::pg_catalog.regclass AND x.objid = " oid " AND x.deptype = 'e')"
/* An ACL as a text[] of (grantee, privileges, grantable) triples: one per
 * grantee and grant option, grantee '' for PUBLIC, privileges in the ACL's
 * order ("SELECT, UPDATE").  NULL for the default ACL, '{}' for an ACL that
 * grants nothing.  The grantor is not read. */
#define ACL_GROUPS(acl)                                                                           \
    "CASE WHEN " acl " IS NOT NULL THEN COALESCE((SELECT pg_catalog.array_agg(u.v ORDER BY g.o, u.k) " \
    "FROM (SELECT e.grantee, e.is_grantable, pg_catalog.min(e.o) AS o, "                           \
    "pg_catalog.string_agg(e.privilege_type, ', ' ORDER BY e.o) AS privs "                         \
    "FROM pg_catalog.aclexplode(" acl ") WITH ORDINALITY e(grantor, grantee, privilege_type, is_grantable, o) " \
    "GROUP BY e.grantee, e.is_grantable) g LEFT JOIN pg_catalog.pg_roles gr ON gr.oid = g.grantee, " \
    "LATERAL (VALUES (1, COALESCE(gr.rolname::text, '')), (2, g.privs), (3, g.is_grantable::text)) u(k, v)), " \
    "'{}') END"
#define REGCLASS(name) "'pg_catalog." name "'::pg_catalog.regclass"

/* What an object needs, as the keys above: the pg_depend rows of the
 * objects (classid, objid) that `objs` selects (the object and its parts:
 * a table's defaults, a view's rules, a domain's constraints) that name a
 * function, a relation, or a type (an array type stands for its element
 * type, a row type for its relation).  Each part is an index probe. */
#define DEPS(objs)                                                                                \
    "ARRAY(SELECT DISTINCT CASE WHEN d.refclassid = " REGCLASS("pg_proc") " THEN 'p' || d.refobjid::text " \
    "WHEN d.refclassid = " REGCLASS("pg_class") " THEN 'c' || d.refobjid::text "                    \
    "WHEN COALESCE(NULLIF(dt.typrelid, 0), de.typrelid, 0) <> 0 "                                  \
    "THEN 'c' || COALESCE(NULLIF(dt.typrelid, 0), de.typrelid)::text "                             \
    "ELSE 't' || COALESCE(de.oid, dt.oid)::text END FROM (" objs ") o(classid, objid) "            \
    "JOIN pg_catalog.pg_depend d ON d.classid = o.classid AND d.objid = o.objid "                  \
    "LEFT JOIN pg_catalog.pg_type dt ON d.refclassid = " REGCLASS("pg_type") " AND dt.oid = d.refobjid " \
    "LEFT JOIN pg_catalog.pg_type de ON de.oid = dt.typelem AND de.typarray = dt.oid "              \
    "WHERE d.deptype = 'n' AND d.refclassid IN (" REGCLASS("pg_proc") ", " REGCLASS("pg_class") ", "  \
    REGCLASS("pg_type") "))"
#define CLASSID(name) REGCLASS(name) "::pg_catalog.oid"

/* Run one catalog query; NULL (a located EXIT_DB diagnostic recorded, the
 * read marked failed) when it fails or an earlier one did.  The caller
 * clears the result.  Its text may depend only on the server version and
 * the filter. */
struct pg_result *cat_query(Cat *c, const char *what, const char *sql);
/* The EXIT_DB diagnostic of a failed catalog query `what` ("tables",
 * "table sizes") of source `name`: the server's first line, a lock wait
 * past CATALOG_LOCK_TIMEOUT said as such (conn: for libpq's message when
 * the result has none; may be NULL). */
void catalog_result_error(Arena *a, Diags *diags, const char *name, const char *what, const struct pg_result *r,
                          struct pg_conn *conn);
/* A field of a result as text; NULL for SQL NULL. */
const char *cat_val(struct pg_result *r, int row, int col);
/* Append a statement (and a newline) to the objects' text. */
void cat_emit(Cat *c, const char *s);
/* Append a statement to the late text (after every object). */
void cat_emit_late(Cat *c, const char *s);
/* COMMENT ON <target> IS text, late, the target formatted from `fmt` (only
 * when there is a comment); nothing for a NULL or empty text. */
void cat_comment(Cat *c, const char *text, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The elements of a one-dimensional array in its text form into *out (a NULL
 * element is NULL); returns their number (0 for NULL or not an array). */
int cat_text_array(Arena *a, const char *s, const char ***out);
/* A definition the server printed, without surrounding blanks and the
 * trailing ';'. */
const char *cat_trim_def(Arena *a, const char *s);
/* A grantee as a statement names it: quoted, or PUBLIC for ''. */
const char *cat_grantee(Cat *c, const char *role);
/* ALTER kind obj OWNER TO owner, late; nothing when owner is NULL. */
void cat_owner_to(Cat *c, const char *kind, const char *obj, const char *owner);
/* An object's ACL (ACL_GROUPS text, NULL: the default, nothing emitted) as
 * REVOKE ALL from PUBLIC and the owner, then one GRANT per grantee and
 * grant option, late. */
void cat_privileges(Cat *c, const char *kind, const char *obj, const char *owner, const char *acl);
/* A column's ACL (ACL_GROUPS text) as GRANTs on the column, late. */
void cat_column_privileges(Cat *c, const char *qt, const char *col, const char *acl);
/* The rows [*lo, *hi) of r (ordered by the oid in its first column) that
 * belong to `oid`; an empty range when r is NULL. */
void cat_rows_of(struct pg_result *r, const char *oid, int *lo, int *hi);
/* Queue `ddl` for the dependency-ordered part of the text: `kind` 'c' a
 * relation, 't' a domain, 'p' a function, 'o' an operator, `oid` its oid,
 * `deps` the DEPS() array of the keys it needs. */
void cat_add_sorted(Cat *c, char kind, const char *oid, const char *deps, const char *ddl);

/* ------------------------------------------------------------------------
 * parser/catalog_types.c — internal to parser/catalog*.c: what is not a
 * relation
 * ------------------------------------------------------------------------ */

/* " OPTIONS (...)" of a generic options array (name=value text[], a
 * secret's value masked); "" for none. */
const char *cat_generic_options(Cat *c, const char *arr);
/* Each reads its kind with one query into the text (catalog_read() calls
 * them in its order). */
void cat_read_foreign(Cat *c);
void cat_read_collations(Cat *c);
void cat_read_text_search(Cat *c);
void cat_read_enums(Cat *c);
void cat_read_domains(Cat *c);
void cat_read_ranges(Cat *c);
void cat_read_casts(Cat *c);
void cat_read_statistics(Cat *c);
void cat_read_sequences(Cat *c);
void cat_read_functions(Cat *c);
void cat_read_operators(Cat *c);
void cat_read_opclasses(Cat *c);
void cat_read_default_privileges(Cat *c);
void cat_read_publications(Cat *c);
void cat_read_event_triggers(Cat *c);

/* ------------------------------------------------------------------------
 * parser/catalog_rel.c — internal to parser/catalog*.c: relations and what
 * hangs on them
 * ------------------------------------------------------------------------ */

/* START WITH ... [NO] CYCLE of the six sequence columns from `first`
 * (start, increment, min, max, cache, cycle) of row `row`. */
const char *cat_seq_clause(Cat *c, struct pg_result *r, int row, int first);
/* The columns and storage parameters of every relation, kept in c->cols
 * and c->opts for the relation readers below (call it first). */
void cat_read_relation_parts(Cat *c);
/* Each reads its kind with one query into the text (catalog_read() calls
 * them in its order). */
void cat_read_composite_types(Cat *c);
void cat_read_tables(Cat *c);
void cat_read_views(Cat *c);
void cat_read_constraints(Cat *c);
void cat_read_indexes(Cat *c);
void cat_read_triggers(Cat *c);
void cat_read_rules(Cat *c);
void cat_read_policies(Cat *c);

/* ------------------------------------------------------------------------
 * parser/catalog_opc.c — internal to parser/catalog*.c: an index key
 * column's COLLATE and operator class as pg_get_indexdef() writes them
 * ------------------------------------------------------------------------ */

typedef struct CatOpc CatOpc;
/* The query of every type, operator class, binary-coercible implicit cast
 * and collation that cat_opc_new() reads. */
const char *cat_opc_sql(Cat *c);
/* The lookups over that query's result `r` (NULL: none, every lookup
 * fails); `r` must outlive them. */
CatOpc *cat_opc_new(Arena *a, struct pg_result *r);
/* Append to `sb` what pg_get_indexdef() writes after a plain key column's
 * name: " COLLATE name" when the index's collation `indcoll` is set and
 * not the column's `colcoll`, and " class" when the operator class
 * `opclass` is not GetDefaultOpClass() of the column's type `coltype` for
 * its access method (all oids as text).  false, with `sb` perhaps written
 * to, when an oid is not one the query returned. */
bool cat_opc_extras(CatOpc *o, StrBuf *sb, const char *opclass, const char *indcoll, const char *coltype,
                    const char *colcoll);

/* ------------------------------------------------------------------------
 * parser/catalog.c — a live database as a source
 * ------------------------------------------------------------------------ */

typedef struct CatBatch CatBatch;
/* One catalog read over a connection the engine (parser/catalog_async.c)
 * opened.  With `batch` recording: every query is recorded in it (server
 * version from the batch; `m`, `conn`, `diags` untouched).  Replaying: the
 * results the pipeline received are read into `m` as catalog_read() reads
 * them; `conn` (NULL: connecting failed, `conn_err` says why) must be out
 * of pipeline mode, blocking, in the open REPEATABLE READ transaction; it
 * is owned from here on (kept as m->snapshot, or closed when the read
 * fails).  `name` is the source as printed (no secret). */
void catalog_read_batch(Arena *a, Model *m, const char *name, struct pg_conn *conn, const char *conn_err,
                        CatBatch *batch, const SourceFilter *filter, Diags *diags, int *queries);

/* ------------------------------------------------------------------------
 * parser/catalog_own.c — schemadiff's own artefacts between a shadow
 * cutover and its cleanup
 * ------------------------------------------------------------------------ */

/* A table cut over through a shadow table whose cleanup has not run: the
 * old table is kept (with a reverse-sync trigger) until CALL
 * schemadiff.cleanup(...). */
typedef struct ShadowPending {
    const char *schema, *table;         /* the table (schemadiff.shadow_state's key) */
    const char *old_schema, *old_name;  /* the old table kept (status cutover),
                                         * else the shadow table being built */
    const char *status;                 /* the row's status */
} ShadowPending;

/* In the catalog read's snapshot (`conn`, search_path empty), after the
 * catalog DDL was read into `m` and before ddl_finish(): read
 * schemadiff.shadow_state when it exists, record each row of status
 * `cutover` in m->shadow_pending and remove its old table (old_name) from
 * `m` with everything of it (columns, constraints, indexes, triggers,
 * policies, rules, owned sequences, statistics, partitions and children,
 * publication membership).  A failed query is an EXIT_DB diagnostic naming
 * the source `name`.  Returns the number of queries sent (1 or 2). */
int catalog_own_pending(struct pg_conn *conn, Arena *a, Model *m, const char *name, Diags *diags);

/* ------------------------------------------------------------------------
 * parser/catalog_size.c — the sizes of the tables a plan touches, read
 * after the plan in the catalog read's snapshot
 * ------------------------------------------------------------------------ */

/* The size in bytes (pg_total_relation_size; a partitioned table's leaves
 * summed) of each Table * of `tables` (tables of `m`), read with one query
 * over m->snapshot, into est_bytes (-1 when the table is gone or has
 * none), est_bytes_unread cleared.  Nothing is sent for a model without a
 * snapshot or an empty list.  A failed query (a lock wait past
 * CATALOG_LOCK_TIMEOUT included) is an EXIT_DB diagnostic naming the
 * source `name`.  Returns the number of queries sent (0 or 1). */
int catalog_table_sizes(Arena *a, Model *m, const char *name, const PtrVec *tables, Diags *diags);

/* ------------------------------------------------------------------------
 * parser/catalog_async.c — catalog reads over libpq's pipeline mode, many
 * databases at once
 * ------------------------------------------------------------------------ */

/* Read the user schema of the database at `url` (libpq URL; its environment
 * variables and .pgpass apply) into `m`, in one snapshot.  Connection and
 * query failures are EXIT_DB diagnostics; object kinds the model does not
 * hold are EXIT_INPUT diagnostics naming them.  *queries (if not NULL)
 * receives the number of queries sent.  Two connections when the server
 * allows (a helper on the main one's exported snapshot, with part of the
 * queries), one otherwise or with SCHEMADIFF_CATALOG_CONNECTIONS=1; the
 * model is the same. */
Model *catalog_read(Arena *a, Model *m, const char *url, const SourceFilter *filter, Diags *diags,
                    int *queries);

/* One database of catalog_read_tasks(). */
typedef struct CatalogTask {
    const char *url;    /* in: the connection string */
    Arena *a;           /* in, or set by `start`: where the model lives */
    Model *m;           /* in, or set by `start`: model_new + ddl_init_model */
    Diags *diags;       /* in, or set by `start`: this database's errors */
    int queries;        /* out: queries sent */
    double seconds;     /* out: from connecting to the model read */
    void *user;         /* the caller's */
    struct CatalogConn *cc; /* the engine's own state */
    int hold;           /* the engine's: ddl_parse_hold() taken while its queries run */
} CatalogTask;

/* Read the databases of `tasks` concurrently, at most `jobs` connections
 * open at a time: each connects without blocking (conn_start), its
 * catalog queries (recorded once per server version, catalog_read_batch)
 * go in one libpq pipeline, and the sockets of all open connections are
 * waited on together.  When all of a database's results are in, its model
 * is read (on this thread) and `done` is called with it; `start` (may be
 * NULL) is called just before a task connects, to set its a/m/diags.
 * Tasks start in order; `done` comes in completion order.  Each model
 * keeps its snapshot open (m->snapshot) until the caller's catalog_close(). */
void catalog_read_tasks(CatalogTask *tasks, int n, const SourceFilter *filter, int jobs,
                        void (*start)(void *arg, CatalogTask *t), void (*done)(void *arg, CatalogTask *t),
                        void *arg);
/* For parser/catalog.c's cat_query(): recording, record (what, sql) and
 * return an empty result; replaying, return the next result received
 * (the caller clears it), or NULL when `what` is not the one recorded
 * there (an internal error). */
struct pg_result *catbatch_query(CatBatch *b, const char *what, const char *sql);
/* Whether `b` records (rather than replays). */
bool catbatch_recording(const CatBatch *b);
/* A replay whose results are still arriving (parser/catalog_async.c's
 * read of one database): while the reader is busy with something else
 * between catbatch_away() and catbatch_back(), a thread of the engine's
 * keeps reading the connections, so that the server, whose results would
 * otherwise fill the socket, keeps working.  No-ops for any other batch. */
void catbatch_away(CatBatch *b);
void catbatch_back(CatBatch *b);
/* Whether results of `b` are still to arrive on its main connection. */
bool catbatch_arriving(const CatBatch *b);
/* The replay is over (every query asked, or the read failed): wait for
 * the connections to settle and leave the main one in blocking mode,
 * outside pipeline mode, for the queries that follow the read.  A no-op
 * for any other batch. */
void catbatch_done(CatBatch *b);
/* The server version the recording is for. */
int catbatch_server_version(const CatBatch *b);

/* ------------------------------------------------------------------------
 * parser/pfrun.c — pre-flight queries run in the catalog read's snapshot
 * ------------------------------------------------------------------------ */

/* Run each step's pre-flight query (Step *: preflight set) on the
 * connection the current model was read on (m->snapshot: same REPEATABLE
 * READ READ ONLY transaction, same snapshot), under SET LOCAL
 * statement_timeout = `timeout` (a PostgreSQL duration), each in a
 * savepoint so that one that fails or times out leaves the others
 * running.  Fills pf_state (PASSED, FAILED, TIMEOUT, ERROR), pf_count
 * (at most `cap`), pf_capped (more than `cap` rows), pf_samples (the first
 * PREFLIGHT_SAMPLES keys) and pf_error (the server's first line).  A
 * model without a snapshot leaves every step PF_NOT_RUN. */
void pfrun_steps(Arena *a, Model *m, PtrVec *steps, const char *timeout, int cap);
/* parser/verifydata.c: run the query of each finding (DataFinding *, see
 * diff/poly.c) on m->snapshot, each in a savepoint under statement_timeout
 * `timeout`, filling count and samples.  NULL when all ran, else why the
 * first failed (the server's first line). */
const char *verifydata_run(Arena *a, Model *m, PtrVec *findings, const char *timeout);
/* End the snapshot a catalog read left open (m->snapshot): the read-only
 * transaction is rolled back and the connection closed.  Safe on NULL and
 * on a model read from files; call it on every exit path, before a
 * scratch database is dropped. */
void catalog_close(Model *m);

/* ------------------------------------------------------------------------
 * parser/scratch.c — files loaded into a scratch database (--load-via-db)
 * ------------------------------------------------------------------------ */

typedef struct Scratch Scratch;

/* Where scratch databases are made: the server at dev_url (--dev-url), or,
 * when dev_url is NULL, a temporary cluster started now (PostgreSQL 15's
 * initdb and pg_ctl from $PG_BIN, /usr/lib/postgresql/15/bin or PATH; unix
 * socket in a private temporary directory; as root the server runs as OS
 * user postgres).  NULL with an EXIT_DB diagnostic when neither works. */
Scratch *scratch_start(Arena *a, const char *dev_url, Diags *diags);
/* Load the SQL of SRC (a .sql file, a directory, "-") into a new scratch
 * database (schemadiff_scratch_<pid>_<n>; refused when it exists) one
 * statement at a time, as psql would, and return a connection string for
 * it (the catalog reader reads it back).  A statement the server rejects
 * is an input error located in the file (file:line:col); NULL then. */
const char *scratch_load(Scratch *s, const char *src, Diags *diags);
/* scratch_load() of the first `n` texts of files/texts (as source_texts()
 * gives them), in order, each in a fresh session; `label` names them where
 * the catalog reader's diagnostics would name the database (schemadiff
 * check loads a migrations directory but its *.down.sql files). */
const char *scratch_load_texts(Scratch *s, const char *label, const PtrVec *files, const PtrVec *texts, int n,
                               Diags *diags);
/* A model read back from a scratch database, made to say what the files
 * say: owners that are only the loading role are unstated (as in a file
 * without OWNER TO), and its roles are not known (cluster state of the
 * scratch server, not of the files). */
void scratch_adopt(Scratch *s, Model *m);
/* Diagnostics of the catalog reader name a scratch database by its
 * connection string: name the files loaded into it instead. */
void scratch_rename(Scratch *s, Diags *diags);
/* Drop every scratch database made and stop a temporary cluster (its
 * directory removed).  Safe on NULL; called on every exit path. */
void scratch_stop(Scratch *s);

/* ------------------------------------------------------------------------
 * parser/conn.c — libpq connection strings and their secrets
 * ------------------------------------------------------------------------ */

/* Whether SRC names a database: a postgres:// URL or keyword=value pairs. */
bool catalog_is_connection(const char *src);
/* The connection string as it may be printed: without any secret parameter
 * (those PQconndefaults() marks with dispchar "*", matched ignoring case).
 * A URL stays a URL minus the user-info password and the secret query
 * parameters; keyword=value pairs stay as written minus the secret pairs.
 * Everything else is kept byte for byte.  Never fails, whatever `url` holds;
 * the result is in `a`. */
const char *catalog_display_name(Arena *a, const char *url);
/* Whether libpq treats `keyword` as a secret (dispchar "*"), ignoring case. */
bool conn_is_secret_keyword(const char *keyword);
/* NULL when libpq can parse `src`, else why not, in a message that quotes
 * no secret (in `a`). */
const char *conn_check(Arena *a, const char *src);
/* Connect to `src`.  NULL on failure with *err set to the first line of the
 * reason, which holds no secret (a string libpq cannot parse is never handed
 * to PQconnectdb; see conn_check). */
struct pg_conn *conn_open(Arena *a, const char *src, const char **err);
/* Start connecting to `src` without blocking (PQconnectStartParams, then
 * PQconnectPoll by the caller), with client_encoding UTF8 whatever the
 * string says.  NULL with *err set (no secret) when libpq cannot parse it
 * or is out of memory. */
struct pg_conn *conn_start(Arena *a, const char *src, const char **err);
/* Run `sql` on c and discard the result: whether it succeeded (a command,
 * or a query returning rows). */
bool conn_command_ok(struct pg_conn *c, const char *sql);

/* ------------------------------------------------------------------------
 * parser/applyrun.c — a plan run on a database, recorded in one history
 * table (schemadiff apply, schemadiff history)
 * ------------------------------------------------------------------------ */

/* The history table's name in SD_OWN_SCHEMA when schemadiff.yaml's
 * apply.history_table does not name another. */
#define APPLY_HISTORY_DEFAULT "history"
/* apply's session-level advisory lock (pg_try_advisory_lock(bigint)): in
 * pg_locks, classid 0x73636864 ('schd'), objid 0x61707031 ('app1'),
 * objsubid 1. */
#define APPLY_LOCK_KEY 0x7363686461707031LL
/* A group that fails on lock_timeout (SQLSTATE 55P03) is tried again this
 * many times, after APPLY_RETRY_PAUSE_MS, doubling each time. */
#define APPLY_LOCK_RETRIES 4
#define APPLY_RETRY_PAUSE_MS 500L
/* A statement still running after APPLY_PROGRESS_FIRST seconds is
 * reported on stderr, then every APPLY_PROGRESS_EVERY seconds. */
#define APPLY_PROGRESS_FIRST 2.0
#define APPLY_PROGRESS_EVERY 10.0

/* One group of a script: a transaction (BEGIN, its statements, COMMIT) or
 * one statement that runs outside a transaction block. */
typedef struct ApplyGroup {
    PtrVec stmts;         /* char *: the statements, each ends with ';' */
    PtrVec labels;        /* char *: one per statement, as progress and errors
                           * name it: "step 4.2 (create public.t_a (index))" */
    bool transactional;
    int change;           /* the plan's change number of its statements (1-
                           * based; 0 unknown, -1 several): a statement outside
                           * a transaction is retried and resumed from the first
                           * group of its change */
} ApplyGroup;

/* What apply runs: the session's settings, then the groups in order. */
typedef struct ApplyScript {
    const char *text;     /* the migration as written: its checksum is recorded */
    PtrVec session;       /* char *: SET statements run before the groups */
    PtrVec groups;        /* ApplyGroup * */
    int statements;       /* in all groups */
} ApplyScript;

/* Why a run stopped. */
typedef struct ApplyFailure {
    int group;            /* index of the group that failed */
    const char *statement, *label;
    const char *message;  /* the server's report: ERROR, DETAIL, HINT, CONTEXT */
    int retries;          /* lock-timeout retries made before giving up */
    bool lost;            /* the connection broke */
} ApplyFailure;

/* A history row to insert. */
typedef struct ApplyRecord {
    const char *kind;     /* "apply" (--to), "plan" (--plan), "baseline" */
    const char *status;   /* "running"; "done" for a baseline; "refused" (the
                           * reason in `note`, finished at once) */
    const char *from_fp, *to_fp, *checksum, *source, *note;
    int groups_total, groups_finished;
} ApplyRecord;

/* A history row as read (text as the server prints it; NULL: SQL NULL). */
typedef struct ApplyRow {
    long long id;
    const char *id_text, *kind, *status, *from_fp, *to_fp, *checksum;
    int groups_total, groups_finished;
    const char *started, *finished, *duration; /* UTC ISO 8601; seconds */
    const char *db_user, *os_user, *client_host, *version, *source, *error;
} ApplyRow;

typedef struct ApplySession ApplySession;

/* SD_OWN_SCHEMA "." the history table's name (config_name: the config's
 * apply.history_table, NULL for the default). */
const char *applyrun_table_name(Arena *a, const char *config_name);
/* Connect to `url` for an apply (client_encoding UTF8, application_name
 * "schemadiff apply", client_connection_check_interval 1s where the server
 * has it) and see whether the history table exists.  NULL with an EXIT_DB
 * diagnostic (no secret in it) on failure. */
ApplySession *applyrun_open(Arena *a, const char *url, const char *table_name, Diags *diags);
/* Close the session: its advisory lock goes with it.  Safe on NULL. */
void applyrun_close(ApplySession *s);
/* "schemadiff.history" (or the configured name). */
const char *applyrun_history_name(const ApplySession *s);
/* Whether the history table existed when the session opened (or was made
 * by applyrun_history_ready). */
bool applyrun_history_exists(const ApplySession *s);
/* Take apply's advisory lock (APPLY_LOCK_KEY) without waiting; false with
 * an EXIT_DB diagnostic naming the session that holds it. */
bool applyrun_lock(ApplySession *s, Diags *diags);
/* Create SD_OWN_SCHEMA and the history table when missing (one
 * transaction; call with the lock held). */
bool applyrun_history_ready(ApplySession *s, Diags *diags);
/* Mark every row still 'running' as failed, interrupted (call with the
 * lock held: their applies are gone); the rows as they are now. */
PtrVec applyrun_history_close_interrupted(ApplySession *s, Diags *diags);
/* The newest row, NULL when none (or no table). */
ApplyRow *applyrun_history_last(ApplySession *s, Diags *diags);
/* The SHA-256 (hex) of `text`'s bytes, as sha256sum prints it (computed
 * here, schemas/sha256.c: no round trip); never NULL. */
const char *applyrun_checksum(ApplySession *s, const char *text, Diags *diags);
/* Insert this apply's row; its id is applyrun_history_row()'s. */
bool applyrun_history_begin(ApplySession *s, const ApplyRecord *rec, Diags *diags);
long long applyrun_history_row(const ApplySession *s);
/* Finish the row: done, or failed with `error`; finished_at now.  false
 * when the row cannot be updated (connection lost: it stays 'running' and
 * the next apply marks it interrupted). */
bool applyrun_history_end(ApplySession *s, bool done, const char *error, Diags *diags);
/* Run the script's session settings, then its groups from index `first`:
 * each transaction group with the row's groups_finished raised inside it,
 * each other group followed by that update; lock timeouts retried
 * (APPLY_LOCK_RETRIES); progress of long statements on stderr.  EXIT_OK,
 * or EXIT_DB with *fail saying where and why. */
int applyrun_run(ApplySession *s, const ApplyScript *sc, int first, ApplyFailure *fail);
/* Where a run that finished `finished` groups goes on: that group, or the
 * first group of its change when it runs outside a transaction. */
int applyscript_resume_point(const ApplyScript *sc, int finished);
/* schemadiff history: the rows of the history table at `url`, oldest
 * first, as text or JSON (one object a line) into `out`.  EXIT_OK (also
 * when there is no table yet), or EXIT_DB with a diagnostic. */
int applyrun_history_list(Arena *a, const char *url, const char *table_name, bool json, StrBuf *out, Diags *diags);

/* ------------------------------------------------------------------------
 * parser/applyscript.c — a reviewed plan directory (apply --plan DIR)
 * ------------------------------------------------------------------------ */

/* The facts of DIR/plan.json apply checks. */
typedef struct AppliedPlan {
    const char *from_fp, *to_fp;     /* fingerprints of both states */
    const char *from_src, *to_src;   /* as the plan named them */
    unsigned hazards;                /* of all changes (Hazard bits) */
    int changes;
    int pf_failed;                   /* steps whose pre-flight failed */
    const char *pf_first;            /* the first: "step 2.1 of \"...\"" */
    /* The steps with a pre-flight query (appended): apply --plan runs them
     * again on the database before it runs anything. */
    PtrVec pf_steps;                 /* Step *: preflight, preflight_what set,
                                      * pf_state PF_NOT_RUN */
    PtrVec pf_labels;                /* char *: per pf_steps, "step 2.1 of \"...\"" */
    PtrVec pf_change;                /* per pf_steps: its change number (1-based),
                                      * stored as (void *)(intptr_t) */
} AppliedPlan;

/* Split migration.sql (`text`, named `file`) into apply's groups: BEGIN …
 * COMMIT a transaction group, another statement outside a block a group
 * of its own, SET/RESET outside a block the session's settings; labels
 * and change numbers from schemadiff's `-- N.` / `-- step N.K:` comments.
 * Parses in the current parse context.  false with a located input error
 * when the text does not parse or is not such a script. */
bool applyscript_read(Arena *a, const char *file, const char *text, ApplyScript *sc, Diags *diags);
/* Read plan.json (`text`, named `file`) into *p and check that the
 * migration's header names the same two states.  false with a located
 * input error otherwise. */
bool applyplan_read(Arena *a, const char *file, const char *text, const char *migration_file,
                    const char *migration, AppliedPlan *p, Diags *diags);

/* ------------------------------------------------------------------------
 * parser/config.c — schemadiff.yaml (libyaml)
 * ------------------------------------------------------------------------ */

/* The settings of a config file; each has_* says the file gave it (the
 * command line's flags override what it gives). */
typedef struct Config {
    const char *file;                 /* as named in errors; NULL: no file */
    unsigned allow;                   /* hazards.allow: Hazard bits */
    const char *lock_timeout;         /* timeouts.lock */
    const char *statement_timeout;    /* timeouts.statement */
    PtrVec include, exclude;          /* schemas.include / .exclude (char *) */
    bool owners;                      /* owners */
    bool has_allow, has_lock_timeout, has_statement_timeout, has_include, has_exclude, has_owners;
    const char *history_table;        /* apply.history_table: a name in SD_OWN_SCHEMA */
    bool has_history_table;
    PtrVec poly;                      /* polymorphic: PolyRule * (parser/config_poly.c) */
    PtrVec poly_ignore;               /* polymorphic_ignore: PolyName * */
    bool has_poly, has_poly_ignore;
    /* shadow.*: tables ("schema.name" or "name"), size thresholds, rows per
     * backfill batch, the phases' lock_timeout, cutover (in_place|staged) */
    PtrVec shadow_tables;
    long long shadow_min_rows, shadow_min_bytes, shadow_batch_size;
    const char *shadow_lock_timeout, *shadow_cutover;
    bool has_shadow_tables, has_shadow_min_rows, has_shadow_min_bytes, has_shadow_batch_size,
        has_shadow_lock_timeout, has_shadow_cutover;
    PtrVec conversions;               /* conversions: ConvRule * (parser/config_conv.c) */
    bool has_conversions;
} Config;

/* ------------------------------------------------------------------------
 * parser/config_poly.c — the `polymorphic:` rules of schemadiff.yaml
 * ------------------------------------------------------------------------ */

/* What a target's rows do when the target row goes (or its key changes). */
typedef enum PolyAction { POLY_RESTRICT, POLY_CASCADE, POLY_SET_NULL, POLY_NO_ACTION } PolyAction;
/* How a rule is enforced in the database. */
typedef enum PolyEnforce { POLY_TRIGGER, POLY_GENERATED_FKS, POLY_ENFORCE_NONE } PolyEnforce;

/* A table named in the config ("schema.table", schema public when not
 * given), where it was written. */
typedef struct PolyName {
    const char *schema, *table;
    SrcLoc loc;
} PolyName;

/* One type of a rule whose ids are keys of a table here. */
typedef struct PolyTarget {
    const char *type;          /* the type column's value */
    const char *schema, *table, *column;  /* `targets: type: schema.table(column)` */
    PolyAction on_delete;      /* its own `on_delete`, else the rule's */
    SrcLoc loc;                /* the type (the key) */
    SrcLoc ref_loc;            /* the schema.table(column) text */
    SrcLoc action_loc;         /* the on_delete that applies */
    bool own_action;           /* the target's own on_delete */
} PolyTarget;

/* One `polymorphic:` item. */
typedef struct PolyRule {
    const char *schema, *table, *type_column, *id_column;
    PtrVec targets;            /* PolyTarget *, in the file's order */
    PtrVec external;           /* PolyTarget * with only type and loc: types with no table here */
    PolyAction on_delete;      /* default restrict */
    PolyEnforce enforce;       /* default trigger */
    SrcLoc loc, table_loc, type_loc, id_loc, on_delete_loc, enforce_loc;
} PolyRule;

/* The reader state of parser/config.c, for the readers of its sections. */
typedef struct ConfigReader ConfigReader;
/* Where libyaml's mark (a character index) is in the config text. */
SrcLoc config_loc(ConfigReader *r, size_t mark_index);
/* An input error at a mark (the first few of them; see config.c). */
void config_error(ConfigReader *r, size_t mark_index, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The same at a place already converted (a value kept with a rule). */
void config_error_loc(ConfigReader *r, SrcLoc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The reader's arena and its yaml_document_t (void *: model.h does not
 * include yaml.h). */
Arena *config_arena(ConfigReader *r);
void *config_doc(ConfigReader *r);
/* Whether the reader has reported as many errors as it reports. */
bool config_full(ConfigReader *r);
/* `polymorphic:` (a list of rule mappings) and `polymorphic_ignore:` (a
 * list of table names) into cfg->poly / cfg->poly_ignore; every mistake of
 * shape or value is an input error at its place (`node` is a yaml_node_t *).
 * What needs the schema is checked later (diff/poly.c, poly_check). */
void config_poly_rules(ConfigReader *r, Config *cfg, void *node);
void config_poly_ignore(ConfigReader *r, Config *cfg, void *node);
/* Whether s[0..n) can be one part of a dotted name in the config file: not
 * empty, no dot, parenthesis, quote or white space (the `polymorphic:` and
 * `conversions:` sections share it). */
bool config_name_ok(const char *s, size_t n);

/* ------------------------------------------------------------------------
 * parser/config_conv.c — the `conversions:` of schemadiff.yaml
 * ------------------------------------------------------------------------ */

/* One `conversions:` item: the USING expressions of a column's type change. */
typedef struct ConvRule {
    const char *schema, *table, *column;  /* `column: schema.table.column` (public) */
    const char *using_expr;               /* `using`: the forward USING expression */
    const char *rollback_using;           /* `rollback_using`, or NULL */
    SrcLoc loc, column_loc, using_loc, rollback_loc;
} ConvRule;

/* `conversions:` (a list of mappings) into cfg->conversions; a mistake of
 * shape, an unknown key, an expression that is not exactly one PostgreSQL
 * expression, a column named twice: input error at its place (`node` is a
 * yaml_node_t *).  Checks against the schema: diff/conv.c, conv_apply. */
void config_conversions(ConfigReader *r, Config *cfg, void *node);

/* Whether v is a PostgreSQL duration as lock_timeout and statement_timeout
 * take it: a whole number with no unit (milliseconds) or with ms, s, min, h
 * or d, at most INT_MAX milliseconds. */
bool config_valid_duration(const char *v);
/* Read the YAML text of a config (`len` bytes, NUL-terminated after them)
 * named `file` into *cfg (zeroed by the caller).  Every error (YAML syntax,
 * unknown key, wrong type, bad value, duplicate key, text that is not UTF-8
 * or holds a NUL) is an EXIT_INPUT diagnostic at its place in the text. */
void config_read_text(Config *cfg, Arena *a, const char *file, const char *text, size_t len, Diags *diags);
/* Read the file at `path` (also its name in errors) with config_read_text.
 * A file that cannot be read (or is a directory) is an EXIT_INPUT
 * diagnostic with the OS's reason, and false. */
bool config_read_file(Config *cfg, Arena *a, const char *path, Diags *diags);

/* ------------------------------------------------------------------------
 * parser/depth.c — bounded measurement of a parse tree's depth
 * ------------------------------------------------------------------------ */

/* Deepest statement accepted, in tree levels (every node, lists included,
 * counts one).  PostgreSQL itself accepts a 4,400-term `1+1+…` default
 * (about 4,400 levels) with its default max_stack_depth.  The cap stays
 * below what its grammar can read back: a left-associative chain is
 * deparsed with one nested parenthesis a level, and the parser's stack
 * holds about 9,985 of those, so 8,000 keeps every accepted expression
 * printable as SQL that PostgreSQL parses. */
#define DEPTH_LIMIT 8000
/* Whether `tree` is more than `limit` levels deep.  Its own recursion stops
 * at the limit, so it is safe on any tree the raw parse returns.  On the way
 * it checks type modifiers as PostgreSQL would: *bad_typmod is the location
 * of the first type name whose modifiers are not constants or words
 * (`numeric(14 ? 2)`, refused by parse analysis) or, *builtin then true, of
 * a built-in type with a modifier that is not an integer (`numeric(14.5)`,
 * refused by its typmodin); else -1 (also when the tree is too deep).
 * *param is the location of the first parameter reference ($n, number
 * *param_no) outside a function's SQL body or a PREPARE, where PostgreSQL
 * refuses it ("there is no parameter $n"); -1 when there is none, when
 * the tree is too deep, or when it is a data statement (the reader leaves
 * those out). */
bool depth_check(const struct Node *tree, int limit, int *bad_typmod, bool *builtin, int *param, int *param_no);

/* ------------------------------------------------------------------------
 * parser/copydata.c — COPY ... FROM stdin data blocks of a dump
 * ------------------------------------------------------------------------ */

/* Blank (spaces, newlines kept) the rows after every COPY ... FROM stdin
 * statement of buf, up to and with their `\.` line (or the end).  Blocks
 * are found by real statement boundaries (libpg_query), never by a line
 * inside a string or comment that looks like a COPY. */
void copydata_blank(char *buf);

/* ------------------------------------------------------------------------
 * parser/ddl.c — the DDL interpreter: raw parse trees -> model
 * ------------------------------------------------------------------------ */

typedef struct NormCtx {
    Arena *arena;
    const char *default_schema; /* unqualified names resolve here */
    const struct Table *table;  /* for expressions of a table: its columns' types
                                 * and collations (casts and COLLATE that restate
                                 * them are dropped, as the catalog does) */
    bool column_casts;          /* drop every cast on a column reference: in view
                                 * queries, trigger WHEN and policies the server
                                 * adds the implicit ones (`(a)::numeric / 100.0`);
                                 * without types they cannot be told apart */
    const StrMap *collations;   /* the model's collations (Model.collations), or
                                 * NULL: an index element's unqualified COLLATE
                                 * naming one of default_schema is qualified, as
                                 * the catalog prints it */
} NormCtx;

/* The interpreter's state while it reads one file (shared with the
 * statement readers of parser/objects.c and parser/acl.c). */
typedef struct DdlReader {
    Model *m;
    Arena *a;
    Diags *diags;
    const char *file;
    const char *text;
    NormCtx nc;          /* nc.default_schema: the search_path's first schema */
    int stmt_len;        /* of the statement being read (0: to the end) */
    long stmt_seq;       /* statements read so far (parser/datastmt.c's cache) */
    struct DataStmts *data; /* parser/datastmt.c: what was skipped, its cache */
    int text_no;         /* the text's number in the model's history (1-based;
                          * 0: not recorded, e.g. the catalog's DDL) */
    int stmt_no;         /* the top-level statement's index in the text */
    const struct Node *top_stmt; /* that statement (a DO block's are nested) */
    int top_loc, top_len; /* its location and length in the text */
} DdlReader;

/* A located input error (exit 3) at a byte offset of the file. */
void ddl_error(DdlReader *r, int offset, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Split a possibly qualified name list into schema (default applied) and name. */
void ddl_qualified(DdlReader *r, struct List *names, const char **schema, const char **name);
/* The relation (table, view, materialized view or sequence) a RangeVar
 * names, or NULL (no error is reported). */
Obj *ddl_relation(DdlReader *r, const char *schemaname, const char *relname);

/* parser/rawparse.c splits a large text's parse over two threads only while
 * the other threads at work leave a core free: a side reading its files
 * holds one, a live read its server's connections while its queries run
 * (backends on the same cores when the server is local): `n` more, or fewer
 * when negative, held by the calling thread. */
void ddl_parse_hold(int n);
/* Parse one file's text and apply its statements to `m`. */
void ddl_read_text(Model *m, const char *file, const char *text, Diags *diags);
/* The same for DDL schemadiff itself wrote (parser/catalog.c's text of a
 * database): text that does not parse is schemadiff's own fault, an
 * internal error (exit 5) naming the statement, not an input error.  Only
 * the statements from byte `from` on are read (0: all), `from` just after
 * the ";\n" that ends one: a text read in two parts, its first part
 * (text[0..from), as a text of its own) read first, gives the model, and
 * the diagnostics at the same places, that reading it whole gives.  False
 * when no statement was read (the text does not parse, or one is too
 * deep). */
bool ddl_read_generated(Model *m, const char *file, const char *text, size_t from, Diags *diags);
/* parser/txblock.c: which statements of a file (its raw statement list)
 * a later ROLLBACK / ABORT or ROLLBACK TO SAVEPOINT of the file discards,
 * one flag per statement, or NULL when none is; SAVEPOINT commands outside
 * a block and two-phase commit are located input errors. */
bool *txblock_skipped(DdlReader *r, const struct List *tree);
/* parser/foreign.c: a model read from files says FOR CURRENT_USER where a
 * database stores the role: when `db` was read from a database, each
 * CURRENT_USER user mapping of `files` becomes db's current_user's (unless
 * files already has that role's mapping for the server); the model must
 * be sorted again (model_sort). */
void foreign_resolve_current_user(Model *files, const Model *db);
/* Put what every database has (the public schema) into a new model. */
void ddl_init_model(Model *m);

/* ---- parser/schemaren.c: ALTER SCHEMA ... RENAME of a schema with objects ---- */

typedef struct DdlHistory DdlHistory;
/* Record a text about to be read into m (generated text disables renames
 * that restart); returns its 1-based number, 0 when not recorded. */
int schemaren_begin_text(Model *m, const char *file, const char *text, Diags *diags, bool generated);
/* Whether a rename asked for m's texts to be read again. */
bool schemaren_pending(const Model *m);
/* The number of texts recorded; with 1 <= i <= that, text i and its file. */
int schemaren_texts(const Model *m, const char **file, const char **text, int i);
/* When a rename is pending: empty m (as model_new + ddl_init_model, its
 * label, filter and options kept), drop the diagnostics recorded since its
 * first text, and return true: the caller reads every text again. */
bool schemaren_restart(Model *m, Diags *diags);
/* ALTER SCHEMA (schema) RENAME TO new_ of a schema that holds objects, at
 * the top-level statement `stmt`: record it and ask for a restart; false
 * when it cannot be done that way (nested in a DO block, the public
 * schema, generated text): the caller reports it. */
bool schemaren_request(DdlReader *r, const Obj *schema, const char *new_, const struct Node *stmt);
/* The statement to read in place of rs (r's current position): rs with
 * each recorded rename applied when it lies between the schema's creation
 * and the rename; *skip set for the rename statement itself (top: rs is
 * the top-level statement, not one of a DO block's). */
struct RawStmt *schemaren_statement(DdlReader *r, struct RawStmt *rs, bool top, bool *skip);

/* ------------------------------------------------------------------------
 * parser/ddl_table.c — the interpreter's tables, columns, constraints,
 * indexes and sequences (called from parser/ddl.c's dispatch)
 * ------------------------------------------------------------------------ */

struct TypeName;
struct CreateSeqStmt;
struct AlterSeqStmt;
struct CreateStmt;
struct AlterTableStmt;
struct IndexStmt;
/* COMMENT text: NULL for NULL and ''. */
const char *ddl_comment_text(const char *c);
/* A column or cast type as the model keeps it (norm_type); type modifiers
 * of a built-in type that are not integers are a located error. */
TypeRef ddl_type_of(DdlReader *r, struct TypeName *tn);
/* CREATE SEQUENCE / ALTER SEQUENCE (OWNED BY, options) into the model. */
void ddl_read_create_seq(DdlReader *r, struct CreateSeqStmt *st);
void ddl_read_alter_seq(DdlReader *r, struct AlterSeqStmt *st);
/* CREATE TABLE (and the base of CREATE FOREIGN TABLE): columns, serials,
 * constraints named as PostgreSQL names them, inherited columns, LIKE. */
void ddl_read_create_table(DdlReader *r, struct CreateStmt *cs);
/* ALTER TABLE / ALTER FOREIGN TABLE / ALTER INDEX ... ATTACH PARTITION:
 * each subcommand applied in order; unsupported ones are located errors. */
void ddl_read_alter_table(DdlReader *r, struct AlterTableStmt *st);
/* CREATE INDEX on a table or materialized view (a generated name when the
 * statement has none). */
void ddl_read_index(DdlReader *r, struct IndexStmt *st);
/* A dropped table (column NULL): every object whose table is t (columns,
 * constraints, indexes, ...) and the sequences it owns leave the model and
 * its name maps.  With a column: that column and the sequence it owns. */
void ddl_remove_table_children(DdlReader *r, Table *t, const char *column);
/* An index or constraint leaving the model: its name is free again in the
 * reader's relation and constraint name maps. */
void ddl_forget_relation_name(DdlReader *r, const Obj *o);

/* ------------------------------------------------------------------------
 * parser/finish.c — the reader's pass after all files
 * ------------------------------------------------------------------------ */

/* After all files: resolve references, generate dependencies, check rules. */
void ddl_finish(Model *m, Diags *diags);
/* parser/extend.c: read `text` (named `file` in errors) into a model that
 * was already finished (source_read), finish it again, sort it and drop its
 * cached fingerprint.  Generated objects (diff/poly.c) enter so. */
void ddl_extend(Model *m, const char *file, const char *text, Diags *diags);
/* parser/detach.c: once every statement of a source is read (before
 * ddl_finish()), copy every parse tree node a model object keeps into the
 * current memory context, and every string it or the model's maps keep
 * that is in neither the model's arena nor the program's image into the
 * arena, so that the context the source was read into can be deleted. */
void ddl_detach(Model *m);
/* Reading a source (source_read, replay_read): ddl_reading_begin() makes a
 * context of its own current for the trees; after the last statement,
 * ddl_reading_end() makes the caller's context current again and, unless
 * `diags` holds errors, detaches the model and deletes that context (with
 * errors the trees stay, freed with the caller's context), then finishes
 * (no errors), sorts and fingerprints (no errors) the model.  Its times
 * and memory are reported with SCHEMADIFF_TIMING. */
typedef struct DdlReading {
    void *outer, *reading;
} DdlReading;
DdlReading ddl_reading_begin(void);
void ddl_reading_end(Model *m, DdlReading r, Diags *diags);

/* ------------------------------------------------------------------------
 * parser/datastmt.c — data statements between DDL
 * ------------------------------------------------------------------------ */

/* A data statement (INSERT, UPDATE, DELETE, MERGE, SELECT, COPY, TRUNCATE,
 * VACUUM, ANALYZE, REFRESH MATERIALIZED VIEW, LOCK, NOTIFY, LISTEN, CALL,
 * EXPLAIN, DECLARE/FETCH/CLOSE, CHECKPOINT, DISCARD): false when `n` is
 * none of them.  Otherwise it is left out when nothing it runs can change
 * the schema (counted for datastmt_finish()), else a located error naming
 * the reason and --load-via-db; true either way.  `off`: the statement's
 * offset in the file. */
bool datastmt_read(DdlReader *r, struct Node *n, int off);
/* After a file: one located warning counting the data statements left out
 * (by kind), at the first of them; nothing when there were none. */
void datastmt_finish(DdlReader *r);
/* Before each statement the file reader applies: counts it, and notes one
 * that may change objects in place (datastmt_read() then rebuilds its
 * lookups rather than extend them). */
void datastmt_note(DdlReader *r, struct Node *n);
/* The kind ("INSERT", "VACUUM", ...) of a data statement, NULL for others. */
const char *datastmt_kind(struct Node *n);

/* ------------------------------------------------------------------------
 * parser/rename_sig.c — a renamed type in function signatures
 * ------------------------------------------------------------------------ */

/* Type schema.old was renamed to schema.new_: every function and aggregate
 * whose signature, result or aggregate definition names it follows (type
 * names in its statement and canonical strings, and its identity key).
 * Returns how many did. */
int rename_type_in_routines(DdlReader *r, const char *schema, const char *old, const char *new_);

/* ------------------------------------------------------------------------
 * parser/rename_star.c — a renamed column a view reads through `*`
 * ------------------------------------------------------------------------ */

/* Expand the stars of view v over table t (a plain `SELECT * FROM t`, or
 * `t.*`/`alias.*`: one SELECT, t its only FROM item) into t's columns as
 * `qual.column`, as PostgreSQL did when it made the view.  false (v
 * unchanged) when v is not of that form or has no such star. */
bool rename_expand_star(DdlReader *r, Definition *v, const Table *t);

/* ------------------------------------------------------------------------
 * parser/builtin_funcs.c — PostgreSQL's own function names (generated)
 * ------------------------------------------------------------------------ */

/* Whether `name` is the name of one of PostgreSQL 15's built-in functions
 * (pg_catalog's pg_proc). */
bool builtin_function_name(const char *name);

/* Apply one parsed statement as if it stood in the file at
 * rs->stmt_location (rs->stmt_len bytes): the file reader's dispatch,
 * used by parser/doblock.c for the statements a DO block runs. */
void ddl_apply_stmt(DdlReader *r, struct RawStmt *rs);
/* The first token of a statement: past blanks, `--` and (nested) block
 * comments, since libpg_query's statement location is just after the
 * previous statement's ';'.  Where a statement's errors point. */
int ddl_stmt_start(const DdlReader *r, int offset);

/* ------------------------------------------------------------------------
 * parser/doblock.c — DO blocks: the DDL they would run
 * ------------------------------------------------------------------------ */

/* Read a DO block at file offset `offset`: compile its PL/pgSQL with
 * libpg_query and apply the DDL it would run (nested blocks, EXCEPTION
 * WHEN duplicate_... THEN null, IF [NOT] EXISTS catalog lookups evaluated
 * against the model, EXECUTE of a constant string; role statements are
 * ignored).  Anything else is a located input error naming --load-via-db. */
void doblock_read(DdlReader *r, struct DoStmt *st, int offset);

/* ------------------------------------------------------------------------
 * parser/guards.c — the guards of schemadiff's own migrations, decided
 * against the model being read
 * ------------------------------------------------------------------------ */

/* A DO block's IF condition (or part of one) of a shape emit/ writes — a
 * catalog lookup by to_regclass()/::regclass/::regtype literal, the
 * invalid-index check (always false: files build no invalid index), an
 * identity's or a default's sequence, an owner that is not the grantee, an
 * enum's labels — answered from the model: 1 true, 0 false, -1 not such a
 * shape (parser/doblock.c then tries its own lookups by name). */
int guards_cond(DdlReader *r, struct Node *cond);
/* The body of one of emit/'s DO blocks with a loop over the catalog or a
 * sequence position in a variable (emit/seqpos.c), rewritten as the
 * straight-line PL/pgSQL it amounts to for the model as it stands (rows
 * computed from the model; positions, which are data, left out); NULL when
 * `body` is not one of them. */
const char *guards_block(DdlReader *r, const char *body);
/* Whether a statement is the one emit/seqpos.c writes to move a sequence
 * past the rows a column holds (`SELECT pg_catalog.setval(...) FROM
 * pg_catalog.pg_sequence ...`): data, which a model does not hold. */
bool guards_sequence_position(const struct Node *stmt);

/* ------------------------------------------------------------------------
 * parser/objects.c — views, functions, triggers, policies, domains, types
 * ------------------------------------------------------------------------ */

/* Apply a statement that defines or alters one of the Definition kinds;
 * false if the statement is not one of them. */
bool objects_read_stmt(DdlReader *r, struct Node *stmt, int offset);
/* COMMENT ON COLUMN of a view or composite type (comment NULL: none);
 * false if there is no such view or type. */
bool objects_column_comment(DdlReader *r, const char *schema, const char *rel, const char *column,
                            const char *comment);
/* The function, procedure or aggregate (GRANT, COMMENT ON and ALTER
 * FUNCTION name aggregates too) named by an ObjectWithArgs node, or NULL. */
Obj *objects_find_function(DdlReader *r, const struct Node *owa);
/* Find an object of a COMMENT ON / DROP target of the Definition kinds
 * (objtype is PostgreSQL's ObjectType); NULL if absent.  *handled is set
 * when objtype is one of these kinds. */
Obj *objects_find(DdlReader *r, int objtype, struct Node *object, bool *handled);
/* PostgreSQL's own checks of a routine's body and language (functioncmds.c),
 * made before anything reads the body: the error, or NULL when the
 * statement is well formed. */
struct CreateFunctionStmt;
const char *objects_function_body_error(Arena *a, const struct CreateFunctionStmt *st);
/* Depend on the user collation `quoted` (as Column.collation spells it) if the model has it. */
void objects_dep_on_collation(Model *m, Obj *o, const char *quoted);
/* The user type (enum, domain, composite) named schema.name, or NULL. */
Obj *objects_find_type(const Model *m, const char *schema, const char *name);

/* ------------------------------------------------------------------------
 * parser/objnorm.c — after all files: the canonical forms of objects.c's kinds
 * ------------------------------------------------------------------------ */

/* Index functions and aggregates by name, collations by quoted name (before
 * objects_finish, objects_dep_on_calls and objects_dep_on_collation). */
void objects_index(Model *m);
/* After all files: normalise a Definition and record its dependencies. */
void objects_finish(Model *m, Obj *o, Diags *diags);
/* Record dependencies of o on the functions an expression calls (those in
 * the model), resolving unqualified names in default_schema. */
void objects_dep_on_calls(Model *m, Obj *o, const struct Node *expr, const char *default_schema);
/* The functions and aggregates named schema.name (objects_index()), or
 * NULL when there are none. */
const PtrVec *objects_functions_named(Model *m, const char *schema, const char *name);

/* ------------------------------------------------------------------------
 * parser/refs.c — references the desired state cannot satisfy
 * ------------------------------------------------------------------------ */

/* Report, as located input errors, every reference of a model read from
 * files that nothing can satisfy: a foreign key to a missing table or
 * column or to columns without a matching key, a view on a missing
 * relation or on itself or naming a column `alias.column` its table lacks, a type, relation or function in a schema no file
 * creates.  Names an extension or PostgreSQL itself may provide are not
 * errors.  Runs before the finishing pass (locations are still set); a
 * model read from a database (roles_known) is skipped. */
void refs_check_model(Model *m, Diags *diags);
/* Check the body of a CREATE FUNCTION/PROCEDURE statement read from a
 * file at `offset`: LANGUAGE sql bodies are parsed, LANGUAGE plpgsql ones
 * compiled; an error is located in the file.  Other languages pass. */
void refs_check_function_body(DdlReader *r, struct Node *stmt, int offset);

/* ------------------------------------------------------------------------
 * parser/plpgsql_check.c — libpg_query's PL/pgSQL compiler
 * ------------------------------------------------------------------------ */

/* Compile the PL/pgSQL functions of one CREATE FUNCTION/PROCEDURE
 * statement's text: NULL when they compile, else the error message, with
 * *line set to the body line the compiler names ("near line N": the line
 * where the failing statement began or earlier; 0 when not given).  The
 * caller's libpg_query memory context stays current. */
const char *plpgsql_compile_error(Arena *a, const char *stmt_sql, int *line);

/* ------------------------------------------------------------------------
 * parser/aggregate.c — CREATE AGGREGATE
 * ------------------------------------------------------------------------ */

/* CREATE [OR REPLACE] AGGREGATE (both syntaxes) into an OBJ_AGGREGATE
 * Definition keyed by name and argument types; errors are located. */
void aggregate_read(DdlReader *r, struct DefineStmt *st, int offset);
/* The aggregate an ObjectWithArgs names (DROP / COMMENT ON / ALTER
 * AGGREGATE), or NULL. */
Obj *aggregate_find(DdlReader *r, const struct Node *owa);
/* After all files (objects_index done): the canonical definition
 * (agg_def, norm, argnames) and the dependencies on support functions,
 * state and argument types. */
void aggregate_finish(Model *m, Definition *d);
/* The pg_aggregate facts parser/catalog.c reads, as text (NULL: SQL NULL). */
typedef enum AggCol {
    AGG_KIND, AGG_ARGS, AGG_TYPES, AGG_SFUNC, AGG_STYPE, AGG_SSPACE, AGG_FINALFUNC, AGG_FINALEXTRA,
    AGG_FINALMODIFY, AGG_COMBINEFUNC, AGG_SERIALFUNC, AGG_DESERIALFUNC, AGG_INITCOND, AGG_MSFUNC, AGG_MINVFUNC,
    AGG_MSTYPE, AGG_MSSPACE, AGG_MFINALFUNC, AGG_MFINALEXTRA, AGG_MFINALMODIFY, AGG_MINITCOND, AGG_SORTOP_NSP,
    AGG_SORTOP, AGG_PARALLEL, AGG_NCOLS
} AggCol;
/* CREATE AGGREGATE `name` (quoted, qualified) from those facts, indexed by
 * AggCol; every option the catalog holds is stated (aggregate_finish drops
 * the defaults). */
const char *aggregate_catalog_sql(Arena *a, const char *name, const char *const *v);

/* ------------------------------------------------------------------------
 * parser/operator.c — CREATE OPERATOR
 * ------------------------------------------------------------------------ */

struct AlterOperatorStmt;
/* CREATE OPERATOR into an OBJ_OPERATOR Definition keyed by name and
 * argument types; unknown or missing attributes are located errors. */
void operator_read(DdlReader *r, struct DefineStmt *st, int offset);
/* The operator an ObjectWithArgs names (DROP / COMMENT ON / ALTER
 * OPERATOR), or NULL. */
Obj *operator_find(DdlReader *r, const struct Node *owa);
/* ALTER OPERATOR ... SET (...): the options replace the definition's. */
void operator_alter(DdlReader *r, struct AlterOperatorStmt *st, int offset);
/* After objects_index: model->opnames, every operator by "schema.op". */
void operator_index(Model *m);
/* After all files: the canonical definition (canon, norm, argnames without
 * RESTRICT/JOIN, op_restrict, op_join) and the dependencies on the
 * function, estimators and argument types. */
void operator_finish(Model *m, Definition *d);
/* `o` uses the operator named `opname` (a String list, unqualified: in
 * default_schema): a dependency on every operator of that name there. */
void operator_dep_on_use(Model *m, Obj *o, const struct List *opname, const char *default_schema);
/* The pg_operator facts parser/catalog.c reads, as text (NULL: SQL NULL). */
typedef enum OprCol {
    OPR_NSP, OPR_NAME, OPR_CODE, OPR_LEFT, OPR_RIGHT, OPR_COM_NSP, OPR_COM, OPR_NEG_NSP, OPR_NEG, OPR_REST,
    OPR_JOIN, OPR_HASHES, OPR_MERGES, OPR_NCOLS
} OprCol;
/* CREATE OPERATOR from those facts, indexed by OprCol. */
const char *operator_catalog_sql(Arena *a, const char *const *v);

/* ------------------------------------------------------------------------
 * parser/rule.c — CREATE RULE
 * ------------------------------------------------------------------------ */

struct RuleStmt;
/* CREATE [OR REPLACE] RULE into an OBJ_RULE Definition of its table or
 * view; a missing relation is a located error. */
void rule_read(DdlReader *r, struct RuleStmt *st, int offset);
/* ALTER TABLE ... ENABLE/DISABLE [ALWAYS|REPLICA] RULE name (subtype an
 * AlterTableType) on relation rel; false (and a located error) when the
 * rule does not exist. */
bool rule_set_enabled(DdlReader *r, Obj *rel, const char *name, int subtype, int offset);
/* After all files: relations in the raw statement qualified, the canonical
 * text (canon, norm) and the dependencies on relations, functions and
 * operators. */
void rule_finish(Model *m, Definition *d);
/* ------------------------------------------------------------------------
 * parser/opclass.c — CREATE OPERATOR FAMILY / CLASS
 * ------------------------------------------------------------------------ */

struct CreateOpFamilyStmt;
struct AlterOpFamilyStmt;
struct CreateOpClassStmt;
/* CREATE OPERATOR FAMILY into an OBJ_OPFAMILY keyed "name USING am". */
void opfamily_read(DdlReader *r, struct CreateOpFamilyStmt *st, int offset);
/* ALTER OPERATOR FAMILY ... ADD / DROP: the family's loose members. */
void opfamily_alter(DdlReader *r, struct AlterOpFamilyStmt *st, int offset);
/* CREATE OPERATOR CLASS into an OBJ_OPCLASS; without FAMILY, the family of
 * its name is used or made (an OBJ_OPFAMILY of its own). */
void opclass_read(DdlReader *r, struct CreateOpClassStmt *st, int offset);
/* The class (or family) a DROP / COMMENT ON / OWNER TO object list (access
 * method, then the name) names, or NULL. */
Obj *opclass_find(DdlReader *r, bool family, const struct Node *object);
/* After all files: the canonical text (canon, norm; a family's loose
 * members in argnames) and the dependencies on the family, operators,
 * functions and types. */
void opclass_finish(Model *m, Definition *d);
/* `o` (an index) uses the operator class `opclass` (a name list) of access
 * method `am`: a dependency when the model has it. */
void opclass_dep_on_use(Model *m, Obj *o, const struct List *opclass, const char *am, const char *default_schema);

/* ALTER TABLE table (quoted) DISABLE / ENABLE ALWAYS / ENABLE REPLICA RULE
 * for a pg_rewrite ev_enabled other than 'O'; NULL for 'O'. */
const char *rule_catalog_enable(Arena *a, const char *table, const char *rule, char enabled);

/* ------------------------------------------------------------------------
 * parser/defkinds.c — range types, casts, statistics objects
 * ------------------------------------------------------------------------ */

/* CREATE TYPE ... AS RANGE, CREATE CAST, CREATE STATISTICS and ALTER
 * STATISTICS ... SET STATISTICS into the model (errors located); false if
 * the statement is none of them. */
bool defkinds_read_stmt(DdlReader *r, struct Node *stmt, int offset);
/* The cast (OBJECT_CAST: a list of two TypeNames) or statistics object
 * (OBJECT_STATISTIC_EXT) a COMMENT ON / DROP / OWNER TO names, or NULL;
 * *handled is set when objtype is one of these. */
Obj *defkinds_find(DdlReader *r, int objtype, struct Node *object, bool *handled);
/* After all files (objects_index done): the canonical statement (def_text,
 * norm) and the dependencies of a range, cast or statistics object. */
void defkinds_finish(Model *m, Definition *d, Diags *diags);
/* The pg_range facts parser/catalog.c reads, as text (NULL: SQL NULL or
 * PostgreSQL's default); the function already in regproc's spelling. */
typedef enum RngCol {
    RNG_NSP, RNG_NAME, RNG_SUBTYPE, RNG_OPCLASS_NSP, RNG_OPCLASS, RNG_COLLATION_NSP, RNG_COLLATION, RNG_DIFF,
    RNG_MR_NSP, RNG_MR_NAME, RNG_NCOLS
} RngCol;
/* CREATE TABLE ... OF type: the table's columns become the composite
 * type's attributes (with the WITH OPTIONS of each, its NOT NULL and
 * DEFAULT), followed by its constraints; cs->ofTypename is cleared and the
 * type returned through *of_schema, *of_type.  False after a located error
 * (not a composite type the files create, an option for a column the type
 * lacks). */
struct CreateStmt;
bool defkinds_typed_table(DdlReader *r, struct CreateStmt *cs, const char **of_schema, const char **of_type);
/* CREATE TYPE ... AS RANGE from those facts, indexed by RngCol. */
const char *defkinds_range_sql(Arena *a, const char *const *v);
/* The pg_cast facts: format_type of both types, castmethod, the function
 * as regprocedure prints it, castcontext. */
typedef enum CastCol { CAST_SOURCE, CAST_TARGET, CAST_METHOD, CAST_FUNC, CAST_CONTEXT, CAST_NCOLS } CastCol;
/* CREATE CAST from those facts, indexed by CastCol. */
const char *defkinds_cast_sql(Arena *a, const char *const *v);

/* ------------------------------------------------------------------------
 * schemas/textsearch.c — PostgreSQL's own text search objects, regconfig literals
 * ------------------------------------------------------------------------ */

/* Whether pg_catalog has an object of kind k named `name` (initdb's text
 * search configurations, dictionaries, templates and parsers). */
bool textsearch_builtin(ObjKind k, const char *name);
/* "schema.name", each part quoted as needed. */
const char *textsearch_qname(Arena *a, const char *schema, const char *name);
/* Whether the last name of `names` (a List of String) is `name`. */
bool textsearch_name_is(const struct List *names, const char *name);
/* The schema and name a regconfig literal names, as PostgreSQL resolves
 * it (pg_catalog first); false when it is not a name. */
bool textsearch_resolve_literal(const char *default_schema, const char *text, const char **schema,
                                const char **name);
/* The canonical text of a regconfig literal: "schema.name" for a user
 * configuration (unqualified names qualified with default_schema), the bare
 * name for PostgreSQL's own; `text` itself when it cannot tell. */
const char *textsearch_config_literal(Arena *a, const char *default_schema, const char *text);
/* Whether the call `fc` (a FuncCall) takes a regconfig literal as its first
 * argument (to_tsvector(config, doc), to_tsquery(config, q), ...). */
bool textsearch_config_call(const struct Node *fc);

/* ------------------------------------------------------------------------
 * parser/comptype.c — ALTER TYPE ... ADD / DROP / ALTER ATTRIBUTE
 * ------------------------------------------------------------------------ */

/* `st` is ALTER TYPE on a composite type (objtype OBJECT_TYPE): apply its
 * ADD ATTRIBUTE, DROP ATTRIBUTE [IF EXISTS] and ALTER ATTRIBUTE ... TYPE
 * to the type's attribute list, PostgreSQL's errors located otherwise (a
 * missing type or attribute, a duplicate); a type a typed table uses is a
 * "not supported yet" error.  Returns false (nothing done) for any other
 * ALTER TABLE statement. */
struct AlterTableStmt;
bool comptype_alter(DdlReader *r, struct AlterTableStmt *st);

/* ------------------------------------------------------------------------
 * parser/textsearch.c — text search parsers, templates, dictionaries, configurations
 * ------------------------------------------------------------------------ */

/* CREATE TEXT SEARCH ..., ALTER TEXT SEARCH DICTIONARY / CONFIGURATION;
 * false if the statement is none of them.  Errors are located. */
bool textsearch_read_stmt(DdlReader *r, struct Node *stmt, int offset);
/* The text search object a DROP / COMMENT ON / OWNER TO target names
 * (objtype is PostgreSQL's ObjectType), or NULL; *handled is set when
 * objtype is a text search kind. */
Obj *textsearch_find(DdlReader *r, int objtype, struct Node *object, bool *handled);
/* After all files: the canonical text (norm) and the dependencies on the
 * parser, template, dictionaries and support functions the model holds. */
void textsearch_finish(Model *m, Definition *d);
/* Record a dependency of o on every text search configuration of the
 * model that the call or cast `n` names by a regconfig literal
 * (to_tsvector('s.cfg', ...), 'cfg'::regconfig). */
void textsearch_dep_on_config(Model *m, Obj *o, const struct Node *n, const char *default_schema);
/* The columns of the row parser/catalog.c reads per text search object
 * (NULL is SQL NULL): kind ('p' parser, 't' template, 'd' dictionary, 'c'
 * configuration), schema, name, then per kind: the template's or parser's
 * schema and name (dictionary, configuration), the support functions as
 * regproc prints them (parser: START, GETTOKEN, END, LEXTYPES, HEADLINE;
 * template: INIT, LEXIZE), dictinitoption (dictionary: in TS_F1), then the
 * comment and the owner. */
typedef enum TsCol {
    TS_KIND, TS_SCHEMA, TS_NAME, TS_REF_SCHEMA, TS_REF_NAME, TS_F1, TS_F2, TS_F3, TS_F4, TS_F5, TS_MAPS,
    TS_COMMENT, TS_OWNER, TS_NCOLS
} TsCol;
/* The DDL of that row: CREATE TEXT SEARCH ..., a configuration's mappings
 * (`maps`: token, dictionary schema, dictionary name, ... in order), its
 * comment and owner; in `a`. */
const char *textsearch_catalog_sql(Arena *a, const char *const *v, const char *const *maps, int nmaps);

/* ------------------------------------------------------------------------
 * parser/publication.c — publications
 * ------------------------------------------------------------------------ */

/* CREATE PUBLICATION and ALTER PUBLICATION (ADD/DROP/SET objects, SET
 * options); false if the statement is neither.  Errors are located. */
bool publication_read_stmt(DdlReader *r, struct Node *stmt, int offset);
/* The publication a DROP / COMMENT ON / OWNER TO names, or NULL; *handled
 * is set when objtype is OBJECT_PUBLICATION. */
Obj *publication_find(DdlReader *r, int objtype, struct Node *object, bool *handled);
/* After all files: the canonical statement (norm) and the dependencies on
 * the tables and schemas it publishes; a table, schema or column that
 * nothing creates is an input error (files only). */
void publication_finish(Model *m, Definition *d, Diags *diags);

/* ------------------------------------------------------------------------
 * schemas/objattr.c — small facts about model objects several passes read
 * ------------------------------------------------------------------------ */

/* Index the unique indexes of m by "schema.table" (PtrVec * of TableIndex). */
void model_index_unique(Arena *a, const Model *m, StrMap *out);
/* The key a foreign key to schema.table(cols) references: the primary key
 * when cols is NIL, else a non-deferrable PRIMARY KEY or UNIQUE constraint
 * on the same set of columns, else a unique index on them without
 * expressions or predicate (`unique_ix` from model_index_unique), whichever
 * statement made it; NULL if none (*deferrable: only a deferrable one). */
Obj *model_referenced_key(const Model *m, const StrMap *unique_ix, const char *schema, const char *table,
                         struct List *cols, bool *deferrable);

/* The value an option that holds a secret keeps in the model: never the
 * secret itself, only that it is there. */
extern const char *const MODEL_SECRET;
/* Whether two OPTIONS sets (sorted pairs name, value) are the same. */
bool model_options_equal(const PtrVec *x, const PtrVec *y);
/* Whether two Definitions' column comments are the same. */
bool model_colcomments_equal(const Definition *a, const Definition *b);
/* The range type named schema.name, or whose multirange type is so named;
 * NULL if none. */
Obj *model_find_range(const Model *m, const char *schema, const char *name);
/* The statistics target of index column n (1-based); -1 the default. */
int model_index_stat(const TableIndex *ix, int n);

/* ------------------------------------------------------------------------
 * parser/foreign.c — foreign data wrappers, servers, user mappings, foreign tables
 * ------------------------------------------------------------------------ */

struct CreateForeignTableStmt;
struct AlterTableStmt;
/* Whether an option name says it holds a secret: it contains "password",
 * "passwd", "secret" or "token" (any case), or libpq marks it secret. */
bool foreign_is_secret(const char *name);
/* CREATE / ALTER FOREIGN DATA WRAPPER, SERVER, USER MAPPING, DROP USER
 * MAPPING, IMPORT FOREIGN SCHEMA (an error); false if the statement is none
 * of them.  Errors are located. */
bool foreign_read_stmt(DdlReader *r, struct Node *stmt, int offset);
/* The wrapper (OBJECT_FDW) or server (OBJECT_FOREIGN_SERVER) a DROP /
 * COMMENT ON / OWNER TO / GRANT names, or NULL; *handled is set when
 * objtype is one of these. */
Obj *foreign_find(DdlReader *r, int objtype, struct Node *object, bool *handled);
/* ALTER FOREIGN DATA WRAPPER / SERVER ... RENAME TO (false: another kind's
 * rename): the servers, user mappings and foreign tables that use it
 * follow the new name; a missing or taken name is a located error. */
struct RenameStmt;
bool foreign_rename(DdlReader *r, struct RenameStmt *st, int offset);
/* CREATE FOREIGN TABLE, before the table is read as CREATE TABLE: its
 * server exists, its constraints are NOT NULL, CHECK and DEFAULT only;
 * false after a located error. */
bool foreign_table_check(DdlReader *r, struct CreateForeignTableStmt *st, int offset);
/* After it was read as CREATE TABLE (objects from objs[first] on are
 * new): the table's server and OPTIONS, its columns' OPTIONS. */
void foreign_table_created(DdlReader *r, struct CreateForeignTableStmt *st, int first, int offset);
/* ALTER [FOREIGN] TABLE: applies the OPTIONS actions (of the table and of
 * its columns) and removes them from st->cmds; an ALTER FOREIGN TABLE is
 * then an ALTER TABLE.  True when nothing is left to read. */
bool foreign_alter_table(DdlReader *r, struct AlterTableStmt *st);
/* ALTER [FOREIGN] TABLE ... ADD COLUMN of a foreign table, after the
 * column was added: its OPTIONS (column_name ...), as CREATE FOREIGN TABLE
 * keeps them. */
struct ColumnDef;
void foreign_column_added(DdlReader *r, Table *t, struct ColumnDef *cd, int offset);
/* DROP of wrapper or server `o`: what depends on it (servers, user
 * mappings; foreign tables are an error) goes with CASCADE, else it is a
 * located error; false when `o` must stay. */
bool foreign_drop(DdlReader *r, Obj *o, bool cascade, int offset);
/* After all files: dependencies of a wrapper (its functions), a server (its
 * wrapper, or the extension of that name), a user mapping (its server) and
 * a foreign table (its server). */
void foreign_finish(Model *m, Obj *o, Diags *diags);

/* ------------------------------------------------------------------------
 * parser/forms.c — statement forms that restate other statements' state
 * ------------------------------------------------------------------------ */

struct CreateSchemaStmt;
struct ClusterStmt;
struct RenameStmt;
struct RawStmt;
/* CREATE SCHEMA's elements (`CREATE SCHEMA s CREATE TABLE ...`): each is
 * applied with `apply` as its own statement, its created name put in
 * `schema` (another schema is a located error), `schema` first on the
 * search path, in PostgreSQL's order (sequences, tables, views, indexes,
 * triggers, grants). */
void forms_schema_elements(DdlReader *r, struct CreateSchemaStmt *st, const char *schema, int offset,
                           void (*apply)(DdlReader *, struct RawStmt *));
/* CLUSTER t USING i: the state of ALTER TABLE t CLUSTER ON i (bare CLUSTER
 * and CLUSTER t change nothing); an unknown table or index is an error. */
void forms_cluster(DdlReader *r, struct ClusterStmt *st, int offset);
/* ALTER INDEX i ALTER COLUMN n SET STATISTICS m (expression columns only,
 * as PostgreSQL allows); true when `st` is that statement (read or
 * reported), false when it is some other ALTER INDEX. */
struct AlterTableStmt;
bool forms_index_statistics(DdlReader *r, struct AlterTableStmt *st);

/* ------------------------------------------------------------------------
 * parser/rename.c — ALTER ... RENAME
 * ------------------------------------------------------------------------ */

/* ALTER TABLE/SEQUENCE/VIEW/MATERIALIZED VIEW/INDEX ... RENAME TO, RENAME
 * COLUMN, RENAME CONSTRAINT, ALTER SCHEMA ... RENAME TO: the model ends as
 * if the object had been created under its new name, every reference that
 * names it (keys of its children, foreign keys, views, indexes, triggers,
 * policies, OWNED BY, nextval defaults, INHERITS) following it.  Renaming
 * what does not exist is a located error in PostgreSQL's words; forms not
 * followed yet are located errors that say so. */
void forms_rename(DdlReader *r, struct RenameStmt *st, int offset);
/* ALTER TABLE ... DROP COLUMN col of t: the indexes and table constraints
 * of t that involve the column (key, INCLUDE, expression, predicate, CHECK,
 * EXCLUDE, its own foreign keys) leave the model, as PostgreSQL drops them
 * with the column; another table's foreign key over the column goes too
 * with `cascade`, and without it is PostgreSQL's located error at `off`. */
void forms_drop_column_users(DdlReader *r, Table *t, const char *col, bool cascade, int off);

/* ------------------------------------------------------------------------
 * parser/colattr.c — a column's storage, compression, attribute options
 * ------------------------------------------------------------------------ */

struct ColumnDef;
struct AlterTableCmd;
/* The default storage ('p', 'e', 'x', 'm') of a type: built-in types,
 * arrays, enums, composite types, domains (their base type's); 0 when not
 * known (an extension's type).  `depth`: 0 (domains recurse). */
char colattr_type_storage(const Model *m, const TypeRef *t, const NormCtx *nc, int depth);
/* A new column (every one, after its type is set): its type's default
 * storage, and the STORAGE / COMPRESSION its definition states. */
void colattr_from_def(DdlReader *r, Column *c, struct ColumnDef *cd);
/* ALTER COLUMN ... SET STORAGE (reaching t's children when `recurse`) /
 * SET COMPRESSION / SET (...) / RESET (...); errors at `where`. */
void colattr_alter(DdlReader *r, Table *t, Column *c, struct AlterTableCmd *cmd, bool recurse, int where);
/* An inherited column copies its parent's storage and compression. */
void colattr_inherit(Column *child, const Column *parent);
/* ALTER COLUMN ... TYPE: the storage becomes the new type's default. */
void colattr_type_changed(DdlReader *r, Column *c);

/* ------------------------------------------------------------------------
 * schemas/colattr.c — a column's storage, compression, options compared and printed
 * ------------------------------------------------------------------------ */

/* "PLAIN", "EXTERNAL", "EXTENDED", "MAIN" for a storage letter; NULL for 0. */
const char *colattr_storage_sql(char storage);
/* Whether two columns' storage, compression and options are the same. */
bool colattr_equal(Arena *a, const Column *x, const Column *y);
/* The statements that take column `cur` (NULL: a new column, all defaults)
 * to `des`'s storage, compression and options, each "ALTER TABLE `table`
 * ALTER COLUMN <des's name>" followed by its action (`table` qualified and
 * quoted), appended to `out`; returns how many. */
int colattr_sql(Arena *a, const char *table, const Column *cur, const Column *des, PtrVec *out);

/* ------------------------------------------------------------------------
 * parser/like.c — CREATE TABLE ... (LIKE other INCLUDING ...)
 * ------------------------------------------------------------------------ */

struct TableLikeClause;
struct Constraint;
struct IndexStmt;
/* The readers of parser/ddl_table.c that LIKE's constraints and indexes go
 * through (so that they are named as PostgreSQL names them). */
typedef struct LikeHooks {
    void (*add_constraint)(DdlReader *r, Table *t, struct Constraint *con, const char *colname, int location);
    void (*read_index)(DdlReader *r, struct IndexStmt *st);
} LikeHooks;
/* The columns LIKE copies, appended to t where the clause stands, with
 * what its INCLUDING options copy; an unknown `other` (or one that is not
 * a table) is a located error. */
void like_columns(DdlReader *r, Table *t, struct TableLikeClause *lc);
/* After the table's own constraints: the CHECK constraints (CONSTRAINTS)
 * and indexes, primary key, unique and exclusion constraints (INDEXES) of
 * `other`, named for t as PostgreSQL names them. */
void like_finish(DdlReader *r, Table *t, struct TableLikeClause *lc, const LikeHooks *h);

/* ------------------------------------------------------------------------
 * parser/plpgsql.c — the SQL statements of a PL/pgSQL body
 * ------------------------------------------------------------------------ */

/* Parse the PL/pgSQL body of `create_sql` (a whole CREATE FUNCTION or
 * PROCEDURE ... LANGUAGE plpgsql) and append to `out` the raw parse tree
 * (Node *) of every SQL statement and expression it holds, expressions as
 * `SELECT expr` statements.  Returns how many SQL texts the body holds, or
 * -1 when it does not parse (nothing appended).  The trees live in the
 * current parse context, which is current again on return. */
int plpgsql_body_statements(Arena *a, const char *create_sql, PtrVec *out);
/* plpgsql_body_statements(), and *dynamic (when not NULL) set when the
 * body runs SQL built at run time (EXECUTE, FOR ... IN EXECUTE, OPEN ...
 * FOR EXECUTE): SQL the returned statements do not show. */
int plpgsql_body_statements_dyn(Arena *a, const char *create_sql, PtrVec *out, bool *dynamic);
/* A JSON string of libpg_query's PL/pgSQL output, `p` just after its
 * opening quote: the decoded text (in `a`), *end past the closing quote.
 * (parser/doblock.c walks the same output.) */
char *plpgsql_json_string(Arena *a, const char *p, const char **end);

/* ------------------------------------------------------------------------
 * schemas/acl.c — the privilege lists of the model's objects
 * ------------------------------------------------------------------------ */

/* Privilege letters as in PostgreSQL's aclitem text, one bit each. */
#define ACL_PRIV_CHARS "arwdDxtXUCTcm"
/* The grantee that stands for "the object's owner, whoever that is". */
#define ACL_OWNER "\001owner"

typedef struct AclItem {
    const char *grantee; /* role name; "" is PUBLIC; ACL_OWNER the owner */
    unsigned privs;      /* bit i: ACL_PRIV_CHARS[i] */
    unsigned grantable;  /* subset of privs WITH GRANT OPTION */
} AclItem;

typedef struct Acl {
    int n;
    AclItem *items;      /* sorted by grantee, no empty entries */
} Acl;

/* The privileges an object of this kind can have (columns: is_column). */
unsigned acl_kind_privs(ObjKind k, bool is_column);
/* The object's privileges as compared: its ACL (or the default), with the
 * entries of `owner` (if not NULL) folded into ACL_OWNER. */
Acl acl_effective(Arena *a, const Obj *o, const char *owner);
bool acl_equal(const Acl *x, const Acl *y);
/* "SELECT, INSERT" for a privilege bit set. */
const char *acl_priv_sql(Arena *a, unsigned privs);
/* The bit of a privilege as the grammar names it ("select", "temp", ...);
 * 0 for an unknown name. */
unsigned acl_priv_bit(const char *name);
/* The kind of object default privileges of `objtype` ("TABLES", ...) apply to. */
ObjKind acl_defacl_kind(const char *objtype);
/* The entry of `grantee` in `acl`, added (no privileges) in sorted place
 * when missing. */
AclItem *acl_slot(Arena *a, Acl *acl, const char *grantee);
/* Drop the entries left without privileges. */
void acl_compact(Acl *acl);
/* The kind's default privileges of `o`, as an explicit list. */
Acl *acl_default(Arena *a, const Obj *o);
/* Whether two views' column privileges are the same. */
bool acl_view_columns_equal(Arena *a, const Definition *x, const Definition *y);

/* ------------------------------------------------------------------------
 * parser/acl.c — privileges and ownership
 * ------------------------------------------------------------------------ */

/* GRANT, REVOKE and OWNER TO statements; false if not one of them. */
bool acl_read_stmt(DdlReader *r, struct Node *stmt, int offset);
/* The column privileges of a view's column `name` (created on demand). */
Obj *acl_view_column(Arena *a, Definition *view, const char *name);
/* Objects created since objs[first] get the default privileges of the
 * running role in force (ALTER DEFAULT PRIVILEGES without FOR ROLE). */
void acl_apply_defaults(DdlReader *r, int first);
/* Every role `desired` names (owners, grantees, policy roles) that the
 * database `target` (roles_known) does not have: input errors at the
 * naming object, `target_name` naming the database. */
void acl_check_roles(const Model *target, const Model *desired, const char *target_name, Diags *diags);
/* Set an object's owner (ALTER ... OWNER TO). */
void acl_set_owner(DdlReader *r, Obj *o, const char *role);

/* ------------------------------------------------------------------------
 * schemas/normalize.c — canonical forms for comparison
 * ------------------------------------------------------------------------ */


/* Canonical TypeRef of a PostgreSQL TypeName node. */
TypeRef norm_type(const NormCtx *nc, const struct Node *type_name);
/* Copy and normalise an expression tree (the argument is not modified). */
struct Node *norm_expr(const NormCtx *nc, const struct Node *expr);
/* norm_expr() for a column DEFAULT: literals are also read as `type` (the
 * canonical type name, e.g. "boolean"), as PostgreSQL would store them. */
struct Node *norm_default(const NormCtx *nc, const struct Node *expr, const char *type);
/* Names of columns an expression refers to (ColumnRef last fields). */
void norm_column_refs(Arena *a, const struct Node *expr, PtrVec *out);
/* User types named in casts within expr, as pairs: schema, name, schema,
 * name, ... (names may contain dots, so they are not joined). */
void norm_cast_types(const NormCtx *nc, const struct Node *expr, PtrVec *out);
/* Qualify the sequence names of nextval('...') calls in expr, in place,
 * with nc's default schema (the printed form must not depend on the
 * search_path the migration runs with). */
void norm_qualify_nextval(const NormCtx *nc, struct Node *expr);
/* Canonical "schema.name" of the relation named in a nextval('...') call
 * inside expr, or NULL. */
const char *norm_nextval_target(const NormCtx *nc, const struct Node *expr);
/* PostgreSQL's makeObjectName: name1_name2_label truncated to 63 bytes. */
const char *norm_object_name(Arena *a, const char *name1, const char *name2, const char *label);
/* The column-name part of generated index/constraint names ("a_b"). */
const char *norm_name_addition(Arena *a, const PtrVec *colnames);
/* PostgreSQL's FigureIndexColname for an index expression ("lower"), or NULL. */
const char *norm_figure_colname(const struct Node *expr);
/* Storage parameters (DefElem list) as sorted "name=value,..." text; NULL
 * for none.  `fillfactor=70` and `fillfactor='70'` give the same text. */
const char *norm_options_text(Arena *a, const struct List *options);
/* Defaults of sequence options for a type and direction. */
void norm_seq_defaults(SeqOpts *o, bool have_start, bool have_min, bool have_max);

/* ------------------------------------------------------------------------
 * diff/diff.c — one generic merge over identity keys -> change records
 * ------------------------------------------------------------------------ */

typedef enum ChangeOp {
    CHG_CREATE,
    CHG_DROP,
    CHG_ALTER,
} ChangeOp;

typedef enum EmitStyle {
    STYLE_MIGRATION,  /* idempotent, guarded, online forms */
    STYLE_DUMP,       /* plain canonical DDL */
} EmitStyle;

/* What an ALTER changes (bit set; per kind). */
enum {
    ALT_COMMENT = 1u << 0,
    ALT_TYPE = 1u << 1,       /* column type */
    ALT_DEFAULT = 1u << 2,
    ALT_NOT_NULL = 1u << 3,
    ALT_IDENTITY = 1u << 4,
    ALT_COLLATION = 1u << 5,
    ALT_GENERATED = 1u << 6,
    ALT_ENUM_ADD = 1u << 7,   /* labels only added */
    ALT_ENUM_REBUILD = 1u << 8,
    ALT_SEQ_OPTS = 1u << 9,
    ALT_PERSISTENCE = 1u << 10,
    ALT_STATISTICS = 1u << 11,  /* column statistics target */
    ALT_CLUSTER = 1u << 12,     /* index is / is not the table's CLUSTER index */
    ALT_RELOPTIONS = 1u << 13,  /* table storage parameters */
    ALT_OWNER = 1u << 14,
    ALT_ACL = 1u << 15,         /* privileges (or a column's) */
    ALT_RLS = 1u << 16,         /* ENABLE / FORCE ROW LEVEL SECURITY */
    ALT_REPLACE = 1u << 17,     /* definition changed, CREATE OR REPLACE can do it */
    ALT_ENABLED = 1u << 18,     /* trigger enabled / disabled */
    ALT_DEFINITION = 1u << 19,  /* definition changed in a way ALTER can do (domain) */
    ALT_INHERIT = 1u << 20,     /* parents, partition parent or bounds */
    ALT_VALIDATE = 1u << 21,    /* constraint: NOT VALID -> valid (VALIDATE CONSTRAINT) */
    ALT_OF = 1u << 27,          /* table: becomes typed (OF type) or stops (NOT OF) */
    ALT_COLATTR = 1u << 26,     /* column storage, compression, attribute options */
    ALT_REPLICA = 1u << 22,     /* REPLICA IDENTITY (table, or USING this index) */
    ALT_FDW_OPTIONS = 1u << 23, /* foreign data: OPTIONS (of a wrapper, server, user
                                 * mapping, foreign table or its column) */
    ALT_FDW_FUNCS = 1u << 24,   /* wrapper: HANDLER / VALIDATOR; server: VERSION */
    ALT_REBUILD = 1u << 30,     /* drop and re-create */
};

typedef enum Hazard {
    HAZ_DATA_LOSS = 1u << 0,
    HAZ_TABLE_REWRITE = 1u << 1,
    HAZ_ENUM_REBUILD = 1u << 2,
    HAZ_VECTOR_DIM = 1u << 3,
    HAZ_INDEX_REBUILD = 1u << 4,
    HAZ_VALIDATION = 1u << 5,
    HAZ_REPOPULATE = 1u << 6,   /* a materialized view is re-created and refilled */
} Hazard;

/* ------------------------------------------------------------------------
 * schemas/hazards.c — the hazard table: every Hazard bit's name, one-line
 * description and class, used by the CLI (--allow-hazards), the config
 * (hazards.allow), the plan (text, markdown, JSON) and the gating.
 * ------------------------------------------------------------------------ */

/* Number of Hazard bits: a new hazard takes bit HAZ_COUNT, then HAZ_COUNT
 * grows by one and hazard_table gets its row (test_hazards checks it). */
enum { HAZ_COUNT = 7 };

typedef enum HazardClass {
    HAZ_BLOCKING = 1,       /* refuses the plan (exit 6) unless allowed */
    HAZ_INFORMATIONAL,      /* printed, never gates */
} HazardClass;

typedef struct HazardInfo {
    unsigned bit;           /* the Hazard value (1u << its row index) */
    const char *name;       /* as printed and as --allow-hazards takes it */
    const char *description;
    HazardClass cls;
} HazardInfo;

/* One row per Hazard bit, indexed by bit position. */
extern const HazardInfo hazard_table[HAZ_COUNT];
/* Every hazard bit, the blocking ones. */
unsigned hazard_all(void);
unsigned hazard_blocking(void);
/* The bit of a hazard name; "all" gives hazard_all(); 0 when unknown. */
unsigned hazard_by_name(const char *name);
/* The names of the bits in `hazards`, in table order, joined by `sep`
 * ("" when none), in `a`. */
const char *hazard_join(Arena *a, unsigned hazards, const char *sep);
/* hazard_join(a, hazards, ", "). */
const char *hazard_names(Arena *a, unsigned hazards);
/* Every accepted name (the table's, then "all"), joined by ", ", for
 * messages listing them. */
const char *hazard_known_names(Arena *a);

/* PostgreSQL's eight table lock modes, weakest first (the numbering of
 * lockdefs.h, so `a > b` means a conflicts with at least what b does),
 * and LOCK_NONE for a relation nobody can be using yet (created by the
 * same plan) or a statement that locks no relation. */
typedef enum LockLevel {
    LOCK_NONE,
    LOCK_ACCESS_SHARE,
    LOCK_ROW_SHARE,
    LOCK_ROW_EXCLUSIVE,
    LOCK_SHARE_UPDATE_EXCLUSIVE,
    LOCK_SHARE,
    LOCK_SHARE_ROW_EXCLUSIVE,
    LOCK_EXCLUSIVE,
    LOCK_ACCESS_EXCLUSIVE,
} LockLevel;

/* PostgreSQL's name of a lock mode ("ACCESS EXCLUSIVE"), "none" for
 * LOCK_NONE. */
const char *lock_level_name(LockLevel l);

/* One relation a step locks, and how. */
typedef struct StepLock {
    const char *schema, *name;  /* the relation (table, index, view, sequence...) */
    LockLevel mode;
} StepLock;

/* What a step's pre-flight query found (diff/ writes the query; the
 * command runs it against a live current side; emit/ prints the result). */
typedef enum PreflightState {
    PF_NONE,          /* the step has no pre-flight query */
    PF_NOT_RUN,       /* it has one; not run (files as the current side, --no-preflight) */
    PF_PASSED,        /* run: no row makes the step fail */
    PF_FAILED,        /* run: pf_count rows (at least, when pf_capped) make it fail */
    PF_TIMEOUT,       /* run: the statement timeout cancelled it */
    PF_ERROR,         /* run: the query failed (pf_error) */
} PreflightState;

/* One statement of a change, classified (diff/classify.c) before anything
 * is printed. */
typedef struct Step {
    const char *sql;        /* as written, ends with ';' */
    const char *body;       /* the DDL a DO guard runs (== sql when unguarded) */
    PtrVec locks;           /* StepLock *: every relation the step locks */
    LockLevel lock;         /* the strongest of `locks` (LOCK_NONE when empty) */
    bool rewrite;           /* rewrites a table (a new relfilenode) */
    bool scan;              /* reads every row of a table (validation) */
    bool transactional;     /* may run inside a transaction block */
    unsigned hazards;       /* Hazard bits */
    /* Pre-flight: a query returning one text key per row that makes the
     * step fail (e.g. `SELECT id::text FROM t WHERE c IS NULL`), NULL
     * when no existing row can. */
    const char *preflight;
    const char *preflight_what; /* what a row found is, for people: "rows where email IS NULL" */
    PreflightState pf_state;
    long long pf_count;     /* rows found (PF_FAILED) */
    bool pf_capped;         /* pf_count is a lower bound: the row cap was hit */
    PtrVec pf_samples;      /* char *: up to five keys of rows found */
    const char *pf_error;   /* PF_ERROR / PF_TIMEOUT: the server's message */
    /* The table a rewrite or scan reads: its estimated size, -1 when not
     * known (files as the current side). */
    double est_rows;
    long long est_bytes;
    const char *pf_reason;  /* PF_NOT_RUN: why ("files as the current side",
                             * "--no-preflight") */
} Step;

typedef struct Change {
    ChangeOp op;
    ObjKind kind;
    const Obj *current;   /* NULL for CHG_CREATE */
    const Obj *desired;   /* NULL for CHG_DROP */
    unsigned alter;       /* ALT_* bits for CHG_ALTER */
    bool table_is_new;    /* the owning table is created by this plan */
    bool rebuild;         /* part of a drop+create pair */
    bool dependent;       /* rebuilt only because something it needs is */
    bool late_default;    /* a new table's column default set after the table
                           * (it calls a function that needs the table) */
    bool late_parts;      /* a table create whose `parts` hold such a column's
                           * copy without its default (diff_fold) */
    bool name_reused;     /* a drop whose relation name another kind of
                           * relation takes in the same plan (table -> view),
                           * or an index's name a new constraint's index takes */
    PtrVec parts;         /* Obj *: children folded into a table create/drop */
    PtrVec partitions;    /* Table *: an index or constraint change on a
                           * partitioned table: that table's partitions in the
                           * model the change reads (empty: not partitioned);
                           * `on_partitioned` says whether it is one */
    bool on_partitioned;
    /* Filled by emit_change(): */
    PtrVec sql;           /* statements (char *), each ends with ';' */
    PtrVec steps;         /* Step *, one per statement of `sql`, same order */
    struct Change *inverse; /* the rollback's change that undoes this one (or
                             * the forward change a rollback change undoes);
                             * NULL when there is none */
    const char *summary;  /* one line for the plan */
    /* Filled by classify_changes() from the steps (a dump leaves them 0): */
    unsigned hazards;     /* the union of the steps' */
    LockLevel lock;       /* the strongest of the steps' */
    bool transactional;   /* every step may run in a transaction block */
    /* Filled by plan_gate(): */
    unsigned refused;     /* blocking hazards of this change not allowed */
    int pf_failed;        /* steps whose pre-flight found rows that make them
                           * fail (plan_gate_preflight): the plan is refused */
    /* Filled by idxswap_plan() on an index or PRIMARY KEY / UNIQUE key
     * rebuilt without a gap (op CHG_ALTER, alter ALT_REBUILD): the name the
     * new index is built under, and (an index's) the name the old one is
     * moved to until it is dropped; NULL otherwise. */
    const char *swap_new, *swap_old;
    /* TableConstraint *, pairs (current, desired): foreign keys that
     * reference a PRIMARY KEY / UNIQUE constraint rebuilt so: dropped in
     * the swap's transaction and added back NOT VALID in it (their own
     * change then validates them) */
    PtrVec swap_fks;
    /* Set by diff_fold() (classify_mark_utc): a column's timestamp <->
     * timestamptz change, which keeps its rows only under a UTC session
     * time zone; the migration sets it around the ALTER ... TYPE. */
    bool utc_session;
    /* Set by shadow_route() (diff/shadow.c): the change is done by this
     * shadowed table's phases in shadow.sql, not by migration.sql /
     * rollback.sql (which print a comment pointing there); NULL otherwise. */
    const struct ShadowTable *shadow;
    /* Set by diff_range_dependents() (diff/rangecols.c) on a dependent
     * rebuild whose column is of a re-created range type: that range, a
     * dependency diff/order.c adds to the object's own; NULL otherwise.
     * Kept here, not in the object's deps: planning writes nothing to the
     * models it reads. */
    const Obj *range_dep;
} Change;

typedef struct MigrationPlan {
    Arena *arena;
    const Model *current, *desired;
    PtrVec changes;       /* Change *, ordered */
    PtrVec inverse;       /* Change *, ordered: the rollback */
    PtrVec cycle;         /* Change *: a dependency cycle no order satisfies */
    /* Pre-flight of the whole plan, one line for people: "not run (files as
     * the current side)", "3 queries: 1 would fail, 1 timed out", ...; NULL
     * when no step has a pre-flight query. */
    const char *preflight_note;
    PtrVec notes;         /* char *: notes for people printed with the plan
                           * (suspected polymorphic pairs, diff/poly.c) */
    /* ShadowTable *: the tables whose changes go through shadow.sql
     * (shadow_route, diff/shadow.c); empty: no shadow.sql */
    PtrVec shadowed;
    long long shadow_batch_size;     /* rows per backfill batch */
    const char *shadow_lock_timeout; /* every phase's lock_timeout */
    bool shadow_staged;              /* shadow.cutover: staged: shadow.sql also
                                      * holds the staged-cutover objects */
} MigrationPlan;

/* Remembers a merge's comparisons so that the merge the other way round
 * (the rollback) does not repeat them. */
typedef struct DiffMemo DiffMemo;
DiffMemo *diff_memo_new(Arena *a);
/* Compare two sorted models; appends the unordered change list to `out`.
 * `memo` may be NULL; given the same memo, the second call must be the
 * first one with the models swapped. */
void diff_models(Arena *a, const Model *current, const Model *desired, DiffMemo *memo, PtrVec *out);
/* Fold the children of created / dropped tables (`raw`, from
 * diff_models()) into their table's change, and mark what the emitters
 * need to know (a relation name reused by another kind, the partitions of
 * a partitioned table); the changes are appended to `out`: the records of
 * `raw` themselves, not copies, those folded into a table's left out. */
void diff_fold(Arena *a, const Model *current, const Model *desired, const PtrVec *raw, PtrVec *out);
/* The comparator of each kind (ALT_* bits that differ, 0: equal),
 * read-only: every slot must be non-NULL (tests/unit/test_kindops.c). */
typedef unsigned (*CompareFn)(Arena *a, const Obj *current, const Obj *desired);
extern const CompareFn *const diff_kind_table;

/* ------------------------------------------------------------------------
 * diff/plan.c — the plan driver
 * ------------------------------------------------------------------------ */

/* One direction: diff, fold children into table changes, emit each change
 * in `style`, classify its steps, order.  The changes are appended to
 * `out`.  `memo`: see diff_models(). */
void plan_changes(Arena *a, const Model *current, const Model *desired, DiffMemo *memo, EmitStyle style,
                  PtrVec *out, PtrVec *cycle);
/* Build the full plan: the migration and its rollback, paired.  Calls
 * plan_match_roles() first, the one step that changes the models. */
MigrationPlan *plan_build(Arena *a, const Model *current, const Model *desired);
/* Default privileges a files side sets without FOR ROLE take the role the
 * other side names for them, where it names exactly one (the objects are
 * renamed and the model sorted again).  Once per pair of models, before
 * plan_build_matched(). */
void plan_match_roles(Model *current, Model *desired);
/* plan_build() of models plan_match_roles() has matched.  Of the models
 * it writes only the merge's scratch marks (Obj.mark), which a plan_dump()
 * neither reads nor writes: another thread may make the dump of either
 * model meanwhile (src/main.c does, for desired.sql). */
MigrationPlan *plan_build_matched(Arena *a, const Model *current, const Model *desired);
/* The plan of schemadiff dump: from `empty` (the model of an empty
 * database, source_empty()) to `m`, in STYLE_DUMP (its `changes`;
 * `current` is `empty`, `desired` is m).  It writes nothing to either
 * model. */
MigrationPlan *plan_dump(Arena *a, const Model *empty, const Model *m);

/* ------------------------------------------------------------------------
 * diff/pair.c — forward changes and the rollback changes that undo them
 * ------------------------------------------------------------------------ */

/* Set Change.inverse of every change of p->changes and p->inverse: the
 * change of the other list with the same kind and identity key and the op
 * reversed (CREATE <-> DROP, ALTER <-> ALTER), both ways; failing that,
 * the other list's table create / drop the change's object is folded into
 * (one way); else NULL (a rebuild only one direction needs). */
void pair_plan(Arena *a, MigrationPlan *p);
/* c->inverse links back to c. */
bool pair_mutual(const Change *c);
/* c->inverse (if any) undoes c: a mutual link of the same kind and key
 * with the op reversed, or a table create / drop holding c's object among
 * its parts. */
bool pair_consistent(const Change *c);
/* How many changes of the list have no inverse. */
int pair_unmatched(const PtrVec *changes);

/* ------------------------------------------------------------------------
 * diff/shadow.c — which tables' heavy changes go through a shadow table
 * ------------------------------------------------------------------------ */

/* What routes a table through a shadow table (flags over schemadiff.yaml). */
typedef struct ShadowOpts {
    PtrVec tables;           /* char *: "schema.name" or "name" (schema public) */
    long long min_rows;      /* live current side: an estimate at least this; 0: none */
    long long min_bytes;     /* likewise, total relation size in bytes; 0: none */
    long long batch_size;    /* rows per backfill batch (> 0) */
    const char *lock_timeout; /* every phase's lock_timeout (a PostgreSQL duration) */
    bool staged;             /* shadow.cutover: staged (the staged-cutover objects) */
} ShadowOpts;

/* One shadowed table: the desired definition is built beside it, kept in
 * sync, backfilled, validated and swapped in (emit/shadow.c prints it). */
typedef struct ShadowTable {
    const char *schema, *name;
    const Table *current, *desired;
    const char *reason;      /* why it is shadowed: "named by --shadow / shadow.tables", ... */
    const char *heavy;       /* why in place would hurt: the step that rewrites or scans */
    PtrVec key;              /* char *: the current key's columns (PRIMARY KEY or unique NOT NULL) */
    PtrVec key_types;        /* char *: their types' SQL, on the current side */
    const TableConstraint *desired_pk; /* the desired key over exactly `match`, or NULL */
    PtrVec changes;          /* Change *: the forward changes shadow.sql does */
    PtrVec cur_views, des_views; /* Definition *: views reading the table, drop
                                  * order (current) and create order (desired) */
    PtrVec cur_fks_in, des_fks_in; /* TableConstraint *: other tables' foreign keys to it */
    PtrVec cur_triggers, des_triggers, des_policies; /* Definition * on it */
    PtrVec cur_keys, des_keys; /* TableConstraint *: PRIMARY KEY, UNIQUE, EXCLUDE of it */
    PtrVec cur_indexes, des_indexes; /* TableIndex * of it */
    PtrVec des_checks, des_fks; /* TableConstraint *: its CHECKs and foreign keys */
    PtrVec cur_seq_owners, des_seq_owners; /* SeqOwner * of its columns */
    const char *shadow_name; /* <name>_sdshadow, cut to 63 bytes */
    const char *old_name;    /* <name>_sdold, cut to 63 bytes */
    const char *fn_prefix;   /* its functions in schemadiff: "<prefix>_<what>" */
    /* A table that becomes partitioned (diff/shadow_part.c): the shadow is
     * the partitioned table, with its partitions under their desired names */
    bool partitioned;        /* the desired table is partitioned */
    PtrVec des_parts;        /* Table *: the desired partitions, every level,
                              * each after its parent */
    PtrVec match;            /* char *: the columns the sync and the backfill
                              * match shadow rows by: `key`, then the
                              * partition key's columns it lacks (a unique
                              * index of a partitioned table needs them);
                              * equal to `key` for a plain table */
    PtrVec notes;            /* char *: what the plan says of this table
                              * (new columns validation skips) */
    /* What PostgreSQL binds to the table's OID beyond the lists above,
     * moved at cutover and back at rollback (diff/shadow_carry.c) */
    PtrVec cur_rules, des_rules;     /* Definition *: rules on the table */
    PtrVec cur_stats, des_stats;     /* Definition *: CREATE STATISTICS of it */
    PtrVec cur_atomic, des_atomic;   /* Definition *: functions whose BEGIN
                                      * ATOMIC body reads it */
    PtrVec cur_pubs, des_pubs;       /* Definition *: publications listing it */
    PtrVec nulled;           /* Column * of `desired` the shadow leaves NULL (a vector
                              * dimension change with no conversion: diff/shadow_conv.c) */
    PtrVec rnulled;          /* Column * of `current` the reverse sync leaves NULL
                              * (no rollback_using); an update keeping the value keeps it */
} ShadowTable;

/* Route the plan's heavy table changes through shadow tables: a table
 * named in `o` (or, with a live current side, at least o->min_rows /
 * o->min_bytes big) with a change whose step rewrites it, holds ACCESS
 * EXCLUSIVE on it for a scan or re-creates it, or whose column order
 * changes, becomes a ShadowTable in p->shadowed; its changes (and those of
 * its children, the foreign keys to it, the views reading it), forward and
 * back, get Change.shadow, and its table_rewrite hazard is dropped (the
 * rewrite happens on the shadow, online).  A table without a key the sync
 * can use is an input error in `diags` naming the table and the fix, at
 * its place in the files; so is a table named in `o` that no shadow table
 * can take (shadow_unsupported), while one chosen by size is left in place
 * with a line in p->notes; then shadow_check_names. */
void shadow_route(Arena *a, MigrationPlan *p, const ShadowOpts *o, Diags *diags);

/* ------------------------------------------------------------------------
 * diff/sizes.c — which tables' sizes a plan needs
 * ------------------------------------------------------------------------ */

/* Appends to `out` (Table * of p->current, each once) the tables whose
 * size in bytes is still unread (Table.est_bytes_unread) that the plan
 * needs: those a change of p->changes touches (the table itself, or what
 * hangs on it), on either side; with `every_kept` (shadow.min_bytes set)
 * also every table both models hold. */
void plan_size_tables(Arena *a, const MigrationPlan *p, bool every_kept, PtrVec *out);

/* ------------------------------------------------------------------------
 * diff/shadow_check.c — tables a shadow table cannot take; free names
 * ------------------------------------------------------------------------ */

/* Why table `cur` (current side, in cur_m) / `des` (desired side, in
 * des_m; may be NULL) cannot go through a shadow table, as a clause for a
 * message ("it is partitioned (...)"): foreign, partitioned, a partition,
 * an inheritance parent or child, a typed table, or becoming partitioned
 * in a way shadow_part_unsupported refuses; NULL when it can.  `kids`
 * (zeroed by the caller, may be NULL) holds an index of each side's
 * inheritance children, built on the first call, so that a caller asking
 * of many tables is not quadratic. */
typedef struct ShadowKids {
    StrMap cur, des; /* "schema\x1fname" of a parent -> its first child */
    bool built;
} ShadowKids;
const char *shadow_unsupported(Arena *a, const Model *cur_m, const Model *des_m, const Table *cur, const Table *des,
                               ShadowKids *kids);
/* What holds relation name schema.name in m (an index, a table, view or
 * sequence, a key constraint's index; a type too when `types`: a table's
 * row type takes its name among types), or NULL. */
const Obj *shadow_name_holder(const Model *m, const char *schema, const char *name, bool types);
/* After shadow_route chose p->shadowed: each name the phases create (the
 * shadow and old tables, cut to 63 bytes; the `_sdsh` key and index copies
 * and the `_sdold` names of the old keys and indexes) must be free: held by
 * no relation (tables also: no type) of the desired side, nor of the
 * current side unless migration.sql drops it first, nor by another
 * shadowed table's artefact.  Each clash is an input error in `diags` at
 * the object holding the name. */
void shadow_check_names(Arena *a, const MigrationPlan *p, Diags *diags);
/* Whether the columns both tables have come in another order in `des`
 * than in `cur`: a clause naming the first that differs, or NULL. */
const char *shadow_order_differs(Arena *a, const Table *cur, const Table *des);
/* A line in p->notes for each table of both sides, not shadowed, whose
 * column order differs (shadow_order_differs): the in-place plan leaves it
 * as it is, and only a shadow plan can change it.  Partitions, inheritance
 * children and the other kinds shadow_unsupported names are left out. */
void shadow_order_notes(Arena *a, MigrationPlan *p);

/* ------------------------------------------------------------------------
 * diff/shadow_part.c — a table that becomes partitioned, through a shadow
 * ------------------------------------------------------------------------ */

/* Why plain table `cur` cannot become the partitioned `des` through a
 * shadow table (its partition key has an expression, names a column the
 * current table lacks, a partition is a foreign table), as a clause; NULL
 * when it can, or when `des` is not partitioned. */
const char *shadow_part_unsupported(Arena *a, const Model *des_m, const Table *cur, const Table *des);
/* Fill st->partitioned, st->des_parts (from p->desired) and st->match
 * (st->key and the partition key's columns); a desired partition whose
 * name a relation or type of the current side holds (and migration.sql
 * does not drop) is an input error in `diags` at that object. */
void shadow_part_gather(Arena *a, const MigrationPlan *p, ShadowTable *st, Diags *diags);
/* Whether change c is about one of st's desired partitions (the partition
 * itself or what hangs on it). */
bool shadow_part_owns(const ShadowTable *st, const char *schema, const char *table);
/* A note for each column of st's desired table that the current table
 * lacks (not generated): the backfill and the sync trigger fill it row by
 * row from its default (a volatile default gets a value per row), and
 * validation does not compare it; appended to st->notes and p->notes. */
void shadow_new_column_notes(Arena *a, MigrationPlan *p, ShadowTable *st);

/* ------------------------------------------------------------------------
 * diff/shadow_carry.c — rules, statistics, BEGIN ATOMIC functions and
 * publications of a shadowed table
 * ------------------------------------------------------------------------ */

/* Fill st's cur_ and des_ rules, stats, atomic and pubs from p's two
 * models: what names the table and stays with the old table's OID after
 * the swap unless the cutover moves it. */
void shadow_carry_gather(Arena *a, const MigrationPlan *p, ShadowTable *st);

/* ------------------------------------------------------------------------
 * diff/shadow_conv.c — how a shadow table fills a column whose type changes
 * ------------------------------------------------------------------------ */

/* Whether `from` -> `to` is a pgvector vector/halfvec/sparsevec of another
 * dimension (no cast converts a non-NULL value). */
bool shadow_vector_dim_change(const Column *from, const Column *to);
/* For each shadowed table of p (after shadow_route marked its changes),
 * each column whose type changes to a vector of another dimension: with a
 * schemadiff.yaml conversion (conv_using) the change loses its
 * vector_dimension_change hazard and a note says which expression fills it;
 * without one the column is left NULL by the shadow (ShadowTable.nulled,
 * the current Column's shadow_no_conv: no pre-flight), the hazard stays and
 * a note says the embeddings must be recomputed; a NOT NULL desired column
 * is then an input error at it.  Backwards (reverse sync after cutover)
 * the same with rollback_using: without it, ShadowTable.rnulled and a note,
 * or an input error when the current column is NOT NULL. */
void shadow_columns(Arena *a, MigrationPlan *p, Diags *diags);

/* ------------------------------------------------------------------------
 * diff/classify.c — each step's locks, rewrite, scan, transaction, hazards
 * ------------------------------------------------------------------------ */

/* Classify every step of `changes` (one direction of the plan, emitted,
 * not yet ordered; `current` is the state it starts from): fills each
 * step's locks, lock, rewrite, scan, transactional and hazards, then each
 * change's lock (the strongest of its steps), hazards (their union) and
 * transactional (all of its steps). */
void classify_changes(Arena *a, const Model *current, const Model *desired, PtrVec *changes);
/* One row of the ALTER TABLE lock table: an AlterTableType subcommand, the
 * lock PostgreSQL 15 takes for it (AlterTableGetLockLevel) and its words. */
typedef struct ClassifyAtRow {
    int subtype;            /* AlterTableType */
    LockLevel lock;
    const char *what;
} ClassifyAtRow;

/* ------------------------------------------------------------------------
 * diff/classify_at.c — ALTER TABLE subcommands: their locks and reach
 * ------------------------------------------------------------------------ */

/* The table's rows and their number (for tests/unit/test_classify.c). */
const ClassifyAtRow *classify_at_table(int *n);
/* The row of AlterTableType `subtype`, or NULL (none: every one has a row). */
const ClassifyAtRow *classify_at_row(int subtype);
/* The lock SET / RESET of storage parameter `name` ("toast." prefix
 * allowed) takes on a table: SHARE UPDATE EXCLUSIVE for those PostgreSQL
 * 15 lists so, ACCESS EXCLUSIVE for any other. */
LockLevel classify_reloption_lock(const char *name);
/* Whether subcommand `cmd` of an ALTER TABLE without ONLY reaches the
 * table's children; sets *partitions_only when only partitions (not
 * inheritance children), *indexes when it rebuilds or drops their indexes
 * (neither is cleared). */
bool classify_at_recurses(const struct AlterTableCmd *cmd, bool *partitions_only, bool *indexes);

/* ------------------------------------------------------------------------
 * diff/classify_types.c — column type changes: rewrite or not, lossy or not
 * ------------------------------------------------------------------------ */

/* Whether ALTER COLUMN TYPE from -> to rewrites the table in PostgreSQL
 * 15 (timestamp <-> timestamptz: in a session whose zone is UTC); domains
 * are looked up in from_m / to_m (either may be NULL). */
bool classify_type_rewrites(Arena *a, const struct Model *from_m, const struct Model *to_m, const TypeRef *from,
                            const TypeRef *to);
/* Whether ALTER COLUMN TYPE from -> to, not rewriting the table, still
 * re-builds the indexes on the column: the old index's storage is kept
 * only when its operator class fits the new type (CheckIndexCompatible),
 * which the default btree classes decide here (int -> oid,
 * timestamp -> timestamptz, bit -> varbit re-build; varchar -> text,
 * cidr -> inet, a domain -> its base keep). */
bool classify_type_reindexes(Arena *a, const struct Model *from_m, const struct Model *to_m, const TypeRef *from,
                             const TypeRef *to);
/* Whether from -> to is timestamp <-> timestamptz (a typmod kept or
 * raised), which skips the rewrite only when the session's zone is UTC. */
bool classify_tz_change(const TypeRef *from, const TypeRef *to);
/* Mark each column change between timestamp and timestamptz
 * (classify_tz_change) `utc_session`, for the emitter. */
void classify_mark_utc(PtrVec *changes);
/* Whether ALTER COLUMN TYPE from -> to (explicit_cast: with USING
 * col::to) can change a value for good: strings truncated (an explicit
 * cast only; the assignment cast fails), fewer digits after the point, a
 * float's mantissa, the time of day or fractional seconds, text read as
 * another type; not a value that makes it fail (out of range). */
bool classify_type_lossy(const TypeRef *from, const TypeRef *to, bool explicit_cast);
/* classify_type_lossy() between the types at the bottom of the domains
 * (of from_m / to_m, either may be NULL) from and to are. */
bool classify_type_lossy_in(Arena *a, const struct Model *from_m, const struct Model *to_m, const TypeRef *from,
                            const TypeRef *to, bool explicit_cast);
/* Whether domain `d` (a CREATE DOMAIN definition) has a CHECK or NOT NULL
 * constraint of its own (not those of a domain it is over). */
bool classify_domain_has_constraints(const Definition *d);
/* The base type of domain `d`, as norm_type() spells it. */
const char *classify_domain_base(Arena *a, const Definition *d);

/* ------------------------------------------------------------------------
 * diff/partlocks.c — the names of a partition's copies of indexes and keys
 * ------------------------------------------------------------------------ */

/* The name PostgreSQL gives partition `partition`'s copy of `ix` (an
 * index, or a PRIMARY KEY / UNIQUE / EXCLUDE constraint, of an ancestor)
 * when it makes the copy, with its label numbered `pass` when pass > 0
 * (the name was taken: "idx1", "idx2", ...); NULL for another object. */
const char *partlocks_copy_name(Arena *a, const char *partition, const Obj *ix, int pass);

/* ------------------------------------------------------------------------
 * parser/partcheck.c — a partition's copies of its ancestors' CHECKs
 * ------------------------------------------------------------------------ */

/* `child` has just been attached as a partition of `parent`: remove from
 * it, and from the partitions already attached below it, every CHECK
 * constraint named as one of `parent`'s or its ancestors' (PostgreSQL
 * merges them into the inherited copies; pg_dump spells them out). */
void partcheck_attached(DdlReader *r, Table *child, const Table *parent);

/* ------------------------------------------------------------------------
 * diff/rebuilt.c — what a re-created table takes back
 * ------------------------------------------------------------------------ */

/* `pairs` holds (current, desired) pairs of objects on both sides, after
 * diff_models() has marked what it rebuilds (Obj.mark 1).  For each
 * publication that lists a table being re-created (which PostgreSQL drops
 * from it with the table), make sure `out` holds an ALTER of it with
 * ALT_DEFINITION and `dependent` set: its whole table list is set again. */
void diff_rebuilt_members(Arena *a, const PtrVec *pairs, PtrVec *out);

/* ------------------------------------------------------------------------
 * diff/idxswap.c — index rebuilds without a moment without an index
 * ------------------------------------------------------------------------ */

/* In a migration (`style`), fold each DROP + CREATE pair of a changed
 * index, PRIMARY KEY or UNIQUE constraint that can be rebuilt next to the
 * old one (a plain table that exists on both sides, not a dependent
 * rebuild, nothing the old definition needs dropped or changed under it)
 * into one CHG_ALTER with alter ALT_REBUILD, `current` the old and
 * `desired` the new object, swap_new / swap_old set to temporary names no
 * relation of either model has.  A foreign key rebuilt only because it
 * references such a constraint (and nothing else it uses changes) loses
 * its DROP change: the swap drops it and adds it back NOT VALID in its own
 * transaction (swap_fks), its CREATE change validates it.  Runs after
 * fold, mark_reused_names and mark_partitioned; the order of the other
 * changes is kept. */
void idxswap_plan(Arena *a, const Model *current, const Model *desired, EmitStyle style, PtrVec *changes);

/* ------------------------------------------------------------------------
 * diff/rangecols.c — columns of a range type that is re-created
 * ------------------------------------------------------------------------ */

/* A range type is rebuilt (`c` current, `d` desired; `drop` and `create`
 * its two changes): the columns of it, of its multirange or of arrays of
 * them go to the parts of `drop` (current model) and `create` (desired),
 * converted through text around the rebuild, and are marked (Obj.mark 1)
 * so that what depends on them is rebuilt too. */
void diff_range_columns(Arena *a, const Model *current, const Model *desired, const Obj *c, const Obj *d,
                        Change *drop, Change *create);
/* After the dependent rebuilds: each dependent rebuild of an object over a
 * column of a rebuilt range type gets that range as a dependency, so it is
 * dropped before the range and created after it. */
void diff_range_dependents(const Model *current, const Model *desired, PtrVec *out);
/* Report (exit 3, at the desired range type) a range type whose subtype
 * changes while a column the plan keeps uses it. */
void range_check(const Model *current, const Model *desired, Diags *diags);

/* ------------------------------------------------------------------------
 * diff/gate.c — hazard gating
 * ------------------------------------------------------------------------ */

/* Mark every forward change of `p` whose hazards include a blocking one
 * that `allowed` (Hazard bits) lacks: c->refused gets those bits.  The
 * rollback is never gated.  Returns the number of refused changes; their
 * refused bits together in *refused (if not NULL). */
int plan_gate(MigrationPlan *p, unsigned allowed, unsigned *refused);
/* Mark every forward change with a step whose pre-flight found rows that
 * make it fail (PF_FAILED): c->pf_failed counts those steps.  Returns the
 * number of such steps in the plan; timeouts and errors are not counted
 * (they are warnings).  The first failing step through *first (if not
 * NULL), its change through *first_change. */
int plan_gate_preflight(MigrationPlan *p, const Step **first, const Change **first_change);

/* ------------------------------------------------------------------------
 * diff/preflight.c — pre-flight queries: which existing rows make a step fail
 * ------------------------------------------------------------------------ */

/* Rows counted per query, at most (the query returns PREFLIGHT_CAP + 1 to
 * tell "at least"), and sample keys kept. */
#define PREFLIGHT_CAP 1000
#define PREFLIGHT_SAMPLES 5

/* Give every forward step that rows of the current state can make fail
 * its query (Step.preflight, ending in LIMIT PREFLIGHT_CAP + 1) and what
 * it looks for (preflight_what), state PF_NOT_RUN: SET NOT NULL, new
 * PRIMARY KEY / UNIQUE constraints and unique indexes, new or validated
 * CHECK and FOREIGN KEY constraints, enum labels removed while columns
 * use them, and type changes whose conversion can fail where PostgreSQL
 * 15 can test it without raising.  Changes of tables the plan creates get
 * none.  Also sets est_rows / est_bytes on every step of a change to a
 * table the current model has an estimate for. */
void preflight_plan(Arena *a, MigrationPlan *p);
/* Every forward step with a pre-flight query, in plan order (Step *). */
void preflight_steps(MigrationPlan *p, PtrVec *out);
/* The queries will not run: every step that has one stays PF_NOT_RUN with
 * `reason` ("files as the current side"), and the plan says so. */
void preflight_skip(MigrationPlan *p, const char *reason);
/* After the queries ran: the plan's one-line summary (preflight_note). */
void preflight_summarize(MigrationPlan *p);
/* The query preflight would run for adding or validating constraint k of
 * table t of model m (no LIMIT: the caller wraps it), and *what the rows
 * are for people; NULL when none can be made (verify --data uses it for
 * NOT VALID constraints). */
const char *preflight_constraint_rows(Arena *a, const Model *m, const Table *t, const TableConstraint *k,
                                      const char **what);

/* ------------------------------------------------------------------------
 * diff/poly.c — polymorphic associations: rules checked, enforcement made
 * ------------------------------------------------------------------------ */

/* Check the rules of cfg against the desired model: every error an
 * EXIT_INPUT diagnostic at its YAML place (a plain FOREIGN KEY on a ruled
 * id column: at the FOREIGN KEY); suspected pairs without a rule are
 * warnings (diag_warn), and one line each into `notes` (char *; may be
 * NULL) for the plan. */
void poly_check(Arena *a, const Config *cfg, const Model *desired, Diags *diags, PtrVec *notes);
/* The DDL that enforces the rules (enforce: trigger / generated_fks), to be
 * read into the desired model after poly_check passed; NULL when none. */
const char *poly_sql(Arena *a, const Config *cfg, const Model *desired);
/* The name of a rule's check function and constraint trigger. */
const char *poly_check_name(Arena *a, const PolyRule *r);
/* The SQL condition (table alias sd_r) of the rows rule r refuses, in the
 * state m: a target type without its row (only that target when `only`),
 * and, when `only` is NULL, a type neither target nor external; `unknown`:
 * only the latter. */
const char *poly_orphans_cond(Arena *a, const PolyRule *r, const Model *m, const PolyTarget *only, bool unknown);
/* A change creating a rule's check trigger on an existing table gets the
 * query of the rows that violate the rule as its step's pre-flight
 * (`limit`: " LIMIT n"). */
void poly_preflight(Arena *a, const Model *current, const Model *desired, Change *c, const char *limit);
/* A finding of `verify --data`. */
typedef struct DataFinding {
    const char *severity;   /* "critical", "error" or "warning" */
    const char *check;      /* "polymorphic", "foreign_key", "check", "unruled_pair" */
    const char *table;      /* "schema.table" ("" for a pair warning) */
    const char *object;     /* "type_column/id_column" of a rule, a constraint's name */
    const char *type;       /* a rule's target type; NULL: not one type */
    const char *message;
    const char *query;      /* returns one row: count, samples (text, newline
                             * separated, at most five); NULL: nothing to run */
    long long count;        /* rows found (after the query ran) */
    PtrVec samples;         /* char * */
    const char *error;      /* the query failed: the server's first line */
} DataFinding;
/* The findings of `verify --data` for database model db (DataFinding *
 * into out): per rule a critical finding when its table or a column or a
 * target is missing, else per target type and for unknown types a query
 * of the orphans; per NOT VALID foreign key and CHECK a query of the rows
 * that violate it; per suspected unruled pair a warning. */
void poly_verify_data(Arena *a, const Config *cfg, const Model *db, PtrVec *out);

/* ------------------------------------------------------------------------
 * diff/casts.c — which built-in type changes PostgreSQL can convert
 * ------------------------------------------------------------------------ */

/* Whether ALTER COLUMN ... TYPE `to` USING col::`to` can convert a column
 * of type `from`: a cast in PostgreSQL 15's pg_cast, or I/O conversion to
 * or from a string type.  Pairs involving user types or arrays of another
 * depth are not judged (true). */
bool casts_convertible(const TypeRef *from, const TypeRef *to);
/* Report (exit 3, at the desired column) every column whose type changes
 * between the models in a way no cast converts. */
void casts_check(const Model *current, const Model *desired, Diags *diags);
/* The cast table, "source|target" rows in byte order: its size and row i
 * (NULL past the end), so that a test checks the order bsearch needs. */
int casts_table_size(void);
const char *casts_table_row(int i);

/* ------------------------------------------------------------------------
 * diff/conv.c — schemadiff.yaml `conversions:` applied to the two models
 * ------------------------------------------------------------------------ */
/* Before casts_check and plan_build: each rule's column must exist in the
 * desired schema (else an input error at the rule's YAML line); a rule
 * whose column is not in the current schema or keeps its type is unused (a
 * warning: the config outlives the migration); otherwise its `using` is set on the desired Column
 * (conv_using), its `rollback_using` on the current one, or, when none
 * and no cast leads back, current->conv_no_cast_back and a line in
 * `notes` (char *; may be NULL). */
void conv_apply(Arena *a, const Config *cfg, Model *current, Model *desired, Diags *diags, PtrVec *notes);

/* ------------------------------------------------------------------------
 * diff/order.c — stable topological sort of changes
 * ------------------------------------------------------------------------ */

/* Order changes by the dependencies of their objects (creates after what
 * they need; drops before what they need), ties broken by kind and key.
 * Changes caught in a dependency cycle are appended to `cycle` (if not
 * NULL); they are still ordered, lowest rank first. */
void order_changes(Arena *a, PtrVec *changes, PtrVec *cycle);

/* ------------------------------------------------------------------------
 * schemas/quote.c — the one quoting module
 * ------------------------------------------------------------------------ */

/* Identifier, quoted per PostgreSQL's rules (keyword-aware). */
const char *q_ident(Arena *a, const char *name);
/* "<name><suffix>" (unquoted) cut at a character boundary to fit 63
 * bytes: a name made from another (a shadow table's, a key's copy). */
const char *q_suffixed(Arena *a, const char *name, const char *suffix);
/* "schema.name", each part quoted. */
const char *q_qual(Arena *a, const char *schema, const char *name);
/* A string literal '...' with quotes doubled (E'' when backslashes occur). */
const char *q_literal(Arena *a, const char *s);
/* q_ident() and q_literal() appended to a buffer (schemas/deparse_fast.c:
 * the same text as libpg_query's deparser prints for names and strings). */
void sb_quote_ident(StrBuf *sb, const char *name);
void sb_quote_literal(StrBuf *sb, const char *s);
/* A literal naming a qualified object as text: '"s"."n"' (for regclass). */
const char *q_qual_literal(Arena *a, const char *schema, const char *name);
/* A dollar-quoted body with a tag that does not occur in it. */
const char *q_dollar(Arena *a, const char *body);

/* ------------------------------------------------------------------------
 * schemas/deparse.c — printing parse trees through libpg_query's deparser
 * ------------------------------------------------------------------------ */

/* What a deparse that cannot be trusted prints instead of SQL: the marker,
 * then the reason, \001, and the unverified text when there is one (so
 * that two different unprintable trees still compare different).  It never parses (a control byte outside any literal),
 * and emit/reparse.c refuses any statement holding it, naming the object,
 * so no file is written (exit 5). */
#define DEPARSE_UNPRINTABLE "\001schemadiff: cannot print this: "

/* An expression, printed as `SELECT <expr>` is and checked like a
 * statement (the tree checked is the one printed: casts fixed, see
 * fix_casts); the marker when it cannot be printed faithfully. */
const char *deparse_expr(Arena *a, const struct Node *expr);
/* deparse_expr() through libpg_query's deparser alone, never the fast
 * printer: for the test that holds the two to the same text. */
const char *deparse_expr_slow(Arena *a, const struct Node *expr);
/* schemas/deparse_fast.c: `expr` appended to sb exactly as the deparser
 * prints it, for the common shapes (constants, casts to plain types,
 * calls, column references, binary operators, AND/OR/NOT, IS [NOT] NULL,
 * IN lists); false, sb partly written, for anything else. */
bool deparse_fast_expr(StrBuf *sb, const struct Node *expr);
/* Whether `c` is 't' or 'f' cast to pg_catalog.bool ('t'::boolean), which
 * the deparser prints as true or false: a constant, not the cast. */
bool deparse_bool_word_cast(const struct TypeCast *c);
/* A whole statement (e.g. IndexStmt, AlterTableStmt), without ';'.  Names
 * the deparser prints raw are quoted, function bodies dollar-quoted with
 * q_dollar(); the text is parsed again and must be exactly one statement
 * equal() to `stmt`, else DEPARSE_UNPRINTABLE, the reason, \001 and the
 * unverified text.  `stmt` is not modified. */
const char *deparse_stmt(Arena *a, const struct Node *stmt);
/* The statements of a BEGIN ATOMIC body (a CREATE FUNCTION's sql_body that
 * is not a RETURN), in order, as one flat list (palloc'd); the raw parse
 * nests them in a list of lists, with NIL for `BEGIN ATOMIC ; END`. */
struct List *atomic_body_stmts(const struct Node *body);
/* `sql` if it parses as exactly one statement equal() to `meant` (for SQL
 * assembled around a deparsed part, e.g. a BEGIN ATOMIC body from source),
 * else the marker as deparse_stmt() prints it. */
const char *deparse_verify(Arena *a, const char *sql, const struct Node *meant);

/* ------------------------------------------------------------------------
 * emit/core.c — the statement helpers every kind emitter shares
 * ------------------------------------------------------------------------ */

/* One change being emitted. */
typedef struct Emit {
    Arena *a;
    Change *c;
    EmitStyle style;
    const char *guard_sql, *guard_body; /* the last DO guard built, and its body */
} Emit;

/* Append a statement (ends with ';') to the change, with its Step (sql,
 * and body: the DDL when the statement is the DO guard built last). */
void emit_stmt(Emit *e, const char *sql);
/* `DO $$ BEGIN IF <cond> THEN <body> END IF; END $$;`, body one statement.
 * A body or condition that does not parse back as meant (reparse.c) gives
 * a statement holding DEPARSE_UNPRINTABLE, which the plan then refuses. */
const char *emit_guarded(Emit *e, const char *cond, const char *body);
/* emit_guarded() with a body of `n` statements. */
const char *emit_guarded_n(Emit *e, const char *cond, const char *body, int n);
/* COMMENT ON <what> IS <comment or NULL>; */
const char *emit_comment_on(Emit *e, const char *what, const char *comment);
/* How COMMENT ON names o: "COLUMN s.t.c", "CONSTRAINT c ON s.t", "TABLE s.t"... */
const char *emit_comment_target(Emit *e, const Obj *o);
/* COMMENT ON <o> IS <o's comment or NULL>; */
const char *emit_comment_sql(Emit *e, const Obj *o);
/* SQL condition: no type named like o exists. */
const char *emit_type_missing(Emit *e, const Obj *o);
/* SQL condition: table (a quoted qualified name) has [no, when `negate`]
 * constraint `name`. */
const char *emit_constraint_exists(Emit *e, const char *table, const char *name, bool negate);
/* The change's one-line summary: "<verb> <object>[: detail]". */
void emit_summary(Emit *e, const char *verb, const Obj *o, const char *detail);
/* For emit/idxswap.c: CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT EXISTS of
 * ix's definition under `name` (on ix's table). */
const char *emit_index_create_sql(Emit *e, const TableIndex *ix, const char *name);
/* CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS `name` (quoted) of a
 * PRIMARY KEY / UNIQUE constraint's definition on its table `tname`
 * (quoted, qualified): keys, INCLUDE, NULLS NOT DISTINCT, WITH. */
const char *emit_key_index_sql(Emit *e, const TableConstraint *k, const char *tname, const char *name);
/* ALTER TABLE ... ADD CONSTRAINT of k's definition[, NOT VALID]. */
const char *emit_add_constraint_sql(Emit *e, const TableConstraint *k, bool not_valid);
/* For emit/shadow.c: CREATE [UNIQUE] INDEX [CONCURRENTLY] IF NOT EXISTS
 * `name` of ix's definition on relation `on` (another table, with the same
 * columns), ON ONLY `on` when `only` (a partitioned table's index without
 * its partitions'). */
const char *emit_index_create_on(Emit *e, const TableIndex *ix, const Obj *on, const char *name, bool concurrently,
                                 bool only);
/* A DO block dropping index schema.name when it is an invalid one (a
 * failed CONCURRENTLY build's leftover, which IF NOT EXISTS would keep). */
const char *emit_invalid_index_drop(Emit *e, const char *schema, const char *name);

/* ------------------------------------------------------------------------
 * emit/idxswap.c — the statements of a gap-free index rebuild
 * ------------------------------------------------------------------------ */

/* The statements of an ALT_REBUILD change of an index or PRIMARY KEY /
 * UNIQUE constraint (idxswap_plan): the new definition built CONCURRENTLY
 * as c->swap_new, then in one short transaction put in the old one's place
 * (an index: old renamed to c->swap_old, new renamed to the name, then the
 * old dropped CONCURRENTLY; a constraint: dropped and added back USING
 * INDEX the new one), with the desired comment, statistics targets,
 * CLUSTER mark and REPLICA IDENTITY.  Every statement is idempotent and a
 * run stopped after any of them is finished by running the whole again. */
void idxswap_emit(Emit *e);

/* ------------------------------------------------------------------------
 * emit/detach.c — DETACH PARTITION without the partition's copies
 * ------------------------------------------------------------------------ */

/* A DO statement that, when `cond` holds (the table `q`, in `schema`, is
 * still a partition of `parent`; both quoted and qualified), lists the
 * table's copies of its parent's constraints and indexes, detaches it and
 * drops them: the table's desired ones are created by their own changes. */
const char *emit_detach_sql(Emit *e, const char *parent, const char *q, const char *schema, const char *cond);
/* Before a partition's DROP TABLE (migration style): DETACH it from its
 * parent, guarded by pg_inherits (a foreign key to the parent would make
 * the drop fail). */
void emit_detach_before_drop(Emit *e, const Table *t);
/* ATTACH PARTITION of `q` to `parent` with partition bound `bound`, as a
 * DO statement run when `cond` holds: after `pre` (statements, each ending
 * in ";\n        ", or ""), the parent's CHECK constraints the table lacks
 * are added under their names, as PostgreSQL requires. */
const char *emit_attach_sql(Emit *e, const char *cond, const char *pre, const char *parent, const char *q,
                            const char *bound);
/* "<KIND> <name>" as COMMENT ON and ALTER ... OWNER TO name the object,
 * e.g. "FUNCTION "public"."f"(integer)", "TRIGGER "t" ON "public"."x"". */
const char *emit_obj_ref(Arena *a, const Obj *o);
/* DROP <what> IF EXISTS o; when the change reuses the name for another
 * kind of relation, only if o is still of `relkind`. */
const char *emit_drop_relation(Emit *e, const char *what, char relkind, const Obj *o);
/* A column's definition as CREATE TABLE / ADD COLUMN write it. */
const char *emit_column_def(Arena *a, const Column *col, EmitStyle style);
/* The same, appended to sb (a CREATE TABLE of many columns copies none). */
void emit_column_def_into(StrBuf *sb, Arena *a, const Column *col, EmitStyle style);
/* A column's DEFAULT expression as CREATE TABLE takes it (a b_expr in the
 * grammar): deparse_expr(), in parentheses when it is not a b_expr. */
const char *emit_default_expr(Arena *a, const struct Node *n);
/* A sequence's options (AS type first when `with_type`). */
const char *emit_seq_opts(Arena *a, const SeqOpts *o, bool with_type);
/* ALTER TABLE `table` ALTER COLUMN ... for the storage, compression and
 * options `des` states unlike `cur` (NULL: a new column). */
void emit_column_attrs(Emit *e, const char *table, const Column *cur, const Column *des);

/* ------------------------------------------------------------------------
 * emit/emit.c — the per-kind dispatch
 * ------------------------------------------------------------------------ */

/* Fill c->sql, c->steps (each with its SQL and guarded body only) and
 * c->summary; diff/classify.c decides everything else about them. */
void emit_change(Arena *a, Change *c, EmitStyle style);
/* The emitter of each kind, read-only: every slot must be non-NULL
 * (tests/unit/test_kindops.c). */
typedef void (*EmitFn)(Emit *e);
extern const EmitFn *const emit_kind_table;

/* ------------------------------------------------------------------------
 * emit/sql.c — schemas, extensions, enums, sequences, tables, constraints, indexes
 * ------------------------------------------------------------------------ */

/* Each builds the forward or inverse SQL of one change of its kind (the
 * rollback calls the same function with current and desired swapped). */
void emit_schema(Emit *e);
void emit_extension(Emit *e);
void emit_enum(Emit *e);
void emit_sequence(Emit *e);
void emit_table(Emit *e);
void emit_constraint(Emit *e);
void emit_index(Emit *e);
void emit_seq_owner(Emit *e);

/* ------------------------------------------------------------------------
 * emit/column.c — column changes on existing tables
 * ------------------------------------------------------------------------ */

void emit_column(Emit *e);

/* ------------------------------------------------------------------------
 * emit/shadow.c — shadow.sql: the phases of the shadowed tables
 * ------------------------------------------------------------------------ */

/* shadow.sql of the plan's shadowed tables (p->shadowed, not empty): the
 * state table, the phase procedures (schemadiff.prepare, enable_sync,
 * backfill, validate, cutover, rollback, cleanup), each table's functions,
 * and the calls that run prepare .. cutover in order; every statement
 * listed for reparse_script().  Prints what diff/shadow.c decided. */
struct OutputOpts;
struct Script *output_shadow(Arena *a, const MigrationPlan *p, const struct OutputOpts *o);
/* The rollback.sql statement that undoes whichever phases of `st` ran (a
 * DO block calling its functions when they exist). */
const char *shadow_undo_sql(Arena *a, const ShadowTable *st);
/* `<indent>EXECUTE '<sql>';` appended to a PL/pgSQL body, after checking
 * that sql is one statement of its announced kind (the first failure of a
 * run goes to *fault, which starts NULL). */
void shadow_exec(Arena *a, StrBuf *body, const char *indent, const char *sql, const char **fault);

/* ------------------------------------------------------------------------
 * emit/shadow_part.c — shadow.sql of a table that becomes partitioned
 * ------------------------------------------------------------------------ */

/* " PARTITION BY <key>" for the shadow's CREATE TABLE, "" when st is not
 * partitioned. */
const char *shadow_part_spec(Arena *a, const ShadowTable *st);
/* The PL/pgSQL variables shadow_part_prepare's lines use ("" when st is
 * not partitioned). */
const char *shadow_part_declare(const ShadowTable *st);
/* Lines of prepare's body, after the shadow's CREATE TABLE: the keys as
 * constraints `<name>_sdsh` (or the unique index `key_index` over
 * st->match), the partitions under their desired names with what the plan
 * folds into their creation, and on the first call the check that every
 * source row has a partition (an exception naming the count and one key).
 * *fault: an embedded statement that did not re-parse, or NULL. */
const char *shadow_part_prepare(Arena *a, const ShadowTable *st, const char *key_index, const char **fault);
/* The batch's INSERT lines `insert`, for a partitioned st wrapped in a
 * block turning "no partition … found for row" into an error naming the
 * table, the row's key values and the fix (needs variables msg, det). */
const char *shadow_part_insert(Arena *a, const ShadowTable *st, const char *insert);
/* The run section's statements building st's secondary indexes on the
 * partitioned shadow: each ON ONLY the shadow as `<name>_sdsh`, then on
 * each partition (CONCURRENTLY on a leaf; model_partition_index_name) and
 * attached to its parent's. */
void shadow_part_indexes(Arena *a, const ShadowTable *st, PtrVec *out);

/* ------------------------------------------------------------------------
 * emit/shadow_carry.c — moving rules, statistics, BEGIN ATOMIC functions
 * and publication membership at cutover and rollback
 * ------------------------------------------------------------------------ */

/* The statements (each one, for EXECUTE) that move st's rules, statistics,
 * BEGIN ATOMIC functions and publication membership: `rollback` false at
 * cutover (from the old table to the new), true at rollback; `before` the
 * renames (drop the leaving side's rules and statistics), else after them
 * (create the arriving side's, re-create the functions, REPLICA IDENTITY
 * USING INDEX of its key or index, set each publication's list as that
 * side has it). */
void shadow_carry_sql(Arena *a, const ShadowTable *st, bool rollback, bool before, PtrVec *out);

/* ------------------------------------------------------------------------
 * emit/reparse.c — everything written is parsed again before it is written
 * ------------------------------------------------------------------------ */

/* One statement of a script: its bytes [start, end) of the text (the ';'
 * included) and the change it belongs to (NULL: the script's own SET,
 * BEGIN, COMMIT, RESET). */
typedef struct ScriptStmt {
    int start, end;
    const struct Change *change;
} ScriptStmt;

/* A migration or rollback as written, with where each statement is. */
typedef struct Script {
    const char *text;
    ScriptStmt *stmts;
    int n;
    bool rollback;   /* a rollback (else a migration or a dump) */
    bool dump;       /* schemadiff dump's DDL */
} Script;

/* Parse the whole script again: it must be exactly its statements, each
 * of the kind its leading keywords announce, DO bodies valid PL/pgSQL, and
 * no DEPARSE_UNPRINTABLE marker.  NULL when it is; else a message naming
 * the object whose SQL is at fault (an internal error: write nothing). */
const char *reparse_script(Arena *a, const Script *s);
/* The same check with the text cut into `parts` (1..64) parts before
 * statements, which a worker per core (two at least, four at most) parses
 * in turn, each part in a context freed after it; reparse_script() cuts a
 * large script into parts of about a megabyte.  Same verdict as one part;
 * the report names the first part's fault. */
const char *reparse_script_parts(Arena *a, const Script *s, int parts);
/* Check a guarded body when the DO block is built: exactly `n` statements,
 * each of its announced kind.  NULL, or the reason. */
const char *reparse_guarded_body(Arena *a, const char *body, int n);
/* Check a guard condition: one SQL expression.  NULL, or the reason. */
const char *reparse_condition(Arena *a, const char *cond);
/* The table of statement kinds by leading keywords: its size and the
 * prefix of row i (NULL past the end), so that a test checks every row. */
int reparse_announce_count(void);
const char *reparse_announce_prefix(int i);

/* ------------------------------------------------------------------------
 * emit/defs.c — views, functions, triggers, policies, domains, types; and
 * ownership and privileges of every kind
 * ------------------------------------------------------------------------ */

void emit_view(Emit *e);
void emit_function(Emit *e);
void emit_trigger(Emit *e);
void emit_event_trigger(Emit *e);
void emit_policy(Emit *e);
void emit_domain(Emit *e);
void emit_composite(Emit *e);
/* ALTER DEFAULT PRIVILEGES: the difference of the privileges. */
void emit_default_acl(Emit *e);
void emit_collation(Emit *e);
void emit_aggregate(Emit *e);
/* CREATE OPERATOR (guarded: not when it exists other than as a shell),
 * DROP OPERATOR, ALTER OPERATOR ... SET (RESTRICT, JOIN). */
void emit_operator(Emit *e);
/* CREATE OR REPLACE RULE, DROP RULE, ENABLE / DISABLE RULE. */
void emit_rule(Emit *e);
/* CREATE OPERATOR FAMILY / CLASS (guarded), DROP; comments. */
void emit_opclass(Emit *e);
/* OWNER TO and GRANT/REVOKE a change needs, after its own statements. */
void emit_owner_acl(Emit *e);

/* ------------------------------------------------------------------------
 * emit/defkinds.c — range types, casts, statistics objects
 * ------------------------------------------------------------------------ */

/* Each prints its Definition.def_text: created (guarded, or IF NOT
 * EXISTS), dropped (IF EXISTS), comments, and a statistics object's
 * target (ALTER STATISTICS ... SET STATISTICS) altered in place. */
void emit_range(Emit *e);

/* ---- emit/rangeguard.c — "the range type is still the old one" ------------- */

/* SQL condition: the database's type named like range `d` exists and is
 * defined as d's canonical statement says (subtype, operator class,
 * collation, subtype_diff, canonical, multirange name); false, never an
 * error, when a name it compares does not exist. */
const char *emit_range_is(Emit *e, const Definition *d);
/* SQL condition: column `col` (of its table, which may be missing: then
 * false) is now of type `type` (SQL spelling, e.g. "text[]"). */
const char *emit_column_is_type(Emit *e, const Column *col, const char *type);
void emit_cast(Emit *e);
void emit_statistics(Emit *e);

/* ------------------------------------------------------------------------
 * emit/seqpos.c — a column's sequence position, computed at run time
 * ------------------------------------------------------------------------ */

/* SQL condition: the sequence `seq_qual` (quoted qualified name) is not an
 * identity column's sequence (guards steps on a serial's old sequence whose
 * name an identity took over). */
const char *seqpos_not_identity(Arena *a, const char *seq_qual);
/* A statement that sets the sequence a column gains (identity, or a
 * nextval() default it did not have) past the column's existing values,
 * forward only; NULL when the column gains none. */
const char *seqpos_after_rows(Arena *a, const Column *cur, const Column *des);
/* serial -> identity in one guarded DO block: drop the default, drop the
 * old sequence (when nothing else uses it), `add_identity`, RESTART at the
 * old sequence's next value.  NULL when `cur` draws from no sequence. */
const char *seqpos_serial_to_identity(Arena *a, const Column *cur, const Column *des, const char *identity_missing,
                                      const char *add_identity);
/* For an owned sequence about to be created: a DO block that drops the
 * identity of a column whose sequence has its name, runs `create_sql` and
 * sets it where the identity's sequence stood.  NULL for an unowned one. */
const char *seqpos_identity_to_serial(Arena *a, const Sequence *s, const char *create_sql);

/* ------------------------------------------------------------------------
 * parser/viewnorm.c — view query spellings the catalog changes
 * ------------------------------------------------------------------------ */

/* Whether `alias` is the catalog's alias for a relation read again in a
 * subquery: relname, '_', digits ("orders_1"). */
bool viewnorm_auto_alias(const char *alias, const char *relname);
/* ORDER BY ... USING < / > as the default order / DESC; VALUES lists'
 * expressions normalised (norm_expr). */
struct SelectStmt;
void viewnorm_select(const NormCtx *nc, struct SelectStmt *s);

/* ------------------------------------------------------------------------
 * parser/replident.c — REPLICA IDENTITY
 * ------------------------------------------------------------------------ */

/* Apply `ALTER TABLE t REPLICA IDENTITY <type>` ('d', 'f', 'n', or 'i' with
 * `index`, an index or PRIMARY KEY / UNIQUE constraint of t) to the model:
 * it replaces t's previous replica identity.  False when t has no such
 * index (nothing changed). */
bool replident_apply(Model *m, Table *t, char type, const char *index);

/* ------------------------------------------------------------------------
 * emit/replident.c — REPLICA IDENTITY statements of a change
 * ------------------------------------------------------------------------ */

/* The table's FULL / NOTHING as `des` has it, or back to DEFAULT (guarded:
 * only while the table still has FULL or NOTHING) when `cur` (may be NULL)
 * had one and `des` has none. */
void replident_table_change(Emit *e, const Table *cur, const Table *des);
/* USING INDEX o (an index or PRIMARY KEY / UNIQUE constraint) when `is`
 * and not `was`; back to DEFAULT (guarded: only while o is still the
 * identity) when `was` and not `is`. */
void replident_index_change(Emit *e, const Obj *o, bool was, bool is);

/* ------------------------------------------------------------------------
 * emit/textsearch.c — SQL of text search parsers, templates, dictionaries, configurations
 * ------------------------------------------------------------------------ */

/* CREATE (in a DO block guarded by the catalog in a migration), DROP ...
 * IF EXISTS, ALTER MAPPING / DROP MAPPING IF EXISTS for changed mappings,
 * ALTER TEXT SEARCH DICTIONARY (...) for changed options, comments. */
void emit_textsearch(Emit *e);

/* ------------------------------------------------------------------------
 * emit/publication.c — SQL of publications
 * ------------------------------------------------------------------------ */

/* CREATE (guarded by pg_publication in a migration), DROP ... IF EXISTS,
 * ALTER PUBLICATION ... SET for changed members (guarded DROPs when none
 * is desired) and SET (...) for changed options, comments. */
void emit_publication(Emit *e);

/* ------------------------------------------------------------------------
 * emit/shadow_staged.c — the staged-cutover control objects (shadow.cutover:
 * staged)
 * ------------------------------------------------------------------------ */

/* The SQL text of the staged-cutover objects in schema schemadiff (the
 * stage enum, the routing, metrics and events tables, the start / advance /
 * complete / emergency / routing / metric / health functions and the
 * staged_status view): table-independent, idempotent (safe to run again),
 * for shadow.sql to include when shadow.cutover is staged.  It reads
 * schemadiff.shadow_state (docs/shadow.md) only when its functions run.
 * Deterministic; lives in `a`. */
const char *shadow_staged_sql(Arena *a);
/* The same text as a Script (each statement's bounds; no change attached),
 * for reparse_script(). */
Script *shadow_staged_script(Arena *a);
/* The safety net over that text: reparse_script() and each PL/pgSQL body
 * through libpg_query's PL/pgSQL parser.  NULL when it is sound, else the
 * reason (an internal error). */
const char *shadow_staged_check(Arena *a);

/* ------------------------------------------------------------------------
 * emit/foreign.c — SQL of foreign data wrappers, servers, user mappings and
 * of foreign tables' servers and options
 * ------------------------------------------------------------------------ */

/* Wrappers (created in a DO block guarded by the catalog), servers and user
 * mappings (IF NOT EXISTS), dropped IF EXISTS; HANDLER / VALIDATOR and
 * VERSION altered in place, OPTIONS one guarded statement per option;
 * comments.  Secrets are never printed: a note (comment and NOTICE) and the
 * change's summary name the statement the operator runs by hand. */
void emit_foreign(Emit *e);
/* " OPTIONS (name 'value', ...)" without the secrets; "" when none is left. */
const char *foreign_options_sql(Arena *a, const PtrVec *opts);
/* "USER MAPPING FOR r SERVER s", "FOREIGN TABLE s.t", "SERVER s", ... as
 * ALTER and COMMENT ON name the object. */
const char *foreign_obj_ref(Arena *a, const Obj *o);
/* " SERVER s OPTIONS (...)" of CREATE FOREIGN TABLE, appended to sb. */
void foreign_table_tail(Arena *a, StrBuf *sb, const Table *t);
/* After a foreign table's create: the note for secrets left out. */
void foreign_table_notes(Emit *e, const Table *t);
/* ALT_FDW_OPTIONS of a foreign table or of its column (the change's). */
void foreign_alter_options(Emit *e);
/* What a model fingerprint hashes of a wrapper, server, user mapping,
 * foreign table or its column (secrets by presence only). */
const char *foreign_fingerprint_text(Arena *a, const Obj *o);

/* ------------------------------------------------------------------------
 * diff/foreign.c — comparing foreign data
 * ------------------------------------------------------------------------ */

/* The ALT_* bits that differ between two wrappers, servers, user mappings,
 * tables (server: ALT_REBUILD; OPTIONS) or columns (OPTIONS). */
unsigned diff_foreign(const Obj *current, const Obj *desired);

/* ------------------------------------------------------------------------
 * emit/preflight.c — pre-flight results as people read them
 * ------------------------------------------------------------------------ */

/* One line (no newline) for a step with a pre-flight query, NULL for one
 * without: "Pre-flight: would fail: 3 rows where email IS NULL, e.g. 1, 7,
 * 9", "... at least 1000 ...", "passed: no rows where ...", "not run
 * (files as the current side)", "timed out (warning, not checked): ...",
 * "error (warning, not checked): ...". */
const char *preflight_describe(Arena *a, const Step *st);
/* What a PF_FAILED step's query found: "3 rows where email IS NULL, e.g.
 * 1, 7, 9" ("at least 1000 ..." when capped). */
const char *preflight_found(Arena *a, const Step *st);

/* ------------------------------------------------------------------------
 * emit/output.c — migration.sql, rollback.sql, plan text/json/markdown
 * ------------------------------------------------------------------------ */

typedef enum OutFormat {
    FMT_TEXT,
    FMT_SQL,
    FMT_JSON,
    FMT_MARKDOWN,
} OutFormat;

typedef struct OutputOpts {
    const char *from_src, *to_src;
    const char *lock_timeout, *statement_timeout;
} OutputOpts;

/* The migration (or rollback) script with the place of every statement. */
Script *output_script(Arena *a, const MigrationPlan *p, const OutputOpts *o, bool rollback);
/* output_script()'s text. */
const char *output_migration(Arena *a, const MigrationPlan *p, const OutputOpts *o, bool rollback);
const char *output_plan(Arena *a, const MigrationPlan *p, const OutputOpts *o, OutFormat fmt);
/* verify's report: every object where the database differs from the files
 * (text, or JSON with one object a line). */
const char *output_drift(Arena *a, const MigrationPlan *p, const OutputOpts *o, OutFormat fmt);
/* emit/verifydata.c: the findings of `verify --data` (DataFinding *) as
 * text or JSON lines; *found: how many were printed (a query's finding
 * only when it found rows). */
const char *output_verify_data(Arena *a, const PtrVec *findings, OutFormat format, int *found);
/* emit/planjson.c: the plan as JSON (docs/plan-json.md), appended to sb. */
void plan_json_write(Arena *a, StrBuf *sb, const MigrationPlan *p, const OutputOpts *o);
/* A JSON string (escaped, quoted) of s, or null when s is NULL. */
void planjson_str(StrBuf *sb, const char *s);
/* Canonical DDL of one model (schemadiff dump: the plan plan_dump()
 * made), with where each statement is. */
Script *output_dump_script(Arena *a, const MigrationPlan *dump);
/* output_dump_script()'s text. */
const char *output_dump(Arena *a, const MigrationPlan *dump);

/* ------------------------------------------------------------------------
 * emit/pending.c — "shadow cleanup pending" notes (Model.shadow_pending)
 * ------------------------------------------------------------------------ */

/* Append the notes of the pending shadow cleanups of `current` and
 * `desired` (either may be NULL; tables of schemas their filter selects) to
 * sb, in `fmt`: text and markdown a blank line then one "Note: ..." line
 * each; JSON, for verify (`drift`) one object a line, for plan.json the
 * key `,\n  "shadow_cleanup_pending": [...]` to put inside its object;
 * nothing for FMT_SQL or when none is pending. */
void pending_notes(Arena *a, StrBuf *sb, const Model *current, const Model *desired, OutFormat fmt, bool drift);
/* Print each note of m as "schemadiff: note: ..." on `out` (dump). */
void pending_report(Arena *a, const Model *m, FILE *out);

/* ------------------------------------------------------------------------
 * emit/steps.c — steps and inverse links as people read them
 * ------------------------------------------------------------------------ */

/* One line: "lock: MODE on rel, rel, MODE on rel" (strongest first, or
 * "lock: none"), then "; rewrites rel", "; scans rel", "; hazards: ...",
 * "; table: ~N rows, SIZE" when it rewrites or scans and the size is known, "; outside a transaction". */
const char *steps_describe(Arena *a, const Step *s);
/* A table's size for people: "812 bytes", "64 kB", "12 MB", "3 GB". */
const char *steps_size_text(Arena *a, long long bytes);
/* The 1-based position of each change of `changes` (for "#n" links). */
StrMap steps_positions(Arena *a, const PtrVec *changes);
/* c's position in the list `positions` was made of; 0 when c is NULL or
 * not in it. */
int steps_position(Arena *a, const StrMap *positions, const Change *c);

/* ------------------------------------------------------------------------
 * emit/markdown.c — a plan as a pull-request comment
 * ------------------------------------------------------------------------ */

/* `plan --format markdown`: the marker line MD_MARKER ("<!-- schemadiff-plan
 * -->") first, then the verdict, from/to with their fingerprints, summary
 * counts, hazards (allowed, not allowed, informational, with what each
 * means), pre-flight results, one table row per step (lock, relations,
 * rewrite/scan/size, hazards, rollback link), and the migration and rollback
 * SQL in collapsed <details> blocks fenced longer than any backtick run in
 * them (left out with a note when the comment would pass 60,000
 * characters).  An empty plan is the marker and one paragraph.  Input text
 * outside code is escaped; the same plan gives the same bytes. */
const char *markdown_plan(Arena *a, const MigrationPlan *p, const OutputOpts *o);
/* `check --format markdown`: the marker "<!-- schemadiff-check -->", the
 * verdict (in sync / drift / the newest migration differs), the
 * `migrations` files in o->from_src replayed `how` ("file reader",
 * "scratch database", ...) against o->to_src with both fingerprints, where
 * --write put the missing migration (`written`, NULL when not), --latest's
 * difference (`latest`, NULL when none) in a fence, then for drift the
 * plan's summary, hazards, pre-flight, steps and the missing migration and
 * its rollback in <details>, as markdown_plan prints them.  p->current is
 * the replayed state. */
const char *markdown_check(Arena *a, const MigrationPlan *p, const OutputOpts *o, int migrations, const char *how,
                           const char *written, const char *latest);

/* ------------------------------------------------------------------------
 * emit/color.c — the text plan at a terminal
 * ------------------------------------------------------------------------ */

/* The plan in one line: "schemadiff: 12 changes (7 create, 4 alter, 1
 * drop), 19 steps; hazards: ...[; NOT ALLOWED: ...][; pre-flight: ...]"
 * ("schemadiff: no changes" for an empty plan). */
const char *color_summary(Arena *a, const MigrationPlan *p);
/* `text` (output_plan()'s FMT_TEXT of `p`) for a terminal: each line in
 * ANSI SGR colour when `colour` (created green, dropped red, altered
 * yellow, NOT ALLOWED / WOULD FAIL bold red, steps dim; every span reset
 * before its newline), then, when the plan has changes, a blank line and
 * color_summary() (bold when `colour`).  Without colour the lines are
 * byte for byte `text`. */
const char *color_text_plan(Arena *a, const char *text, const MigrationPlan *p, bool colour);

/* ------------------------------------------------------------------------
 * emit/fingerprint.c — state fingerprints
 * ------------------------------------------------------------------------ */

/* A fingerprint of a model's canonical DDL (hex). */
const char *output_fingerprint(Arena *a, const Model *m);

/* ------------------------------------------------------------------------
 * emit/files.c — a plan's files, all or none
 * ------------------------------------------------------------------------ */

/* One file of a plan: its name in the output directory and its content. */
typedef struct OutFile {
    const char *name, *text;
} OutFile;
/* Write all `n` files into `dir` (created with its parents when missing) or
 * none of them: each goes to a synced temporary file beside its final name
 * first; only when all are written are they renamed over the final names,
 * and a failed rename puts back the files already replaced (kept as hard
 * links until then) and removes the ones new.  On failure: -1 with errno set
 * and *failed the path that could not be written (in `a`); the directory
 * holds what it held before (directories this call created are removed).
 * A file whose text is NULL is removed from `dir` when there, in the same
 * all-or-none pass (a directory of that name is a failure, EISDIR). */
int output_write_files(Arena *a, const char *dir, const OutFile *files, int n, const char **failed);

/* ------------------------------------------------------------------------
 * src/main.c — the command line; what plan, apply and multidb share
 * ------------------------------------------------------------------------ */

/* The plan's pre-flight (diff/preflight.c writes the queries): each step's
 * query run in the current side's snapshot (parser/pfrun.c, `timeout` per
 * query, PREFLIGHT_CAP rows) and summarised; with `skip` (a reason: files
 * as the current side, --no-preflight) each query is marked not run and
 * the plan says why. */
void cli_preflight(Arena *a, MigrationPlan *plan, Model *current, const char *skip, const char *timeout);
/* The sizes in bytes of the current side's tables the plan needs (the
 * catalog read leaves them unread; diff/sizes.c chooses, with `min_bytes`
 * > 0 every table both sides hold), read in its snapshot
 * (parser/catalog_size.c) before shadow_route() and the pre-flight use
 * them.  Nothing for a current side read from files.  A failed read is an
 * EXIT_DB diagnostic in `diags` naming the source `name`. */
void cli_table_sizes(Arena *a, MigrationPlan *plan, Model *current, const char *name, long long min_bytes,
                     Diags *diags);

/* ------------------------------------------------------------------------
 * src/dumpjob.c — desired.sql made on a second thread
 * ------------------------------------------------------------------------ */

typedef struct DumpJob DumpJob;
/* Start making the canonical DDL of `m` (output_dump of plan_dump) on the
 * thread of `reader`, the job that read m (source_read_run).  `m` must be
 * final: nothing may change it until dump_job_text() returns, but
 * plan_build_matched() may read it meanwhile.  `a` holds m's fingerprint,
 * made here first.  Never fails: without a reader's thread (`reader` NULL
 * or threadless) the text is made by dump_job_text(). */
DumpJob *dump_job_start(Arena *a, const Model *m, SourceJob *reader);
/* The text (waits for the thread); it lives until dump_job_free(). */
const char *dump_job_text(DumpJob *j);
/* Waits for the thread if it still runs, then frees the job; NULL is a
 * no-op. */
void dump_job_free(DumpJob *j);

/* ------------------------------------------------------------------------
 * src/check.c — schemadiff check
 * ------------------------------------------------------------------------ */

/* `schemadiff check --migrations DIR --to SRC [--dev-url URL] [--latest]
 * [--write FILE]` with its argv (argv[1] is "check"): replay the
 * migrations, compare with SRC, print the result.  Returns the exit code:
 * 0 match, 1 drift (or --latest found a difference), 2-5 as for plan. */
int check_main(int argc, char **argv);

/* ------------------------------------------------------------------------
 * src/apply.c — schemadiff apply, schemadiff history
 * ------------------------------------------------------------------------ */

/* `schemadiff apply --db URL (--to SRC | --plan DIR) [--allow-hazards LIST]
 * [--baseline] [--config FILE]` with its argv (argv[1] is "apply").
 * Returns the exit code: 0 done, 1 fingerprint refusal or the database
 * differs after the run, 2 usage, 3 input, 4 database error or a failed
 * statement (also: another apply holds the lock), 6 refused. */
int apply_main(int argc, char **argv);
/* `schemadiff history --db URL [--format text|json] [--config FILE]`. */
int history_main(int argc, char **argv);

/* ------------------------------------------------------------------------
 * src/multidb.c — verify and plan against many databases at once
 * ------------------------------------------------------------------------ */

/* What main.c parsed for a run over several databases (flags merged with
 * schemadiff.yaml as for one database). */
typedef struct MultiDbOpts {
    const char *command;        /* "verify" or "plan" */
    PtrVec urls;                /* --db, in order (char *) */
    const char *db_list;        /* --db-list FILE, or NULL */
    int jobs;                   /* --jobs: connections open at a time */
    const char *to, *to_name;   /* --to, and as printed */
    const char *out;            /* plan --out DIR, or NULL */
    OutFormat format;           /* FMT_TEXT or FMT_JSON */
    bool exit_code, owners, no_preflight;
    unsigned allowed;
    const char *lock_timeout, *statement_timeout, *preflight_timeout;
    const SourceFilter *filter;
    const Config *cfg;
    const ShadowOpts *shadow_opts;
} MultiDbOpts;

/* Read the desired side once, read every database (--db in order, then
 * --db-list's lines) concurrently through catalog_read_tasks() at most
 * o->jobs at a time, compare each as verify or plan does for one, print
 * one report (text or JSON) on stdout, progress on stderr.  Returns the
 * largest exit code of the databases (input errors of the desired side or
 * of the list: EXIT_INPUT, before connecting anywhere). */
int multidb_run(Arena *a, const MultiDbOpts *o);

#endif
