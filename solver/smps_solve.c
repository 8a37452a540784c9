/* hreeplan solver layer: an SMPS problem solved as its extensive form on a
 * backend, or mapped onto the L-shaped engine (smps.h).
 *
 * The engine (lshaped.h) takes a fixed recourse template and a technology
 * matrix T_s per scenario.  Random right-hand sides and random bounds of
 * recourse columns become entries of T_s on one extra first-stage column
 * fixed at 1: a row lb <= W y + T x <= ub whose right-hand side is h_s in
 * scenario s is lb <= W y + T x + (h - h_s) * 1 <= ub with h the core's; a
 * random bound y_j >= l_s (<= u_s) becomes the row y_j - l_s * 1 >= 0
 * (<= 0) and the column loses that bound.  Random first-stage costs enter
 * through their expectation.  Random recourse costs or recourse matrix
 * entries (no fixed recourse) are left to the extensive form. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smps_int.h"

void hp_smps_opts_default(hp_smps_opts *o)
{
    memset(o, 0, sizeof *o);
    o->method = HP_SMPS_AUTO;
    o->crossover = 50;
    o->seed = 1;
    hp_lshaped_opts_default(&o->ls);
}

void hp_smps_result_free(hp_smps_result *r)
{
    if (!r)
        return;
    free(r->x);
    free(r);
}

/* The expected first-stage costs over the scenario set into c (n1). */
static hp_status first_costs(const hp_smps *p, const hpi_smps_scen *s, double *c)
{
    hpi_smps_view v;
    if (hpi_smps_view_init(p, &v))
        return HP_ENOMEM;
    for (int j = 0; j < p->n1; j++)
        c[j] = p->cost[j];
    for (long k = 0; k < s->n; k++) {
        hpi_smps_view_apply(p, s, k, &v);
        for (int j = 0; j < p->n1; j++)
            c[j] += s->prob[k] * (v.cost[j] - p->cost[j]);
        hpi_smps_view_reset(p, s, k, &v);
    }
    hpi_smps_view_free(&v);
    return HP_OK;
}

/* The first stage into lp: columns (costs c, or 0 when c is NULL;
 * integrality unless relax) and first-stage rows. */
static hp_status add_first(const hp_smps *p, hp_lp *lp, const double *c, int relax)
{
    for (int j = 0; j < p->n1; j++)
        if (hp_lp_add_col(lp, p->cols.name[j], p->lb[j], p->ub[j], c ? c[j] : 0.0,
                          relax ? 0 : p->is_int[j]) < 0)
            return HP_ENOMEM;
    for (int i = 0; i < p->m1; i++) {
        double lb, ub;
        hpi_smps_row_bounds(p, i, p->rhs[i], &lb, &ub);
        if (hp_lp_add_row(lp, p->rows.name[i], lb, ub) < 0)
            return HP_ENOMEM;
    }
    for (int j = 0; j < p->n1; j++)
        for (size_t t = p->col_beg[j]; t < p->col_beg[j + 1]; t++)
            if (p->t_row[t] < p->m1 && hp_lp_add_coef(lp, p->t_row[t], j, p->t_val[t]))
                return HP_ENOMEM;
    return HP_OK;
}

/* The extensive form over scenarios [first, first + count) of s, each
 * weighted by its probability; lb_mode: first-stage costs 0, weights 1,
 * integrality relaxed, no constant (the lower-bound LP of one scenario). */
