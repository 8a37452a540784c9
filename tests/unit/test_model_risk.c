/* Unit tests of the formulation and plan extraction, contract rules (MIP)
 * and risk measures with the lexicographic tie-break: tiny instances in
 * tests/instances/ whose optimal plans are worked out by hand (reasoning in
 * each .cfg file).  Run from the repository root (paths are relative). */
#include "test_model_fixture.h"

static void test_fixed_cost(void **state)
{
    (void)state;
    solved sv;
    solve(&sv, DIR "fixed_cost.cfg", HP_OBJ_COST, -1);
    assert_true(sv.m->is_mip);
    assert_int_equal(sv.plan->n_duals, 0);
    /* 20 t save 400,000 > 300,000: contract "cheap". */
    NEAR(col(&sv, "z[cheap]"), 1.0);
    NEAR(col(&sv, "x[cheap,Dy2O3,2026Q1]"), 10.0);
    NEAR(col(&sv, "x[cheap,Dy2O3,2026Q2]"), 10.0);
    assert_int_equal(sv.plan->contract[0], 1);
    assert_int_equal(sv.plan->contract[1], -1);
    NEAR(sv.plan->cost_contract, 300000.0);
    NEAR(sv.plan->cost_total, 2300000.0);
    check_cost_split(&sv);
    release(&sv);

    /* Demand 5 a quarter: 10 t save 200,000 < 300,000: "dear" 5, 5. */
    solve(&sv, DIR "fixed_cost_off.cfg", HP_OBJ_COST, -1);
    assert_int_equal(sv.plan->contract[0], 0);
    NEAR(col(&sv, "x[dear,Dy2O3,2026Q1]"), 5.0);
    NEAR(col(&sv, "x[dear,Dy2O3,2026Q2]"), 5.0);
    NEAR(sv.plan->cost_contract, 0.0);
    NEAR(sv.plan->cost_total, 1200000.0);
    check_cost_split(&sv);
    release(&sv);
}

static void test_min_order(void **state)
{
    (void)state;
    solved sv;
    solve(&sv, DIR "min_order.cfg", HP_OBJ_COST, -1);
    /* Q2's 3 t ride with the Q1 order (3,000 holding) instead of a Q2 order
     * of at least 8 t or 3 t from "small". */
    NEAR(col(&sv, "x[big,Dy2O3,2026Q1]"), 13.0);
    NEAR(col(&sv, "x[big,Dy2O3,2026Q2]"), 0.0);
    NEAR(col(&sv, "x[small,Dy2O3,2026Q2]"), 0.0);
    NEAR(col(&sv, "o[big,2026Q1]"), 1.0);
    NEAR(col(&sv, "o[big,2026Q2]"), 0.0);
    NEAR(sv.plan->cost_total, 1303000.0);
    check_cost_split(&sv);
    release(&sv);
}

static void test_lot(void **state)
{
    (void)state;
    solved sv;
    solve(&sv, DIR "lot.cfg", HP_OBJ_COST, -1);
    /* Two lots of 4 and 2 t from "other": 1,060,000 (three lots 1,200,000). */
    NEAR(col(&sv, "n[lot,Dy2O3,2026Q1]"), 2.0);
    NEAR(col(&sv, "x[lot,Dy2O3,2026Q1]"), 8.0);
    NEAR(col(&sv, "x[other,Dy2O3,2026Q1]"), 2.0);
    /* n <= floor(20 / 4) */
    NEAR(hp_lp_col_ub(sv.m->lp, hp_lp_find_col(sv.m->lp, "n[lot,Dy2O3,2026Q1]")), 5.0);
    NEAR(sv.plan->cost_total, 1060000.0);
    check_cost_split(&sv);
    release(&sv);
}

static void test_max_contracts(void **state)
{
    (void)state;
    solved sv;
    solve(&sv, DIR "max_contracts.cfg", HP_OBJ_COST, -1);
    assert_true(sv.m->is_mip);
    /* One contract: a (cheapest) 5 t, the rest from "free". */
    assert_int_equal(sv.plan->contract[0], 1);
    assert_int_equal(sv.plan->contract[1], 0);
    assert_int_equal(sv.plan->contract[2], 0);
    assert_int_equal(sv.plan->contract[3], -1);
    NEAR(col(&sv, "x[a,Dy2O3,2026Q1]"), 5.0);
    NEAR(col(&sv, "x[free,Dy2O3,2026Q1]"), 5.0);
    NEAR(sv.plan->cost_total, 1500000.0);
    check_cost_split(&sv);
    release(&sv);
}

