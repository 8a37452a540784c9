/* hreeplan: the formulation of ../shared/MODEL.md (see models/model.h).
 *
 * Every variable and row of MODEL.md becomes a named column or row of a
 * backend-neutral hp_lp.  Choices where MODEL.md leaves room:
 * - capacity is a row, not a column bound, so its dual can be reported;
 * - the inventory balance is an equality row I - I_prev - sum a x - y - u =
 *   R - d (+ I0 in the first quarter), one per scenario, product and quarter;
 * - u <= d, I <= Imax and y <= Ymax are column bounds;
 * - v (shortfall below safety stock) exists only where SS[p,t] > 0;
 * - rows with no term at all (a quota or share cap on quarters in which no
 *   source of the region can ship) are not added (index -1);
 * - the objective vector is left 0: callers minimise COST or RISK. */
#include "model.h"
#include "model_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int *hpi_index_map(size_t n)
{
    int *a = malloc((n ? n : 1) * sizeof *a);
    if (a)
        for (size_t i = 0; i < n; i++)
            a[i] = -1;
    return a;
}

void hpi_fmt_name(hpi_builder *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(b->name, sizeof b->name, fmt, ap);
    va_end(ap);
}

hp_status hpi_add_col(hpi_builder *b, double lb, double ub, int is_int, int *out)
{
    int c = hp_lp_add_col(b->lp, b->name, lb, ub, 0.0, is_int);
    if (c < 0)
        return HP_ENOMEM;
    *out = c;
    return HP_OK;
}

hp_status hpi_add_row(hpi_builder *b, double lb, double ub, int *out)
{
    int r = hp_lp_add_row(b->lp, b->name, lb, ub);
    if (r < 0)
        return HP_ENOMEM;
    *out = r;
    return HP_OK;
}

/* 0-based quarter label ("2026Q3") into buf. */
static void qlabel(const hp_instance *in, int t, char *buf, size_t len)
{
    hp_quarter_label(in, t, buf, len);
}

static size_t sidx(const hpi_builder *b, int s, int p, int t)
{
    return ((size_t)s * (size_t)b->P + (size_t)p) * (size_t)b->T + (size_t)t;
}

/* Second stage per scenario: y, u, I, v, balance and safety-stock rows. */
static hp_status build_recourse(hpi_builder *b)
{
    hp_status st = HP_OK;
    const hp_instance *in = b->in;
    hp_model *m = b->m;
    char q[32];

    for (int s = 0; s < b->S; s++) {
        const char *sn = in->scenarios[s].name;
        for (int p = 0; p < b->P; p++) {
            const hp_product *pr = &in->products[p];
            for (int t = 0; t < b->T; t++) {
                size_t i = sidx(b, s, p, t);
                double rhs = pr->in_transit[t] - pr->demand[t];
                qlabel(in, t, q, sizeof q);
                hpi_fmt_name(b, "inv[%s,%s,%s]", sn, pr->id, q);
                HP_CALL(hpi_add_col(b, 0.0, pr->has_storage_limit ? pr->storage_limit : HUGE_VAL, 0,
                                    &m->inv[i]));
                hpi_fmt_name(b, "u[%s,%s,%s]", sn, pr->id, q);
                HP_CALL(hpi_add_col(b, 0.0, pr->demand[t], 0, &m->u[i]));
                if (pr->has_spot) {
                    hpi_fmt_name(b, "y[%s,%s,%s]", sn, pr->id, q);
                    HP_CALL(hpi_add_col(b, 0.0, pr->spot_limit[t], 0, &m->y[i]));
                }
                if (pr->safety_stock[t] > 0.0) {
                    int row;
                    hpi_fmt_name(b, "v[%s,%s,%s]", sn, pr->id, q);
                    HP_CALL(hpi_add_col(b, 0.0, HUGE_VAL, 0, &m->v[i]));
                    hpi_fmt_name(b, "ss[%s,%s,%s]", sn, pr->id, q);
                    HP_CALL(hpi_add_row(b, pr->safety_stock[t], HUGE_VAL, &row));
                    HP_CALL(hp_lp_add_coef(b->lp, row, m->inv[i], 1.0));
                    HP_CALL(hp_lp_add_coef(b->lp, row, m->v[i], 1.0));
                }
                if (t == 0)
                    rhs += pr->initial_inventory;
                hpi_fmt_name(b, "bal[%s,%s,%s]", sn, pr->id, q);
                HP_CALL(hpi_add_row(b, rhs, rhs, &m->bal_row[i]));
                HP_CALL(hp_lp_add_coef(b->lp, m->bal_row[i], m->inv[i], 1.0));
                if (t > 0)
                    HP_CALL(hp_lp_add_coef(b->lp, m->bal_row[i], m->inv[i - 1], -1.0));
                for (int j = 0; j < b->J; j++) {
                    int ts = t - in->suppliers[j].lead_time;
                    int c;
                    if (ts < 0)
                        continue;
                    c = hp_model_xcol(m, s, j, p, ts);
                    if (c >= 0)
                        HP_CALL(hp_lp_add_coef(b->lp, m->bal_row[i], c, -hp_avail(in, s, j, ts)));
                }
                if (m->y[i] >= 0)
                    HP_CALL(hp_lp_add_coef(b->lp, m->bal_row[i], m->y[i], -1.0));
                HP_CALL(hp_lp_add_coef(b->lp, m->bal_row[i], m->u[i], -1.0));
            }
        }
    }
cleanup:
    return st;
}

