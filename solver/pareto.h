/* hreeplan solver layer: the epsilon-constraint sweep of a two-objective
 * model (a cost column and a risk column), as MODEL.md "Plans" describes it.
 *
 * Knows nothing of rare earths: the model only has to define two columns,
 * `cost` and `risk`, that the sweep minimises and bounds.  The sweep runs on
 * an open hp_solver and reuses it for every point: only the objective and
 * the bound on the risk column change between solves, so the backend
 * warm-starts each LP from the basis of the previous one.
 *
 * Points, in the order reported (index 0..N-1):
 *   0      the cost-minimal end: minimise cost, then (lexicographically)
 *          risk among the cost-minimal plans, so that a tie in cost never
 *          leaves a dominated plan at the end of the front; its risk is r_max;
 *   N-1    the risk-minimal end: minimise risk (r_min), then cost among the
 *          plans within the lexicographic tolerance of r_min;
 *   1..N-2 eps_k = r_max - k (r_max - r_min) / (N - 1): minimise cost with
 *          risk <= eps_k.
 * Solve order: the least risk r_min first (minimise risk, from a cold
 * start); then point 0 (lexicographic, from that basis); then points 1..N-1
 * in index order, eps falling, each a bound change away from the previous
 * point, so the dual simplex warm-starts cheaply; the risk-minimal end comes
 * last as "minimise cost with risk <= r_min + max(risk_end_tol |r_min|,
 * lex_abs_tol)" (the second stage of hp_solve_lex, reached from its
 * neighbour N-2 instead of from the least-risk vertex: on the baseline with
 * 200 sampled scenarios and GLPK's dual simplex the 21-point front took
 * 4.5 s this way and 16.5 s with the ends solved first).
 *
 * Marks:
 *   duplicate  the point's (cost, risk) equal those of a point before it in
 *              the order 0, N-1, 1, 2, ..., N-2 (the ends first, so an end is
 *              never the duplicate), within the relative tolerance (see
 *              hp_pareto_opts.dup_tol): the same plan found again; it is
 *              skipped by the marks below (never dominated, never on the
 *              front, never the knee).  Marks are set when the sweep ends.
 *   dominated  another point is no worse in both cost and risk and strictly
 *              better in one (beyond the tolerance): weakly dominated.
 *              Never part of the front.
 *   knee       among the front points (solved, not duplicate, not
 *              dominated), the one farthest from the straight line through
 *              the two ends in normalised space ((cost - c_min) / (c_max -
 *              c_min), (risk - r_min) / (r_max - r_min)).  None (-1) when no
 *              point lies off that line by more than 1e-9 (a straight or a
 *              one-plan front). */
#ifndef HP_PARETO_H
#define HP_PARETO_H

#include "backend.h"

/** One point of the front. */
typedef struct hp_pareto_point {
    int index;              /**< 0..N-1, cost-minimal end first */
    double eps;             /**< the risk bound of this point (ends: r_max, r_min) */
    int solved;             /**< a solve was attempted (0 after an interrupt) */
    hp_solve_result result; /**< the solve that produced the plan (the second
                                 solve of a lexicographic end) */
    double cost, risk;      /**< values of the cost and risk columns (when
                                 result.has_solution) */
    int duplicate;          /**< index of the earlier-solved point it repeats, or -1 */
    int dominated;          /**< nonzero: weakly dominated by another point */
    int on_front;           /**< nonzero: solved, not duplicate, not dominated */
    int knee;               /**< nonzero: the knee of the front */
    double knee_distance;   /**< distance from the ends' line, normalised space */
} hp_pareto_point;

/** Called once per point that has a solution, right after its solve (the
 *  marks are set later, when the sweep ends).  x: primal values (hp_lp_ncols of the solver's
 *  model); y: row duals (hp_lp_nrows) for LP solves, NULL for MIPs.  Both
 *  arrays are owned by the sweep and valid only during the call.
 *
 *  The callback may refine pt->cost and pt->risk, and should when a column
 *  is only a bound on what it measures: a risk column defined by an
 *  epigraph (CVaR's eta + sum xi) is left anywhere between the plan's true
 *  risk and eps by a cost-minimising solve; the marks, the knee and the eps
 *  of later points use the values as the callback leaves them.  A status
 *  other than HP_OK stops the sweep and is returned by hp_pareto_sweep(). */
