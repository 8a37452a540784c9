/* hreeplan model layer: the plan pipeline (pipeline.h).  The front lives in
 * pipeline_front.c.  Every message keeps the words the command line has
 * always printed: the golden outputs compare them byte for byte. */
#include "pipeline.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../instance/sample.h"
#include "diagnose.h"
#include "pipeline_int.h"

void hp_plan_opts_default(hp_plan_opts *o)
{
    memset(o, 0, sizeof *o);
    o->objective = HP_OBJ_COST;
    o->measure = -1;
    o->alpha = -1.0;
    o->seed = 1;
    o->backend = "glpk";
    o->method = HP_METHOD_AUTO;
    o->tolerance = 1e-6;
    o->cut_groups = 100;
    o->max_memory_mb = 4096.0;
    o->points = 11;
    o->near_slack = -1.0;
}

void hpi_pipeline_say(const hp_plan_opts *o, const char *fmt, ...)
{
    va_list ap;
    char buf[1024], *msg = buf;
    int n;
    if (!o || !o->log)
        return;
    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    /* paths can make a line longer than the buffer: never cut a message */
    if ((size_t)n >= sizeof buf) {
        msg = malloc((size_t)n + 1);
        if (!msg) {
            o->log(o->log_ctx, buf);
            return;
        }
        va_start(ap, fmt);
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    o->log(o->log_ctx, msg);
    if (msg != buf)
        free(msg);
}

#define say hpi_pipeline_say

int hpi_interrupted(const hp_plan_opts *o)
{
    return o->interrupt && *o->interrupt;
}

hp_outcome hp_plan_prepare(hp_instance *inst, const hp_plan_opts *o, hp_model_opts *mo)
{
    mo->measure = o->measure >= 0 ? (hp_measure)o->measure : inst->measure;
    mo->alpha = o->alpha > 0.0 ? o->alpha : inst->alpha;
    mo->information = o->information;
    if (o->sample_scenarios > 0) {
        size_t n = (size_t)o->sample_scenarios * (size_t)inst->n_suppliers * (size_t)inst->T;
        double *avail;
        hp_status st;
        if (inst->n_devents == 0) {
            say(o, "%s: --sample-scenarios needs a `disruptions` process in the instance",
                inst->file);
            return HP_OUTCOME_INVALID;
        }
        {
            /* the memory guard before the paths are drawn: the model of
             * the sampled instance, whose size counts only the scenarios */
            hp_instance sized = *inst;
            hp_outcome oc;
            sized.n_scenarios = o->sample_scenarios;
            oc = hp_plan_check_memory(&sized, o);
            if (oc != HP_OUTCOME_OK)
                return oc;
        }
        avail = malloc(n * sizeof *avail);
        if (!avail) {
            say(o, "hreeplan: out of memory sampling %d scenarios", o->sample_scenarios);
            return HP_OUTCOME_FAILED;
        }
        st = hp_sample_avail(inst, o->seed, 0, o->sample_scenarios, avail);
        if (st == HP_OK)
            st = hp_instance_set_scenarios(inst, o->sample_scenarios, avail);
        else
            free(avail);
        if (st != HP_OK) {
            say(o, "hreeplan: sampling scenarios failed: %s", hp_status_str(st));
            return HP_OUTCOME_FAILED;
        }
    }
    return HP_OUTCOME_OK;
}

/* About 128 bytes per nonzero (our triplets, GLPK's row and column lists,
 * its factorisation) and 600 per row or column (names, bounds, basis
 * records).  Measured: the baseline with 300 sampled scenarios (9,977 rows,
 * 19,563 columns, 69,321 nonzeros) peaks 27 MB above a bare `check`
 * (/usr/bin/time -f %M); this estimate gives 25.4 MB. */
double hp_plan_model_mb(double rows, double cols, double nnz)
{
    return (128.0 * nnz + 600.0 * (rows + cols)) / (1024.0 * 1024.0);
}

hp_outcome hp_plan_check_memory(const hp_instance *inst, const hp_plan_opts *o)
{
    double rows, cols, nnz, mb;
    hp_model_size_bound(inst, &rows, &cols, &nnz);
    mb = hp_plan_model_mb(rows, cols, nnz);
    if (mb > o->max_memory_mb) {
        say(o,
            "%s: the model (up to %.0f rows, %.0f columns, %.0f nonzeros) would need about "
            "%.0f MB, more than --max-memory %.0f MB",
            inst->file, rows, cols, nnz, mb, o->max_memory_mb);
        return HP_OUTCOME_INVALID;
    }
    return HP_OUTCOME_OK;
}

/* A MIP solution is integral only within the solver's tolerance: an order
 * of 5e-6 t from a supplier whose lots are 1 t can remain.  Fixing every
 * integer column at its rounded value and re-solving the continuous part
 * (same objective and bounds) gives the plan a planner can sign; when that
 * LP is not optimal the MIP's own values are kept. */
void hpi_polish_mip(hp_solver *s, const hp_lp *lp, int obj_col, const hp_solve_opts *so, double *x)
{
    hp_solve_result r;
    int n = hp_lp_ncols(lp);
    double *x2 = malloc((size_t)n * sizeof *x2);
    if (!x2)
        return;
    if (hp_solver_minimise_col(s, obj_col) != HP_OK)
        goto done;
    for (int j = 0; j < n; j++)
        if (hp_lp_col_is_int(lp, j) &&
            s->ops->set_col_bounds(s->h, j, round(x[j]), round(x[j])) != HP_OK)
            goto done;
    if (s->ops->solve_lp(s->h, so, &r) == HP_OK && r.status == HP_SOL_OPTIMAL &&
        s->ops->get_primal(s->h, x2) == HP_OK)
        memcpy(x, x2, (size_t)n * sizeof *x);
done:
    free(x2);
}

void hpi_pipeline_step(const hp_plan_opts *o, const char *fmt, ...)
{
    va_list ap;
    char buf[1024];
    if (!o || !o->step)
        return;
    va_start(ap, fmt);
    if (vsnprintf(buf, sizeof buf, fmt, ap) >= 0)
        o->step(o->step_ctx, buf);
    va_end(ap);
}

/* An L-shaped iteration as a progress line of the pipeline's options. */
static void ls_progress(void *ctx, int iteration, double lower, double upper)
{
    const hp_plan_opts *o = ctx;
    if (isfinite(upper))
        hpi_pipeline_step(o, "L-shaped iteration %d: lower %.10g, upper %.10g, gap %.2e", iteration,
                          lower, upper, (upper - lower) / fmax(1.0, fabs(upper)));
    else
        hpi_pipeline_step(o, "L-shaped iteration %d: lower %.10g, no plan yet", iteration, lower);
}

/* The L-shaped options of the pipeline's. */
void hpi_lshaped_opts(const hp_plan_opts *o, hp_lshaped_opts *lo)
{
    hp_lshaped_opts_default(lo);
    lo->tolerance = o->tolerance;
    lo->cut_groups = o->cut_groups;
    lo->threads = o->threads;
    lo->time_limit = o->time_limit;
    lo->mip_gap = o->mip_gap;
    lo->interrupt = o->interrupt;
    if (o->step) {
        lo->progress = ls_progress;
        lo->progress_ctx = (void *)o; /* read only: ls_progress takes it back as const */
    }
}

/* The objective a plan reports: a budget plan minimises risk first, a
 * risk-capped plan spend (reported as "cost"). */
static hp_objective plan_objective(const hp_plan_opts *o)
{
    if (o->bound_kind == HP_BOUND_BUDGET)
        return HP_OBJ_RISK;
    if (o->bound_kind == HP_BOUND_MAX_RISK)
        return HP_OBJ_COST;
    return o->objective;
}

/* The L-shaped method (decompose.h): one recourse LP per scenario instead
 * of the extensive form; the plan reads as the extensive one.  Plans under
 * a bound take the levels of pipeline_bound.c. */
static hp_outcome solve_lshaped(const hp_instance *inst, const hp_model_opts *mo,
                                const hp_plan_opts *o, hp_plan **out)
{
    hp_lshaped_opts lo;
    hp_lshaped_stats stats;
    hp_status st;
    hpi_lshaped_opts(o, &lo);
    memset(&stats, 0, sizeof stats);
    if (o->bound_kind != HP_BOUND_NONE)
        st = hpi_lshaped_bound(inst, mo, o, &lo, out, &stats);
    else
        st = hp_decompose_plan(inst, mo, &lo, o->objective, out, &stats);
    if (hpi_interrupted(o)) {
        hp_plan_free(*out);
        *out = NULL;
        say(o, "%s: interrupted; no plan", inst->file);
        return HP_OUTCOME_INTERRUPTED;
    }
    switch (st) {
    case HP_OK:
        (*out)->bound_kind = o->bound_kind;
        (*out)->bound = o->bound;
        say(o,
            "hreeplan: L-shaped: %d master iterations, lower bound %.10g, upper bound %.10g "
            "(gap %.2g), %ld recourse solves on %d threads",
            stats.iterations, stats.lower, stats.upper, stats.gap, stats.recourse_solves,
            stats.threads);
        if (o->threads > stats.threads)
            say(o, "hreeplan: note: --threads %d: ran on %d (at most one thread per scenario)",
                o->threads, stats.threads);
        return HP_OUTCOME_OK;
    case HP_EINFEASIBLE:
        if (o->bound_kind != HP_BOUND_NONE)
            return hpi_lshaped_bound_infeasible(inst, mo, o, &lo);
        say(o,
            "%s: no plan satisfies the hard constraints (storage limits against stock "
            "on hand and in transit; --method extensive names them)",
            inst->file);
        return HP_OUTCOME_INFEASIBLE;
    case HP_ESOLVER:
        say(o, "%s: the solver stopped (%s) without a feasible plan (L-shaped method)", inst->file,
            o->time_limit > 0 ? "time_limit" : "failed");
        return HP_OUTCOME_STOPPED;
    case HP_EINVAL:
        say(o, "%s: invalid L-shaped options", inst->file);
        return HP_OUTCOME_INVALID;
    default:
        say(o, "%s: the L-shaped method failed: %s", inst->file, hp_status_str(st));
        return HP_OUTCOME_FAILED;
    }
}

/* Names the constraints whose conflict makes the model infeasible
 * (diagnose.h). */
void hpi_report_infeasible(const hp_model *m, const hp_backend_ops *ops, const hp_plan_opts *o)
{
    hp_diag d;
    hp_status st;
    hp_diag_init(&d);
    say(o, "%s: no plan satisfies the hard constraints:", m->inst->file);
    st = hp_diagnose_infeasible(m, ops, &d);
    for (int k = 0; k < d.n; k++)
        say(o, "%s", d.msgs[k]);
    if (st != HP_OK || d.n == 0)
        say(o, "%s: the conflicting constraints could not be named (%s)", m->inst->file,
            st == HP_OK ? "no storage limit is in conflict" : hp_status_str(st));
    hp_diag_free(&d);
}

/* Builds the extensive model, solves it with the tie-breaks and extracts
 * the plan. */
static hp_outcome solve_extensive(const hp_instance *inst, const hp_model_opts *mo,
                                  const hp_plan_opts *o, const hp_backend_ops *ops, hp_plan **out)
{
    hp_model *m = NULL;
    hp_solver s;
    hp_solve_opts so;
    hp_solve_result r;
    double *x = NULL, *y = NULL, first = 0.0;
    char err[256] = "";
    hp_status st;
    hp_outcome oc = HP_OUTCOME_OK;
    int opened = 0, last_obj = -1, fixed = 0;
    hpi_ranges rg;

    memset(&s, 0, sizeof s);
    memset(&rg, 0, sizeof rg);
    st = hp_model_build(inst, mo, &m);
    if (st != HP_OK) {
        say(o, "%s: building the model failed: %s", inst->file, hp_status_str(st));
        oc = st == HP_EINVAL ? HP_OUTCOME_INVALID : HP_OUTCOME_FAILED;
        goto cleanup;
    }
    if (hpi_interrupted(o)) { /* a large build: stop before the solver's copy */
        say(o, "%s: interrupted; no plan", inst->file);
        oc = HP_OUTCOME_INTERRUPTED;
        goto cleanup;
    }
    st = hp_solver_open(&s, ops, m->lp, err, sizeof err);
    if (st != HP_OK) {
        say(o, "%s: the model was refused: %s", inst->file, err[0] ? err : hp_status_str(st));
        oc = HP_OUTCOME_FAILED;
        goto cleanup;
    }
    opened = 1;
    hp_solve_opts_default(&so);
    so.time_limit = o->time_limit;
    so.mip_gap = o->mip_gap;
    so.interrupt = o->interrupt;
    x = malloc((size_t)hp_lp_ncols(m->lp) * sizeof *x);
    y = malloc((size_t)(hp_lp_nrows(m->lp) + 1) * sizeof *y);
    if (!x || !y) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    rg.m = m;
    rg.y = y;
    if (o->ranges && !m->is_mip)
        hpi_ranges_hook(&s, &rg);
    /* Cost-minimal plans break ties by risk at exactly the least cost,
     * risk-minimal plans by cost within 1e-6 of the least risk (MODEL.md):
     * the reported plan is then the same whatever basis the solver happens
     * to end on.  Shadow prices are read where the objective is cost:
     * after the first solve of a cost-minimal plan, after the second of a
     * risk-minimal one. */
    if (o->bound_kind != HP_BOUND_NONE) {
        st = hpi_solve_bound(&s, m, o, &so, &r, &last_obj);
    } else if (o->objective == HP_OBJ_RISK) {
        last_obj = m->cost_col;
        st = hp_solve_lex(&s, m->risk_col, m->cost_col, 1e-6, 1e-9, &so, &r, &first);
    } else {
        st = hp_solve_lex_ties(&s, m->cost_col, m->risk_col, &so, &r, x, m->is_mip ? NULL : y,
                               &last_obj);
    }
    if (hpi_interrupted(o)) {
        say(o, "%s: interrupted; no plan", inst->file);
        oc = HP_OUTCOME_INTERRUPTED;
        goto cleanup;
    }
    if (st != HP_OK) {
        say(o, "%s: the solver failed: %s", inst->file, hp_status_str(st));
        oc = HP_OUTCOME_FAILED;
        goto cleanup;
    }
    if (r.status == HP_SOL_INFEASIBLE && o->bound_kind != HP_BOUND_NONE) {
        oc = hpi_bound_infeasible(&s, m, ops, o, &so);
        goto cleanup;
    }
    if (r.status == HP_SOL_INFEASIBLE) {
        hpi_report_infeasible(m, ops, o);
        oc = HP_OUTCOME_INFEASIBLE;
        goto cleanup;
    }
    if (!r.has_solution) {
        say(o, "%s: the solver stopped (%s) without a feasible plan", inst->file,
            hp_sol_status_str(r.status));
        oc = HP_OUTCOME_STOPPED;
        goto cleanup;
    }
    if (r.status == HP_SOL_FAILED) {
        say(o, "%s: the solver reported numerical trouble; no plan is given", inst->file);
        oc = HP_OUTCOME_STOPPED;
        goto cleanup;
    }
    if (o->objective == HP_OBJ_RISK || o->bound_kind != HP_BOUND_NONE) {
        HP_CALL(s.ops->get_primal(s.h, x));
        if (!m->is_mip)
            HP_CALL(s.ops->get_duals(s.h, y));
        if (!m->is_mip && o->ranges)
            HP_CALL(hpi_ranges_collect(&s, m, y, &rg));
    }
    if (m->is_mip) {
        hpi_polish_mip(&s, m->lp, last_obj, &so, x);
        /* duals of the LP with the integer decisions fixed at the plan's */
        HP_CALL(hpi_fixed_mip_duals(&s, m, o, &so, x, y, &fixed));
        if (fixed && o->ranges)
            HP_CALL(hpi_ranges_collect(&s, m, y, &rg));
        if (!fixed) {
            free(y);
            y = NULL;
        }
    }
    HP_CALL(hp_plan_extract(m, x, y, &r, plan_objective(o), out));
    (*out)->duals_fixed = fixed;
    if (o->ranges && y)
        HP_CALL(hpi_ranges_apply(&rg, *out));
    (*out)->bound_kind = o->bound_kind;
    (*out)->bound = o->bound;
    (*out)->backend = ops->name;
    (*out)->backend_version = ops->version();
    HP_CALL(hpi_exposure_reference(&s, m, &so, *out));
cleanup:
    if (st != HP_OK && oc == HP_OUTCOME_OK) {
        say(o, "%s: %s", inst->file, hp_status_str(st));
        oc = HP_OUTCOME_FAILED;
    }
    if (oc != HP_OUTCOME_OK) {
        hp_plan_free(*out);
        *out = NULL;
    }
    if (opened)
        hp_solver_close(&s);
    free(x);
    free(y);
    hpi_ranges_free(&rg);
    hp_model_free(m);
    return oc;
}

/* One plan under mo's information: the method as o asks, refusing the
 * two-stage decomposition where the tree binds. */
static hp_outcome solve_one(const hp_instance *inst, const hp_model_opts *mo, const hp_plan_opts *o,
                            const hp_backend_ops *ops, int binds, hp_plan **out)
{
    hp_method meth = hp_method_resolve(o->method, inst);
    if (meth == HP_METHOD_LSHAPED && binds) {
        if (o->method == HP_METHOD_LSHAPED) {
            say(o,
                "hreeplan: --method lshaped solves the two-stage model, and the scenario tree "
                "of %s binds (its %d scenarios share their history in early quarters): use "
                "--method extensive, or --information two-stage",
                inst->file, inst->n_scenarios);
            return HP_OUTCOME_INVALID;
        }
        meth = HP_METHOD_EXTENSIVE;
    }
    if (meth == HP_METHOD_LSHAPED && o->ranges)
        meth = HP_METHOD_EXTENSIVE; /* ranges are read on the extensive basis */
    if (meth == HP_METHOD_LSHAPED)
        return solve_lshaped(inst, mo, o, out);
    return solve_extensive(inst, mo, o, ops, out);
}

int hpi_tree_binds(const hp_instance *inst, const hp_model_opts *mo, int *nodes)
{
    hp_tree *tr = NULL;
    int b;
    if (hp_tree_build(inst, &tr) != HP_OK)
        return -1;
    b = mo->information == HP_INFO_TREE && hp_tree_binds(tr);
    if (nodes)
        *nodes = tr->n_nodes;
    hp_tree_free(tr);
    return b;
}

hp_outcome hp_plan_solve(const hp_instance *inst, const hp_model_opts *mo, const hp_plan_opts *o,
                         hp_plan **out)
{
    const hp_backend_ops *ops = hp_backend_find(o->backend ? o->backend : "glpk");
    hp_outcome oc;
    int binds, nodes = 0;

    *out = NULL;
    if (!ops) {
        say(o, "hreeplan: backend '%s' is not built", o->backend);
        return HP_OUTCOME_INVALID;
    }
    /* the bound of the extensive form also caps the decomposition, which
     * keeps every scenario's recourse solution for the report */
    oc = hp_plan_check_memory(inst, o);
    if (oc != HP_OUTCOME_OK)
        return oc;
    if (o->ranges && !ops->rhs_range) {
        say(o,
            "hreeplan: --ranges: ranges come from GLPK's sensitivity analysis; the %s "
            "backend has none (use --backend glpk)",
            ops->name);
        return HP_OUTCOME_INVALID;
    }
    if (o->ranges && o->method == HP_METHOD_LSHAPED) {
        say(o, "hreeplan: --ranges needs --method extensive (ranges are read on the basis of "
               "the extensive form)");
        return HP_OUTCOME_INVALID;
    }
    binds = hpi_tree_binds(inst, mo, &nodes);
    if (binds < 0) {
        say(o, "hreeplan: out of memory computing the scenario tree");
        return HP_OUTCOME_FAILED;
    }
    oc = solve_one(inst, mo, o, ops, binds, out);
    if (oc != HP_OUTCOME_OK)
        return oc;
    (*out)->information = mo->information;
    (*out)->nodes = nodes;
    if (o->foresight) {
        hp_model_opts two = *mo;
        hp_plan *p2 = NULL;
        two.information = HP_INFO_TWO_STAGE;
        oc = solve_one(inst, &two, o, ops, 0, &p2);
        if (oc != HP_OUTCOME_OK) {
            say(o, "%s: the two-stage plan of --foresight was not solved", inst->file);
            hp_plan_free(*out);
            *out = NULL;
            return oc;
        }
        (*out)->has_foresight = 1;
        (*out)->two_stage_cost = p2->cost_total;
        hp_plan_free(p2);
    }
    return HP_OUTCOME_OK;
}

hp_status hp_plan_write_model(const hp_model *m, hp_objective obj, const char *path,
                              hp_write_fmt fmt, const hp_plan_opts *o)
{
    hp_solver s;
    char err[256] = "";
    hp_status st;

    memset(&s, 0, sizeof s);
    st = hp_solver_open(&s, hp_backend_glpk(), m->lp, err, sizeof err);
    if (st != HP_OK) {
        say(o, "%s: the model was refused: %s", m->inst->file, err[0] ? err : hp_status_str(st));
        return HP_ESOLVER;
    }
    st = hp_solver_minimise_col(&s, obj == HP_OBJ_RISK ? m->risk_col : m->cost_col);
    if (st != HP_OK) {
        say(o, "%s: setting the objective failed: %s", m->inst->file, hp_status_str(st));
        hp_solver_close(&s);
        return HP_ESOLVER;
    }
    st = s.ops->write(s.h, path, fmt);
    hp_solver_close(&s);
    return st;
}
