/* Unit tests of the epsilon-constraint sweep (solver/pareto.h) on small
 * models whose front is worked out by hand.
 *
 * The LP "four sources": 10 units of demand, met from sources
 *   A: cost 1 per unit, risk 1 per unit
 *   B: cost 2,          risk 0.5
 *   C: cost 4,          risk 0
 *   D: cost 1,          risk 2     (ties A on cost, is worse on risk)
 * each with capacity 10.  COST = a + 2b + 4c + d, RISK = a + 0.5b + 2d.
 * The front is the lower convex hull of the pure plans (risk, cost):
 * A (10, 10), B (5, 20), C (0, 40); D (20, 10) only ties A on cost.
 * B lies below the chord A-C (at risk 5 the chord costs 25), so the front
 * is two segments:
 *   risk in [5, 10]: cost = 30 - 2 risk  (moving A to B: 2 per unit of risk)
 *   risk in [0, 5]:  cost = 40 - 4 risk  (moving B to C: 4 per unit of risk)
 * With 11 points eps = 10, 9, ..., 0 and point k has risk 10 - k.
 * The cost-minimal end must be A (risk 10), not a mix with D (risk up to
 * 20): the lexicographic tie-break.  Normalised, point k sits at
 * (cn, rn) = ((cost - 10) / 30, risk / 10); its distance from the line
 * cn + rn = 1 is largest at the kink B (k = 5): |1/3 + 1/2 - 1| / sqrt 2.
 *
 * The MIP "three plans": pick exactly one of A, B, C (binary y, the cost
 * and risk coefficients times 10, so the plans are A (risk 10, cost 10),
 * B (5, 20), C (0, 40)).  Eps_k = 10 - k.  Points 6..10 (eps 4..0) can only
 * take C; points 1..5 (eps 9..5) take B.  Duplicates are judged in the order
 * 0, 10, 1, 2, ..., 9: B is first found at point 1 (points 2..5 repeat it),
 * C at the end 10 (points 6..9 repeat it).  The front is {0, 1, 10}, and
 * the knee point 1 (the only interior front point, off the chord A-C). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>

#include <cmocka.h>

#include "../../solver/backend.h"
#include "../../solver/pareto.h"

/* cmocka 1.1's assert_float_equal compares floats: too coarse for costs. */
#define assert_near(a, b, tol) assert_true(fabs((double)(a) - (double)(b)) <= (double)(tol))

typedef struct fixture {
    hp_lp *lp;
    hp_solver s;
    int cost, risk;
} fixture;

static void build(fixture *f, int mip)
{
    static const double c[] = {1, 2, 4, 1}, r[] = {1, 0.5, 0, 2};
    static const char *const name[] = {"a", "b", "c", "d"};
    int n = mip ? 3 : 4, col[4], dem, cdef, rdef;
    char err[256] = "";
    f->lp = hp_lp_new();
    assert_non_null(f->lp);
    dem = hp_lp_add_row(f->lp, "demand", mip ? 1 : 10, mip ? 1 : 10);
    cdef = hp_lp_add_row(f->lp, "cost_def", 0, 0);
    rdef = hp_lp_add_row(f->lp, "risk_def", 0, 0);
    for (int k = 0; k < n; k++) {
        /* the MIP picks one plan: binary y_k, and cost/risk 10 times */
        col[k] = hp_lp_add_col(f->lp, name[k], 0, mip ? 1 : 10, 0, mip);
        assert_int_equal(hp_lp_add_coef(f->lp, dem, col[k], 1), HP_OK);
    }
    f->cost = hp_lp_add_col(f->lp, "COST", -HUGE_VAL, HUGE_VAL, 1, 0);
    f->risk = hp_lp_add_col(f->lp, "RISK", -HUGE_VAL, HUGE_VAL, 0, 0);
    assert_int_equal(hp_lp_add_coef(f->lp, cdef, f->cost, 1), HP_OK);
    assert_int_equal(hp_lp_add_coef(f->lp, rdef, f->risk, 1), HP_OK);
    for (int k = 0; k < n; k++) {
        assert_int_equal(hp_lp_add_coef(f->lp, cdef, col[k], -c[k] * (mip ? 10 : 1)), HP_OK);
        assert_int_equal(hp_lp_add_coef(f->lp, rdef, col[k], -r[k] * (mip ? 10 : 1)), HP_OK);
    }
    assert_int_equal(hp_solver_open(&f->s, hp_backend_glpk(), f->lp, err, sizeof err), HP_OK);
}