/* Regression, "an optimal MIP start reported infeasible" (CBC): the second
 * solve of a lexicographic MIP solve starts from the first's incumbent.
 * In these instances the cost-minimal plan meets all demand, so it is also
 * the least-risk (CVaR 0) plan among the cost-minimal ones: the start is
 * already optimal.  CBC then ends with secondary status 1 ("relaxation
 * worse than the cutoff", the cutoff being the start's value) and the start
 * as its solution; the backend must report that as optimal, not as
 * infeasible (which made `plan` drop its risk tie-break and `pareto` fail
 * with exit 3 on every MIP).  Plans as in the cost tests above. */
static void test_optimal_mip_start(void **state)
{
    (void)state;
    solved sv;
    solve_tiebreak(&sv, DIR "fixed_cost.cfg");
    NEAR(col(&sv, "z[cheap]"), 1.0);
    NEAR(col(&sv, "x[cheap,Dy2O3,2026Q1]"), 10.0);
    NEAR(col(&sv, "x[cheap,Dy2O3,2026Q2]"), 10.0);
    NEAR(sv.plan->cost_total, 2300000.0);
    NEAR(sv.x[sv.m->risk_col], 0.0);
    NEAR(sv.plan->shortage, 0.0);
    check_cost_split(&sv);
    release(&sv);

    solve_tiebreak(&sv, DIR "min_order.cfg");
    NEAR(col(&sv, "x[big,Dy2O3,2026Q1]"), 13.0);
    NEAR(col(&sv, "o[big,2026Q2]"), 0.0);
    NEAR(sv.plan->cost_total, 1303000.0);
    NEAR(sv.x[sv.m->risk_col], 0.0);
    release(&sv);

    solve_tiebreak(&sv, DIR "lot.cfg");
    NEAR(col(&sv, "n[lot,Dy2O3,2026Q1]"), 2.0);
    NEAR(col(&sv, "x[other,Dy2O3,2026Q1]"), 2.0);
    NEAR(sv.plan->cost_total, 1060000.0);
    NEAR(sv.x[sv.m->risk_col], 0.0);
    release(&sv);

    solve_tiebreak(&sv, DIR "max_contracts.cfg");
    assert_int_equal(sv.plan->contract[0], 1);
    NEAR(col(&sv, "x[free,Dy2O3,2026Q1]"), 5.0);
    NEAR(sv.plan->cost_total, 1500000.0);
    NEAR(sv.x[sv.m->risk_col], 0.0);
    release(&sv);
}

/* ---- risk measures and the lexicographic tie-break --------------------- */

static void test_shortage_cost_plan(void **state)
{
    (void)state;
    solved sv;
    solve(&sv, DIR "shortage.cfg", HP_OBJ_COST, -1);
    /* cn = 10: 250,000 + 0.5 * 10 * 60,000; Z = (0, 2 * 10). */
    NEAR(col(&sv, "x[cn,Dy2O3,2026Q1]"), 10.0);
    NEAR(col(&sv, "x[au,Dy2O3,2026Q1]"), 0.0);
    NEAR(col(&sv, "x[us,Dy2O3,2026Q1]"), 0.0);
    NEAR(sv.plan->cost_total, 550000.0);
    NEAR(sv.plan->orders[0].expected_qty, 5.0);
    NEAR(sv.plan->balance[0].arrivals, 5.0);
    NEAR(sv.plan->balance[0].unmet, 5.0);
    NEAR(sv.plan->scen_shortage[0], 0.0);
    NEAR(sv.plan->scen_shortage[1], 20.0);
    NEAR(sv.plan->shortage, 10.0);
    NEAR(sv.plan->cvar, 20.0);
    NEAR(sv.plan->exposure, 5.0);
    /* scenario costs: purchases paid on arrival; E = total */
    NEAR(sv.plan->scen_cost[0], 500000.0);
    NEAR(sv.plan->scen_cost[1], 600000.0);
    check_cost_split(&sv);
    release(&sv);
}

static void test_shortage_risk_plan_tiebreak(void **state)
{
    (void)state;
    solved sv;
    solve(&sv, DIR "shortage.cfg", HP_OBJ_RISK, -1);
    /* Zero shortage needs us + au >= 10; the cheapest least-risk plan takes
     * all 6 t of US (90) before AU (100) and nothing from CN. */
    NEAR_RISK(col(&sv, "x[us,Dy2O3,2026Q1]"), 6.0);
    NEAR_RISK(col(&sv, "x[au,Dy2O3,2026Q1]"), 4.0);
    NEAR_RISK(col(&sv, "x[cn,Dy2O3,2026Q1]"), 0.0);
    NEAR_RISK(sv.plan->shortage, 0.0);
    NEAR_RISK(sv.plan->cvar, 0.0);
    NEAR_RISK(sv.plan->exposure, 0.0);
    NEAR_RISK(sv.plan->cost_total, 940000.0);
    check_cost_split(&sv);
    release(&sv);
}