static hp_status extensive(const hp_smps *p, const hpi_smps_scen *s, long first, long count,
                           int lb_mode, hp_lp **out, char *err, size_t errlen)
{
    hp_lp *lp = hp_lp_new();
    hpi_smps_view v;
    double *c = NULL;
    char name[512];
    hp_status st = HP_OK;
    int n2 = p->cols.n - p->n1;
    memset(&v, 0, sizeof v);
    *out = NULL;
    if (!lp || hpi_smps_view_init(p, &v) || !(c = malloc(((size_t)p->n1 + 1) * sizeof *c)))
        HP_CALL(HP_ENOMEM);
    if (!lb_mode)
        HP_CALL(first_costs(p, s, c));
    HP_CALL(add_first(p, lp, lb_mode ? NULL : c, lb_mode));
    if (!lb_mode)
        hp_lp_set_obj_const(lp, p->obj_const);
    for (long k = first; k < first + count; k++) {
        int cb = hp_lp_ncols(lp), rb = hp_lp_nrows(lp);
        double w = lb_mode ? 1.0 : s->prob[k];
        hpi_smps_view_apply(p, s, k, &v);
        for (int j = p->n1; j < p->cols.n; j++) {
            if (v.lb[j] > v.ub[j]) {
                snprintf(err, errlen,
                         "%s: scenario %ld: column '%s' has lower bound %g above upper bound %g",
                         p->stoch_file, k + 1, p->cols.name[j], v.lb[j], v.ub[j]);
                HP_CALL(HP_EINVAL);
            }
            snprintf(name, sizeof name, "%s_%ld", p->cols.name[j], k + 1);
            if (hp_lp_add_col(lp, name, v.lb[j], v.ub[j], w * v.cost[j], 0) < 0)
                HP_CALL(HP_ENOMEM);
        }
        for (int i = p->m1; i < p->rows.n; i++) {
            double lb, ub;
            hpi_smps_row_bounds(p, i, v.rhs[i], &lb, &ub);
            snprintf(name, sizeof name, "%s_%ld", p->rows.name[i], k + 1);
            if (hp_lp_add_row(lp, name, lb, ub) < 0)
                HP_CALL(HP_ENOMEM);
        }
        for (int j = 0; j < p->cols.n; j++)
            for (size_t t = p->col_beg[j]; t < p->col_beg[j + 1]; t++)
                if (p->t_row[t] >= p->m1)
                    HP_CALL(hp_lp_add_coef(lp, rb + p->t_row[t] - p->m1,
                                           j < p->n1 ? j : cb + j - p->n1, v.tval[t]));
        hpi_smps_view_reset(p, s, k, &v);
    }
    (void)n2;
    *out = lp;
    lp = NULL;
cleanup:
    if (st == HP_ENOMEM)
        snprintf(err, errlen, "out of memory building the extensive form");
    hp_lp_free(lp);
    hpi_smps_view_free(&v);
    free(c);
    return st;
}

static hp_smps_result *new_result(const hp_smps *p, hp_smps_method m, long n)
{
    hp_smps_result *r = calloc(1, sizeof *r);
    if (!r || !(r->x = calloc((size_t)p->n1 + 1, sizeof *r->x))) {
        free(r);
        return NULL;
    }
    r->method = m;
    r->scenarios = n;
    r->status = HP_SOL_FAILED;
    return r;
}

static hp_status solve_extensive(const hp_smps *p, const hpi_smps_scen *s, const hp_smps_opts *o,
                                 hp_smps_result *res, char *err, size_t errlen)
{
    hp_lp *lp = NULL;
    hp_solver sv;
    hp_solve_opts so;
    hp_solve_result r;
    double *x = NULL;
    hp_status st = extensive(p, s, 0, s->n, 0, &lp, err, errlen);
    int opened = 0;
    if (st)
        return st;
    hp_solve_opts_default(&so);
    so.time_limit = o->time_limit;
    so.interrupt = o->ls.interrupt;
    HP_CALL(hp_solver_open(&sv, o->ops ? o->ops : hp_backend_glpk(), lp, err, errlen));
    opened = 1;
    HP_CALL(hp_solve(&sv, &so, &r));
    res->status = r.status;
    res->has_solution = r.has_solution;
    res->iterations = r.iterations;
    if (r.has_solution) {
        if (!(x = malloc((size_t)hp_lp_ncols(lp) * sizeof *x)))
            HP_CALL(HP_ENOMEM);
        HP_CALL(sv.ops->get_primal(sv.h, x));
        memcpy(res->x, x, (size_t)p->n1 * sizeof *x);
        res->objective = p->sense * r.objective;
    }
cleanup:
    if (st && !err[0])
        snprintf(err, errlen, "the extensive form: %s", hp_status_str(st));
    if (opened)
        hp_solver_close(&sv);
    hp_lp_free(lp);
    free(x);
    return st;
}

