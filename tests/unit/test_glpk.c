/* Backend tests: small LPs and MIPs whose optima are worked out by hand.
 *
 * The same cases run against the CBC backend: tests/unit/test_cbc.c defines
 * HP_TEST_BACKEND and includes this file.  Cases that exercise GLPK
 * internals (the abort guard, thread ownership) only run for GLPK. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <glpk.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../solver/backend.h"

/* cmocka 1.1's assert_float_equal compares floats: too coarse here. */
#define assert_near(a, b, tol) assert_near_((a), (b), (tol), #a, __FILE__, __LINE__)
static void assert_near_(double a, double b, double tol, const char *what, const char *file,
                         int line)
{
    if (!(fabs(a - b) <= tol)) {
        print_error("%s = %.17g, expected %.17g (tolerance %g)\n", what, a, b, tol);
        _fail(file, line);
    }
}

#ifndef HP_TEST_BACKEND
#define HP_TEST_BACKEND   hp_backend_glpk()
#define HP_TEST_GLPK_ONLY 1
#endif

#define TOL 1e-6

static const hp_backend_ops *ops(void)
{
    return HP_TEST_BACKEND;
}

static void open_ok(hp_solver *s, const hp_lp *lp)
{
    char err[256];
    hp_status st = hp_solver_open(s, ops(), lp, err, sizeof err);
    if (st != HP_OK)
        fail_msg("hp_solver_open: %s", err);
}

/* min -3x - 2y  (i.e. max 3x + 2y)
 *   r1: x +  y <= 4
 *   r2: x + 3y <= 7
 *   r3: x      <= 3,   x, y >= 0.
 * Vertices: (0,0) 0; (3,0) 9; (3,1) 11; (2.5,1.5) 10.5; (0,7/3) 14/3.
 * Optimum (3,1), objective -11 (plus the constant).  At (3,1) r1 and r3
 * are tight, r2 has slack 1 (3 + 3 = 6 < 7), and x, y > 0: the vertex is
 * non-degenerate, so the duals are unique.  Max-form duals solve
 * y1 + y3 = 3 (x), y1 = 2 (y): y1 = 2, y3 = 1, y2 = 0.  For the
 * minimisation d(obj)/d(rhs) is their negative: -2, 0, -1. */
static hp_lp *lp_small(double c0)
{
    hp_lp *lp = hp_lp_new();
    int x = hp_lp_add_col(lp, "x", 0, HUGE_VAL, -3, 0);
    int y = hp_lp_add_col(lp, "y", 0, HUGE_VAL, -2, 0);
    int r1 = hp_lp_add_row(lp, "r1", -HUGE_VAL, 4);
    int r2 = hp_lp_add_row(lp, "r2", -HUGE_VAL, 7);
    int r3 = hp_lp_add_row(lp, "r3", -HUGE_VAL, 3);
    assert_int_equal(hp_lp_add_coef(lp, r1, x, 1), HP_OK);
    assert_int_equal(hp_lp_add_coef(lp, r1, y, 1), HP_OK);
    assert_int_equal(hp_lp_add_coef(lp, r2, x, 1), HP_OK);
    assert_int_equal(hp_lp_add_coef(lp, r2, y, 3), HP_OK);
    assert_int_equal(hp_lp_add_coef(lp, r3, x, 1), HP_OK);
    hp_lp_set_obj_const(lp, c0);
    return lp;
}

static void check_small(int presolve, double c0)
{
    hp_lp *lp = lp_small(c0);
    hp_solver s;
    hp_solve_opts o;
    hp_solve_result r;
    double x[2], y[3];

    open_ok(&s, lp);
    hp_solve_opts_default(&o);
    o.presolve = presolve;
    assert_int_equal(hp_solve(&s, &o, &r), HP_OK);
    assert_int_equal(r.status, HP_SOL_OPTIMAL);
    assert_true(r.has_solution);
    assert_false(r.is_mip);
    assert_near(r.objective, -11 + c0, TOL);
    assert_near(r.gap, 0, TOL);
    assert_int_equal(s.ops->get_primal(s.h, x), HP_OK);
    assert_near(x[0], 3, TOL);
    assert_near(x[1], 1, TOL);
    assert_int_equal(s.ops->get_duals(s.h, y), HP_OK);
    assert_near(y[0], -2, TOL);
    assert_near(y[1], 0, TOL);
    assert_near(y[2], -1, TOL);
    hp_solver_close(&s);
    hp_lp_free(lp);
}

static void t_lp_small(void **state)
{
    (void)state;
    check_small(0, 0);
    check_small(1, 0);
}

/* The objective constant is reported: -11 + 100 = 89. */
static void t_lp_obj_const(void **state)
{
    (void)state;
    check_small(0, 100);
    check_small(1, 100);
}

/* min 2a + 3b  s.t.  g: a + b >= 5,  cap: a <= 3,  a, b >= 0.
 * a is cheaper: a = 3 (cap tight), b = 2, objective 12.  One more unit of
 * g's right-hand side is bought with b: dual(g) = +3.  One more unit of
 * cap replaces a b by an a: dual(cap) = 2 - 3 = -1. */
