/* hreeplan pareto: the front as the command line reports it (text table and
 * character plot, tidy CSV, JSON) and its chart. */
#ifndef HP_PARETO_OUT_H
#define HP_PARETO_OUT_H

#include <stdio.h>

#include "../../solver/pareto.h"
#include "../plan/pipeline.h"
#include "../plan/plan.h"
#include "report.h"

/** A solved front with the plan of every point.  plans[i] is the plan of
 *  point i (NULL when the point has no solution); a duplicate point keeps
 *  its own plan, equal to the one it repeats.  Everything is borrowed. */
typedef struct hp_front_run {
    const hp_instance *inst;
    const char *file;   /**< instance path as given */
    const char *sha256; /**< or NULL */
    hp_measure measure;
    double alpha;
    const hp_pareto *front;
    hp_plan *const *plans;
    const char *backend, *backend_version;
    int rows, cols;
    size_t nnz;
    int axis_cost;            /**< nonzero: each point's cost is its expected cost (--axis
                                   cost); 0: its expected spend (the default axis) */
    const hp_plan *cost_plan; /**< the expected-cost plan, marked on a spend front; or NULL */
    int timing;               /**< include seconds */
    int zero_axis;            /**< the chart's value axis starts at 0 (--zero-axis) */
    const hp_run_record *run; /**< the run record (report.h), or NULL: none */
} hp_front_run;

/** Fills r from a solved front (every field hp_front_result has: measure,
 *  alpha, points, plans, backend, model size, axis, expected-cost plan),
 *  the instance and its path as given; sha256, timing, zero_axis and run
 *  are left 0 for the caller.  Borrows everything. */
void hp_front_run_from(hp_front_run *r, const hp_instance *inst, const char *file,
                       const hp_front_result *res);

/** The value of measure m in plan p. */
double hp_plan_measure(const hp_plan *p, hp_measure m);

/** Writes the report to f (the caller's: flushed, not closed).  Values
 *  below HPI_NOISE (5e-13) in magnitude print as 0.  HP_EIO when a write
 *  fails, HP_ENOMEM, HP_EINTERNAL for NULL arguments or an unknown format. */
hp_status hp_front_report(FILE *f, const hp_front_run *r, hp_format fmt);

/** The cost-risk chart (chart.h) written to svg_path.  0, or 1 with a
 *  one-line reason in err (errlen bytes, the caller's). */
int hp_front_chart(const char *svg_path, const hp_front_run *r, char *err, size_t errlen);

/** Label of a measure's axis, e.g. "CVaR 0.90 of shortage, t", into buf
 *  (len bytes, the caller's). */
void hp_measure_label(hp_measure m, double alpha, char *buf, size_t len);

#endif
