/* Monte-Carlo stress test of a plan: runs the generic evaluator
 * (solver/montecarlo.h) on the problem and paths of paths.c, or the lp
 * recourse of simulate_lp.c, and summarises the paths. */
#include "simulate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "simulate_roll.h"

const char *hp_sim_paths_str(hp_sim_paths p)
{
    switch (p) {
    case HP_PATHS_SAMPLE:
        return "sample";
    case HP_PATHS_SCENARIOS:
        return "scenarios";
    case HP_PATHS_MIXED:
        return "mixed";
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
    return r == HP_RECOURSE_LP ? "lp" : r == HP_RECOURSE_ROLLING ? "rolling" : "rule";
}

const char *hp_recourse_label(hp_recourse r)
{
    return r == HP_RECOURSE_LP        ? "perfect-information bound"
           : r == HP_RECOURSE_ROLLING ? "rolling re-plan (non-anticipative)"
                                      : "greedy rule (fast screen)";
}

int hp_recourse_parse(const char *s)
{
    if (s && !strcmp(s, "rule"))
        return HP_RECOURSE_RULE;
    if (s && !strcmp(s, "lp"))
        return HP_RECOURSE_LP;
    if (s && !strcmp(s, "rolling"))
        return HP_RECOURSE_ROLLING;
    return -1;
}

void hp_sim_opts_default(hp_sim_opts *o)
{
    memset(o, 0, sizeof *o);
    o->samples = 10000;
    o->seed = 1;
    o->batched = 1;
    o->bins = 20;
    o->rolling_scenarios = HP_ROLLING_SCENARIOS;
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
    free(r->released);
    free(r->path_spend);
    free(r->cost_edges);
    free(r->cost_hist);
    free(r->spend_edges);
    free(r->spend_hist);
    free(r->short_edges);
    free(r->short_hist);
    free(r->path_cost);
    free(r->path_shortage);
    free(r->path_weight);
    free(r);
}

int hp_sim_paired(const hp_sim_result *a, const hp_sim_result *b, int what, double *mean,
                  double *se)
{
    const double *xa, *xb, *w;
    double m = 0.0, W = 0.0, ss = 0.0;
    long N;
    if (!a || !b)
        return 0;
    xa = what == 1 ? a->path_shortage : what == 2 ? a->path_spend : a->path_cost;
    xb = what == 1 ? b->path_shortage : what == 2 ? b->path_spend : b->path_cost;
    if (!xa || !xb || a->n_paths != b->n_paths || a->paths != b->paths || a->seed != b->seed)
        return 0;
    N = a->n_paths;
    w = a->path_weight;
    for (long k = 0; k < N; k++) {
        double wk = w ? w[k] : 1.0;
        m += wk * (xb[k] - xa[k]);
        W += wk;
    }
    m /= W;
    for (long k = 0; k < N; k++) {
        double d = xb[k] - xa[k] - m;
        ss += (w ? w[k] : 1.0) * d * d;
    }
    *mean = m;
    *se = w || N < 2 ? 0.0 : sqrt(ss / (double)(N - 1) / (double)N);
    return 1;
}

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The expected cost parts of a run (fixed cost split into contracts and
 * take-or-pay fees in proportion to the weight of the paths done). */
static void set_parts(hp_sim_result *r, const hpi_sim_problem *sp, const hp_mc_out *mo,
                      const double *w)
{
    double W = 0.0;
    for (long k = 0; k < mo->done; k++)
        W += w ? w[k] : 1.0 / (double)r->n_paths;
    r->purchase = mo->purchase;
    r->contract = W * sp->contract;
    r->take_or_pay = W * sp->fee;
    r->spot = mo->spot_cost;
    r->holding = mo->holding;
    r->reserve = mo->reserve_cost;
    r->term_credit = mo->term_credit;
    r->penalty = mo->shortage_cost;
    r->safety = mo->safety_cost;
    r->term_penalty = mo->term_penalty;
    r->exp_spend = r->purchase + r->contract + r->take_or_pay + r->spot + r->holding + r->reserve -
                   r->term_credit;
    r->exp_penalty = r->penalty + r->safety + r->term_penalty;
    r->unmet_qty = mo->unmet_qty;
    r->spot_qty = mo->spot_qty;
    r->overflow_qty = mo->overflow_qty;
    r->reserve_qty = mo->reserve_qty;
    r->term_short_qty = mo->term_short_qty;
}

/* Mean, standard error (equal weights), sd, min and max of the per-path
 * penalty, cost - spend, as hp_mc_summarise() computes them; quantiles are
 * left 0. */
static void penalty_moments(const hp_sim_result *r, const double *w, long n, hp_mc_stat *s)
{
    double W = 0.0, m = 0.0, ss = 0.0;
    memset(s, 0, sizeof *s);
    s->min = s->max = r->path_cost[0] - r->path_spend[0];
    for (long k = 0; k < n; k++) {
        double wk = w ? w[k] : 1.0, x = r->path_cost[k] - r->path_spend[k];
        W += wk;
        m += wk * x;
        s->min = x < s->min ? x : s->min;
        s->max = x > s->max ? x : s->max;
    }
    m /= W;
    for (long k = 0; k < n; k++) {
        double d = r->path_cost[k] - r->path_spend[k] - m;
        ss += (w ? w[k] : 1.0) * d * d;
    }
    s->mean = m;
    s->sd = w ? sqrt(ss / W) : n > 1 ? sqrt(ss / (double)(n - 1)) : 0.0;
    s->se = w ? 0.0 : s->sd / sqrt((double)n);
}

static hp_status summarise(hp_sim_result *r, const double *w, long n)
{
    hp_status st = HP_OK;
    HP_CALL(hp_mc_summarise(r->path_spend, w, n, &r->spend));
    penalty_moments(r, w, n, &r->pen);
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
    HP_CALL(hp_mc_histogram(r->path_spend, w, n, r->n_bins, r->spend_edges, r->spend_hist));
    HP_CALL(hp_mc_histogram(r->path_shortage, w, n, r->n_bins, r->short_edges, r->short_hist));
cleanup:
    return st;
}

hp_status hp_simulate(const hp_instance *in, const double *x, const int *z, const hp_sim_opts *o,
                      hp_sim_result **out)
{
    hp_status st = HP_OK;
    hpi_sim_problem sp;
    hpi_sim_source src;
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
    if ((in->price_factor || in->spot_factor) &&
        (o->paths == HP_PATHS_MIXED ||
         (o->paths == HP_PATHS_SCENARIOS && o->recourse == HP_RECOURSE_RULE))) {
        /* sampled paths carry availabilities only (their prices are the
         * file's); the lp recourse prices the instance's own scenarios */
        hp_log(0,
               "simulate: %s has price scenarios (price_factor, spot_prices), which simulate "
               "models only with --paths scenarios --recourse lp; sampled paths (--paths "
               "sample) use the file's prices",
               in->file ? in->file : "the instance");
        st = HP_EINVAL;
        goto cleanup;
    }
    if (o->recourse == HP_RECOURSE_ROLLING && o->paths == HP_PATHS_MIXED) {
        hp_log(0, "simulate: the rolling recourse runs on sampled paths or the instance's "
                  "scenarios, not on mixed paths");
        st = HP_EINVAL;
        goto cleanup;
    }
    if (o->recourse == HP_RECOURSE_ROLLING && o->paths == HP_PATHS_SAMPLE &&
        (o->rolling_scenarios < 1 || o->rolling_scenarios > HP_ROLLING_MAX)) {
        st = HP_EINVAL;
        goto cleanup;
    }
    double t0 = wall();
    long n = o->paths == HP_PATHS_SCENARIOS ? in->n_scenarios : o->samples;
    size_t PT = (size_t)in->n_products * (size_t)in->T;
    HP_CALL(hpi_sim_problem_build(in, x, z, &sp));
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
    r->rolling_scenarios = o->recourse == HP_RECOURSE_ROLLING && o->paths == HP_PATHS_SAMPLE
                               ? o->rolling_scenarios
                               : 0;
    r->weighted = o->paths == HP_PATHS_SCENARIOS;
    r->P = in->n_products;
    r->T = in->T;
    r->n_bins = o->bins;
    r->stockout = calloc(PT, sizeof *r->stockout);
    r->unmet = calloc(PT, sizeof *r->unmet);
    r->arrivals = calloc(PT, sizeof *r->arrivals);
    r->released = calloc(PT, sizeof *r->released);
    r->path_spend = malloc((size_t)n * sizeof(double));
    r->cost_edges = calloc((size_t)o->bins + 1, sizeof(double));
    r->short_edges = calloc((size_t)o->bins + 1, sizeof(double));
    r->cost_hist = calloc((size_t)o->bins, sizeof(double));
    r->spend_edges = calloc((size_t)o->bins + 1, sizeof(double));
    r->spend_hist = calloc((size_t)o->bins, sizeof(double));
    r->short_hist = calloc((size_t)o->bins, sizeof(double));
    r->path_cost = malloc((size_t)n * sizeof(double));
    r->path_shortage = malloc((size_t)n * sizeof(double));
    if (!r->stockout || !r->unmet || !r->arrivals || !r->cost_edges || !r->short_edges ||
        !r->cost_hist || !r->short_hist || !r->path_cost || !r->path_shortage || !r->released ||
        !r->path_spend || !r->spend_edges || !r->spend_hist) {
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
    mo.reserve = r->released;
    mo.path_spend = r->path_spend;
    if (o->recourse == HP_RECOURSE_LP) {
        HP_CALL(hpi_sim_run_lp(in, &sp, n, &src, w, o, &mo));
    } else if (o->recourse == HP_RECOURSE_ROLLING) {
        HP_CALL(hpi_sim_run_roll(in, &sp, n, &src, w, o, &mo));
    } else {
        hp_mc_opts mc;
        hp_mc_opts_default(&mc);
        mc.threads = o->threads;
        mc.batched = o->batched;
        mc.path_weight = w;
        mc.progress = o->progress;
        mc.progress_ctx = o->progress_ctx;
        mc.cancel = o->cancel;
        HP_CALL(hp_mc_run(&sp.pb, n, hpi_sim_fill, &src, &mc, &mo));
    }
    r->threads = mo.threads;
    r->block = mo.block;
    r->t_sample = mo.t_fill;
    r->t_arrivals = mo.t_arrivals;
    r->t_recourse = mo.t_recourse;
    r->stopped = mo.stopped;
    set_parts(r, &sp, &mo, w);
    if (!r->stopped)
        HP_CALL(summarise(r, w, n));
    r->seconds = wall() - t0;
    if (!o->keep_paths) {
        free(r->path_cost);
        free(r->path_shortage);
        free(r->path_spend);
        r->path_cost = r->path_shortage = r->path_spend = NULL;
        free(w);
    } else {
        r->path_weight = w;
    }
    w = NULL;
    *out = r;
    r = NULL;
cleanup:
    if (have_sp)
        hpi_sim_problem_free(&sp);
    free(src.cum);
    free(w);
    hp_sim_result_free(r);
    return st;
}
