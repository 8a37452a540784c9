/* hreeplan model layer: Monte-Carlo stress test of a fixed plan
 * (../shared/MODEL.md "Sampled scenarios and simulation").
 *
 * The first-stage plan (x per supplier, product and ship quarter, and the
 * contracts z) is fixed and evaluated on many availability paths:
 *   - HP_PATHS_SAMPLE: paths 0..N-1 of the instance's disruption process
 *     (models/instance/sample.h), equally likely;
 *   - HP_PATHS_SCENARIOS: the instance's own scenarios, each path weighted
 *     by its probability (with recourse lp this reproduces the plan's
 *     expected cost: a consistency test);
 *   - HP_PATHS_MIXED: sampled paths with one of the instance's scenarios
 *     drawn per path by its probability (hp_sample_uniform stream 1) and
 *     its events multiplied in ("applied on top").
 * Recourse per path:
 *   - HP_RECOURSE_RULE: the greedy rule of MODEL.md, batched with OpenBLAS
 *     (solver/montecarlo.h); storage overflow is written off at no cost and
 *     reported;
 *   - HP_RECOURSE_LP: the recourse LP of constraints 1, 7, 8 for that path
 *     alone (spot, unmet, inventory, safety shortfall), solved by the
 *     backend with x fixed, warm-started from path to path.  So that every
 *     path is feasible it also has a write-off column per product and
 *     quarter, priced at h * T + 1 USD/t: dearer than any holding it saves,
 *     so it is used only when the storage limit forces it; that price is not
 *     counted in the path's cost (the write-off itself, as in the rule, is).
 *     Each path's whole future is known to it: a perfect-information bound;
 *   - HP_RECOURSE_ROLLING: the non-anticipative policy of simulate_roll.h:
 *     in each quarter a re-plan of the remaining quarters over sampled
 *     continuations of the path (or the instance's scenarios that agree
 *     with it), of which only the quarter's recourse is carried out.
 *     Sampled and scenario paths (not mixed).
 * The rule and the lp recourse model the second edition's terminal stock
 * (shortfall below the target at the end, credit on what is left) and
 * strategic reserve (releases where the reserve's region's smallest
 * ship-quarter availability on the path is below `below`); the rule by the
 * greedy rule of solver/montecarlo.h (the reserve before spot when it is
 * cheaper, after it otherwise; the terminal target is scored, not bought
 * for).
 * Path spend = purchases paid on what arrives (sum 1000 c a x with the
 * path's a) + contracts + take-or-pay fees + spot + holding + reserve
 * purchases - terminal credit; path penalty = shortage, safety-stock and
 * terminal penalties; path cost = spend + penalty; path shortage = sum
 * criticality * unmet (t). */
#ifndef HP_SIMULATE_H
#define HP_SIMULATE_H

#include <stdio.h>

#include "../../solver/backend.h"
#include "../../solver/montecarlo.h"
#include "../plan/plan.h"

typedef enum hp_sim_paths { HP_PATHS_SAMPLE = 0, HP_PATHS_SCENARIOS, HP_PATHS_MIXED } hp_sim_paths;
typedef enum hp_recourse { HP_RECOURSE_RULE = 0, HP_RECOURSE_LP, HP_RECOURSE_ROLLING } hp_recourse;

/** Most continuations a rolling re-plan may draw. */
#define HP_ROLLING_MAX 10000

/** "sample" | "scenarios" | "mixed" and "rule" | "lp" | "rolling"; parse
 *  gives -1 when unknown. */
const char *hp_sim_paths_str(hp_sim_paths p);
int hp_sim_paths_parse(const char *s);
const char *hp_recourse_str(hp_recourse r);
int hp_recourse_parse(const char *s);
/** What the recourse stands for in reports: "greedy rule (fast screen)",
 *  "perfect-information bound" (lp: each path's whole future known),
 *  "rolling re-plan (non-anticipative)". */
const char *hp_recourse_label(hp_recourse r);

typedef struct hp_sim_opts {
    long samples;       /**< paths (sample and mixed); default 10000 */
    unsigned long seed; /**< seed of the sampled paths; default 1 */
    hp_sim_paths paths;
    hp_recourse recourse;
    int threads;           /**< rule: worker threads, <= 0 OpenBLAS's count */
    int batched;           /**< rule: 1 dgemm + vectorised rule (default), 0 per-path loop */
    int bins;              /**< histogram bins, default 20 */
    int keep_paths;        /**< keep per-path cost and shortage in the result */
    int rolling_scenarios; /**< rolling, sampled paths: continuations per re-plan (default 20) */
    const hp_backend_ops *backend; /**< lp: NULL = GLPK */
    hp_mc_progress_fn progress;    /**< see solver/montecarlo.h */
    void *progress_ctx;
    const volatile int *cancel;
} hp_sim_opts;

