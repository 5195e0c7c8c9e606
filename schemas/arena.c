/*
 * arena.c — run-wide memory, growable buffers and string maps.
 *
 * Everything the model and the plan allocate comes from one Arena, released
 * once at exit: objects have no individual lifetimes, so there is nothing to
 * free piecemeal and nothing to leak.  Blocks grow geometrically; a request
 * larger than a block gets a block of its own.  StrBuf lives on the C heap
 * while it grows and is copied into the arena when done (sb_take).  StrMap
 * is open addressing with FNV-1a hashing; keys are borrowed, not copied.
 */
#include "model.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct ArenaBlock {
    ArenaBlock *next;
    size_t used, size;
    _Alignas(16) char data[];
};

void *arena_alloc(Arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    ArenaBlock *b = a->head;
    if (!b || b->used + n > b->size) {
        size_t size = b ? b->size * 2 : 64 * 1024;
        if (size > 8 * 1024 * 1024)
            size = 8 * 1024 * 1024;
        if (size < n)
            size = n;
        /* calloc: fresh blocks are zero, so allocations need no memset
         * (memory is never reused before arena_free) */
        b = calloc(1, sizeof(ArenaBlock) + size);
        if (!b) {
            fputs("schemadiff: out of memory\n", stderr);
            abort();
        }
        b->size = size;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += n;
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(Arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

/* Most formats the program uses are literal text and "%s" ("%s.%s",
 * "ALTER TABLE %s ALTER COLUMN %s", ...), and glibc's vsnprintf() costs
 * about a thousand instructions a call whatever the format.  Such a format
 * is done here: simple_len() says how long the text is (or -1 for a format
 * with any other conversion, which goes to vsnprintf()), simple_put()
 * writes it.  A NULL string prints as glibc prints it, "(null)". */
static long simple_len(const char *fmt, va_list ap)
{
    long n = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            n++;
        } else if (p[1] == 's') {
            const char *s = va_arg(ap, const char *);
            n += (long)strlen(s ? s : "(null)");
            p++;
        } else if (p[1] == '%') {
            n++;
            p++;
        } else {
            return -1;
        }
    }
    return n;
}

static void simple_put(char *out, const char *fmt, va_list ap)
{
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            *out++ = *p;
        } else if (p[1] == 's') {
            const char *s = va_arg(ap, const char *);
            size_t l = strlen(s ? s : "(null)");
            memcpy(out, s ? s : "(null)", l);
            out += l;
            p++;
        } else { /* "%%" (simple_len() said so) */
            *out++ = '%';
            p++;
        }
    }
    *out = '\0';
}

/* Formatted straight into the free end of the current block, and only
 * when it does not fit formatted again into room of its own: one
 * vsnprintf() instead of a measuring one and a writing one.  The emitters
 * and the catalog reader format a few hundred thousand short strings at
 * 10,000 tables, and the measuring pass was half their cost (issue 14). */