/* COST, SPEND, PENALTY and RISK with their defining rows (MODEL.md, "Spend
 * and penalty"): cost_def COST - SPEND - PENALTY = 0; spend_def SPEND -
 * (cash terms) = 0; penalty_def PENALTY - (notional terms) = 0.  A new cash
 * term goes into spend_row, a new notional one into penalty_row. */
static hp_status build_objectives(hpi_builder *b)
{
    hp_status st = HP_OK;
    const hp_instance *in = b->in;
    hp_model *m = b->m;
    int row, srow, prow;

    hpi_fmt_name(b, "COST");
    HP_CALL(hpi_add_col(b, -HUGE_VAL, HUGE_VAL, 0, &m->cost_col));
    hpi_fmt_name(b, "RISK");
    HP_CALL(hpi_add_col(b, 0.0, HUGE_VAL, 0, &m->risk_col));
    hpi_fmt_name(b, "SPEND");
    HP_CALL(hpi_add_col(b, -HUGE_VAL, HUGE_VAL, 0, &m->spend_col));
    hpi_fmt_name(b, "PENALTY");
    HP_CALL(hpi_add_col(b, -HUGE_VAL, HUGE_VAL, 0, &m->penalty_col));

    /* cost_def: COST - SPEND - PENALTY = 0 */
    hpi_fmt_name(b, "cost_def");
    HP_CALL(hpi_add_row(b, 0.0, 0.0, &row));
    m->cost_row = row;
    HP_CALL(hp_lp_add_coef(b->lp, row, m->cost_col, 1.0));
    HP_CALL(hp_lp_add_coef(b->lp, row, m->spend_col, -1.0));
    HP_CALL(hp_lp_add_coef(b->lp, row, m->penalty_col, -1.0));

    /* spend_def: SPEND - (purchases + contracts + spot + holding) = 0 */
    hpi_fmt_name(b, "spend_def");
    HP_CALL(hpi_add_row(b, 0.0, 0.0, &srow));
    m->spend_row = srow;
    HP_CALL(hp_lp_add_coef(b->lp, srow, m->spend_col, 1.0));
    /* penalty_def: PENALTY - (shortage + safety-stock penalties) = 0 */
    hpi_fmt_name(b, "penalty_def");
    HP_CALL(hpi_add_row(b, 0.0, 0.0, &prow));
    m->penalty_row = prow;
    HP_CALL(hp_lp_add_coef(b->lp, prow, m->penalty_col, 1.0));
    for (int j = 0; j < b->J; j++) {
        const hp_supplier *sj = &in->suppliers[j];
        for (int k = 0; k < sj->n_offers; k++) {
            const hp_offer *of = &sj->offers[k];
            for (int t = 0; t < b->T; t++) {
                int lo, hi;
                hp_model_order_groups(m, t, &lo, &hi);
                for (int n = lo; n < hi; n++) {
                    int c = hp_model_xcol_node(m, n, j, of->product, t);
                    double paid = n < 0 ? hp_paid_mean(in, j, t)
                                        : m->node_paid[(size_t)n * (size_t)b->J + (size_t)j];
                    if (c >= 0)
                        HP_CALL(hp_lp_add_coef(b->lp, srow, c, -1000.0 * of->price[t] * paid));
                }
            }
        }
        if (m->z[j] >= 0)
            HP_CALL(hp_lp_add_coef(b->lp, srow, m->z[j], -sj->fixed_cost));
    }
    for (int s = 0; s < b->S; s++) {
        double pi = in->scenarios[s].probability;
        for (int p = 0; p < b->P; p++) {
            const hp_product *pr = &in->products[p];
            for (int t = 0; t < b->T; t++) {
                size_t i = sidx(b, s, p, t);
                if (m->y[i] >= 0)
                    HP_CALL(hp_lp_add_coef(b->lp, srow, m->y[i],
                                           -pi * 1000.0 * pr->spot_price[t] *
                                               hp_spot_factor(in, s, p, t)));
                HP_CALL(hp_lp_add_coef(b->lp, srow, m->inv[i], -pi * hpi_inv_cost(in, p, t)));
                HP_CALL(hp_lp_add_coef(b->lp, prow, m->u[i], -pi * pr->shortage_penalty));
                if (m->v[i] >= 0)
                    HP_CALL(hp_lp_add_coef(b->lp, prow, m->v[i], -pi * pr->safety_penalty));
            }
        }
    }

    /* risk_def: RISK - measure = 0 */
    if (m->measure == HP_MEASURE_CVAR) {
        hpi_fmt_name(b, "eta");
        HP_CALL(hpi_add_col(b, -HUGE_VAL, HUGE_VAL, 0, &m->eta_col));
        for (int s = 0; s < b->S; s++) {
            int r;
            hpi_fmt_name(b, "xi[%s]", in->scenarios[s].name);
            HP_CALL(hpi_add_col(b, 0.0, HUGE_VAL, 0, &m->xi[s]));
            /* xi_s + eta - Z_s >= 0 */
            hpi_fmt_name(b, "cvar[%s]", in->scenarios[s].name);
            HP_CALL(hpi_add_row(b, 0.0, HUGE_VAL, &r));
            HP_CALL(hp_lp_add_coef(b->lp, r, m->xi[s], 1.0));
            HP_CALL(hp_lp_add_coef(b->lp, r, m->eta_col, 1.0));
            for (int p = 0; p < b->P; p++)
                for (int t = 0; t < b->T; t++)
                    HP_CALL(hp_lp_add_coef(b->lp, r, m->u[sidx(b, s, p, t)],
                                           -in->products[p].criticality));
        }
    }
    hpi_fmt_name(b, "risk_def");
    HP_CALL(hpi_add_row(b, 0.0, 0.0, &row));
    m->risk_row = row;
    HP_CALL(hp_lp_add_coef(b->lp, row, m->risk_col, 1.0));
    if (m->measure == HP_MEASURE_SHORTAGE) {
        for (int s = 0; s < b->S; s++)
            for (int p = 0; p < b->P; p++)
                for (int t = 0; t < b->T; t++)
                    HP_CALL(hp_lp_add_coef(b->lp, row, m->u[sidx(b, s, p, t)],
                                           -in->scenarios[s].probability *
                                               in->products[p].criticality));
    } else if (m->measure == HP_MEASURE_CVAR) {
        HP_CALL(hp_lp_add_coef(b->lp, row, m->eta_col, -1.0));
        for (int s = 0; s < b->S; s++)
            HP_CALL(hp_lp_add_coef(b->lp, row, m->xi[s],
                                   -in->scenarios[s].probability / (1.0 - m->alpha)));
    } else {
        for (int j = 0; j < b->J; j++)
            for (int p = 0; p < b->P; p++)
                for (int t = 0; t < b->T; t++) {
                    int lo, hi;
                    hp_model_order_groups(m, t, &lo, &hi);
                    for (int n = lo; n < hi; n++) {
                        int c = hp_model_xcol_node(m, n, j, p, t);
                        size_t nj = (size_t)n * (size_t)b->J + (size_t)j;
                        double miss = n < 0 ? 1.0 - hp_avail_mean(in, j, t)
                                            : m->tree->prob[n] - m->node_avail[nj];
                        if (c >= 0)
                            HP_CALL(hp_lp_add_coef(b->lp, row, c, -miss));
                    }
                }
    }
cleanup:
    return st;
}

