/* hreeplan solver layer: the L-shaped method (Benders decomposition) for
 * two-stage stochastic LPs and MIPs with continuous recourse.  Knows nothing
 * of rare earths.
 *
 *   minimise   c.x + sum_s p_s Q_s(x)
 *   subject to the first-stage model `first` (rows, bounds, integrality),
 *
 *   Q_s(x) = min q.y  subject to  lb <= W y + T_s x <= ub,  y in its bounds
 *
 * where W, q, lb, ub and the bounds of y are the recourse template `second`
 * and the technology matrix T_s (sparse, per scenario) differs between
 * scenarios; optionally a scenario also replaces some entries of q (its own
 * recourse prices), of W and of the tie objective (`var_*`).  With x fixed,
 * scenario s is the template with those entries replaced and its row
 * bounds shifted by -T_s x.
 *
 * Method (see lshaped.c for the reasons behind each choice):
 * - a master LP over x and one value column theta_g per group of scenarios
 *   (partial cut aggregation: `cut_groups` groups of consecutive scenarios,
 *   one optimality cut per group and iteration, only when violated), solved
 *   by GLPK's dual simplex from the previous basis; cuts slack for
 *   `drop_after` iterations are dropped;
 * - the recourse LPs solved on `threads` threads, one GLPK problem per
 *   thread whose row bounds alone change between solves; every scenario
 *   restarts from its own last optimal basis, so the results do not depend
 *   on the number of threads or on scheduling;
 * - an infeasible recourse LP gives a feasibility cut from its elastic copy
 *   (least total violation of the rows);
 * - integer first-stage columns: L-shaped on the LP relaxation first, then
 *   the same iterations with the master solved as a MIP (glp_intopt) until
 *   the gap closes;
 * - optionally an L-infinity trust region around the best plan (off by
 *   default), removed for the last iterations so that the lower bound is
 *   valid;
 * - stop when (upper - lower) <= tolerance * max(1, |upper|), where upper is
 *   the expected value of the best first-stage plan evaluated so far and
 *   lower the best master value.
 *
 * The solve runs on GLPK whatever backend the caller otherwise uses: it
 * needs row addition and deletion with the basis kept, per-row duals of
 * many small LPs and thread-local problem objects.  The calling thread's
 * GLPK environment is used for the master; worker threads free theirs when
 * they end. */
#ifndef HP_LSHAPED_H
#define HP_LSHAPED_H

#include <stddef.h>

#include "backend.h"
#include "lp.h"

/** A two-stage problem.  Nothing is copied: every array must outlive the
 *  solve.  Indices are 0-based. */
typedef struct hp_lshaped_problem {
    const hp_lp *first;  /**< first stage: columns x (bounds, cost c, integrality), rows on x */
    const hp_lp *second; /**< recourse template: columns y (bounds, cost q), rows lb <= W y + T x <=
                            ub; no integer columns */
    int n_scen;          /**< scenarios, >= 1 */
    const double *prob;  /**< n_scen probabilities p_s > 0 (their sum is not checked) */
    /** T_s as triplets: entries tech_beg[s] .. tech_beg[s+1]-1 belong to
     *  scenario s; tech_row[k] is a row of `second`, tech_col[k] a column of
     *  `first`, tech_val[k] the coefficient.  tech_beg has n_scen + 1 entries. */
    const size_t *tech_beg;
    const int *tech_row;
    const int *tech_col;
    const double *tech_val;
    /** A lower bound of every Q_s(x) (e.g. 0 when q >= 0 and y >= 0); must be
     *  finite: the master starts from theta_g >= value_lb * sum of p in g. */
    double value_lb;
    /** Optional second recourse objective (ncols of `second`) for the final
     *  evaluation of the chosen plan: among the recourse solutions optimal
     *  for q (to 1e-9 relative), one minimising tie_obj.y is reported.
     *  NULL: none. */
    const double *tie_obj;
    /** Optional per-scenario replacements of recourse data (NULL var_beg:
     *  none): entries var_beg[s] .. var_beg[s+1]-1 belong to scenario s;
     *  var_col[k] is a column of `second` and var_row[k] says what changes:
     *  HP_LSHAPED_VAR_OBJ its cost q (then also the row q.y that ties are
     *  broken under), HP_LSHAPED_VAR_TIE its tie_obj entry, a row index of
     *  `second` its coefficient W[row][col] (0 deletes it).  value_lb must
     *  bound every scenario's Q_s. */
    const size_t *var_beg;
    const int *var_row;
    const int *var_col;
    const double *var_val;
} hp_lshaped_problem;

