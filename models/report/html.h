/* hreeplan report: the planner's one HTML file (`hreeplan report`): the
 * plan's headline and decision, the cost-risk front with its knee and the
 * expected-cost plan, the stock path per product, the scenarios side by
 * side, the out-of-sample distribution, shadow prices in words and the run
 * record.  Self-contained: inline style and SVG charts, no script, nothing
 * fetched; byte-identical on rerun. */
#ifndef HP_HTML_H
#define HP_HTML_H

#include <stdio.h>

#include "pareto_out.h"
#include "report.h"
#include "sim_report.h"

/** What the report shows; everything is borrowed for the call. */
typedef struct hp_html_input {
    const char *file;          /**< instance path as given */
    const hp_plan *plan;       /**< the expected-cost plan (required) */
    const hp_front_run *front; /**< the front, or NULL: section left out */
    const hp_sim_entry *sim;   /**< n_sim simulated plans, or NULL */
    int n_sim;
    const hp_run_record *run; /**< or NULL */
} hp_html_input;

/** Writes the page to f (the caller's: flushed, not closed).  HP_EIO when
 *  a write fails, HP_ENOMEM, HP_EINTERNAL for a NULL f, input or plan. */
hp_status hp_html_report(FILE *f, const hp_html_input *in);

#endif
