/* Right-hand-side ranging (backend.h rhs_range, solver/glpk_range.c) on
 * small LPs whose ranges are worked out by hand, and against GLPK's own
 * glp_analyze_bound for single rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>

#include "../../solver/backend.h"
#include "../../solver/glpk_int.h"

#define assert_near(a, b) assert_true(fabs((a) - (b)) <= 1e-7)

/* min -3x - 2y
 *   r1: x +  y <= 4    (tight, dual -2)
 *   r2: x + 3y <= 7    (slack 1)
 *   r3: x      <= 3    (tight, dual -1),   x, y >= 0.
 * Optimum (3, 1).  The basis {x, y, r2}: x = b3, y = b1 - b3,
 * r2 = b3 + 3 (b1 - b3).
 * - r1 alone: y = b1 - 3 >= 0 and 3 + 3 (b1 - 3) <= 7: b1 in [3, 13/3],
 *   t in [-1, 1/3];
 * - r3 alone: y = 4 - b3 >= 0 and 12 - 2 b3 <= 7: b3 in [2.5, 4], t in
 *   [-0.5, 1];
 * - r1 and r3 together by t: x = 3 + t >= 0, y = 1, r2 = 6 + t <= 7:
 *   t in [-3, 1];
 * - r2 (basic): its activity 6 stays, its bound 7 + t must stay above:
 *   t in [-1, inf). */
static hp_lp *lp_small(void)
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
    return lp;
}

static void solved(hp_solver *s, hp_lp *lp, int presolve)
{
    hp_solve_opts o;
    hp_solve_result r;
    char err[256];
    assert_int_equal(hp_solver_open(s, hp_backend_glpk(), lp, err, sizeof err), HP_OK);
    hp_solve_opts_default(&o);
    o.presolve = presolve;
    assert_int_equal(hp_solve(s, &o, &r), HP_OK);
    assert_int_equal(r.status, HP_SOL_OPTIMAL);
}

static void t_by_hand(void **state)
{
    (void)state;
    for (int presolve = 0; presolve < 2; presolve++) {
        hp_lp *lp = lp_small();
        hp_solver s;
        double lo, hi;
        const int r1 = 0, r2 = 1, r3 = 2, both[2] = {0, 2};
        solved(&s, lp, presolve);
        assert_int_equal(hp_solver_rhs_range(&s, &r1, 1, &lo, &hi), HP_OK);
        assert_near(lo, -1.0);
        assert_near(hi, 1.0 / 3.0);
        assert_int_equal(hp_solver_rhs_range(&s, &r3, 1, &lo, &hi), HP_OK);
        assert_near(lo, -0.5);
        assert_near(hi, 1.0);
        assert_int_equal(hp_solver_rhs_range(&s, both, 2, &lo, &hi), HP_OK);
        assert_near(lo, -3.0);
        assert_near(hi, 1.0);
        assert_int_equal(hp_solver_rhs_range(&s, &r2, 1, &lo, &hi), HP_OK);
        assert_near(lo, -1.0);
        assert_true(hi == HUGE_VAL);
        hp_solver_close(&s);
        hp_lp_free(lp);
    }
}

/* glp_analyze_bound gives the same interval for a non-basic row (its
 * value1/value2 are the limits of the bound itself). */
static void t_against_glpk(void **state)
{
    hp_lp *lp = lp_small();
    hp_solver s;
    (void)state;
    solved(&s, lp, 0);
    for (int row = 0; row < 3; row += 2) {
        hpi_glpk_handle *h = s.h;
        double lo, hi, v1, v2, b = row == 0 ? 4.0 : 3.0;
        int var1, var2;
        assert_int_equal(hp_solver_rhs_range(&s, &row, 1, &lo, &hi), HP_OK);
        glp_analyze_bound(h->P, row + 1, &v1, &var1, &v2, &var2);
        assert_near(b + lo, v1);
        assert_near(b + hi, v2);
    }
    hp_solver_close(&s);
    hp_lp_free(lp);
}

/* Misuse is refused; the CBC backend has no ranging. */
static void t_refused(void **state)
{
    hp_lp *lp = lp_small();
    hp_solver s;
    double lo, hi;
    const int bad = 7, r1 = 0;
    (void)state;
    solved(&s, lp, 0);
    assert_int_equal(hp_solver_rhs_range(&s, &bad, 1, &lo, &hi), HP_EINVAL);
    assert_int_equal(hp_solver_rhs_range(&s, &r1, 0, &lo, &hi), HP_EINVAL);
    hp_solver_close(&s);
    hp_lp_free(lp);
    if (hp_backend_cbc())
        assert_null(hp_backend_cbc()->rhs_range);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_by_hand),
        cmocka_unit_test(t_against_glpk),
        cmocka_unit_test(t_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