static void t_lp_ge_duals(void **state)
{
    hp_lp *lp = hp_lp_new();
    hp_solver s;
    hp_solve_result r;
    double y[2];
    int a = hp_lp_add_col(lp, "a", 0, HUGE_VAL, 2, 0);
    int b = hp_lp_add_col(lp, "b", 0, HUGE_VAL, 3, 0);
    int g = hp_lp_add_row(lp, "g", 5, HUGE_VAL);
    int cap = hp_lp_add_row(lp, "cap", -HUGE_VAL, 3);
    (void)state;
    hp_lp_add_coef(lp, g, a, 1);
    hp_lp_add_coef(lp, g, b, 1);
    hp_lp_add_coef(lp, cap, a, 1);
    open_ok(&s, lp);
    assert_int_equal(hp_solve(&s, NULL, &r), HP_OK);
    assert_int_equal(r.status, HP_SOL_OPTIMAL);
    assert_near(r.objective, 12, TOL);
    assert_int_equal(s.ops->get_duals(s.h, y), HP_OK);
    assert_near(y[0], 3, TOL);
    assert_near(y[1], -1, TOL);
    hp_solver_close(&s);
    hp_lp_free(lp);
}

/* x + y >= 5 and x + y <= 3 cannot both hold. */
static void t_lp_infeasible(void **state)
{
    (void)state;
    for (int presolve = 0; presolve <= 1; presolve++) {
        hp_lp *lp = hp_lp_new();
        hp_solver s;
        hp_solve_opts o;
        hp_solve_result r;
        int x = hp_lp_add_col(lp, "x", 0, HUGE_VAL, 1, 0);
        int y = hp_lp_add_col(lp, "y", 0, HUGE_VAL, 1, 0);
        int lo = hp_lp_add_row(lp, "lo", 5, HUGE_VAL);
        int hi = hp_lp_add_row(lp, "hi", -HUGE_VAL, 3);
        hp_lp_add_coef(lp, lo, x, 1);
        hp_lp_add_coef(lp, lo, y, 1);
        hp_lp_add_coef(lp, hi, x, 1);
        hp_lp_add_coef(lp, hi, y, 1);
        open_ok(&s, lp);
        hp_solve_opts_default(&o);
        o.presolve = presolve;
        assert_int_equal(hp_solve(&s, &o, &r), HP_OK);
        assert_int_equal(r.status, HP_SOL_INFEASIBLE);
        assert_false(r.has_solution);
        hp_solver_close(&s);
        hp_lp_free(lp);
    }
}

/* min -x - y  s.t.  x - y <= 1, x, y >= 0: (t + 1, t) is feasible for
 * every t >= 0 with objective -2t - 1, so the LP is unbounded. */
static void t_lp_unbounded(void **state)
{
    (void)state;
    for (int presolve = 0; presolve <= 1; presolve++) {
        hp_lp *lp = hp_lp_new();
        hp_solver s;
        hp_solve_opts o;
        hp_solve_result r;
        int x = hp_lp_add_col(lp, "x", 0, HUGE_VAL, -1, 0);
        int y = hp_lp_add_col(lp, "y", 0, HUGE_VAL, -1, 0);
        int d = hp_lp_add_row(lp, "d", -HUGE_VAL, 1);
        hp_lp_add_coef(lp, d, x, 1);
        hp_lp_add_coef(lp, d, y, -1);
        open_ok(&s, lp);
        hp_solve_opts_default(&o);
        o.presolve = presolve;
        assert_int_equal(hp_solve(&s, &o, &r), HP_OK);
        assert_int_equal(r.status, HP_SOL_UNBOUNDED);
        assert_false(r.has_solution);
        hp_solver_close(&s);
        hp_lp_free(lp);
    }
}

/* Warm-started re-solves of lp_small after bound changes.
 * 1. Column x <= 2: r3 is slack; r1 allows y <= 2, r2 allows y <= 5/3,
 *    so y = 5/3 and the objective is -(6 + 10/3) = -28/3.
 * 2. Then also row r1 <= 3.5: y <= 1.5 from r1 now binds before r2
 *    (5/3): objective -(6 + 3) = -9.
 * 3. Restoring both gives the original -11 again. */
static void t_lp_warm_resolve(void **state)
{
    hp_lp *lp = lp_small(0);
    hp_solver s;
    hp_solve_result r;
    double x[2];
    (void)state;
    open_ok(&s, lp);
    assert_int_equal(hp_solve(&s, NULL, &r), HP_OK);
    assert_near(r.objective, -11, TOL);
    assert_true(r.iterations > 0);
    /* unchanged model: the warm start begins at the optimal basis */
    assert_int_equal(hp_solve(&s, NULL, &r), HP_OK);
    assert_near(r.objective, -11, TOL);
    assert_int_equal(r.iterations, 0);
    assert_int_equal(s.ops->set_col_bounds(s.h, 0, 0, 2), HP_OK);
    assert_int_equal(hp_solve(&s, NULL, &r), HP_OK);
    assert_int_equal(r.status, HP_SOL_OPTIMAL);
    assert_near(r.objective, -28.0 / 3, TOL);
    assert_int_equal(s.ops->get_primal(s.h, x), HP_OK);
    assert_near(x[0], 2, TOL);
    assert_near(x[1], 5.0 / 3, TOL);
    assert_int_equal(s.ops->set_row_bounds(s.h, 0, -HUGE_VAL, 3.5), HP_OK);
    assert_int_equal(hp_solve(&s, NULL, &r), HP_OK);
    assert_near(r.objective, -9, TOL);
    assert_int_equal(s.ops->set_col_bounds(s.h, 0, 0, HUGE_VAL), HP_OK);
    assert_int_equal(s.ops->set_row_bounds(s.h, 0, -HUGE_VAL, 4), HP_OK);
    assert_int_equal(hp_solve(&s, NULL, &r), HP_OK);
    assert_near(r.objective, -11, TOL);
    /* bad bounds are refused before the backend sees them */
    assert_int_equal(s.ops->set_col_bounds(s.h, 0, 3, 2), HP_EINVAL);
    assert_int_equal(s.ops->set_col_bounds(s.h, 7, 0, 1), HP_EINVAL);
    assert_int_equal(s.ops->set_row_bounds(s.h, 0, NAN, 1), HP_EINVAL);
    hp_solver_close(&s);
    hp_lp_free(lp);
}

