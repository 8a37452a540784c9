/* hreeplan model layer: helpers shared by pipeline.c and pipeline_front.c.
 * Not part of the public API. */
#ifndef HPI_PIPELINE_INT_H
#define HPI_PIPELINE_INT_H

#include "pipeline.h"

/** Formats one message and hands it to o->log (nothing when o or its hook
 *  is NULL); a message longer than the stack buffer is never cut. */
void hpi_pipeline_say(const hp_plan_opts *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/** Formats one progress line and hands it to o->step (nothing when o or
 *  its hook is NULL; a line is cut at 1023 bytes). */
void hpi_pipeline_step(const hp_plan_opts *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/** Nonzero when o's interrupt flag is raised. */
int hpi_interrupted(const hp_plan_opts *o);

/** The L-shaped options that o implies. */
void hpi_lshaped_opts(const hp_plan_opts *o, hp_lshaped_opts *lo);

/** Fixes every integer column of lp at its rounded value in x and
 *  re-solves the continuous part minimising obj_col; x takes the result
 *  when that LP is optimal (else it is left as it was). */
void hpi_polish_mip(hp_solver *s, const hp_lp *lp, int obj_col, const hp_solve_opts *so, double *x);

/** Logs why m admits no plan: the storage limits in conflict, found by
 *  diagnose.h's elastic re-solve on ops. */
void hpi_report_infeasible(const hp_model *m, const hp_backend_ops *ops, const hp_plan_opts *o);

/** A plan under o's bound (pipeline_bound.c): the bound set on s, then the
 *  three-level lexicographic solve; *last_obj receives the column of the
 *  last solve (COST). */
hp_status hpi_solve_bound(hp_solver *s, const hp_model *m, const hp_plan_opts *o,
                          const hp_solve_opts *so, hp_solve_result *r, int *last_obj);

/** After a bounded solve found no plan: logs the least attainable value
 *  (least spend for a budget, least risk for a risk cap), or diagnoses the
 *  instance when it admits no plan at all.  HP_OUTCOME_INFEASIBLE, or
 *  FAILED when the solver failed. */
hp_outcome hpi_bound_infeasible(hp_solver *s, const hp_model *m, const hp_backend_ops *ops,
                                const hp_plan_opts *o, const hp_solve_opts *so);

/** A plan under o's bound by the L-shaped method (pipeline_bound.c): the
 *  three levels of hpi_solve_bound() as decomposed solves.  Returns as
 *  hp_decompose_lex(); *out gets the plan (objective risk for a budget,
 *  cost for a risk cap). */
hp_status hpi_lshaped_bound(const hp_instance *inst, const hp_model_opts *mo, const hp_plan_opts *o,
                            const hp_lshaped_opts *lo, hp_plan **out, hp_lshaped_stats *stats);

/** After hpi_lshaped_bound() found no plan: logs the least attainable
 *  value as hpi_bound_infeasible() does (or that the instance admits no
 *  plan at all).  HP_OUTCOME_INFEASIBLE, STOPPED or FAILED. */
hp_outcome hpi_lshaped_bound_infeasible(const hp_instance *inst, const hp_model_opts *mo,
                                        const hp_plan_opts *o, const hp_lshaped_opts *lo);

/** 1 when mo asks for the tree and inst's tree binds (tree.h), else 0;
 *  -1 out of memory.  *nodes (may be NULL) gets the tree's node count. */
int hpi_tree_binds(const hp_instance *inst, const hp_model_opts *mo, int *nodes);

/** Ranges of a plan's duals (pipeline_duals.c), in hp_plan_each_dual()
 *  order: lo[k], hi[k] the right-hand-side interval of dual k. */
typedef struct hpi_ranges {
    const hp_model *m; /**< for the hook */
    const double *y;   /**< the duals the hook reads (filled before it runs) */
    int n, cap, done;
    double *lo, *hi;
} hpi_ranges;

/** Ranges every dual of y on the basis s has now (backend rhs_range). */
hp_status hpi_ranges_collect(hp_solver *s, const hp_model *m, const double *y, hpi_ranges *r);
/** Copies the ranges onto the plan's duals; HP_EINTERNAL if they differ. */
hp_status hpi_ranges_apply(const hpi_ranges *r, hp_plan *p);
void hpi_ranges_free(hpi_ranges *r);
/** Makes hp_solve_lex_ties() on s collect r right after reading r->y. */
void hpi_ranges_hook(hp_solver *s, hpi_ranges *r);

/** The duals of a MIP plan x: integer columns fixed at their rounded
 *  values, COST minimised as an LP (a cost plan's tie-break bound on COST
 *  released).  *got is 1 when y holds them (the LP was optimal). */
hp_status hpi_fixed_mip_duals(hp_solver *s, const hp_model *m, const hp_plan_opts *o,
                              const hp_solve_opts *so, const double *x, double *y, int *got);

/** When pl minimises exposure (no bound): solves the expected-cost plan
 *  on s and stores its shortage, exposure and unmet t in pl (has_ref);
 *  leaves pl alone when that solve finds no plan.  HP_ENOMEM or a solver
 *  error otherwise HP_OK (pipeline_exposure.c). */
hp_status hpi_exposure_reference(hp_solver *s, const hp_model *m, const hp_solve_opts *so,
                                 hp_plan *pl);

#endif
