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

#endif
