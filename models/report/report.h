/* hreeplan reports: a plan in text, CSV and JSON (../shared/CLI.md fixes the
 * JSON keys).  The report room also writes fronts (pareto_out.h),
 * comparisons (compare_out.h), simulations (sim_report.h) and charts
 * (chart.h); every report goes through one checked writer, so a failed write
 * is HP_EIO, and one number formatter, so "-0.00" never prints. */
#ifndef HP_REPORT_H
#define HP_REPORT_H

#include <stdio.h>

#include "../plan/plan.h"

typedef enum hp_format { HP_FMT_TEXT = 0, HP_FMT_CSV, HP_FMT_JSON } hp_format;
/** Parses "text" | "csv" | "json"; -1 when unknown. */
int hp_format_parse(const char *s);

/** What a report says about where the plan came from.  Strings are
 *  borrowed for the call. */
typedef struct hp_report_meta {
    const char *file;   /**< instance path as given */
    const char *sha256; /**< hex digest of the instance file, or NULL */
    int timing;         /**< nonzero: include solver seconds (0 gives byte-stable output) */
} hp_report_meta;

/** Writes the plan report to f (the caller's: flushed, not closed); meta may
 *  be NULL.  HP_EIO when a write fails, HP_ENOMEM, HP_EINTERNAL for a NULL f
 *  or plan or an unknown format. */
hp_status hp_report_plan(FILE *f, const hp_plan *p, hp_format fmt, const hp_report_meta *meta);

#endif
