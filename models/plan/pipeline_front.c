/* hreeplan model layer: the cost-risk front of the pipeline (pipeline.h):
 * the epsilon-constraint sweep on one extensive model (solver/pareto.h,
 * warm-starting every point from the previous basis) or the decomposed
 * front (decompose.h). */
#include <stdlib.h>
#include <string.h>

#include "pipeline_int.h"

#define say hpi_pipeline_say

void hp_front_result_free(hp_front_result *r)
{
    if (!r)
        return;
    if (r->plans && r->front)
        for (int i = 0; i < r->front->n; i++)
            hp_plan_free(r->plans[i]);
    free(r->plans);
    hp_plan_free(r->cost_plan);
    hp_pareto_free(r->front);
    memset(r, 0, sizeof *r);
}

static double plan_risk(const hp_plan *p, hp_measure m)
{
    return m == HP_MEASURE_SHORTAGE ? p->shortage : m == HP_MEASURE_CVAR ? p->cvar : p->exposure;
}

typedef struct sweep_ctx {
    const hp_model *m;
    const hp_backend_ops *ops;
    const hp_plan_opts *o;
    hp_plan **plans;
    int n; /**< points */
    hp_front_axis axis;
} sweep_ctx;

/* Reads the plan of a point; its risk is recomputed from the plan itself
 * (MODEL.md), since a cost-minimising solve may leave the RISK column of a
 * CVaR model anywhere between the plan's CVaR and eps. */
static hp_status on_point(void *vctx, hp_pareto_point *pt, const double *x, const double *y)
{
    sweep_ctx *c = vctx;
    hp_plan *pl = NULL;
    hp_status st;
    int n = pt->index;
    (void)y; /* the front reports no duals */
    st =
        hp_plan_extract(c->m, x, NULL, &pt->result, n == c->n - 1 ? HP_OBJ_RISK : HP_OBJ_COST, &pl);
    if (st != HP_OK)
        return st;
    pl->backend = c->ops->name;
    pl->backend_version = c->ops->version();
    pt->cost = c->axis == HP_AXIS_SPEND ? pl->cost_spend : pl->cost_total;
    pt->risk = plan_risk(pl, c->m->measure);
    hp_plan_free(c->plans[n]);
    c->plans[n] = pl;
    return HP_OK;
}

static void on_progress(void *vctx, int done, int total, const hp_pareto_point *pt)
{
    sweep_ctx *c = vctx;
    if (c->o->progress)
        c->o->progress(c->o->progress_ctx, done, total, pt);
}

static hp_outcome front_lshaped(const hp_instance *inst, const hp_model_opts *mo,
                                const hp_plan_opts *o, hp_front_result *out)
{
    hp_lshaped_opts lo;
    hp_lshaped_stats ls;
    hp_status st;

    out->plans = calloc((size_t)o->points, sizeof *out->plans);
    if (!out->plans) {
        say(o, "hreeplan: out of memory");
        return HP_OUTCOME_FAILED;
    }
    hpi_lshaped_opts(o, &lo);
    if (o->axis == HP_AXIS_SPEND)
        st = hp_decompose_spend_front(inst, mo, &lo, o->points, o->interrupt, &out->front,
                                      out->plans, &out->cost_plan, &ls);
    else
        st = hp_decompose_front(inst, mo, &lo, o->points, o->interrupt, &out->front, out->plans,
                                &ls);
    if (st != HP_ENOMEM && hpi_interrupted(o)) {
        /* an end of the front cut short by the interrupt is no solver stop */
        say(o, "hreeplan pareto: interrupted; no report written");
        return HP_OUTCOME_INTERRUPTED;
    }
    if (st == HP_EINFEASIBLE) {
        say(o, "%s: no plan satisfies the hard constraints (storage limits)", inst->file);
        return HP_OUTCOME_INFEASIBLE;
    }
    if (st == HP_ESOLVER) {
        say(o, "%s: the L-shaped method stopped without an end of the front", inst->file);
        return HP_OUTCOME_STOPPED;
    }
    if (st != HP_OK) {
        say(o, "%s: the front failed: %s", inst->file, hp_status_str(st));
        return HP_OUTCOME_FAILED;
    }
    if (out->front->interrupted) {
        say(o, "hreeplan pareto: interrupted after %d of %d points; no report written",
            out->front->n_solved, out->front->n);
        return HP_OUTCOME_INTERRUPTED;
    }
    say(o, "%s: L-shaped front: %d points, %d iterations, %.2f s", inst->file, out->front->n,
        ls.iterations, ls.seconds);
    out->axis = o->axis;
    out->measure = mo->measure;
    out->alpha = mo->alpha;
    out->backend = out->plans[0]->backend;
    out->backend_version = out->plans[0]->backend_version;
    out->rows = out->plans[0]->rows;
    out->cols = out->plans[0]->cols;
    out->nnz = out->plans[0]->nnz;
    return HP_OUTCOME_OK;
}

