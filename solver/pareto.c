/* The epsilon-constraint sweep (see pareto.h for the method and the marks). */
#include "pareto.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void hp_pareto_opts_default(hp_pareto_opts *o)
{
    memset(o, 0, sizeof *o);
    o->points = 11;
    o->dup_tol = 1e-6;
    o->cost_end_tol = 1e-9;
    o->risk_end_tol = 1e-6;
    o->lex_abs_tol = 1e-9;
    hp_solve_opts_default(&o->solve);
}

void hp_pareto_free(hp_pareto *p)
{
    if (!p)
        return;
    free(p->pts);
    free(p);
}

int hp_pareto_same(double a, double b, double scale, double tol)
{
    double m = fmax(fmax(fabs(a), fabs(b)), scale);
    return fabs(a - b) <= tol * m;
}

/* Scales of the tolerance: the size of the front in each objective, taken
 * from the two ends when they are solved (the largest magnitude seen else). */
static void scales(const hp_pareto *p, double *cs, double *rs)
{
    *cs = 0.0;
    *rs = 0.0;
    for (int i = 0; i < p->n; i++) {
        const hp_pareto_point *q = &p->pts[i];
        if (!q->result.has_solution)
            continue;
        *cs = fmax(*cs, fabs(q->cost));
        *rs = fmax(*rs, fabs(q->risk));
    }
}

static int same_point(const hp_pareto_point *a, const hp_pareto_point *b, double cs, double rs,
                      double tol)
{
    return hp_pareto_same(a->cost, b->cost, cs, tol) && hp_pareto_same(a->risk, b->risk, rs, tol);
}

/* The earlier entry of order[0..pos-1] that point order[pos] repeats, or -1. */
static int find_duplicate(const hp_pareto *p, const int *order, int pos, double cs, double rs,
                          double tol)
{
    const hp_pareto_point *q = &p->pts[order ? order[pos] : pos];
    for (int k = 0; k < pos; k++) {
        const hp_pareto_point *e = &p->pts[order ? order[k] : k];
        if (e->result.has_solution && e->duplicate < 0 && same_point(q, e, cs, rs, tol))
            return e->index;
    }
    return -1;
}

/* Dominance, front and knee, the duplicate marks being set. */
static void mark_front(hp_pareto *p, double tol)
{
    double cs, rs, dc, dr, best = 1e-9;
    const hp_pareto_point *lo = NULL, *hi = NULL;

    scales(p, &cs, &rs);
    p->knee = -1;
    p->n_front = 0;
    for (int i = 0; i < p->n; i++) {
        hp_pareto_point *q = &p->pts[i];
        q->dominated = 0;
        q->on_front = 0;
        q->knee = 0;
        q->knee_distance = 0.0;
    }
    /* Weak dominance: e no worse in both and better in one, beyond tol. */
    for (int i = 0; i < p->n; i++) {
        hp_pareto_point *q = &p->pts[i];
        if (!q->result.has_solution || q->duplicate >= 0)
            continue;
        for (int k = 0; k < p->n && !q->dominated; k++) {
            const hp_pareto_point *e = &p->pts[k];
            int c_le, r_le, c_eq, r_eq;
            if (k == i || !e->result.has_solution || e->duplicate >= 0)
                continue;
            c_eq = hp_pareto_same(e->cost, q->cost, cs, tol);
            r_eq = hp_pareto_same(e->risk, q->risk, rs, tol);
            c_le = c_eq || e->cost < q->cost;
            r_le = r_eq || e->risk < q->risk;
            if (c_le && r_le && !(c_eq && r_eq))
                q->dominated = 1;
        }
        q->on_front = !q->dominated;
        if (q->on_front) {
            p->n_front++;
            if (!lo || q->cost < lo->cost)
                lo = q;
            if (!hi || q->risk < hi->risk)
                hi = q;
        }
    }
    if (!lo)
        return;
    p->c_min = lo->cost;
    p->r_max = lo->risk;
    p->c_max = hi->cost;
    p->r_min = hi->risk;
    dc = p->c_max - p->c_min;
    dr = p->r_max - p->r_min;
    if (hp_pareto_same(p->c_min, p->c_max, cs, tol) || hp_pareto_same(p->r_min, p->r_max, rs, tol))
        return; /* one plan: no trade-off, no knee */
    for (int i = 0; i < p->n; i++) {
        hp_pareto_point *q = &p->pts[i];
        double cn, rn;
        if (!q->on_front)
            continue;
        cn = (q->cost - p->c_min) / dc;
        rn = (q->risk - p->r_min) / dr;
        /* line through (0, 1) and (1, 0): cn + rn = 1 */
        q->knee_distance = fabs(cn + rn - 1.0) / sqrt(2.0);
        if (q->knee_distance > best) {
            best = q->knee_distance;
            p->knee = i;
        }
    }
    if (p->knee >= 0)
        p->pts[p->knee].knee = 1;
}

