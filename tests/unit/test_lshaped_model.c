/* Unit tests of the sourcing model's decomposition (models/plan/decompose.h):
 * every plan and front of the L-shaped method against the extensive form,
 * both solved through the pipeline the command line calls
 * (models/plan/pipeline.h: hp_plan_solve(), hp_front_solve()), so the
 * reference has the CLI's exact tie-breaks and MIP polish. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <dirent.h>

#include "../../models/instance/sample.h"
#include "../../models/plan/decompose.h"
#include "../../models/plan/pipeline.h"
#include "../../solver/backend.h"
#include "../../solver/lshaped.h"

/* ---- the sourcing model: decomposition against the extensive form ---- */

/* The extensive form's plan through the pipeline the CLI calls
 * (hp_plan_solve, method extensive): cost plans break ties by risk at
 * exactly the least cost, risk plans take the cheapest within 1e-6 of the
 * least risk.  *oc receives the outcome; the plan is NULL unless it is
 * HP_OUTCOME_OK. */
static hp_plan *extensive_plan_tl(const hp_instance *in, hp_measure ms, hp_objective obj,
                                  double time_limit, hp_outcome *oc)
{
    hp_model_opts mo = {ms, in->alpha, HP_INFO_TWO_STAGE, 0, 0};
    hp_plan_opts po;
    hp_plan *pl = NULL;
    hp_plan_opts_default(&po);
    po.objective = obj;
    po.method = HP_METHOD_EXTENSIVE;
    po.time_limit = time_limit;
    *oc = hp_plan_solve(in, &mo, &po, &pl);
    return pl;
}

static hp_plan *extensive_plan(const hp_instance *in, hp_measure ms, hp_objective obj)
{
    hp_outcome oc;
    hp_plan *pl = extensive_plan_tl(in, ms, obj, 0.0, &oc);
    assert_int_equal(oc, HP_OUTCOME_OK);
    return pl;
}

/* The extensive form's least cost with RISK at most risk_ub: the reference
 * of one interior point of the front (the pipeline solves only the ends). */
static hp_plan *extensive_bounded(const hp_instance *in, hp_measure ms, double risk_ub)
{
    hp_model_opts mo = {ms, in->alpha, HP_INFO_TWO_STAGE, 0, 0};
    hp_model *m = NULL;
    hp_solver sv;
    hp_solve_opts so;
    hp_solve_result r;
    hp_plan *pl = NULL;
    double *x;

    assert_int_equal(hp_model_build(in, &mo, &m), HP_OK);
    assert_int_equal(hp_solver_open(&sv, hp_backend_glpk(), m->lp, NULL, 0), HP_OK);
    hp_solve_opts_default(&so);
    sv.ops->set_col_bounds(sv.h, m->risk_col, 0.0, risk_ub);
    hp_solver_minimise_col(&sv, m->cost_col);
    assert_int_equal(hp_solve(&sv, &so, &r), HP_OK);
    assert_int_equal(r.status, HP_SOL_OPTIMAL);
    x = malloc((size_t)hp_lp_ncols(m->lp) * sizeof *x);
    assert_int_equal(sv.ops->get_primal(sv.h, x), HP_OK);
    assert_int_equal(hp_plan_extract(m, x, NULL, &r, HP_OBJ_COST, &pl), HP_OK);
    free(x);
    hp_solver_close(&sv);
    hp_model_free(m);
    return pl;
}

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
    assert_int_equal(hp_sample_avail(in, seed, 0, n, a), HP_OK);
    assert_int_equal(hp_instance_set_scenarios(in, n, a), HP_OK);
}

static void near_rel(double got, double want, double tol, const char *what, const char *where)
{
    if (fabs(got - want) > tol * fmax(1.0, fabs(want))) {
        print_error("%s: %s: lshaped %.12g, extensive %.12g\n", where, what, got, want);
        fail();
    }
}

/* The optimised quantities agree to the tolerance: the cost, and for a
 * risk-minimal plan (measure ms) its risk.  The other measures are pinned
 * down only as far as the optimum is: plans within the tolerance of the
 * optimum may differ in them (the extensive form's own tie-break moves
 * them within a 1e-9 cost band; on sampled scenarios plans 2 USD apart in
 * 1.6e9 differ by 1e-5 in shortage and 1e-3 in exposure), so they are
 * compared to other_tol. */