/* 0-1 knapsack, capacity 10:
 *   item  1   2   3   4
 *   value 10  13  7   8
 *   weight 5  6   3   4
 * Feasible pairs: {1,2} w11 no; {1,3} 8 -> 17; {1,4} 9 -> 18; {2,3} 9 -> 20;
 * {2,4} 10 -> 21; {3,4} 7 -> 15; no triple fits (lightest 3+4+5 = 12).
 * Optimum {2,4}, value 21 (min -21).  The LP relaxation takes 3 and 2
 * (best ratios 2.33, 2.17) and 1/5 of item 1: 22, so branching is needed. */
static hp_lp *knapsack(void)
{
    static const double v[] = {10, 13, 7, 8}, w[] = {5, 6, 3, 4};
    hp_lp *lp = hp_lp_new();
    int cap = hp_lp_add_row(lp, "capacity", -HUGE_VAL, 10);
    for (int j = 0; j < 4; j++) {
        char nm[32];
        snprintf(nm, sizeof nm, "take_item_number_%d", j + 1);
        hp_lp_add_col(lp, nm, 0, 1, -v[j], 1);
        hp_lp_add_coef(lp, cap, j, w[j]);
    }
    return lp;
}

static void t_mip_knapsack(void **state)
{
    hp_lp *lp = knapsack();
    hp_solver s;
    hp_solve_result r;
    double x[4];
    (void)state;
    open_ok(&s, lp);
    assert_int_equal(hp_solve(&s, NULL, &r), HP_OK);
    assert_int_equal(r.status, HP_SOL_OPTIMAL);
    assert_true(r.is_mip);
    assert_true(r.has_solution);
    assert_near(r.objective, -21, TOL);
    assert_near(r.gap, 0, TOL);
    assert_int_equal(s.ops->get_primal(s.h, x), HP_OK);
    assert_near(x[0], 0, TOL);
    assert_near(x[1], 1, TOL);
    assert_near(x[2], 0, TOL);
    assert_near(x[3], 1, TOL);
    hp_solver_close(&s);
    hp_lp_free(lp);
}

/* With an interrupt flag that stays down, a solve gives what it gives
 * without one (CBC runs it in a child process, CLP under a watcher
 * thread): the knapsack's optimum -21 at items 2 and 4, then the LP of
 * lp_small at (3, 1), -11.  With the flag up before the solve, neither is
 * reported optimal and no MIP solution is claimed. */
static void t_interrupt_flag(void **state)
{
    hp_lp *lp = knapsack(), *lp2 = lp_small(0.0);
    hp_solver s;
    hp_solve_opts o;
    hp_solve_result r;
    volatile int flag = 0;
    double x[4];
    (void)state;
    hp_solve_opts_default(&o);
    o.interrupt = &flag;
    open_ok(&s, lp);
    assert_int_equal(hp_solve(&s, &o, &r), HP_OK);
    assert_int_equal(r.status, HP_SOL_OPTIMAL);
    assert_true(r.has_solution);
    assert_near(r.objective, -21, TOL);
    assert_int_equal(s.ops->get_primal(s.h, x), HP_OK);
    assert_near(x[1], 1, TOL);
    assert_near(x[3], 1, TOL);
    flag = 1;
    assert_int_equal(hp_solve(&s, &o, &r), HP_OK);
    assert_int_not_equal(r.status, HP_SOL_OPTIMAL);
    hp_solver_close(&s);
    flag = 0;
    open_ok(&s, lp2);
    assert_int_equal(hp_solve(&s, &o, &r), HP_OK);
    assert_int_equal(r.status, HP_SOL_OPTIMAL);
    assert_near(r.objective, -11, TOL);
    assert_int_equal(s.ops->get_primal(s.h, x), HP_OK);
    assert_near(x[0], 3, TOL);
    assert_near(x[1], 1, TOL);
    hp_solver_close(&s);
    hp_lp_free(lp);
    hp_lp_free(lp2);
}

/* The knapsack asked to carry at least 20: the four items weigh 18 in
 * all, so no selection qualifies.  And an integer column with a negative
 * cost and no upper bound, x - 2y <= 1 (x, y >= 0 integer): (2t + 1, t) is
 * feasible for every t, objective -3t - 1, so the MIP is unbounded. */