void hp_sim_opts_default(hp_sim_opts *o);

/** A simulation's summary.  Money in USD, quantities in t; expectations
 *  over the paths (weighted by probability for scenario paths). */
typedef struct hp_sim_result {
    const hp_instance *inst; /**< not owned */
    long n_paths;
    unsigned long seed;
    hp_sim_paths paths;
    hp_recourse recourse;
    int rolling_scenarios; /**< rolling: continuations per re-plan (sampled paths) */
    int weighted;          /**< paths carry probabilities (scenarios): se = 0 */
    hp_mc_stat cost;       /**< per-path cost (spend + penalty) */
    hp_mc_stat spend;      /**< per-path spend (cash) */
    hp_mc_stat pen;        /**< per-path penalty (notional): mean, se, sd, min, max only (no
                                quantiles: they would cost a sort per run) */
    hp_mc_stat shortage;   /**< per-path criticality-weighted shortage */
    double prob_short;     /**< P(shortage > HP_MC_STOCKOUT_TOL) */
    double prob_short_se;  /**< its standard error (sampled paths) */
    /* expected cost parts: spend = purchase + contract + take_or_pay + spot +
     * holding + reserve - term_credit; penalty (the unmet-demand part) +
     * safety + term_penalty = the expected penalty */
    double purchase, contract, spot, holding, penalty, safety;
    double take_or_pay, reserve, term_credit, term_penalty;
    double exp_spend, exp_penalty;            /**< the two sums above */
    double unmet_qty, spot_qty, overflow_qty; /**< expected t, summed over products and quarters */
    double reserve_qty;                       /**< expected reserve released (t), summed */
    double term_short_qty; /**< expected shortfall below the terminal targets (t), summed */
    int P, T;
    double *stockout; /**< P*T [p*T+t]: probability of unmet > tolerance */
    double *unmet;    /**< P*T: expected unmet (t) */
    double *arrivals; /**< P*T: expected arrivals of the plan (t) */
    double *released; /**< P*T: expected reserve released (t), or NULL: not reported */
    int n_bins;
    double *cost_edges, *cost_hist;    /**< n_bins+1 edges (USD), n_bins probabilities */
    double *spend_edges, *spend_hist;  /**< the same for the spend (NULL: not reported) */
    double *short_edges, *short_hist;  /**< the same for the shortage */
    double *path_cost, *path_shortage; /**< n_paths each when keep_paths, else NULL */
    double *path_spend;                /**< n_paths when keep_paths, else NULL */
    double *path_weight;               /**< n_paths for weighted paths, else NULL */
    int threads, block;
    double seconds;                          /**< wall time of the run */
    double t_sample, t_arrivals, t_recourse; /**< summed over workers */
    int stopped; /**< cancelled: the result is partial and not summarised */
} hp_sim_result;

/** Simulates the plan x ((j * P + p) * T + t, t the ship quarter; entries
 *  with t + L[j] >= T must be 0) with contracts z (per supplier, 1 signed;
 *  NULL: none signed).  On success *out holds the summary; if the run was
 *  cancelled (*out)->stopped is set and the statistics are not filled.  The
 *  caller frees with hp_sim_result_free().  HP_EINVAL for bad options
 *  (an instance without a disruption process gives sampled paths with
 *  every a = 1); HP_ESOLVER when an lp recourse solve fails. */
hp_status hp_simulate(const hp_instance *in, const double *x, const int *z, const hp_sim_opts *o,
                      hp_sim_result **out);
/** Frees r and every array it owns; NULL is fine. */
void hp_sim_result_free(hp_sim_result *r);

/** The plan's first stage as arrays for hp_simulate: *x (J*P*T) from the
 *  plan's orders and *z (J) from its contracts.  The caller frees both with
 *  free(); on failure (HP_ENOMEM) both are NULL. */
hp_status hp_sim_plan_arrays(const hp_plan *p, double **x, int **z);

/** Paired difference b minus a of two simulations on the same paths (same
 *  kind, seed and number of paths, both run with keep_paths): the mean and
 *  its standard error (0 for weighted paths) of the per-path cost (what = 0),
 *  shortage (what = 1) or spend (what = 2).  Returns 1 with *mean and *se set, or 0 when the
 *  results do not share kept paths. */
int hp_sim_paired(const hp_sim_result *a, const hp_sim_result *b, int what, double *mean,
                  double *se);

#endif
