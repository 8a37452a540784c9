/* hreeplan model layer: reading a plan written by `plan --format json`
 * back (simulate --plan). */
#ifndef HP_PLAN_READ_H
#define HP_PLAN_READ_H

#include "../instance/instance.h"
#include "pipeline.h"

/** Reads the plan's first stage: *x (J*P*T, [(j*P+p)*T+t], t the ship
 *  quarter) from "orders" (supplier, product, ship, quantity; "arrive",
 *  when present, must match the instance's lead time) and *z (J) from
 *  "contracts" ([{supplier, signed}]); without "contracts" a supplier with
 *  a contract choice counts as signed when it ships anything.  Every id is
 *  checked against the instance; problems go to lg's log hook (lg may be
 *  NULL; only its log and log_ctx are used) as
 *  `PLAN: orders[3].supplier: unknown supplier, got "x"`.  Returns
 *  HP_OUTCOME_OK, HP_OUTCOME_FAILED (unreadable file, out of memory) or
 *  HP_OUTCOME_INVALID (bad content).  On HP_OUTCOME_OK the caller frees *x
 *  and *z with free(); otherwise both are NULL. */
hp_outcome hp_plan_read(const char *path, const hp_instance *in, double **x, int **z,
                        const hp_plan_opts *lg);

/** hp_plan_read on the len bytes at data (not NUL-ended) instead of a
 *  file; path only names the plan in messages.  The fuzz target
 *  fuzz/fuzz_plan_read.c reads through it. */
hp_outcome hp_plan_read_buffer(const char *data, size_t len, const char *path,
                               const hp_instance *in, double **x, int **z, const hp_plan_opts *lg);

#endif