char *arena_vprintf(Arena *a, const char *fmt, va_list ap)
{
    va_list ap1, ap2;
    va_copy(ap1, ap);
    va_copy(ap2, ap);
    long simple = simple_len(fmt, ap1);
    va_end(ap1);
    if (simple >= 0) {
        char *p = arena_alloc(a, (size_t)simple + 1);
        simple_put(p, fmt, ap2);
        va_end(ap2);
        return p;
    }
    ArenaBlock *b = a->head;
    size_t avail = b ? b->size - b->used : 0;
    int n = vsnprintf(b ? b->data + b->used : NULL, avail, fmt, ap);
    /* when it fitted, these are the bytes just written; else a new block */
    char *p = arena_alloc(a, (size_t)n + 1);
    if ((size_t)n >= avail)
        vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

char *arena_printf(Arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void arena_free(Arena *a)
{
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

size_t arena_bytes(const Arena *a)
{
    size_t n = 0;
    for (const ArenaBlock *b = a->head; b; b = b->next)
        n += sizeof(ArenaBlock) + b->size;
    return n;
}

/* Which memory an arena holds, for arena_holds(): its blocks' spans,
 * sorted by address (as integers: the blocks are unrelated objects). */
struct ArenaSpans {
    int n;
    uintptr_t at[]; /* n starts, then n ends */
};

static int span_cmp(const void *x, const void *y)
{
    uintptr_t a = (uintptr_t)*(ArenaBlock *const *)x, b = (uintptr_t)*(ArenaBlock *const *)y;
    return a < b ? -1 : a > b;
}

ArenaSpans *arena_spans(const Arena *a)
{
    int n = 0;
    for (const ArenaBlock *b = a->head; b; b = b->next)
        n++;
    ArenaBlock **v = malloc(sizeof(ArenaBlock *) * (size_t)(n ? n : 1));
    ArenaSpans *s = malloc(sizeof(ArenaSpans) + 2 * sizeof(uintptr_t) * (size_t)(n ? n : 1));
    if (!v || !s) {
        fputs("schemadiff: out of memory\n", stderr);
        abort();
    }
    n = 0;
    for (ArenaBlock *b = a->head; b; b = b->next)
        v[n++] = b;
    qsort(v, (size_t)n, sizeof *v, span_cmp);
    s->n = n;
    for (int i = 0; i < n; i++) {
        s->at[i] = (uintptr_t)v[i]->data;
        s->at[n + i] = (uintptr_t)(v[i]->data + v[i]->size);
    }
    free(v);
    return s;
}

bool arena_holds(const ArenaSpans *s, const void *p)
{
    uintptr_t c = (uintptr_t)p;
    int lo = 0, hi = s->n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (c < s->at[mid])
            hi = mid - 1;
        else if (c >= s->at[s->n + mid])
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

void arena_spans_free(ArenaSpans *s)
{
    free(s);
}

void sb_init(StrBuf *sb)
{
    sb->data = NULL;
    sb->len = sb->cap = 0;
}

void sb_free(StrBuf *sb)
{
    free(sb->data);
    sb_init(sb);
}

static void sb_grow(StrBuf *sb, size_t extra)
{
    if (sb->len + extra + 1 <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap * 2 : 256;
    while (cap < sb->len + extra + 1)
        cap *= 2;
    char *p = realloc(sb->data, cap);
    if (!p) {
        fputs("schemadiff: out of memory\n", stderr);
        abort();
    }
    sb->data = p;
    sb->cap = cap;
}

void sb_putn(StrBuf *sb, const char *s, size_t n)
{
    sb_grow(sb, n);
    memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
}

void sb_puts(StrBuf *sb, const char *s)
{
    sb_putn(sb, s, strlen(s));
}

void sb_putc(StrBuf *sb, char c)
{
    sb_putn(sb, &c, 1);
}

/* Formatted into the buffer's spare room, and again after growing it only
 * when that was too small; a format of text and "%s" alone without
 * vsnprintf() (see arena_printf()). */
void sb_printf(StrBuf *sb, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    long simple = simple_len(fmt, ap);
    va_end(ap);
    if (simple >= 0) {
        sb_grow(sb, (size_t)simple);
        simple_put(sb->data + sb->len, fmt, ap2);
        va_end(ap2);
        sb->len += (size_t)simple;
        return;
    }
    va_start(ap, fmt);
    sb_grow(sb, 64);
    size_t avail = sb->cap - sb->len;
    int n = vsnprintf(sb->data + sb->len, avail, fmt, ap);
    va_end(ap);
    if ((size_t)n >= avail) {
        sb_grow(sb, (size_t)n);
        vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap2);
    }
    va_end(ap2);
    sb->len += (size_t)n;
}

char *sb_take(StrBuf *sb, Arena *a)
{
    char *p = arena_strndup(a, sb->data ? sb->data : "", sb->len);
    sb_free(sb);
    return p;
}

void vec_push(Arena *a, PtrVec *v, void *item)
{
    if (v->n == v->cap) {
        /* from two: most vectors hold one or two (an object's dependencies,
         * a change's statements; a dump makes 200,000 of each) */
        int cap = v->cap ? v->cap * 2 : 2;
        void **items = arena_alloc(a, sizeof(void *) * (size_t)cap);
        if (v->n)
            memcpy(items, v->items, sizeof(void *) * (size_t)v->n);
        v->items = items;
        v->cap = cap;
    }
    v->items[v->n++] = item;
}

uint64_t str_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h | 1;
}

/* A hash's first slot: its bits mixed (Fibonacci hashing), as the low bit
 * is always 1 and FNV's low bits are weak: masking the hash itself used
 * only the odd slots, so every key collided with another at half load. */
static size_t home(uint64_t h, size_t cap)
{
    return (size_t)((h * 0x9E3779B97F4A7C15ull) >> 32) & (cap - 1);
}

static void map_resize(Arena *a, StrMap *m, size_t cap)
{
    MapSlot *slots = arena_alloc(a, sizeof(MapSlot) * cap);
    /* Zero already (arena memory is), but written here before a probe
     * reads it.  A large table is fresh pages from mmap: read first, each
     * page is mapped to the kernel's shared zero page, and the first write
     * to it faults again to copy it and flushes the TLB of every core the
     * process runs on (an IPI per page while another thread runs).  Probes
     * read a half-empty table all over: at 10,000 tables that was half the
     * system time of a plan (0.4 of 0.9 s) and 15 % of its wall clock.
     * Written first, each page faults once. */
    memset(slots, 0, sizeof(MapSlot) * cap);
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].key)
            continue;
        size_t j = home(m->slots[i].hash, cap);
        while (slots[j].key)
            j = (j + 1) & (cap - 1);
        slots[j] = m->slots[i];
    }
    m->slots = slots;
    m->cap = cap;
}

void map_reserve(Arena *a, StrMap *m, size_t n)
{
    size_t cap = m->cap ? m->cap : 64;
    while (cap < n * 2)
        cap *= 2;
    if (cap != m->cap)
        map_resize(a, m, cap);
}

/* The slot of `key` (occupied) or the empty slot where it would go. */
static MapSlot *map_slot(const StrMap *m, const char *key, uint64_t h)
{
    size_t j = home(h, m->cap);
    MapSlot *s = &m->slots[j];
    while (s->key && (s->hash != h || strcmp(s->key, key) != 0)) {
        j = (j + 1) & (m->cap - 1);
        s = &m->slots[j];
    }
    return s;
}

/* The slot for key, inserted empty (value NULL) if it was not there. */
static MapSlot *map_insert(Arena *a, StrMap *m, const char *key)
{
    if ((m->n + 1) * 2 > m->cap)
        map_resize(a, m, m->cap ? m->cap * 2 : 64);
    uint64_t h = str_hash(key);
    MapSlot *s = map_slot(m, key, h);
    if (!s->key) {
        *s = (MapSlot){h, key, NULL};
        m->n++;
    }
    return s;
}

void map_put(Arena *a, StrMap *m, const char *key, void *val)
{
    map_insert(a, m, key)->val = val;
}

void *map_put_new(Arena *a, StrMap *m, const char *key, void *val)
{
    MapSlot *s = map_insert(a, m, key);
    if (s->val)
        return s->val;
    s->val = val; /* new, or a removed entry reused */
    return NULL;
}

void *map_get(const StrMap *m, const char *key)
{
    if (!m->cap)
        return NULL;
    const MapSlot *s = map_slot(m, key, str_hash(key));
    return s->key ? s->val : NULL;
}
