/*
 * files.c — the files of a plan, written all or none.
 *
 * Each file goes to a temporary file in the target directory, fsync'ed;
 * then, only when all are written, they are renamed over the final names,
 * with the files being replaced kept as hard links until every rename
 * succeeded, so that a failure puts back the older plan whole.  A file
 * without text is one the plan no longer has (shadow.sql of an earlier plan
 * that shadowed a table): it is removed in the same pass, kept as a hard
 * link like the others and put back if anything fails, so that an operator
 * never runs an old shadow.sql next to a new migration.sql.
 */
#include "model.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- files -------------------------------------------------------------------- */

/* Create dir and its missing parents; each directory created is pushed on
 * `created` (outermost first) so that a failure can remove them again. */
static int make_dirs(Arena *a, const char *dir, PtrVec *created)
{
    if (!*dir) {
        errno = ENOENT;
        return -1;
    }
    char *p = arena_strdup(a, dir);
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s)
            continue;
        char c = *s;
        *s = '\0';
        if (mkdir(p, 0755) == 0)
            vec_push(a, created, arena_strdup(a, p));
        else if (errno != EEXIST)
            return -1;
        *s = c;
        if (!c)
            break;
    }
    struct stat st;
    if (stat(dir, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

/* Write text to a new temporary file in dir (its name in *tmp), synced. */
static int write_temp(Arena *a, const char *dir, const char *name, const char *text, const char **tmp)
{
    char *t = arena_printf(a, "%s/.%s.tmpXXXXXX", dir, name);
    int fd = mkstemp(t);
    if (fd < 0)
        return -1;
    *tmp = t;
    size_t len = strlen(text), off = 0;
    while (off < len) {
        ssize_t w = write(fd, text + off, len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        off += (size_t)w;
    }
    bool ok = off == len && fchmod(fd, 0644) == 0 && fsync(fd) == 0;
    int saved = errno;
    ok = (close(fd) == 0) && ok;
    if (!ok) {
        unlink(t);
        *tmp = NULL;
        errno = saved ? saved : EIO;
        return -1;
    }
    return 0;
}

int output_write_files(Arena *a, const char *dir, const OutFile *files, int n, const char **failed)
{
    PtrVec created = {0};
    const char **tmp = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
    const char **bak = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
    const char **final = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
    int renamed = 0, saved;
    /* out/ and out name the same directory: one spelling in messages */
    size_t dlen = strlen(dir);
    while (dlen > 1 && dir[dlen - 1] == '/')
        dlen--;
    dir = arena_strndup(a, dir, dlen);
    *failed = dir;
    if (make_dirs(a, dir, &created) != 0)
        goto fail;
    for (int i = 0; i < n; i++)
        final[i] = arena_printf(a, "%s/%s", dir, files[i].name);
    /* 1. every file into a temporary file beside its final name */
    for (int i = 0; i < n; i++)
        if (files[i].text && write_temp(a, dir, files[i].name, files[i].text, &tmp[i]) != 0) {
            *failed = final[i];
            goto fail;
        }
    /* 2. a hard link keeps each file being replaced, to put it back if a
     *    later rename fails */
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (lstat(final[i], &st) != 0 || (S_ISDIR(st.st_mode) && files[i].text))
            continue; /* nothing to keep (a directory makes the rename fail) */
        if (S_ISDIR(st.st_mode)) {
            errno = EISDIR; /* not ours to remove */
            *failed = final[i];
            goto fail;
        }
        const char *b = arena_printf(a, "%s/.%s.old%ld", dir, files[i].name, (long)getpid());
        unlink(b);
        if (link(final[i], b) != 0) {
            *failed = final[i];
            goto fail;
        }
        bak[i] = b;
    }
    /* 3. the renames (and removals): all, or back to what was there */
    for (; renamed < n; renamed++)
        if (files[renamed].text ? rename(tmp[renamed], final[renamed]) != 0
                                : bak[renamed] && unlink(final[renamed]) != 0) {
            *failed = final[renamed];
            goto fail;
        }
    for (int i = 0; i < n; i++)
        if (bak[i])
            unlink(bak[i]);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        fsync(dfd); /* the renames themselves reach the disk */
        close(dfd);
    }
    return 0;

fail:
    saved = errno;
    for (int i = 0; i < n; i++) {
        if (i < renamed) {
            if (bak[i])
                rename(bak[i], final[i]);
            else if (files[i].text)
                unlink(final[i]);
        } else if (tmp[i])
            unlink(tmp[i]);
        if (bak[i] && i >= renamed)
            unlink(bak[i]);
    }
    for (int i = created.n - 1; i >= 0; i--)
        rmdir(created.items[i]);
    errno = saved;
    return -1;
}