static void compare(const hp_plan *a, const hp_plan *e, int ms, int risk_plan, double other_tol,
                    const char *where)
{
    double tol[3];
    for (int k = 0; k < 3; k++)
        tol[k] = risk_plan && k == ms ? 1e-5 : other_tol;
    near_rel(a->cost_total, e->cost_total, 1e-6, "cost", where);
    near_rel(a->shortage, e->shortage, tol[HP_MEASURE_SHORTAGE], "shortage", where);
    near_rel(a->cvar, e->cvar, tol[HP_MEASURE_CVAR], "cvar", where);
    near_rel(a->exposure, e->exposure, tol[HP_MEASURE_EXPOSURE], "exposure", where);
    /* the reported split adds up and the lshaped plan's sizes are those of
     * the extensive model */
    near_rel(a->cost_purchase + a->cost_contract + a->cost_spot + a->cost_holding +
                 a->cost_reserve + a->cost_take_or_pay - a->cost_terminal_credit + a->cost_penalty,
             a->cost_total, 1e-12, "cost split", where);
    assert_int_equal(a->rows, e->rows);
    assert_int_equal(a->cols, e->cols);
    assert_int_equal((long)a->nnz, (long)e->nnz);
}

static void check_instance(hp_instance *in, const char *where, double other_tol)
{
    for (int ms = 0; ms <= HP_MEASURE_EXPOSURE; ms++)
        for (int ob = 0; ob <= 1; ob++) {
            hp_model_opts mo = {(hp_measure)ms, in->alpha, HP_INFO_TWO_STAGE, 0, 0};
            hp_lshaped_opts lo;
            hp_lshaped_stats st;
            hp_outcome oc;
            hp_plan *a = NULL,
                    *e = extensive_plan_tl(in, (hp_measure)ms, (hp_objective)ob, 60.0, &oc);
            hp_status rc;
            char w[256];
            snprintf(w, sizeof w, "%s %s %s", where, hp_measure_str((hp_measure)ms),
                     ob ? "risk" : "cost");
            hp_lshaped_opts_default(&lo);
            lo.threads = 2;
            lo.time_limit = 60.0;
            rc = hp_decompose_plan(in, &mo, &lo, (hp_objective)ob, &a, &st);
            /* a generous limit: reaching it is a failure, not a skip */
            if (oc != HP_OUTCOME_OK && oc != HP_OUTCOME_INFEASIBLE) {
                print_error("%s: the extensive form found no plan within 60 s (outcome %d)\n", w,
                            (int)oc);
                fail();
            }
            if (e)
                assert_int_equal(e->result.status, HP_SOL_OPTIMAL);
            if (!e) {
                if (rc != HP_EINFEASIBLE) {
                    print_error("%s: lshaped %s, the extensive form infeasible\n", w,
                                hp_status_str(rc));
                    fail();
                }
                assert_null(a);
                continue;
            }
            assert_int_equal(rc, HP_OK);
            assert_int_equal(a->result.status, HP_SOL_OPTIMAL);
            assert_true(st.gap <= 1e-6);
            compare(a, e, ms, ob, other_tol, w);
            hp_plan_free(a);
            hp_plan_free(e);
        }
}

/* Every hand-solved test instance (all but hard-*.cfg), every measure,
 * both plans. */
static void test_decompose_instances(void **state)
{
    DIR *dir = opendir("tests/instances");
    struct dirent *de;
    int n = 0;
    (void)state;
    assert_non_null(dir);
    while ((de = readdir(dir)) != NULL) {
        char path[512];
        size_t len = strlen(de->d_name);
        hp_instance *in;
        if (len < 5 || strcmp(de->d_name + len - 4, ".cfg") != 0)
            continue;
        snprintf(path, sizeof path, "tests/instances/%s", de->d_name);
        /* a fixed rule, not the machine's speed: hard-*.cfg are MIPs made
         * to hit solver limits (minutes to prove optimal); every other
         * instance is checked */
        if (!strncmp(de->d_name, "hard-", 5))
            continue;
        in = load_inst(path);
        check_instance(in, path, 1e-5);
        hp_instance_free(in);
        n++;
    }
    closedir(dir);
    assert_true(n >= 15);
}

