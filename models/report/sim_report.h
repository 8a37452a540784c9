/* hreeplan reports: a Monte-Carlo stress test (models/simulate/simulate.h)
 * of one or several plans, side by side, in text, CSV and JSON
 * (../shared/CLI.md "JSON of simulate"), and the gnuplot script of its
 * histogram chart. */
#ifndef HP_SIM_REPORT_H
#define HP_SIM_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "../simulate/simulate.h"
#include "report.h"

/** What a simulation report says about its origin.  Strings are borrowed. */
typedef struct hp_sim_meta {
    const char *file;         /**< instance path */
    const char *sha256;       /**< or NULL */
    int timing;               /**< include seconds (0: byte-stable) */
    unsigned long fit_seed;   /**< seed of the SAA sample the plans were fitted on */
    int fitted_on_sample;     /**< nonzero: plans fitted on --sample-scenarios paths */
    const char *plan_file;    /**< --plan, or NULL when solved here */
    const hp_run_record *run; /**< the run record (report.h), or NULL: none */
} hp_sim_meta;

/** One simulated plan in a report: its label ("cost-minimal", ...), the
 *  plan (may be NULL for a plan read from a file: no in-sample figures)
 *  and the simulation.  All borrowed. */
typedef struct hp_sim_entry {
    const char *label;
    const hp_plan *plan;
    const hp_sim_result *sim;
} hp_sim_entry;

/** Writes the report of n simulated plans side by side (text, CSV, JSON)
 *  to f (the caller's; flushed, not closed).  With two entries whose
 *  simulations kept their paths, the paired difference of the second minus
 *  the first is added.  HP_EINVAL for no entries or a stopped simulation,
 *  HP_EIO when a write fails, HP_ENOMEM. */
hp_status hp_sim_report(FILE *f, const hp_sim_entry *e, int n, hp_format fmt,
                        const hp_sim_meta *meta);

/** gnuplot script and data for a histogram chart of the entries' path
 *  spend, cost and shortage (three panels; two, cost and shortage, when an
 *  entry has no spend).  The data file is to be named "hist.dat".  On
 *  success the caller frees *script and *data with free(); on failure
 *  (HP_ENOMEM) both are NULL. */
hp_status hp_sim_chart_script(const hp_sim_entry *e, int n, char **script, char **data,
                              size_t *data_len);

#endif
