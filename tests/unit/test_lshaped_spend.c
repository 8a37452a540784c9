/* Unit tests of the L-shaped method on the spend axis (models/plan/
 * decompose.h: hp_decompose_lex(), hp_decompose_spend_front(); the
 * pipeline's --budget and --max-risk): every plan against the extensive
 * form through hp_plan_solve(), the pipeline the command line calls, on
 * GLPK and, when built, CBC.  Each L-shaped level is solved to the
 * method's relative gap of 1e-6 and the next level may use that slack, so
 * the bounded and minimised quantities agree to 1e-5.  The expected cost,
 * minimised last inside both slacks, moves with them by far more than
 * they are (on the China-stop variant 900 USD more spend allowed buys
 * 67,000 USD less penalty, 3e-5 of the cost; on 50 sampled paths 2.3e-4):
 * 1e-3 there. */
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

#define TOL 1e-5

static hp_instance *load_inst(const char *path)
{
    hp_instance *in = NULL;
    hp_diag d;
    hp_diag_init(&d);
    assert_int_equal(hp_instance_load(path, &in, &d), HP_OK);
    hp_diag_free(&d);
    return in;
}

static double risk_of(const hp_plan *p, hp_measure m)
{
    return m == HP_MEASURE_SHORTAGE ? p->shortage : m == HP_MEASURE_CVAR ? p->cvar : p->exposure;
}

/* The plan of the pipeline with method `me` on `backend`; *oc its outcome. */
static hp_plan *solve(const hp_instance *in, hp_measure ms, hp_method me, const char *backend,
                      hp_objective obj, hp_bound_kind bk, double bound, hp_outcome *oc)
{
    hp_model_opts mo = {ms, in->alpha, HP_INFO_TWO_STAGE, 0, 0};
    hp_plan_opts po;
    hp_plan *pl = NULL;
    hp_plan_opts_default(&po);
    po.method = me;
    po.backend = backend;
    po.objective = obj;
    po.bound_kind = bk;
    po.bound = bound;
    po.threads = 2;
    po.time_limit = 60.0;
    *oc = hp_plan_solve(in, &mo, &po, &pl);
    return pl;
}

static void near_tol(double got, double want, double tol, const char *what, const char *where)
{
    if (fabs(got - want) > tol * fmax(1.0, fabs(want))) {
        print_error("%s: %s: lshaped %.12g, extensive %.12g\n", where, what, got, want);
        fail();
    }
}

static void near(double got, double want, const char *what, const char *where)
{
    near_tol(got, want, TOL, what, where);
}

/* --budget bk and --max-risk on `in` with measure ms: the L-shaped plan
 * against the extensive form's on each backend built: the same outcome,
 * and for a plan the same spend, risk and expected cost. */
static void check_bound_on(const hp_instance *in, hp_measure ms, hp_bound_kind bk, double bound,
                           const char *where, int n_backends)
{
    static const char *backends[] = {"glpk", "cbc"};
    hp_outcome ol;
    hp_plan *l = solve(in, ms, HP_METHOD_LSHAPED, "glpk", HP_OBJ_COST, bk, bound, &ol);
    char w[300];
    snprintf(w, sizeof w, "%s %s %s %.10g", where, hp_measure_str(ms),
             bk == HP_BOUND_BUDGET ? "--budget" : "--max-risk", bound);
    for (int b = 0; b < n_backends; b++) {
        hp_outcome oe;
        hp_plan *e;
        if (!hp_backend_find(backends[b]))
            continue;
        e = solve(in, ms, HP_METHOD_EXTENSIVE, backends[b], HP_OBJ_COST, bk, bound, &oe);
        if (oe != ol) {
            print_error("%s [%s]: outcome lshaped %d, extensive %d\n", w, backends[b], (int)ol,
                        (int)oe);
            fail();
        }
        if (e) {
            assert_non_null(l);
            /* optimal, or stopped with no violated cut left at a gap
             * within the comparison's tolerance (feasibility cuts on a
             * plan squeezed between two tight bounds, e.g. reserve.cfg) */
            if (l->result.status != HP_SOL_OPTIMAL &&
                !(l->result.status == HP_SOL_GAP_LIMIT && l->result.gap <= TOL)) {
                print_error("%s: lshaped status %s\n", w, hp_sol_status_str(l->result.status));
                fail();
            }
            assert_int_equal((int)l->bound_kind, (int)bk);
            /* money to 1 USD at least: the spend rows are in USD m, held by
             * GLPK to 1e-7 of a unit */
            near_tol(l->cost_spend, e->cost_spend,
                     TOL * fmax(1.0, 1e5 / fmax(1.0, fabs(e->cost_spend))), "spend", w);
            near(risk_of(l, ms), risk_of(e, ms), "risk", w);
            near_tol(l->cost_total, e->cost_total, 1e-3, "expected cost", w);
            if (bk == HP_BOUND_BUDGET)
                assert_true(l->cost_spend <= bound + 1e-6 * fmax(1.0, fabs(bound)));
            else
                assert_true(risk_of(l, ms) <= bound + 1e-6 * fmax(1.0, fabs(bound)));
        }
        hp_plan_free(e);
    }
    hp_plan_free(l);
}

