/* Internal to models/simulate/: the rolling recourse of a simulation
 * (../shared/MODEL.md "Honest evaluation of a plan"), the non-anticipative
 * policy a planner runs.
 *
 * On each path, in each quarter t = 0..T-1 in turn, one LP re-plans the
 * remaining quarters t..T-1 from the path's state (the stock left at the
 * end of t-1, the strategic reserve not yet released) with the plan's
 * orders fixed and only the path's history through t known: quarter t's
 * recourse (stock, spot, unmet, safety shortfall, write-off, reserve
 * release) is one decision, and quarters t+1..T-1 are decided per
 * continuation of the future, each continuation with its own recourse and
 * weight.  Only quarter t's decision is carried out; the path moves on.
 *   - sampled paths: N = rolling_scenarios continuations drawn from the
 *     disruption process from the path's state (hp_sample_continue: the
 *     events running at t are known, not how long they will last), equally
 *     weighted; the availability of ship quarters <= t is the path's;
 *   - the instance's scenarios as paths: the continuations are the
 *     scenarios whose data (availability, price and spot factors) agree
 *     with the path's through t, weighted by probability.
 * The per-quarter LP has the columns and rows of the lp recourse
 * (simulate_lp.c), write-off priced the same way and not counted.  One LP
 * per quarter t is built once; consecutive solves of it differ only in
 * right-hand sides and bounds (and, on scenario paths, in the weights of
 * the objective), so each is a warm dual simplex from the previous basis.
 * Paths run in blocks of fixed size on worker threads; each block starts
 * from a freshly loaded LP, so a path's result does not depend on which
 * thread ran it or how many there are. */
#ifndef HP_SIMULATE_ROLL_H
#define HP_SIMULATE_ROLL_H

#include "simulate_int.h"

/** Default number of sampled continuations per re-plan. */
#define HP_ROLLING_SCENARIOS 20

/* Kinds of the re-plan LP's columns per product and quarter. */
enum { HPI_K_INV, HPI_K_U, HPI_K_Y, HPI_K_V, HPI_K_O, HPI_K_R, HPI_K_E, HPI_NK };

/* simulate_roll_lp.c: the re-plan LP of quarter t.  Block 0 holds quarter t
 * (the decision carried out), block 1 + k quarters t+1..T-1 of
 * continuation k; quarter t's stock is carried into every continuation.
 * Each block has per product and quarter stock inv (storage limit), unmet
 * u <= demand, spot y <= limit, write-off, reserve release r (bounds set
 * per solve), safety shortfall v, and at T-1 the terminal shortfall; a
 * balance row (rhs set per solve), and per continuation and product the
 * reserve row: quarter t's release plus the continuation's <= the reserve
 * left (rhs set per solve).  Costs are those of the plan's formulation,
 * times 1 in block 0 and w0 in the continuations. */
typedef struct hpi_roll_stage {
    int t, N, ncol;
    hp_lp *lp;
    int *col;    /* [hpi_roll_ci(b, p, q) * HPI_NK + kind], -1 when absent */
    int *bal;    /* [hpi_roll_ci(b, p, q)], -1 when absent */
    int *res;    /* [k * P + p]: reserve row of continuation k, -1 when absent */
    int *cinfo;  /* per column: block, product, quarter, kind */
    double *obj; /* per column: the cost at weight 1 */
} hpi_roll_stage;

/* Index of (block b, product p, quarter q). */
size_t hpi_roll_ci(const hp_instance *in, int b, int p, int q);

/* Builds the LP of quarter t with N continuations of weight w0.  HP_ENOMEM;
 * the caller frees with hpi_roll_stage_free() in every case. */
hp_status hpi_roll_stage_build(const hp_instance *in, int t, int N, double w0, hpi_roll_stage *g);
/* Frees and zeroes *g. */
void hpi_roll_stage_free(hpi_roll_stage *g);

/* The rolling recourse over n paths: fills out like hpi_sim_run_lp (path
 * arrays, expected parts, the item-period arrays that are not NULL).
 * o->rolling_scenarios continuations on sampled paths, o->threads workers
 * (<= 0: the processors online).  HP_EINVAL for mixed paths;
 * HP_ESOLVER when a re-plan LP fails. */
hp_status hpi_sim_run_roll(const hp_instance *in, const hpi_sim_problem *sp, long n,
                           hpi_sim_source *src, const double *weight, const hp_sim_opts *o,
                           hp_mc_out *out);

#endif
