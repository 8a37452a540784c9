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

/** An order of a previous plan shipped before the re-plan's instance
 *  starts (offsets relative to that instance, so ship < 0). */
typedef struct hp_prev_order {
    int supplier, product;
    int ship, arrive; /**< quarter offsets; arrive from the JSON, else ship + lead time */
    double quantity;  /**< t shipped */
    int index;        /**< position in the plan's "orders" (for messages) */
} hp_prev_order;

/** A previous plan read for a re-plan (`hreeplan roll`), against the
 *  instance of the re-plan, which starts later.  Arrays owned; freed by
 *  hp_prev_plan_free(). */
typedef struct hp_prev_plan {
    int start;     /**< offset of the plan's first quarter (< 0), from its balance rows */
    int end;       /**< offset of its last quarter */
    double *x;     /**< J*P*T, [(j*P+p)*T+t]: orders shipping in the new horizon */
    int *z;        /**< J: contracts signed (as hp_plan_read()) */
    double *price; /**< J*P*T: USD/kg the plan listed with each order, NAN where none */
    int n_past, cap_past;
    hp_prev_order *past; /**< orders shipped before the new start */
    double *demand;      /**< P*T, [p*T+t]: the plan's demand in the new quarters, NAN beyond it */
    double *stock;       /**< P: its expected stock at the end of the quarter before the new
                              start, NAN when its balance does not reach it */
} hp_prev_plan;

/** Reads a plan JSON as the previous plan of a re-plan on in: the checks
 *  of hp_plan_read() on ids, quarters, arrivals and quantities, but orders
 *  before in's start are kept in past, and capacities and restrictions are
 *  not checked (the re-plan reports what no longer fits).  The instance
 *  must start after the plan's first quarter.  Returns HP_OUTCOME_OK,
 *  FAILED or INVALID (messages through lg); on OK the caller frees *out
 *  with hp_prev_plan_free(). */
hp_outcome hp_plan_read_prev(const char *path, const hp_instance *in, hp_prev_plan **out,
                             const hp_plan_opts *lg);
void hp_prev_plan_free(hp_prev_plan *pp);

#endif
