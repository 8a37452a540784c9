/* hreeplan model layer: helpers shared by pipeline.c and pipeline_front.c.
 * Not part of the public API. */
#ifndef HPI_PIPELINE_INT_H
#define HPI_PIPELINE_INT_H

#include "pipeline.h"

/** Formats one message and hands it to o->log (nothing when o or its hook
 *  is NULL); a message longer than the stack buffer is never cut. */
void hpi_pipeline_say(const hp_plan_opts *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/** Nonzero when o's interrupt flag is raised. */
int hpi_interrupted(const hp_plan_opts *o);

/** The L-shaped options that o implies. */
void hpi_lshaped_opts(const hp_plan_opts *o, hp_lshaped_opts *lo);

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

/** 1 when mo asks for the tree and inst's tree binds (tree.h), else 0;
 *  -1 out of memory.  *nodes (may be NULL) gets the tree's node count. */
int hpi_tree_binds(const hp_instance *inst, const hp_model_opts *mo, int *nodes);

#endif
