/* hreeplan formulation room: the additions of a re-plan (MODEL.md
 * "Rolling re-plan"; `hreeplan roll`) to a built model.
 *
 * Orders of the previous plan that are fixed (inside the frozen window)
 * get x[j,p,t] = x_prev as column bounds.  Every other order column gets
 * two nonnegative parts, x - dp + dm = x_prev (row chg[j,p,t]); their sum
 * in tonnes is the column CHANGE (row change_def), and the column ROLL =
 * COST + 1000 * P * CHANGE (row roll_def) is what a re-plan minimises,
 * P the change penalty in USD/kg.  COST keeps its meaning (expected cost of
 * the plan), so the plan reports read as for any plan; the change penalty
 * is reported apart.  The parts exist also when P = 0: a re-plan then
 * breaks ties among its least-cost plans by least change. */
#ifndef HP_MODEL_ROLL_H
#define HP_MODEL_ROLL_H

#include "model.h"

/** Columns and rows a re-plan added (-1 where absent). */
typedef struct hp_model_roll {
    int roll_col;   /**< ROLL = COST + 1000 P CHANGE */
    int change_col; /**< CHANGE = sum |x - x_prev|, t */
    int roll_row, change_row;
    int *dp, *dm; /**< per (j,p,t) as m->x: the parts above and below x_prev, -1 when fixed */
} hp_model_roll;

/** Adds the re-plan to m: fixed[k] (J*P*T, index as m->x) nonzero fixes
 *  order k at x_prev[k]; the others may move at penalty USD/kg (>= 0).
 *  Every k with x_prev[k] > 0 must have an order column (m->x[k] >= 0);
 *  HP_EINVAL otherwise.  On HP_OK r is filled; free it with
 *  hp_model_roll_free().  HP_ENOMEM. */
hp_status hp_model_roll_add(hp_model *m, const double *x_prev, const unsigned char *fixed,
                            double penalty, hp_model_roll *r);

/** Frees the maps of r (not the model's columns). */
void hp_model_roll_free(hp_model_roll *r);

#endif