static void destroy(fixture *f)
{
    hp_solver_close(&f->s);
    hp_lp_free(f->lp);
}

static double front_cost(double risk)
{
    return risk >= 5 ? 30 - 2 * risk : 40 - 4 * risk;
}

typedef struct counter {
    int calls, progress, stop_after;
    int seen[32];
    volatile int flag;
} counter;

static hp_status count_point(void *ctx, hp_pareto_point *pt, const double *x, const double *y)
{
    counter *c = ctx;
    assert_non_null(x);
    (void)y;
    c->calls++;
    c->seen[pt->index]++;
    return HP_OK;
}

static void count_progress(void *ctx, int done, int total, const hp_pareto_point *pt)
{
    counter *c = ctx;
    (void)pt;
    c->progress++;
    assert_true(done <= total);
    if (c->stop_after && done >= c->stop_after)
        c->flag = 1;
}

static void test_lp_front(void **state)
{
    fixture f;
    hp_pareto_opts o;
    hp_pareto *p = NULL;
    counter cnt = {0};
    hp_solve_result r;
    (void)state;
    build(&f, 0);
    hp_pareto_opts_default(&o);
    o.on_point = count_point;
    o.on_progress = count_progress;
    o.ctx = &cnt;
    assert_int_equal(hp_pareto_sweep(&f.s, f.cost, f.risk, &o, &p), HP_OK);
    assert_non_null(p);
    assert_int_equal(p->n, 11);
    assert_int_equal(p->n_solved, 11);
    assert_int_equal(cnt.calls, 11);
    assert_int_equal(cnt.progress, 11);
    /* the ends: A (cost 10, risk 10, not the D tie) and C (40, 0) */
    assert_near(p->pts[0].cost, 10, 1e-6);
    assert_near(p->pts[0].risk, 10, 1e-6);
    assert_near(p->pts[10].cost, 40, 1e-6);
    assert_near(p->pts[10].risk, 0, 1e-6);
    for (int k = 0; k < 11; k++) {
        const hp_pareto_point *q = &p->pts[k];
        assert_true(q->result.has_solution);
        assert_int_equal(q->result.status, HP_SOL_OPTIMAL);
        assert_near(q->eps, 10 - k, 1e-6);
        assert_near(q->risk, 10 - k, 1e-6);
        assert_near(q->cost, front_cost(10 - k), 1e-6);
        assert_int_equal(q->duplicate, -1);
        assert_false(q->dominated);
        assert_true(q->on_front);
        /* cost never falls as risk falls */
        if (k > 0) {
            assert_true(q->risk <= p->pts[k - 1].risk + 1e-9);
            assert_true(q->cost >= p->pts[k - 1].cost - 1e-9);
        }
    }
    assert_int_equal(p->n_front, 11);
    assert_int_equal(p->knee, 5);
    assert_true(p->pts[5].knee);
    assert_near(p->pts[5].knee_distance, (1.0 / 6.0) / sqrt(2.0), 1e-9);
    assert_near(p->c_min, 10, 1e-6);
    assert_near(p->c_max, 40, 1e-6);
    /* objective and bounds restored: a plain solve is the cost minimum */
    assert_int_equal(hp_solve(&f.s, &o.solve, &r), HP_OK);
    assert_near(r.objective, 10, 1e-6);
    hp_pareto_free(p);
    destroy(&f);
}