static void t_mip_infeasible_unbounded(void **state)
{
    hp_lp *lp = knapsack(), *ub = hp_lp_new();
    hp_solver s;
    hp_solve_result r;
    (void)state;
    hp_lp_set_row_bounds(lp, 0, 20, HUGE_VAL);
    open_ok(&s, lp);
    assert_int_equal(hp_solve(&s, NULL, &r), HP_OK);
    assert_int_equal(r.status, HP_SOL_INFEASIBLE);
    assert_false(r.has_solution);
    assert_true(r.is_mip);
    hp_solver_close(&s);

    hp_lp_add_col(ub, "x", 0, HUGE_VAL, -1, 1);
    hp_lp_add_col(ub, "y", 0, HUGE_VAL, -1, 1);
    hp_lp_add_row(ub, "d", -HUGE_VAL, 1);
    hp_lp_add_coef(ub, 0, 0, 1);
    hp_lp_add_coef(ub, 0, 1, -2);
    open_ok(&s, ub);
    assert_int_equal(hp_solve(&s, NULL, &r), HP_OK);
    assert_int_equal(r.status, HP_SOL_UNBOUNDED);
    assert_false(r.has_solution);
    hp_solver_close(&s);
    hp_lp_free(lp);
    hp_lp_free(ub);
}

/* A correlated multi-dimensional 0-1 knapsack: 60 items, 5 resources,
 * each capacity half the total weight, value = mean weight + noise; a
 * fixed-seed LCG makes it the same instance everywhere.  Such instances
 * are hard for LP-based branch and bound.  Measured without a 1 s limit:
 * GLPK 5.0 still had a 0.32 % gap after 60 s (incumbent -17232); CBC 2.10
 * proved the optimum -17240 after 14 s.  Rounding the LP relaxation down
 * is feasible, so a solver has an incumbent almost at once. */
static hp_lp *hard_mkp(void)
{
    enum { N = 60, M = 5 };
    uint32_t seed = 12345u;
    double w[M][N];
    hp_lp *lp = hp_lp_new();
    char nm[32];
    for (int i = 0; i < M; i++)
        for (int j = 0; j < N; j++) {
            seed = seed * 1664525u + 1013904223u;
            w[i][j] = 1 + (double)(seed >> 8) / 16777216.0 * 999.0;
            w[i][j] = floor(w[i][j]);
        }
    for (int j = 0; j < N; j++) {
        double mean = 0;
        for (int i = 0; i < M; i++)
            mean += w[i][j] / M;
        seed = seed * 1664525u + 1013904223u;
        snprintf(nm, sizeof nm, "item%d", j);
        hp_lp_add_col(lp, nm, 0, 1, -floor(mean + (double)(seed >> 24) / 256.0 * 100.0), 1);
    }
    for (int i = 0; i < M; i++) {
        double sum = 0;
        for (int j = 0; j < N; j++)
            sum += w[i][j];
        snprintf(nm, sizeof nm, "res%d", i);
        hp_lp_add_row(lp, nm, -HUGE_VAL, floor(sum / 2));
        for (int j = 0; j < N; j++)
            hp_lp_add_coef(lp, i, j, w[i][j]);
    }
    return lp;
}

static void t_mip_time_limit(void **state)
{
    hp_lp *lp = hard_mkp();
    hp_solver s;
    hp_solve_opts o;
    hp_solve_result r;
    double *x = malloc(60 * sizeof *x);
    (void)state;
    open_ok(&s, lp);
    hp_solve_opts_default(&o);
    o.time_limit = 1.0;
    assert_int_equal(hp_solve(&s, &o, &r), HP_OK);
    printf("    time-limited MIP: %s obj %.1f bound %.2f gap %.4g in %.2f s\n",
           hp_sol_status_str(r.status), r.objective, r.bound, r.gap, r.seconds);
    assert_int_equal(r.status, HP_SOL_TIME_LIMIT);
    assert_true(r.has_solution);
    assert_true(r.gap > 0);
    assert_true(r.bound < r.objective); /* minimisation: bound below */
    assert_true(r.seconds < 5.0);
    /* the incumbent is a real solution with the reported objective */
    assert_int_equal(s.ops->get_primal(s.h, x), HP_OK);
    assert_near(hp_lp_eval_obj(lp, x), r.objective, 1e-6);
    hp_solver_close(&s);
    hp_lp_free(lp);
    free(x);
}

/* The same instance with a 5 % allowed gap: the LP bound of such a
 * knapsack is within 1 % of its optimum, so the solver may stop at once
 * on the gap (or prove optimality, which also satisfies the gap). */
static void t_mip_gap_limit(void **state)
{
    hp_lp *lp = hard_mkp();
    hp_solver s;
    hp_solve_opts o;
    hp_solve_result r;
    (void)state;
    open_ok(&s, lp);
    hp_solve_opts_default(&o);
    o.time_limit = 20.0;
    o.mip_gap = 0.05;
    assert_int_equal(hp_solve(&s, &o, &r), HP_OK);
    printf("    gap-limited MIP: %s obj %.1f bound %.2f gap %.4g in %.2f s\n",
           hp_sol_status_str(r.status), r.objective, r.bound, r.gap, r.seconds);
    assert_true(r.status == HP_SOL_GAP_LIMIT || r.status == HP_SOL_OPTIMAL);
    assert_true(r.has_solution);
    assert_true(r.gap <= 0.05 + 1e-9);
    hp_solver_close(&s);
    hp_lp_free(lp);
}

/* A lexicographic solve of the hard knapsack under a 1 s limit: V = -value
 * first, then W = weight on resource 0.  The first solve stops on the
 * limit; its incumbent satisfies the bound V <= v, so the second solve
 * starts from it and always has a solution, with V still at v or better.
 * The time-limit status of the first solve is passed on, and both solves
 * share the 1 s budget (the second gets at least 0.1 s; GLPK overshoots
 * a limit by up to about 0.5 s). */
