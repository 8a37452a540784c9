/* hreeplan: the cost-risk and spend-risk fronts by the L-shaped method (see
 * hp_decompose_front() and hp_decompose_spend_front() in decompose.h).
 * Each point is a separate decomposed solve: on the cost axis the ends are
 * the plans of hp_decompose_plan(), the interior points those of
 * hp_decompose_bounded(); on the spend axis every point is a
 * hp_decompose_lex() with the levels of the extensive sweep. */
#include "decompose.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static double measure_of(const hp_plan *p, hp_measure m)
{
    return m == HP_MEASURE_SHORTAGE ? p->shortage : m == HP_MEASURE_CVAR ? p->cvar : p->exposure;
}

static void sum_stats(hp_lshaped_stats *acc, const hp_lshaped_stats *s)
{
    acc->iterations += s->iterations;
    acc->mip_iterations += s->mip_iterations;
    acc->cuts_added += s->cuts_added;
    acc->cuts_dropped += s->cuts_dropped;
    acc->feas_cuts += s->feas_cuts;
    acc->recourse_solves += s->recourse_solves;
    acc->simplex_iters += s->simplex_iters;
    acc->seconds += s->seconds;
    acc->master_seconds += s->master_seconds;
    acc->recourse_seconds += s->recourse_seconds;
    acc->threads = s->threads;
    if (s->max_rows > acc->max_rows)
        acc->max_rows = s->max_rows;
}

static void set_point(hp_pareto_point *pt, int k, double eps, const hp_plan *pl, hp_measure m,
                      int spend)
{
    pt->index = k;
    pt->eps = eps;
    pt->solved = 1;
    pt->duplicate = -1;
    if (pl) {
        pt->result = pl->result;
        pt->cost = spend ? pl->cost_spend : pl->cost_total;
        pt->risk = measure_of(pl, m);
    } else {
        pt->result.status = HP_SOL_FAILED;
        pt->result.has_solution = 0;
    }
}

hp_status hp_decompose_front(const hp_instance *inst, const hp_model_opts *mo,
                             const hp_lshaped_opts *lo, int n, const volatile int *interrupt,
                             hp_pareto **front, hp_plan **plans, hp_lshaped_stats *stats)
{
    hp_status st = HP_OK;
    hp_pareto *f = NULL;
    hp_lshaped_stats acc, one;
    hp_measure m;
    int *order = NULL;
    double rmin, rmax;

    memset(&acc, 0, sizeof acc);
    if (!inst || !front || !plans || n < 2)
        return HP_EINVAL;
    *front = NULL;
    m = mo ? mo->measure : inst->measure;
    f = calloc(1, sizeof *f);
    order = malloc((size_t)n * sizeof *order);
    if (!f || !order || !(f->pts = calloc((size_t)n, sizeof *f->pts))) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    f->n = n;
    f->knee = -1;
    for (int k = 0; k < n; k++) {
        f->pts[k].index = k;
        f->pts[k].duplicate = -1;
    }
    /* the ends */
    st = hp_decompose_plan(inst, mo, lo, HP_OBJ_COST, &plans[0], &one);
    sum_stats(&acc, &one);
    if (st != HP_OK)
        goto cleanup;
    rmax = measure_of(plans[0], m);
    set_point(&f->pts[0], 0, rmax, plans[0], m, 0);
    st = hp_decompose_plan(inst, mo, lo, HP_OBJ_RISK, &plans[n - 1], &one);
    sum_stats(&acc, &one);
    if (st != HP_OK)
        goto cleanup;
    rmin = measure_of(plans[n - 1], m);
    set_point(&f->pts[n - 1], n - 1, rmin, plans[n - 1], m, 0);
    f->n_solved = 2;
    for (int k = 1; k < n - 1; k++) {
        double eps = rmax - (double)k * (rmax - rmin) / (double)(n - 1);
        hp_status sk;
        if (interrupt && *interrupt) {
            f->interrupted = 1;
            break;
        }
        sk = hp_decompose_bounded(inst, mo, lo, eps, &plans[k], &one);
        sum_stats(&acc, &one);
        if (sk != HP_OK && sk != HP_ESOLVER && sk != HP_EINFEASIBLE) {
            st = sk;
            goto cleanup;
        }
        set_point(&f->pts[k], k, eps, plans[k], m, 0);
        f->n_solved++;
    }
    order[0] = 0;
    order[1] = n - 1;
    for (int k = 1; k < n - 1; k++)
        order[k + 1] = k;
    hp_pareto_mark(f, order, 1e-6);
    f->seconds = acc.seconds;
    f->iterations = acc.iterations;
    *front = f;
    f = NULL;
cleanup:
    if (stats)
        *stats = acc;
    free(order);
    hp_pareto_free(f);
    return st;
}