/* The expected-cost plan on the front's solver (the sweep restored its
 * objective and bounds): least expected cost, ties least risk, as `plan`
 * gives it; its spend and risk are marked on a spend front. */
static hp_outcome cost_plan(hp_solver *s, const hp_model *m, const hp_backend_ops *ops,
                            const hp_plan_opts *o, const hp_solve_opts *so, hp_plan **out)
{
    hp_solve_result r;
    double *x = malloc((size_t)hp_lp_ncols(m->lp) * sizeof *x);
    hp_status st = HP_OK;
    int last = -1;

    *out = NULL;
    if (!x) {
        say(o, "hreeplan: out of memory");
        return HP_OUTCOME_FAILED;
    }
    HP_CALL(hp_solve_lex_ties(s, m->cost_col, m->risk_col, so, &r, x, NULL, &last));
    if (hpi_interrupted(o)) {
        free(x);
        say(o, "hreeplan pareto: interrupted; no report written");
        return HP_OUTCOME_INTERRUPTED;
    }
    if (!r.has_solution) {
        free(x);
        say(o, "%s: the solver stopped (%s) without the expected-cost plan", m->inst->file,
            hp_sol_status_str(r.status));
        return HP_OUTCOME_STOPPED;
    }
    HP_CALL(hp_plan_extract(m, x, NULL, &r, HP_OBJ_COST, out));
    (*out)->backend = ops->name;
    (*out)->backend_version = ops->version();
cleanup:
    free(x);
    if (st != HP_OK) {
        say(o, "%s: the expected-cost plan failed: %s", m->inst->file, hp_status_str(st));
        return HP_OUTCOME_FAILED;
    }
    return HP_OUTCOME_OK;
}

