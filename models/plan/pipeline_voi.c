/* hreeplan model layer: the value of information and of the stochastic
 * solution (MODEL.md "Value of information", docs/model.md), on the
 * expected-cost objective (spend + penalty):
 *   WS  = sum_s pi_s (least cost of the instance with scenario s alone);
 *   EV  = the first-stage decisions (x, n, z, o, b) of the least-cost plan
 *         for the mean scenario (availability abar, price factor
 *         paid/abar so that purchases cost what they cost in expectation,
 *         spot price factor the mean);
 *   EEV = the least expected cost over all scenarios with the first stage
 *         fixed at EV (HUGE_VAL when some scenario then has no plan);
 *   RP  = the least expected cost over all scenarios (the stochastic plan);
 *   EVPI = RP - WS, VSS = EEV - RP.
 * Every value is the plan's expected cost recomputed from its variables
 * (plan.c), each solve on the extensive form of its instance.  Sampled
 * scenarios are those the plan was solved on (same sample). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline_int.h"

#define say hpi_pipeline_say

/* An instance with one scenario, borrowing everything else from src. */
typedef struct view {
    hp_instance in;
    hp_scenario sc;
    double *avail, *pf, *spf;
} view;

static size_t jt(const hp_instance *in, int j, int t)
{
    return (size_t)j * (size_t)in->T + (size_t)t;
}

/* s >= 0: scenario s alone; s < 0: the mean scenario. */
static hp_status view_make(const hp_instance *src, int s, view *v)
{
    size_t nj = (size_t)src->n_suppliers * (size_t)src->T;
    size_t np = (size_t)src->n_products * (size_t)src->T;
    memset(v, 0, sizeof *v);
    v->in = *src;
    v->avail = malloc((nj ? nj : 1) * sizeof *v->avail);
    if (src->price_factor)
        v->pf = malloc((nj ? nj : 1) * sizeof *v->pf);
    if (src->spot_factor)
        v->spf = calloc(np ? np : 1, sizeof *v->spf);
    if (!v->avail || (src->price_factor && !v->pf) || (src->spot_factor && !v->spf))
        return HP_ENOMEM;
    if (s >= 0) {
        v->sc = src->scenarios[s];
        memcpy(v->avail, src->avail + (size_t)s * nj, nj * sizeof *v->avail);
        if (v->pf)
            memcpy(v->pf, src->price_factor + (size_t)s * nj, nj * sizeof *v->pf);
        if (v->spf)
            memcpy(v->spf, src->spot_factor + (size_t)s * np, np * sizeof *v->spf);
    } else {
        v->sc.name = (char *)"mean";
        for (int j = 0; j < src->n_suppliers; j++)
            for (int t = 0; t < src->T; t++) {
                double ab = hp_avail_mean(src, j, t), pfm = 0.0;
                v->avail[jt(src, j, t)] = ab;
                if (!v->pf)
                    continue;
                for (int k = 0; k < src->n_scenarios; k++)
                    pfm += src->scenarios[k].probability * hp_price_factor(src, k, j, t);
                v->pf[jt(src, j, t)] = ab > 0.0 ? hp_paid_mean(src, j, t) / ab : pfm;
            }
        for (int k = 0; v->spf && k < src->n_scenarios; k++)
            for (size_t i = 0; i < np; i++)
                v->spf[i] += src->scenarios[k].probability * src->spot_factor[(size_t)k * np + i];
    }
    v->sc.probability = 1.0;
    v->in.scenarios = &v->sc;
    v->in.n_scenarios = 1;
    v->in.avail = v->avail;
    v->in.price_factor = v->pf;
    v->in.spot_factor = v->spf;
    return HP_OK;
}

static void view_free(view *v)
{
    free(v->avail);
    free(v->pf);
    free(v->spf);
}

/* The first-stage columns of m, in one list (x, n, z, o, b). */
static int first_stage(const hp_model *m, int *cols)
{
    const hp_instance *in = m->inst;
    size_t nf = (size_t)in->n_suppliers * (size_t)in->n_products * (size_t)in->T;
    size_t nj = (size_t)in->n_suppliers * (size_t)in->T;
    int n = 0;
    for (size_t i = 0; i < nf; i++) {
        if (m->x[i] >= 0)
            cols[n++] = m->x[i];
        if (m->n_lots[i] >= 0)
            cols[n++] = m->n_lots[i];
    }
    for (int j = 0; j < in->n_suppliers; j++)
        if (m->z[j] >= 0)
            cols[n++] = m->z[j];
    for (size_t i = 0; i < nj; i++) {
        if (m->o[i] >= 0)
            cols[n++] = m->o[i];
        if (m->co_b && m->co_b[i] >= 0)
            cols[n++] = m->co_b[i];
    }
    return n;
}

/* The least expected cost of inst in *cost (HUGE_VAL when infeasible).
 * fix: the first-stage values of an earlier solve of an instance of the
 * same dimensions (NULL: free); keep: receives the primal values (ncols,
 * allocated here, or NULL). */
