/* Where a simulation's paths come from and what they are evaluated on: the
 * rare-earth plan mapped onto the generic Monte-Carlo problem of
 * solver/montecarlo.h, and the availability of each path (sampled, the
 * instance's scenarios, or both).  Below simulate.c and simulate_lp.c, which
 * both draw paths from here. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../instance/sample.h"
#include "simulate_int.h"

void hpi_sim_problem_free(hpi_sim_problem *sp)
{
    if (!sp)
        return;
    free(sp->plan);
    free(sp->item);
    free(sp->ip);
    free(sp->gate);
    memset(sp, 0, sizeof *sp);
}

/* Take-or-pay fees of the plan: 1000 tp max(0, Cmin z - x) per committed
 * offer and ship quarter with capacity (MODEL.md "Firm offtake"); they do
 * not depend on the path. */
static double take_or_pay(const hp_instance *in, const double *x, const int *z)
{
    double fee = 0.0;
    for (int j = 0; j < in->n_suppliers; j++) {
        const hp_supplier *s = &in->suppliers[j];
        double signed_ = !s->has_contract || (z && z[j]) ? 1.0 : 0.0;
        for (int k = 0; k < s->n_offers; k++) {
            const hp_offer *of = &s->offers[k];
            if (!of->commit_min || of->commit_hard)
                continue;
            for (int t = 0; t + s->lead_time < in->T; t++) {
                double q =
                    x[((size_t)j * (size_t)in->n_products + (size_t)of->product) * (size_t)in->T +
                      (size_t)t];
                if (of->capacity[t] > 0.0)
                    fee += 1000.0 * of->take_or_pay * fmax(0.0, of->commit_min[t] * signed_ - q);
            }
        }
    }
    return fee;
}

