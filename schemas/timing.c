/*
 * timing.c — SCHEMADIFF_TIMING=1: the time of each phase, on stderr.
 *
 * Benchmarks read these lines; they are never part of normal output.  The
 * environment is consulted once per call site that asks, which is a handful
 * of times per run, never per object.
 */
#include "model.h"

#include <stdarg.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

double timing_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

bool timing_enabled(void)
{
    return getenv("SCHEMADIFF_TIMING") != NULL;
}

void timing_report(const char *fmt, ...)
{
    if (!timing_enabled())
        return;
    va_list ap;
    va_start(ap, fmt);
    fputs("timing: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

double timing_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void timing_rss(double *now_mb, double *peak_mb)
{
    *now_mb = *peak_mb = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        long size, resident;
        if (fscanf(f, "%ld %ld", &size, &resident) == 2)
            *now_mb = (double)resident * (double)sysconf(_SC_PAGESIZE) / (1024.0 * 1024.0);
        fclose(f);
    }
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        *peak_mb = (double)ru.ru_maxrss / 1024.0; /* kilobytes on Linux */
}
