/* The sparse model: building, read access, and validation.  Validation
 * must name the offending row or column and must refuse a bad model
 * before any backend is called (GLPK would abort the process). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* 2 columns, 2 rows:  r0: x + 2y <= 4,  r1: 3x >= 1. */
static hp_lp *base(void)
{
    hp_lp *lp = hp_lp_new();
    assert_non_null(lp);
    assert_int_equal(hp_lp_add_col(lp, "x", 0, 10, 1, 0), 0);
    assert_int_equal(hp_lp_add_col(lp, "y", -HUGE_VAL, HUGE_VAL, -2, 1), 1);
    assert_int_equal(hp_lp_add_row(lp, "r0", -HUGE_VAL, 4), 0);
    assert_int_equal(hp_lp_add_row(lp, "r1", 1, HUGE_VAL), 1);
    assert_int_equal(hp_lp_add_coef(lp, 0, 0, 1), HP_OK);
    assert_int_equal(hp_lp_add_coef(lp, 0, 1, 2), HP_OK);
    assert_int_equal(hp_lp_add_coef(lp, 1, 0, 3), HP_OK);
    return lp;
}

static void t_build_read(void **state)
{
    hp_lp *lp = base();
    char name[8] = "tmp";
    double x[2] = {2, 3};
    (void)state;
    assert_int_equal(hp_lp_ncols(lp), 2);
    assert_int_equal(hp_lp_nrows(lp), 2);
    assert_int_equal(hp_lp_nnz(lp), 3);
    assert_int_equal(hp_lp_nints(lp), 1);
    assert_string_equal(hp_lp_col_name(lp, 1), "y");
    assert_string_equal(hp_lp_row_name(lp, 1), "r1");
    assert_true(isinf(hp_lp_col_lb(lp, 1)) && hp_lp_col_lb(lp, 1) < 0);
    assert_near(hp_lp_col_ub(lp, 0), 10, 0);
    assert_near(hp_lp_row_lb(lp, 1), 1, 0);
    assert_true(hp_lp_col_is_int(lp, 1));
    assert_false(hp_lp_col_is_int(lp, 0));
    assert_int_equal(hp_lp_coef_rows(lp)[2], 1);
    assert_int_equal(hp_lp_coef_cols(lp)[1], 1);
    assert_near(hp_lp_coef_vals(lp)[1], 2, 0);
    /* names are copied */
    assert_int_equal(hp_lp_add_col(lp, name, 0, 1, 0, 0), 2);
    strcpy(name, "zzz");
    assert_int_equal(hp_lp_find_col(lp, "tmp"), 2);
    assert_int_equal(hp_lp_find_col(lp, "zzz"), -1);
    assert_int_equal(hp_lp_find_row(lp, "r1"), 1);
    /* zero coefficients are dropped; out-of-range indices refused */
    assert_int_equal(hp_lp_add_coef(lp, 1, 1, 0.0), HP_OK);
    assert_int_equal(hp_lp_nnz(lp), 3);
    assert_int_equal(hp_lp_add_coef(lp, 2, 0, 1), HP_EINVAL);
    assert_int_equal(hp_lp_add_coef(lp, 0, -1, 1), HP_EINVAL);
    assert_int_equal(hp_lp_nnz(lp), 3);
    /* objective: 1*2 - 2*3 + 0 + const 5 = 1 */
    hp_lp_set_obj_const(lp, 5);
    assert_near(hp_lp_obj_const(lp), 5, 0);
    {
        double x3[3] = {x[0], x[1], 1};
        assert_near(hp_lp_eval_obj(lp, x3), 1, 1e-12);
    }
    hp_lp_set_obj(lp, 2, 4);
    assert_near(hp_lp_obj(lp, 2), 4, 0);
    assert_int_equal(hp_lp_validate(lp, NULL, 0), HP_OK);
    hp_lp_free(lp);
    hp_lp_free(NULL);
}

