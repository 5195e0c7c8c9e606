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
#include <time.h>

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
