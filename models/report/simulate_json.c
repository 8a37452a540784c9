/* JSON report of a simulation (keys of ../shared/CLI.md "JSON of simulate"
 * plus added ones) and the gnuplot script of its histogram chart.
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

#include "../simulate/simulate_int.h"

#define JFLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

static int put(json_t *obj, const char *key, json_t *v)
{
    return v && json_object_set_new(obj, key, v) == 0;
}

/* A new object attached to parent under key; NULL when either fails (the
 * parent owns whatever was made). */
static json_t *child(json_t *parent, const char *key)
{
    json_t *c = json_object();
    return put(parent, key, c) ? c : NULL;
}

static json_t *jreal(double v)
{
    return isfinite(v) ? json_real(hp_rep_nz(v)) : json_null();
}

static json_t *jstat(const hp_mc_stat *s, int shortage, double prob, double prob_se)
{
    json_t *o = json_object();
    int ok = o && put(o, "mean", jreal(s->mean)) && put(o, "se", jreal(s->se));
    if (shortage)
        ok = ok && put(o, "prob_any", jreal(prob)) && put(o, "prob_any_se", jreal(prob_se));
    ok = ok && put(o, "p50", jreal(s->p50)) && put(o, "p90", jreal(s->p90)) &&
         put(o, "p95", jreal(s->p95)) && put(o, "p99", jreal(s->p99)) &&
         put(o, "cvar95", jreal(s->cvar95)) && put(o, "min", jreal(s->min)) &&
         put(o, "max", jreal(s->max)) && put(o, "sd", jreal(s->sd));
    if (!ok) {
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
    if (!o || !put(o, "edges", jarray(edges, nb + 1)) || !put(o, "probability", jarray(prob, nb))) {
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
    ok = ok && put(obj, "label", json_string(e->label));
    if (ok && p) {
        json_t *ins;
        ok = put(obj, "objective", json_string(p->objective == HP_OBJ_RISK ? "risk" : "cost")) &&
             (ins = child(obj, "in_sample")) != NULL && put(ins, "cost", jreal(p->cost_total)) &&
             put(ins, "shortage", jreal(p->shortage)) && put(ins, "cvar", jreal(p->cvar)) &&
             put(ins, "exposure", jreal(p->exposure));
    }
    ok = ok && put(obj, "cost", jstat(&r->cost, 0, 0, 0)) &&
         put(obj, "shortage", jstat(&r->shortage, 1, r->prob_short, r->prob_short_se));
    ok = ok && put(parts, "purchase", jreal(r->purchase)) && put(parts, "contract", jreal(r->contract)) &&
         put(parts, "spot", jreal(r->spot)) && put(parts, "holding", jreal(r->holding)) &&
         put(parts, "penalty", jreal(r->penalty)) && put(parts, "safety", jreal(r->safety)) &&
         put(obj, "parts", json_incref(parts));
    ok = ok && put(qty, "unmet", jreal(r->unmet_qty)) && put(qty, "spot", jreal(r->spot_qty)) &&
         put(qty, "overflow", jreal(r->overflow_qty)) && put(obj, "quantities", json_incref(qty));
    for (int pp = 0; ok && pp < r->P; pp++)
        for (int t = 0; ok && t < r->T; t++) {
            size_t i = (size_t)pp * (size_t)r->T + (size_t)t;
            char q[16];
            json_t *x = json_object();
            hp_rep_quarter(r->inst, t, q, sizeof q);
            ok = x && json_array_append_new(so, x) == 0 &&
                 put(x, "product", json_string(r->inst->products[pp].id)) &&
                 put(x, "quarter", json_string(q)) && put(x, "probability", jreal(r->stockout[i])) &&
                 put(x, "expected_unmet", jreal(r->unmet[i])) &&
                 put(x, "expected_arrivals", jreal(r->arrivals[i]));
        }
    ok = ok && put(obj, "stockout", json_incref(so));
    ok = ok && put(h, "cost", jhist(r->cost_edges, r->cost_hist, r->n_bins)) &&
         put(h, "shortage", jhist(r->short_edges, r->short_hist, r->n_bins)) &&
         put(obj, "histogram", json_incref(h));
    if (ok && meta && meta->timing) {
        json_t *tm = child(obj, "timing");
        ok = tm && put(tm, "seconds", jreal(r->seconds)) &&
             put(tm, "paths_per_second", jreal(r->seconds > 0 ? (double)r->n_paths / r->seconds : 0)) &&
             put(tm, "threads", json_integer(r->threads)) && put(tm, "block", json_integer(r->block)) &&
             put(tm, "sampling", jreal(r->t_sample)) && put(tm, "arrivals", jreal(r->t_arrivals)) &&
             put(tm, "recourse", jreal(r->t_recourse));
    }
    json_decref(parts);
    json_decref(qty);
    json_decref(so);
    json_decref(h);
    return ok;
}

hp_status hp_sim_report_json(hp_out *o, const hp_sim_entry *e, int n, const hp_sim_meta *meta)
{
    const hp_sim_result *r0 = e[0].sim;
    const hp_instance *in = r0->inst;
    json_t *root = json_object(), *inst = root ? child(root, "instance") : NULL, *fit = NULL;
    hp_status st = HP_ENOMEM;
    int ok = inst && put(inst, "name", json_string(in->name));
    if (ok && meta && meta->file)
        ok = put(inst, "file", json_string(meta->file));
    if (ok && meta && meta->sha256)
        ok = put(inst, "sha256", json_string(meta->sha256));
    ok = ok && put(root, "samples", json_integer(r0->n_paths)) &&
         put(root, "seed", json_integer((json_int_t)r0->seed)) &&
         put(root, "paths", json_string(hp_sim_paths_str(r0->paths))) &&
         put(root, "recourse", json_string(hp_recourse_str(r0->recourse))) &&
         (fit = child(root, "fitted_on")) != NULL;
    if (ok && meta && meta->plan_file) {
        ok = put(fit, "plan_file", json_string(meta->plan_file));
    } else if (ok) {
        ok = put(fit, "scenarios", json_string(meta && meta->fitted_on_sample ? "sample" : "instance")) &&
             put(fit, "count", json_integer(in->n_scenarios));
        if (ok && meta && meta->fitted_on_sample)
            ok = put(fit, "seed", json_integer((json_int_t)meta->fit_seed));
    }
    if (ok && n == 1) {
        ok = plan_keys(root, &e[0], meta);
    } else if (ok) {
        json_t *plans = json_array();
        double dm, ds;
        ok = put(root, "plans", plans);
        for (int k = 0; ok && k < n; k++) {
            json_t *pk = json_object();
            ok = pk && json_array_append_new(plans, pk) == 0 && plan_keys(pk, &e[k], meta);
        }
        if (ok && hp_sim_paired(e, n, 0, &dm, &ds)) {
            json_t *df = child(root, "difference"), *dc = df ? child(df, "cost") : NULL;
            ok = dc && put(df, "of", json_string(e[1].label)) &&
                 put(df, "minus", json_string(e[0].label)) && put(dc, "mean", jreal(dm)) &&
                 put(dc, "se", jreal(ds));
            if (ok && hp_sim_paired(e, n, 1, &dm, &ds)) {
                json_t *dsh = child(df, "shortage");
                ok = dsh && put(dsh, "mean", jreal(dm)) && put(dsh, "se", jreal(ds));
            }
        }
    }
    if (ok) {
        st = HP_OK;
        if (json_dumpf(root, o->f, JFLAGS) != 0)
            st = HP_EIO;
        else
            hp_out_puts(o, "\n");
    }
    json_decref(root);
    return st;
}

/* Common bins over the entries, from the kept paths when there are any,
 * else each entry's own histogram. */
static void hist_block(FILE *f, const hp_sim_entry *e, int n, int k, int shortage, int nb)
{
    const hp_sim_result *r = e[k].sim;
    const double *x0 = shortage ? r->path_shortage : r->path_cost;
    double scale = shortage ? 1.0 : 1e6;
    if (!x0) {
        const double *ed = shortage ? r->short_edges : r->cost_edges;
        const double *pr = shortage ? r->short_hist : r->cost_hist;
        for (int b = 0; b < r->n_bins; b++) {
            double wb = (ed[b + 1] - ed[b]) / n;
            fprintf(f, "%.10g %.10g %.10g\n",
                    (ed[b] + wb * (k + 0.5)) / scale, (wb > 0 ? wb : 1.0) / scale, pr[b]);
        }
        return;
    }
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (int m = 0; m < n; m++) {
        const double *x = shortage ? e[m].sim->path_shortage : e[m].sim->path_cost;
        if (!x)
            continue;
        for (long i = 0; i < e[m].sim->n_paths; i++) {
            lo = x[i] < lo ? x[i] : lo;
            hi = x[i] > hi ? x[i] : hi;
        }
    }
    double w = (hi - lo) / nb, *p = calloc((size_t)nb, sizeof *p), W = 0.0;
    if (!p)
        return;
    for (long i = 0; i < r->n_paths; i++) {
        int b = w > 0 ? (int)((x0[i] - lo) / w) : 0;
        b = b >= nb ? nb - 1 : b < 0 ? 0 : b;
        double wi = r->path_weight ? r->path_weight[i] : 1.0;
        p[b] += wi;
        W += wi;
    }
    /* the entries' bars side by side within each bin */
    for (int b = 0; b < nb; b++)
        fprintf(f, "%.10g %.10g %.10g\n", (lo + w * b + w / n * (k + 0.5)) / scale,
                (w > 0 ? w / n : 1.0) / scale, p[b] / W);
    free(p);
}

hp_status hp_sim_chart_script(const hp_sim_entry *e, int n, char **script, char **data,
                              size_t *data_len)
{
    char *sbuf = NULL;
    size_t slen = 0;
    FILE *d = open_memstream(data, data_len);
    FILE *s = NULL;
    *script = NULL;
    if (!d)
        return HP_ENOMEM;
    s = open_memstream(&sbuf, &slen);
    if (!s) {
        fclose(d);
        free(*data);
        *data = NULL;
        return HP_ENOMEM;
    }
    int nb = e[0].sim->n_bins;
    for (int k = 0; k < n; k++) {
        hist_block(d, e, n, k, 0, nb);
        fprintf(d, "\n\n");
        hist_block(d, e, n, k, 1, nb);
        fprintf(d, "\n\n");
    }
    fprintf(s, "set multiplot layout 1,2 title \"Monte-Carlo stress test: %ld paths\"\n",
            e[0].sim->n_paths);
    fprintf(s, "set style fill solid 0.8 noborder\nset ylabel \"probability\"\n"
               "set key top right\nset grid ytics\n");
    for (int m = 0; m < 2; m++) {
        fprintf(s, "set title \"%s\"\nset xlabel \"%s\"\nplot ", m ? "Shortage per path" : "Cost per path",
                m ? "t (criticality-weighted)" : "USD m");
        for (int k = 0; k < n; k++) {
            char lab[64];
            size_t j = 0;
            for (const char *c = e[k].label; *c && j < sizeof lab - 1; c++)
                lab[j++] = *c == '"' ? '\'' : *c;
            lab[j] = 0;
            fprintf(s, "%s\"hist.dat\" index %d using 1:3:2 with boxes title \"%s\"", k ? ", " : "",
                    2 * k + m, lab);
        }
        fprintf(s, "\n");
    }
    fprintf(s, "unset multiplot\n");
    int bad = ferror(s) || ferror(d);
    bad |= fclose(s) != 0;
    bad |= fclose(d) != 0;
    if (bad) {
        free(sbuf);
        free(*data);
        *data = NULL;
        return HP_ENOMEM;
    }
    *script = sbuf;
    return HP_OK;
}