static void t_lex_mip_time_limit(void **state)
{
    hp_lp *lp = hard_mkp();
    hp_solver s;
    hp_solve_opts o;
    hp_solve_result r;
    double first, *x;
    int n = hp_lp_ncols(lp);
    int V = hp_lp_add_col(lp, "V", -HUGE_VAL, HUGE_VAL, 0, 0);
    int W = hp_lp_add_col(lp, "W", -HUGE_VAL, HUGE_VAL, 0, 0);
    int dv = hp_lp_add_row(lp, "def_V", 0, 0);
    int dw = hp_lp_add_row(lp, "def_W", 0, 0);
    const int *ri = hp_lp_coef_rows(lp), *cj = hp_lp_coef_cols(lp);
    const double *cv = hp_lp_coef_vals(lp);
    size_t nnz = hp_lp_nnz(lp);
    (void)state;
    hp_lp_add_coef(lp, dv, V, 1);
    hp_lp_add_coef(lp, dw, W, 1);
    for (int j = 0; j < n; j++) {
        hp_lp_add_coef(lp, dv, j, -hp_lp_obj(lp, j)); /* V = sum obj_j x_j */
        hp_lp_set_obj(lp, j, 0);
    }
    for (size_t k = 0; k < nnz; k++)
        if (ri[k] == 0)
            hp_lp_add_coef(lp, dw, cj[k], -cv[k]);
    x = malloc((size_t)hp_lp_ncols(lp) * sizeof *x);
    open_ok(&s, lp);
    hp_solve_opts_default(&o);
    o.time_limit = 1.0;
    assert_int_equal(hp_solve_lex(&s, V, W, 0, 1e-6, &o, &r, &first), HP_OK);
    printf("    lexicographic MIP: %s V %.1f W %.1f in %.2f s\n", hp_sol_status_str(r.status),
           first, r.objective, r.seconds);
    assert_int_equal(r.status, HP_SOL_TIME_LIMIT);
    assert_true(r.has_solution);
    assert_true(r.seconds < 3.0);
    assert_int_equal(s.ops->get_primal(s.h, x), HP_OK);
    assert_true(x[V] <= first + 1e-6);
    assert_near(x[W], r.objective, 1e-6);
    hp_solver_close(&s);
    hp_lp_free(lp);
    free(x);
}

/* Lexicographic driver.  Columns a, b, c >= 0 with a + b + c = 10
 * (demand); R and C are defined by rows:
 *   R = a + rb*b + 2c,   C = 3a + 2b + c.
 * The model's own objective is -C + 7 (the dearest plan): the driver must
 * replace it for its two solves and restore it afterwards.
 * Case 1: rb = 1, c free: least R = 10, reached by any mix of a and b (a
 *   tie), never with c.  The cheapest of those plans is b = 10, C = 20.
 *   Minimising C without the bound on R would take c = 10 (C = 10, R = 20).
 * Case 2: rb = 1.0005, c fixed at 0, rel_tol 1e-3: least R = 10 (a = 10);
 *   the bound R <= 10 + 1e-3 * 10 = 10.01 admits 10 + 0.0005 b <= 10.01,
 *   b <= 20, so b = 10, C = 20, R = 10.005.  With both tolerances 0 only
 *   a = 10 remains: C = 30.  (With abs_tol 1e-9, b <= 1e-9 / 0.0005 = 2e-6
 *   would still be allowed.)
 * Column order: a 0, b 1, R 2, C 3, c 4. */
static hp_lp *lex_lp(double rb, double cub)
{
    hp_lp *lp = hp_lp_new();
    int a = hp_lp_add_col(lp, "a", 0, HUGE_VAL, 0, 0);
    int b = hp_lp_add_col(lp, "b", 0, HUGE_VAL, 0, 0);
    int R = hp_lp_add_col(lp, "R", -HUGE_VAL, HUGE_VAL, 0, 0);
    int C = hp_lp_add_col(lp, "C", -HUGE_VAL, HUGE_VAL, -1, 0);
    int c = hp_lp_add_col(lp, "c", 0, cub, 0, 0);
    int d = hp_lp_add_row(lp, "demand", 10, 10);
    int dr = hp_lp_add_row(lp, "def_R", 0, 0);
    int dc = hp_lp_add_row(lp, "def_C", 0, 0);
    hp_lp_add_coef(lp, d, a, 1);
    hp_lp_add_coef(lp, d, b, 1);
    hp_lp_add_coef(lp, d, c, 1);
    hp_lp_add_coef(lp, dr, R, 1);
    hp_lp_add_coef(lp, dr, a, -1);
    hp_lp_add_coef(lp, dr, b, -rb);
    hp_lp_add_coef(lp, dr, c, -2);
    hp_lp_add_coef(lp, dc, C, 1);
    hp_lp_add_coef(lp, dc, a, -3);
    hp_lp_add_coef(lp, dc, b, -2);
    hp_lp_add_coef(lp, dc, c, -1);
    hp_lp_set_obj_const(lp, 7); /* must not leak into column values */
    return lp;
}

