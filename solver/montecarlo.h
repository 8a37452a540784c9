/* hreeplan solver layer: Monte-Carlo evaluation of a fixed first-stage plan
 * under a greedy recourse rule.  Knows nothing of rare earths: "sources"
 * deliver "items" over "periods"; each path scales every source column by
 * an availability in [0,1].
 *
 * Layout.  A path's availability is a row of n_src values.  The plan matrix
 * B is n_src x ncol with ncol = n_item * n_per + 1, row-major: B[c][i*n_per+t]
 * is what source column c delivers of item i in period t per unit of
 * availability (lead times folded in), B[c][ncol-1] the purchase cost paid
 * per unit of availability.  Arrivals and purchase cost of a path are then
 * a.B; for a block of paths A (paths x n_src) they are one product A B,
 * computed with OpenBLAS dgemm (as C^T = B^T A^T so that the recourse below
 * runs along contiguous paths, branch-free and vectorised); the block's
 * outcomes (unmet, spot, stock, ... per item-period and path) are then
 * summed over its paths, weighted, with one dgemv.
 *
 * Recourse rule, per item i and period t in order, per path (left = the
 * reserve not yet drawn on this path, res_total[i] at the start):
 *   s = stock + inflow[i,t] + arrivals[i,t]; short = max(demand - s, 0);
 *   stock = max(s - demand, 0);
 *   spot_lim = spot_limit[i,t] when spot_cost[i,t] < short_pen[i], else 0;
 *   res_lim = min(res_limit[i,t], left) when the reserve is open and
 *     res_price[i] < short_pen[i], else 0; the reserve is open in period t
 *     of a path when the smallest availability of the path over the gate
 *     columns of (i,t) (gate_col[gate_start[it] .. gate_start[it+1]-1]) is
 *     strictly below res_theta[i] (no gate columns: never open);
 *   when res_price[i] < spot_cost[i,t]: res = min(short, res_lim), then
 *     spot = min(short - res, spot_lim); else spot = min(short, spot_lim),
 *     then res = min(short - spot, res_lim) (the cheaper source first);
 *   left -= res; unmet = short - spot - res;
 *   overflow = max(stock - cap[i], 0), stock -= overflow (written off, no cost);
 *   below = max(safety[i,t] - stock, 0);
 *   spend += spot_cost*spot + res_price*res + hold*stock;
 *   penalty += short_pen*unmet + safety_pen*below.
 * After the last period, with the item's final stock (the terminal target):
 *   tshort = max(term_target[i] - stock, 0);
 *   spend -= term_credit[i] * stock; penalty += term_pen[i] * tshort.
 * The rule is myopic: it buys spot or draws the reserve only to cover a
 * shortfall of the period, never to build stock for the safety level or
 * the terminal target.
 * Path spend = purchase (a.B last column) + fixed_cost + the spend sums
 * above; path cost = spend + penalty; path shortage = sum_{i,t} weight[i] *
 * unmet.
 *
 * Determinism.  Paths are cut into blocks by index (block size fixed by the
 * problem's shape, never by the thread count); each block is evaluated the
 * same way whichever thread takes it; sums over paths are reduced block by
 * block in index order.  Results are therefore bit-identical for any number
 * of threads.  While hp_mc_run runs, OpenBLAS is set to one thread (its own
 * threads would fight the workers) and restored afterwards. */
#ifndef HP_MONTECARLO_H
#define HP_MONTECARLO_H

#include "status.h"

/** The problem.  Arrays are not owned; [i * n_per + t] for item-period data. */
typedef struct hp_mc_problem {
    int n_src;                /**< availability columns per path */
    int n_item, n_per;        /**< items and periods */
    const double *plan;       /**< n_src x (n_item*n_per + 1), row-major (see above) */
    double fixed_cost;        /**< added to every path's cost */
    const double *init;       /**< n_item: stock at the start */
    const double *hold;       /**< n_item: cost per unit of ending stock per period */
    const double *cap;        /**< n_item: storage limit, HUGE_VAL = none */
    const double *short_pen;  /**< n_item: cost per unit unmet */
    const double *safety_pen; /**< n_item: cost per unit below the safety level */
    const double *weight;     /**< n_item: weight of unmet units in the shortage */
    const double *demand;     /**< n_item*n_per */
    const double *inflow;     /**< n_item*n_per: fixed arrivals (in transit) */
    const double *safety;     /**< n_item*n_per: safety level */
    const double *spot_cost;  /**< n_item*n_per: cost per unit bought spot */
    const double *spot_limit; /**< n_item*n_per: spot volume limit (HUGE_VAL = none; 0 = no spot) */
    /* Terminal target (optional: term_target NULL = none; else all three). */
    const double *term_target; /**< n_item: stock wanted after the last period */
    const double *term_pen;    /**< n_item: cost per unit short of the target (penalty) */
    const double *term_credit; /**< n_item: credit per unit of final stock (lowers spend) */
    /* Emergency reserve (optional: res_total NULL = none; else all six). */
    const double *res_total; /**< n_item: units that may be drawn over the periods, 0 = none */
    const double *res_limit; /**< n_item*n_per: most drawn in a period, HUGE_VAL = none */
    const double *res_price; /**< n_item: cost per unit drawn (spend) */
    const double *res_theta; /**< n_item: open when the gate's smallest availability < theta */
    const int *gate_start;   /**< n_item*n_per + 1: start of each (i,t)'s gate columns */
    const int *gate_col;     /**< source columns (0..n_src-1) of the gates, back to back */
} hp_mc_problem;

/** Fills avail (n x n_src, row-major) for paths first..first+n-1.  Called
 *  concurrently from several threads: must be thread-safe and must give
 *  path k the same values whatever (first, n) it is asked with. */
