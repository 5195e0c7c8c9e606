/*
 * order.c — a stable topological sort of change records.
 *
 * The order comes from the objects' dependency keys, not from a fixed list
 * of kinds.  For a change X on object O with dependency D (O's own
 * dependencies and those of the children folded into X):
 *
 *   - creating or altering O needs D in its final state first: every CREATE
 *     or ALTER of D goes before X;
 *   - dropping O must happen while D still exists: X goes before every DROP
 *     or ALTER of D (an ALTER here is e.g. an enum being rebuilt under a
 *     column that is dropped);
 *   - altering O away from D (a column retyped off an enum that is dropped)
 *     goes before D's DROP;
 *   - of a DROP + CREATE pair on one key, the DROP goes first;
 *   - what a PL/pgSQL body names (PostgreSQL records none of it) orders
 *     the function the same ways, where that closes no cycle.
 *
 * Kahn's algorithm picks, among the changes whose predecessors are done,
 * the one with the lowest rank: drops before alters before creates, drops
 * in reverse kind order, creates in kind order, then by key.  So the output
 * is deterministic and reads naturally.  The cycles a schema usually has
 * are broken by construction: foreign keys and sequence ownership are
 * objects of their own (table<->table, column<->sequence), constraints and
 * indexes are separate from their table.  A cycle that remains (SQL
 * functions whose bodies call each other) is reported with every member;
 * the plan is refused (main.c), though the order is still completed,
 * lowest rank first.
 */
#include "model.h"

#include <stdlib.h>
#include <string.h>

typedef struct Node_ {
    Change *c;
    int rank;
    int indeg;
    PtrVec succ; /* int indexes, stored as (void*)(intptr_t) */
} OrderNode;

static int phase_of(const Change *c)
{
    switch (c->op) {
    case CHG_DROP: return 0;
    case CHG_ALTER: return 1;
    case CHG_CREATE: return 2;
    }
    return 2;
}

static const char *key_of(const Change *c)
{
    return (c->desired ? c->desired : c->current)->key;
}

static int cmp_rank(const void *x, const void *y)
{
    const OrderNode *a = *(OrderNode *const *)x, *b = *(OrderNode *const *)y;
    int pa = phase_of(a->c), pb = phase_of(b->c);
    if (pa != pb)
        return pa - pb;
    int ka = a->c->kind, kb = b->c->kind;
    if (ka != kb)
        return pa == 0 ? kb - ka : ka - kb;
    return strcmp(key_of(a->c), key_of(b->c));
}

static void add_edge(Arena *a, OrderNode *nodes, int from, int to)
{
    if (from == to)
        return;
    vec_push(a, &nodes[from].succ, (void *)(intptr_t)to);
    nodes[to].indeg++;
}

/* Calls fn for every dependency key of the object(s) a change touches
 * (`extra`: one the plan adds, Change.range_dep); `dropping`: only those
 * PostgreSQL itself enforces on a drop. */
static void each_dep(const Obj *o, const Obj *extra, const PtrVec *parts, void (*fn)(const char *, void *),
                     void *arg, bool dropping)
{
    int n = o ? o->deps.n : 0;
    if (o && dropping && o->kind == OBJ_FUNCTION)
        n = ((const Definition *)o)->drop_deps;
    /* a dropped table or schema leaves a publication by itself (its
     * membership is an automatic dependency): nothing to enforce */
    if (o && dropping && o->kind == OBJ_PUBLICATION)
        n = 0;
    for (int i = 0; i < n; i++)
        fn(((const Obj *)o->deps.items[i])->key, arg);
    if (extra)
        fn(extra->key, arg);
    if (parts)
        for (int p = 0; p < parts->n; p++) {
            const Obj *po = parts->items[p];
            for (int i = 0; i < po->deps.n; i++)
                fn(((const Obj *)po->deps.items[i])->key, arg);
        }
}

typedef struct EdgeCtx {
    Arena *a;
    OrderNode *nodes;
    StrMap *by_key; /* key -> PtrVec* of node indexes */
    int self;
    int mode; /* 0: after creates/alters of dep; 1: before drops/alters of dep; 2: before drops */
} EdgeCtx;

static void edge_fn(const char *dep, void *arg)
{
    EdgeCtx *e = arg;
    PtrVec *list = map_get(e->by_key, dep);
    if (!list)
        return;
    for (int i = 0; i < list->n; i++) {
        int other = (int)(intptr_t)list->items[i];
        ChangeOp op = e->nodes[other].c->op;
        if (e->mode == 0 && (op == CHG_CREATE || op == CHG_ALTER))
            add_edge(e->a, e->nodes, other, e->self);
        else if (e->mode == 1 && (op == CHG_DROP || op == CHG_ALTER))
            add_edge(e->a, e->nodes, e->self, other);
        else if (e->mode == 2 && op == CHG_DROP)
            add_edge(e->a, e->nodes, e->self, other);
    }
}

