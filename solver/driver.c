/* hreeplan solver layer: backend lookup, the hp_solver pairing and the
 * lexicographic driver.
 *
 * Objective constant: a backend reports c.x plus the model's constant
 * (set at load; set_obj() keeps it).  That is right for the model's own
 * objective but not for an objective set by hp_solver_minimise_col() or
 * set_obj(): when the driver's current objective differs from the model's,
 * hp_solve() reports the exact value of the current objective (s->obj . x)
 * and shifts the bound by the constant, so minimising a column reports that
 * column's value.
 *
 * hp_solve_lex() result: status, objective, bound and gap are the second
 * solve's, except that a first solve stopped by a time or gap limit passes
 * its status on (the plan is then no better than that); seconds and
 * iterations count both solves, which share one time limit. */
#include "backend.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *hp_sol_status_str(hp_sol_status s)
{
    switch (s) {
    case HP_SOL_OPTIMAL:
        return "optimal";
    case HP_SOL_TIME_LIMIT:
        return "time_limit";
    case HP_SOL_GAP_LIMIT:
        return "gap_limit";
    case HP_SOL_INFEASIBLE:
        return "infeasible";
    case HP_SOL_UNBOUNDED:
        return "unbounded";
    case HP_SOL_FAILED:
        return "failed";
    }
    return "failed";
}

void hp_solve_opts_default(hp_solve_opts *o)
{
    o->time_limit = 0.0;
    o->mip_gap = 0.0;
    o->presolve = 1;
    o->verbose = 0;
    o->interrupt = NULL;
}

#ifndef HP_WITH_CBC
const hp_backend_ops *hp_backend_cbc(void)
{
    return NULL;
}

const char *hp_backend_cbc_about(void)
{
    return NULL;
}
#endif

const hp_backend_ops *hp_backend_find(const char *name)
{
    if (!name)
        return NULL;
    if (strcmp(name, "glpk") == 0)
        return hp_backend_glpk();
    if (strcmp(name, "cbc") == 0)
        return hp_backend_cbc();
    return NULL;
}

hp_status hp_backend_ready(const hp_backend_ops *ops, char *err, size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
    if (!ops)
        return HP_EINVAL;
    return ops->ready ? ops->ready(err, errlen) : HP_OK;
}

hp_status hp_solver_open(hp_solver *s, const hp_backend_ops *ops, const hp_lp *lp, char *err,
                         size_t errlen)
{
    hp_status st;
    int n;

    memset(s, 0, sizeof *s);
    if (err && errlen)
        err[0] = '\0';
    if (!ops || !lp)
        return HP_EINVAL;
    HP_CALL(hp_backend_ready(ops, err, errlen));
    HP_CALL(hp_lp_validate(lp, err, errlen));
    n = hp_lp_ncols(lp);
    s->obj = malloc((size_t)(n > 0 ? n : 1) * sizeof *s->obj);
    if (!s->obj) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (int j = 0; j < n; j++)
        s->obj[j] = hp_lp_obj(lp, j);
    s->ops = ops;
    s->lp = lp;
    HP_CALL(ops->create(&s->h));
    HP_CALL(ops->load(s->h, lp));
cleanup:
    if (st != HP_OK) {
        if (err && errlen && !err[0])
            snprintf(err, errlen, "%s backend: %s", ops ? ops->name : "?", hp_status_str(st));
        hp_solver_close(s);
    }
    return st;
}

void hp_solver_close(hp_solver *s)
{
    if (!s)
        return;
    if (s->ops && s->h)
        s->ops->destroy(s->h);
    free(s->obj);
    memset(s, 0, sizeof *s);
}

static int obj_is_model(const hp_solver *s)
{
    int n = hp_lp_ncols(s->lp);
    for (int j = 0; j < n; j++)
        if (s->obj[j] != hp_lp_obj(s->lp, j))
            return 0;
    return 1;
}

