/* hreeplan: the first stage of the formulation (model.h, model_int.h):
 * orders x with capacity, lots, contracts and minimum orders (MODEL.md
 * constraints 2, 3, 4, 9) and the regional quota and share rows (5, 6),
 * on ship quarters.  Under adaptive orders (model_adaptive.c) everything
 * written on a shipment after the first quarter is written once per order
 * group, the tree node of its ship quarter; a horizon share cap is one row
 * per path of the tree. */
#include "model.h"
#include "model_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* 0-based quarter label ("2026Q3") into buf. */
static void qlabel(const hp_instance *in, int t, char *buf, size_t len)
{
    hp_quarter_label(in, t, buf, len);
}

static size_t fidx(const hpi_builder *b, int j, int p, int t)
{
    return ((size_t)j * (size_t)b->P + (size_t)p) * (size_t)b->T + (size_t)t;
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
static int *x_slot(hpi_builder *b, int n, int j, int p, int t)
{
    if (n < 0)
        return &b->m->x[fidx(b, j, p, t)];
    return &b->m->x_node[((size_t)n * (size_t)b->J + (size_t)j) * (size_t)b->P + (size_t)p];
}

static int *lot_slot(hpi_builder *b, int n, int j, int p, int t)
{
    if (n < 0)
        return &b->m->n_lots[fidx(b, j, p, t)];
    return &b->m->lot_node[((size_t)n * (size_t)b->J + (size_t)j) * (size_t)b->P + (size_t)p];
}

static int *o_slot(hpi_builder *b, int n, int j, int t)
{
    if (n < 0)
        return &b->m->o[(size_t)j * (size_t)b->T + (size_t)t];
    return &b->m->o_node[(size_t)n * (size_t)b->J + (size_t)j];
}

/* The order of offer k of supplier j in ship quarter t, group n: x, its
 * capacity row and lots. */
static hp_status build_offer(hpi_builder *b, int j, int k, int t, int n)
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
    hpi_fmt_name(b, "x[%s,%s,%s%s]", sj->id, in->products[p].id, q, sfx);
    HP_CALL(hpi_add_col(b, 0.0, HUGE_VAL, 0, xc));
    hpi_fmt_name(b, "cap[%s,%s,%s%s]", sj->id, in->products[p].id, q, sfx);
    if (sj->has_contract) {
        HP_CALL(hpi_add_row(b, -HUGE_VAL, 0.0, cr));
        HP_CALL(hp_lp_add_coef(b->lp, *cr, *xc, 1.0));
        HP_CALL(hp_lp_add_coef(b->lp, *cr, m->z[j], -K));
    } else {
        HP_CALL(hpi_add_row(b, -HUGE_VAL, K, cr));
        HP_CALL(hp_lp_add_coef(b->lp, *cr, *xc, 1.0));
    }
    if (sj->has_contract && sj->lot > 0.0) {
        double ub = isfinite(K) ? floor(K / sj->lot + 1e-9) : HUGE_VAL;
        int row, *nl = lot_slot(b, n, j, p, t);
        hpi_fmt_name(b, "n[%s,%s,%s%s]", sj->id, in->products[p].id, q, sfx);
        HP_CALL(hpi_add_col(b, 0.0, ub, 1, nl));
        hpi_fmt_name(b, "lot[%s,%s,%s%s]", sj->id, in->products[p].id, q, sfx);
        HP_CALL(hpi_add_row(b, 0.0, 0.0, &row));
        HP_CALL(hp_lp_add_coef(b->lp, row, *xc, 1.0));
        HP_CALL(hp_lp_add_coef(b->lp, row, *nl, -sj->lot));
    }
cleanup:
    return st;
}

/* The minimum order of supplier j in ship quarter t, group n: the binary
 * o with m o <= sum_p x <= (sum_p K) o and o <= z. */
