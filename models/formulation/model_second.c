/* hreeplan: the mechanisms of MODEL.md's second edition in the formulation
 * (see model.h): co-production and hard commitments in the first stage;
 * take-or-pay shortfall k, reserve release r and terminal shortfall e in
 * the recourse of every scenario.  Added to a model whose balance,
 * spend_def and penalty_def rows already exist (hp_model_build calls
 * hpi_model_second last).  Choices where MODEL.md leaves room:
 * - a reserve release r[s,p,t] is a column in every quarter, bounded by
 *   min(limit, stock) where the reserve is open in s and by 0 where it is
 *   closed (so the L-shaped template has the same columns); the stock row
 *   sum_t r <= G exists per scenario and product;
 * - commitments apply in ship quarters only (an x column exists) and where
 *   the capacity is positive (MODEL.md: "ignored where nothing can ship");
 * - k exists per scenario (a recourse decision, as MODEL.md's information
 *   section lists it); its cost is expected like every recourse cost;
 * - the terminal credit 1000 cT I[s,p,T] lowers spend; wT e is penalty. */
#include "model.h"
#include "model_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static hp_status col(hp_lp *lp, const char *name, double lb, double ub, int *out)
{
    int c = hp_lp_add_col(lp, name, lb, ub, 0.0, 0);
    if (c < 0)
        return HP_ENOMEM;
    *out = c;
    return HP_OK;
}

static hp_status row(hp_lp *lp, const char *name, double lb, double ub, int *out)
{
    int r = hp_lp_add_row(lp, name, lb, ub);
    if (r < 0)
        return HP_ENOMEM;
    *out = r;
    return HP_OK;
}

hp_status hpi_model_second_alloc(hp_model *m)
{
    const hp_instance *in = m->inst;
    size_t S = (size_t)in->n_scenarios, P = (size_t)in->n_products, T = (size_t)in->T,
           J = (size_t)in->n_suppliers;
    m->term_e = hpi_index_map(S * P);
    m->term_row = hpi_index_map(S * P);
    m->res_r = hpi_index_map(S * P * T);
    m->top_k = hpi_index_map(S * J * P * T);
    m->co_b = hpi_index_map(J * T);
    return m->term_e && m->term_row && m->res_r && m->top_k && m->co_b ? HP_OK : HP_ENOMEM;
}

void hpi_model_second_free(hp_model *m)
{
    free(m->term_e);
    free(m->term_row);
    free(m->res_r);
    free(m->top_k);
    free(m->co_b);
}

/* x[j,p,t] - beta[j,p] b[j,t] = 0 for every offer of a co-producing j
 * (per order group: one b per node under adaptive orders). */
static hp_status coproduction(hp_model *m, char *name, size_t len)
{
    hp_status st = HP_OK;
    const hp_instance *in = m->inst;
    char q[32], sfx[24];
    for (int j = 0; j < in->n_suppliers; j++) {
        const hp_supplier *sj = &in->suppliers[j];
        if (!sj->has_coproduction)
            continue;
        for (int t = 0; t < in->T - sj->lead_time; t++) {
            int lo, hi;
            hp_model_order_groups(m, t, &lo, &hi);
            for (int n = lo; n < hi; n++) {
                int *b = n < 0 ? &m->co_b[(size_t)j * (size_t)in->T + (size_t)t]
                               : &m->cob_node[(size_t)n * (size_t)in->n_suppliers + (size_t)j];
                hp_quarter_label(in, t, q, sizeof q);
                hpi_node_suffix(n, sfx, sizeof sfx);
                snprintf(name, len, "b[%s,%s%s]", sj->id, q, sfx);
                HP_CALL(col(m->lp, name, 0.0, HUGE_VAL, b));
                for (int k = 0; k < sj->n_offers; k++) {
                    int p = sj->offers[k].product, r, x = hp_model_xcol_node(m, n, j, p, t);
                    if (x < 0)
                        continue;
                    snprintf(name, len, "coprod[%s,%s,%s%s]", sj->id, in->products[p].id, q, sfx);
                    HP_CALL(row(m->lp, name, 0.0, 0.0, &r));
                    HP_CALL(hp_lp_add_coef(m->lp, r, x, 1.0));
                    HP_CALL(hp_lp_add_coef(m->lp, r, *b, -sj->offers[k].yield));
                }
            }
        }
    }
cleanup:
    return st;
}

/* One commitment row: x + k >= Cmin (x - Cmin z + k >= 0 under a
 * contract); s < 0: hard (no k), else scenario s's shortfall k. */
static hp_status commit_row(hp_model *m, int j, int k, int t, int x, int s, char *name, size_t len)
{
    hp_status st = HP_OK;
    const hp_instance *in = m->inst;
    const hp_supplier *sj = &in->suppliers[j];
    const hp_offer *of = &sj->offers[k];
    int p = of->product, r;
    double c = of->commit_min[t];
    double lb = sj->has_contract ? 0.0 : c;
    char q[32];

    hp_quarter_label(in, t, q, sizeof q);
    HP_CALL(row(m->lp, name, lb, HUGE_VAL, &r));
    HP_CALL(hp_lp_add_coef(m->lp, r, x, 1.0));
    if (sj->has_contract)
        HP_CALL(hp_lp_add_coef(m->lp, r, m->z[j], -c));
    if (s >= 0) {
        int *kc = &m->top_k[hpi_ki(in, s, j, p, t)];
        double pi = in->scenarios[s].probability;
        snprintf(name, len, "k[%s,%s,%s,%s]", in->scenarios[s].name, sj->id, in->products[p].id, q);
        HP_CALL(col(m->lp, name, 0.0, HUGE_VAL, kc));
        HP_CALL(hp_lp_add_coef(m->lp, r, *kc, 1.0));
        if (of->take_or_pay > 0.0)
            HP_CALL(hp_lp_add_coef(m->lp, m->spend_row, *kc, -pi * 1000.0 * of->take_or_pay));
    }
cleanup:
    return st;
}

