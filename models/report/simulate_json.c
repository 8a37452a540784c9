/* JSON report of a simulation (keys of ../shared/CLI.md "JSON of simulate"
 * plus added ones).
 *
 * One plan: the keys sit at the top level ({"samples", "seed", "cost",
 * "shortage", ...}).  Several plans (--compare-objectives): the top level
 * keeps what they share (instance, samples, seed, paths, recourse) and
 * "plans" lists one object per plan with the per-plan keys.  Reals carry 15
 * significant digits, as in the plan report. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

/* A new object attached to parent under key; NULL when either fails (the
 * parent owns whatever was made). */
static json_t *child(json_t *parent, const char *key)
{
    json_t *c = json_object();
    return hpi_jput(parent, key, c) ? c : NULL;
}

static json_t *jreal(double v)
{
    return hpi_jreal(v, 0.0);
}

static json_t *jstat(const hp_mc_stat *s, int shortage, double prob, double prob_se)
{
    json_t *o = json_object();
    int ok = o && hpi_jput(o, "mean", jreal(s->mean)) && hpi_jput(o, "se", jreal(s->se));
    if (shortage)
        ok = ok && hpi_jput(o, "prob_any", jreal(prob)) &&
             hpi_jput(o, "prob_any_se", jreal(prob_se));
    ok = ok && hpi_jput(o, "p50", jreal(s->p50)) && hpi_jput(o, "p90", jreal(s->p90)) &&
         hpi_jput(o, "p95", jreal(s->p95)) && hpi_jput(o, "p99", jreal(s->p99)) &&
         hpi_jput(o, "cvar95", jreal(s->cvar95)) && hpi_jput(o, "min", jreal(s->min)) &&
         hpi_jput(o, "max", jreal(s->max)) && hpi_jput(o, "sd", jreal(s->sd));
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* The penalty per path: its moments only (hp_sim_result.pen). */
static json_t *jmoments(const hp_mc_stat *s)
{
    json_t *o = json_object();
    if (!o || !hpi_jput(o, "mean", jreal(s->mean)) || !hpi_jput(o, "se", jreal(s->se)) ||
        !hpi_jput(o, "min", jreal(s->min)) || !hpi_jput(o, "max", jreal(s->max)) ||
        !hpi_jput(o, "sd", jreal(s->sd))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *jarray(const double *v, int n)
{
    json_t *a = json_array();
    for (int i = 0; a && i < n; i++)
        if (json_array_append_new(a, jreal(v[i])) != 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

static json_t *jhist(const double *edges, const double *prob, int nb)
{
    json_t *o = json_object();
    if (!o || !hpi_jput(o, "edges", jarray(edges, nb + 1)) ||
        !hpi_jput(o, "probability", jarray(prob, nb))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* The per-plan keys into obj. */
static int plan_keys(json_t *obj, const hp_sim_entry *e, const hp_sim_meta *meta)
{
    const hp_sim_result *r = e->sim;
    const hp_plan *p = e->plan;
    json_t *parts = json_object(), *qty = json_object(), *so = json_array(), *h = json_object();
    int ok = parts && qty && so && h;
    ok = ok && hpi_jput(obj, "label", json_string(e->label));
    if (ok && p) {
        json_t *ins;
        ok = hpi_jput(obj, "objective",
                      json_string(p->objective == HP_OBJ_RISK ? "risk" : "cost")) &&
             (ins = child(obj, "in_sample")) != NULL &&
             hpi_jput(ins, "spend", jreal(p->cost_spend)) &&
             hpi_jput(ins, "cost", jreal(p->cost_total)) &&
             hpi_jput(ins, "shortage", jreal(p->shortage)) &&
             hpi_jput(ins, "cvar", jreal(p->cvar)) && hpi_jput(ins, "exposure", jreal(p->exposure));
    }
    /* spend first (MODEL.md "Spend and penalty"): cost = spend + penalty per path */
    ok = ok && hpi_jput(obj, "spend", jstat(&r->spend, 0, 0, 0)) &&
         hpi_jput(obj, "penalty", jmoments(&r->pen)) &&
         hpi_jput(obj, "cost", jstat(&r->cost, 0, 0, 0)) &&
         hpi_jput(obj, "shortage", jstat(&r->shortage, 1, r->prob_short, r->prob_short_se));
    ok = ok && hpi_jput(parts, "purchase", jreal(r->purchase)) &&
         hpi_jput(parts, "contract", jreal(r->contract)) &&
         hpi_jput(parts, "take_or_pay", jreal(r->take_or_pay)) &&
         hpi_jput(parts, "spot", jreal(r->spot)) && hpi_jput(parts, "reserve", jreal(r->reserve)) &&
         hpi_jput(parts, "holding", jreal(r->holding)) &&
         hpi_jput(parts, "terminal_credit", jreal(r->term_credit)) &&
         hpi_jput(parts, "penalty", jreal(r->penalty)) &&
         hpi_jput(parts, "safety", jreal(r->safety)) &&
         hpi_jput(parts, "terminal_penalty", jreal(r->term_penalty)) &&
         hpi_jput(obj, "parts", json_incref(parts));
    ok = ok && hpi_jput(qty, "unmet", jreal(r->unmet_qty)) &&
         hpi_jput(qty, "spot", jreal(r->spot_qty)) &&
         hpi_jput(qty, "reserve", jreal(r->reserve_qty)) &&
         hpi_jput(qty, "terminal_short", jreal(r->term_short_qty)) &&
         hpi_jput(qty, "overflow", jreal(r->overflow_qty)) &&
         hpi_jput(obj, "quantities", json_incref(qty));
    for (int pp = 0; ok && pp < r->P; pp++)
        for (int t = 0; ok && t < r->T; t++) {
            size_t i = (size_t)pp * (size_t)r->T + (size_t)t;
            char q[16];
            json_t *x = json_object();
            hpi_quarter(r->inst, t, q, sizeof q);
            ok = x && json_array_append_new(so, x) == 0 &&
                 hpi_jput(x, "product", json_string(r->inst->products[pp].id)) &&
                 hpi_jput(x, "quarter", json_string(q)) &&
                 hpi_jput(x, "probability", jreal(r->stockout[i])) &&
                 hpi_jput(x, "expected_unmet", jreal(r->unmet[i])) &&
                 hpi_jput(x, "expected_arrivals", jreal(r->arrivals[i])) &&
                 (!r->released || hpi_jput(x, "expected_reserve", jreal(r->released[i])));
        }
    ok = ok && hpi_jput(obj, "stockout", json_incref(so));
    if (ok && r->spend_edges && r->spend_hist)
        ok = hpi_jput(h, "spend", jhist(r->spend_edges, r->spend_hist, r->n_bins));
    ok = ok && hpi_jput(h, "cost", jhist(r->cost_edges, r->cost_hist, r->n_bins)) &&
         hpi_jput(h, "shortage", jhist(r->short_edges, r->short_hist, r->n_bins)) &&
         hpi_jput(obj, "histogram", json_incref(h));
    if (ok && meta && meta->timing) {
        json_t *tm = child(obj, "timing");
        ok = tm && hpi_jput(tm, "seconds", jreal(r->seconds)) &&
             hpi_jput(tm, "paths_per_second",
                      jreal(r->seconds > 0 ? (double)r->n_paths / r->seconds : 0)) &&
             hpi_jput(tm, "threads", json_integer(r->threads)) &&
             hpi_jput(tm, "block", json_integer(r->block)) &&
             hpi_jput(tm, "sampling", jreal(r->t_sample)) &&
             hpi_jput(tm, "arrivals", jreal(r->t_arrivals)) &&
             hpi_jput(tm, "recourse", jreal(r->t_recourse));
    }
    json_decref(parts);
    json_decref(qty);
    json_decref(so);
    json_decref(h);
    return ok;
}

hp_status hpi_sim_json(hpi_writer *o, const hp_sim_entry *e, int n, const hp_sim_meta *meta)
{
    const hp_sim_result *r0 = e[0].sim;
    const hp_instance *in = r0->inst;
    json_t *root = json_object(), *inst = root ? child(root, "instance") : NULL, *fit = NULL;
    hp_status st = HP_ENOMEM;
    int ok = inst && hpi_jput(inst, "name", json_string(in->name));
    if (ok && meta && meta->file)
        ok = hpi_jput(inst, "file", json_string(meta->file));
    if (ok && meta && meta->sha256)
        ok = hpi_jput(inst, "sha256", json_string(meta->sha256));
    ok = ok && hpi_jput(root, "samples", json_integer(r0->n_paths)) &&
         hpi_jput(root, "seed", json_integer((json_int_t)r0->seed)) &&
         hpi_jput(root, "paths", json_string(hp_sim_paths_str(r0->paths))) &&
         hpi_jput(root, "recourse", json_string(hp_recourse_str(r0->recourse))) &&
         hpi_jput(root, "recourse_label", json_string(hp_recourse_label(r0->recourse))) &&
         (r0->rolling_scenarios <= 0 ||
          hpi_jput(root, "rolling_scenarios", json_integer(r0->rolling_scenarios))) &&
         (fit = child(root, "fitted_on")) != NULL;
    if (ok && meta && meta->plan_file) {
        ok = hpi_jput(fit, "plan_file", json_string(meta->plan_file));
    } else if (ok) {
        ok = hpi_jput(fit, "scenarios",
                      json_string(meta && meta->fitted_on_sample ? "sample" : "instance")) &&
             hpi_jput(fit, "count", json_integer(in->n_scenarios));
        if (ok && meta && meta->fitted_on_sample)
            ok = hpi_jput(fit, "seed", json_integer((json_int_t)meta->fit_seed));
    }
    if (ok && n == 1) {
        ok = plan_keys(root, &e[0], meta);
    } else if (ok) {
        json_t *plans = json_array();
        double dm, ds;
        ok = hpi_jput(root, "plans", plans);
        for (int k = 0; ok && k < n; k++) {
            json_t *pk = json_object();
            ok = pk && json_array_append_new(plans, pk) == 0 && plan_keys(pk, &e[k], meta);
        }
        if (ok && n == 2 && hp_sim_paired(e[0].sim, e[1].sim, 0, &dm, &ds)) {
            json_t *df = child(root, "difference"), *dc = df ? child(df, "cost") : NULL;
            ok = dc && hpi_jput(df, "of", json_string(e[1].label)) &&
                 hpi_jput(df, "minus", json_string(e[0].label)) &&
                 hpi_jput(dc, "mean", jreal(dm)) && hpi_jput(dc, "se", jreal(ds));
            if (ok && hp_sim_paired(e[0].sim, e[1].sim, 2, &dm, &ds)) {
                json_t *dsp = child(df, "spend");
                ok = dsp && hpi_jput(dsp, "mean", jreal(dm)) && hpi_jput(dsp, "se", jreal(ds));
            }
            if (ok && hp_sim_paired(e[0].sim, e[1].sim, 1, &dm, &ds)) {
                json_t *dsh = child(df, "shortage");
                ok = dsh && hpi_jput(dsh, "mean", jreal(dm)) && hpi_jput(dsh, "se", jreal(ds));
            }
        }
    }
    if (ok && meta && meta->run)
        ok = hpi_run_put(root, meta->run) == HP_OK;
    if (ok) {
        hpi_json(o, root);
        st = o->st;
    }
    json_decref(root);
    return st;
}
