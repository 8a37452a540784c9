/* The per-quarter re-plan LPs of the rolling recourse (simulate_roll.h):
 * quarter t's recourse as one decision block, the later quarters one block
 * per continuation, the columns and rows of the lp recourse in each. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simulate_roll.h"

void hpi_roll_stage_free(hpi_roll_stage *g)
{
    hp_lp_free(g->lp);
    free(g->col);
    free(g->bal);
    free(g->res);
    free(g->cinfo);
    free(g->obj);
    memset(g, 0, sizeof *g);
}

size_t hpi_roll_ci(const hp_instance *in, int b, int p, int q)
{
    return ((size_t)b * (size_t)in->n_products + (size_t)p) * (size_t)in->T + (size_t)q;
}

static hp_status add_col(hpi_roll_stage *g, const char *kind, const char *id, int b, int p, int q,
                         int k, double ub, double cost, double w, int *out)
{
    char name[160];
    snprintf(name, sizeof name, "%s[%s,%d,%d]", kind, id, q + 1, b);
    int c = hp_lp_add_col(g->lp, name, 0.0, ub, w * cost, 0);
    if (c < 0)
        return HP_ENOMEM;
    g->cinfo[4 * c] = b;
    g->cinfo[4 * c + 1] = p;
    g->cinfo[4 * c + 2] = q;
    g->cinfo[4 * c + 3] = k;
    g->obj[c] = cost;
    g->ncol = c + 1;
    *out = c;
    return HP_OK;
}

static hp_status add_row(hpi_roll_stage *g, const char *fmt, const char *id, int q, int b,
                         double lb, double ub, int *out)
{
    char name[160];
    snprintf(name, sizeof name, "%s[%s,%d,%d]", fmt, id, q + 1, b);
    *out = hp_lp_add_row(g->lp, name, lb, ub);
    return *out < 0 ? HP_ENOMEM : HP_OK;
}

/* The columns and rows of one product in one quarter of block b. */
static hp_status stage_quarter(const hp_instance *in, hpi_roll_stage *g, int b, int p, int q,
                               double w)
{
    hp_status st = HP_OK;
    const hp_product *pr = &in->products[p];
    int T = in->T, row, *c = g->col + hpi_roll_ci(in, b, p, q) * HPI_NK, prev = -1;
    double h = pr->holding_cost;
    if (q == T - 1 && pr->has_terminal)
        h -= 1000.0 * pr->terminal_value;
    HP_CALL(add_col(g, "inv", pr->id, b, p, q, HPI_K_INV,
                    pr->has_storage_limit ? pr->storage_limit : HUGE_VAL, h, w, &c[HPI_K_INV]));
    HP_CALL(add_col(g, "u", pr->id, b, p, q, HPI_K_U, pr->demand[q], pr->shortage_penalty, w,
                    &c[HPI_K_U]));
    if (pr->has_spot)
        HP_CALL(add_col(g, "y", pr->id, b, p, q, HPI_K_Y, pr->spot_limit[q],
                        1000.0 * pr->spot_price[q], w, &c[HPI_K_Y]));
    HP_CALL(add_col(g, "writeoff", pr->id, b, p, q, HPI_K_O, HUGE_VAL, pr->holding_cost * T + 1.0,
                    w, &c[HPI_K_O]));
    if (pr->has_reserve && fmin(pr->reserve_limit[q], pr->reserve_stock) > 0.0)
        HP_CALL(add_col(g, "r", pr->id, b, p, q, HPI_K_R, 0.0, 1000.0 * pr->reserve_price, w,
                        &c[HPI_K_R]));
    if (pr->safety_stock[q] > 0.0) {
        HP_CALL(add_col(g, "v", pr->id, b, p, q, HPI_K_V, HUGE_VAL, pr->safety_penalty, w,
                        &c[HPI_K_V]));
        HP_CALL(add_row(g, "ss", pr->id, q, b, pr->safety_stock[q], HUGE_VAL, &row));
        HP_CALL(hp_lp_add_coef(g->lp, row, c[HPI_K_INV], 1.0));
        HP_CALL(hp_lp_add_coef(g->lp, row, c[HPI_K_V], 1.0));
    }
    /* the stock carried in: quarter t's (block 0) for a continuation's first quarter */
    if (q > g->t)
        prev = g->col[hpi_roll_ci(in, q == g->t + 1 ? 0 : b, p, q - 1) * HPI_NK + HPI_K_INV];
    HP_CALL(add_row(g, "bal", pr->id, q, b, 0.0, 0.0, &g->bal[hpi_roll_ci(in, b, p, q)]));
    row = g->bal[hpi_roll_ci(in, b, p, q)];
    HP_CALL(hp_lp_add_coef(g->lp, row, c[HPI_K_INV], 1.0));
    if (prev >= 0)
        HP_CALL(hp_lp_add_coef(g->lp, row, prev, -1.0));
    if (c[HPI_K_Y] >= 0)
        HP_CALL(hp_lp_add_coef(g->lp, row, c[HPI_K_Y], -1.0));
    HP_CALL(hp_lp_add_coef(g->lp, row, c[HPI_K_U], -1.0));
    HP_CALL(hp_lp_add_coef(g->lp, row, c[HPI_K_O], 1.0));
    if (c[HPI_K_R] >= 0)
        HP_CALL(hp_lp_add_coef(g->lp, row, c[HPI_K_R], -1.0));
    if (q == T - 1 && pr->has_terminal && pr->terminal_target > 0.0) {
        HP_CALL(add_col(g, "eT", pr->id, b, p, q, HPI_K_E, HUGE_VAL, pr->terminal_penalty, w,
                        &c[HPI_K_E]));
        HP_CALL(add_row(g, "terminal", pr->id, q, b, pr->terminal_target, HUGE_VAL, &row));
        HP_CALL(hp_lp_add_coef(g->lp, row, c[HPI_K_INV], 1.0));
        HP_CALL(hp_lp_add_coef(g->lp, row, c[HPI_K_E], 1.0));
    }
cleanup:
    return st;
}