/* x + k >= Cmin (x - Cmin z + k >= 0 under a contract); hard: no k, one
 * row per order group; soft: one per scenario, on the scenario's order. */
static hp_status commitments(hp_model *m, char *name, size_t len)
{
    hp_status st = HP_OK;
    const hp_instance *in = m->inst;
    char q[32], sfx[24];
    for (int j = 0; j < in->n_suppliers; j++) {
        const hp_supplier *sj = &in->suppliers[j];
        for (int k = 0; k < sj->n_offers; k++) {
            const hp_offer *of = &sj->offers[k];
            int p = of->product;
            if (!of->commit_min)
                continue;
            for (int t = 0; t < in->T; t++) {
                int lo, hi;
                if (hp_model_xcol_node(m, -1, j, p, t) < 0 && !m->adaptive)
                    continue;
                if (of->commit_min[t] <= 0.0 || of->capacity[t] <= 0.0)
                    continue;
                hp_quarter_label(in, t, q, sizeof q);
                hp_model_order_groups(m, t, &lo, &hi);
                for (int n = lo; of->commit_hard && n < hi; n++) {
                    int x = hp_model_xcol_node(m, n, j, p, t);
                    if (x < 0)
                        continue;
                    hpi_node_suffix(n, sfx, sizeof sfx);
                    snprintf(name, len, "commit[%s,%s,%s%s]", sj->id, in->products[p].id, q, sfx);
                    HP_CALL(commit_row(m, j, k, t, x, -1, name, len));
                }
                for (int s = 0; !of->commit_hard && s < in->n_scenarios; s++) {
                    int x = hp_model_xcol(m, s, j, p, t);
                    if (x < 0)
                        continue;
                    snprintf(name, len, "commit[%s,%s,%s,%s]", in->scenarios[s].name, sj->id,
                             in->products[p].id, q);
                    HP_CALL(commit_row(m, j, k, t, x, s, name, len));
                }
            }
        }
    }
cleanup:
    return st;
}

/* Reserve releases r (like spot in the balance), the stock row, and the
 * terminal row and credit, per scenario and product. */
static hp_status reserve_terminal(hp_model *m, char *name, size_t len)
{
    hp_status st = HP_OK;
    const hp_instance *in = m->inst;
    int T = in->T;
    char q[32];
    for (int s = 0; s < in->n_scenarios; s++) {
        const char *sn = in->scenarios[s].name;
        double pi = in->scenarios[s].probability;
        for (int p = 0; p < in->n_products; p++) {
            const hp_product *pr = &in->products[p];
            size_t sp = (size_t)s * (size_t)in->n_products + (size_t)p;
            if (pr->has_reserve) {
                int tot = -1;
                for (int t = 0; t < T; t++) {
                    size_t i = hpi_si(in, s, p, t);
                    double ub = fmin(pr->reserve_limit[t], pr->reserve_stock);
                    if (ub <= 0.0)
                        continue;
                    if (!hp_reserve_open(in, s, p, t))
                        ub = 0.0;
                    hp_quarter_label(in, t, q, sizeof q);
                    snprintf(name, len, "r[%s,%s,%s]", sn, pr->id, q);
                    HP_CALL(col(m->lp, name, 0.0, ub, &m->res_r[i]));
                    HP_CALL(hp_lp_add_coef(m->lp, m->bal_row[i], m->res_r[i], -1.0));
                    HP_CALL(hp_lp_add_coef(m->lp, m->spend_row, m->res_r[i],
                                           -pi * 1000.0 * pr->reserve_price));
                    if (tot < 0) {
                        snprintf(name, len, "reserve[%s,%s]", sn, pr->id);
                        HP_CALL(row(m->lp, name, -HUGE_VAL, pr->reserve_stock, &tot));
                    }
                    HP_CALL(hp_lp_add_coef(m->lp, tot, m->res_r[i], 1.0));
                }
            }
            if (pr->has_terminal) {
                int last = m->inv[hpi_si(in, s, p, T - 1)];
                if (pr->terminal_target > 0.0) {
                    snprintf(name, len, "eT[%s,%s]", sn, pr->id);
                    HP_CALL(col(m->lp, name, 0.0, HUGE_VAL, &m->term_e[sp]));
                    snprintf(name, len, "terminal[%s,%s]", sn, pr->id);
                    HP_CALL(row(m->lp, name, pr->terminal_target, HUGE_VAL, &m->term_row[sp]));
                    HP_CALL(hp_lp_add_coef(m->lp, m->term_row[sp], last, 1.0));
                    HP_CALL(hp_lp_add_coef(m->lp, m->term_row[sp], m->term_e[sp], 1.0));
                    HP_CALL(hp_lp_add_coef(m->lp, m->penalty_row, m->term_e[sp],
                                           -pi * pr->terminal_penalty));
                }
            }
        }
    }
cleanup:
    return st;
}

double hpi_inv_cost(const hp_instance *in, int p, int t)
{
    const hp_product *pr = &in->products[p];
    double c = pr->holding_cost;
    if (t == in->T - 1 && pr->has_terminal)
        c -= 1000.0 * pr->terminal_value;
    return c;
}

hp_status hpi_model_second(hp_model *m)
{
    hp_status st = HP_OK;
    char name[768];
    HP_CALL(coproduction(m, name, sizeof name));
    HP_CALL(commitments(m, name, sizeof name));
    HP_CALL(reserve_terminal(m, name, sizeof name));
cleanup:
    return st;
}