static hp_status least_cost(const hp_instance *inst, const hp_model_opts *mo, const hp_plan_opts *o,
                            const double *fix, double *cost, double **keep)
{
    const hp_backend_ops *ops = hp_backend_find(o->backend ? o->backend : "glpk");
    hp_model *m = NULL;
    hp_solver s;
    hp_solve_opts so;
    hp_solve_result r;
    hp_plan *pl = NULL;
    double *x = NULL;
    int *cols = NULL, opened = 0, n;
    hp_status st = HP_OK;

    memset(&s, 0, sizeof s);
    *cost = HUGE_VAL;
    HP_CALL(hp_model_build(inst, mo, &m));
    HP_CALL(hp_solver_open(&s, ops, m->lp, NULL, 0));
    opened = 1;
    n = hp_lp_ncols(m->lp);
    x = malloc((size_t)n * sizeof *x);
    cols = malloc((size_t)n * sizeof *cols);
    if (!x || !cols) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    if (fix) {
        int nc = first_stage(m, cols);
        for (int k = 0; k < nc; k++) {
            int c = cols[k];
            double v = hp_lp_col_is_int(m->lp, c) ? round(fix[c]) : fix[c];
            v = fmin(fmax(v, hp_lp_col_lb(m->lp, c)), hp_lp_col_ub(m->lp, c));
            HP_CALL(s.ops->set_col_bounds(s.h, c, v, v));
        }
    }
    hp_solve_opts_default(&so);
    so.time_limit = o->time_limit;
    so.mip_gap = o->mip_gap;
    so.interrupt = o->interrupt;
    HP_CALL(hp_solver_minimise_col(&s, m->cost_col));
    HP_CALL(hp_solve(&s, &so, &r));
    if (r.status == HP_SOL_INFEASIBLE)
        goto cleanup;
    if (!r.has_solution || r.status == HP_SOL_FAILED || r.status == HP_SOL_UNBOUNDED) {
        st = HP_ESOLVER;
        goto cleanup;
    }
    HP_CALL(s.ops->get_primal(s.h, x));
    HP_CALL(hp_plan_extract(m, x, NULL, &r, HP_OBJ_COST, &pl));
    *cost = pl->cost_total;
    if (keep) {
        *keep = x;
        x = NULL;
    }
cleanup:
    hp_plan_free(pl);
    if (opened)
        hp_solver_close(&s);
    hp_model_free(m);
    free(x);
    free(cols);
    return st;
}

hp_outcome hp_plan_value_of_information(const hp_instance *inst, const hp_model_opts *mo,
                                        const hp_plan_opts *o, hp_plan *plan)
{
    hp_status st = HP_OK;
    view v;
    double *ev = NULL, c, ws = 0.0, eev, rp;
    const char *step = "the recourse problem";
    const int n_solves = inst->n_scenarios + 3;

    memset(&v, 0, sizeof v);
    if (!hp_backend_find(o->backend ? o->backend : "glpk"))
        return HP_OUTCOME_INVALID;
    hpi_pipeline_step(o, "value of information: solve 1 of %d, the recourse problem", n_solves);
    HP_CALL(least_cost(inst, mo, o, NULL, &rp, NULL));
    if (!isfinite(rp)) {
        st = HP_EINFEASIBLE;
        goto cleanup;
    }
    step = "a wait-and-see scenario";
    for (int s = 0; s < inst->n_scenarios; s++) {
        if (hpi_interrupted(o))
            break;
        hpi_pipeline_step(o, "value of information: solve %d of %d, wait-and-see scenario %d of %d",
                          s + 2, n_solves, s + 1, inst->n_scenarios);
        HP_CALL(view_make(inst, s, &v));
        HP_CALL(least_cost(&v.in, mo, o, NULL, &c, NULL));
        view_free(&v);
        memset(&v, 0, sizeof v);
        if (!isfinite(c)) {
            st = HP_EINFEASIBLE;
            goto cleanup;
        }
        ws += inst->scenarios[s].probability * c;
    }
    step = "the expected-value problem";
    if (hpi_interrupted(o))
        goto cleanup;
    hpi_pipeline_step(o, "value of information: solve %d of %d, the expected-value problem",
                      n_solves - 1, n_solves);
    HP_CALL(view_make(inst, -1, &v));
    HP_CALL(least_cost(&v.in, mo, o, NULL, &c, &ev));
    if (!ev) {
        st = HP_EINFEASIBLE;
        goto cleanup;
    }
    step = "the expected-value plan on every scenario";
    hpi_pipeline_step(o,
                      "value of information: solve %d of %d, the expected-value plan on every "
                      "scenario",
                      n_solves, n_solves);
    HP_CALL(least_cost(inst, mo, o, ev, &eev, NULL));
    plan->has_stochastic_value = 1;
    plan->ws = ws;
    plan->rp = rp;
    plan->eev = eev;
    plan->evpi = rp - ws;
    plan->vss = isfinite(eev) ? eev - rp : HUGE_VAL;
cleanup:
    view_free(&v);
    free(ev);
    if (hpi_interrupted(o)) {
        say(o, "%s: interrupted; no value of information", inst->file);
        return HP_OUTCOME_INTERRUPTED;
    }
    if (st == HP_OK)
        return HP_OUTCOME_OK;
    if (st == HP_EINFEASIBLE) {
        say(o, "%s: --value-of-information: %s admits no plan", inst->file, step);
        return HP_OUTCOME_INFEASIBLE;
    }
    say(o, "%s: --value-of-information: solving %s failed: %s", inst->file, step,
        hp_status_str(st));
    return st == HP_ESOLVER ? HP_OUTCOME_STOPPED : HP_OUTCOME_FAILED;
}