static void check_lex(double rb, double cub, double rel, double abs_tol, double want_first,
                      double want_C, double want_b)
{
    hp_lp *lp = lex_lp(rb, cub);
    hp_solver s;
    hp_solve_result r;
    double first, x[5];
    open_ok(&s, lp);
    assert_int_equal(hp_solve_lex(&s, 2, 3, rel, abs_tol, NULL, &r, &first), HP_OK);
    assert_int_equal(r.status, HP_SOL_OPTIMAL);
    assert_near(first, want_first, TOL);
    assert_near(r.objective, want_C, TOL);
    assert_int_equal(s.ops->get_primal(s.h, x), HP_OK);
    assert_near(x[1], want_b, TOL);
    assert_near(x[3], want_C, TOL);
    /* objective restored: model objective -C again */
    for (int j = 0; j < 5; j++)
        assert_near(s.obj[j], hp_lp_obj(lp, j), 0);
    hp_solver_close(&s);
    hp_lp_free(lp);
}

static void t_lex_tie(void **state)
{
    (void)state;
    check_lex(1.0, HUGE_VAL, 0, 1e-9, 10, 20, 10);
}

static void t_lex_tolerance(void **state)
{
    (void)state;
    check_lex(1.0005, 0, 1e-3, 1e-9, 10, 20, 10);
    check_lex(1.0005, 0, 0, 0, 10, 30, 0);
}

/* After hp_solve_lex the model objective (-C + 7) is back: the most
 * expensive plan once the bound on R is lifted, a = 10: -30 + 7 = -23.
 * Minimising C alone then takes c = 10: C = 10. */
static void t_lex_restores(void **state)
{
    hp_lp *lp = lex_lp(1.0, HUGE_VAL);
    hp_solver s;
    hp_solve_result r;
    double first;
    (void)state;
    open_ok(&s, lp);
    assert_int_equal(hp_solve_lex(&s, 2, 3, 0, 1e-9, NULL, &r, &first), HP_OK);
    assert_int_equal(s.ops->set_col_bounds(s.h, 2, -HUGE_VAL, HUGE_VAL), HP_OK);
    assert_int_equal(hp_solve(&s, NULL, &r), HP_OK);
    assert_near(r.objective, -23, TOL);
    /* minimising one column reports its value, without the constant */
    assert_int_equal(hp_solver_minimise_col(&s, 3), HP_OK);
    assert_int_equal(hp_solve(&s, NULL, &r), HP_OK);
    assert_near(r.objective, 10, TOL);
    hp_solver_close(&s);
    hp_lp_free(lp);
}

/* Lexicographic solve on an infeasible model: the first solve's status
 * comes back, first_value is NaN, the objective is still restored. */
static void t_lex_infeasible(void **state)
{
    hp_lp *lp = lex_lp(1.0, 1); /* a + b + c <= 3 < 10 */
    hp_solver s;
    hp_solve_result r;
    double first;
    (void)state;
    hp_lp_set_col_bounds(lp, 0, 0, 1);
    hp_lp_set_col_bounds(lp, 1, 0, 1);
    open_ok(&s, lp);
    assert_int_equal(hp_solve_lex(&s, 2, 3, 0, 0, NULL, &r, &first), HP_OK);
    assert_int_equal(r.status, HP_SOL_INFEASIBLE);
    assert_false(r.has_solution);
    assert_true(isnan(first));
    assert_near(s.obj[3], -1, 0);
    hp_solver_close(&s);
    hp_lp_free(lp);
}

/* Lexicographic solve of a MIP: knapsack plus a column V = value taken
 * (V = sum v_j x_j), and W = weight used.  Minimise -V first (best value
 * 21 with {2,4}, weight 10; no other set reaches 21), then W: W = 10. */
static void t_lex_mip(void **state)
{
    hp_lp *lp = knapsack();
    static const double v[] = {10, 13, 7, 8}, w[] = {5, 6, 3, 4};
    hp_solver s;
    hp_solve_result r;
    double first;
    int V = hp_lp_add_col(lp, "V", -HUGE_VAL, HUGE_VAL, 0, 0);
    int W = hp_lp_add_col(lp, "W", -HUGE_VAL, HUGE_VAL, 0, 0);
    int dv = hp_lp_add_row(lp, "def_V", 0, 0);
    int dw = hp_lp_add_row(lp, "def_W", 0, 0);
    (void)state;
    hp_lp_add_coef(lp, dv, V, 1);
    hp_lp_add_coef(lp, dw, W, 1);
    for (int j = 0; j < 4; j++) {
        hp_lp_add_coef(lp, dv, j, v[j]); /* V + sum v x = 0: V = -value */
        hp_lp_add_coef(lp, dw, j, -w[j]);
    }
    open_ok(&s, lp);
    assert_int_equal(hp_solve_lex(&s, V, W, 0, 1e-9, NULL, &r, &first), HP_OK);
    assert_int_equal(r.status, HP_SOL_OPTIMAL);
    assert_true(r.is_mip);
    assert_near(first, -21, TOL);
    assert_near(r.objective, 10, TOL);
    hp_solver_close(&s);
    hp_lp_free(lp);
}

/* ---- files: what is written reads back to the same optimum --------- */