/* Builds the re-plan LP of quarter t with N continuations of weight w0
 * each (on scenario paths the weights are set per solve). */
hp_status hpi_roll_stage_build(const hp_instance *in, int t, int N, double w0, hpi_roll_stage *g)
{
    hp_status st = HP_OK;
    int P = in->n_products, T = in->T;
    size_t cells = (size_t)(N + 1) * (size_t)P * (size_t)T;
    memset(g, 0, sizeof *g);
    g->t = t;
    g->N = N;
    g->lp = hp_lp_new();
    g->col = malloc(cells * HPI_NK * sizeof *g->col);
    g->bal = malloc(cells * sizeof *g->bal);
    g->res = malloc(((size_t)N * (size_t)P + 1) * sizeof *g->res);
    g->cinfo = malloc(4 * cells * HPI_NK * sizeof *g->cinfo);
    g->obj = malloc(cells * HPI_NK * sizeof *g->obj);
    if (!g->lp || !g->col || !g->bal || !g->res || !g->cinfo || !g->obj) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < cells * HPI_NK; i++)
        g->col[i] = -1;
    for (size_t i = 0; i < cells; i++)
        g->bal[i] = -1;
    for (int b = 0; b <= N; b++) {
        int lo = b == 0 ? t : t + 1, hi = b == 0 ? t : T - 1;
        for (int p = 0; p < P; p++) {
            const hp_product *pr = &in->products[p];
            for (int q = lo; q <= hi; q++)
                HP_CALL(stage_quarter(in, g, b, p, q, b == 0 ? 1.0 : w0));
            if (b == 0)
                continue;
            /* the reserve left: quarter t's release and this continuation's */
            int *r = &g->res[(size_t)(b - 1) * (size_t)P + (size_t)p], any = 0;
            *r = -1;
            for (int q = t; q <= hi; q++)
                any |= g->col[hpi_roll_ci(in, q == t ? 0 : b, p, q) * HPI_NK + HPI_K_R] >= 0;
            if (!pr->has_reserve || !any)
                continue;
            HP_CALL(add_row(g, "reserve", pr->id, t, b, -HUGE_VAL, pr->reserve_stock, r));
            for (int q = t; q <= hi; q++) {
                int c = g->col[hpi_roll_ci(in, q == t ? 0 : b, p, q) * HPI_NK + HPI_K_R];
                if (c >= 0)
                    HP_CALL(hp_lp_add_coef(g->lp, *r, c, 1.0));
            }
        }
    }
cleanup:
    return st;
}
