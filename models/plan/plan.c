/* hreeplan: a plan read back from a solution (see models/plan.h).
 *
 * Everything a report shows is recomputed here from the primal values of the
 * model's own variables (x, z, y, u, I, v), never from the COST, RISK, eta or
 * xi columns, which the objective may have left anywhere feasible (MODEL.md:
 * "each computed from the plan itself").  Choices:
 * - values below 1e-9 in magnitude are read as 0 (solver noise); orders of
 *   at most HP_ORDER_TOL t are not listed (still costed);
 * - the cost of scenario s pays purchases on what arrives in s
 *   (1000 c a[s,j,t] x), so that sum_s pi_s scen_cost[s] = cost_total;
 * - duals are d(objective)/d(rhs) as the backend returns them: for a balance
 *   row the rhs is R - d (+ I0), so the value is what one more tonne in
 *   transit is worth (<= 0 when it saves cost), summed over scenarios;
 * - a dual's region is the supplier's region for capacity rows and the
 *   restriction's region for quota and share rows; its product is set for a
 *   restriction on exactly one product, else -1. */
#include "plan.h"

#include "../../solver/montecarlo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ZERO_TOL 1e-9

const char *hp_dual_kind_str(hp_dual_kind k)
{
    switch (k) {
    case HP_DUAL_CAPACITY:
        return "capacity";
    case HP_DUAL_QUOTA:
        return "quota";
    case HP_DUAL_SHARE:
        return "share";
    case HP_DUAL_BALANCE:
        return "balance";
    }
    return "unknown";
}

static double val(const double *x, int col)
{
    double v;
    if (col < 0)
        return 0.0;
    v = x[col];
    return fabs(v) < ZERO_TOL ? 0.0 : v;
}

static size_t fi(const hp_instance *in, int j, int p, int t)
{
    return ((size_t)j * (size_t)in->n_products + (size_t)p) * (size_t)in->T + (size_t)t;
}

static size_t si(const hp_instance *in, int s, int p, int t)
{
    return ((size_t)s * (size_t)in->n_products + (size_t)p) * (size_t)in->T + (size_t)t;
}

static hp_status push_dual(hp_plan *pl, int *cap, const hp_dual *d)
{
    if (pl->n_duals == *cap) {
        int nc = *cap ? *cap * 2 : 64;
        hp_dual *nd = realloc(pl->duals, (size_t)nc * sizeof *nd);
        if (!nd)
            return HP_ENOMEM;
        pl->duals = nd;
        *cap = nc;
    }
    pl->duals[pl->n_duals++] = *d;
    return HP_OK;
}

typedef struct push_ctx {
    hp_plan *pl;
    int cap;
} push_ctx;

static hp_status push_cb(void *ctx, const hp_dual *d, const int *rows, int n_rows, double base)
{
    push_ctx *c = ctx;
    (void)rows;
    (void)n_rows;
    (void)base;
    return push_dual(c->pl, &c->cap, d);
}

hp_status hp_plan_each_dual(const hp_model *m, const double *y, hp_dual_fn fn, void *ctx)
{
    hp_status st = HP_OK;
    const hp_instance *in = m->inst;
    int T = in->T, S = in->n_scenarios, *rows = NULL;
    hp_dual d;

    rows = malloc((size_t)S * sizeof *rows);
    if (!rows)
        return HP_ENOMEM;
    memset(&d, 0, sizeof d);
    for (int t = 0; t < T; t++)
        for (int j = 0; j < in->n_suppliers; j++)
            for (int p = 0; p < in->n_products; p++) {
                int r = m->cap_row[fi(in, j, p, t)];
                const hp_offer *of = hp_offer_find(in, j, p);
                if (r < 0 || fabs(y[r]) < ZERO_TOL)
                    continue;
                d = (hp_dual){
                    HP_DUAL_CAPACITY, j, in->suppliers[j].region_idx, p, t, -1, y[r], 0, 0.0, 0.0};
                HP_CALL(fn(ctx, &d, &r, 1, of ? of->capacity[t] : 0.0));
            }
    for (int k = 0; k < in->n_restrictions; k++) {
        const hp_restriction *rs = &in->restrictions[k];
        int prod = rs->n_products == 1 ? rs->products[0] : -1;
        for (int t = 0; t < T; t++) {
            size_t i = (size_t)k * (size_t)T + (size_t)t;
            if (m->quota_row[i] >= 0 && fabs(y[m->quota_row[i]]) >= ZERO_TOL) {
                d = (hp_dual){HP_DUAL_QUOTA, -1, rs->region_idx, prod, t, -1, y[m->quota_row[i]], 0,
                              0.0,           0.0};
                HP_CALL(fn(ctx, &d, &m->quota_row[i], 1, rs->limit ? rs->limit[t] : 0.0));
            }
            if (m->share_row[i] >= 0 && fabs(y[m->share_row[i]]) >= ZERO_TOL) {
                int q = rs->scope == HP_SCOPE_HORIZON ? -1 : t;
                d = (hp_dual){HP_DUAL_SHARE, -1, rs->region_idx, prod, q, -1, y[m->share_row[i]], 0,
                              0.0,           0.0};
                HP_CALL(fn(ctx, &d, &m->share_row[i], 1, 0.0));
            }
        }
    }
    for (int p = 0; p < in->n_products; p++)
        for (int t = 0; t < T; t++) {
            double sum = 0.0;
            int n = 0;
            for (int s = 0; s < S; s++) {
                int r = m->bal_row[si(in, s, p, t)];
                if (r >= 0) {
                    sum += y[r];
                    rows[n++] = r;
                }
            }
            if (fabs(sum) < ZERO_TOL || n == 0)
                continue;
            d = (hp_dual){HP_DUAL_BALANCE, -1, -1, p, t, -1, sum, 0, 0.0, 0.0};
            HP_CALL(fn(ctx, &d, rows, n, in->products[p].in_transit[t]));
        }
cleanup:
    free(rows);
    return st;
}

