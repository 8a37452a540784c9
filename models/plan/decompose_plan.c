/* hreeplan: plans by the L-shaped method (see decompose.h): the
 * solves of each kind of plan and the extraction of the plan through index
 * maps laid out like the extensive model's. */
#include "../formulation/decompose_int.h"
#include "../formulation/decompose_tree.h"
#include "decompose.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int hp_decompose_preferred(const hp_instance *inst)
{
    return inst && inst->n_scenarios >= HP_DECOMPOSE_CROSSOVER;
}

const char *hp_method_str(hp_method m)
{
    switch (m) {
    case HP_METHOD_AUTO:
        return "auto";
    case HP_METHOD_EXTENSIVE:
        return "extensive";
    case HP_METHOD_LSHAPED:
        return "lshaped";
    }
    return "auto";
}

int hp_method_parse(const char *s)
{
    if (!s)
        return -1;
    if (!strcmp(s, "auto"))
        return HP_METHOD_AUTO;
    if (!strcmp(s, "extensive"))
        return HP_METHOD_EXTENSIVE;
    if (!strcmp(s, "lshaped"))
        return HP_METHOD_LSHAPED;
    return -1;
}

hp_method hp_method_resolve(hp_method m, const hp_instance *inst)
{
    if (m != HP_METHOD_AUTO)
        return m;
    return hp_decompose_preferred(inst) ? HP_METHOD_LSHAPED : HP_METHOD_EXTENSIVE;
}

static void add_stats(hp_lshaped_stats *acc, const hp_lshaped_stats *s, int first)
{
    int it = first ? 0 : acc->iterations, mit = first ? 0 : acc->mip_iterations;
    double sec = first ? 0.0 : acc->seconds, ms = first ? 0.0 : acc->master_seconds,
           rs = first ? 0.0 : acc->recourse_seconds;
    long rsol = first ? 0 : acc->recourse_solves, sit = first ? 0 : acc->simplex_iters;
    *acc = *s;
    acc->iterations += it;
    acc->mip_iterations += mit;
    acc->seconds += sec;
    acc->master_seconds += ms;
    acc->recourse_seconds += rs;
    acc->recourse_solves += rsol;
    acc->simplex_iters += sit;
}

/* The extensive model's index maps pointing into x = [first stage | scenario
 * 0's recourse | scenario 1's ...] and y = [first-stage rows | scenario
 * rows ...], so that hp_plan_extract() reads the decomposed solution. */
static hp_status fake_model(const hpi_dc *d, hp_model **out)
{
    const hp_instance *in = d->in;
    const hp_model *m = d->m;
    int S = in->n_scenarios, P = in->n_products, J = in->n_suppliers, T = in->T;
    int n1 = hp_lp_ncols(d->first), n2 = hp_lp_ncols(d->second);
    int m1 = hp_lp_nrows(d->first), m2 = hp_lp_nrows(d->second);
    size_t nf = (size_t)J * (size_t)P * (size_t)T, nr = (size_t)in->n_restrictions * (size_t)T,
           PT = (size_t)P * (size_t)T;
    hp_model *f = NULL;
    hp_status st = hp_model_alloc(in, d->measure, d->alpha, &f);

    *out = NULL;
    if (st != HP_OK)
        return st;
    f->is_mip = hp_lp_nints(d->first) > 0;
#define FMAP(dst, src, n, of)                                                                      \
    for (size_t i_ = 0; i_ < (n); i_++)                                                            \
        if ((src)[i_] >= 0)                                                                        \
            (dst)[i_] = (of)[(src)[i_]];
    FMAP(f->x, m->x, nf, d->f_of)
    FMAP(f->n_lots, m->n_lots, nf, d->f_of)
    FMAP(f->z, m->z, (size_t)J, d->f_of)
    FMAP(f->o, m->o, (size_t)J * (size_t)T, d->f_of)
    FMAP(f->cap_row, m->cap_row, nf, d->fr_of)
    FMAP(f->quota_row, m->quota_row, nr, d->fr_of)
    FMAP(f->share_row, m->share_row, nr, d->fr_of)
    FMAP(f->co_b, m->co_b, (size_t)J * (size_t)T, d->f_of)
#undef FMAP
    for (int s = 0; s < S; s++) {
        int cb = n1 + s * n2, rb = m1 + s * m2;
        for (size_t i = 0; i < PT; i++) {
            size_t k = (size_t)s * PT + i;
            if (m->y[i] >= 0)
                f->y[k] = cb + d->r_of[m->y[i]];
            if (m->u[i] >= 0)
                f->u[k] = cb + d->r_of[m->u[i]];
            if (m->inv[i] >= 0)
                f->inv[k] = cb + d->r_of[m->inv[i]];
            if (m->v[i] >= 0)
                f->v[k] = cb + d->r_of[m->v[i]];
            if (m->bal_row[i] >= 0)
                f->bal_row[k] = rb + d->rr_of[m->bal_row[i]];
            if (m->res_r[i] >= 0)
                f->res_r[k] = cb + d->r_of[m->res_r[i]];
        }
        /* second edition: terminal shortfall e per product, take-or-pay k
         * per offer and quarter (the one-model's scenario 0) */
        for (int p = 0; p < P; p++)
            if (m->term_e[p] >= 0)
                f->term_e[(size_t)s * (size_t)P + (size_t)p] = cb + d->r_of[m->term_e[p]];
        for (size_t i = 0; i < nf; i++)
            if (m->top_k[i] >= 0)
                f->top_k[(size_t)s * nf + i] = cb + d->r_of[m->top_k[i]];
    }
    *out = f;
    return HP_OK;
}

