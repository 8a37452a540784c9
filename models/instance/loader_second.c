/* hreeplan loader: the settings of MODEL.md's second edition (INSTANCE.md):
 * a product's terminal stock and strategic reserve, an offer's firm
 * offtake (commitment with take-or-pay), a supplier's co-production yields,
 * and the scenarios' price factors.  Checks that need several lists (the
 * reserve's region, the terminal credit against an unlimited spot market)
 * run in hpi_ld_second_checks() once everything else is read. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader_int.h"

static const char *const terminal_keys[] = {"target", "penalty", "value", NULL};
static const char *const reserve_keys[] = {"stock", "region", "below", "limit", "price", NULL};
static const char *const commitment_keys[] = {"min", "fraction", "take_or_pay", NULL};

/* The member `key` of g as a group, with its path in p; NULL when absent
 * or not a group (error reported). */
static const config_setting_t *ld_subgroup(hpi_ld_ctx *L, const config_setting_t *g,
                                           const char *gpath, const char *key, char *p, size_t len)
{
    const config_setting_t *m = hpi_ld_member(L, g, gpath, key, 0);
    if (!m)
        return NULL;
    hpi_ld_path_key(p, len, gpath, key);
    return hpi_ld_group(L, m, p);
}

void hpi_ld_terminal(hpi_ld_ctx *L, const config_setting_t *g, const char *gpath, hp_product *pr)
{
    char p[256], pk[288];
    const config_setting_t *m = ld_subgroup(L, g, gpath, "terminal", p, sizeof p), *pen;
    if (!m)
        return;
    hpi_ld_check_keys(L, m, p, terminal_keys);
    pr->has_terminal = 1;
    pen = config_setting_get_member(m, "penalty");
    if (config_setting_get_member(m, "target")) {
        hpi_ld_member_number(L, m, p, "target", 0, HPI_LD_GE0, HPI_LD_BIG_QTY, "t",
                             &pr->terminal_target);
        if (!pen)
            hpi_ld_error(L, m, p, "penalty (USD per t short) is required with target");
        else
            hpi_ld_member_number(L, m, p, "penalty", 0, HPI_LD_GT0, HPI_LD_BIG_COST, "USD",
                                 &pr->terminal_penalty);
    } else if (pen) {
        hpi_ld_path_key(pk, sizeof pk, p, "penalty");
        hpi_ld_error(L, pen, pk,
                     "only allowed with target (the stock it penalises falling short of)");
    }
    hpi_ld_member_number(L, m, p, "value", 0, HPI_LD_GE0, HPI_LD_BIG_PRICE, "USD/kg",
                         &pr->terminal_value);
}

void hpi_ld_reserve(hpi_ld_ctx *L, const config_setting_t *g, const char *gpath, hp_product *pr)
{
    char p[256];
    const config_setting_t *m = ld_subgroup(L, g, gpath, "reserve", p, sizeof p);
    if (!m)
        return;
    hpi_ld_check_keys(L, m, p, reserve_keys);
    pr->has_reserve = 1;
    pr->reserve_region = -1;
    pr->reserve_below = 1.0;
    hpi_ld_member_number(L, m, p, "stock", 1, HPI_LD_GT0, HPI_LD_BIG_QTY, "t", &pr->reserve_stock);
    hpi_ld_member(L, m, p, "region", 1); /* resolved in hpi_ld_second_checks */
    hpi_ld_member_number(L, m, p, "below", 0, HPI_LD_PROB, 0.0, NULL, &pr->reserve_below);
    hpi_ld_series(L, m, p, "limit", 0, HPI_LD_GE0, HPI_LD_BIG_QTY, "t", HUGE_VAL,
                  &pr->reserve_limit);
    hpi_ld_member_number(L, m, p, "price", 1, HPI_LD_GT0, HPI_LD_BIG_PRICE, "USD/kg",
                         &pr->reserve_price);
}