static hp_status extract_duals(const hp_model *m, const double *y, hp_plan *pl)
{
    push_ctx c = {pl, 0};
    return hp_plan_each_dual(m, y, push_cb, &c);
}

/* One order of j, p shipped in t by group n (-1: shared) with q t. */
static void fill_order(const hp_model *m, hp_order *o, int j, int p, int t, int n, double q)
{
    const hp_instance *in = m->inst;
    const hp_offer *of = hp_offer_find(in, j, p);
    size_t nj = (size_t)n * (size_t)in->n_suppliers + (size_t)j;
    o->supplier = j;
    o->product = p;
    o->ship = t;
    o->arrive = t + in->suppliers[j].lead_time;
    o->quantity = q;
    o->node = n;
    o->probability = n < 0 ? 1.0 : m->tree->prob[n];
    o->expected_qty = (n < 0 ? hp_avail_mean(in, j, t) : m->node_avail[nj]) * q;
    o->price = of ? of->price[t] : 0.0;
    o->expected_cost = 1000.0 * o->price * (n < 0 ? hp_paid_mean(in, j, t) : m->node_paid[nj]) * q;
}

/* Orders by ship quarter, supplier, product (and node): the loop order
 * gives it. */
static hp_status extract_orders(const hp_model *m, const double *x, hp_plan *pl)
{
    const hp_instance *in = m->inst;
    int n = 0;

    for (int pass = 0; pass < 2; pass++) {
        n = 0;
        for (int t = 0; t < in->T; t++)
            for (int j = 0; j < in->n_suppliers; j++)
                for (int p = 0; p < in->n_products; p++) {
                    int lo, hi;
                    hp_model_order_groups(m, t, &lo, &hi);
                    for (int g = lo; g < hi; g++) {
                        double q = val(x, hp_model_xcol_node(m, g, j, p, t));
                        if (q <= HP_ORDER_TOL)
                            continue;
                        if (pass == 1)
                            fill_order(m, &pl->orders[n], j, p, t, g, q);
                        n++;
                    }
                }
        if (pass == 0) {
            pl->orders = calloc((size_t)(n ? n : 1), sizeof *pl->orders);
            if (!pl->orders)
                return HP_ENOMEM;
        }
    }
    pl->n_orders = n;
    return HP_OK;
}