typedef hp_status (*hp_pareto_point_fn)(void *ctx, hp_pareto_point *pt, const double *x,
                                        const double *y);

/** Called after every point (solved or failed): done points of total so
 *  far, and the point just finished (its marks are not set yet). */
typedef void (*hp_pareto_progress_fn)(void *ctx, int done, int total, const hp_pareto_point *pt);

typedef struct hp_pareto_opts {
    int points;                        /**< N >= 2, ends included (default 11) */
    double dup_tol;                    /**< relative tolerance of "the same point" (default 1e-6),
                                            see hp_pareto_same() */
    double cost_end_tol;               /**< relative tolerance on cost when the cost-minimal end
                                            minimises risk among cost-minimal plans (default 1e-9) */
    double risk_end_tol;               /**< relative tolerance on risk when the risk-minimal end
                                            minimises cost (default 1e-6, MODEL.md) */
    double lex_abs_tol;                /**< absolute floor of both (default 1e-9) */
    hp_solve_opts solve;               /**< per solve */
    const volatile int *interrupt;     /**< polled before each solve; nonzero stops
                                            the sweep cleanly (NULL: never) */
    hp_pareto_point_fn on_point;       /**< may be NULL */
    hp_pareto_progress_fn on_progress; /**< may be NULL */
    void *ctx;                         /**< passed to both callbacks */
} hp_pareto_opts;

/** Defaults: 11 points, tolerances dup 1e-6, cost end 1e-9, risk end 1e-6,
 *  absolute 1e-9, hp_solve_opts_default,
 *  no interrupt flag, no callbacks. */
void hp_pareto_opts_default(hp_pareto_opts *o);

/** A front.  The caller frees it with hp_pareto_free(). */
typedef struct hp_pareto {
    int n;                /**< points requested */
    hp_pareto_point *pts; /**< n points, index order */
    int n_solved;         /**< points solved (n unless interrupted) */
    int interrupted;      /**< the interrupt flag stopped the sweep */
    int knee;             /**< index of the knee, or -1 */
    int n_front;          /**< points on the front */
    double c_min, c_max;  /**< cost at the cost-minimal / risk-minimal end */
    double r_min, r_max;  /**< risk at the risk-minimal / cost-minimal end */
    double seconds;       /**< wall time of the sweep */
    long iterations;      /**< simplex iterations over all solves */
} hp_pareto;

/** Runs the sweep on s (a model loaded with hp_solver_open()).  The
 *  objective and the bounds of both columns are restored on return.
 *
 *  Returns HP_OK with *out set when both ends were solved (interior points
 *  that fail keep result.status and has_solution = 0; an interrupt sets
 *  interrupted and leaves later points unsolved).  When an end has no
 *  solution: HP_EINFEASIBLE (the model admits no plan) or HP_ESOLVER, with
 *  *out still set so the caller can read the end's result.status.  Other
 *  codes: HP_ENOMEM, HP_EINVAL (bad columns or points < 2), or whatever the
 *  backend or the point callback returned; then *out is NULL. */
hp_status hp_pareto_sweep(hp_solver *s, int cost_col, int risk_col, const hp_pareto_opts *o,
                          hp_pareto **out);

void hp_pareto_free(hp_pareto *p);

/** The marks: duplicate (of an earlier entry of `order`, the judging order),
 *  dominated, on_front, knee and knee_distance of p->pts from their cost and
 *  risk, and p->knee, n_front, c_min, c_max, r_min, r_max.  Points without a
 *  solution are skipped.  Public so that tests can mark a hand-made front;
 *  order may be NULL (index order). */
void hp_pareto_mark(hp_pareto *p, const int *order, double tol);

/** Whether two values are the same within relative tolerance tol:
 *  |a - b| <= tol * max(|a|, |b|, scale), scale >= 0 being the size of the
 *  front in that objective (so that values near 0 compare sensibly). */
int hp_pareto_same(double a, double b, double scale, double tol);

#endif
