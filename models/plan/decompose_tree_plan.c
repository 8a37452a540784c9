/* hreeplan: plans by the L-shaped method under the scenario tree, the
 * scenarios bundled by subtree (models/formulation/decompose_tree.h): the
 * lexicographic levels of hp_decompose_lex() on the tree problem, and the
 * plan extracted through the extensive model itself. */
#include "../formulation/decompose_tree.h"
#include "decompose.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The plan of the last level: the extensive model's columns and row duals
 * (master rows: the last master LP's; bundle rows: the bundle's, already
 * weighted by probability as the extensive form's are). */
static hp_status extract(const hpi_tb *d, const hp_lshaped_result *res, hp_objective obj,
                         const hp_lshaped_stats *acc, hp_plan **out)
{
    hp_status st = HP_OK;
    const hp_lp *lp = d->m->lp;
    int nC = hp_lp_ncols(lp), nR = hp_lp_nrows(lp);
    double *x = malloc(((size_t)nC + 1) * sizeof *x), *y = NULL;
    size_t *off = calloc((size_t)d->n_bundles + 1, sizeof *off);
    hp_solve_result r;

    if (!x || !off) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    if (!res->y) {
        st = HP_EINTERNAL;
        goto cleanup;
    }
    HP_CALL(hpi_tb_columns(d, res->x, res->y, x));
    if (res->first_dual && res->rec_dual) {
        y = calloc((size_t)nR + 1, sizeof *y);
        if (!y) {
            st = HP_ENOMEM;
            goto cleanup;
        }
        for (int b = 1; b < d->n_bundles; b++)
            off[b] = off[b - 1] + (size_t)hp_lp_nrows(d->blocks[b - 1]);
        for (int i = 0; i < nR; i++)
            y[i] = d->rblk[i] == -1  ? res->first_dual[d->rpos[i]]
                   : d->rblk[i] >= 0 ? res->rec_dual[off[d->rblk[i]] + (size_t)d->rpos[i]]
                                     : 0.0;
    }
    memset(&r, 0, sizeof r);
    r.status = res->status;
    r.has_solution = res->has_solution;
    r.is_mip = res->is_mip;
    r.objective = res->objective + d->obj_const;
    r.bound = fmin(res->stats.lower, res->objective) + d->obj_const;
    r.gap = acc->gap;
    r.seconds = acc->seconds;
    r.iterations = acc->iterations;
    HP_CALL(hp_plan_extract(d->m, x, y, &r, obj, out));
    (*out)->bundles = d->n_bundles;
    (*out)->master_nodes = d->master_nodes;
    (*out)->backend = hp_backend_glpk()->name;
    (*out)->backend_version = hp_backend_glpk()->version();
cleanup:
    free(x);
    free(y);
    free(off);
    return st;
}

static void add_stats(hp_lshaped_stats *acc, const hp_lshaped_stats *s, int first)
{
    hp_lshaped_stats a = *acc;
    *acc = *s;
    if (first)
        return;
    acc->iterations += a.iterations;
    acc->mip_iterations += a.mip_iterations;
    acc->seconds += a.seconds;
    acc->master_seconds += a.master_seconds;
    acc->recourse_seconds += a.recourse_seconds;
    acc->recourse_solves += a.recourse_solves;
    acc->simplex_iters += a.simplex_iters;
}

static int tb_goal(hp_dc_goal g)
{
    return g == HP_GOAL_RISK ? HPI_TB_RISK : g == HP_GOAL_SPEND ? HPI_TB_SPEND : HPI_TB_COST;
}

/* One level: builds and solves; the status as hp_decompose_plan()'s. */
static hp_status solve_level(const hp_instance *in, hp_measure measure, double alpha, int goal,
                             double spend_bound, double risk_bound, int bundle,
                             const hp_lshaped_opts *o, hpi_tb *d, hp_lshaped_result **res)
{
    hp_status st = HP_OK;
    hp_lshaped_opts lo = *o;
    lo.keep_recourse = 1;
    HP_CALL(hpi_tb_build(d, in, measure, alpha, goal, spend_bound, risk_bound, bundle));
    HP_CALL(hp_lshaped_solve(&d->pb, &lo, res));
    if ((*res)->status == HP_SOL_INFEASIBLE)
        st = HP_EINFEASIBLE;
    else if (!(*res)->has_solution)
        st = HP_ESOLVER;
cleanup:
    return st;
}

hp_status hp_decompose_tree_lex(const hp_instance *inst, const hp_model_opts *mo,
                                const hp_lshaped_opts *lo, const hp_dc_level *levels, int n,
                                double spend_bound, double risk_bound, hp_objective report,
                                int bundle, hp_plan **out, double *values, hp_lshaped_stats *stats)
{
    hp_status st = HP_OK;
    hp_measure measure;
    double alpha;
    hp_lshaped_stats acc;
    hp_lshaped_result *res = NULL, *pres = NULL;
    hp_lshaped_opts o;
    hpi_tb d, pd;

    memset(&d, 0, sizeof d);
    memset(&pd, 0, sizeof pd);
    memset(&acc, 0, sizeof acc);
    if (out)
        *out = NULL;
    if (!inst || !levels || n < 1 || bundle < 1 || isnan(spend_bound) || isnan(risk_bound)) {
        st = HP_EINVAL;
        goto cleanup;
    }
    measure = mo ? mo->measure : inst->measure;
    alpha = mo ? mo->alpha : inst->alpha;
    if (!(alpha > 0.0 && alpha < 1.0) || (int)measure < 0 || measure > HP_MEASURE_EXPOSURE) {
        st = HP_EINVAL;
        goto cleanup;
    }
    if (lo)
        o = *lo;
    else
        hp_lshaped_opts_default(&o);
    for (int k = 0; k < n; k++) {
        int goal = tb_goal(levels[k].goal);
        double v;
        if (values)
            values[k] = NAN;
        if (k > 0) {
            hp_lshaped_result_free(pres);
            hpi_tb_free(&pd);
            pres = res;
            pd = d;
            res = NULL;
            memset(&d, 0, sizeof d);
            if (o.time_limit > 0)
                o.time_limit = fmax(1e-3, lo->time_limit - acc.seconds);
        }
        st = solve_level(inst, measure, alpha, goal, spend_bound,
                         goal == HPI_TB_RISK ? HUGE_VAL : risk_bound, bundle, &o, &d, &res);
        if (res)
            add_stats(&acc, &res->stats, k == 0);
        if (k > 0 && (st == HP_EINFEASIBLE || st == HP_ESOLVER) && !(o.interrupt && *o.interrupt)) {
            /* as hp_decompose_lex(): the plan of the level before is kept */
            hp_log(1,
                   "L-shaped (tree): level %d of %d found no plan within the bounds of the "
                   "levels before; the plan of level %d is kept",
                   k + 1, n, k);
            hp_lshaped_result_free(res);
            hpi_tb_free(&d);
            res = pres;
            d = pd;
            pres = NULL;
            memset(&pd, 0, sizeof pd);
            acc.lower = res->stats.lower;
            acc.upper = res->stats.upper;
            acc.gap = res->stats.gap;
            st = HP_OK;
            break;
        }
        if (st != HP_OK)
            goto cleanup;
        v = res->objective + d.obj_const;
        if (values)
            values[k] = v;
        v += fmax(fmax(levels[k].tol, o.tolerance) * fabs(v), 1e-9);
        if (levels[k].goal == HP_GOAL_SPEND)
            spend_bound = fmin(spend_bound, v);
        else if (levels[k].goal == HP_GOAL_RISK)
            risk_bound = fmin(risk_bound, v);
    }
    if (out)
        HP_CALL(extract(&d, res, report, &acc, out));
cleanup:
    if (stats)
        *stats = acc;
    hp_lshaped_result_free(res);
    hp_lshaped_result_free(pres);
    hpi_tb_free(&d);
    hpi_tb_free(&pd);
    return st;
}