/* A finite lower bound of every Q_s(x) over the first-stage set: from the
 * recourse bounds when they give one, else the least recourse cost of each
 * scenario with x free in its first-stage set (one LP per scenario).
 * *infeasible is set when a scenario admits no first-stage plan at all. */
static hp_status value_bound(const hp_smps *p, const hpi_smps_scen *s, const hp_lp *second,
                             double *lb, int *infeasible, char *err, size_t errlen)
{
    double v = 0.0;
    hp_status st = HP_OK;
    *infeasible = 0;
    for (int j = 0; j < hp_lp_ncols(second) && isfinite(v); j++) {
        double q = hp_lp_obj(second, j);
        if (q > 0)
            v += q * hp_lp_col_lb(second, j);
        else if (q < 0)
            v += q * hp_lp_col_ub(second, j);
    }
    if (isfinite(v)) {
        *lb = v - 1e-6 * fmax(1.0, fabs(v));
        return HP_OK;
    }
    v = HUGE_VAL;
    for (long k = 0; k < s->n; k++) {
        hp_lp *lp = NULL;
        hp_solver sv;
        hp_solve_opts so;
        hp_solve_result r;
        hp_solve_opts_default(&so);
        if ((st = extensive(p, s, k, 1, 1, &lp, err, errlen)))
            return st;
        st = hp_solver_open(&sv, hp_backend_glpk(), lp, err, errlen);
        if (!st) {
            st = sv.ops->solve_lp(sv.h, &so, &r);
            hp_solver_close(&sv);
        }
        hp_lp_free(lp);
        if (st)
            return st;
        if (r.status == HP_SOL_INFEASIBLE) {
            *infeasible = 1;
            return HP_OK;
        }
        if (r.status != HP_SOL_OPTIMAL) {
            snprintf(err, errlen,
                     "%s: the recourse of scenario %ld is %s for some first-stage plan: the "
                     "L-shaped master has no lower bound (use --method extensive)",
                     p->stoch_file, k + 1,
                     r.status == HP_SOL_UNBOUNDED ? "unbounded below" : "unsolved");
            return HP_EINVAL;
        }
        v = fmin(v, r.objective);
    }
    *lb = v - 1e-6 * fmax(1.0, fabs(v));
    return HP_OK;
}

/* Triplet storage for T_s. */
typedef struct tech {
    size_t *beg;
    int *row, *col;
    double *val;
    size_t n, cap;
} tech;

static int tech_add(tech *t, int row, int col, double val)
{
    if (val == 0.0)
        return 0;
    if (t->n == t->cap) {
        size_t nc = t->cap ? 2 * t->cap : 256;
        int *a = realloc(t->row, nc * sizeof *a);
        if (a)
            t->row = a;
        int *b = a ? realloc(t->col, nc * sizeof *b) : NULL;
        if (b)
            t->col = b;
        double *c = b ? realloc(t->val, nc * sizeof *c) : NULL;
        if (!c)
            return -1;
        t->val = c;
        t->cap = nc;
    }
    t->row[t->n] = row;
    t->col[t->n] = col;
    t->val[t->n] = val;
    t->n++;
    return 0;
}