static double glpk_readback(const char *path, int mps, int mip)
{
    glp_prob *P = glp_create_prob();
    double v = NAN;
    int rc;
    glp_term_out(GLP_OFF);
    rc = mps ? glp_read_mps(P, GLP_MPS_FILE, NULL, path) : glp_read_lp(P, NULL, path);
    if (rc == 0) {
        glp_smcp sp;
        glp_iocp ip;
        glp_init_smcp(&sp);
        glp_init_iocp(&ip);
        ip.presolve = GLP_ON;
        if (glp_simplex(P, &sp) == 0 && (!mip || glp_intopt(P, &ip) == 0))
            v = mip ? glp_mip_obj_val(P) : glp_get_obj_val(P);
        glp_create_index(P);
        if (glp_find_col(P, "take_item_number_1") == 0 && glp_find_col(P, "x") == 0)
            v = NAN; /* long names must survive */
    }
    glp_delete_prob(P);
    glp_term_out(GLP_ON);
    return v;
}

/* glpsol as an independent reader: the "Objective:" line of its
 * solution report (written to stdout). */
static double glpsol_readback(const char *path, const char *fmtflag)
{
    char cmd[512], line[256];
    double v = NAN;
    FILE *p;
    snprintf(cmd, sizeof cmd, "glpsol %s '%s' -o /dev/stdout 2>/dev/null", fmtflag, path);
    p = popen(cmd, "r");
    if (!p)
        return NAN;
    while (fgets(line, sizeof line, p)) {
        const char *q = strstr(line, "Objective:");
        if (q && (q = strchr(q, '=')) != NULL)
            v = strtod(q + 1, NULL);
    }
    pclose(p);
    return v;
}

/* Writes lp in both formats and reads it back with GLPK's readers and, when
 * glpsol is asked for, with glpsol. */
static void write_and_check(hp_lp *lp, double want, int mip, int glpsol)
{
    hp_solver s;
    char dir[] = "/tmp/hp_test_writeXXXXXX", lpf[128], mpsf[128];
    assert_non_null(mkdtemp(dir));
    snprintf(lpf, sizeof lpf, "%s/m.lp", dir);
    snprintf(mpsf, sizeof mpsf, "%s/m.mps", dir);
    open_ok(&s, lp);
    assert_int_equal(s.ops->write(s.h, lpf, HP_WRITE_LP), HP_OK);
    assert_int_equal(s.ops->write(s.h, mpsf, HP_WRITE_MPS), HP_OK);
    assert_near(glpk_readback(lpf, 0, mip), want, TOL);
    assert_near(glpk_readback(mpsf, 1, mip), want, TOL);
    if (glpsol) {
        assert_near(glpsol_readback(lpf, "--lp"), want, TOL);
        assert_near(glpsol_readback(mpsf, "--freemps"), want, TOL);
    }
    assert_int_equal(s.ops->write(s.h, "/nonexistent-dir/x.lp", HP_WRITE_LP), HP_EIO);
    hp_solver_close(&s);
    unlink(lpf);
    unlink(mpsf);
    rmdir(dir);
}

static void t_write_lp(void **state)
{
    hp_lp *lp = lp_small(5); /* -11 + 5 */
    (void)state;
    write_and_check(lp, -6, 0, 0);
    hp_lp_free(lp);
}

static void t_write_mip(void **state)
{
    hp_lp *lp = knapsack();
    (void)state;
    write_and_check(lp, -21, 1, 0);
    hp_lp_free(lp);
}

/* The same files read by glpsol, an independent reader; skipped (counted as
 * such) where glpsol is not installed. */
static void t_write_glpsol(void **state)
{
    hp_lp *lp, *mip;
    (void)state;
    if (system("command -v glpsol >/dev/null 2>&1") != 0)
        skip();
    lp = lp_small(5);
    mip = knapsack();
    write_and_check(lp, -6, 0, 1);
    write_and_check(mip, -21, 1, 1);
    hp_lp_free(lp);
    hp_lp_free(mip);
}

/* hp_solver_open refuses a bad model with a message naming it. */
static void t_open_refuses(void **state)
{
    hp_lp *lp = lp_small(0);
    hp_solver s;
    char err[256];
    (void)state;
    hp_lp_set_col_bounds(lp, 1, 2, 1);
    assert_int_equal(hp_solver_open(&s, ops(), lp, err, sizeof err), HP_EINVAL);
    assert_non_null(strstr(err, "'y'"));
    assert_null(s.h);
    hp_solver_close(&s); /* harmless after a failed open */
    hp_lp_free(lp);
}

/* A model with no rows: min x - y, 1 <= x <= 2, y <= 4 (y >= 0): -3. */
static void t_no_rows(void **state)
{
    hp_lp *lp = hp_lp_new();
    hp_solver s;
    hp_solve_result r;
    (void)state;
    hp_lp_add_col(lp, "x", 1, 2, 1, 0);
    hp_lp_add_col(lp, "y", 0, 4, -1, 0);
    open_ok(&s, lp);
    assert_int_equal(hp_solve(&s, NULL, &r), HP_OK);
    assert_int_equal(r.status, HP_SOL_OPTIMAL);
    assert_near(r.objective, -3, TOL);
    hp_solver_close(&s);
    hp_lp_free(lp);
}

static void t_version(void **state)
{
    (void)state;
    assert_non_null(ops()->version());
    assert_true(strlen(ops()->version()) > 0);
    assert_ptr_equal(hp_backend_find(ops()->name), ops());
    assert_null(hp_backend_find("cplex"));
}

/* Independent problems in four threads at once: LPs and MIPs all come
 * out right (GLPK's environment is per thread; CBC solves are serialised
 * by the backend because concurrent Cbc_solve calls are unreliable). */
