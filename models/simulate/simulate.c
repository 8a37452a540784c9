/* Monte-Carlo stress test of a plan: maps the instance and plan onto the
 * generic evaluator (solver/montecarlo.h), runs it (or the lp recourse of
 * simulate_lp.c) and summarises the paths. */
#include "simulate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../instance/sample.h"
#include "simulate_int.h"

const char *hp_sim_paths_str(hp_sim_paths p)
{
    switch (p) {
    case HP_PATHS_SAMPLE: return "sample";
    case HP_PATHS_SCENARIOS: return "scenarios";
    case HP_PATHS_MIXED: return "mixed";
    }
    return "?";
}

int hp_sim_paths_parse(const char *s)
{
    if (!s)
        return -1;
    if (!strcmp(s, "sample"))
        return HP_PATHS_SAMPLE;
    if (!strcmp(s, "scenarios"))
        return HP_PATHS_SCENARIOS;
    if (!strcmp(s, "mixed"))
        return HP_PATHS_MIXED;
    return -1;
}

const char *hp_recourse_str(hp_recourse r)
{
    return r == HP_RECOURSE_LP ? "lp" : "rule";
}

int hp_recourse_parse(const char *s)
{
    if (s && !strcmp(s, "rule"))
        return HP_RECOURSE_RULE;
    if (s && !strcmp(s, "lp"))
        return HP_RECOURSE_LP;
    return -1;
}

void hp_sim_opts_default(hp_sim_opts *o)
{
    memset(o, 0, sizeof *o);
    o->samples = 10000;
    o->seed = 1;
    o->batched = 1;
    o->bins = 20;
}

void hp_sim_problem_free(hp_sim_problem *sp)
{
    if (!sp)
        return;
    free(sp->plan);
    free(sp->item);
    free(sp->ip);
    memset(sp, 0, sizeof *sp);
}