/** var_row codes of hp_lshaped_problem: the scenario's recourse cost, its
 *  tie objective. */
#define HP_LSHAPED_VAR_OBJ (-1)
#define HP_LSHAPED_VAR_TIE (-2)

typedef struct hp_lshaped_opts {
    double tolerance; /**< relative gap to stop at (default 1e-6) */
    int cut_groups;   /**< groups of scenarios, one cut each per iteration (default 100;
                           1 = single cut, >= n_scen = multi-cut) */
    int threads;      /**< threads for the recourse LPs; 0 = all online cores (default) */
    int max_iter;     /**< master iterations, all phases together (default 500) */
    int drop_after;   /**< drop a cut slack in so many consecutive iterations; 0 = never (default 3)
                       */
    double trust_region; /**< initial L-inf radius relative to each column's scale; 0 = off
                            (default) */
    double time_limit;   /**< seconds, <= 0: none */
    double mip_gap;      /**< relative gap of each MIP master solve (default 0) */
    int keep_recourse;   /**< nonzero: return the recourse solution of every scenario (default 1) */
    const volatile int *interrupt; /**< polled before each master solve; nonzero stops as the
                                        time limit does (NULL: never, the default) */
    /** called after every master iteration with its number and the bounds
     *  so far (upper HUGE_VAL before a plan is known); NULL: none (default) */
    void (*progress)(void *ctx, int iteration, double lower, double upper);
    void *progress_ctx; /**< passed to progress */
} hp_lshaped_opts;

/** Fills the defaults above. */
void hp_lshaped_opts_default(hp_lshaped_opts *o);

typedef struct hp_lshaped_stats {
    int iterations;      /**< master solves, all phases */
    int mip_iterations;  /**< of which with the master as a MIP */
    double lower, upper; /**< final bounds on the optimal value */
    double gap;          /**< (upper - lower) / max(1, |upper|) */
    long cuts_added;     /**< optimality cuts */
    long cuts_dropped;
    long feas_cuts; /**< feasibility cuts */
    int max_rows;   /**< largest master (rows) */
    long recourse_solves;
    long simplex_iters; /**< recourse simplex iterations */
    int threads;
    double seconds, master_seconds, recourse_seconds;
} hp_lshaped_stats;

/** The relative gap up to which a finished run is reported optimal (the
 *  default tolerance); a run stopped at a looser tolerance with a larger
 *  gap is reported HP_SOL_GAP_LIMIT with its gap in stats.gap. */
#define HP_LSHAPED_OPTIMAL_GAP 1e-6

typedef struct hp_lshaped_result {
    hp_sol_status status; /**< optimal (gap <= HP_LSHAPED_OPTIMAL_GAP), gap_limit (stopped at
                               the tolerance or on no violated cut, with a solution),
                               time_limit (with has_solution), infeasible, failed */
    int has_solution;
    int is_mip;
    double objective;   /**< c.x + sum p_s Q_s(x) of the returned plan */
    double *x;          /**< first stage, ncols(first) */
    double *scen_value; /**< Q_s(x), n_scen */
    double *y;          /**< recourse solutions, n_scen * ncols(second), scenario-major, or NULL */
    double *rec_dual;   /**< duals of the recourse rows, n_scen * nrows(second), or NULL */
    double *first_dual; /**< duals of the first-stage rows in the last master LP, or NULL (MIP) */
    hp_lshaped_stats stats;
} hp_lshaped_result;

/** Solves the problem.  HP_OK with the result in *out (the caller frees it
 *  with hp_lshaped_result_free()) whatever the model status; HP_EINVAL on a
 *  malformed problem (index out of range, bad bounds, integer recourse,
 *  infinite value_lb), HP_ENOMEM, HP_EINTERNAL when GLPK failed. */
hp_status hp_lshaped_solve(const hp_lshaped_problem *pb, const hp_lshaped_opts *o,
                           hp_lshaped_result **out);

void hp_lshaped_result_free(hp_lshaped_result *r);

#endif
