/* Unit tests of the L-shaped method under the scenario tree (scenario
 * bundles: models/formulation/decompose_tree.h, hp_decompose_tree_lex()):
 * - the hand-solved tree of tests/instances/tree.cfg (its header: tree
 *   2,010,000 USD, two-stage 1,505,000 USD), with every bundle size: the
 *   method solves the tree, never the two-stage model;
 * - sampled paths of the baseline (S = 20, 50): the tree decomposition
 *   against the extensive form of the tree, cost- and risk-minimal, CVaR
 *   and shortage, bundle sizes 1 (every shared node in the master), 4, 16
 *   (the default) and S (one bundle per root-quarter node, no master
 *   node).  The expected cost, minimised, agrees to 1e-6 relative (the
 *   method's gap); a risk-minimal plan's risk to 1e-6 too, its cost
 *   (minimised within 1e-6 of the least risk) to 1e-5;
 * - --budget and --max-risk through hp_plan_solve() (the pipeline the
 *   command line calls): the bounded and minimised quantities to 1e-5 (as
 *   tests/unit/test_lshaped_spend.c: each level keeps the one before to
 *   the method's gap);
 * - malformed calls: bundle size 0. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../models/formulation/decompose_tree.h"
#include "../../models/instance/sample.h"
#include "../../models/plan/decompose.h"
#include "../../models/plan/pipeline.h"

static hp_instance *load_inst(const char *path)
{
    hp_instance *in = NULL;
    hp_diag d;
    hp_diag_init(&d);
    assert_int_equal(hp_instance_load(path, &in, &d), HP_OK);
    hp_diag_free(&d);
    return in;
}

static void sample(hp_instance *in, int n, unsigned long seed)
{
    double *a = malloc((size_t)n * (size_t)in->n_suppliers * (size_t)in->T * sizeof *a);
    assert_non_null(a);
    assert_int_equal(hp_sample_avail(in, seed, 0, n, a), HP_OK);
    assert_int_equal(hp_instance_set_scenarios(in, n, a), HP_OK);
}

static void near_rel(double got, double want, double tol, const char *what, const char *where)
{
    if (fabs(got - want) > tol * fmax(1.0, fabs(want))) {
        print_error("%s: %s: tree lshaped %.12g, want %.12g\n", where, what, got, want);
        fail();
    }
}

static double risk_of(const hp_plan *p, hp_measure m)
{
    return m == HP_MEASURE_SHORTAGE ? p->shortage : m == HP_MEASURE_CVAR ? p->cvar : p->exposure;
}

/* The pipeline's plan: method me, information info, optional bound. */
static hp_plan *solve(const hp_instance *in, hp_measure ms, hp_information info, hp_method me,
                      hp_objective obj, hp_bound_kind bk, double bound, int bundle)
{
    hp_model_opts mo = {ms, in->alpha, info, bundle, 0};
    hp_plan_opts po;
    hp_plan *pl = NULL;
    hp_plan_opts_default(&po);
    po.method = me;
    po.objective = obj;
    po.bound_kind = bk;
    po.bound = bound;
    po.threads = 2;
    po.time_limit = 120.0;
    po.bundle_size = bundle;
    assert_int_equal(hp_plan_solve(in, &mo, &po, &pl), HP_OUTCOME_OK);
    assert_non_null(pl);
    return pl;
}

/* The tree decomposition with bundles of at most `bundle` scenarios. */
static hp_plan *tree_lshaped(const hp_instance *in, hp_measure ms, hp_objective obj, int bundle)
{
    static const hp_dc_level cost[1] = {{HP_GOAL_COST, 0.0}};
    static const hp_dc_level risk[2] = {{HP_GOAL_RISK, 1e-6}, {HP_GOAL_COST, 0.0}};
    hp_model_opts mo = {ms, in->alpha, HP_INFO_TREE, 0, 0};
    hp_lshaped_opts lo;
    hp_plan *pl = NULL;
    hp_lshaped_opts_default(&lo);
    lo.threads = 2;
    assert_int_equal(hp_decompose_tree_lex(in, &mo, &lo, obj == HP_OBJ_RISK ? risk : cost,
                                           obj == HP_OBJ_RISK ? 2 : 1, HUGE_VAL, HUGE_VAL, obj,
                                           bundle, &pl, NULL, NULL),
                     HP_OK);
    assert_non_null(pl);
    return pl;
}