hp_status hpi_sim_problem_build(const hp_instance *in, const double *x, const int *z,
                                hpi_sim_problem *sp)
{
    hp_status st = HP_OK;
    int J = in->n_suppliers, P = in->n_products, T = in->T;
    size_t PT = (size_t)P * (size_t)T, ncol = PT + 1;
    memset(sp, 0, sizeof *sp);
    sp->plan = calloc((size_t)J * (size_t)T * ncol, sizeof *sp->plan);
    sp->item = calloc(12 * (size_t)P, sizeof *sp->item);
    sp->ip = calloc(6 * PT, sizeof *sp->ip);
    sp->gate = calloc(PT + 1 + PT * (size_t)J, sizeof *sp->gate);
    if (!sp->plan || !sp->item || !sp->ip || !sp->gate) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (int j = 0; j < J; j++) {
        const hp_supplier *s = &in->suppliers[j];
        if (z && z[j] && s->has_contract)
            sp->contract += s->fixed_cost;
        for (int p = 0; p < P; p++) {
            const hp_offer *of = hp_offer_find(in, j, p);
            for (int t = 0; t < T; t++) {
                double q = x[((size_t)j * (size_t)P + (size_t)p) * (size_t)T + (size_t)t];
                if (!isfinite(q) || q < 0.0 || (q != 0.0 && (!of || t + s->lead_time >= T))) {
                    st = HP_EINVAL;
                    goto cleanup;
                }
                if (q == 0.0)
                    continue;
                double *row = sp->plan + ((size_t)j * (size_t)T + (size_t)t) * ncol;
                row[(size_t)p * (size_t)T + (size_t)(t + s->lead_time)] = q;
                row[PT] += 1000.0 * of->price[t] * q;
            }
        }
    }
    sp->fee = take_or_pay(in, x, z);
    int any_term = 0, any_res = 0, *gcol = sp->gate + PT + 1, ng = 0;
    for (int p = 0; p < P; p++) {
        const hp_product *pr = &in->products[p];
        sp->item[0 * P + p] = pr->initial_inventory;
        sp->item[1 * P + p] = pr->holding_cost;
        sp->item[2 * P + p] = pr->has_storage_limit ? pr->storage_limit : HUGE_VAL;
        sp->item[3 * P + p] = pr->shortage_penalty;
        sp->item[4 * P + p] = pr->safety_penalty;
        sp->item[5 * P + p] = pr->criticality;
        any_term |= pr->has_terminal;
        any_res |= pr->has_reserve;
        if (pr->has_terminal) {
            sp->item[6 * P + p] = pr->terminal_target;
            sp->item[7 * P + p] = pr->terminal_penalty;
            sp->item[8 * P + p] = 1000.0 * pr->terminal_value;
        }
        if (pr->has_reserve) {
            sp->item[9 * P + p] = pr->reserve_stock;
            sp->item[10 * P + p] = 1000.0 * pr->reserve_price;
            sp->item[11 * P + p] = pr->reserve_below;
        }
        for (int t = 0; t < T; t++) {
            size_t it = (size_t)p * (size_t)T + (size_t)t;
            sp->gate[it] = ng;
            if (pr->has_reserve) {
                sp->ip[5 * PT + it] = pr->reserve_limit[t];
                for (int j = 0; j < J; j++)
                    if (in->suppliers[j].region_idx == pr->reserve_region)
                        gcol[ng++] = j * T + t;
            }
            sp->ip[0 * PT + it] = pr->demand[t];
            sp->ip[1 * PT + it] = pr->in_transit[t];
            sp->ip[2 * PT + it] = pr->safety_stock[t];
            sp->ip[3 * PT + it] = pr->has_spot ? 1000.0 * pr->spot_price[t] : 0.0;
            sp->ip[4 * PT + it] = pr->has_spot ? pr->spot_limit[t] : 0.0;
        }
    }
    sp->gate[PT] = ng;
    hp_mc_problem pb = {.n_src = J * T,
                        .n_item = P,
                        .n_per = T,
                        .plan = sp->plan,
                        .fixed_cost = sp->contract + sp->fee,
                        .init = sp->item,
                        .hold = sp->item + P,
                        .cap = sp->item + 2 * P,
                        .short_pen = sp->item + 3 * P,
                        .safety_pen = sp->item + 4 * P,
                        .weight = sp->item + 5 * P,
                        .demand = sp->ip,
                        .inflow = sp->ip + PT,
                        .safety = sp->ip + 2 * PT,
                        .spot_cost = sp->ip + 3 * PT,
                        .spot_limit = sp->ip + 4 * PT};
    if (any_term) {
        pb.term_target = sp->item + 6 * P;
        pb.term_pen = sp->item + 7 * P;
        pb.term_credit = sp->item + 8 * P;
    }
    if (any_res) {
        pb.res_total = sp->item + 9 * P;
        pb.res_price = sp->item + 10 * P;
        pb.res_theta = sp->item + 11 * P;
        pb.res_limit = sp->ip + 5 * PT;
        pb.gate_start = sp->gate;
        pb.gate_col = gcol;
    }
    sp->pb = pb;
cleanup:
    if (st != HP_OK)
        hpi_sim_problem_free(sp);
    return st;
}

hp_status hpi_sim_fill(void *ctx, long first, long n, double *avail)
{
    const hpi_sim_source *src = ctx;
    const hp_instance *in = src->in;
    size_t JT = (size_t)in->n_suppliers * (size_t)in->T;
    hp_status st;
    if (src->paths == HP_PATHS_SCENARIOS) {
        if (first < 0 || first + n > in->n_scenarios)
            return HP_EINVAL;
        memcpy(avail, in->avail + (size_t)first * JT, (size_t)n * JT * sizeof *avail);
        return HP_OK;
    }
    st = hp_sample_avail(in, src->seed, first, n, avail);
    if (st != HP_OK || src->paths != HP_PATHS_MIXED)
        return st;
    for (long k = 0; k < n; k++) {
        double u = hp_sample_uniform(src->seed, first + k, 1);
        int s = 0;
        while (s < in->n_scenarios - 1 && src->cum[s] < u)
            s++;
        const double *as = in->avail + (size_t)s * JT;
        double *a = avail + (size_t)k * JT;
        for (size_t c = 0; c < JT; c++)
            a[c] *= as[c];
    }
    return HP_OK;
}
