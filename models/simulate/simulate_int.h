/* Internal to models/simulate/: the rare-earth instance and plan mapped onto
 * the generic Monte-Carlo problem of solver/montecarlo.h and the path
 * sources (both in paths.c), and the lp recourse (simulate_lp.c).  The files
 * call one way: simulate.c -> simulate_lp.c -> paths.c. */
#ifndef HP_SIMULATE_INT_H
#define HP_SIMULATE_INT_H

#include "simulate.h"

/* Source column c = j * T + t (ship quarter t); item i = product p;
 * period = arrival quarter.  Terminal stock: target IT, penalty wT, credit
 * 1000 cT per t.  Strategic reserve: total G, limit Rmax per quarter, price
 * 1000 rp per t, gate theta = `below`, gate columns of (p,t) = j * T + t
 * for the suppliers j of the reserve's region (MODEL.md: the region's
 * smallest ship-quarter factor).  Arrays owned. */
typedef struct hpi_sim_problem {
    hp_mc_problem pb;
    double *plan;
    double *item;    /* 12 * P: init, hold, cap, M, w, criticality, IT, wT, 1000 cT, G,
                        1000 rp, theta */
    double *ip;      /* 6 * P*T: demand, in transit, safety, spot cost (USD/t), spot limit,
                        reserve limit */
    int *gate;       /* P*T + 1 starts, then the gate columns */
    double contract; /* contracts signed (USD), part of pb.fixed_cost */
    double fee;      /* take-or-pay fees (USD), the rest of pb.fixed_cost */
} hpi_sim_problem;

/* paths.c: fills *sp from the plan x, z (layout of hp_simulate).  HP_EINVAL
 * for an order that cannot arrive, HP_ENOMEM.  The caller frees with
 * hpi_sim_problem_free() on success; on failure nothing is left to free. */
hp_status hpi_sim_problem_build(const hp_instance *in, const double *x, const int *z,
                                hpi_sim_problem *sp);
/* Frees the arrays and zeroes *sp; NULL is fine. */
void hpi_sim_problem_free(hpi_sim_problem *sp);

/* Where the availability of path k comes from (not owned: the caller frees
 * cum). */
typedef struct hpi_sim_source {
    const hp_instance *in;
    unsigned long seed;
    hp_sim_paths paths;
    double *cum; /* mixed: cumulative scenario probabilities (S) */
} hpi_sim_source;

/* paths.c: an hp_mc_fill_fn over an hpi_sim_source (ctx): the availability
 * of paths first..first+n-1 into avail (n * J * T, caller's). */
hp_status hpi_sim_fill(void *ctx, long first, long n, double *avail);

/* simulate_lp.c: the lp recourse over n paths: fills out like hp_mc_run
 * (path arrays, expected parts, the item-period arrays that are not NULL). */
hp_status hpi_sim_run_lp(const hp_instance *in, const hpi_sim_problem *sp, long n,
                         hpi_sim_source *src, const double *weight, const hp_sim_opts *o,
                         hp_mc_out *out);

#endif