static hp_status extract(const hpi_dc *d, const hp_lshaped_result *res, hp_objective obj,
                         double seconds, long iterations, hp_plan **out)
{
    hp_status st = HP_OK;
    const hp_instance *in = d->in;
    int S = in->n_scenarios, n1 = hp_lp_ncols(d->first), n2 = hp_lp_ncols(d->second);
    int m1 = hp_lp_nrows(d->first), m2 = hp_lp_nrows(d->second);
    hp_model *f = NULL;
    double *x = NULL, *y = NULL;
    hp_solve_result r;

    HP_CALL(fake_model(d, &f));
    x = malloc(((size_t)n1 + (size_t)S * (size_t)n2) * sizeof *x);
    if (!x || !res->y) {
        st = x ? HP_EINTERNAL : HP_ENOMEM;
        goto cleanup;
    }
    memcpy(x, res->x, (size_t)n1 * sizeof *x);
    memcpy(x + n1, res->y, (size_t)S * (size_t)n2 * sizeof *x);
    if (res->first_dual && res->rec_dual) {
        y = malloc(((size_t)m1 + (size_t)S * (size_t)m2 + 1) * sizeof *y);
        if (!y) {
            st = HP_ENOMEM;
            goto cleanup;
        }
        memcpy(y, res->first_dual, (size_t)m1 * sizeof *y);
        /* the recourse minimises its scenario's own cost; the extensive
         * form's objective weighs it by p_s */
        for (int s = 0; s < S; s++)
            for (int i = 0; i < m2; i++)
                y[(size_t)m1 + (size_t)s * (size_t)m2 + (size_t)i] =
                    d->prob[s] * res->rec_dual[(size_t)s * (size_t)m2 + (size_t)i];
    }
    memset(&r, 0, sizeof r);
    r.status = res->status;
    r.has_solution = res->has_solution;
    r.is_mip = res->is_mip;
    r.objective = res->objective;
    r.bound = fmin(res->stats.lower, res->objective);
    r.gap = res->stats.gap;
    r.seconds = seconds;
    r.iterations = iterations;
    HP_CALL(hp_plan_extract(f, x, y, &r, obj, out));
    (*out)->rows = d->ext_rows;
    (*out)->cols = d->ext_cols;
    (*out)->nnz = d->ext_nnz;
    (*out)->backend = hp_backend_glpk()->name;
    (*out)->backend_version = hp_backend_glpk()->version();
cleanup:
    hp_model_free(f);
    free(x);
    free(y);
    return st;
}

/* Builds and solves one two-stage problem; maps the model status to the
 * call status of hp_decompose_plan(). */
static hp_status solve_one(const hp_instance *in, hp_measure measure, double alpha,
                           const hpi_dc_spec *spec, const hp_lshaped_opts *lo, hpi_dc *d,
                           hp_lshaped_result **res)
{
    hp_status st = HP_OK;
    hp_lshaped_opts o;

    if (lo)
        o = *lo;
    else
        hp_lshaped_opts_default(&o);
    o.keep_recourse = 1;
    HP_CALL(hpi_dc_build(d, in, measure, alpha, spec));
    HP_CALL(hp_lshaped_solve(&d->pb, &o, res));
    if ((*res)->status == HP_SOL_INFEASIBLE)
        st = HP_EINFEASIBLE;
    else if (!(*res)->has_solution)
        st = HP_ESOLVER;
cleanup:
    return st;
}

static hp_status check_args(const hp_instance *inst, const hp_model_opts *mo, hp_plan **out,
                            hp_measure *measure, double *alpha)
{
    if (!inst)
        return HP_EINVAL;
    if (out)
        *out = NULL;
    *measure = mo ? mo->measure : inst->measure;
    *alpha = mo ? mo->alpha : inst->alpha;
    if (!(*alpha > 0.0 && *alpha < 1.0) || (int)*measure < 0 || *measure > HP_MEASURE_EXPOSURE)
        return HP_EINVAL;
    return HP_OK;
}

static int dc_goal(hp_dc_goal g)
{
    return g == HP_GOAL_RISK ? HPI_DC_RISK : g == HP_GOAL_SPEND ? HPI_DC_SPEND : HPI_DC_COST;
}