static void test_hand_tree(void **state)
{
    hp_instance *in = load_inst("tests/instances/tree.cfg");
    (void)state;
    /* bundle 1: the Q1 node (both scenarios) is decided in the master, each
     * scenario is its own bundle; bundle 2 or more: one bundle, no master
     * node */
    for (int b = 1; b <= 3; b++)
        for (int ob = 0; ob <= 1; ob++) {
            hp_plan *p = tree_lshaped(in, HP_MEASURE_CVAR, (hp_objective)ob, b);
            char w[64];
            snprintf(w, sizeof w, "tree.cfg bundle %d %s", b, ob ? "risk" : "cost");
            near_rel(p->cost_total, 2010000.0, 1e-6, "cost", w);
            near_rel(p->shortage, 0.0, 1e-6, "shortage", w);
            assert_int_equal(p->master_nodes, b == 1 ? 1 : 0);
            assert_int_equal(p->bundles, b == 1 ? 2 : 1);
            assert_int_equal(p->nodes, 3);
            hp_plan_free(p);
        }
    /* the pipeline: --method lshaped solves the tree; two-stage stays
     * two-stage (1,505,000 USD) */
    {
        hp_plan *t = solve(in, HP_MEASURE_CVAR, HP_INFO_TREE, HP_METHOD_LSHAPED, HP_OBJ_COST,
                           HP_BOUND_NONE, 0.0, 1);
        hp_plan *two = solve(in, HP_MEASURE_CVAR, HP_INFO_TWO_STAGE, HP_METHOD_LSHAPED, HP_OBJ_COST,
                             HP_BOUND_NONE, 0.0, 1);
        near_rel(t->cost_total, 2010000.0, 1e-6, "cost", "pipeline tree");
        assert_string_equal(t->method, "lshaped");
        assert_int_equal(t->bundles, 2);
        near_rel(two->cost_total, 1505000.0, 1e-6, "cost", "pipeline two-stage");
        assert_int_equal(two->bundles, 0);
        hp_plan_free(t);
        hp_plan_free(two);
    }
    hp_instance_free(in);
}

/* Every bundle size against the extensive form of the tree on S sampled
 * paths of the baseline. */
static void check_sampled(int S)
{
    hp_instance *in = load_inst("instances/japan-2026-baseline.cfg");
    int sizes[4] = {1, 4, 16, S};
    static const hp_measure ms[2] = {HP_MEASURE_CVAR, HP_MEASURE_SHORTAGE};
    sample(in, S, 1);
    for (int m = 0; m < 2; m++)
        for (int ob = 0; ob <= 1; ob++) {
            hp_plan *e = solve(in, ms[m], HP_INFO_TREE, HP_METHOD_EXTENSIVE, (hp_objective)ob,
                               HP_BOUND_NONE, 0.0, 0);
            assert_true(e->nodes < S * in->T); /* the tree binds */
            for (int k = 0; k < 4; k++) {
                hp_plan *a = tree_lshaped(in, ms[m], (hp_objective)ob, sizes[k]);
                char w[96];
                snprintf(w, sizeof w, "baseline S=%d %s %s bundle %d", S, hp_measure_str(ms[m]),
                         ob ? "risk" : "cost", sizes[k]);
                assert_true(a->bundles >= 1);
                assert_int_equal(a->nodes, e->nodes);
                assert_int_equal(a->rows, e->rows);
                assert_int_equal(a->cols, e->cols);
                if (ob) {
                    near_rel(risk_of(a, ms[m]), risk_of(e, ms[m]), 1e-6, "risk", w);
                    near_rel(a->cost_total, e->cost_total, 1e-5, "cost", w);
                } else {
                    near_rel(a->cost_total, e->cost_total, 1e-6, "cost", w);
                }
                /* the reported split adds up */
                near_rel(a->cost_purchase + a->cost_contract + a->cost_spot + a->cost_holding +
                             a->cost_reserve + a->cost_take_or_pay - a->cost_terminal_credit +
                             a->cost_penalty,
                         a->cost_total, 1e-12, "cost split", w);
                hp_plan_free(a);
            }
            hp_plan_free(e);
        }
    hp_instance_free(in);
}