static hp_status solve_lshaped(const hp_smps *p, const hpi_smps_scen *s, const hp_smps_opts *o,
                               hp_smps_result *res, char *err, size_t errlen)
{
    hp_lp *first = hp_lp_new(), *second = hp_lp_new();
    hpi_smps_view v;
    tech t;
    double *c = NULL;
    int *brow = NULL, one = -1, infeasible = 0;
    char name[512];
    hp_lshaped_problem pb;
    hp_lshaped_result *lr = NULL;
    hp_status st = HP_OK;
    memset(&v, 0, sizeof v);
    memset(&t, 0, sizeof t);
    if (!first || !second || hpi_smps_view_init(p, &v) ||
        !(c = malloc(((size_t)p->n1 + 1) * sizeof *c)) ||
        !(brow = malloc((size_t)(p->n_elem + 1) * sizeof *brow)) ||
        !(t.beg = malloc(((size_t)s->n + 1) * sizeof *t.beg)))
        HP_CALL(HP_ENOMEM);
    HP_CALL(first_costs(p, s, c));
    HP_CALL(add_first(p, first, c, 0));
    for (int e = 0; e < p->n_elem; e++)
        if (p->elem[e].kind == HPI_SE_RHS || p->elem[e].kind == HPI_SE_LO ||
            p->elem[e].kind == HPI_SE_UP)
            one = 0;
    if (one == 0 && (one = hp_lp_add_col(first, "smps.one", 1.0, 1.0, 0.0, 0)) < 0)
        HP_CALL(HP_ENOMEM);
    /* the recourse template */
    for (int j = p->n1; j < p->cols.n; j++) {
        double lb = p->lb[j], ub = p->ub[j];
        for (int e = 0; e < p->n_elem; e++)
            if (p->elem[e].idx == j && p->elem[e].kind == HPI_SE_LO)
                lb = -HUGE_VAL;
            else if (p->elem[e].idx == j && p->elem[e].kind == HPI_SE_UP)
                ub = HUGE_VAL;
        if (hp_lp_add_col(second, p->cols.name[j], lb, ub, p->cost[j], 0) < 0)
            HP_CALL(HP_ENOMEM);
    }
    for (int i = p->m1; i < p->rows.n; i++) {
        double lb, ub;
        hpi_smps_row_bounds(p, i, p->rhs[i], &lb, &ub);
        if (hp_lp_add_row(second, p->rows.name[i], lb, ub) < 0)
            HP_CALL(HP_ENOMEM);
    }
    for (int j = p->n1; j < p->cols.n; j++)
        for (size_t k = p->col_beg[j]; k < p->col_beg[j + 1]; k++)
            HP_CALL(hp_lp_add_coef(second, p->t_row[k] - p->m1, j - p->n1, p->t_val[k]));
    for (int e = 0; e < p->n_elem; e++) {
        const hpi_smps_elem *el = &p->elem[e];
        int lo = el->kind == HPI_SE_LO;
        brow[e] = -1;
        if (!lo && el->kind != HPI_SE_UP)
            continue;
        snprintf(name, sizeof name, "smps.%s.%s", lo ? "lo" : "up", p->cols.name[el->idx]);
        if ((brow[e] = hp_lp_add_row(second, name, lo ? 0.0 : -HUGE_VAL, lo ? HUGE_VAL : 0.0)) < 0)
            HP_CALL(HP_ENOMEM);
        HP_CALL(hp_lp_add_coef(second, brow[e], el->idx - p->n1, 1.0));
    }
    /* T_s */
    for (long k = 0; k < s->n; k++) {
        t.beg[k] = t.n;
        hpi_smps_view_apply(p, s, k, &v);
        for (int j = 0; j < p->n1; j++)
            for (size_t q = p->col_beg[j]; q < p->col_beg[j + 1]; q++)
                if (p->t_row[q] >= p->m1 && tech_add(&t, p->t_row[q] - p->m1, j, v.tval[q]))
                    HP_CALL(HP_ENOMEM);
        for (int e = 0; e < p->n_elem; e++) {
            const hpi_smps_elem *el = &p->elem[e];
            double d;
            if (el->kind == HPI_SE_RHS)
                d = tech_add(&t, el->idx - p->m1, one, p->rhs[el->idx] - v.rhs[el->idx]);
            else if (brow[e] >= 0) {
                double b = el->kind == HPI_SE_LO ? v.lb[el->idx] : v.ub[el->idx];
                if (!isfinite(b)) {
                    snprintf(err, errlen,
                             "%s: scenario %ld: column '%s' has an infinite random bound, which "
                             "the L-shaped mapping cannot hold (use --method extensive)",
                             p->stoch_file, k + 1, p->cols.name[el->idx]);
                    HP_CALL(HP_EINVAL);
                }
                d = tech_add(&t, brow[e], one, -b);
            } else
                continue;
            if (d != 0)
                HP_CALL(HP_ENOMEM);
        }
        hpi_smps_view_reset(p, s, k, &v);
    }
    t.beg[s->n] = t.n;
    memset(&pb, 0, sizeof pb);
    pb.first = first;
    pb.second = second;
    pb.n_scen = (int)s->n;
    pb.prob = s->prob;
    pb.tech_beg = t.beg;
    pb.tech_row = t.row;
    pb.tech_col = t.col;
    pb.tech_val = t.val;
    HP_CALL(value_bound(p, s, second, &pb.value_lb, &infeasible, err, errlen));
    if (infeasible) {
        res->status = HP_SOL_INFEASIBLE;
        goto cleanup;
    }
    {
        hp_lshaped_opts lo = o->ls;
        lo.keep_recourse = 0;
        st = hp_lshaped_solve(&pb, &lo, &lr);
        if (st == HP_EINVAL && !err[0])
            snprintf(err, errlen, "%s: the L-shaped engine refused the mapped problem",
                     p->stoch_file);
        if (st)
            goto cleanup;
    }
    res->status = lr->status;
    res->has_solution = lr->has_solution;
    res->iterations = lr->stats.iterations;
    if (lr->has_solution) {
        memcpy(res->x, lr->x, (size_t)p->n1 * sizeof *res->x);
        res->objective = p->sense * (lr->objective + p->obj_const);
    }
cleanup:
    if (st == HP_ENOMEM)
        snprintf(err, errlen, "out of memory mapping the problem for the L-shaped method");
    hp_lshaped_result_free(lr);
    hp_lp_free(first);
    hp_lp_free(second);
    hpi_smps_view_free(&v);
    free(c);
    free(brow);
    free(t.beg);
    free(t.row);
    free(t.col);
    free(t.val);
    return st;
}

