/* Unit tests of the formulation and plan extraction (models/model.c,
 * models/plan.c), LP mechanisms: tiny instances in tests/instances/ whose
 * optimal plans are worked out by hand; each .cfg file carries the
 * reasoning, repeated in short here.  Contracts (MIP) and risk measures are
 * in test_model_risk.c.  Run from the repository root (paths are relative). */
#include "test_model_fixture.h"

/* ---- structure -------------------------------------------------------- */

static void test_structure_lead_time(void **state)
{
    (void)state;
    hp_instance *in = load(DIR "lead_time.cfg");
    hp_model_opts mo = {HP_MEASURE_CVAR, 0.9, HP_INFO_TREE, 0, 0};
    hp_model *m = NULL;
    int rows, cols, ints;
    size_t nnz;
    assert_int_equal(hp_model_build(in, &mo, &m), HP_OK);
    /* T = 3, L = 1: x for Q1, Q2 only. */
    assert_true(hp_lp_find_col(m->lp, "x[cn,Dy2O3,2026Q1]") >= 0);
    assert_true(hp_lp_find_col(m->lp, "x[cn,Dy2O3,2026Q2]") >= 0);
    assert_int_equal(hp_lp_find_col(m->lp, "x[cn,Dy2O3,2026Q3]"), -1);
    assert_int_equal(m->x[2], -1);
    /* no spot, no safety stock: no y, no v */
    assert_int_equal(hp_lp_find_col(m->lp, "y[nominal,Dy2O3,2026Q1]"), -1);
    assert_int_equal(m->v[0], -1);
    assert_true(hp_lp_find_row(m->lp, "bal[nominal,Dy2O3,2026Q3]") >= 0);
    assert_true(hp_lp_find_row(m->lp, "cap[cn,Dy2O3,2026Q2]") >= 0);
    assert_true(hp_lp_find_row(m->lp, "cvar[nominal]") >= 0);
    assert_true(hp_lp_find_col(m->lp, "xi[nominal]") >= 0);
    assert_false(m->is_mip);
    /* By hand: columns x 2 + inv 3 + u 3 + COST + RISK + SPEND + PENALTY
     * + eta + xi = 14; rows cap 2 + bal 3 + cost_def + spend_def +
     * penalty_def + cvar 1 + risk_def = 10; nonzeros cap 2, bal 2 + 4 + 4,
     * cost_def 3 (COST, SPEND, PENALTY), spend_def 1 + 2 + 3 (h > 0),
     * penalty_def 1 + 3, cvar 2 + 3, risk_def 3: 33. */
    assert_int_equal(hp_model_size(in, &rows, &cols, &ints, &nnz), HP_OK);
    assert_int_equal(rows, 10);
    assert_int_equal(cols, 14);
    assert_int_equal(ints, 0);
    assert_int_equal((int)nnz, 33);
    assert_int_equal(hp_lp_nrows(m->lp), 10);
    assert_int_equal(hp_lp_ncols(m->lp), 14);
    /* balance rhs at t = 1 holds I0 + R - d = 4 + 3 - 10 = -3 */
    {
        int r = hp_lp_find_row(m->lp, "bal[nominal,Dy2O3,2026Q1]");
        NEAR(hp_lp_row_lb(m->lp, r), -3.0);
        NEAR(hp_lp_row_ub(m->lp, r), -3.0);
    }
    hp_model_free(m);
    hp_instance_free(in);
}

/* ---- mechanisms, cost-minimal plans ----------------------------------- */

