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

/* Build context: the model being filled and a scratch name buffer. */
typedef struct builder {
    const hp_instance *in;
    hp_model *m;
    hp_lp *lp;
    int P, J, T, S;
    char name[768];
} builder;

static void fmt_name(builder *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fmt_name(builder *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(b->name, sizeof b->name, fmt, ap);
    va_end(ap);
}

int *hpi_index_map(size_t n)
{
    int *a = malloc((n ? n : 1) * sizeof *a);
    if (a)
        for (size_t i = 0; i < n; i++)
            a[i] = -1;
    return a;
}

/* 0-based quarter label ("2026Q3") into buf. */
static void qlabel(const hp_instance *in, int t, char *buf, size_t len)
{
    hp_quarter_label(in, t, buf, len);
}

static size_t fidx(const builder *b, int j, int p, int t)
{
    return ((size_t)j * (size_t)b->P + (size_t)p) * (size_t)b->T + (size_t)t;
}

static size_t sidx(const builder *b, int s, int p, int t)
{
    return ((size_t)s * (size_t)b->P + (size_t)p) * (size_t)b->T + (size_t)t;
}

static hp_status add_col(builder *b, double lb, double ub, int is_int, int *out)
{
    int c = hp_lp_add_col(b->lp, b->name, lb, ub, 0.0, is_int);
    if (c < 0)
        return HP_ENOMEM;
    *out = c;
    return HP_OK;
}

static hp_status add_row(builder *b, double lb, double ub, int *out)
{
    int r = hp_lp_add_row(b->lp, b->name, lb, ub);
    if (r < 0)
        return HP_ENOMEM;
    *out = r;
    return HP_OK;
}

/* Label of a restriction in row names: its name, else its region; a label
 * already used by an earlier restriction gets "#k" (k = 1-based index) so
 * that row names stay unique.  Blanks become '_'. */
static void restriction_label(const hp_instance *in, int r, char *buf, size_t len)
{
    const hp_restriction *rs = &in->restrictions[r];
    const char *base = rs->name ? rs->name : in->regions[rs->region_idx];
    int dup = 0;
    for (int k = 0; k < r; k++) {
        const hp_restriction *o = &in->restrictions[k];
        const char *ob = o->name ? o->name : in->regions[o->region_idx];
        if (strcmp(ob, base) == 0)
            dup = 1;
    }
    if (dup)
        snprintf(buf, len, "%s#%d", base, r + 1);
    else
        snprintf(buf, len, "%s", base);
    for (char *c = buf; *c; c++)
        if (*c == ' ' || *c == '\t' || *c == '\n')
            *c = '_';
}

static int restriction_has_product(const hp_restriction *rs, int p)
{
    for (int k = 0; k < rs->n_products; k++)
        if (rs->products[k] == p)
            return 1;
    return 0;
}

/* The slot of x[j,p,t]'s column in order group n (-1: shared), and the
 * slots of its lots, its capacity row (shared group only) and of
 * j's minimum-order binary and co-production output. */
static int *x_slot(builder *b, int n, int j, int p, int t)
{
    if (n < 0)
        return &b->m->x[fidx(b, j, p, t)];
    return &b->m->x_node[((size_t)n * (size_t)b->J + (size_t)j) * (size_t)b->P + (size_t)p];
}

static int *lot_slot(builder *b, int n, int j, int p, int t)
{
    if (n < 0)
        return &b->m->n_lots[fidx(b, j, p, t)];
    return &b->m->lot_node[((size_t)n * (size_t)b->J + (size_t)j) * (size_t)b->P + (size_t)p];
}

static int *o_slot(builder *b, int n, int j, int t)
{
    if (n < 0)
        return &b->m->o[(size_t)j * (size_t)b->T + (size_t)t];
    return &b->m->o_node[(size_t)n * (size_t)b->J + (size_t)j];
}

/* The order of offer k of supplier j in ship quarter t, group n: x, its
 * capacity row and lots. */
static hp_status build_offer(builder *b, int j, int k, int t, int n)
{
    hp_status st = HP_OK;
    const hp_instance *in = b->in;
    hp_model *m = b->m;
    const hp_supplier *sj = &in->suppliers[j];
    const hp_offer *of = &sj->offers[k];
    int p = of->product, *xc = x_slot(b, n, j, p, t), node_cap = -1;
    int *cr = n < 0 ? &m->cap_row[fidx(b, j, p, t)] : &node_cap;
    double K = of->capacity[t];
    char q[32], sfx[24];

    qlabel(in, t, q, sizeof q);
    hpi_node_suffix(n, sfx, sizeof sfx);
    fmt_name(b, "x[%s,%s,%s%s]", sj->id, in->products[p].id, q, sfx);
    HP_CALL(add_col(b, 0.0, HUGE_VAL, 0, xc));
    fmt_name(b, "cap[%s,%s,%s%s]", sj->id, in->products[p].id, q, sfx);
    if (sj->has_contract) {
        HP_CALL(add_row(b, -HUGE_VAL, 0.0, cr));
        HP_CALL(hp_lp_add_coef(b->lp, *cr, *xc, 1.0));
        HP_CALL(hp_lp_add_coef(b->lp, *cr, m->z[j], -K));
    } else {
        HP_CALL(add_row(b, -HUGE_VAL, K, cr));
        HP_CALL(hp_lp_add_coef(b->lp, *cr, *xc, 1.0));
    }
    if (sj->has_contract && sj->lot > 0.0) {
        double ub = isfinite(K) ? floor(K / sj->lot + 1e-9) : HUGE_VAL;
        int row, *nl = lot_slot(b, n, j, p, t);
        fmt_name(b, "n[%s,%s,%s%s]", sj->id, in->products[p].id, q, sfx);
        HP_CALL(add_col(b, 0.0, ub, 1, nl));
        fmt_name(b, "lot[%s,%s,%s%s]", sj->id, in->products[p].id, q, sfx);
        HP_CALL(add_row(b, 0.0, 0.0, &row));
        HP_CALL(hp_lp_add_coef(b->lp, row, *xc, 1.0));
        HP_CALL(hp_lp_add_coef(b->lp, row, *nl, -sj->lot));
    }
cleanup:
    return st;
}

/* The minimum order of supplier j in ship quarter t, group n: the binary
 * o with m o <= sum_p x <= (sum_p K) o and o <= z. */
static hp_status build_min_order(builder *b, int j, int t, int n)
{
    hp_status st = HP_OK;
    const hp_instance *in = b->in;
    hp_model *m = b->m;
    const hp_supplier *sj = &in->suppliers[j];
    int lo, hi, link, *oc = o_slot(b, n, j, t);
    double sumK = 0.0;
    char q[32], sfx[24];

    qlabel(in, t, q, sizeof q);
    hpi_node_suffix(n, sfx, sizeof sfx);
    fmt_name(b, "o[%s,%s%s]", sj->id, q, sfx);
    HP_CALL(add_col(b, 0.0, 1.0, 1, oc));
    fmt_name(b, "minord[%s,%s%s]", sj->id, q, sfx);
    HP_CALL(add_row(b, 0.0, HUGE_VAL, &lo));
    fmt_name(b, "maxord[%s,%s%s]", sj->id, q, sfx);
    HP_CALL(add_row(b, -HUGE_VAL, 0.0, &hi));
    for (int k = 0; k < sj->n_offers; k++) {
        int xc = *x_slot(b, n, j, sj->offers[k].product, t);
        sumK += sj->offers[k].capacity[t];
        HP_CALL(hp_lp_add_coef(b->lp, lo, xc, 1.0));
        HP_CALL(hp_lp_add_coef(b->lp, hi, xc, 1.0));
    }
    HP_CALL(hp_lp_add_coef(b->lp, lo, *oc, -sj->min_order));
    HP_CALL(hp_lp_add_coef(b->lp, hi, *oc, -sumK));
    fmt_name(b, "oz[%s,%s%s]", sj->id, q, sfx);
    HP_CALL(add_row(b, -HUGE_VAL, 0.0, &link));
    HP_CALL(hp_lp_add_coef(b->lp, link, *oc, 1.0));
    HP_CALL(hp_lp_add_coef(b->lp, link, m->z[j], -1.0));
cleanup:
    return st;
}

/* First stage: x, capacity rows, contracts, minimum orders, lots; with
 * adaptive orders one copy per node of the ship quarter (after quarter 0). */
static hp_status build_first_stage(builder *b)
{
    hp_status st = HP_OK;
    const hp_instance *in = b->in;
    hp_model *m = b->m;
    int lo, hi;

    for (int j = 0; j < b->J; j++) {
        const hp_supplier *sj = &in->suppliers[j];
        int last = b->T - sj->lead_time; /* ship quarters 0..last-1 */
        if (sj->has_contract) {
            fmt_name(b, "z[%s]", sj->id);
            HP_CALL(add_col(b, 0.0, 1.0, 1, &m->z[j]));
        }
        for (int k = 0; k < sj->n_offers; k++)
            for (int t = 0; t < last; t++) {
                hpi_order_groups(m, t, &lo, &hi);
                for (int n = lo; n < hi; n++)
                    HP_CALL(build_offer(b, j, k, t, n));
            }
        if (sj->has_contract && sj->min_order > 0.0)
            for (int t = 0; t < last; t++) {
                hpi_order_groups(m, t, &lo, &hi);
                for (int n = lo; n < hi; n++)
                    HP_CALL(build_min_order(b, j, t, n));
            }
    }
    if (in->max_contracts > 0) {
        int row = -1, any = 0;
        for (int j = 0; j < b->J; j++)
            any |= m->z[j] >= 0;
        if (any) {
            fmt_name(b, "max_contracts");
            HP_CALL(add_row(b, -HUGE_VAL, (double)in->max_contracts, &row));
            for (int j = 0; j < b->J; j++)
                if (m->z[j] >= 0)
                    HP_CALL(hp_lp_add_coef(b->lp, row, m->z[j], 1.0));
        }
    }
cleanup:
    return st;
}

/* Terms of restriction rs on ship quarter t, order group n. */
static int restriction_terms(builder *b, const hp_restriction *rs, int t, int n)
{
    int nterms = 0;
    for (int j = 0; j < b->J; j++) {
        int inreg = b->in->suppliers[j].region_idx == rs->region_idx;
        if (rs->type == HP_QUOTA && !inreg)
            continue;
        for (int p = 0; p < b->P; p++)
            if (restriction_has_product(rs, p) && hp_model_xcol_node(b->m, n, j, p, t) >= 0)
                nterms++;
    }
    return nterms;
}

/* Adds the terms of rs on ship quarter t, group n, to row. */
static hp_status restriction_add(builder *b, const hp_restriction *rs, int row, int t, int n)
{
    hp_status st = HP_OK;
    for (int j = 0; j < b->J; j++) {
        int inreg = b->in->suppliers[j].region_idx == rs->region_idx;
        double coef;
        if (rs->type == HP_QUOTA) {
            if (!inreg)
                continue;
            coef = 1.0;
        } else {
            coef = (inreg ? 1.0 : 0.0) - rs->max_share;
        }
        for (int p = 0; p < b->P; p++) {
            int c = hp_model_xcol_node(b->m, n, j, p, t);
            if (c >= 0 && restriction_has_product(rs, p))
                HP_CALL(hp_lp_add_coef(b->lp, row, c, coef));
        }
    }
cleanup:
    return st;
}

/* A horizon share cap under adaptive orders: one row per path of the tree
 * (per node of the last quarter, through its first scenario). */
static hp_status share_paths(builder *b, const hp_restriction *rs, const char *lab)
{
    hp_status st = HP_OK;
    const hp_tree *tr = b->m->tree;
    for (int s = 0; s < b->S; s++) {
        int row = -1;
        if (b->T < 1 || hp_tree_rep(tr, s, b->T - 1) != s)
            continue;
        for (int t = 0; t < b->T; t++) {
            int n = hp_model_order_node(b->m, s, t);
            if (restriction_terms(b, rs, t, n) == 0)
                continue;
            if (row < 0) {
                fmt_name(b, "share[%s,path%d]", lab, s);
                HP_CALL(add_row(b, -HUGE_VAL, 0.0, &row));
            }
            HP_CALL(restriction_add(b, rs, row, t, n));
        }
    }
cleanup:
    return st;
}

/* Quota and share rows (MODEL.md constraints 5 and 6), on ship quarters;
 * with adaptive orders per order group (the row maps keep the shared
 * group's rows only). */
static hp_status build_restrictions(builder *b)
{
    hp_status st = HP_OK;
    const hp_instance *in = b->in;
    hp_model *m = b->m;
    char q[32], lab[HP_ID_MAX * 4 + 16], sfx[24];

    for (int r = 0; r < in->n_restrictions; r++) {
        const hp_restriction *rs = &in->restrictions[r];
        int horizon = rs->type == HP_SHARE && rs->scope == HP_SCOPE_HORIZON;
        int row = -1;
        restriction_label(in, r, lab, sizeof lab);
        if (horizon && m->adaptive) {
            HP_CALL(share_paths(b, rs, lab));
            continue;
        }
        for (int t = 0; t < b->T; t++) {
            int lo, hi;
            hpi_order_groups(m, t, &lo, &hi);
            for (int n = lo; n < hi; n++) {
                int slot = -1;
                /* Count terms first so that empty rows are not added. */
                if (restriction_terms(b, rs, t, n) == 0)
                    continue;
                hpi_node_suffix(n, sfx, sizeof sfx);
                if (!horizon || row < 0) {
                    if (rs->type == HP_QUOTA) {
                        qlabel(in, t, q, sizeof q);
                        fmt_name(b, "quota[%s,%s%s]", lab, q, sfx);
                        HP_CALL(add_row(b, -HUGE_VAL, rs->limit[t], &row));
                        if (n < 0)
                            m->quota_row[(size_t)r * (size_t)b->T + (size_t)t] = row;
                    } else {
                        if (horizon)
                            fmt_name(b, "share[%s]", lab);
                        else {
                            qlabel(in, t, q, sizeof q);
                            fmt_name(b, "share[%s,%s%s]", lab, q, sfx);
                        }
                        HP_CALL(add_row(b, -HUGE_VAL, 0.0, &slot));
                        row = slot;
                        if (n < 0)
                            m->share_row[(size_t)r * (size_t)b->T + (size_t)(horizon ? 0 : t)] =
                                row;
                    }
                }
                HP_CALL(restriction_add(b, rs, row, t, n));
            }
        }
    }
cleanup:
    return st;
}

/* Second stage per scenario: y, u, I, v, balance and safety-stock rows. */
static hp_status build_recourse(builder *b)
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
                fmt_name(b, "inv[%s,%s,%s]", sn, pr->id, q);
                HP_CALL(add_col(b, 0.0, pr->has_storage_limit ? pr->storage_limit : HUGE_VAL, 0,
                                &m->inv[i]));
                fmt_name(b, "u[%s,%s,%s]", sn, pr->id, q);
                HP_CALL(add_col(b, 0.0, pr->demand[t], 0, &m->u[i]));
                if (pr->has_spot) {
                    fmt_name(b, "y[%s,%s,%s]", sn, pr->id, q);
                    HP_CALL(add_col(b, 0.0, pr->spot_limit[t], 0, &m->y[i]));
                }
                if (pr->safety_stock[t] > 0.0) {
                    int row;
                    fmt_name(b, "v[%s,%s,%s]", sn, pr->id, q);
                    HP_CALL(add_col(b, 0.0, HUGE_VAL, 0, &m->v[i]));
                    fmt_name(b, "ss[%s,%s,%s]", sn, pr->id, q);
                    HP_CALL(add_row(b, pr->safety_stock[t], HUGE_VAL, &row));
                    HP_CALL(hp_lp_add_coef(b->lp, row, m->inv[i], 1.0));
                    HP_CALL(hp_lp_add_coef(b->lp, row, m->v[i], 1.0));
                }
                if (t == 0)
                    rhs += pr->initial_inventory;
                fmt_name(b, "bal[%s,%s,%s]", sn, pr->id, q);
                HP_CALL(add_row(b, rhs, rhs, &m->bal_row[i]));
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
static hp_status build_objectives(builder *b)
{
    hp_status st = HP_OK;
    const hp_instance *in = b->in;
    hp_model *m = b->m;
    int row, srow, prow;

    fmt_name(b, "COST");
    HP_CALL(add_col(b, -HUGE_VAL, HUGE_VAL, 0, &m->cost_col));
    fmt_name(b, "RISK");
    HP_CALL(add_col(b, 0.0, HUGE_VAL, 0, &m->risk_col));
    fmt_name(b, "SPEND");
    HP_CALL(add_col(b, -HUGE_VAL, HUGE_VAL, 0, &m->spend_col));
    fmt_name(b, "PENALTY");
    HP_CALL(add_col(b, -HUGE_VAL, HUGE_VAL, 0, &m->penalty_col));

    /* cost_def: COST - SPEND - PENALTY = 0 */
    fmt_name(b, "cost_def");
    HP_CALL(add_row(b, 0.0, 0.0, &row));
    m->cost_row = row;
    HP_CALL(hp_lp_add_coef(b->lp, row, m->cost_col, 1.0));
    HP_CALL(hp_lp_add_coef(b->lp, row, m->spend_col, -1.0));
    HP_CALL(hp_lp_add_coef(b->lp, row, m->penalty_col, -1.0));

    /* spend_def: SPEND - (purchases + contracts + spot + holding) = 0 */
    fmt_name(b, "spend_def");
    HP_CALL(add_row(b, 0.0, 0.0, &srow));
    m->spend_row = srow;
    HP_CALL(hp_lp_add_coef(b->lp, srow, m->spend_col, 1.0));
    /* penalty_def: PENALTY - (shortage + safety-stock penalties) = 0 */
    fmt_name(b, "penalty_def");
    HP_CALL(add_row(b, 0.0, 0.0, &prow));
    m->penalty_row = prow;
    HP_CALL(hp_lp_add_coef(b->lp, prow, m->penalty_col, 1.0));
    for (int j = 0; j < b->J; j++) {
        const hp_supplier *sj = &in->suppliers[j];
        for (int k = 0; k < sj->n_offers; k++) {
            const hp_offer *of = &sj->offers[k];
            for (int t = 0; t < b->T; t++) {
                int lo, hi;
                hpi_order_groups(m, t, &lo, &hi);
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
        fmt_name(b, "eta");
        HP_CALL(add_col(b, -HUGE_VAL, HUGE_VAL, 0, &m->eta_col));
        for (int s = 0; s < b->S; s++) {
            int r;
            fmt_name(b, "xi[%s]", in->scenarios[s].name);
            HP_CALL(add_col(b, 0.0, HUGE_VAL, 0, &m->xi[s]));
            /* xi_s + eta - Z_s >= 0 */
            fmt_name(b, "cvar[%s]", in->scenarios[s].name);
            HP_CALL(add_row(b, 0.0, HUGE_VAL, &r));
            HP_CALL(hp_lp_add_coef(b->lp, r, m->xi[s], 1.0));
            HP_CALL(hp_lp_add_coef(b->lp, r, m->eta_col, 1.0));
            for (int p = 0; p < b->P; p++)
                for (int t = 0; t < b->T; t++)
                    HP_CALL(hp_lp_add_coef(b->lp, r, m->u[sidx(b, s, p, t)],
                                           -in->products[p].criticality));
        }
    }
    fmt_name(b, "risk_def");
    HP_CALL(add_row(b, 0.0, 0.0, &row));
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
                    hpi_order_groups(m, t, &lo, &hi);
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
    builder b;

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
    HP_CALL(build_first_stage(&b));
    HP_CALL(build_restrictions(&b));
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
