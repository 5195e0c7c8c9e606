/*
 * test_arena.c — schemas/arena.c: formatting into an arena and a StrBuf,
 * and the string map.
 *
 * arena_printf() formats straight into the free end of the current block
 * and formats again only when the text did not fit; sb_printf() does the
 * same with a buffer's spare room.  The edges are where that can go wrong:
 * a text one byte short of the room, exactly the room, one byte over; a
 * text larger than any block; a truncated first attempt followed by
 * allocations that must still get zeroed memory (blocks are calloc'ed and
 * allocations rely on it).  Each case is checked against snprintf() into a
 * buffer of its own.  The map is checked through growth (put, put_new, get
 * of present and absent keys, keys that share a hash's home slot).
 */
#include "model.h"
#include "check.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* A string of n bytes: 'a' + i % 26. */
static char *letters(size_t n)
{
    char *s = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        s[i] = (char)('a' + i % 26);
    s[n] = '\0';
    return s;
}

static bool all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

/* Fill the arena's current block up to `left` bytes of room (a multiple
 * of 16), then format texts of left - 1 (fits with its NUL), left (one
 * over) and left + 1 bytes: each must read back whole, and the memory
 * handed out after must be zero. */
static void around_the_room(size_t left)
{
    for (int over = -1; over <= 1; over++) {
        Arena a = {0};
        (void)arena_alloc(&a, 16); /* the first block: 64 KiB */
        size_t block = 64 * 1024;
        (void)arena_alloc(&a, block - 16 - left);
        size_t n = (size_t)((long)left - 2 + over); /* and a digit */
        char *want = letters(n);
        char *got = arena_printf(&a, "%d%s", 1, want) + 1; /* not a simple format: vsnprintf */
        CHECK(strlen(got) == n);
        CHECK_STR(got, want);
        /* what comes next is zeroed, whichever block it is in */
        unsigned char *next = arena_alloc(&a, 64);
        CHECK(all_zero(next, 64));
        free(want);
        arena_free(&a);
    }
}