void hp_pareto_mark(hp_pareto *p, const int *order, double tol)
{
    double cs, rs;
    scales(p, &cs, &rs);
    for (int i = 0; i < p->n; i++)
        p->pts[i].duplicate = -1;
    for (int pos = 0; pos < p->n; pos++) {
        hp_pareto_point *q = &p->pts[order ? order[pos] : pos];
        if (q->result.has_solution)
            q->duplicate = find_duplicate(p, order, pos, cs, rs, tol);
    }
    mark_front(p, tol);
}

/* Saved state of the solver, restored whatever happens. */
typedef struct saved {
    double *obj;
    double clb, cub, rlb, rub;
} saved;

static hp_status restore(hp_solver *s, int cost_col, int risk_col, const saved *sv)
{
    hp_status st = HP_OK, st2;
    int n = hp_lp_ncols(s->lp);
    if (sv->obj) {
        if (s->obj)
            memcpy(s->obj, sv->obj, (size_t)n * sizeof *s->obj);
        st = s->ops->set_obj(s->h, sv->obj);
    }
    st2 = s->ops->set_col_bounds(s->h, cost_col, sv->clb, sv->cub);
    if (st == HP_OK)
        st = st2;
    st2 = s->ops->set_col_bounds(s->h, risk_col, sv->rlb, sv->rub);
    if (st == HP_OK)
        st = st2;
    return st;
}

/* Reads the cost and risk of the point just solved (x: its primal values). */
static hp_status read_point(hp_solver *s, hp_pareto_point *pt, int cost_col, int risk_col,
                            double *x)
{
    hp_status st = HP_OK;
    if (!pt->result.has_solution)
        return HP_OK;
    HP_CALL(s->ops->get_primal(s->h, x));
    pt->cost = x[cost_col];
    pt->risk = x[risk_col];
cleanup:
    return st;
}

static void add_result(hp_pareto *p, const hp_pareto_point *pt)
{
    p->iterations += pt->result.iterations;
}

static hp_status solve_end(hp_solver *s, int first, int second, double rel_tol,
                           const hp_pareto_opts *o, hp_pareto_point *pt)
{
    double v;
    return hp_solve_lex(s, first, second, rel_tol, o->lex_abs_tol, &o->solve, &pt->result, &v);
}