static void test_cvar_vs_shortage(void **state)
{
    (void)state;
    solved sv;
    /* Least expected shortage: all quota to "a"; Z = (0, 20). */
    solve(&sv, DIR "cvar.cfg", HP_OBJ_RISK, HP_MEASURE_SHORTAGE);
    NEAR_RISK(col(&sv, "x[a,Dy2O3,2026Q1]"), 10.0);
    NEAR_RISK(col(&sv, "x[b,Dy2O3,2026Q1]"), 0.0);
    NEAR_RISK(sv.plan->shortage, 4.0);
    NEAR_RISK(sv.plan->cvar, 20.0);
    NEAR_RISK(sv.plan->exposure, 2.0);
    NEAR_RISK(sv.plan->cost_total, 2400000.0);
    release(&sv);
    /* The cost-minimal plan is the same. */
    solve(&sv, DIR "cvar.cfg", HP_OBJ_COST, -1);
    NEAR_RISK(col(&sv, "x[a,Dy2O3,2026Q1]"), 10.0);
    NEAR_RISK(sv.plan->cost_total, 2400000.0);
    release(&sv);
    /* Least CVaR(0.9): all quota to "b"; Z = (10, 10). */
    solve(&sv, DIR "cvar.cfg", HP_OBJ_RISK, -1);
    assert_int_equal(sv.m->measure, HP_MEASURE_CVAR);
    NEAR_RISK(col(&sv, "x[a,Dy2O3,2026Q1]"), 0.0);
    NEAR_RISK(col(&sv, "x[b,Dy2O3,2026Q1]"), 10.0);
    NEAR_RISK(sv.plan->scen_shortage[0], 10.0);
    NEAR_RISK(sv.plan->scen_shortage[1], 10.0);
    NEAR_RISK(sv.plan->cvar, 10.0);
    NEAR_RISK(sv.plan->shortage, 10.0);
    NEAR_RISK(sv.plan->exposure, 5.0);
    NEAR_RISK(sv.plan->cost_total, 5250000.0);
    /* The RISK column of the risk plan is the least CVaR. */
    NEAR_RISK(sv.x[sv.m->risk_col], 10.0);
    check_cost_split(&sv);
    release(&sv);
}

static void test_exposure(void **state)
{
    (void)state;
    solved sv;
    solve(&sv, DIR "exposure.cfg", HP_OBJ_COST, -1);
    /* a = 10: 400,000 + 0.2 * 10 * 300,000; exposure 2. */
    NEAR_RISK(col(&sv, "x[a,Dy2O3,2026Q1]"), 10.0);
    NEAR_RISK(col(&sv, "x[safe,Dy2O3,2026Q1]"), 0.0);
    NEAR_RISK(sv.plan->cost_total, 1000000.0);
    NEAR_RISK(sv.plan->exposure, 2.0);
    NEAR_RISK(sv.plan->shortage, 2.0);
    release(&sv);
    /* Zero exposure: nothing from a; the cheapest such plan buys safe 10. */
    solve(&sv, DIR "exposure.cfg", HP_OBJ_RISK, -1);
    NEAR_RISK(col(&sv, "x[a,Dy2O3,2026Q1]"), 0.0);
    NEAR_RISK(col(&sv, "x[safe,Dy2O3,2026Q1]"), 10.0);
    NEAR_RISK(sv.plan->exposure, 0.0);
    NEAR_RISK(sv.plan->shortage, 0.0);
    NEAR_RISK(sv.plan->cost_total, 2000000.0);
    check_cost_split(&sv);
    release(&sv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed_cost),
        cmocka_unit_test(test_min_order),
        cmocka_unit_test(test_lot),
        cmocka_unit_test(test_max_contracts),
        cmocka_unit_test(test_optimal_mip_start),
        cmocka_unit_test(test_shortage_cost_plan),
        cmocka_unit_test(test_shortage_risk_plan_tiebreak),
        cmocka_unit_test(test_cvar_vs_shortage),
        cmocka_unit_test(test_exposure),
    };
    return fx_run_backends(tests);
}