hp_status hp_sim_problem_build(const hp_instance *in, const double *x, const int *z,
                               hp_sim_problem *sp)
{
    hp_status st = HP_OK;
    int J = in->n_suppliers, P = in->n_products, T = in->T;
    size_t PT = (size_t)P * (size_t)T, ncol = PT + 1;
    memset(sp, 0, sizeof *sp);
    sp->plan = calloc((size_t)J * (size_t)T * ncol, sizeof *sp->plan);
    sp->item = calloc(6 * (size_t)P, sizeof *sp->item);
    sp->ip = calloc(5 * PT, sizeof *sp->ip);
    if (!sp->plan || !sp->item || !sp->ip) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    double fixed = 0.0;
    for (int j = 0; j < J; j++) {
        const hp_supplier *s = &in->suppliers[j];
        if (z && z[j] && s->has_contract)
            fixed += s->fixed_cost;
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
    for (int p = 0; p < P; p++) {
        const hp_product *pr = &in->products[p];
        sp->item[0 * P + p] = pr->initial_inventory;
        sp->item[1 * P + p] = pr->holding_cost;
        sp->item[2 * P + p] = pr->has_storage_limit ? pr->storage_limit : HUGE_VAL;
        sp->item[3 * P + p] = pr->shortage_penalty;
        sp->item[4 * P + p] = pr->safety_penalty;
        sp->item[5 * P + p] = pr->criticality;
        for (int t = 0; t < T; t++) {
            size_t it = (size_t)p * (size_t)T + (size_t)t;
            sp->ip[0 * PT + it] = pr->demand[t];
            sp->ip[1 * PT + it] = pr->in_transit[t];
            sp->ip[2 * PT + it] = pr->safety_stock[t];
            sp->ip[3 * PT + it] = pr->has_spot ? 1000.0 * pr->spot_price[t] : 0.0;
            sp->ip[4 * PT + it] = pr->has_spot ? pr->spot_limit[t] : 0.0;
        }
    }
    hp_mc_problem pb = {.n_src = J * T, .n_item = P, .n_per = T, .plan = sp->plan,
                        .fixed_cost = fixed, .init = sp->item, .hold = sp->item + P,
                        .cap = sp->item + 2 * P, .short_pen = sp->item + 3 * P,
                        .safety_pen = sp->item + 4 * P, .weight = sp->item + 5 * P,
                        .demand = sp->ip, .inflow = sp->ip + PT, .safety = sp->ip + 2 * PT,
                        .spot_cost = sp->ip + 3 * PT, .spot_limit = sp->ip + 4 * PT};
    sp->pb = pb;
cleanup:
    if (st != HP_OK)
        hp_sim_problem_free(sp);
    return st;
}

hp_status hp_sim_fill(void *ctx, long first, long n, double *avail)
{
    const hp_sim_source *src = ctx;
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

hp_status hp_sim_plan_arrays(const hp_plan *p, double **x, int **z)
{
    const hp_instance *in = p->inst;
    size_t J = (size_t)in->n_suppliers, P = (size_t)in->n_products, T = (size_t)in->T;
    *x = calloc(J * P * T, sizeof **x);
    *z = calloc(J, sizeof **z);
    if (!*x || !*z) {
        free(*x);
        free(*z);
        *x = NULL;
        *z = NULL;
        return HP_ENOMEM;
    }
    for (int k = 0; k < p->n_orders; k++) {
        const hp_order *o = &p->orders[k];
        (*x)[((size_t)o->supplier * P + (size_t)o->product) * T + (size_t)o->ship] += o->quantity;
    }
    for (size_t j = 0; j < J; j++)
        (*z)[j] = p->contract ? p->contract[j] > 0 : 0;
    return HP_OK;
}

void hp_sim_result_free(hp_sim_result *r)
{
    if (!r)
        return;
    free(r->stockout);
    free(r->unmet);
    free(r->arrivals);
    free(r->cost_edges);
    free(r->cost_hist);
    free(r->short_edges);
    free(r->short_hist);
    free(r->path_cost);
    free(r->path_shortage);
    free(r->path_weight);
    free(r);
}

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static hp_status summarise(hp_sim_result *r, const double *w, long n)
{
    hp_status st = HP_OK;
    HP_CALL(hp_mc_summarise(r->path_cost, w, n, &r->cost));
    HP_CALL(hp_mc_summarise(r->path_shortage, w, n, &r->shortage));
    double pa = 0.0, W = 0.0;
    for (long k = 0; k < n; k++) {
        double wk = w ? w[k] : 1.0;
        W += wk;
        pa += r->path_shortage[k] > HP_MC_STOCKOUT_TOL ? wk : 0.0;
    }
    r->prob_short = pa / W;
    r->prob_short_se = w ? 0.0 : sqrt(r->prob_short * (1.0 - r->prob_short) / (double)n);
    HP_CALL(hp_mc_histogram(r->path_cost, w, n, r->n_bins, r->cost_edges, r->cost_hist));
    HP_CALL(hp_mc_histogram(r->path_shortage, w, n, r->n_bins, r->short_edges, r->short_hist));
cleanup:
    return st;
}

hp_status hp_simulate(const hp_instance *in, const double *x, const int *z, const hp_sim_opts *o,
                      hp_sim_result **out)
{
    hp_status st = HP_OK;
    hp_sim_problem sp;
    hp_sim_source src;
    hp_sim_result *r = NULL;
    hp_mc_out mo;
    double *w = NULL;
    int have_sp = 0;
    memset(&src, 0, sizeof src);
    *out = NULL;
    if (!in || !x || !o || (o->paths != HP_PATHS_SCENARIOS && o->samples < 1) || o->bins < 1) {
        st = HP_EINVAL;
        goto cleanup;
    }
    double t0 = wall();
    long n = o->paths == HP_PATHS_SCENARIOS ? in->n_scenarios : o->samples;
    size_t PT = (size_t)in->n_products * (size_t)in->T;
    HP_CALL(hp_sim_problem_build(in, x, z, &sp));
    have_sp = 1;
    src.in = in;
    src.seed = o->seed;
    src.paths = o->paths;
    if (o->paths == HP_PATHS_MIXED) {
        src.cum = malloc((size_t)in->n_scenarios * sizeof *src.cum);
        if (!src.cum) {
            st = HP_ENOMEM;
            goto cleanup;
        }
        double c = 0.0;
        for (int s = 0; s < in->n_scenarios; s++)
            src.cum[s] = c += in->scenarios[s].probability;
    }
    r = calloc(1, sizeof *r);
    if (!r) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    r->inst = in;
    r->n_paths = n;
    r->seed = o->seed;
    r->paths = o->paths;
    r->recourse = o->recourse;
    r->weighted = o->paths == HP_PATHS_SCENARIOS;
    r->P = in->n_products;
    r->T = in->T;
    r->n_bins = o->bins;
    r->stockout = calloc(PT, sizeof *r->stockout);
    r->unmet = calloc(PT, sizeof *r->unmet);
    r->arrivals = calloc(PT, sizeof *r->arrivals);
    r->cost_edges = calloc((size_t)o->bins + 1, sizeof(double));
    r->short_edges = calloc((size_t)o->bins + 1, sizeof(double));
    r->cost_hist = calloc((size_t)o->bins, sizeof(double));
    r->short_hist = calloc((size_t)o->bins, sizeof(double));
    r->path_cost = malloc((size_t)n * sizeof(double));
    r->path_shortage = malloc((size_t)n * sizeof(double));
    if (!r->stockout || !r->unmet || !r->arrivals || !r->cost_edges || !r->short_edges ||
        !r->cost_hist || !r->short_hist || !r->path_cost || !r->path_shortage) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    if (r->weighted) {
        w = malloc((size_t)n * sizeof *w);
        if (!w) {
            st = HP_ENOMEM;
            goto cleanup;
        }
        for (long k = 0; k < n; k++)
            w[k] = in->scenarios[k].probability;
    }
    memset(&mo, 0, sizeof mo);
    mo.path_cost = r->path_cost;
    mo.path_shortage = r->path_shortage;
    mo.stockout = r->stockout;
    mo.unmet = r->unmet;
    mo.arrivals = r->arrivals;
    if (o->recourse == HP_RECOURSE_LP) {
        HP_CALL(hp_sim_run_lp(in, &sp, n, &src, w, o, &mo));
    } else {
        hp_mc_opts mc;
        hp_mc_opts_default(&mc);
        mc.threads = o->threads;
        mc.batched = o->batched;
        mc.path_weight = w;
        mc.progress = o->progress;
        mc.progress_ctx = o->progress_ctx;
        mc.cancel = o->cancel;
        HP_CALL(hp_mc_run(&sp.pb, n, hp_sim_fill, &src, &mc, &mo));
    }
    r->threads = mo.threads;
    r->block = mo.block;
    r->t_sample = mo.t_fill;
    r->t_arrivals = mo.t_arrivals;
    r->t_recourse = mo.t_recourse;
    r->stopped = mo.stopped;
    r->purchase = mo.purchase;
    r->contract = mo.fixed;
    r->spot = mo.spot_cost;
    r->holding = mo.holding;
    r->penalty = mo.shortage_cost;
    r->safety = mo.safety_cost;
    r->unmet_qty = mo.unmet_qty;
    r->spot_qty = mo.spot_qty;
    r->overflow_qty = mo.overflow_qty;
    if (!r->stopped)
        HP_CALL(summarise(r, w, n));
    r->seconds = wall() - t0;
    if (!o->keep_paths) {
        free(r->path_cost);
        free(r->path_shortage);
        r->path_cost = r->path_shortage = NULL;
        free(w);
    } else {
        r->path_weight = w;
    }
    w = NULL;
    *out = r;
    r = NULL;
cleanup:
    if (have_sp)
        hp_sim_problem_free(&sp);
    free(src.cum);
    free(w);
    hp_sim_result_free(r);
    return st;
}