hp_status hp_smps_solve(const hp_smps *p, const hp_smps_opts *o, hp_smps_result **out, char *err,
                        size_t errlen)
{
    hpi_smps_scen s;
    hp_smps_method m = o->method;
    hp_smps_result *res = NULL;
    double t0 = hp_seconds();
    hp_status st;
    *out = NULL;
    err[0] = '\0';
    if ((st = hpi_smps_scenarios(p, o->sample, o->seed, &s, err, errlen)))
        return st;
    if (m == HP_SMPS_AUTO)
        m = !hp_smps_random_recourse(p) && s.n >= o->crossover ? HP_SMPS_LSHAPED
                                                               : HP_SMPS_EXTENSIVE;
    if (m == HP_SMPS_LSHAPED && hp_smps_random_recourse(p)) {
        snprintf(err, errlen,
                 "%s: random recourse costs or recourse matrix entries: the L-shaped engine needs "
                 "fixed recourse (use --method extensive)",
                 p->stoch_file);
        st = HP_EINVAL;
    } else if (!(res = new_result(p, m, s.n))) {
        snprintf(err, errlen, "out of memory");
        st = HP_ENOMEM;
    } else if (m == HP_SMPS_LSHAPED) {
        st = solve_lshaped(p, &s, o, res, err, errlen);
    } else {
        st = solve_extensive(p, &s, o, res, err, errlen);
    }
    hpi_smps_scen_free(&s);
    if (st) {
        hp_smps_result_free(res);
        return st;
    }
    res->seconds = hp_seconds() - t0;
    *out = res;
    return HP_OK;
}

hp_status hp_smps_write_extensive(const hp_smps *p, const hp_smps_opts *o, const char *path,
                                  char *err, size_t errlen)
{
    hpi_smps_scen s;
    hp_lp *lp = NULL;
    hp_solver sv;
    hp_status st;
    err[0] = '\0';
    if ((st = hpi_smps_scenarios(p, o->sample, o->seed, &s, err, errlen)))
        return st;
    st = extensive(p, &s, 0, s.n, 0, &lp, err, errlen);
    hpi_smps_scen_free(&s);
    if (!st && !(st = hp_solver_open(&sv, hp_backend_glpk(), lp, err, errlen))) {
        st = sv.ops->write(sv.h, path, HP_WRITE_MPS);
        hp_solver_close(&sv);
        if (st && !err[0])
            snprintf(err, errlen, "%s: cannot write the extensive form", path);
    }
    hp_lp_free(lp);
    return st;
}
