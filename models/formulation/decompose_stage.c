/* hreeplan: parts of the decomposition of the sourcing model (see
 * models/plan/decompose.h for the scheme and decompose.c for the split into
 * stages): the scenarios' technology matrices, the size of the equivalent
 * extensive form, the spend bound and the scenarios' own spot prices.
 *
 * The spend bound.  Expected spend = first-stage spend (purchases paid on
 * what arrives, contracts) + sum_s p_s (recourse spend of s: spot,
 * holding, reserve releases, take-or-pay fees, less the terminal credit).
 * As with the risk budgets, each scenario gets a budget column sb_s in the
 * master, the recourse row  recourse spend_s(y) - sb_s <= 0  and the master
 * row  first-stage spend + sum_s p_s sb_s <= B: an exact reformulation of
 * "expected spend <= B" whose budgets below a scenario's least spend come
 * back as feasibility cuts.  sb_s is bounded below by the least recourse
 * spend any plan can have (0 without a terminal credit), which keeps the
 * first masters bounded.  The budgets and both rows are in USD m
 * (SPEND_UNIT): in USD the spend row's entries (1e5 .. 1e6 per t) beside
 * the budget's -1 made the master's feasibility cuts so badly scaled that
 * GLPK's simplex failed on the baseline.
 *
 * Scenario spot prices.  The one-model is built with the base spot price;
 * scenario s pays 1000 sp[p,t] f[s,p,t] per t bought spot.  The spot
 * columns' cost, tie objective and spend-row coefficient of scenario s are
 * the template's times f[s,p,t], handed to the engine as the scenario's own
 * recourse data; cuts then use each scenario's own duals. */
#include "decompose_int.h"
#include "model_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* USD per unit of the spend budgets and rows */
#define SPEND_UNIT 1e6

hpi_dc_spec hpi_dc_plain(int obj)
{
    hpi_dc_spec s;
    s.obj = obj;
    s.risk_bound = HUGE_VAL;
    s.spend_bound = HUGE_VAL;
    return s;
}

hp_status hpi_dc_tech(hpi_dc *d, int n, const int *tmpl_row, const int *tmpl_col,
                      const double *tmpl_val, const int *tmpl_jt, size_t *avail_all)
{
    const hp_instance *in = d->in;
    int S = in->n_scenarios;
    int extra = (d->budget_row >= 0 ? 1 + (d->eta >= 0) : 0) + (d->spend_row >= 0);
    size_t cap = (size_t)S * (size_t)(n + extra), k = 0;

    d->beg = malloc(((size_t)S + 1) * sizeof *d->beg);
    d->trow = malloc((cap ? cap : 1) * sizeof *d->trow);
    d->tcol = malloc((cap ? cap : 1) * sizeof *d->tcol);
    d->tval = malloc((cap ? cap : 1) * sizeof *d->tval);
    d->prob = malloc((size_t)S * sizeof *d->prob);
    if (!d->beg || !d->trow || !d->tcol || !d->tval || !d->prob)
        return HP_ENOMEM;
    for (int s = 0; s < S; s++) {
        d->beg[s] = k;
        d->prob[s] = in->scenarios[s].probability;
        for (int e = 0; e < n; e++) {
            double v = tmpl_val[e];
            if (tmpl_jt[e] >= 0)
                v = -hp_avail(in, s, tmpl_jt[e] / in->T, tmpl_jt[e] % in->T);
            else if (tmpl_jt[e] <= -2) /* reserve release bound, open or not */
                v *= hp_reserve_open(in, s, (-2 - tmpl_jt[e]) / in->T, (-2 - tmpl_jt[e]) % in->T);
            if (v == 0.0)
                continue;
            if (tmpl_jt[e] >= 0)
                (*avail_all)++;
            d->trow[k] = tmpl_row[e];
            d->tcol[k] = tmpl_col[e];
            d->tval[k] = v;
            k++;
        }
        if (d->budget_row >= 0) {
            d->trow[k] = d->budget_row;
            d->tcol[k] = d->b0 + s;
            d->tval[k] = -1.0;
            k++;
            if (d->eta >= 0) {
                d->trow[k] = d->budget_row;
                d->tcol[k] = d->eta;
                d->tval[k] = -1.0;
                k++;
            }
        }
        if (d->spend_row >= 0) {
            d->trow[k] = d->spend_row;
            d->tcol[k] = d->sb0 + s;
            d->tval[k] = -1.0;
            k++;
        }
    }
    d->beg[S] = k;
    return HP_OK;
}

