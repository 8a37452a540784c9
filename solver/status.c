#include "status.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

static hp_log_fn log_fn;
static void *log_ctx;

const char *hp_status_str(hp_status st)
{
    switch (st) {
    case HP_OK:
        return "ok";
    case HP_ENOMEM:
        return "out of memory";
    case HP_EIO:
        return "I/O error";
    case HP_EINVAL:
        return "invalid input";
    case HP_EINFEASIBLE:
        return "infeasible";
    case HP_ESOLVER:
        return "solver failure";
    case HP_EINTERNAL:
        return "internal error";
    }
    return "unknown status";
}

void hp_set_log(hp_log_fn fn, void *ctx)
{
    log_fn = fn;
    log_ctx = ctx;
}

void hp_log(int level, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    if (!log_fn)
        return;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    log_fn(log_ctx, level, buf);
}

double hp_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}