/* Balance (expectations), cost split, scenario shortage and cost. */
static void extract_recourse(const hp_model *m, const double *x, hp_plan *pl)
{
    const hp_instance *in = m->inst;
    int T = in->T;

    for (int p = 0; p < in->n_products; p++) {
        const hp_product *pr = &in->products[p];
        for (int t = 0; t < T; t++) {
            hp_balance *b = &pl->balance[p * T + t];
            b->product = p;
            b->quarter = t;
            b->demand = pr->demand[t];
            b->in_transit = pr->in_transit[t];
        }
    }
    for (int s = 0; s < in->n_scenarios; s++) {
        double pi = in->scenarios[s].probability;
        double zs = 0.0, cs = 0.0;
        for (int p = 0; p < in->n_products; p++) {
            const hp_product *pr = &in->products[p];
            for (int t = 0; t < T; t++) {
                size_t i = si(in, s, p, t);
                hp_balance *b = &pl->balance[p * T + t];
                double arr = 0.0, ys = val(x, m->y[i]), us = val(x, m->u[i]);
                double is = val(x, m->inv[i]), vs = val(x, m->v[i]);
                double spot =
                    ys > 0.0 ? 1000.0 * pr->spot_price[t] * hp_spot_factor(in, s, p, t) * ys : 0.0;
                double rs = val(x, m->res_r[i]), res = 1000.0 * pr->reserve_price * rs;
                double credit =
                    t == T - 1 && pr->has_terminal ? 1000.0 * pr->terminal_value * is : 0.0;
                for (int j = 0; j < in->n_suppliers; j++) {
                    int ts = t - in->suppliers[j].lead_time;
                    if (ts >= 0)
                        arr += hp_avail(in, s, j, ts) * val(x, hp_model_xcol(m, s, j, p, ts));
                }
                b->arrivals += pi * arr;
                b->spot += pi * ys;
                b->unmet += pi * us;
                b->inventory += pi * is;
                b->below_safety += pi * vs;
                b->reserve += pi * rs;
                if (pl->scen_balance) {
                    hp_balance *sb = &pl->scen_balance[i];
                    sb->product = p;
                    sb->quarter = t;
                    sb->demand = pr->demand[t];
                    sb->in_transit = pr->in_transit[t];
                    sb->arrivals = arr;
                    sb->spot = ys;
                    sb->unmet = us;
                    sb->inventory = is;
                    sb->below_safety = vs;
                    sb->reserve = rs;
                }
                pl->cost_spot += pi * spot;
                pl->cost_reserve += pi * res;
                pl->cost_terminal_credit += pi * credit;
                cs += res - credit;
                pl->cost_holding += pi * pr->holding_cost * is;
                pl->cost_penalty += pi * (pr->shortage_penalty * us + pr->safety_penalty * vs);
                zs += pr->criticality * us;
                cs += spot + pr->holding_cost * is + pr->shortage_penalty * us +
                      pr->safety_penalty * vs;
            }
        }
        for (int p = 0; p < in->n_products; p++) {
            double e = val(x, m->term_e[(size_t)s * (size_t)in->n_products + (size_t)p]);
            double pe = in->products[p].terminal_penalty * e;
            pl->penalty_terminal += pi * pe;
            pl->cost_penalty += pi * pe;
            cs += pe;
            for (int j = 0; j < in->n_suppliers; j++) {
                const hp_offer *of = hp_offer_find(in, j, p);
                for (int t = 0; of && t < T; t++) {
                    size_t kk = (((size_t)s * (size_t)in->n_suppliers + (size_t)j) *
                                     (size_t)in->n_products +
                                 (size_t)p) *
                                    (size_t)T +
                                (size_t)t;
                    double fee = 1000.0 * of->take_or_pay * val(x, m->top_k[kk]);
                    pl->cost_take_or_pay += pi * fee;
                    cs += fee;
                }
            }
        }
        /* purchases paid on what arrives in this scenario */
        for (int j = 0; j < in->n_suppliers; j++) {
            const hp_supplier *sj = &in->suppliers[j];
            for (int k = 0; k < sj->n_offers; k++)
                for (int t = 0; t < T; t++)
                    cs += 1000.0 * sj->offers[k].price[t] * hp_avail(in, s, j, t) *
                          hp_price_factor(in, s, j, t) *
                          val(x, hp_model_xcol(m, s, j, sj->offers[k].product, t));
        }
        pl->scen_shortage[s] = zs;
        pl->scen_cost[s] = cs;
    }
}