static hp_outcome front_extensive(const hp_instance *inst, const hp_model_opts *mo,
                                  const hp_plan_opts *o, const hp_backend_ops *ops,
                                  hp_front_result *out)
{
    hp_model *m = NULL;
    hp_solver s;
    hp_pareto_opts po;
    sweep_ctx c = {0};
    char err[512] = "";
    hp_outcome oc = HP_OUTCOME_OK;
    hp_status st;
    int opened = 0;

    memset(&s, 0, sizeof s);
    st = hp_model_build(inst, mo, &m);
    if (st != HP_OK) {
        say(o, "%s: building the model failed: %s", inst->file, hp_status_str(st));
        return st == HP_EINVAL ? HP_OUTCOME_INVALID : HP_OUTCOME_FAILED;
    }
    st = hp_solver_open(&s, ops, m->lp, err, sizeof err);
    if (st != HP_OK) {
        say(o, "%s: the model was refused: %s", inst->file, err[0] ? err : hp_status_str(st));
        oc = HP_OUTCOME_FAILED;
        goto cleanup;
    }
    opened = 1;
    out->plans = calloc((size_t)o->points, sizeof *out->plans);
    if (!out->plans) {
        say(o, "hreeplan: out of memory");
        oc = HP_OUTCOME_FAILED;
        goto cleanup;
    }
    c.m = m;
    c.ops = ops;
    c.o = o;
    c.n = o->points;
    c.plans = out->plans;
    c.axis = o->axis;
    hp_pareto_opts_default(&po);
    po.points = o->points;
    po.solve.time_limit = o->time_limit;
    po.solve.mip_gap = o->mip_gap;
    po.interrupt = o->interrupt;
    po.on_point = on_point;
    po.on_progress = on_progress;
    po.ctx = &c;
    st = hp_pareto_sweep(&s, o->axis == HP_AXIS_SPEND ? m->spend_col : m->cost_col, m->risk_col,
                         &po, &out->front);
    if (st != HP_ENOMEM && hpi_interrupted(o)) {
        /* a solve cut short by the interrupt (an end included) is no
         * solver stop */
        say(o, "hreeplan pareto: interrupted; no report written");
        oc = HP_OUTCOME_INTERRUPTED;
        goto cleanup;
    }
    if (st == HP_EINFEASIBLE) {
        hpi_report_infeasible(m, ops, o);
        oc = HP_OUTCOME_INFEASIBLE;
        goto cleanup;
    }
    if (st == HP_ESOLVER) {
        const hp_pareto *f = out->front;
        int end = f && !f->pts[0].result.has_solution ? 0 : o->points - 1;
        say(o, "%s: the solver stopped (%s) without a %s plan", inst->file,
            f ? hp_sol_status_str(f->pts[end].result.status) : "failed",
            end == 0 ? "cost-minimal" : "risk-minimal");
        oc = HP_OUTCOME_STOPPED;
        goto cleanup;
    }
    if (st != HP_OK) {
        say(o, "%s: the front failed: %s", inst->file, hp_status_str(st));
        oc = HP_OUTCOME_FAILED;
        goto cleanup;
    }
    if (out->front->interrupted) {
        say(o, "hreeplan pareto: interrupted after %d of %d points; no report written",
            out->front->n_solved, out->front->n);
        oc = HP_OUTCOME_INTERRUPTED;
        goto cleanup;
    }
    if (o->axis == HP_AXIS_SPEND) {
        oc = cost_plan(&s, m, ops, o, &po.solve, &out->cost_plan);
        if (oc != HP_OUTCOME_OK)
            goto cleanup;
    }
    out->axis = o->axis;
    out->measure = m->measure;
    out->alpha = m->alpha;
    out->backend = ops->name;
    out->backend_version = ops->version();
    out->rows = hp_lp_nrows(m->lp);
    out->cols = hp_lp_ncols(m->lp);
    out->nnz = hp_lp_nnz(m->lp);
cleanup:
    if (opened)
        hp_solver_close(&s);
    hp_model_free(m);
    return oc;
}

hp_outcome hp_front_solve(const hp_instance *inst, const hp_model_opts *mo, const hp_plan_opts *o,
                          hp_front_result *out)
{
    const hp_backend_ops *ops = hp_backend_find(o->backend ? o->backend : "glpk");
    hp_outcome oc;

    memset(out, 0, sizeof *out);
    if (!ops) {
        say(o, "hreeplan: backend '%s' is not built", o->backend);
        return HP_OUTCOME_INVALID;
    }
    oc = hp_plan_check_memory(inst, o);
    if (oc != HP_OUTCOME_OK)
        return oc;
    /* the decomposed front only when asked for: with `auto` the extensive
     * sweep stays, its warm starts make each further point cheap */
    /* under a binding tree the L-shaped points are solved by scenario
     * bundles (decompose.h), never on the two-stage model */
    if (o->method == HP_METHOD_LSHAPED)
        oc = front_lshaped(inst, mo, o, out);
    else
        oc = front_extensive(inst, mo, o, ops, out);
    if (oc != HP_OUTCOME_OK) {
        /* the plans array has o->points entries even when no front came */
        for (int i = 0; out->plans && i < o->points; i++)
            hp_plan_free(out->plans[i]);
        free(out->plans);
        hp_pareto_free(out->front);
        hp_plan_free(out->cost_plan);
        memset(out, 0, sizeof *out);
    }
    return oc;
}