/* Many columns, rows and coefficients: the arrays grow. */
static void t_grow(void **state)
{
    hp_lp *lp = hp_lp_new();
    char nm[32];
    (void)state;
    for (int i = 0; i < 5000; i++) {
        snprintf(nm, sizeof nm, "c%d", i);
        assert_int_equal(hp_lp_add_col(lp, nm, 0, 1, i, 0), i);
        snprintf(nm, sizeof nm, "r%d", i);
        assert_int_equal(hp_lp_add_row(lp, nm, 0, 1), i);
        assert_int_equal(hp_lp_add_coef(lp, i, i, 1), HP_OK);
        if (i)
            assert_int_equal(hp_lp_add_coef(lp, i, i - 1, -1), HP_OK);
    }
    assert_int_equal(hp_lp_nnz(lp), 9999);
    assert_string_equal(hp_lp_col_name(lp, 4321), "c4321");
    assert_near(hp_lp_obj(lp, 4321), 4321, 0);
    assert_int_equal(hp_lp_validate(lp, NULL, 0), HP_OK);
    hp_lp_free(lp);
}

static void expect_invalid(hp_lp *lp, const char *needle)
{
    char err[256];
    assert_int_equal(hp_lp_validate(lp, err, sizeof err), HP_EINVAL);
    if (!strstr(err, needle))
        fail_msg("message '%s' lacks '%s'", err, needle);
    hp_lp_free(lp);
}

static void t_validate_bounds(void **state)
{
    hp_lp *lp;
    (void)state;
    lp = base();
    hp_lp_set_col_bounds(lp, 0, 3, 2);
    expect_invalid(lp, "column 'x'");
    lp = base();
    hp_lp_set_row_bounds(lp, 1, 5, 4);
    expect_invalid(lp, "row 'r1'");
    lp = base();
    hp_lp_set_col_bounds(lp, 1, NAN, 1);
    expect_invalid(lp, "column 'y'");
    lp = base();
    hp_lp_set_row_bounds(lp, 0, -HUGE_VAL, NAN);
    expect_invalid(lp, "row 'r0'");
    lp = base();
    hp_lp_set_col_bounds(lp, 0, HUGE_VAL, HUGE_VAL); /* lb = +inf */
    expect_invalid(lp, "column 'x'");
    lp = base();
    hp_lp_set_col_bounds(lp, 0, -HUGE_VAL, -HUGE_VAL); /* ub = -inf */
    expect_invalid(lp, "column 'x'");
    lp = base();
    hp_lp_set_row_bounds(lp, 0, HUGE_VAL, HUGE_VAL);
    expect_invalid(lp, "row 'r0'");
}

static void t_validate_numbers(void **state)
{
    hp_lp *lp;
    (void)state;
    lp = base();
    hp_lp_set_obj(lp, 1, NAN);
    expect_invalid(lp, "column 'y'");
    lp = base();
    hp_lp_set_obj(lp, 0, HUGE_VAL);
    expect_invalid(lp, "column 'x'");
    lp = base();
    hp_lp_add_coef(lp, 1, 1, NAN);
    expect_invalid(lp, "row 'r1', column 'y'");
    lp = base();
    hp_lp_add_coef(lp, 1, 1, -HUGE_VAL);
    expect_invalid(lp, "row 'r1', column 'y'");
    lp = base();
    hp_lp_set_obj_const(lp, NAN);
    expect_invalid(lp, "constant");
}

static void t_validate_duplicates(void **state)
{
    hp_lp *lp;
    (void)state;
    lp = base();
    hp_lp_add_coef(lp, 0, 0, 7); /* (r0, x) again, far from the first */
    expect_invalid(lp, "row 'r0', column 'x'");
    lp = base();
    hp_lp_add_coef(lp, 1, 0, 7); /* (r1, x) again, adjacent */
    expect_invalid(lp, "duplicate");
    /* same row, different columns and same column, different rows are fine */
    lp = base();
    hp_lp_add_coef(lp, 1, 1, 7);
    assert_int_equal(hp_lp_validate(lp, NULL, 0), HP_OK);
    hp_lp_free(lp);
}