typedef hp_status (*hp_mc_fill_fn)(void *ctx, long first, long n, double *avail);

/** Progress: called (serialised, from a worker) after each block with the
 *  paths done so far.  Return nonzero to stop the run. */
typedef int (*hp_mc_progress_fn)(void *ctx, long done, long total);

typedef struct hp_mc_opts {
    int threads; /**< worker threads; <= 0: OpenBLAS's thread count */
    int block;   /**< paths per block; <= 0: sized to fit in cache */
    int batched; /**< nonzero (default): dgemm + vectorised rule; 0: the per-path loop */
    const double *path_weight; /**< n_paths probabilities, or NULL: 1/n each */
    hp_mc_progress_fn progress;
    void *progress_ctx;
    const volatile int *cancel; /**< polled between blocks; nonzero stops the run */
} hp_mc_opts;

/** Defaults: threads from OpenBLAS, automatic block, batched, equal weights. */
void hp_mc_opts_default(hp_mc_opts *o);

/** Unmet quantities at or below this (units) do not count as a stock-out. */
#define HP_MC_STOCKOUT_TOL 1e-6

/** Results.  The caller allocates path_cost and path_shortage (n_paths
 *  each); the item-period arrays are optional (NULL: not computed).  All
 *  sums are weighted by the path weights (expectations when they sum to 1). */
typedef struct hp_mc_out {
    double *path_cost;     /**< n_paths */
    double *path_shortage; /**< n_paths */
    double *path_spend;    /**< n_paths: the spend part of each path's cost, or NULL */
    double *stockout;      /**< n_item*n_per: weight of paths with unmet > tol, or NULL */
    double *unmet;         /**< n_item*n_per: expected unmet, or NULL */
    double *spot;          /**< n_item*n_per: expected spot, or NULL */
    double *stock;         /**< n_item*n_per: expected ending stock, or NULL */
    double *arrivals;      /**< n_item*n_per: expected arrivals (plan only), or NULL */
    double *reserve;       /**< n_item*n_per: expected reserve drawn, or NULL */
    /* expected parts of the cost: spend (purchase, fixed, spot_cost,
     * holding, reserve_cost, minus term_credit) and penalty (shortage_cost,
     * safety_cost, term_penalty) */
    double purchase, fixed, spot_cost, holding, shortage_cost, safety_cost;
    double reserve_cost, term_credit, term_penalty;
    /* expected quantities (units), summed over items and periods; term_short
     * summed over items */
    double unmet_qty, spot_qty, overflow_qty, reserve_qty, term_short_qty;
    long done;   /**< paths evaluated (< n_paths when stopped) */
    int stopped; /**< the progress callback or cancel stopped the run */
    int threads; /**< worker threads used */
    int block;   /**< paths per block used */
    /* CPU seconds of the workers, summed (shares of the work, not wall time) */
    double t_fill, t_arrivals, t_recourse;
} hp_mc_out;

/** Evaluates n_paths paths, availability from fill.  On return the path
 *  arrays hold paths 0..out->done-1 (all of them unless stopped).
 *  HP_EINVAL on bad shapes, HP_ENOMEM, or fill's status. */
hp_status hp_mc_run(const hp_mc_problem *pb, long n_paths, hp_mc_fill_fn fill, void *fill_ctx,
                    const hp_mc_opts *opts, hp_mc_out *out);

/** One path by the plain loop (the test oracle): cost and shortage of the
 *  path with availability a (n_src); unmet (n_item*n_per) may be NULL. */
void hp_mc_eval_path(const hp_mc_problem *pb, const double *a, double *cost, double *shortage,
                     double *unmet);

/** As hp_mc_eval_path, also the path's spend (*spend; its penalty is
 *  *cost - *spend). */
void hp_mc_eval_path_spend(const hp_mc_problem *pb, const double *a, double *cost, double *spend,
                           double *shortage, double *unmet);

/** Summary of a (weighted) sample. */
typedef struct hp_mc_stat {
    double mean;
    double se; /**< standard error of the mean (equal weights), 0 with weights */
    double sd; /**< standard deviation */
    double min, max;
    double p50, p90, p95, p99; /**< lower quantiles: least v with P(X <= v) >= p */
    double cvar95;             /**< VaR95 + 1/0.05 E[max(0, X - VaR95)] (Rockafellar-Uryasev) */
} hp_mc_stat;

/** Summarises values x (n) with probabilities w (NULL: 1/n each).
 *  HP_ENOMEM; HP_EINVAL when n < 1. */
hp_status hp_mc_summarise(const double *x, const double *w, long n, hp_mc_stat *s);

/** Lower p-quantile of the weighted sample (n >= 1); x need not be sorted. */
hp_status hp_mc_quantile(const double *x, const double *w, long n, double p, double *q);

/** CVaR at level alpha (0 < alpha < 1) of values x (n >= 1) with
 *  probabilities w (NULL: 1/n each; not renormalised): the Rockafellar-Uryasev
 *  minimum over eta of eta + 1/(1-alpha) sum w max(0, x - eta).  The one CVaR
 *  of the program: plans (shortage CVaR) and hp_mc_summarise() use it.
 *  HP_ENOMEM when its sort buffer cannot be allocated; HP_EINVAL. */
hp_status hp_mc_cvar(const double *x, const double *w, long n, double alpha, double *cvar);

/** Histogram: nbins equal bins from min to max; edges (nbins+1) and prob
 *  (nbins, weight per bin) are caller-allocated. */
hp_status hp_mc_histogram(const double *x, const double *w, long n, int nbins, double *edges,
                          double *prob);

#endif
