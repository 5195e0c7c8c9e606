/*
 * replay.c — a main() for the fuzz targets without libFuzzer.
 *
 * Linked with one target's LLVMFuzzerTestOneInput into the plain sanitizer
 * build (gcc or clang, no -fsanitize=fuzzer), it runs each file named on
 * the command line, or each regular file in each directory named, through
 * the entry point, in byte order of their names, printing each name first
 * so a sanitizer report says which input it was.  ctest's fuzz_regressions
 * runs it over fuzz/regressions/<target>/: an input that once crashed must
 * not crash again.  Exit status: 0 when every input returned (a crash ends
 * the process with the sanitizer's status), 2 when a file cannot be read.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 2;
    }
    size_t cap = 4096, len = 0;
    uint8_t *buf = malloc(cap);
    size_t n;
    while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            uint8_t *nb = realloc(buf, cap *= 2);
            if (!nb)
                free(buf);
            buf = nb;
        }
    }
    int err = ferror(f) || !buf;
    fclose(f);
    if (err) {
        fprintf(stderr, "%s: cannot read\n", path);
        free(buf);
        return 2;
    }
    fprintf(stderr, "replay %s (%zu bytes)\n", path, len);
    /* libFuzzer hands over a buffer of exactly `size` bytes: so do we */
    uint8_t *exact = malloc(len ? len : 1);
    memcpy(exact, buf, len);
    free(buf);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    return 0;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

int main(int argc, char **argv)
{
    int rc = 0, count = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            perror(argv[i]);
            rc = 2;
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            rc |= run_file(argv[i]);
            count++;
            continue;
        }
        DIR *d = opendir(argv[i]);
        if (!d) {
            perror(argv[i]);
            rc = 2;
            continue;
        }
        char **names = NULL;
        size_t n = 0;
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.' || !strcmp(e->d_name, "README") || !strcmp(e->d_name, "README.md"))
                continue;
            char *p = malloc(strlen(argv[i]) + strlen(e->d_name) + 2);
            sprintf(p, "%s/%s", argv[i], e->d_name);
            struct stat fst;
            if (stat(p, &fst) != 0 || !S_ISREG(fst.st_mode)) {
                free(p);
                continue;
            }
            names = realloc(names, (n + 1) * sizeof *names);
            names[n++] = p;
        }
        closedir(d);
        if (n)
            qsort(names, n, sizeof *names, cmp_str);
        for (size_t k = 0; k < n; k++) {
            rc |= run_file(names[k]);
            count++;
            free(names[k]);
        }
        free(names);
    }
    fprintf(stderr, "replayed %d input%s\n", count, count == 1 ? "" : "s");
    return rc;
}