/* Size of the extensive form: the one-model's first-stage part once, its
 * scenario part (recourse rows and columns, their entries, the recourse
 * columns' entries in cost_def / risk_def) once per scenario, with the
 * availability entries of the balance rows counted scenario by scenario
 * (a zero availability leaves no entry). */
void hpi_dc_ext_size(hpi_dc *d, const signed char *cls, const signed char *row_rec,
                     const signed char *row_xi, size_t avail_one, size_t avail_all)
{
    const hp_lp *lp = d->m->lp;
    int S = d->in->n_scenarios, nC = hp_lp_ncols(lp), nR = hp_lp_nrows(lp), sr = 0, sc = 0;
    size_t nnz = hp_lp_nnz(lp), snz = 0;
    const int *ri = hp_lp_coef_rows(lp), *cj = hp_lp_coef_cols(lp);

    for (int r = 0; r < nR; r++)
        sr += row_rec[r] || row_xi[r];
    for (int c = 0; c < nC; c++)
        sc += cls[c] == HPI_DC_C_REC || cls[c] == HPI_DC_C_XI;
    for (size_t k = 0; k < nnz; k++)
        if (cls[cj[k]] == HPI_DC_C_REC || cls[cj[k]] == HPI_DC_C_XI || row_rec[ri[k]] ||
            row_xi[ri[k]])
            snz++;
    d->ext_rows = nR + (S - 1) * sr;
    d->ext_cols = nC + (S - 1) * sc;
    d->ext_nnz = nnz - snz + (size_t)S * (snz - avail_one) + avail_all;
}

/* The most stock of product p that can be on hand at the end, without the
 * spot market: start, transit, every capacity, the reserve. */
double hpi_dc_end_stock(const hp_instance *in, int p)
{
    const hp_product *pr = &in->products[p];
    double v = pr->initial_inventory + (pr->has_reserve ? pr->reserve_stock : 0.0);
    for (int t = 0; t < in->T; t++) {
        v += pr->in_transit[t];
        if (pr->has_spot && isfinite(pr->spot_limit[t]))
            v += pr->spot_limit[t];
    }
    for (int j = 0; j < in->n_suppliers; j++) {
        const hp_offer *of = hp_offer_find(in, j, p);
        for (int t = 0; of && t < in->T; t++)
            v += of->capacity[t];
    }
    return v;
}

double hpi_dc_rec_min(const hpi_dc *d, const double *coef)
{
    const hp_instance *in = d->in;
    int n2 = hp_lp_ncols(d->second);
    double v = 0.0;
    for (int j = 0; j < n2; j++) {
        double q = coef[j], ub = hp_lp_col_ub(d->second, j);
        /* a terminal credit makes the last inventory's cost negative: bound
         * it by the most stock that can be on hand at the end without the
         * spot market (whose price the loader holds at or above the credit) */
        for (int p = 0; p < in->n_products && q < 0.0; p++) {
            int c = d->m->inv[(size_t)p * (size_t)in->T + (size_t)(in->T - 1)];
            if (c >= 0 && d->r_of[c] == j)
                ub = fmin(ub, hpi_dc_end_stock(in, p));
        }
        if (q != 0.0)
            v += fmin(q * hp_lp_col_lb(d->second, j), q * ub);
    }
    return v;
}