/* The changes left when no change is free: prune those that lead nowhere
 * (no successor left), which leaves the cycles and what they lead to. */
static void cycle_members(Arena *a, OrderNode *nodes, int n, const bool *emitted, PtrVec *out)
{
    bool *gone = arena_alloc(a, sizeof(bool) * (size_t)n);
    for (int i = 0; i < n; i++)
        gone[i] = emitted[i];
    for (bool pruned = true; pruned;) {
        pruned = false;
        for (int i = 0; i < n; i++) {
            if (gone[i])
                continue;
            bool succ = false;
            for (int s = 0; s < nodes[i].succ.n && !succ; s++)
                succ = !gone[(int)(intptr_t)nodes[i].succ.items[s]];
            if (!succ) {
                gone[i] = true;
                pruned = true;
            }
        }
    }
    for (int i = 0; i < n; i++)
        if (!gone[i])
            vec_push(a, out, nodes[i].c);
}

/* Whether `to` is reachable from `from` along successor edges (`seen` is
 * scratch, `stamp` a fresh value per search). */
static bool reaches(OrderNode *nodes, int from, int to, int *seen, int stamp, PtrVec *stack, Arena *a)
{
    stack->n = 0;
    vec_push(a, stack, (void *)(intptr_t)from);
    seen[from] = stamp;
    while (stack->n) {
        int x = (int)(intptr_t)stack->items[--stack->n];
        if (x == to)
            return true;
        for (int s = 0; s < nodes[x].succ.n; s++) {
            int y = (int)(intptr_t)nodes[x].succ.items[s];
            if (seen[y] != stamp) {
                seen[y] = stamp;
                vec_push(a, stack, (void *)(intptr_t)y);
            }
        }
    }
    return false;
}

typedef struct SoftCtx {
    Arena *a;
    OrderNode *nodes;
    StrMap *by_key;
    int self;
    int mode;  /* 0: after creates/alters of the name; 1: before its drops */
    int *seen;
    int *stamp;
    PtrVec *stack;
} SoftCtx;

/* An edge that must not close a cycle: added only if its head does not
 * already lead to its tail. */
static void soft_edge(SoftCtx *s, int from, int to)
{
    if (from == to || reaches(s->nodes, to, from, s->seen, ++*s->stamp, s->stack, s->a))
        return;
    add_edge(s->a, s->nodes, from, to);
}

static void soft_names(SoftCtx *s, const Obj *o)
{
    if (!o || o->kind != OBJ_FUNCTION)
        return;
    const PtrVec *names = &((const Definition *)o)->body_names;
    for (int i = 0; i < names->n; i++) {
        PtrVec *list = map_get(s->by_key, ((const Obj *)names->items[i])->key);
        for (int k = 0; list && k < list->n; k++) {
            int other = (int)(intptr_t)list->items[k];
            ChangeOp op = s->nodes[other].c->op;
            if (s->mode == 0 && op != CHG_DROP)
                soft_edge(s, other, s->self);
            else if (s->mode == 1 && op == CHG_DROP)
                soft_edge(s, s->self, other);
        }
    }
}

/* What PL/pgSQL bodies name (Definition.body_names) orders functions both
 * ways, as a SQL body's names would, but PostgreSQL enforces none of it:
 * each such edge is added after all the others, in change order, and only
 * where it closes no cycle (two functions that call each other, a trigger
 * function that writes the table whose default calls it). */
static void body_name_edges(Arena *a, OrderNode *nodes, int n, StrMap *by_key)
{
    int *seen = NULL, stamp = 0;
    PtrVec stack = {0};
    for (int i = 0; i < n; i++) {
        Change *c = nodes[i].c;
        const Obj *cur = c->current, *des = c->desired;
        bool any = (cur && cur->kind == OBJ_FUNCTION && ((const Definition *)cur)->body_names.n) ||
                   (des && des->kind == OBJ_FUNCTION && ((const Definition *)des)->body_names.n);
        if (!any)
            continue;
        if (!seen)
            seen = arena_alloc(a, sizeof(int) * (size_t)n);
        SoftCtx s = {a, nodes, by_key, i, 0, seen, &stamp, &stack};
        if (c->op != CHG_DROP)
            soft_names(&s, des);
        s.mode = 1;
        if (c->op != CHG_CREATE)
            soft_names(&s, cur);
    }
}

