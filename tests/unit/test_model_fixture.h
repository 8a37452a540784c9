/* Shared fixture of the formulation tests (test_model.c, test_model_risk.c):
 * load a tests/instances/ file, build, solve, extract the plan.
 * Included by each test file (each is its own cmocka binary).
 *
 * Every hand-solved case runs once per built backend: the test files' main
 * runs the same cmocka group through fx_run_backends(), which selects GLPK,
 * then CBC/CLP when hreeplan was built with it, by the group setups
 * fx_use_glpk() and fx_use_cbc(); solve() uses the selected backend.  The
 * expected values are the same for both. */
#ifndef HP_TEST_MODEL_FIXTURE_H
#define HP_TEST_MODEL_FIXTURE_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../models/formulation/model.h"
#include "../../models/plan/plan.h"
#include "../../solver/backend.h"

#define DIR "tests/instances/"

/* The backend solve() uses; set by the group setups below. */
static const hp_backend_ops *fx_backend;

static inline int fx_use_glpk(void **state)
{
    (void)state;
    fx_backend = hp_backend_glpk();
    printf("[ BACKEND  ] %s %s\n", fx_backend->name, fx_backend->version());
    return 0;
}

static inline int fx_use_cbc(void **state)
{
    (void)state;
    fx_backend = hp_backend_cbc();
    if (!fx_backend)
        return -1;
    printf("[ BACKEND  ] %s %s\n", fx_backend->name, fx_backend->version());
    return 0;
}

/* Runs the group TESTS once with GLPK and once with CBC/CLP (when built);
 * evaluates to the number of failed tests. */
#define fx_run_backends(tests)                                                                     \
    (cmocka_run_group_tests_name("glpk", tests, fx_use_glpk, NULL) +                               \
     (hp_backend_cbc() ? cmocka_run_group_tests_name("cbc", tests, fx_use_cbc, NULL)               \
                       : (printf("cbc: skipped (hreeplan built without CBC)\n"), 0)))

/* One solved instance: everything the tests look at. */
typedef struct solved {
    hp_instance *in;
    hp_model *m;
    hp_plan *plan;
    double *x;
} solved;

static inline void assert_near(double got, double want, double tol, const char *what)
{
    if (fabs(got - want) > tol) {
        print_error("%s: got %.9g, want %.9g\n", what, got, want);
        fail();
    }
}
#define NEAR(got, want) assert_near((got), (want), 1e-6 * (1.0 + fabs(want)), #got)
/* Risk-minimal plans: the second solve may spend the relative tolerance
 * (1e-6) on the least risk to save cost, so quantities may move by ~1e-5. */
#define NEAR_RISK(got, want) assert_near((got), (want), 1e-4 * (1.0 + fabs(want)), #got)

static inline hp_instance *load(const char *file)
{
    hp_instance *in = NULL;
    hp_diag d;
    hp_status st;
    hp_diag_init(&d);
    st = hp_instance_load(file, &in, &d);
    if (st != HP_OK)
        for (int i = 0; i < d.n; i++)
            print_error("%s\n", d.msgs[i]);
    hp_diag_free(&d);
    assert_int_equal(st, HP_OK);
    assert_non_null(in);
    return in;
}

/* Loads, builds (measure -1: the instance's), solves (cost: minimise COST;
 * risk: minimise RISK, then COST among the least-risk plans; tiebreak:
 * minimise COST, then RISK among the cost-minimal plans, as plan's
 * tie-break and pareto's cost-minimal end do) and extracts (duals only
 * where the last objective was cost). */
static inline void fx_solve(solved *sv, const char *file, hp_objective obj, int measure,
                            int tiebreak)
{
    hp_model_opts mo;
    hp_solver s;
    hp_solve_opts o;
    hp_solve_result r;
    double *y = NULL, first = 0.0;
    char err[256] = "";

    memset(sv, 0, sizeof *sv);
    memset(&mo, 0, sizeof mo);
    sv->in = load(file);
    mo.measure = measure >= 0 ? (hp_measure)measure : sv->in->measure;
    mo.alpha = sv->in->alpha;
    mo.information = HP_INFO_TREE;
    assert_int_equal(hp_model_build(sv->in, &mo, &sv->m), HP_OK);
    if (hp_solver_open(&s, fx_backend ? fx_backend : hp_backend_glpk(), sv->m->lp, err,
                       sizeof err) != HP_OK) {
        print_error("%s\n", err);
        fail();
    }
    hp_solve_opts_default(&o);
    if (tiebreak) {
        assert_int_equal(
            hp_solve_lex(&s, sv->m->cost_col, sv->m->risk_col, 1e-9, 1e-9, &o, &r, &first), HP_OK);
    } else if (obj == HP_OBJ_COST) {
        assert_int_equal(hp_solver_minimise_col(&s, sv->m->cost_col), HP_OK);
        assert_int_equal(hp_solve(&s, &o, &r), HP_OK);
    } else {
        assert_int_equal(
            hp_solve_lex(&s, sv->m->risk_col, sv->m->cost_col, 1e-6, 1e-9, &o, &r, &first), HP_OK);
    }
    if (r.status != HP_SOL_OPTIMAL)
        print_error("%s with %s: %s\n", file, s.ops->name, hp_sol_status_str(r.status));
    assert_int_equal(r.status, HP_SOL_OPTIMAL);
    assert_true(r.has_solution);
    sv->x = malloc((size_t)hp_lp_ncols(sv->m->lp) * sizeof *sv->x);
    assert_non_null(sv->x);
    assert_int_equal(s.ops->get_primal(s.h, sv->x), HP_OK);
    if (!sv->m->is_mip && !tiebreak) {
        y = malloc((size_t)hp_lp_nrows(sv->m->lp) * sizeof *y);
        assert_non_null(y);
        assert_int_equal(s.ops->get_duals(s.h, y), HP_OK);
    }
    assert_int_equal(hp_plan_extract(sv->m, sv->x, y, &r, obj, &sv->plan), HP_OK);
    free(y);
    hp_solver_close(&s);
}

static inline void solve(solved *sv, const char *file, hp_objective obj, int measure)
{
    fx_solve(sv, file, obj, measure, 0);
}

/* Cost-minimal, then the least risk among the cost-minimal plans. */
static inline void solve_tiebreak(solved *sv, const char *file)
{
    fx_solve(sv, file, HP_OBJ_COST, -1, 1);
}

static inline void release(solved *sv)
{
    hp_plan_free(sv->plan);
    hp_model_free(sv->m);
    hp_instance_free(sv->in);
    free(sv->x);
}

/* Value of the named column in the solution (the column must exist). */
static inline double col(const solved *sv, const char *name)
{
    int c = hp_lp_find_col(sv->m->lp, name);
    if (c < 0) {
        print_error("no column %s\n", name);
        fail();
    }
    return sv->x[c];
}

/* The plan's cost parts add up to its total, which equals the COST column. */
static inline void check_cost_split(const solved *sv)
{
    const hp_plan *p = sv->plan;
    NEAR(p->cost_total,
         p->cost_purchase + p->cost_contract + p->cost_spot + p->cost_holding + p->cost_penalty);
    NEAR(p->cost_total, sv->x[sv->m->cost_col]);
}

static inline const hp_dual *find_dual(const hp_plan *p, hp_dual_kind k, int product, int quarter)
{
    for (int i = 0; i < p->n_duals; i++)
        if (p->duals[i].kind == k && p->duals[i].product == product &&
            p->duals[i].quarter == quarter)
            return &p->duals[i];
    return NULL;
}

#endif