hp_status hp_plan_extract(const hp_model *m, const double *x, const double *y,
                          const hp_solve_result *r, hp_objective obj, hp_plan **out)
{
    hp_status st = HP_OK;
    hp_plan *pl = NULL;
    const hp_instance *in;
    double *probs = NULL, shipped = 0.0;
    int S, T, P, J, G;

    if (!m || !x || !out)
        return HP_EINTERNAL;
    *out = NULL;
    in = m->inst;
    S = in->n_scenarios;
    T = in->T;
    P = in->n_products;
    J = in->n_suppliers;
    G = in->n_regions;

    pl = calloc(1, sizeof *pl);
    if (!pl)
        return HP_ENOMEM;
    pl->inst = in;
    pl->objective = obj;
    pl->measure = m->measure;
    pl->alpha = m->alpha;
    if (r)
        pl->result = *r;
    pl->scen_shortage = calloc((size_t)S, sizeof *pl->scen_shortage);
    pl->scen_cost = calloc((size_t)S, sizeof *pl->scen_cost);
    pl->region_qty = calloc((size_t)(G ? G : 1), sizeof *pl->region_qty);
    pl->region_share = calloc((size_t)(G ? G : 1), sizeof *pl->region_share);
    pl->contract = calloc((size_t)J, sizeof *pl->contract);
    pl->balance = calloc((size_t)P * (size_t)T, sizeof *pl->balance);
    pl->scen_balance = calloc((size_t)S * (size_t)P * (size_t)T + 1, sizeof *pl->scen_balance);
    pl->information = m->information;
    pl->nodes = m->tree ? m->tree->n_nodes : 0;
    probs = malloc((size_t)S * sizeof *probs);
    if (!pl->scen_shortage || !pl->scen_cost || !pl->region_qty || !pl->region_share ||
        !pl->contract || !pl->balance || !pl->scen_balance || !probs) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    pl->n_balance = P * T;

    HP_CALL(extract_orders(m, x, pl));
    if (m->adaptive)
        HP_CALL(hp_plan_node_labels(m, pl));
    extract_recourse(m, x, pl);

    for (int j = 0; j < J; j++) {
        const hp_supplier *sj = &in->suppliers[j];
        double zj = val(x, m->z[j]);
        if (m->z[j] >= 0 && fabs(zj - round(zj)) < 1e-6)
            zj = round(zj);
        pl->contract[j] = m->z[j] >= 0 ? zj > 0.5 : -1;
        if (m->z[j] >= 0) {
            double fc = sj->fixed_cost * zj;
            pl->cost_contract += fc;
            for (int s = 0; s < S; s++)
                pl->scen_cost[s] += fc;
        }
        for (int k = 0; k < sj->n_offers; k++) {
            const hp_offer *of = &sj->offers[k];
            for (int t = 0; t < T; t++) {
                int lo, hi;
                hp_model_order_groups(m, t, &lo, &hi);
                for (int g = lo; g < hi; g++) {
                    /* a node's order counts with the node's probability */
                    size_t nj = (size_t)g * (size_t)J + (size_t)j;
                    double q = val(x, hp_model_xcol_node(m, g, j, of->product, t));
                    double w = g < 0 ? 1.0 : m->tree->prob[g];
                    double ab = g < 0 ? hp_avail_mean(in, j, t) : m->node_avail[nj];
                    double paid = g < 0 ? hp_paid_mean(in, j, t) : m->node_paid[nj];
                    pl->cost_purchase += 1000.0 * of->price[t] * paid * q;
                    pl->exposure += (w - ab) * q;
                    pl->region_qty[sj->region_idx] += w * q;
                    shipped += w * q;
                }
            }
        }
    }
    for (int g = 0; g < G; g++)
        pl->region_share[g] = shipped > 0.0 ? pl->region_qty[g] / shipped : 0.0;
    pl->cost_spend = pl->cost_purchase + pl->cost_contract + pl->cost_spot + pl->cost_holding +
                     pl->cost_reserve + pl->cost_take_or_pay - pl->cost_terminal_credit;
    pl->cost_total = pl->cost_spend + pl->cost_penalty;

    for (int s = 0; s < S; s++) {
        probs[s] = in->scenarios[s].probability;
        pl->shortage += probs[s] * pl->scen_shortage[s];
    }
    if (S > 0)
        HP_CALL(hp_mc_cvar(pl->scen_shortage, probs, S, m->alpha, &pl->cvar));

    if (y)
        HP_CALL(extract_duals(m, y, pl));
    pl->rows = hp_lp_nrows(m->lp);
    pl->cols = hp_lp_ncols(m->lp);
    pl->nnz = hp_lp_nnz(m->lp);
    pl->backend = NULL;
    pl->backend_version = NULL;
    *out = pl;
    pl = NULL;
cleanup:
    free(probs);
    hp_plan_free(pl);
    return st;
}

void hp_plan_free(hp_plan *p)
{
    if (!p)
        return;
    free(p->scen_shortage);
    free(p->scen_cost);
    free(p->region_qty);
    free(p->region_share);
    free(p->contract);
    free(p->orders);
    free(p->balance);
    free(p->scen_balance);
    free(p->duals);
    for (int n = 0; p->node_label && n < p->n_node_labels; n++)
        free(p->node_label[n]);
    free(p->node_label);
    free(p->node_quarter);
    hp_plan_free(p->near_before);
    free(p);
}