hp_status hp_model_alloc(const hp_instance *inst, hp_measure measure, double alpha, hp_model **out)
{
    size_t J = (size_t)inst->n_suppliers, P = (size_t)inst->n_products, T = (size_t)inst->T;
    size_t nf = J * P * T, ns = (size_t)inst->n_scenarios * P * T,
           nr = (size_t)inst->n_restrictions * T;
    hp_model *m = calloc(1, sizeof *m);

    *out = NULL;
    if (!m)
        return HP_ENOMEM;
    m->inst = inst;
    m->measure = measure;
    m->alpha = alpha;
    m->cost_col = m->risk_col = m->cost_row = m->risk_row = m->eta_col = -1;
    m->spend_col = m->penalty_col = m->spend_row = m->penalty_row = -1;
    m->lp = hp_lp_new();
    m->x = hpi_index_map(nf);
    m->n_lots = hpi_index_map(nf);
    m->cap_row = hpi_index_map(nf);
    m->z = hpi_index_map(J);
    m->o = hpi_index_map(J * T);
    m->y = hpi_index_map(ns);
    m->u = hpi_index_map(ns);
    m->inv = hpi_index_map(ns);
    m->v = hpi_index_map(ns);
    m->bal_row = hpi_index_map(ns);
    m->quota_row = hpi_index_map(nr);
    m->share_row = hpi_index_map(nr);
    if (measure == HP_MEASURE_CVAR)
        m->xi = hpi_index_map((size_t)inst->n_scenarios);
    if (!m->lp || !m->x || !m->n_lots || !m->cap_row || !m->z || !m->o || !m->y || !m->u ||
        !m->inv || !m->v || !m->bal_row || !m->quota_row || !m->share_row ||
        (measure == HP_MEASURE_CVAR && !m->xi) || hpi_model_second_alloc(m) != HP_OK) {
        hp_model_free(m);
        return HP_ENOMEM;
    }
    *out = m;
    return HP_OK;
}

