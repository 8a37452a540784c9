/* hreeplan compare: the side-by-side report of several plans (text table,
 * long CSV, JSON), written by the report room. */
#ifndef HP_COMPARE_OUT_H
#define HP_COMPARE_OUT_H

#include <stdio.h>

#include "../plan/plan.h"
#include "report.h"

/** Order moves smaller than this (t) are left out of the "what moved"
 *  sections: below the 0.01 t that the text and HTML reports print. */
#define HP_COMPARE_MOVE_TOL 0.005

/** The plans to compare; every pointer is borrowed. */
typedef struct hp_compare {
    int n;                          /**< instances */
    const char *const *files;       /**< paths as given */
    const hp_instance *const *inst; /**< loaded instances */
    const hp_plan *const *plans;    /**< NULL where the instance has no plan */
    const int *infeasible;          /**< nonzero where the instance has no plan
                                         because it admits none ("infeasible");
                                         zero elsewhere ("no_plan" when plans[k]
                                         is NULL) */
    int timing;                     /**< include solver seconds */
    const hp_run_record *run;       /**< the run record (report.h), or NULL: none */
} hp_compare;

/** Writes the report to f (the caller's: flushed, not closed).  Values
 *  below 5e-13 in magnitude print as 0.  HP_EIO when a write fails,
 *  HP_ENOMEM, HP_EINTERNAL for NULL arguments or an unknown format. */
hp_status hp_compare_report(FILE *f, const hp_compare *c, hp_format fmt);

/** The column name of a file: its base name without ".cfg".  The caller
 *  frees it with free(); NULL when out of memory. */
char *hp_compare_short_name(const char *path);

#endif