static void check_bound(const hp_instance *in, hp_measure ms, hp_bound_kind bk, double bound,
                        const char *where)
{
    check_bound_on(in, ms, bk, bound, where, 2);
}

/* Bounds between the ends: the budget halfway between the risk plan's
 * spend and the cost plan's, below the least spend, the risk cap halfway
 * between the two plans' risks and below the least risk. */
static void check_instance(const hp_instance *in, const char *where)
{
    for (int ms = 0; ms <= HP_MEASURE_EXPOSURE; ms++) {
        hp_outcome o1, o2;
        hp_plan *c = solve(in, (hp_measure)ms, HP_METHOD_EXTENSIVE, "glpk", HP_OBJ_COST,
                           HP_BOUND_NONE, 0.0, &o1);
        hp_plan *r = solve(in, (hp_measure)ms, HP_METHOD_EXTENSIVE, "glpk", HP_OBJ_RISK,
                           HP_BOUND_NONE, 0.0, &o2);
        if (c && r) {
            double rc = risk_of(c, (hp_measure)ms), rr = risk_of(r, (hp_measure)ms);
            check_bound(in, (hp_measure)ms, HP_BOUND_BUDGET, 0.5 * (c->cost_spend + r->cost_spend),
                        where);
            check_bound(in, (hp_measure)ms, HP_BOUND_BUDGET, c->cost_spend, where);
            check_bound(in, (hp_measure)ms, HP_BOUND_MAX_RISK, 0.5 * (rc + rr), where);
            check_bound(in, (hp_measure)ms, HP_BOUND_MAX_RISK, rc, where);
            if (rr > 1e-6) /* a cap below the least risk (a negative one is a usage error) */
                check_bound(in, (hp_measure)ms, HP_BOUND_MAX_RISK, 0.5 * rr, where);
            check_bound(in, (hp_measure)ms, HP_BOUND_BUDGET, -1.0, where);
        } else {
            /* no plan at all: both methods say so under a bound too */
            check_bound(in, (hp_measure)ms, HP_BOUND_BUDGET, 1e12, where);
        }
        hp_plan_free(c);
        hp_plan_free(r);
    }
}

/* Every hand-solved test instance but the deliberately hard MIPs. */
static void test_spend_instances(void **state)
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
        /* hard-*.cfg: MIPs made to hit solver limits; reliability-mip.cfg:
         * under a CVaR budget the L-shaped method's MIP phase (one
         * glp_intopt per iteration on a master with a budget column per
         * scenario) needs more than a minute, a known limit of the method */
        if (len < 5 || strcmp(de->d_name + len - 4, ".cfg") != 0 ||
            !strncmp(de->d_name, "hard-", 5) || !strcmp(de->d_name, "reliability-mip.cfg"))
            continue;
        snprintf(path, sizeof path, "tests/instances/%s", de->d_name);
        in = load_inst(path);
        check_instance(in, path);
        hp_instance_free(in);
        n++;
    }
    closedir(dir);
    assert_true(n >= 20);
}

/* The baseline, its scenario variants (CVaR, as the instances say) and 50
 * sampled paths. */
static void test_spend_baseline(void **state)
{
    static const char *files[] = {"instances/japan-2026-baseline.cfg",
                                  "instances/scenarios/02-china-stop.cfg",
                                  "instances/scenarios/08-combined-stress.cfg"};
    (void)state;
    for (int f = 0; f < 3; f++) {
        hp_instance *in = load_inst(files[f]);
        hp_outcome o1, o2;
        hp_plan *c = solve(in, in->measure, HP_METHOD_EXTENSIVE, "glpk", HP_OBJ_COST, HP_BOUND_NONE,
                           0.0, &o1);
        hp_plan *r = solve(in, in->measure, HP_METHOD_EXTENSIVE, "glpk", HP_OBJ_RISK, HP_BOUND_NONE,
                           0.0, &o2);
        assert_non_null(c);
        assert_non_null(r);
        check_bound(in, in->measure, HP_BOUND_BUDGET, 0.8 * c->cost_spend, files[f]);
        check_bound(in, in->measure, HP_BOUND_MAX_RISK,
                    risk_of(r, in->measure) +
                        0.1 * (risk_of(c, in->measure) - risk_of(r, in->measure)) + 1.0,
                    files[f]);
        hp_plan_free(c);
        hp_plan_free(r);
        hp_instance_free(in);
    }
}