hp_status hp_solve(hp_solver *s, const hp_solve_opts *o, hp_solve_result *r)
{
    hp_solve_opts def;
    hp_status st;
    double *x = NULL, c;
    int n;

    memset(r, 0, sizeof *r);
    r->status = HP_SOL_FAILED;
    if (!s || !s->ops || !s->h)
        return HP_EINVAL;
    if (!o) {
        hp_solve_opts_default(&def);
        o = &def;
    }
    if (hp_lp_nints(s->lp) > 0)
        HP_CALL(s->ops->solve_mip(s->h, o, r));
    else
        HP_CALL(s->ops->solve_lp(s->h, o, r));
    c = hp_lp_obj_const(s->lp);
    if (c == 0.0 || obj_is_model(s))
        goto cleanup;
    n = hp_lp_ncols(s->lp);
    if (r->has_solution) {
        double v = 0.0;
        x = malloc((size_t)(n > 0 ? n : 1) * sizeof *x);
        if (!x) {
            st = HP_ENOMEM;
            goto cleanup;
        }
        HP_CALL(s->ops->get_primal(s->h, x));
        for (int j = 0; j < n; j++)
            v += s->obj[j] * x[j];
        r->bound = r->is_mip ? fmin(r->bound - c, v) : v;
        r->objective = v;
    } else if (r->objective != 0.0 || r->bound != 0.0) {
        r->objective -= c;
        r->bound -= c;
    }
cleanup:
    free(x);
    return st;
}

hp_status hp_solver_rhs_range(hp_solver *s, const int *rows, int n, double *lo, double *hi)
{
    if (!s || !s->ops || !s->h || !s->ops->rhs_range)
        return HP_EINVAL;
    return s->ops->rhs_range(s->h, rows, n, lo, hi);
}

hp_status hp_solver_minimise_col(hp_solver *s, int col)
{
    int n;
    if (!s || !s->ops || !s->h)
        return HP_EINVAL;
    n = hp_lp_ncols(s->lp);
    if (col < 0 || col >= n)
        return HP_EINVAL;
    for (int j = 0; j < n; j++)
        s->obj[j] = 0.0;
    s->obj[col] = 1.0;
    return s->ops->set_obj(s->h, s->obj);
}

/* The next level of a lexicographic solve: bounds column prev at its
 * optimal value v plus max(rel_tol |v|, abs_tol) (within its own bounds),
 * minimises column next, and solves with what is left of the time budget
 * (at least a tenth of it).  The basis of the previous solve stays primal
 * feasible (the new bound is above v), so the backend warm-starts from it.
 * r gets the new solve's result with the previous one's seconds and
 * iterations added, and its status when that one stopped short of
 * optimality (a plan no better than the previous level). */
static hp_status next_level(hp_solver *s, int prev, double v, double rel_tol, double abs_tol,
                            int next, const hp_solve_opts *o, const hp_solve_result *rp,
                            hp_solve_result *r)
{
    hp_solve_opts o2;
    double tol = fmax(rel_tol * fabs(v), abs_tol);
    double ub = fmin(v + tol, hp_lp_col_ub(s->lp, prev));
    hp_status st;

    ub = fmax(ub, hp_lp_col_lb(s->lp, prev)); /* rounding below lb */
    if ((st = s->ops->set_col_bounds(s->h, prev, hp_lp_col_lb(s->lp, prev), ub)) != HP_OK ||
        (st = hp_solver_minimise_col(s, next)) != HP_OK)
        return st;
    if (o && o->time_limit > 0) {
        o2 = *o;
        o2.time_limit = fmax(o->time_limit - rp->seconds, 0.1 * o->time_limit);
        o = &o2;
    }
    if ((st = hp_solve(s, o, r)) != HP_OK)
        return st;
    if (r->status == HP_SOL_OPTIMAL && rp->status != HP_SOL_OPTIMAL)
        r->status = rp->status;
    r->seconds += rp->seconds;
    r->iterations += rp->iterations;
    return HP_OK;
}

/* Restores the model objective saved before a lexicographic solve; keeps
 * the first error. */
static hp_status restore_obj(hp_solver *s, double *saved, int n, hp_status st)
{
    hp_status st2;
    if (!saved)
        return st;
    memcpy(s->obj, saved, (size_t)n * sizeof *saved);
    st2 = s->ops->set_obj(s->h, s->obj);
    free(saved);
    return st == HP_OK ? st2 : st;
}