void order_changes(Arena *a, PtrVec *changes, PtrVec *cycle)
{
    int n = changes->n;
    if (n == 0)
        return;
    OrderNode *nodes = arena_alloc(a, sizeof(OrderNode) * (size_t)n);
    OrderNode **sorted = arena_alloc(a, sizeof(OrderNode *) * (size_t)n);
    for (int i = 0; i < n; i++) {
        nodes[i].c = changes->items[i];
        sorted[i] = &nodes[i];
    }
    qsort(sorted, (size_t)n, sizeof(OrderNode *), cmp_rank);
    for (int i = 0; i < n; i++)
        sorted[i]->rank = i;

    StrMap by_key = {0};
    for (int i = 0; i < n; i++) {
        /* what needs a column needs it to exist, not its late default */
        if (nodes[i].c->late_default)
            continue;
        const char *k = key_of(nodes[i].c);
        PtrVec *list = map_get(&by_key, k);
        if (!list) {
            list = arena_alloc(a, sizeof(PtrVec));
            map_put(a, &by_key, k, list);
        }
        vec_push(a, list, (void *)(intptr_t)i);
    }
    for (int i = 0; i < n; i++) {
        Change *c = nodes[i].c;
        EdgeCtx e = {a, nodes, &by_key, i, 0};
        const PtrVec *parts = &c->parts;
        switch (c->op) {
        case CHG_CREATE:
            e.mode = 0;
            each_dep(c->desired, c->range_dep, parts, edge_fn, &e, false);
            break;
        case CHG_DROP:
            e.mode = 1;
            each_dep(c->current, c->range_dep, parts, edge_fn, &e, true);
            break;
        case CHG_ALTER:
            e.mode = 0;
            each_dep(c->desired, NULL, NULL, edge_fn, &e, false);
            e.mode = 2;
            each_dep(c->current, NULL, NULL, edge_fn, &e, true);
            break;
        }
        /* an index built partition by partition: the partitions made or
         * attached in this plan first */
        if (c->op == CHG_CREATE && c->on_partitioned) {
            e.mode = 0;
            for (int p = 0; p < c->partitions.n; p++)
                edge_fn(((const Obj *)c->partitions.items[p])->key, &e);
        }
        if (c->op == CHG_DROP) {
            PtrVec *same = map_get(&by_key, key_of(c));
            for (int j = 0; j < same->n; j++) {
                int other = (int)(intptr_t)same->items[j];
                if (nodes[other].c->op == CHG_CREATE)
                    add_edge(a, nodes, i, other);
            }
        }
    }

    body_name_edges(a, nodes, n, &by_key);

    /* Kahn with a binary min-heap on rank. */
    int *heap = arena_alloc(a, sizeof(int) * (size_t)n);
    int hn = 0;
#define LESS(x, y) (nodes[heap[x]].rank < nodes[heap[y]].rank)
#define SWAP(x, y) do { int t_ = heap[x]; heap[x] = heap[y]; heap[y] = t_; } while (0)
    bool *emitted = arena_alloc(a, sizeof(bool) * (size_t)n);
    int out = 0;
    for (int i = 0; i < n; i++)
        if (nodes[i].indeg == 0) {
            heap[hn] = i;
            for (int k = hn++; k > 0 && LESS(k, (k - 1) / 2); k = (k - 1) / 2)
                SWAP(k, (k - 1) / 2);
        }
    while (out < n) {
        int pick;
        if (hn == 0) {
            /* a cycle: report its members, then take the lowest-ranked
             * change not yet emitted */
            if (cycle && !cycle->n)
                cycle_members(a, nodes, n, emitted, cycle);
            pick = -1;
            for (int i = 0; i < n; i++)
                if (!emitted[i] && (pick < 0 || nodes[i].rank < nodes[pick].rank))
                    pick = i;
        } else {
            pick = heap[0];
            heap[0] = heap[--hn];
            for (int k = 0;;) {
                int l = 2 * k + 1, r = l + 1, m = k;
                if (l < hn && LESS(l, m))
                    m = l;
                if (r < hn && LESS(r, m))
                    m = r;
                if (m == k)
                    break;
                SWAP(k, m);
                k = m;
            }
        }
        if (emitted[pick])
            continue;
        emitted[pick] = true;
        changes->items[out++] = nodes[pick].c;
        for (int s = 0; s < nodes[pick].succ.n; s++) {
            int t = (int)(intptr_t)nodes[pick].succ.items[s];
            if (--nodes[t].indeg == 0 && !emitted[t]) {
                heap[hn] = t;
                for (int k = hn++; k > 0 && LESS(k, (k - 1) / 2); k = (k - 1) / 2)
                    SWAP(k, (k - 1) / 2);
            }
        }
    }
#undef LESS
#undef SWAP
}