void hpi_ld_commitment(hpi_ld_ctx *L, const config_setting_t *g, const char *gpath, hp_offer *of)
{
    char p[256], pk[288], q[32];
    const config_setting_t *m = ld_subgroup(L, g, gpath, "commitment", p, sizeof p), *mm, *mf, *tp;
    double frac = 0.0;
    if (!m)
        return;
    hpi_ld_check_keys(L, m, p, commitment_keys);
    mm = config_setting_get_member(m, "min");
    mf = config_setting_get_member(m, "fraction");
    tp = config_setting_get_member(m, "take_or_pay");
    of->commit_hard = tp == NULL;
    if (tp)
        hpi_ld_member_number(L, m, p, "take_or_pay", 0, HPI_LD_GE0, HPI_LD_BIG_PRICE, "USD/kg",
                             &of->take_or_pay);
    if (mm && mf) {
        hpi_ld_error(L, m, p, "give either min or fraction, not both");
        return;
    }
    if (!mm && !mf) {
        hpi_ld_error(L, m, p, "needs min (t per quarter, a series) or fraction (of capacity)");
        return;
    }
    if (mm) {
        hpi_ld_series(L, m, p, "min", 1, HPI_LD_GE0, HPI_LD_BIG_QTY, "t", 0.0, &of->commit_min);
    } else if (hpi_ld_member_number(L, m, p, "fraction", 1, HPI_LD_UNIT, 0.0, NULL, &frac) &&
               L->T > 0 && of->capacity) {
        of->commit_min = hpi_ld_calloc(L, (size_t)L->T, sizeof *of->commit_min);
        for (int t = 0; of->commit_min && t < L->T; t++)
            of->commit_min[t] = frac * of->capacity[t];
    }
    /* a hard minimum above the capacity of a quarter that can ship leaves
     * no plan; with a fee the part above capacity is simply paid for */
    if (mm && of->commit_hard && of->commit_min && of->capacity)
        for (int t = 0; t < L->T; t++)
            if (of->capacity[t] > 0.0 && of->commit_min[t] > of->capacity[t] * (1.0 + 1e-12)) {
                hp_quarter_label(L->in, t, q, sizeof q);
                hpi_ld_path_key(pk, sizeof pk, p, "min");
                hpi_ld_error(
                    L, mm, pk,
                    "exceeds the capacity in %s (%g t) and there is no take_or_pay, got %g", q,
                    of->capacity[t], of->commit_min[t]);
                break;
            }
}

void hpi_ld_coproduction(hpi_ld_ctx *L, const config_setting_t *g, const char *gpath,
                         hp_supplier *su)
{
    char p[256], pk[288], v[96];
    const config_setting_t *m = ld_subgroup(L, g, gpath, "coproduction", p, sizeof p);
    int n;
    if (!m)
        return;
    su->has_coproduction = 1;
    n = config_setting_length(m);
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(m, (unsigned)i);
        const char *key = config_setting_name(e);
        double yv;
        int k, prod = key ? hpi_ld_find(L->product_ids, L->n_product_ids, key) : -1;
        hpi_ld_path_key(pk, sizeof pk, p, key ? key : "?");
        for (k = 0; k < su->n_offers && prod >= 0; k++)
            if (su->offers[k].product == prod)
                break;
        if (prod < 0 || k >= su->n_offers) {
            hpi_ld_value(e, v, sizeof v);
            hpi_ld_error(L, e, pk,
                         "not a product this supplier offers (a yield per offered "
                         "product id), got %s",
                         v);
            continue;
        }
        if (hpi_ld_number(L, e, pk, &yv) &&
            hpi_ld_check(L, e, pk, yv, HPI_LD_GT0, HPI_LD_BIG_WEIGHT, ""))
            su->offers[k].yield = yv;
    }
    for (int k = 0; k < su->n_offers; k++) {
        int prod = su->offers[k].product;
        if (prod >= 0 && prod < L->n_product_ids && L->product_ids[prod] &&
            !config_setting_get_member(m, L->product_ids[prod]))
            hpi_ld_error(L, m, p, "needs a yield for every offered product, missing %s",
                         L->product_ids[prod]);
    }
}

/* Reserve regions (known once the suppliers are read) and the terminal
 * credit: with an unlimited spot market, a credit above some quarter's spot
 * price would make buying without end profitable. */