static void test_lead_time(void **state)
{
    (void)state;
    solved sv;
    solve(&sv, DIR "lead_time.cfg", HP_OBJ_COST, -1);
    /* Q1: 4 + 3 of 10 on hand, 3 unmet; x[Q1] = 10 -> Q2, x[Q2] = 10 -> Q3. */
    NEAR(col(&sv, "x[cn,Dy2O3,2026Q1]"), 10.0);
    NEAR(col(&sv, "x[cn,Dy2O3,2026Q2]"), 10.0);
    NEAR(col(&sv, "u[nominal,Dy2O3,2026Q1]"), 3.0);
    assert_int_equal(sv.plan->n_orders, 2);
    assert_int_equal(sv.plan->orders[0].ship, 0);
    assert_int_equal(sv.plan->orders[0].arrive, 1);
    assert_int_equal(sv.plan->orders[1].ship, 1);
    assert_int_equal(sv.plan->orders[1].arrive, 2);
    NEAR(sv.plan->orders[0].quantity, 10.0);
    NEAR(sv.plan->orders[0].expected_cost, 1000000.0);
    NEAR(sv.plan->balance[0].in_transit, 3.0);
    NEAR(sv.plan->balance[0].arrivals, 0.0);
    NEAR(sv.plan->balance[0].unmet, 3.0);
    NEAR(sv.plan->balance[1].arrivals, 10.0);
    NEAR(sv.plan->balance[2].inventory, 0.0);
    /* 2,000,000 purchases + 3 t * 1,000,000 penalty */
    NEAR(sv.plan->cost_purchase, 2000000.0);
    NEAR(sv.plan->cost_penalty, 3000000.0);
    NEAR(sv.plan->cost_total, 5000000.0);
    NEAR(sv.plan->shortage, 3.0);
    NEAR(sv.plan->cvar, 3.0);
    NEAR(sv.plan->exposure, 0.0);
    check_cost_split(&sv);
    release(&sv);
}

static void test_ramp(void **state)
{
    (void)state;
    solved sv;
    const hp_dual *d;
    solve(&sv, DIR "ramp.cfg", HP_OBJ_COST, -1);
    /* K = 12 * (1/3, 2/3, 1, 1) = 4, 8, 12, 12; demand 10. */
    NEAR(col(&sv, "x[my,Dy2O3,2026Q1]"), 4.0);
    NEAR(col(&sv, "x[my,Dy2O3,2026Q2]"), 8.0);
    NEAR(col(&sv, "x[my,Dy2O3,2026Q3]"), 10.0);
    NEAR(col(&sv, "x[my,Dy2O3,2026Q4]"), 10.0);
    NEAR(sv.plan->balance[0].unmet, 6.0);
    NEAR(sv.plan->balance[1].unmet, 2.0);
    NEAR(sv.plan->cost_total, 11200000.0);
    /* One more t of Q1 capacity replaces a unit of penalty (1,000,000) by a
     * purchase (100,000): dual -900,000.  One more t in transit in Q1 saves
     * the penalty (-1,000,000); in Q3 it saves a purchase (-100,000). */
    d = find_dual(sv.plan, HP_DUAL_CAPACITY, 0, 0);
    assert_non_null(d);
    NEAR(d->value, -900000.0);
    assert_null(find_dual(sv.plan, HP_DUAL_CAPACITY, 0, 2));
    d = find_dual(sv.plan, HP_DUAL_BALANCE, 0, 0);
    assert_non_null(d);
    NEAR(d->value, -1000000.0);
    d = find_dual(sv.plan, HP_DUAL_BALANCE, 0, 2);
    assert_non_null(d);
    NEAR(d->value, -100000.0);
    check_cost_split(&sv);
    release(&sv);
}

static void test_quota(void **state)
{
    (void)state;
    solved sv;
    const hp_dual *d;
    solve(&sv, DIR "quota.cfg", HP_OBJ_COST, -1);
    assert_true(hp_lp_find_row(sv.m->lp, "quota[licence,2026Q2]") >= 0);
    /* CN limited to 4, 8; MY fills the rest. */
    NEAR(col(&sv, "x[cn,Dy2O3,2026Q1]"), 4.0);
    NEAR(col(&sv, "x[cn,Dy2O3,2026Q2]"), 8.0);
    NEAR(col(&sv, "x[my,Dy2O3,2026Q1]"), 6.0);
    NEAR(col(&sv, "x[my,Dy2O3,2026Q2]"), 2.0);
    NEAR(sv.plan->cost_total, 1400000.0);
    /* regions in order of first use: CN, MY; 12 and 8 of 20 t */
    NEAR(sv.plan->region_qty[0], 12.0);
    NEAR(sv.plan->region_share[0], 0.6);
    NEAR(sv.plan->region_share[1], 0.4);
    /* A t more of quota replaces MY (100,000) by CN (50,000): -50,000. */
    d = find_dual(sv.plan, HP_DUAL_QUOTA, 0, 1);
    assert_non_null(d);
    NEAR(d->value, -50000.0);
    check_cost_split(&sv);
    release(&sv);
}