hp_status hp_pareto_sweep(hp_solver *s, int cost_col, int risk_col, const hp_pareto_opts *o,
                          hp_pareto **out)
{
    hp_status st = HP_OK, st2;
    hp_pareto *p = NULL;
    saved sv = {0};
    double *x = NULL, *y = NULL, t0 = hp_seconds();
    int *order = NULL, n, ncols, nrows, done = 0, have_saved = 0, end_failed = 0;
    double least = 0.0;

    *out = NULL;
    if (!s || !s->lp || !o || o->points < 2)
        return HP_EINVAL;
    ncols = hp_lp_ncols(s->lp);
    nrows = hp_lp_nrows(s->lp);
    if (cost_col < 0 || cost_col >= ncols || risk_col < 0 || risk_col >= ncols ||
        cost_col == risk_col)
        return HP_EINVAL;
    n = o->points;

    p = calloc(1, sizeof *p);
    x = malloc((size_t)ncols * sizeof *x);
    y = malloc((size_t)(nrows > 0 ? nrows : 1) * sizeof *y);
    order = malloc((size_t)n * sizeof *order);
    sv.obj = malloc((size_t)ncols * sizeof *sv.obj);
    if (!p || !x || !y || !order || !sv.obj) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    p->pts = calloc((size_t)n, sizeof *p->pts);
    if (!p->pts) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    p->n = n;
    p->knee = -1;
    for (int i = 0; i < n; i++) {
        p->pts[i].index = i;
        p->pts[i].duplicate = -1;
    }
    /* The order in which duplicates are judged: the ends first, so that an
     * end is never the duplicate of an interior point. */
    order[0] = 0;
    if (n > 1)
        order[1] = n - 1;
    for (int k = 2; k < n; k++)
        order[k] = k - 1;

    for (int j = 0; j < ncols; j++)
        sv.obj[j] = s->obj ? s->obj[j] : hp_lp_obj(s->lp, j);
    sv.clb = hp_lp_col_lb(s->lp, cost_col);
    sv.cub = hp_lp_col_ub(s->lp, cost_col);
    sv.rlb = hp_lp_col_lb(s->lp, risk_col);
    sv.rub = hp_lp_col_ub(s->lp, risk_col);
    have_saved = 1;

    /* The least risk first: it sets the eps grid.  Then the points in index
     * order, eps falling, each warm-started from its neighbour's basis; the
     * risk-minimal end comes last, as the cheapest plan within the tolerance
     * of the least risk (the second stage of hp_solve_lex, but reached from
     * the nearby point n-2 rather than from the least-risk vertex, which on
     * scenario models is several times faster). */
    if (o->interrupt && *o->interrupt) {
        p->interrupted = 1;
        goto marks;
    }
    {
        hp_solve_result lr;
        HP_CALL(hp_solver_minimise_col(s, risk_col));
        HP_CALL(hp_solve(s, &o->solve, &lr));
        p->iterations += lr.iterations;
        if (!lr.has_solution) {
            /* the risk-minimal end fails: report that solve as its result */
            p->pts[n - 1].solved = 1;
            p->pts[n - 1].result = lr;
            end_failed = 1;
            st = lr.status == HP_SOL_INFEASIBLE ? HP_EINFEASIBLE : HP_ESOLVER;
            goto marks;
        }
        HP_CALL(s->ops->get_primal(s->h, x));
        least = x[risk_col];
    }
    for (int i = 0; i < n; i++) {
        hp_pareto_point *pt = &p->pts[i];
        if (o->interrupt && *o->interrupt) {
            p->interrupted = 1;
            break;
        }
        pt->solved = 1;
        if (i == 0) {
            HP_CALL(solve_end(s, cost_col, risk_col, o->cost_end_tol, o, pt));
            HP_CALL(s->ops->set_col_bounds(s->h, cost_col, sv.clb, sv.cub));
            HP_CALL(hp_solver_minimise_col(s, cost_col));
        } else {
            if (i == n - 1) {
                pt->eps = least + fmax(o->risk_end_tol * fabs(least), o->lex_abs_tol);
                pt->eps = fmax(fmin(pt->eps, sv.rub), sv.rlb);
            } else {
                pt->eps = p->r_max - (double)i * (p->r_max - least) / (double)(n - 1);
                /* when the cheapest end already has the least risk (up to
                 * round-off: r_max may sit a hair below least), every
                 * point is that plan: never ask for less than least */
                pt->eps = fmax(fmin(fmax(pt->eps, least), sv.rub), sv.rlb);
            }
            HP_CALL(s->ops->set_col_bounds(s->h, risk_col, sv.rlb, pt->eps));
            HP_CALL(hp_solve(s, &o->solve, &pt->result));
        }
        HP_CALL(read_point(s, pt, cost_col, risk_col, x));
        add_result(p, pt);
        if (pt->result.has_solution && o->on_point) {
            const double *yy = NULL;
            if (!pt->result.is_mip && s->ops->get_duals(s->h, y) == HP_OK)
                yy = y;
            HP_CALL(o->on_point(o->ctx, pt, x, yy));
        }
        if (i == 0 || i == n - 1) {
            if (!pt->result.has_solution) {
                end_failed = 1;
                st = pt->result.status == HP_SOL_INFEASIBLE ? HP_EINFEASIBLE : HP_ESOLVER;
                done++;
                if (o->on_progress)
                    o->on_progress(o->ctx, done, n, pt);
                break;
            }
            if (i == 0) {
                p->r_max = pt->risk;
                p->c_min = pt->cost;
            } else {
                p->r_min = pt->risk;
                p->c_max = pt->cost;
            }
            pt->eps = pt->risk;
        }
        p->n_solved++;
        done++;
        if (o->on_progress)
            o->on_progress(o->ctx, done, n, pt);
    }
marks:
    if (!end_failed)
        hp_pareto_mark(p, order, o->dup_tol);
    p->seconds = hp_seconds() - t0;

cleanup:
    if (have_saved) {
        st2 = restore(s, cost_col, risk_col, &sv);
        if (st == HP_OK)
            st = st2;
    }
    if (st == HP_OK || (end_failed && (st == HP_EINFEASIBLE || st == HP_ESOLVER))) {
        *out = p;
        p = NULL;
    }
    hp_pareto_free(p);
    free(x);
    free(y);
    free(order);
    free(sv.obj);
    return st;
}
