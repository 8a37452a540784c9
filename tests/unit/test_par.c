/* The work-spreading layer (solver/par.h) on one process, as every run
 * without mpirun sees it: one rank, the ranges cover the items once and in
 * order, hp_par_map fills every record in item order, the first failing
 * item's status comes back, and the test hook HREEPLAN_TEST_FAIL_RANK fails
 * rank 0's share before any item runs.  The ranks themselves are tested by
 * tests/cli/t_mpi.sh under mpirun. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "../../solver/par.h"

static void t_one_rank(void **state)
{
    (void)state;
    assert_int_equal(hp_par_init(NULL, NULL), HP_OK);
    assert_int_equal(hp_par_rank(), 0);
    assert_int_equal(hp_par_size(), 1);
    assert_int_equal(hp_par_local_size(), 1);
    assert_int_equal(hp_par_any(0), 0);
    assert_int_equal(hp_par_any(7), 1);
    assert_int_equal(hp_par_sum_long(41), 41);
    assert_int_equal(hp_par_agree(HP_ESOLVER), HP_ESOLVER);
    assert_int_equal(hp_par_agree(HP_OK), HP_OK);
}

static void t_range(void **state)
{
    long lo, hi;
    (void)state;
    hp_par_range(10, 0, &lo, &hi);
    assert_int_equal(lo, 0);
    assert_int_equal(hi, 10);
    hp_par_range(0, 0, &lo, &hi);
    assert_int_equal(lo, 0);
    assert_int_equal(hi, 0);
}

typedef struct seen {
    long calls, last, fail_at;
} seen;

/* record of item i: i squared and i + 0.5; fails at fail_at */
static hp_status item(void *ctx, long i, void *rec)
{
    seen *s = ctx;
    double *r = rec;
    if (i == s->fail_at)
        return HP_ESOLVER;
    assert_int_equal(i, s->last + 1); /* in item order */
    s->last = i;
    s->calls++;
    r[0] = (double)(i * i);
    r[1] = (double)i + 0.5;
    return HP_OK;
}

static void t_map(void **state)
{
    seen s = {0, -1, -1};
    double out[2 * 7];
    (void)state;
    memset(out, 0, sizeof out);
    assert_int_equal(hp_par_map(7, 2 * sizeof(double), item, &s, out), HP_OK);
    assert_int_equal(s.calls, 7);
    for (int i = 0; i < 7; i++) {
        assert_true(out[2 * i] == (double)(i * i));
        assert_true(out[2 * i + 1] == (double)i + 0.5);
    }
    s.calls = 0;
    assert_int_equal(hp_par_map(0, 2 * sizeof(double), item, &s, out), HP_OK);
    assert_int_equal(s.calls, 0);
}

static void t_map_fails(void **state)
{
    seen s = {0, -1, 3};
    double out[2 * 7];
    (void)state;
    assert_int_equal(hp_par_map(7, 2 * sizeof(double), item, &s, out), HP_ESOLVER);
    assert_int_equal(s.calls, 3); /* stops at the failing item */
}

static void t_hook(void **state)
{
    seen s = {0, -1, -1};
    double out[2 * 3];
    (void)state;
    setenv("HREEPLAN_TEST_FAIL_RANK", "1", 1); /* another rank: no effect */
    assert_int_equal(hp_par_test_fail(), 0);
    assert_int_equal(hp_par_map(3, 2 * sizeof(double), item, &s, out), HP_OK);
    setenv("HREEPLAN_TEST_FAIL_RANK", "0", 1);
    assert_int_equal(hp_par_test_fail(), 1);
    s.calls = 0;
    s.last = -1;
    assert_int_equal(hp_par_map(3, 2 * sizeof(double), item, &s, out), HP_EINTERNAL);
    assert_int_equal(s.calls, 0);
    /* no items, nothing to fail */
    assert_int_equal(hp_par_map(0, 2 * sizeof(double), item, &s, out), HP_OK);
    unsetenv("HREEPLAN_TEST_FAIL_RANK");
    assert_int_equal(hp_par_test_fail(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_one_rank),  cmocka_unit_test(t_range), cmocka_unit_test(t_map),
        cmocka_unit_test(t_map_fails), cmocka_unit_test(t_hook),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    hp_par_finalize();
    return rc;
}
