/*
 * check.h — the few macros the C unit tests need.
 *
 * Each test file is one executable; CHECK records a failure with its line
 * and goes on, so one run shows every broken expectation.  main() returns
 * check_report(), which prints "N passed, M failed" and is non-zero on any
 * failure.
 */
#ifndef SCHEMADIFF_CHECK_H
#define SCHEMADIFF_CHECK_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                             \
    do {                                                                        \
        if (cond)                                                               \
            check_passed++;                                                     \
        else {                                                                  \
            check_failed++;                                                     \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                       \
    } while (0)

#define CHECK_STR(got, want)                                                    \
    do {                                                                        \
        const char *g_ = (got), *w_ = (want);                                   \
        if (g_ && w_ && strcmp(g_, w_) == 0)                                    \
            check_passed++;                                                     \
        else {                                                                  \
            check_failed++;                                                     \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
                    g_ ? g_ : "(null)", w_ ? w_ : "(null)");                    \
        }                                                                       \
    } while (0)

/* A whole file, NUL-terminated and malloc'd (the caller frees it); NULL
 * when it cannot be read. */
static inline char *check_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    size_t got = s ? fread(s, 1, (size_t)n, f) : 0;
    if (s)
        s[got] = '\0';
    fclose(f);
    return s;
}

static int check_report(void)
{
    printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed ? 1 : 0;
}
#endif
