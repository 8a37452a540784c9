/* hreeplan reports: a plan in text, CSV and JSON (../shared/CLI.md fixes the
 * JSON keys).  The report room also writes fronts (pareto_out.h),
 * comparisons (compare_out.h), simulations (sim_report.h) and charts
 * (chart.h); every report goes through one checked writer, so a failed write
 * is HP_EIO, and one number formatter, so "-0.00" never prints. */
#ifndef HP_REPORT_H
#define HP_REPORT_H

#include <stdio.h>

#include "../plan/plan.h"

typedef enum hp_format { HP_FMT_TEXT = 0, HP_FMT_CSV, HP_FMT_JSON, HP_FMT_HTML } hp_format;
/** Parses "text" | "csv" | "json" | "html"; -1 when unknown. */
int hp_format_parse(const char *s);

/** The run record (CLI.md "run"): how a report was produced, so that it
 *  can be produced again.  Every JSON report carries it as "run", text and
 *  HTML reports end with it in one line.  The version and the git commit
 *  come from the build (hp_run_commit()); the rest from the caller.
 *  Everything is borrowed for the call. */
typedef struct hp_run_record {
    int argc;                    /**< words of the command line */
    const char *const *argv;     /**< as typed; argv[0] is reported by its base name */
    const char *backend;         /**< "glpk" or "cbc" */
    const char *backend_version; /**< e.g. "GLPK 5.0" */
    unsigned long seed;          /**< --seed */
    int threads;                 /**< --threads (0: all cores) */
    int ranks;                   /**< processes (1 without MPI) */
    int n_sha;                   /**< instances: 1, or several for compare */
    const char *const *sha256;   /**< n_sha hex digests (NULL entries: unreadable) */
} hp_run_record;

/** The short git commit hreeplan was built from, "unknown" when built
 *  outside git (static string). */
const char *hp_run_commit(void);

/** What a report says about where the plan came from.  Strings are
 *  borrowed for the call. */
typedef struct hp_report_meta {
    const char *file;         /**< instance path as given */
    const char *sha256;       /**< hex digest of the instance file, or NULL */
    int timing;               /**< nonzero: include solver seconds (0 gives byte-stable output) */
    const hp_run_record *run; /**< the run record, or NULL: none written */
} hp_report_meta;

/** Writes the plan report to f (the caller's: flushed, not closed); meta may
 *  be NULL.  HP_EIO when a write fails, HP_ENOMEM, HP_EINTERNAL for a NULL f
 *  or plan or an unknown format. */
hp_status hp_report_plan(FILE *f, const hp_plan *p, hp_format fmt, const hp_report_meta *meta);

#endif