hp_status hp_decompose_lex(const hp_instance *inst, const hp_model_opts *mo,
                           const hp_lshaped_opts *lo, const hp_dc_level *levels, int n,
                           double spend_bound, double risk_bound, hp_objective report,
                           hp_plan **out, double *values, hp_lshaped_stats *stats)
{
    hp_status st = HP_OK;
    hp_measure measure;
    double alpha;
    hp_lshaped_stats acc;
    hp_lshaped_result *res = NULL, *pres = NULL;
    hp_lshaped_opts o;
    hpi_dc d, pd;
    hpi_dc_spec spec;

    memset(&d, 0, sizeof d);
    memset(&pd, 0, sizeof pd);
    memset(&acc, 0, sizeof acc);
    HP_CALL(check_args(inst, mo, out, &measure, &alpha));
    if (mo && mo->information == HP_INFO_TREE) {
        /* the tree binds: never the two-stage model */
        hp_tree *tr = NULL;
        int binds;
        HP_CALL(hp_tree_build(inst, &tr));
        binds = hp_tree_binds(tr);
        hp_tree_free(tr);
        if (binds)
            return hp_decompose_tree_lex(inst, mo, lo, levels, n, spend_bound, risk_bound, report,
                                         mo->bundle_size > 0 ? mo->bundle_size : HP_TREE_BUNDLE,
                                         out, values, stats);
    }
    if (!levels || n < 1 || isnan(spend_bound) || isnan(risk_bound)) {
        st = HP_EINVAL;
        goto cleanup;
    }
    if (lo)
        o = *lo;
    else
        hp_lshaped_opts_default(&o);
    for (int k = 0; k < n; k++) {
        double v;
        if (values)
            values[k] = NAN;
        spec.obj = dc_goal(levels[k].goal);
        spec.spend_bound = spend_bound;
        /* a risk bound is slack while the risk itself is minimised: the
         * levels before left a plan within it */
        spec.risk_bound = spec.obj == HPI_DC_RISK ? HUGE_VAL : risk_bound;
        if (k > 0) {
            /* the level before stays at hand until this one has a plan */
            hp_lshaped_result_free(pres);
            hpi_dc_free(&pd);
            pres = res;
            pd = d;
            res = NULL;
            memset(&d, 0, sizeof d);
            if (o.time_limit > 0)
                o.time_limit = fmax(1e-3, lo->time_limit - acc.seconds);
        }
        st = solve_one(inst, measure, alpha, &spec, &o, &d, &res);
        if (res)
            add_stats(&acc, &res->stats, k == 0);
        if (k > 0 && (st == HP_EINFEASIBLE || st == HP_ESOLVER) && !(o.interrupt && *o.interrupt)) {
            /* a tie-breaking level whose feasible set, squeezed between the
             * earlier levels' bounds, the cuts cannot pin down: the plan of
             * the level before satisfies every bound; its ties stay open */
            hp_log(1,
                   "L-shaped: level %d of %d found no plan within the bounds of the levels "
                   "before; the plan of level %d is kept",
                   k + 1, n, k);
            hp_lshaped_result_free(res);
            hpi_dc_free(&d);
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
        v = res->objective;
        if (values)
            values[k] = v;
        /* the next levels keep this one within its tolerance, never below
         * the method's own: v is only known to that (a tighter bound cuts
         * off plans as good as the one found, by the rounding of the cuts) */
        v += fmax(fmax(levels[k].tol, o.tolerance) * fabs(v), 1e-9);
        if (levels[k].goal == HP_GOAL_SPEND)
            spend_bound = fmin(spend_bound, v);
        else if (levels[k].goal == HP_GOAL_RISK)
            risk_bound = fmin(risk_bound, v);
    }
    if (out)
        HP_CALL(extract(&d, res, report, acc.seconds, acc.iterations, out));
cleanup:
    if (stats)
        *stats = acc;
    hp_lshaped_result_free(res);
    hp_lshaped_result_free(pres);
    hpi_dc_free(&d);
    hpi_dc_free(&pd);
    return st;
}

hp_status hp_decompose_plan(const hp_instance *inst, const hp_model_opts *mo,
                            const hp_lshaped_opts *lo, hp_objective obj, hp_plan **out,
                            hp_lshaped_stats *stats)
{
    /* risk: the least risk first, then the least cost within 1e-6 of it */
    static const hp_dc_level cost[1] = {{HP_GOAL_COST, 0.0}};
    static const hp_dc_level risk[2] = {{HP_GOAL_RISK, 1e-6}, {HP_GOAL_COST, 0.0}};
    if (!out)
        return HP_EINVAL;
    return hp_decompose_lex(inst, mo, lo, obj == HP_OBJ_RISK ? risk : cost,
                            obj == HP_OBJ_RISK ? 2 : 1, HUGE_VAL, HUGE_VAL, obj, out, NULL, stats);
}

hp_status hp_decompose_bounded(const hp_instance *inst, const hp_model_opts *mo,
                               const hp_lshaped_opts *lo, double risk_bound, hp_plan **out,
                               hp_lshaped_stats *stats)
{
    static const hp_dc_level cost[1] = {{HP_GOAL_COST, 0.0}};
    if (!out || !isfinite(risk_bound))
        return HP_EINVAL;
    return hp_decompose_lex(inst, mo, lo, cost, 1, HUGE_VAL, risk_bound, HP_OBJ_COST, out, NULL,
                            stats);
}