static void t_validate_names(void **state)
{
    hp_lp *lp;
    char longname[300];
    (void)state;
    memset(longname, 'n', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    lp = base();
    hp_lp_add_col(lp, longname, 0, 1, 0, 0);
    expect_invalid(lp, "longer than");
    lp = base();
    hp_lp_add_row(lp, "bad\tname", 0, 1);
    expect_invalid(lp, "control character");
    assert_int_equal(hp_lp_validate(NULL, NULL, 0), HP_EINVAL);
}

/* A counting mock backend: hp_solver_open must not reach it with a bad
 * model, and must create + load a good one exactly once. */
static int n_create, n_load, n_destroy;
static const char *mock_version(void)
{
    return "mock";
}
static hp_status mock_create(void **h)
{
    static int dummy;
    n_create++;
    *h = &dummy;
    return HP_OK;
}
static void mock_destroy(void *h)
{
    (void)h;
    n_destroy++;
}
static hp_status mock_load(void *h, const hp_lp *lp)
{
    (void)h;
    (void)lp;
    n_load++;
    return HP_OK;
}
static const hp_backend_ops mock = {.name = "mock",
                                    .version = mock_version,
                                    .create = mock_create,
                                    .destroy = mock_destroy,
                                    .load = mock_load};

static void t_open_validates_first(void **state)
{
    hp_lp *lp = base();
    hp_solver s;
    char err[256];
    (void)state;
    hp_lp_add_coef(lp, 0, 1, 3); /* duplicate (r0, y) */
    assert_int_equal(hp_solver_open(&s, &mock, lp, err, sizeof err), HP_EINVAL);
    assert_non_null(strstr(err, "row 'r0', column 'y'"));
    assert_int_equal(n_create + n_load, 0);
    hp_lp_free(lp);

    lp = base();
    assert_int_equal(hp_solver_open(&s, &mock, lp, err, sizeof err), HP_OK);
    assert_int_equal(n_create, 1);
    assert_int_equal(n_load, 1);
    /* the solver keeps a dense copy of the objective */
    assert_near(s.obj[0], 1, 0);
    assert_near(s.obj[1], -2, 0);
    hp_solver_close(&s);
    assert_int_equal(n_destroy, 1);
    hp_solver_close(&s);
    assert_int_equal(n_destroy, 1);
    hp_solver_close(NULL);
    hp_lp_free(lp);
}

static void t_status_names(void **state)
{
    hp_solve_opts o;
    (void)state;
    assert_string_equal(hp_sol_status_str(HP_SOL_OPTIMAL), "optimal");
    assert_string_equal(hp_sol_status_str(HP_SOL_TIME_LIMIT), "time_limit");
    assert_string_equal(hp_sol_status_str(HP_SOL_GAP_LIMIT), "gap_limit");
    assert_string_equal(hp_sol_status_str(HP_SOL_INFEASIBLE), "infeasible");
    assert_string_equal(hp_sol_status_str(HP_SOL_UNBOUNDED), "unbounded");
    assert_string_equal(hp_sol_status_str(HP_SOL_FAILED), "failed");
    hp_solve_opts_default(&o);
    assert_true(o.time_limit <= 0);
    assert_near(o.mip_gap, 0, 0);
    assert_true(o.presolve);
    assert_false(o.verbose);
    assert_non_null(hp_backend_find("glpk"));
    assert_ptr_equal(hp_backend_find("cbc"), hp_backend_cbc());
    assert_null(hp_backend_find("GLPK"));
    assert_null(hp_backend_find(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_build_read),           cmocka_unit_test(t_grow),
        cmocka_unit_test(t_validate_bounds),      cmocka_unit_test(t_validate_numbers),
        cmocka_unit_test(t_validate_duplicates),  cmocka_unit_test(t_validate_names),
        cmocka_unit_test(t_open_validates_first), cmocka_unit_test(t_status_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