/* The front's frame: n points, none solved. */
static hp_pareto *new_front(int n)
{
    hp_pareto *f = calloc(1, sizeof *f);
    if (!f || !(f->pts = calloc((size_t)n, sizeof *f->pts))) {
        free(f);
        return NULL;
    }
    f->n = n;
    f->knee = -1;
    for (int k = 0; k < n; k++) {
        f->pts[k].index = k;
        f->pts[k].duplicate = -1;
    }
    return f;
}

hp_status hp_decompose_spend_front(const hp_instance *inst, const hp_model_opts *mo,
                                   const hp_lshaped_opts *lo, int n, const volatile int *interrupt,
                                   hp_pareto **front, hp_plan **plans, hp_plan **cost_plan,
                                   hp_lshaped_stats *stats)
{
    /* as solver/pareto.c: the least spend, ties least risk within 1e-9; the
     * least risk, then the least spend within 1e-6 of it */
    static const hp_dc_level lo_end[2] = {{HP_GOAL_SPEND, 1e-9}, {HP_GOAL_RISK, 0.0}};
    static const hp_dc_level hi_end[2] = {{HP_GOAL_RISK, 1e-6}, {HP_GOAL_SPEND, 0.0}};
    static const hp_dc_level inner[1] = {{HP_GOAL_SPEND, 0.0}};
    hp_status st = HP_OK;
    hp_pareto *f = NULL;
    hp_lshaped_stats acc, one;
    hp_measure m;
    int *order = NULL;
    double rmax, least[2];

    memset(&acc, 0, sizeof acc);
    if (!inst || !front || !plans || !cost_plan || n < 2)
        return HP_EINVAL;
    *front = NULL;
    *cost_plan = NULL;
    m = mo ? mo->measure : inst->measure;
    f = new_front(n);
    order = malloc((size_t)n * sizeof *order);
    if (!f || !order) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    st = hp_decompose_lex(inst, mo, lo, lo_end, 2, HUGE_VAL, HUGE_VAL, HP_OBJ_COST, &plans[0], NULL,
                          &one);
    sum_stats(&acc, &one);
    if (st != HP_OK)
        goto cleanup;
    rmax = measure_of(plans[0], m);
    set_point(&f->pts[0], 0, rmax, plans[0], m, 1);
    st = hp_decompose_lex(inst, mo, lo, hi_end, 2, HUGE_VAL, HUGE_VAL, HP_OBJ_RISK, &plans[n - 1],
                          least, &one);
    sum_stats(&acc, &one);
    if (st != HP_OK)
        goto cleanup;
    set_point(&f->pts[n - 1], n - 1, measure_of(plans[n - 1], m), plans[n - 1], m, 1);
    f->n_solved = 2;
    for (int k = 1; k < n - 1; k++) {
        double eps = rmax - (double)k * (rmax - least[0]) / (double)(n - 1);
        hp_status sk;
        if (interrupt && *interrupt) {
            f->interrupted = 1;
            break;
        }
        sk = hp_decompose_lex(inst, mo, lo, inner, 1, HUGE_VAL, eps, HP_OBJ_COST, &plans[k], NULL,
                              &one);
        sum_stats(&acc, &one);
        if (sk != HP_OK && sk != HP_ESOLVER && sk != HP_EINFEASIBLE) {
            st = sk;
            goto cleanup;
        }
        set_point(&f->pts[k], k, eps, plans[k], m, 1);
        f->n_solved++;
    }
    if (!f->interrupted) {
        st = hp_decompose_plan(inst, mo, lo, HP_OBJ_COST, cost_plan, &one);
        sum_stats(&acc, &one);
        if (st != HP_OK)
            goto cleanup;
    }
    order[0] = 0;
    order[1] = n - 1;
    for (int k = 1; k < n - 1; k++)
        order[k + 1] = k;
    hp_pareto_mark(f, order, 1e-6);
    f->seconds = acc.seconds;
    f->iterations = acc.iterations;
    *front = f;
    f = NULL;
cleanup:
    if (stats)
        *stats = acc;
    free(order);
    hp_pareto_free(f);
    return st;
}
