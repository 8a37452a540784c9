/* hreeplan compare: the side-by-side report of several plans (text table,
 * long CSV, JSON).  Internal to cli/. */
#ifndef HP_COMPARE_OUT_H
#define HP_COMPARE_OUT_H

#include <stdio.h>

#include "../models/plan/plan.h"
#include "../models/report/report.h"

typedef struct hp_compare {
    int n;                          /**< instances */
    const char *const *files;       /**< paths as given */
    const hp_instance *const *inst; /**< loaded instances */
    const hp_plan *const *plans;    /**< NULL where the instance has no plan */
    const int *codes;               /**< exit code of each plan (0: planned) */
    int timing;                     /**< include solver seconds */
} hp_compare;

/** Writes the report; HP_EIO when a write fails, HP_ENOMEM. */
hp_status hp_compare_report(FILE *f, const hp_compare *c, hp_format fmt);

/** The column name of a file: its base name without ".cfg" (caller frees). */
char *hp_compare_short_name(const char *path);

#endif