void hpi_ld_second_checks(hpi_ld_ctx *L, const config_setting_t *root)
{
    hp_instance *in = L->in;
    const config_setting_t *list = config_setting_get_member(root, "products");
    char p[256], q[32];

    if (!list || !in->products || L->T <= 0)
        return;
    for (int i = 0; i < in->n_products; i++) {
        hp_product *pr = &in->products[i];
        const config_setting_t *g = config_setting_get_elem(list, (unsigned)i), *m, *r;
        if (!g)
            continue;
        if (pr->has_reserve && (m = config_setting_get_member(g, "reserve")) &&
            (r = config_setting_get_member(m, "region"))) {
            snprintf(p, sizeof p, "products[%d].reserve.region", i);
            pr->reserve_region = hpi_ld_region_ref(L, r, p);
        }
        if (pr->has_terminal && pr->terminal_value > 0.0 && pr->has_spot && pr->spot_price &&
            pr->spot_limit && (m = config_setting_get_member(g, "terminal")) &&
            (r = config_setting_get_member(m, "value"))) {
            for (int t = 0; t < L->T; t++) {
                double f = 1.0;
                if (isfinite(pr->spot_limit[t]))
                    continue;
                for (int s = 0; s < in->n_scenarios && in->scenarios; s++) {
                    double fs = 1.0;
                    for (int k = 0; k < in->scenarios[s].n_spot; k++) {
                        const hp_spot_event *o = &in->scenarios[s].spot[k];
                        if (o->product == i && o->from <= t && t <= o->to)
                            fs *= o->factor;
                    }
                    f = fmin(f, fs);
                }
                if (pr->terminal_value > pr->spot_price[t] * f) {
                    hp_quarter_label(in, t, q, sizeof q);
                    snprintf(p, sizeof p, "products[%d].terminal.value", i);
                    hpi_ld_error(L, r, p,
                                 "must not exceed the spot price where spot volume is unlimited "
                                 "(%s: %g USD/kg), got %g",
                                 q, pr->spot_price[t] * f, pr->terminal_value);
                    break;
                }
            }
        }
    }
}

/* pf[s,j,t] and the spot factors from the events (NULL when all are 1). */
hp_status hpi_ld_price_factors(hp_instance *in)
{
    size_t J = (size_t)in->n_suppliers, P = (size_t)in->n_products, T = (size_t)in->T;
    int any_pf = 0, any_sp = 0;
    for (int s = 0; s < in->n_scenarios; s++) {
        any_sp |= in->scenarios[s].n_spot > 0;
        for (int e = 0; e < in->scenarios[s].n_events; e++)
            any_pf |= in->scenarios[s].events[e].price_factor != 1.0;
    }
    if (any_pf) {
        size_t size = (size_t)in->n_scenarios * J * T;
        in->price_factor = malloc(size * sizeof *in->price_factor);
        if (!in->price_factor)
            return HP_ENOMEM;
        for (size_t k = 0; k < size; k++)
            in->price_factor[k] = 1.0;
        for (int s = 0; s < in->n_scenarios; s++)
            for (int e = 0; e < in->scenarios[s].n_events; e++) {
                const hp_event *ev = &in->scenarios[s].events[e];
                int t0 = ev->from < 0 ? 0 : ev->from, t1 = ev->to >= in->T ? in->T - 1 : ev->to;
                for (int j = 0; j < in->n_suppliers; j++) {
                    if (ev->supplier >= 0 ? j != ev->supplier
                                          : in->suppliers[j].region_idx != ev->region_idx)
                        continue;
                    for (int t = t0; t <= t1; t++)
                        in->price_factor[((size_t)s * J + (size_t)j) * T + (size_t)t] *=
                            ev->price_factor;
                }
            }
    }
    if (any_sp) {
        size_t size = (size_t)in->n_scenarios * P * T;
        in->spot_factor = malloc(size * sizeof *in->spot_factor);
        if (!in->spot_factor)
            return HP_ENOMEM;
        for (size_t k = 0; k < size; k++)
            in->spot_factor[k] = 1.0;
        for (int s = 0; s < in->n_scenarios; s++)
            for (int e = 0; e < in->scenarios[s].n_spot; e++) {
                const hp_spot_event *se = &in->scenarios[s].spot[e];
                int t0 = se->from < 0 ? 0 : se->from, t1 = se->to >= in->T ? in->T - 1 : se->to;
                for (int t = t0; t <= t1; t++)
                    in->spot_factor[((size_t)s * P + (size_t)se->product) * T + (size_t)t] *=
                        se->factor;
            }
    }
    return HP_OK;
}
