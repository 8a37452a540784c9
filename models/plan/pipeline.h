/* hreeplan model layer: the one pipeline from a loaded instance to a plan or
 * a cost-risk front, shared by every caller (the command line, the tests,
 * embedding programs).
 *
 * hp_plan_solve() checks the model's memory, picks the method (extensive
 * form on a backend, or the L-shaped method of decompose.h), solves with
 * the tie-breaks of MODEL.md "Plans", polishes MIP plans and diagnoses an
 * infeasible instance; hp_front_solve() does the same for the Pareto front.
 *
 * The library never prints: every message a user must see (with the words
 * the command line has always shown) goes through the log hook of
 * hp_plan_opts, one line per call, without the newline.  What happened is
 * the returned hp_outcome, which a caller maps to its own codes (the CLI's
 * exit codes in ../shared/CLI.md). */
#ifndef HP_PIPELINE_H
#define HP_PIPELINE_H

#include "../../include/hreeplan.h"
#include "../../solver/pareto.h"
#include "../formulation/model.h"
#include "decompose.h"
#include "plan.h"

/* hp_outcome, what a pipeline call came to (separate from any solver
 * status), is the public API's: include/hreeplan.h. */

/** A log hook: one message (no trailing newline) a user must see. */
typedef void (*hp_plan_log_fn)(void *ctx, const char *msg);

/** Per-point progress of the extensive front (solver/pareto.h). */
typedef void (*hp_front_progress_fn)(void *ctx, int done, int total, const hp_pareto_point *pt);

/** What a front trades against risk (MODEL.md "Spend and penalty"). */
typedef enum hp_front_axis {
    HP_AXIS_SPEND = 0, /**< expected spend (default) */
    HP_AXIS_COST       /**< expected cost = spend + penalty (the first edition's front) */
} hp_front_axis;

/** Options of the pipeline.  Fill with hp_plan_opts_default() first. */
typedef struct hp_plan_opts {
    hp_objective objective;        /**< cost- or risk-minimal plan (default cost) */
    hp_bound_kind bound_kind;      /**< a budget or risk cap instead of objective (default none) */
    double bound;                  /**< its value: USD of expected spend, or risk */
    hp_front_axis axis;            /**< the front's other axis (default spend) */
    int measure;                   /**< hp_measure, or -1: the instance's (default) */
    double alpha;                  /**< CVaR level, or <= 0: the instance's (default) */
    int sample_scenarios;          /**< > 0: replace the scenarios by this many paths */
    unsigned long seed;            /**< seed of the sampled paths (default 1) */
    const char *backend;           /**< "glpk" (default; NULL means the same) or "cbc" */
    double time_limit;             /**< seconds per solve, <= 0: none */
    double mip_gap;                /**< relative MIP gap (default 0) */
    hp_method method;              /**< extensive, lshaped or auto (default) */
    hp_information information;    /**< tree (default) or two-stage recourse */
    int foresight;                 /**< plan: also solve two-stage, report the value of foresight */
    double tolerance;              /**< L-shaped relative gap (default 1e-6) */
    int cut_groups;                /**< L-shaped cut groups (default 100) */
    int threads;                   /**< L-shaped recourse threads, 0 = all cores */
    double max_memory_mb;          /**< refuse larger models (default 4096) */
    int points;                    /**< points of a front, ends included (default 11) */
    const volatile int *interrupt; /**< polled during solves; nonzero stops (NULL: never) */
    hp_plan_log_fn log;            /**< messages (NULL: dropped) */
    void *log_ctx;                 /**< passed to log */
    int ranges;                    /**< plan: each dual's right-hand-side range (GLPK) */
    int value_of_information;      /**< plan: WS, EEV, RP, EVPI, VSS (pipeline_voi.c) */
    double near_slack;             /**< plan: --near-optimal SLACK (< 0: off, default) */
    const char *near_region;       /**< plan: --minimise-share REGION */
    hp_front_progress_fn progress; /**< extensive front: called after every point (may be NULL) */
    void *progress_ctx;            /**< passed to progress */
    /** progress of a plan's long work, one line per call without newline:
     *  each L-shaped iteration ("L-shaped iteration 12: lower ..., upper
     *  ..., gap ...") and each solve of --value-of-information ("value of
     *  information: solve 3 of 11, wait-and-see scenario 2 of 8"); NULL:
     *  none (default).  The caller decides whether to show them. */
    hp_plan_log_fn step;
    void *step_ctx; /**< passed to step */
} hp_plan_opts;

/** The defaults listed with each field. */
void hp_plan_opts_default(hp_plan_opts *o);

/** Applies measure, alpha, information and sample_scenarios of o to a loaded instance
 *  (the sampled paths replace its scenarios; inst keeps ownership of
 *  them) and fills mo.  Returns HP_OUTCOME_OK, INVALID (no disruption
 *  process to sample, or the sampled model would exceed o->max_memory_mb:
 *  checked before any path is drawn) or FAILED, after logging why. */
hp_outcome hp_plan_prepare(hp_instance *inst, const hp_plan_opts *o, hp_model_opts *mo);