hp_status hp_solve_lex(hp_solver *s, int first, int second, double rel_tol, double abs_tol,
                       const hp_solve_opts *o, hp_solve_result *r, double *first_value)
{
    hp_status st = HP_OK;
    hp_solve_result r1;
    double *saved = NULL;
    int n;

    memset(r, 0, sizeof *r);
    r->status = HP_SOL_FAILED;
    if (first_value)
        *first_value = NAN;
    if (!s || !s->ops || !s->h)
        return HP_EINVAL;
    n = hp_lp_ncols(s->lp);
    if (first < 0 || first >= n || second < 0 || second >= n || !(rel_tol >= 0) || !(abs_tol >= 0))
        return HP_EINVAL;
    saved = malloc((size_t)n * sizeof *saved);
    if (!saved)
        return HP_ENOMEM;
    memcpy(saved, s->obj, (size_t)n * sizeof *saved);

    HP_CALL(hp_solver_minimise_col(s, first));
    HP_CALL(hp_solve(s, o, &r1));
    if (!r1.has_solution) {
        *r = r1;
        goto cleanup;
    }
    /* with the column as the whole objective, hp_solve reports its value */
    if (first_value)
        *first_value = r1.objective;
    HP_CALL(next_level(s, first, r1.objective, rel_tol, abs_tol, second, o, &r1, r));
cleanup:
    return restore_obj(s, saved, n, st);
}

hp_status hp_solve_lex3(hp_solver *s, const int cols[3], const double rel_tol[2], double abs_tol,
                        const hp_solve_opts *o, hp_solve_result *r, double values[2])
{
    hp_status st = HP_OK;
    hp_solve_result r12;
    double *saved = NULL;
    int n;

    memset(r, 0, sizeof *r);
    r->status = HP_SOL_FAILED;
    values[0] = values[1] = NAN;
    if (!s || !s->ops || !s->h)
        return HP_EINVAL;
    n = hp_lp_ncols(s->lp);
    if (cols[2] < 0 || cols[2] >= n || !(rel_tol[1] >= 0))
        return HP_EINVAL;
    HP_CALL(hp_solve_lex(s, cols[0], cols[1], rel_tol[0], abs_tol, o, &r12, &values[0]));
    if (!r12.has_solution) {
        *r = r12;
        goto cleanup;
    }
    saved = malloc((size_t)n * sizeof *saved);
    if (!saved)
        return HP_ENOMEM;
    memcpy(saved, s->obj, (size_t)n * sizeof *saved);
    values[1] = r12.objective;
    HP_CALL(next_level(s, cols[1], r12.objective, rel_tol[1], abs_tol, cols[2], o, &r12, r));
cleanup:
    return restore_obj(s, saved, n, st);
}

/* The form a cost-minimal plan needs (MODEL.md "Plans"): risk decides only
 * among plans of exactly the least cost, so no cost is spent on risk; the
 * duals are those of the cost solve; a tie-break that finds nothing better
 * (not optimal, e.g. stopped by the time limit) keeps the first plan. */
hp_status hp_solve_lex_ties(hp_solver *s, int first, int second, const hp_solve_opts *o,
                            hp_solve_result *r, double *x, double *y, int *kept)
{
    hp_status st = HP_OK;
    hp_solve_result r2;

    memset(r, 0, sizeof *r);
    r->status = HP_SOL_FAILED;
    if (!s || !s->ops || !s->h || !x || !kept)
        return HP_EINVAL;
    *kept = first;
    HP_CALL(hp_solver_minimise_col(s, first));
    HP_CALL(hp_solve(s, o, r));
    if (r->has_solution && y && hp_lp_nints(s->lp) == 0) {
        HP_CALL(s->ops->get_duals(s->h, y));
        if (s->on_duals)
            HP_CALL(s->on_duals(s, s->on_duals_ctx));
    }
    if (r->has_solution)
        HP_CALL(s->ops->get_primal(s->h, x));
    if (r->status != HP_SOL_OPTIMAL)
        goto cleanup;
    HP_CALL(s->ops->set_col_bounds(s->h, first, hp_lp_col_lb(s->lp, first), r->objective));
    HP_CALL(hp_solver_minimise_col(s, second));
    HP_CALL(hp_solve(s, o, &r2));
    if (r2.has_solution && r2.status == HP_SOL_OPTIMAL) {
        *kept = second;
        HP_CALL(s->ops->get_primal(s->h, x));
        r->seconds += r2.seconds;
        r->iterations += r2.iterations;
    }
cleanup:
    return st;
}