static void test_spend_sampled(void **state)
{
    hp_instance *in = load_inst("instances/japan-2026-baseline.cfg");
    double *a = malloc(50 * (size_t)in->n_suppliers * (size_t)in->T * sizeof *a);
    (void)state;
    assert_int_equal(hp_sample_avail(in, 3, 0, 50, a), HP_OK);
    assert_int_equal(hp_instance_set_scenarios(in, 50, a), HP_OK);
    /* GLPK only: the extensive form on CBC finds no plan with CVaR <= 450
     * here (and names 450 as the least risk, which is 416.9): a fault of
     * the extensive form's bounded solves on CBC, not of this method */
    check_bound_on(in, HP_MEASURE_CVAR, HP_BOUND_BUDGET, 5.0e8, "baseline S=50", 1);
    check_bound_on(in, HP_MEASURE_CVAR, HP_BOUND_MAX_RISK, 450.0, "baseline S=50", 1);
    check_bound_on(in, HP_MEASURE_SHORTAGE, HP_BOUND_MAX_RISK, 350.0, "baseline S=50", 1);
    hp_instance_free(in);
}

/* A bound asked back from a point of the L-shaped spend front returns that
 * point: its risk as --max-risk gives its spend, its spend as --budget its
 * risk. */
static void test_spend_round_trip(void **state)
{
    static const char *files[] = {"tests/instances/spend-kink.cfg", "tests/instances/cvar.cfg",
                                  "tests/instances/spot_prices.cfg"};
    (void)state;
    for (int f = 0; f < 3; f++) {
        hp_instance *in = load_inst(files[f]);
        hp_model_opts mo = {in->measure, in->alpha, HP_INFO_TWO_STAGE, 0, 0};
        hp_plan_opts po;
        hp_front_result fr;
        hp_plan_opts_default(&po);
        po.points = 6;
        po.method = HP_METHOD_LSHAPED;
        assert_int_equal(hp_front_solve(in, &mo, &po, &fr), HP_OUTCOME_OK);
        assert_int_equal(fr.axis, HP_AXIS_SPEND);
        for (int k = 0; k < fr.front->n; k++) {
            const hp_pareto_point *pt = &fr.front->pts[k];
            hp_outcome oc;
            hp_plan *p;
            if (!pt->on_front)
                continue;
            p = solve(in, in->measure, HP_METHOD_LSHAPED, "glpk", HP_OBJ_COST, HP_BOUND_MAX_RISK,
                      pt->risk, &oc);
            assert_int_equal(oc, HP_OUTCOME_OK);
            near(p->cost_spend, pt->cost, "spend of --max-risk at a front point", files[f]);
            hp_plan_free(p);
            p = solve(in, in->measure, HP_METHOD_LSHAPED, "glpk", HP_OBJ_COST, HP_BOUND_BUDGET,
                      pt->cost, &oc);
            assert_int_equal(oc, HP_OUTCOME_OK);
            near(risk_of(p, in->measure), pt->risk, "risk of --budget at a front point", files[f]);
            hp_plan_free(p);
        }
        hp_front_result_free(&fr);
        hp_instance_free(in);
    }
}

/* Malformed calls are refused, nothing allocated. */
static void test_spend_bad_calls(void **state)
{
    static const hp_dc_level one[1] = {{HP_GOAL_SPEND, 0.0}};
    hp_instance *in = load_inst("tests/instances/spend-kink.cfg");
    hp_plan *p = (hp_plan *)&p;
    double v[1];
    (void)state;
    assert_int_equal(
        hp_decompose_lex(in, NULL, NULL, NULL, 1, HUGE_VAL, HUGE_VAL, HP_OBJ_COST, &p, v, NULL),
        HP_EINVAL);
    assert_null(p);
    assert_int_equal(
        hp_decompose_lex(in, NULL, NULL, one, 0, HUGE_VAL, HUGE_VAL, HP_OBJ_COST, &p, v, NULL),
        HP_EINVAL);
    assert_int_equal(
        hp_decompose_lex(in, NULL, NULL, one, 1, NAN, HUGE_VAL, HP_OBJ_COST, &p, v, NULL),
        HP_EINVAL);
    assert_int_equal(
        hp_decompose_lex(NULL, NULL, NULL, one, 1, HUGE_VAL, HUGE_VAL, HP_OBJ_COST, &p, v, NULL),
        HP_EINVAL);
    /* values only: the least spend of spend-kink.cfg is 0 (buy nothing) */
    assert_int_equal(
        hp_decompose_lex(in, NULL, NULL, one, 1, HUGE_VAL, HUGE_VAL, HP_OBJ_COST, NULL, v, NULL),
        HP_OK);
    assert_true(fabs(v[0]) < 1e-6);
    /* a budget below it: no plan */
    assert_int_equal(
        hp_decompose_lex(in, NULL, NULL, one, 1, -1.0, HUGE_VAL, HP_OBJ_COST, &p, v, NULL),
        HP_EINFEASIBLE);
    assert_null(p);
    hp_instance_free(in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spend_bad_calls),  cmocka_unit_test(test_spend_instances),
        cmocka_unit_test(test_spend_baseline),   cmocka_unit_test(test_spend_sampled),
        cmocka_unit_test(test_spend_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