int main(void)
{
    /* obj_copy (schemas/model.c): every byte of a model object but its
     * scratch mark, which the copy never reads and leaves 0 */
    {
        Column src, dst;
        memset(&src, 0xab, sizeof src);
        src.obj.mark = 3;
        memset(&dst, 0x11, sizeof dst);
        obj_copy(&dst, &src, sizeof dst);
        CHECK(dst.obj.mark == 0);
        CHECK(!memcmp(&dst, &src, offsetof(Obj, mark)));
        CHECK(!memcmp((char *)&dst + sizeof(Obj), (char *)&src + sizeof(Obj), sizeof(Column) - sizeof(Obj)));
        Obj o, p;
        memset(&o, 0xcd, sizeof o);
        memset(&p, 0x11, sizeof p);
        obj_copy(&p, &o, sizeof p);
        CHECK(p.mark == 0 && !memcmp(&p, &o, offsetof(Obj, mark)));
    }
    /* formats with numbers, several strings, and nothing */
    {
        Arena a = {0};
        CHECK_STR(arena_printf(&a, "%s.%s", "public", "t"), "public.t");
        CHECK_STR(arena_printf(&a, "ALTER TABLE %s SET STATISTICS %d;", "x", -1), "ALTER TABLE x SET STATISTICS -1;");
        CHECK_STR(arena_printf(&a, "%s", ""), "");
        char buf[64];
        snprintf(buf, sizeof buf, "%05.1f|%-4s|%x", 3.14159, "ab", 255u);
        CHECK_STR(arena_printf(&a, "%05.1f|%-4s|%x", 3.14159, "ab", 255u), buf);
        arena_free(&a);
    }
    /* formats of text and %s alone are done without vsnprintf: the same text */
    {
        Arena a = {0};
        StrBuf sb;
        sb_init(&sb);
        const char *null_str = getenv("SCHEMADIFF_TEST_UNSET_VARIABLE"); /* NULL, unknown to the compiler */
        char *long_str = letters(100000);
        char buf[128];
        CHECK_STR(arena_printf(&a, "100%% %s%%", "sure"), "100% sure%");
        snprintf(buf, sizeof buf, "[%s]", null_str);
        CHECK_STR(arena_printf(&a, "[%s]", null_str), buf);
        CHECK_STR(arena_printf(&a, "%s\x1f%s\x1f%s", "a", "", "c"), "a\x1f\x1f" "c");
        CHECK_STR(arena_printf(&a, "no conversion"), "no conversion");
        char *got = arena_printf(&a, "(%s)", long_str);
        CHECK(strlen(got) == 100002 && got[0] == '(' && !strncmp(got + 1, long_str, 100000) && got[100001] == ')');
        /* a format that is not simple after a simple start */
        CHECK_STR(arena_printf(&a, "%s.%s = %d", "s", "t", 7), "s.t = 7");
        sb_printf(&sb, "%s.%s", "a", "b");
        sb_printf(&sb, " %d%%", 5);
        sb_printf(&sb, " %s", long_str);
        CHECK(sb.len == strlen("a.b 5% ") + 100000 && strlen(sb.data) == sb.len && !strncmp(sb.data, "a.b 5% ", 7));
        free(long_str);
        sb_free(&sb);
        arena_free(&a);
    }
    /* the edges of the current block's room */
    around_the_room(16);
    around_the_room(32);
    around_the_room(1024);
    /* an empty arena, and a text larger than any block (8 MiB) */
    {
        Arena a = {0};
        char *big = letters(9 * 1024 * 1024 + 7);
        char *got = arena_printf(&a, "<%s>", big);
        CHECK(strlen(got) == strlen(big) + 2);
        CHECK(got[0] == '<' && got[strlen(got) - 1] == '>' && !strncmp(got + 1, big, strlen(big)));
        CHECK_STR(arena_printf(&a, "%d", 42), "42");
        free(big);
        arena_free(&a);
    }
    /* many short texts in a row, across block boundaries */
    {
        Arena a = {0};
        bool same = true;
        for (int i = 0; i < 20000; i++) {
            char want[64];
            snprintf(want, sizeof want, "\"s%d\".\"t%d\"", i, i * 7);
            same = same && !strcmp(arena_printf(&a, "\"s%d\".\"t%d\"", i, i * 7), want);
        }
        CHECK(same);
        arena_free(&a);
    }
    /* StrBuf: from empty, growing past its room, and long appends */
    {
        StrBuf sb;
        sb_init(&sb);
        sb_printf(&sb, "%s", "");
        CHECK(sb.len == 0 && sb.data && sb.data[0] == '\0');
        sb_printf(&sb, "CREATE TABLE %s (", "t");
        char *col = letters(300);
        for (int i = 0; i < 50; i++)
            sb_printf(&sb, "%s\n    %s_%d integer", i ? "," : "", col, i);
        sb_puts(&sb, "\n);");
        StrBuf want;
        sb_init(&want);
        sb_puts(&want, "CREATE TABLE t (");
        for (int i = 0; i < 50; i++) {
            char num[16];
            snprintf(num, sizeof num, "_%d", i);
            sb_puts(&want, i ? ",\n    " : "\n    ");
            sb_puts(&want, col);
            sb_puts(&want, num);
            sb_puts(&want, " integer");
        }
        sb_puts(&want, "\n);");
        CHECK(sb.len == want.len);
        CHECK_STR(sb.data, want.data);
        CHECK(strlen(sb.data) == sb.len);
        free(col);
        sb_free(&sb);
        sb_free(&want);
    }
    /* the map, through growth */
    {
        Arena a = {0};
        StrMap m = {0};
        CHECK(map_get(&m, "absent") == NULL);
        enum { N = 50000 };
        char **keys = malloc(sizeof(char *) * N);
        for (int i = 0; i < N; i++)
            keys[i] = arena_printf(&a, "schema_%d.table_%d", i % 97, i);
        for (int i = 0; i < N; i++)
            map_put(&a, &m, keys[i], keys[i]);
        CHECK(m.n == N);
        bool found = true;
        for (int i = 0; i < N; i++) {
            char probe[64];
            snprintf(probe, sizeof probe, "schema_%d.table_%d", i % 97, i); /* another pointer, equal text */
            found = found && map_get(&m, probe) == keys[i];
        }
        CHECK(found);
        CHECK(map_get(&m, "schema_0.table_1") == NULL);
        /* put_new keeps what is there and says so */
        CHECK(map_put_new(&a, &m, keys[5], "other") == keys[5]);
        CHECK(map_get(&m, keys[5]) == keys[5]);
        CHECK(map_put_new(&a, &m, "new.key", "v") == NULL);
        CHECK_STR(map_get(&m, "new.key"), "v");
        /* put replaces */
        map_put(&a, &m, keys[7], "replaced");
        CHECK_STR(map_get(&m, keys[7]), "replaced");
        CHECK(m.n == N + 1);
        /* reserve keeps every entry */
        map_reserve(&a, &m, 4 * N);
        CHECK(m.cap >= 8 * (size_t)N);
        CHECK(map_get(&m, keys[N - 1]) == keys[N - 1]);
        CHECK_STR(map_get(&m, keys[7]), "replaced");
        free(keys);
        arena_free(&a);
    }
    return check_report();
}