/** Estimated memory of building and solving a model of this size, in MB
 *  (model triplets and names plus the backend's copy). */
double hp_plan_model_mb(double rows, double cols, double nnz);

/** Refuses (message logged, HP_OUTCOME_INVALID) a model whose estimated
 *  memory exceeds o->max_memory_mb, from the instance's dimensions before
 *  anything is built. */
hp_outcome hp_plan_check_memory(const hp_instance *inst, const hp_plan_opts *o);

/** Solves the plan o->objective asks for (MODEL.md "Plans"): cost-minimal
 *  plans break ties by least risk at exactly the least cost; risk-minimal
 *  plans take the cheapest within max(1e-6 |r*|, 1e-9) of the least risk
 *  r*.  Method o->method (auto: hp_method_resolve()); under
 *  mo->information tree with a tree that binds (hp_tree_binds()), auto
 *  takes the extensive form and lshaped is refused (HP_OUTCOME_INVALID:
 *  the decomposition is two-stage).  With o->foresight the two-stage plan
 *  is solved too and its expected cost kept in the plan (value of
 *  foresight).  MIP plans are
 *  polished (integer columns fixed at their rounded values, the continuous
 *  part re-solved).  On HP_OUTCOME_OK *out holds the plan, which the caller
 *  frees with hp_plan_free(); *out is NULL otherwise.  inst and mo are not
 *  kept.  Infeasible instances are diagnosed (diagnose.h) in the log. */
hp_outcome hp_plan_solve(const hp_instance *inst, const hp_model_opts *mo, const hp_plan_opts *o,
                         hp_plan **out);

/** --value-of-information (pipeline_voi.c): fills plan's ws, eev, rp,
 *  evpi, vss (has_stochastic_value) on the expected-cost objective, each
 *  from extensive-form solves of inst (the scenarios the plan was solved
 *  on: a sample stays the same sample).  HP_OUTCOME_OK, or the outcome of
 *  the solve that failed (logged). */
hp_outcome hp_plan_value_of_information(const hp_instance *inst, const hp_model_opts *mo,
                                        const hp_plan_opts *o, hp_plan *plan);

/** --near-optimal (pipeline_near.c): the plan o asks for (the reference:
 *  under o's bound, else the expected-cost plan) and, among the plans whose
 *  expected spend is within o->near_slack (relative) of the reference's,
 *  with risk no above the reference's bound (or its own risk when no
 *  bound is given), the one with the least share of region
 *  o->near_region.  On HP_OUTCOME_OK *out is that plan, with has_near set
 *  and the reference as near_before.  An unknown region is
 *  HP_OUTCOME_INVALID with "did you mean". */
hp_outcome hp_plan_near_optimal(const hp_instance *inst, const hp_model_opts *mo,
                                const hp_plan_opts *o, hp_plan **out);

/** A solved front with the plan of every point. */
typedef struct hp_front_result {
    hp_pareto *front;    /**< the points (solver/pareto.h) */
    hp_plan **plans;     /**< front->n plans, NULL where a point has no solution */
    hp_measure measure;  /**< the measure of the front's risk axis */
    hp_front_axis axis;  /**< spend: each point's cost is its expected spend; cost: expected cost */
    hp_plan *cost_plan;  /**< the expected-cost plan (least cost, ties least risk), to be
                              marked on a spend front; NULL on a cost front (its point 0) */
    double alpha;        /**< its CVaR level */
    const char *backend; /**< static strings */
    const char *backend_version;
    int rows, cols; /**< size of the extensive model */
    size_t nnz;
} hp_front_result;

/** The spend-risk front (o->axis HP_AXIS_SPEND, the default: minimise
 *  spend with risk <= eps, MODEL.md "Spend and penalty"; the expected-cost
 *  plan solved too, into cost_plan) or the cost-risk front (HP_AXIS_COST)
 *  of o->points points (MODEL.md "Plans"): the
 *  epsilon-constraint sweep on the extensive form (solver/pareto.h,
 *  o->progress called after every point), or with o->method
 *  HP_METHOD_LSHAPED every point decomposed (decompose.h; `auto` keeps the
 *  extensive sweep, whose warm starts make each further point cheap).  On
 *  HP_OUTCOME_OK *out is filled; the caller frees it with
 *  hp_front_result_free().  On any other outcome *out is empty. */
hp_outcome hp_front_solve(const hp_instance *inst, const hp_model_opts *mo, const hp_plan_opts *o,
                          hp_front_result *out);

/** Frees the front and plans of r and zeroes it; r may be NULL. */
void hp_front_result_free(hp_front_result *r);

/** Writes m in LP or MPS format to path through the GLPK backend, with the
 *  COST column (obj HP_OBJ_COST) or the RISK column as the objective.
 *  Returns HP_OK; HP_ESOLVER when the backend refused the model or the
 *  objective (logged through o, which may be NULL); else the status of the
 *  failed write (HP_EIO with errno set, HP_ENOMEM), not logged: the
 *  caller names its file. */
hp_status hp_plan_write_model(const hp_model *m, hp_objective obj, const char *path,
                              hp_write_fmt fmt, const hp_plan_opts *o);

#endif