static void test_share_quarter(void **state)
{
    (void)state;
    solved sv;
    solve(&sv, DIR "share_quarter.cfg", HP_OBJ_COST, -1);
    assert_true(hp_lp_find_row(sv.m->lp, "share[cap,2026Q1]") >= 0);
    /* Q1: cn = 1.5 my, cn + my = 10 -> 6, 4; Q2: cn capacity 2, my 8. */
    NEAR(col(&sv, "x[cn,Dy2O3,2026Q1]"), 6.0);
    NEAR(col(&sv, "x[my,Dy2O3,2026Q1]"), 4.0);
    NEAR(col(&sv, "x[cn,Dy2O3,2026Q2]"), 2.0);
    NEAR(col(&sv, "x[my,Dy2O3,2026Q2]"), 8.0);
    NEAR(sv.plan->cost_total, 1600000.0);
    NEAR(sv.plan->region_share[0], 0.4);
    check_cost_split(&sv);
    release(&sv);
}

static void test_share_horizon(void **state)
{
    (void)state;
    solved sv;
    solve(&sv, DIR "share_horizon.cfg", HP_OBJ_COST, -1);
    assert_true(hp_lp_find_row(sv.m->lp, "share[cap]") >= 0);
    assert_int_equal(hp_lp_find_row(sv.m->lp, "share[cap,2026Q1]"), -1);
    /* CN <= 60 % of 20 t = 12: cn = 10, 2; my = 0, 8. */
    NEAR(col(&sv, "x[cn,Dy2O3,2026Q1]"), 10.0);
    NEAR(col(&sv, "x[my,Dy2O3,2026Q1]"), 0.0);
    NEAR(col(&sv, "x[cn,Dy2O3,2026Q2]"), 2.0);
    NEAR(col(&sv, "x[my,Dy2O3,2026Q2]"), 8.0);
    NEAR(sv.plan->cost_total, 1400000.0);
    NEAR(sv.plan->region_share[0], 0.6);
    check_cost_split(&sv);
    release(&sv);
}

static void test_storage(void **state)
{
    (void)state;
    solved sv;
    solve(&sv, DIR "storage.cfg", HP_OBJ_COST, -1);
    /* Buy 5 + 8 (the storage limit) at 50 in Q1, 2 at 100 in Q2. */
    NEAR(col(&sv, "x[cn,Dy2O3,2026Q1]"), 13.0);
    NEAR(col(&sv, "x[cn,Dy2O3,2026Q2]"), 2.0);
    NEAR(sv.plan->balance[0].inventory, 8.0);
    NEAR(sv.plan->cost_holding, 8000.0);
    NEAR(sv.plan->cost_total, 858000.0);
    check_cost_split(&sv);
    release(&sv);
}

static void test_safety(void **state)
{
    (void)state;
    solved sv;
    solve(&sv, DIR "safety.cfg", HP_OBJ_COST, -1);
    /* Keep SS = 3 after Q1 (3,000 holding), fall short after Q2 (150,000). */
    NEAR(col(&sv, "x[cn,Dy2O3,2026Q1]"), 8.0);
    NEAR(col(&sv, "x[cn,Dy2O3,2026Q2]"), 2.0);
    NEAR(sv.plan->balance[0].inventory, 3.0);
    NEAR(sv.plan->balance[0].below_safety, 0.0);
    NEAR(sv.plan->balance[1].inventory, 0.0);
    NEAR(sv.plan->balance[1].below_safety, 3.0);
    NEAR(sv.plan->cost_penalty, 150000.0);
    NEAR(sv.plan->cost_total, 1153000.0);
    NEAR(sv.plan->shortage, 0.0);
    check_cost_split(&sv);
    release(&sv);
}