static void test_mip_duplicates(void **state)
{
    fixture f;
    hp_pareto_opts o;
    hp_pareto *p = NULL;
    counter cnt = {0};
    (void)state;
    build(&f, 1);
    hp_pareto_opts_default(&o);
    o.on_point = count_point;
    o.ctx = &cnt;
    assert_int_equal(hp_pareto_sweep(&f.s, f.cost, f.risk, &o, &p), HP_OK);
    assert_near(p->pts[0].cost, 10, 1e-6);
    assert_near(p->pts[1].cost, 20, 1e-6);
    assert_near(p->pts[5].cost, 20, 1e-6);
    assert_near(p->pts[10].cost, 40, 1e-6);
    for (int k = 2; k <= 5; k++)
        assert_int_equal(p->pts[k].duplicate, 1);
    for (int k = 6; k <= 9; k++)
        assert_int_equal(p->pts[k].duplicate, 10);
    assert_int_equal(p->pts[0].duplicate, -1);
    assert_int_equal(p->pts[1].duplicate, -1);
    assert_int_equal(p->pts[10].duplicate, -1);
    assert_int_equal(p->n_front, 3);
    assert_int_equal(p->knee, 1);
    for (int k = 0; k < 11; k++)
        assert_false(p->pts[k].dominated);
    /* every solved point went to the callback (duplicates too) */
    assert_int_equal(cnt.calls, 11);
    hp_pareto_free(p);
    destroy(&f);
}

static void test_interrupt(void **state)
{
    fixture f;
    hp_pareto_opts o;
    hp_pareto *p = NULL;
    counter cnt = {0};
    (void)state;
    build(&f, 0);
    hp_pareto_opts_default(&o);
    cnt.stop_after = 3;
    o.on_progress = count_progress;
    o.interrupt = &cnt.flag;
    o.ctx = &cnt;
    assert_int_equal(hp_pareto_sweep(&f.s, f.cost, f.risk, &o, &p), HP_OK);
    assert_true(p->interrupted);
    assert_int_equal(p->n_solved, 3);
    /* solved: 0, 1, 2 (after the least risk); the rest untouched */
    assert_true(p->pts[2].solved);
    assert_false(p->pts[3].solved);
    assert_false(p->pts[10].solved);
    assert_false(p->pts[3].result.has_solution);
    assert_false(p->pts[10].result.has_solution);
    hp_pareto_free(p);
    destroy(&f);
}

/* hp_pareto_mark on a hand-made front, (risk, cost):
 * 0: (10, 10)  weakly dominated by 1 (same cost, less risk);
 * 1: (8, 10);  2: (8, 10 + 1e-8) repeats 1 within 1e-6;
 * 3: (4, 20);  4: (0, 40);  5: (4, 30) dominated by 3. */
static void test_mark_by_hand(void **state)
{
    static const double risk[] = {10, 8, 8, 4, 0, 4}, cost[] = {10, 10, 10 + 1e-8, 20, 40, 30};
    hp_pareto_point pts[6] = {0};
    hp_pareto p = {0};
    (void)state;
    for (int k = 0; k < 6; k++) {
        pts[k].index = k;
        pts[k].risk = risk[k];
        pts[k].cost = cost[k];
        pts[k].result.has_solution = 1;
    }
    p.n = 6;
    p.pts = pts;
    hp_pareto_mark(&p, NULL, 1e-6);
    assert_int_equal(pts[2].duplicate, 1);
    assert_true(pts[0].dominated);
    assert_false(pts[1].dominated);
    assert_true(pts[5].dominated);
    assert_false(pts[2].dominated); /* duplicates are not judged */
    assert_int_equal(p.n_front, 3); /* 1, 3, 4 */
    assert_near(p.r_max, 8, 0);
    assert_near(p.c_min, 10, 0);
    /* normalised over (10..40, 0..8): point 3 at (1/3, 1/2) is the knee */
    assert_int_equal(p.knee, 3);
    /* a straight front has no knee */
    pts[3].cost = 25; /* on the chord from (8, 10) to (0, 40) at risk 4 */
    hp_pareto_mark(&p, NULL, 1e-6);
    assert_int_equal(p.knee, -1);
}

static void test_same(void **state)
{
    (void)state;
    assert_true(hp_pareto_same(1e6, 1e6 + 0.5, 0, 1e-6));
    assert_false(hp_pareto_same(1e6, 1e6 + 2, 0, 1e-6));
    assert_true(hp_pareto_same(0, 1e-7, 1, 1e-6)); /* the scale floors the tolerance */
    assert_false(hp_pareto_same(0, 1e-7, 0, 1e-6));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lp_front),  cmocka_unit_test(test_mip_duplicates),
        cmocka_unit_test(test_interrupt), cmocka_unit_test(test_mark_by_hand),
        cmocka_unit_test(test_same),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