static void test_sampled_20(void **state)
{
    (void)state;
    check_sampled(20);
}

static void test_sampled_50(void **state)
{
    (void)state;
    check_sampled(50);
}

/* --budget and --max-risk under the tree: the L-shaped plan against the
 * extensive form's, both through the pipeline. */
static void test_bounds(void **state)
{
    hp_instance *in = load_inst("instances/japan-2026-baseline.cfg");
    hp_plan *e0, *e1;
    double budget, max_risk;
    (void)state;
    sample(in, 50, 1);
    /* bounds between the least-spend and the least-risk plans */
    e0 = solve(in, HP_MEASURE_CVAR, HP_INFO_TREE, HP_METHOD_EXTENSIVE, HP_OBJ_COST, HP_BOUND_NONE,
               0.0, 0);
    e1 = solve(in, HP_MEASURE_CVAR, HP_INFO_TREE, HP_METHOD_EXTENSIVE, HP_OBJ_RISK, HP_BOUND_NONE,
               0.0, 0);
    budget = 0.9 * e0->cost_spend;
    max_risk = 1.05 * e1->cvar;
    for (int k = 0; k < 2; k++) {
        hp_bound_kind bk = k ? HP_BOUND_MAX_RISK : HP_BOUND_BUDGET;
        double bound = k ? max_risk : budget;
        hp_plan *e = solve(in, HP_MEASURE_CVAR, HP_INFO_TREE, HP_METHOD_EXTENSIVE, HP_OBJ_COST, bk,
                           bound, 0);
        hp_plan *l =
            solve(in, HP_MEASURE_CVAR, HP_INFO_TREE, HP_METHOD_LSHAPED, HP_OBJ_COST, bk, bound, 0);
        const char *w = k ? "--max-risk" : "--budget";
        assert_true(l->bundles >= 1);
        near_rel(l->cvar, e->cvar, 1e-5, "risk", w);
        near_rel(l->cost_spend, e->cost_spend, 1e-5, "spend", w);
        if (k)
            assert_true(l->cvar <= bound * (1.0 + 1e-6));
        else
            assert_true(l->cost_spend <= bound * (1.0 + 1e-6));
        hp_plan_free(e);
        hp_plan_free(l);
    }
    hp_plan_free(e0);
    hp_plan_free(e1);
    hp_instance_free(in);
}

static void test_malformed(void **state)
{
    static const hp_dc_level cost[1] = {{HP_GOAL_COST, 0.0}};
    hp_instance *in = load_inst("tests/instances/tree.cfg");
    hp_model_opts mo = {HP_MEASURE_CVAR, 0.9, HP_INFO_TREE, 0, 0};
    hp_plan *pl = NULL;
    hpi_tb d;
    (void)state;
    assert_int_equal(hp_decompose_tree_lex(in, &mo, NULL, cost, 1, HUGE_VAL, HUGE_VAL, HP_OBJ_COST,
                                           0, &pl, NULL, NULL),
                     HP_EINVAL);
    assert_null(pl);
    assert_int_equal(hp_decompose_tree_lex(NULL, &mo, NULL, cost, 1, HUGE_VAL, HUGE_VAL,
                                           HP_OBJ_COST, 4, &pl, NULL, NULL),
                     HP_EINVAL);
    assert_int_equal(hpi_tb_build(&d, in, HP_MEASURE_CVAR, 0.9, HPI_TB_COST, HUGE_VAL, HUGE_VAL, 0),
                     HP_EINVAL);
    hpi_tb_free(&d);
    assert_int_equal(hpi_tb_build(&d, in, HP_MEASURE_CVAR, 0.9, 7, HUGE_VAL, HUGE_VAL, 4),
                     HP_EINVAL);
    hpi_tb_free(&d);
    hp_instance_free(in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_tree),  cmocka_unit_test(test_sampled_20),
        cmocka_unit_test(test_sampled_50), cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_malformed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