static hp_status build_min_order(hpi_builder *b, int j, int t, int n)
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
    hpi_fmt_name(b, "o[%s,%s%s]", sj->id, q, sfx);
    HP_CALL(hpi_add_col(b, 0.0, 1.0, 1, oc));
    hpi_fmt_name(b, "minord[%s,%s%s]", sj->id, q, sfx);
    HP_CALL(hpi_add_row(b, 0.0, HUGE_VAL, &lo));
    hpi_fmt_name(b, "maxord[%s,%s%s]", sj->id, q, sfx);
    HP_CALL(hpi_add_row(b, -HUGE_VAL, 0.0, &hi));
    for (int k = 0; k < sj->n_offers; k++) {
        int xc = *x_slot(b, n, j, sj->offers[k].product, t);
        sumK += sj->offers[k].capacity[t];
        HP_CALL(hp_lp_add_coef(b->lp, lo, xc, 1.0));
        HP_CALL(hp_lp_add_coef(b->lp, hi, xc, 1.0));
    }
    HP_CALL(hp_lp_add_coef(b->lp, lo, *oc, -sj->min_order));
    HP_CALL(hp_lp_add_coef(b->lp, hi, *oc, -sumK));
    hpi_fmt_name(b, "oz[%s,%s%s]", sj->id, q, sfx);
    HP_CALL(hpi_add_row(b, -HUGE_VAL, 0.0, &link));
    HP_CALL(hp_lp_add_coef(b->lp, link, *oc, 1.0));
    HP_CALL(hp_lp_add_coef(b->lp, link, m->z[j], -1.0));
cleanup:
    return st;
}

/* First stage: x, capacity rows, contracts, minimum orders, lots; with
 * adaptive orders one copy per node of the ship quarter (after quarter 0). */
hp_status hpi_model_first_stage(hpi_builder *b)
{
    hp_status st = HP_OK;
    const hp_instance *in = b->in;
    hp_model *m = b->m;
    int lo, hi;

    for (int j = 0; j < b->J; j++) {
        const hp_supplier *sj = &in->suppliers[j];
        int last = b->T - sj->lead_time; /* ship quarters 0..last-1 */
        if (sj->has_contract) {
            hpi_fmt_name(b, "z[%s]", sj->id);
            HP_CALL(hpi_add_col(b, 0.0, 1.0, 1, &m->z[j]));
        }
        for (int k = 0; k < sj->n_offers; k++)
            for (int t = 0; t < last; t++) {
                hp_model_order_groups(m, t, &lo, &hi);
                for (int n = lo; n < hi; n++)
                    HP_CALL(build_offer(b, j, k, t, n));
            }
        if (sj->has_contract && sj->min_order > 0.0)
            for (int t = 0; t < last; t++) {
                hp_model_order_groups(m, t, &lo, &hi);
                for (int n = lo; n < hi; n++)
                    HP_CALL(build_min_order(b, j, t, n));
            }
    }
    if (in->max_contracts > 0) {
        int row = -1, any = 0;
        for (int j = 0; j < b->J; j++)
            any |= m->z[j] >= 0;
        if (any) {
            hpi_fmt_name(b, "max_contracts");
            HP_CALL(hpi_add_row(b, -HUGE_VAL, (double)in->max_contracts, &row));
            for (int j = 0; j < b->J; j++)
                if (m->z[j] >= 0)
                    HP_CALL(hp_lp_add_coef(b->lp, row, m->z[j], 1.0));
        }
    }
cleanup:
    return st;
}

/* Terms of restriction rs on ship quarter t, order group n. */
static int restriction_terms(hpi_builder *b, const hp_restriction *rs, int t, int n)
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
static hp_status restriction_add(hpi_builder *b, const hp_restriction *rs, int row, int t, int n)
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
static hp_status share_paths(hpi_builder *b, const hp_restriction *rs, const char *lab)
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
                hpi_fmt_name(b, "share[%s,path%d]", lab, s);
                HP_CALL(hpi_add_row(b, -HUGE_VAL, 0.0, &row));
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
hp_status hpi_model_restrictions(hpi_builder *b)
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
            hp_model_order_groups(m, t, &lo, &hi);
            for (int n = lo; n < hi; n++) {
                int slot = -1;
                /* Count terms first so that empty rows are not added. */
                if (restriction_terms(b, rs, t, n) == 0)
                    continue;
                hpi_node_suffix(n, sfx, sizeof sfx);
                if (!horizon || row < 0) {
                    if (rs->type == HP_QUOTA) {
                        qlabel(in, t, q, sizeof q);
                        hpi_fmt_name(b, "quota[%s,%s%s]", lab, q, sfx);
                        HP_CALL(hpi_add_row(b, -HUGE_VAL, rs->limit[t], &row));
                        if (n < 0)
                            m->quota_row[(size_t)r * (size_t)b->T + (size_t)t] = row;
                    } else {
                        if (horizon)
                            hpi_fmt_name(b, "share[%s]", lab);
                        else {
                            qlabel(in, t, q, sizeof q);
                            hpi_fmt_name(b, "share[%s,%s%s]", lab, q, sfx);
                        }
                        HP_CALL(hpi_add_row(b, -HUGE_VAL, 0.0, &slot));
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
