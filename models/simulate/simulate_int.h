/* Internal to models/simulate*.c: the rare-earth instance and plan mapped
 * onto the generic Monte-Carlo problem of solver/montecarlo.h, and the
 * path sources. */
#ifndef HP_SIMULATE_INT_H
#define HP_SIMULATE_INT_H

#include "../report/report_internal.h"
#include "simulate.h"

/* Source column c = j * T + t (ship quarter t); item i = product p;
 * period = arrival quarter.  Arrays owned. */
typedef struct hp_sim_problem {
    hp_mc_problem pb;
    double *plan;
    double *item;  /* 6 * P: init, hold, cap, M, w, criticality */
    double *ip;    /* 5 * P*T: demand, in transit, safety, spot cost (USD/t), spot limit */
} hp_sim_problem;

hp_status hp_sim_problem_build(const hp_instance *in, const double *x, const int *z,
                               hp_sim_problem *sp);
void hp_sim_problem_free(hp_sim_problem *sp);

/* Where the availability of path k comes from. */
typedef struct hp_sim_source {
    const hp_instance *in;
    unsigned long seed;
    hp_sim_paths paths;
    double *cum;   /* mixed: cumulative scenario probabilities (S) */
} hp_sim_source;

/* hp_mc_fill_fn over an hp_sim_source. */
hp_status hp_sim_fill(void *ctx, long first, long n, double *avail);

/* The lp recourse over n paths: fills out like hp_mc_run (path arrays,
 * expected parts, the item-period arrays that are not NULL). */
hp_status hp_sim_run_lp(const hp_instance *in, const hp_sim_problem *sp, long n,
                        hp_sim_source *src, const double *weight, const hp_sim_opts *o,
                        hp_mc_out *out);

/* Paired difference of entry 1 minus entry 0 on the same paths: the mean
 * and its standard error (0 for weighted paths), for cost (what = 0) or
 * shortage (what = 1).  Returns 0 when the entries do not share kept paths. */
int hp_sim_paired(const hp_sim_entry *e, int n, int what, double *mean, double *se);

/* The JSON report (simulate_json.c). */
hp_status hp_sim_report_json(hp_out *o, const hp_sim_entry *e, int n, const hp_sim_meta *meta);

#endif
