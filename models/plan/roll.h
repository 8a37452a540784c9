/* hreeplan model layer: the quarterly re-plan (MODEL.md "Rolling re-plan",
 * `hreeplan roll FILE --previous PLAN.json`).
 *
 * The instance of a re-plan starts after the previous plan (normally one
 * quarter later).  From the previous plan:
 * - orders shipped before the new start are in transit when they arrive in
 *   the new horizon: they add to the instance's `in_transit` (in full,
 *   times the factors of the actual events that hit their supplier in their
 *   ship quarter; an actual `in_transit` entry replaces that figure);
 * - orders shipping in the first `freeze` quarters of the new horizon are
 *   fixed (frozen: nothing added, nothing removed);
 * - every later order may change at `change_penalty` USD/kg on |x - x_prev|
 *   (models/formulation/model_roll.h); among least-cost plans the one that
 *   changes least is taken.
 * Actual stock replaces the instance's initial inventory; actual events
 * multiply every scenario's availability in the quarters they cover.
 *
 * The result lists every order that changed with the reasons it can tell:
 * the demand, a price, the capacity of that order, the actuals (stock,
 * transit, events) or the longer horizon. */
#ifndef HP_ROLL_H
#define HP_ROLL_H

#include "../instance/actuals.h"
#include "pipeline.h"

/** Why an order changed (bits of hp_roll_change.reasons). */
enum {
    HP_WHY_DEMAND = 1 << 0,   /**< the product's demand differs from the previous plan's */
    HP_WHY_PRICE = 1 << 1,    /**< a price of the product differs from one the plan paid */
    HP_WHY_CAPACITY = 1 << 2, /**< the new capacity is below the previous order */
    HP_WHY_ACTUALS = 1 << 3,  /**< actual stock, transit or events differ from the plan's */
    HP_WHY_HORIZON = 1 << 4,  /**< none of those: the horizon now ends later */
    HP_WHY_OTHER = 1 << 5     /**< none of those: other data (restrictions, scenarios...) */
};

/** Words of the reason bits, "demand, price" (buf >= 64 bytes). */
void hp_roll_reasons_str(unsigned reasons, char *buf, size_t len);

/** What a re-plan is asked to do. */
typedef struct hp_roll_opts {
    const char *previous;      /**< the previous plan, JSON of `plan --format json` */
    const hp_actuals *actuals; /**< NULL: no actuals */
    int freeze;                /**< frozen quarters from the new start (default 1) */
    double change_penalty;     /**< USD/kg on |x - x_prev| (default 0) */
} hp_roll_opts;

/** One order of the previous plan and the re-plan (quarter offsets of the
 *  new instance). */
typedef struct hp_roll_change {
    int supplier, product, ship;
    double before, after; /**< t shipped */
    unsigned reasons;     /**< HP_WHY_* bits (0 for a fixed order) */
} hp_roll_change;

/** One shipment in transit at the new start. */
typedef struct hp_roll_transit {
    int supplier, product, arrive;
    double planned; /**< what the previous plan shipped (0 when it did not) */
    double actual;  /**< what the re-plan counts on */
} hp_roll_transit;

typedef struct hp_roll {
    hp_plan *plan;            /**< the re-plan (owned) */
    const hp_instance *inst;  /**< not owned */
    int prev_start, prev_end; /**< quarters of the previous plan (offsets, prev_start < 0) */
    int freeze;
    double change_penalty;
    double change_t;    /**< sum |x - x_prev| over the orders that may change, t */
    double change_cost; /**< 1000 * change_penalty * change_t, USD (not in the plan's cost) */
    int n_fixed;
    hp_roll_change *fixed; /**< frozen orders of the previous plan (nonzero) */
    int n_changes;
    hp_roll_change *changes; /**< orders that changed by more than HP_ORDER_TOL */
    int n_transit;
    hp_roll_transit *transit;
    double *stock_planned; /**< per product: the previous plan's expected stock, NAN unknown */
    double *stock_actual;  /**< per product: the stock the re-plan starts from */
} hp_roll;

/** Defaults: freeze 1, penalty 0, no actuals. */
void hp_roll_opts_default(hp_roll_opts *r);

/** The re-plan of inst (already prepared by hp_plan_prepare(); its
 *  in-transit, initial inventory and availability are updated in place as
 *  described above).  o gives the backend, limits and log; the plan is
 *  always the expected-cost plan on the extensive form.  Returns
 *  HP_OUTCOME_OK with *out (freed by hp_roll_free()), INVALID (bad
 *  previous plan), INFEASIBLE (fixed orders beyond capacity, or no plan
 *  with them), STOPPED, INTERRUPTED or FAILED, after logging why. */
hp_outcome hp_roll_solve(hp_instance *inst, const hp_model_opts *mo, const hp_plan_opts *o,
                         const hp_roll_opts *ro, hp_roll **out);

void hp_roll_free(hp_roll *r);

#endif