/* Sample average approximations of the baseline (seed 3). */
static void test_decompose_saa(void **state)
{
    hp_instance *in = load_inst("instances/japan-2026-baseline.cfg");
    (void)state;
    sample(in, 50, 3);
    check_instance(in, "baseline S=50", 1e-3);
    hp_instance_free(in);
}

static void test_decompose_saa200(void **state)
{
    hp_instance *in = load_inst("instances/japan-2026-baseline.cfg");
    hp_model_opts mo = {HP_MEASURE_CVAR, 0.9, HP_INFO_TWO_STAGE, 0, 0};
    hp_plan *a = NULL, *e;
    (void)state;
    sample(in, 200, 3);
    e = extensive_plan(in, HP_MEASURE_CVAR, HP_OBJ_COST);
    assert_int_equal(hp_decompose_plan(in, &mo, NULL, HP_OBJ_COST, &a, NULL), HP_OK);
    compare(a, e, HP_MEASURE_CVAR, 0, 1e-3, "baseline S=200 cvar cost");
    hp_plan_free(a);
    hp_plan_free(e);
    hp_instance_free(in);
}

/* A point inside the front: least cost with CVaR at most halfway between
 * the ends, against the extensive form with the same bound on RISK. */
static void test_decompose_bounded(void **state)
{
    hp_instance *in = load_inst("instances/japan-2026-baseline.cfg");
    (void)state;
    sample(in, 50, 3);
    for (int ms = 0; ms <= HP_MEASURE_EXPOSURE; ms++) {
        hp_model_opts mo = {(hp_measure)ms, 0.9, HP_INFO_TWO_STAGE, 0, 0};
        hp_plan *lo = extensive_plan(in, (hp_measure)ms, HP_OBJ_RISK);
        hp_plan *hi = extensive_plan(in, (hp_measure)ms, HP_OBJ_COST);
        double rlo = ms == 0 ? lo->shortage : ms == 1 ? lo->cvar : lo->exposure;
        double rhi = ms == 0 ? hi->shortage : ms == 1 ? hi->cvar : hi->exposure;
        double b = 0.5 * (rlo + rhi), ra;
        hp_plan *e = extensive_bounded(in, (hp_measure)ms, b), *a = NULL;
        assert_int_equal(hp_decompose_bounded(in, &mo, NULL, b, &a, NULL), HP_OK);
        near_rel(a->cost_total, e->cost_total, 1e-6, "bounded cost", hp_measure_str(mo.measure));
        ra = ms == 0 ? a->shortage : ms == 1 ? a->cvar : a->exposure;
        assert_true(ra <= b * (1.0 + 1e-6));
        hp_plan_free(a);
        hp_plan_free(e);
        hp_plan_free(lo);
        hp_plan_free(hi);
    }
    hp_instance_free(in);
}

/* One and two threads give the same plan, bit for bit. */
static void test_decompose_threads(void **state)
{
    hp_instance *in = load_inst("instances/japan-2026-baseline.cfg");
    hp_lshaped_opts lo;
    hp_plan *a = NULL, *b = NULL;
    (void)state;
    sample(in, 200, 3);
    for (int ob = 0; ob <= 1; ob++) {
        hp_lshaped_opts_default(&lo);
        lo.threads = 1;
        assert_int_equal(hp_decompose_plan(in, NULL, &lo, (hp_objective)ob, &a, NULL), HP_OK);
        lo.threads = 2;
        assert_int_equal(hp_decompose_plan(in, NULL, &lo, (hp_objective)ob, &b, NULL), HP_OK);
        assert_memory_equal(&a->cost_total, &b->cost_total, sizeof(double));
        assert_memory_equal(&a->cvar, &b->cvar, sizeof(double));
        assert_int_equal(a->n_orders, b->n_orders);
        assert_memory_equal(a->orders, b->orders, (size_t)a->n_orders * sizeof *a->orders);
        assert_memory_equal(a->scen_shortage, b->scen_shortage, 200 * sizeof(double));
        hp_plan_free(a);
        hp_plan_free(b);
    }
    hp_instance_free(in);
}

