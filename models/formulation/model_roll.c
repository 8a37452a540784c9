/* The additions of a re-plan to a built model (model_roll.h). */
#include "model_roll.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "model_int.h"

void hp_model_roll_free(hp_model_roll *r)
{
    if (!r)
        return;
    free(r->dp);
    free(r->dm);
    r->dp = r->dm = NULL;
}

static hp_status col(hp_lp *lp, const char *name, double lb, double ub, int *out)
{
    *out = hp_lp_add_col(lp, name, lb, ub, 0.0, 0);
    return *out < 0 ? HP_ENOMEM : HP_OK;
}

static hp_status row(hp_lp *lp, const char *name, double lb, double ub, int *out)
{
    *out = hp_lp_add_row(lp, name, lb, ub);
    return *out < 0 ? HP_ENOMEM : HP_OK;
}

hp_status hp_model_roll_add(hp_model *m, const double *x_prev, const unsigned char *fixed,
                            double penalty, hp_model_roll *r)
{
    hp_status st = HP_OK;
    const hp_instance *in = m->inst;
    size_t n = (size_t)in->n_suppliers * (size_t)in->n_products * (size_t)in->T;
    hp_lp *lp = m->lp;
    char name[HP_ID_MAX * 2 + 48];

    r->roll_col = r->change_col = r->roll_row = r->change_row = -1;
    r->dp = hpi_index_map(n);
    r->dm = hpi_index_map(n);
    if (!r->dp || !r->dm || !isfinite(penalty) || penalty < 0.0) {
        st = r->dp && r->dm ? HP_EINVAL : HP_ENOMEM;
        goto cleanup;
    }
    for (size_t k = 0; k < n; k++)
        if (x_prev[k] > 0.0 && m->x[k] < 0) {
            st = HP_EINVAL;
            goto cleanup;
        }
    HP_CALL(col(lp, "CHANGE", 0.0, HUGE_VAL, &r->change_col));
    HP_CALL(col(lp, "ROLL", -HUGE_VAL, HUGE_VAL, &r->roll_col));
    /* change_def: CHANGE - sum (dp + dm) = 0 */
    HP_CALL(row(lp, "change_def", 0.0, 0.0, &r->change_row));
    HP_CALL(hp_lp_add_coef(lp, r->change_row, r->change_col, 1.0));
    /* roll_def: ROLL - COST - 1000 P CHANGE = 0 */
    HP_CALL(row(lp, "roll_def", 0.0, 0.0, &r->roll_row));
    HP_CALL(hp_lp_add_coef(lp, r->roll_row, r->roll_col, 1.0));
    HP_CALL(hp_lp_add_coef(lp, r->roll_row, m->cost_col, -1.0));
    HP_CALL(hp_lp_add_coef(lp, r->roll_row, r->change_col, -1000.0 * penalty));
    for (size_t k = 0; k < n; k++) {
        const char *xn;
        int c = m->x[k], rr;
        if (c < 0)
            continue;
        xn = hp_lp_col_name(lp, c); /* "x[supplier,product,quarter]" */
        if (fixed[k]) {
            hp_lp_set_col_bounds(lp, c, x_prev[k], x_prev[k]);
            continue;
        }
        snprintf(name, sizeof name, "dp%s", xn + 1);
        HP_CALL(col(lp, name, 0.0, HUGE_VAL, &r->dp[k]));
        snprintf(name, sizeof name, "dm%s", xn + 1);
        HP_CALL(col(lp, name, 0.0, HUGE_VAL, &r->dm[k]));
        /* chg: x - dp + dm = x_prev */
        snprintf(name, sizeof name, "chg%s", xn + 1);
        HP_CALL(row(lp, name, x_prev[k], x_prev[k], &rr));
        HP_CALL(hp_lp_add_coef(lp, rr, c, 1.0));
        HP_CALL(hp_lp_add_coef(lp, rr, r->dp[k], -1.0));
        HP_CALL(hp_lp_add_coef(lp, rr, r->dm[k], 1.0));
        HP_CALL(hp_lp_add_coef(lp, r->change_row, r->dp[k], -1.0));
        HP_CALL(hp_lp_add_coef(lp, r->change_row, r->dm[k], -1.0));
    }
cleanup:
    if (st != HP_OK)
        hp_model_roll_free(r);
    return st;
}