static void test_spot(void **state)
{
    (void)state;
    solved sv;
    solve(&sv, DIR "spot.cfg", HP_OBJ_COST, -1);
    /* Spot up to its limit in Q1 (200,000 < M), none in Q2 (2,000,000 > M). */
    NEAR(col(&sv, "y[nominal,Dy2O3,2026Q1]"), 3.0);
    NEAR(col(&sv, "y[nominal,Dy2O3,2026Q2]"), 0.0);
    NEAR(sv.plan->balance[0].spot, 3.0);
    NEAR(sv.plan->balance[0].unmet, 2.0);
    NEAR(sv.plan->balance[1].unmet, 5.0);
    NEAR(sv.plan->cost_purchase, 1000000.0);
    NEAR(sv.plan->cost_spot, 600000.0);
    NEAR(sv.plan->cost_penalty, 7000000.0);
    NEAR(sv.plan->cost_total, 8600000.0);
    check_cost_split(&sv);
    release(&sv);
}

/* ---- contract rules (MIP) --------------------------------------------- */

static void test_two_products(void **state)
{
    (void)state;
    solved sv;
    const hp_dual *d;
    solve(&sv, DIR "two_products.cfg", HP_OBJ_COST, -1);
    /* The quota binds CN Tb4O7 only; Dy2O3 all from CN. */
    NEAR(col(&sv, "x[cn,Dy2O3,2026Q1]"), 10.0);
    NEAR(col(&sv, "x[cn,Tb4O7,2026Q1]"), 1.0);
    NEAR(col(&sv, "x[my,Tb4O7,2026Q1]"), 3.0);
    NEAR(col(&sv, "x[my,Dy2O3,2026Q1]"), 0.0);
    NEAR(sv.plan->cost_total, 4000000.0);
    NEAR(sv.plan->region_qty[0], 11.0);
    NEAR(sv.plan->region_share[1], 3.0 / 14.0);
    /* orders by ship quarter, supplier, product */
    assert_int_equal(sv.plan->n_orders, 3);
    assert_int_equal(sv.plan->orders[0].supplier, 0);
    assert_int_equal(sv.plan->orders[0].product, 0);
    assert_int_equal(sv.plan->orders[1].supplier, 0);
    assert_int_equal(sv.plan->orders[1].product, 1);
    assert_int_equal(sv.plan->orders[2].supplier, 1);
    NEAR(sv.plan->orders[2].expected_cost, 3000000.0);
    /* balance is product-major: Tb4O7 Q1 is entry 1 (T = 1) */
    assert_int_equal(sv.plan->balance[1].product, 1);
    NEAR(sv.plan->balance[1].arrivals, 4.0);
    d = find_dual(sv.plan, HP_DUAL_QUOTA, 1, 0);
    assert_non_null(d);
    NEAR(d->value, -500000.0);
    /* The per-scenario split of this dual is degenerate; the sum is not. */
    d = find_dual(sv.plan, HP_DUAL_BALANCE, 0, 0);
    assert_non_null(d);
    assert_int_equal(d->scenario, -1);
    NEAR(d->value, -50000.0);
    check_cost_split(&sv);
    release(&sv);
}

int main(void)
{
    /* no solve: once */
    const struct CMUnitTest once[] = {
        cmocka_unit_test(test_structure_lead_time),
    };
    /* hand-solved plans: once per built backend */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lead_time),     cmocka_unit_test(test_ramp),
        cmocka_unit_test(test_quota),         cmocka_unit_test(test_share_quarter),
        cmocka_unit_test(test_share_horizon), cmocka_unit_test(test_storage),
        cmocka_unit_test(test_safety),        cmocka_unit_test(test_spot),
        cmocka_unit_test(test_two_products),
    };
    return cmocka_run_group_tests_name("model", once, NULL, NULL) + fx_run_backends(tests);
}