/* The decomposed front against solver/pareto.h's sweep on the extensive
 * form, both through hp_front_solve(), on both axes: the same points (cost
 * or spend, and risk) and the same marks; on the spend axis the same
 * expected-cost plan.  Spend points are two lexicographic levels each, each
 * solved to the method's 1e-6 gap: 1e-5. */
static void test_decompose_front(void **state)
{
    static const char *files[] = {"tests/instances/pareto-kink.cfg",
                                  "tests/instances/pareto-flat.cfg", "tests/instances/cvar.cfg",
                                  "tests/instances/spend-kink.cfg"};
    (void)state;
    for (int fi = 0; fi < 4; fi++)
        for (int ax = 0; ax <= 1; ax++) {
            hp_instance *in = load_inst(files[fi]);
            hp_model_opts mo = {in->measure, in->alpha, HP_INFO_TWO_STAGE, 0, 0};
            hp_plan_opts po;
            hp_front_result er, lr;
            const hp_pareto *ef, *lf;
            double tol = ax == HP_AXIS_SPEND ? 1e-5 : 1e-6;
            hp_plan_opts_default(&po);
            po.points = 7;
            po.axis = (hp_front_axis)ax;
            po.method = HP_METHOD_EXTENSIVE;
            assert_int_equal(hp_front_solve(in, &mo, &po, &er), HP_OUTCOME_OK);
            po.method = HP_METHOD_LSHAPED;
            assert_int_equal(hp_front_solve(in, &mo, &po, &lr), HP_OUTCOME_OK);
            ef = er.front;
            lf = lr.front;
            assert_int_equal(lr.axis, er.axis);
            for (int k = 0; k < 7; k++) {
                assert_true(lf->pts[k].result.has_solution);
                assert_non_null(lr.plans[k]);
                near_rel(lf->pts[k].cost, ef->pts[k].cost, tol, "front cost", files[fi]);
                near_rel(lf->pts[k].risk, ef->pts[k].risk, 1e-5, "front risk", files[fi]);
                assert_int_equal(lf->pts[k].on_front, ef->pts[k].on_front);
                assert_int_equal(lf->pts[k].knee, ef->pts[k].knee);
            }
            assert_int_equal(lf->knee, ef->knee);
            assert_int_equal(lr.rows, er.rows);
            if (ax == HP_AXIS_SPEND) {
                assert_non_null(lr.cost_plan);
                assert_non_null(er.cost_plan);
                near_rel(lr.cost_plan->cost_spend, er.cost_plan->cost_spend, 1e-6,
                         "expected-cost plan spend", files[fi]);
                near_rel(lr.cost_plan->cost_total, er.cost_plan->cost_total, 1e-6,
                         "expected-cost plan cost", files[fi]);
            } else {
                assert_null(lr.cost_plan);
            }
            hp_front_result_free(&er);
            hp_front_result_free(&lr);
            hp_instance_free(in);
        }
}

static void test_method_names(void **state)
{
    hp_instance *in = load_inst("tests/instances/cvar.cfg");
    (void)state;
    assert_int_equal(hp_method_parse("lshaped"), HP_METHOD_LSHAPED);
    assert_int_equal(hp_method_parse("extensive"), HP_METHOD_EXTENSIVE);
    assert_int_equal(hp_method_parse("auto"), HP_METHOD_AUTO);
    assert_int_equal(hp_method_parse("benders"), -1);
    assert_string_equal(hp_method_str(HP_METHOD_LSHAPED), "lshaped");
    /* two scenarios: below the crossover */
    assert_int_equal(hp_method_resolve(HP_METHOD_AUTO, in), HP_METHOD_EXTENSIVE);
    assert_int_equal(hp_method_resolve(HP_METHOD_LSHAPED, in), HP_METHOD_LSHAPED);
    hp_instance_free(in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decompose_instances), cmocka_unit_test(test_decompose_saa),
        cmocka_unit_test(test_decompose_saa200),    cmocka_unit_test(test_decompose_bounded),
        cmocka_unit_test(test_decompose_threads),   cmocka_unit_test(test_decompose_front),
        cmocka_unit_test(test_method_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