hp_status hp_model_build(const hp_instance *inst, const hp_model_opts *opts, hp_model **out)
{
    hp_status st = HP_OK;
    hp_model *m = NULL;
    hp_measure measure;
    double alpha;
    hpi_builder b;

    if (!inst || !out)
        return HP_EINTERNAL;
    *out = NULL;
    measure = opts ? opts->measure : inst->measure;
    alpha = opts ? opts->alpha : inst->alpha;
    if (alpha <= 0.0 || alpha >= 1.0 || (int)measure < 0 || measure > HP_MEASURE_EXPOSURE)
        return HP_EINVAL;
    HP_CALL(hp_model_alloc(inst, measure, alpha, &m));
    memset(&b, 0, sizeof b);
    b.in = inst;
    b.P = inst->n_products;
    b.J = inst->n_suppliers;
    b.T = inst->T;
    b.S = inst->n_scenarios;
    b.m = m;
    b.lp = m->lp;

    m->information = opts ? opts->information : HP_INFO_TREE;
    HP_CALL(hp_tree_build(inst, &m->tree));
    if (opts && opts->adaptive_orders)
        HP_CALL(hpi_model_adaptive_alloc(m));
    HP_CALL(hpi_model_first_stage(&b));
    HP_CALL(hpi_model_restrictions(&b));
    HP_CALL(build_recourse(&b));
    HP_CALL(build_objectives(&b));
    HP_CALL(hpi_model_second(m));
    HP_CALL(hpi_model_tree(m));
    m->is_mip = hp_lp_nints(m->lp) > 0;
    *out = m;
    m = NULL;
cleanup:
    hp_model_free(m);
    return st;
}

void hp_model_free(hp_model *m)
{
    if (!m)
        return;
    hp_lp_free(m->lp);
    free(m->x);
    free(m->n_lots);
    free(m->z);
    free(m->o);
    free(m->y);
    free(m->u);
    free(m->inv);
    free(m->v);
    free(m->xi);
    free(m->cap_row);
    free(m->bal_row);
    free(m->quota_row);
    free(m->share_row);
    hpi_model_second_free(m);
    hpi_model_adaptive_free(m);
    hp_tree_free(m->tree);
    free(m);
}

hp_status hp_model_size(const hp_instance *inst, int *rows, int *cols, int *ints, size_t *nnz)
{
    hp_status st = HP_OK;
    hp_model *m = NULL;

    HP_CALL(hp_model_build(inst, NULL, &m));
    if (rows)
        *rows = hp_lp_nrows(m->lp);
    if (cols)
        *cols = hp_lp_ncols(m->lp);
    if (ints)
        *ints = hp_lp_nints(m->lp);
    if (nnz)
        *nnz = hp_lp_nnz(m->lp);
cleanup:
    hp_model_free(m);
    return st;
}