static void *own_thread(void *arg)
{
    hp_lp *lp = lp_small(0), *kp = knapsack();
    hp_solver s;
    hp_solve_result r;
    intptr_t ok = 1;
    (void)arg;
    for (int rep = 0; rep < 5 && ok; rep++) {
        ok = 0;
        if (hp_solver_open(&s, ops(), lp, NULL, 0) == HP_OK) {
            ok = hp_solve(&s, NULL, &r) == HP_OK && fabs(r.objective + 11) < TOL;
            hp_solver_close(&s);
        }
        if (ok && hp_solver_open(&s, ops(), kp, NULL, 0) == HP_OK) {
            ok = hp_solve(&s, NULL, &r) == HP_OK && fabs(r.objective + 21) < TOL;
            hp_solver_close(&s);
        }
    }
    hp_lp_free(lp);
    hp_lp_free(kp);
    glp_free_env(); /* a thread that used GLPK frees its environment */
    return (void *)ok;
}

static void t_concurrent(void **state)
{
    pthread_t t[4];
    void *ret;
    (void)state;
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, own_thread, NULL), 0);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(pthread_join(t[i], &ret), 0);
        assert_int_equal((intptr_t)ret, 1);
    }
}

#ifdef HP_TEST_GLPK_ONLY
static int log_errors;
static void count_log(void *ctx, int level, const char *msg)
{
    (void)ctx;
    (void)msg;
    if (level == 0)
        log_errors++;
}

/* The abort guard: loading an unvalidated model with a duplicate entry
 * makes glp_load_matrix call its error routine; the guard turns that into
 * HP_EINTERNAL, the handle is dead, and GLPK keeps working afterwards. */
static void t_guard(void **state)
{
    hp_lp *bad = hp_lp_new(), *good = lp_small(0);
    const hp_backend_ops *g = hp_backend_glpk();
    hp_solve_result r;
    hp_solve_opts o;
    hp_solver s;
    void *h;
    (void)state;
    hp_lp_add_col(bad, "x", 0, 1, 1, 0);
    hp_lp_add_row(bad, "r", 0, 1);
    hp_lp_add_coef(bad, 0, 0, 1);
    hp_lp_add_coef(bad, 0, 0, 2);
    hp_set_log(count_log, NULL);
    assert_int_equal(g->create(&h), HP_OK);
    assert_int_equal(g->load(h, bad), HP_EINTERNAL);
    assert_true(log_errors > 0);
    hp_solve_opts_default(&o);
    assert_int_equal(g->solve_lp(h, &o, &r), HP_EINTERNAL);
    g->destroy(h);
    hp_set_log(NULL, NULL);
    open_ok(&s, good);
    assert_int_equal(hp_solve(&s, NULL, &r), HP_OK);
    assert_near(r.objective, -11, TOL);
    hp_solver_close(&s);
    hp_lp_free(bad);
    hp_lp_free(good);
}

/* A GLPK handle belongs to the thread that created it (GLPK's environment
 * is thread-local): another thread gets HP_EINTERNAL, not a crash. */
static void *other_thread(void *arg)
{
    hp_solver *s = arg;
    hp_solve_result r;
    hp_solve_opts o;
    hp_solve_opts_default(&o);
    return (void *)(intptr_t)s->ops->solve_lp(s->h, &o, &r);
}

static void t_threads(void **state)
{
    hp_lp *lp = lp_small(0);
    hp_solver s;
    pthread_t t[1];
    void *ret;
    (void)state;
    open_ok(&s, lp);
    assert_int_equal(pthread_create(&t[0], NULL, other_thread, &s), 0);
    assert_int_equal(pthread_join(t[0], &ret), 0);
    assert_int_equal((intptr_t)ret, HP_EINTERNAL);
    hp_solver_close(&s);
    hp_lp_free(lp);
}
#endif

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_version),
        cmocka_unit_test(t_lp_small),
        cmocka_unit_test(t_lp_obj_const),
        cmocka_unit_test(t_lp_ge_duals),
        cmocka_unit_test(t_lp_infeasible),
        cmocka_unit_test(t_lp_unbounded),
        cmocka_unit_test(t_lp_warm_resolve),
        cmocka_unit_test(t_no_rows),
        cmocka_unit_test(t_open_refuses),
        cmocka_unit_test(t_mip_knapsack),
        cmocka_unit_test(t_mip_infeasible_unbounded),
        cmocka_unit_test(t_interrupt_flag),
        cmocka_unit_test(t_mip_time_limit),
        cmocka_unit_test(t_mip_gap_limit),
        cmocka_unit_test(t_lex_tie),
        cmocka_unit_test(t_lex_tolerance),
        cmocka_unit_test(t_lex_restores),
        cmocka_unit_test(t_lex_infeasible),
        cmocka_unit_test(t_lex_mip),
        cmocka_unit_test(t_lex_mip_time_limit),
        cmocka_unit_test(t_write_lp),
        cmocka_unit_test(t_write_mip),
        cmocka_unit_test(t_write_glpsol),
        cmocka_unit_test(t_concurrent),
#ifdef HP_TEST_GLPK_ONLY
        cmocka_unit_test(t_guard),
        cmocka_unit_test(t_threads),
#endif
    };
    if (!ops()) {
        printf("backend tests: skipped (backend not built)\n");
        return 77; /* cannot run here: counted as skipped */
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
