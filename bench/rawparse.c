/*
 * rawparse: the baseline that schemadiff's parse speed is measured against.
 *
 * For each SQL file named on the command line, read it into memory once, then
 * time libpg_query's raw parse (pg_query_raw_parse: PostgreSQL's grammar into
 * a List of RawStmt nodes, no JSON or protobuf output) K times and keep the
 * best run. Only the pg_query_raw_parse call is inside the clock; reading the
 * file, entering and leaving libpg_query's memory context (which frees the
 * tree) are not. One line per file on standard output:
 *
 *     rawparse FILE SECONDS TREE_BYTES CPU_SECONDS
 *
 * TREE_BYTES is the memory the parse tree holds: the bytes libpg_query's
 * memory context (and its children) had allocated from the C library when
 * pg_query_raw_parse returned (MemoryContextData.mem_allocated, PostgreSQL
 * 13 and later: block sizes, so the tree plus its allocator's slack, which
 * is what a process keeping the tree would hold).  It is the same in every
 * run.  CPU_SECONDS is the best run's user + system CPU time of this
 * thread (CLOCK_THREAD_CPUTIME_ID): on a loaded machine it is the steadier
 * number, wall clock counts the time other processes had the core.
 *
 * With -v, the byte and statement counts go to standard error.
 *
 * Usage:  rawparse [-k K] [-v] FILE...        (K runs per file, default 3)
 * Build:  cc -O2 -I/usr/include/postgresql/15/server bench/rawparse.c \
 *             -lpg_query -o build/bench-rawparse
 *
 * Exit status: 0 if every file parsed, 1 if any file could not be read or
 * did not parse (the others are still timed), 2 on a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <pg_query.h>                  /* PgQueryError */
#include <pg_query/pg_query_internal.h> /* pg_query_raw_parse; pulls in postgres.h */

/* postgres.h (via port.h) renames printf, fprintf, strerror, ... to PostgreSQL's
 * own pg_* versions; libpg_query does not export all of them (pg_strerror is
 * missing), so use the C library's. */
#undef printf
#undef fprintf
#undef snprintf
#undef vsnprintf
#undef vfprintf
#undef strerror

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/* Read a whole file into a NUL-terminated buffer; NULL (errno set) on failure. */
static char *read_file(const char *path, size_t *len_out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	for (;;) {
		if (!buf) {
			fclose(f);
			errno = ENOMEM;
			return NULL;
		}
		len += fread(buf + len, 1, cap - len - 1, f);
		if (len < cap - 1)
			break;
		cap *= 2;
		char *grown = realloc(buf, cap);
		if (!grown)
			free(buf);
		buf = grown;
	}
	int failed = ferror(f);
	fclose(f);
	if (failed) {
		free(buf);
		errno = EIO;
		return NULL;
	}
	buf[len] = '\0';
	*len_out = len;
	return buf;
}

static double cpu_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/* Bytes a memory context and all its descendants hold from malloc. */
static size_t context_bytes(MemoryContext ctx)
{
	size_t n = ctx->mem_allocated;
	for (MemoryContext c = ctx->firstchild; c; c = c->nextchild)
		n += context_bytes(c);
	return n;
}

/* Time one file; 0 on success, -1 if it did not parse (error printed). */
static int time_file(const char *path, const char *sql, int runs, int verbose)
{
	double best = -1.0, best_cpu = -1.0;
	size_t tree_bytes = 0;
	int statements = 0;
	for (int run = 0; run < runs; run++) {
		MemoryContext ctx = pg_query_enter_memory_context();
		size_t before = context_bytes(ctx);
		double start = now_seconds(), cpu_start = cpu_seconds();
		PgQueryInternalParsetreeAndError result = pg_query_raw_parse(sql);
		double elapsed = now_seconds() - start, cpu = cpu_seconds() - cpu_start;
		tree_bytes = context_bytes(ctx) - before;

		int failed = result.error != NULL;
		if (failed) {
			fprintf(stderr, "%s: error: %s (cursor position %d)\n", path,
			        result.error->message, result.error->cursorpos);
			if (result.stderr_buffer && result.stderr_buffer[0])
				fprintf(stderr, "%s", result.stderr_buffer);
			pg_query_free_error(result.error);
		} else {
			statements = list_length(result.tree);
		}
		free(result.stderr_buffer);
		pg_query_exit_memory_context(ctx);
		if (failed)
			return -1;
		if (best < 0 || elapsed < best)
			best = elapsed;
		if (best_cpu < 0 || cpu < best_cpu)
			best_cpu = cpu;
	}
	printf("rawparse %s %.6f %zu %.6f\n", path, best, tree_bytes, best_cpu);
	fflush(stdout);
	if (verbose)
		fprintf(stderr, "%s: %zu bytes, %d statements, best of %d\n", path,
		        strlen(sql), statements, runs);
	return 0;
}

static void usage(FILE *out)
{
	fprintf(out, "usage: rawparse [-k K] [-v] FILE...\n"
	             "  -k K, --runs K   runs per file, best one reported (default 3)\n"
	             "  -v               bytes and statement count on standard error\n");
}

int main(int argc, char **argv)
{
	int runs = 3, verbose = 0, first_file = argc;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "--") == 0) {
			first_file = i + 1;
			break;
		} else if (strcmp(arg, "-k") == 0 || strcmp(arg, "--runs") == 0) {
			if (i + 1 >= argc) {
				usage(stderr);
				return 2;
			}
			char *end;
			long k = strtol(argv[++i], &end, 10);
			if (*end || k < 1 || k > 1000000) {
				fprintf(stderr, "rawparse: bad run count '%s'\n", argv[i]);
				return 2;
			}
			runs = (int) k;
		} else if (strcmp(arg, "-v") == 0) {
			verbose = 1;
		} else if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (arg[0] == '-' && arg[1]) {
			fprintf(stderr, "rawparse: unknown option '%s'\n", arg);
			usage(stderr);
			return 2;
		} else {
			first_file = i;
			break;
		}
	}
	if (first_file >= argc) {
		usage(stderr);
		return 2;
	}

	int status = 0;
	for (int i = first_file; i < argc; i++) {
		size_t len;
		char *sql = read_file(argv[i], &len);
		if (!sql) {
			fprintf(stderr, "%s: error: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (strlen(sql) != len)
			fprintf(stderr, "%s: warning: NUL byte in file, parsing only up to it\n", argv[i]);
		if (time_file(argv[i], sql, runs, verbose) != 0)
			status = 1;
		free(sql);
	}
	return status;
}