hp_status hpi_dc_spend_first(hpi_dc *d, const double *spend)
{
    hp_status st = HP_OK;
    const hp_lp *lp = d->m->lp;
    const hp_instance *in = d->in;
    int nC = hp_lp_ncols(lp);
    /* SPEND - sum coef col = rhs: the row's constant counts as spend */
    double rhs = hp_lp_row_lb(lp, d->m->spend_row);
    char name[48];

    for (int s = 0; s < in->n_scenarios; s++) {
        int c = hp_lp_add_col(d->first, (snprintf(name, sizeof name, "sb[%d]", s + 1), name), 0.0,
                              HUGE_VAL, 0.0, 0);
        if (c < 0)
            return HP_ENOMEM;
        if (s == 0)
            d->sb0 = c;
    }
    d->sbound_row =
        hp_lp_add_row(d->first, "spend_bound", -HUGE_VAL, (d->spec.spend_bound - rhs) / SPEND_UNIT);
    if (d->sbound_row < 0)
        return HP_ENOMEM;
    for (int c = 0; c < nC; c++)
        if (d->f_of[c] >= 0 && spend[c] != 0.0)
            HP_CALL(hp_lp_add_coef(d->first, d->sbound_row, d->f_of[c], spend[c] / SPEND_UNIT));
    for (int s = 0; s < in->n_scenarios; s++)
        HP_CALL(hp_lp_add_coef(d->first, d->sbound_row, d->sb0 + s, in->scenarios[s].probability));
cleanup:
    return st;
}

hp_status hpi_dc_spend_second(hpi_dc *d, const double *spend)
{
    hp_status st = HP_OK;
    const hp_lp *lp = d->m->lp;
    int nC = hp_lp_ncols(lp), n2 = hp_lp_ncols(d->second);
    double *rec = calloc((size_t)n2 + 1, sizeof *rec), lo;

    if (!rec)
        return HP_ENOMEM;
    d->spend_row = hp_lp_add_row(d->second, "spend_budget", -HUGE_VAL, 0.0);
    if (d->spend_row < 0) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (int c = 0; c < nC; c++)
        if (d->r_of[c] >= 0 && spend[c] != 0.0) {
            rec[d->r_of[c]] = spend[c] / SPEND_UNIT;
            HP_CALL(hp_lp_add_coef(d->second, d->spend_row, d->r_of[c], spend[c] / SPEND_UNIT));
        }
    /* the least recourse spend of any plan bounds each budget below */
    lo = hpi_dc_rec_min(d, rec);
    if (!isfinite(lo)) {
        st = HP_EINVAL;
        goto cleanup;
    }
    for (int s = 0; s < d->in->n_scenarios; s++)
        hp_lp_set_col_bounds(d->first, d->sb0 + s, lo, HUGE_VAL);
cleanup:
    free(rec);
    return st;
}

hp_status hpi_dc_scenario_prices(hpi_dc *d, const double *obj, const double *spend)
{
    const hp_instance *in = d->in;
    const hp_model *m = d->m;
    int S = in->n_scenarios, P = in->n_products, T = in->T;
    size_t cap = (size_t)S * (size_t)P * (size_t)T * 3, k = 0;

    d->vbeg = malloc(((size_t)S + 1) * sizeof *d->vbeg);
    d->vrow = malloc((cap ? cap : 1) * sizeof *d->vrow);
    d->vcol = malloc((cap ? cap : 1) * sizeof *d->vcol);
    d->vval = malloc((cap ? cap : 1) * sizeof *d->vval);
    if (!d->vbeg || !d->vrow || !d->vcol || !d->vval)
        return HP_ENOMEM;
    for (int s = 0; s < S; s++) {
        d->vbeg[s] = k;
        for (int p = 0; p < P; p++)
            for (int t = 0; t < T; t++) {
                int c = m->y[(size_t)p * (size_t)T + (size_t)t], r;
                double f = hp_spot_factor(in, s, p, t);
                if (c < 0 || (r = d->r_of[c]) < 0 || f == 1.0)
                    continue;
                if (obj[c] != 0.0) {
                    d->vrow[k] = HP_LSHAPED_VAR_OBJ;
                    d->vcol[k] = r;
                    d->vval[k++] = obj[c] * f;
                }
                if (d->tie[r] != 0.0) {
                    d->vrow[k] = HP_LSHAPED_VAR_TIE;
                    d->vcol[k] = r;
                    d->vval[k++] = d->tie[r] * f;
                }
                if (d->spend_row >= 0 && spend[c] != 0.0) {
                    d->vrow[k] = d->spend_row;
                    d->vcol[k] = r;
                    d->vval[k++] = spend[c] / SPEND_UNIT * f;
                }
            }
    }
    d->vbeg[S] = k;
    d->pb.var_beg = d->vbeg;
    d->pb.var_row = d->vrow;
    d->pb.var_col = d->vcol;
    d->pb.var_val = d->vval;
    return HP_OK;
}
