/* Unit tests of the L-shaped engine (solver/lshaped.c) on small two-stage
 * problems whose optimum is worked out by hand or taken from the extensive
 * form, which this file builds itself from the same data and solves with
 * the GLPK backend (an independent path: one LP, no cuts). */
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

#include "../../models/plan/decompose.h"
#include "../../models/instance/sample.h"
#include "../../solver/backend.h"
#include "../../solver/lshaped.h"

#define REL_NEAR(a, b, tol)                                                                        \
    assert_true(fabs((a) - (b)) <= (tol) * fmax(1.0, fabs(b)))

/* A two-stage problem with owned arrays. */
typedef struct tsp {
    hp_lp *first, *second;
    int S;
    double *prob;
    size_t *beg;
    int *row, *col;
    double *val;
    size_t nnz, cap;
    hp_lshaped_problem pb;
} tsp;

static void tsp_init(tsp *t, int S)
{
    memset(t, 0, sizeof *t);
    t->first = hp_lp_new();
    t->second = hp_lp_new();
    t->S = S;
    t->prob = calloc((size_t)S, sizeof *t->prob);
    t->beg = calloc((size_t)S + 1, sizeof *t->beg);
    t->cap = 1024;
    t->row = malloc(t->cap * sizeof *t->row);
    t->col = malloc(t->cap * sizeof *t->col);
    t->val = malloc(t->cap * sizeof *t->val);
    assert_non_null(t->first);
    assert_non_null(t->val);
}

/* Appends T_s[row, col] = v; scenarios must be filled in order. */
static void tsp_tech(tsp *t, int s, int row, int col, double v)
{
    if (t->nnz == t->cap) {
        t->cap *= 2;
        t->row = realloc(t->row, t->cap * sizeof *t->row);
        t->col = realloc(t->col, t->cap * sizeof *t->col);
        t->val = realloc(t->val, t->cap * sizeof *t->val);
    }
    t->row[t->nnz] = row;
    t->col[t->nnz] = col;
    t->val[t->nnz] = v;
    t->nnz++;
    t->beg[s + 1] = t->nnz;
}

static const hp_lshaped_problem *tsp_problem(tsp *t, double value_lb)
{
    for (int s = 1; s <= t->S; s++)
        if (t->beg[s] < t->beg[s - 1])
            t->beg[s] = t->beg[s - 1];
    t->pb.first = t->first;
    t->pb.second = t->second;
    t->pb.n_scen = t->S;
    t->pb.prob = t->prob;
    t->pb.tech_beg = t->beg;
    t->pb.tech_row = t->row;
    t->pb.tech_col = t->col;
    t->pb.tech_val = t->val;
    t->pb.value_lb = value_lb;
    return &t->pb;
}

static void tsp_free(tsp *t)
{
    hp_lp_free(t->first);
    hp_lp_free(t->second);
    free(t->prob);
    free(t->beg);
    free(t->row);
    free(t->col);
    free(t->val);
}

/* The extensive form: first-stage columns, then scenario s's copy of the
 * recourse; objective c + sum p_s q.  Returns its optimal value (and the
 * first-stage solution in x1 when not NULL); HUGE_VAL when infeasible. */
static double extensive(const tsp *t, double *x1)
{
    hp_lp *e = hp_lp_new();
    int n1 = hp_lp_ncols(t->first), n2 = hp_lp_ncols(t->second), m1 = hp_lp_nrows(t->first),
        m2 = hp_lp_nrows(t->second);
    hp_solver sv;
    hp_solve_result r;
    hp_solve_opts so;
    double v;
    char name[64];

    for (int j = 0; j < n1; j++)
        hp_lp_add_col(e, hp_lp_col_name(t->first, j), hp_lp_col_lb(t->first, j),
                      hp_lp_col_ub(t->first, j), hp_lp_obj(t->first, j),
                      hp_lp_col_is_int(t->first, j));
    for (int i = 0; i < m1; i++)
        hp_lp_add_row(e, hp_lp_row_name(t->first, i), hp_lp_row_lb(t->first, i),
                      hp_lp_row_ub(t->first, i));
    for (size_t k = 0; k < hp_lp_nnz(t->first); k++)
        hp_lp_add_coef(e, hp_lp_coef_rows(t->first)[k], hp_lp_coef_cols(t->first)[k],
                       hp_lp_coef_vals(t->first)[k]);
    for (int s = 0; s < t->S; s++) {
        int c0 = hp_lp_ncols(e), r0 = hp_lp_nrows(e);
        for (int j = 0; j < n2; j++) {
            snprintf(name, sizeof name, "y%d_%d", s, j);
            hp_lp_add_col(e, name, hp_lp_col_lb(t->second, j), hp_lp_col_ub(t->second, j),
                          t->prob[s] * hp_lp_obj(t->second, j), 0);
        }
        for (int i = 0; i < m2; i++) {
            snprintf(name, sizeof name, "r%d_%d", s, i);
            hp_lp_add_row(e, name, hp_lp_row_lb(t->second, i), hp_lp_row_ub(t->second, i));
        }
        for (size_t k = 0; k < hp_lp_nnz(t->second); k++)
            hp_lp_add_coef(e, r0 + hp_lp_coef_rows(t->second)[k], c0 + hp_lp_coef_cols(t->second)[k],
                           hp_lp_coef_vals(t->second)[k]);
        for (size_t k = t->beg[s]; k < t->beg[s + 1]; k++)
            hp_lp_add_coef(e, r0 + t->row[k], t->col[k], t->val[k]);
    }
    assert_int_equal(hp_solver_open(&sv, hp_backend_glpk(), e, NULL, 0), HP_OK);
    hp_solve_opts_default(&so);
    assert_int_equal(hp_solve(&sv, &so, &r), HP_OK);
    if (r.status == HP_SOL_INFEASIBLE) {
        v = HUGE_VAL;
    } else {
        assert_int_equal(r.status, HP_SOL_OPTIMAL);
        v = r.objective;
        if (x1) {
            double *x = malloc((size_t)hp_lp_ncols(e) * sizeof *x);
            sv.ops->get_primal(sv.h, x);
            memcpy(x1, x, (size_t)n1 * sizeof *x1);
            free(x);
        }
    }
    hp_solver_close(&sv);
    hp_lp_free(e);
    return v;
}

static hp_lshaped_result *solve(const hp_lshaped_problem *pb, int groups, int threads)
{
    hp_lshaped_opts o;
    hp_lshaped_result *r = NULL;
    hp_lshaped_opts_default(&o);
    o.cut_groups = groups;
    o.threads = threads;
    assert_int_equal(hp_lshaped_solve(pb, &o, &r), HP_OK);
    assert_non_null(r);
    return r;
}

/* ---- newsvendor -------------------------------------------------------- */

/* Order x at 1 per unit before demand d in {50, 80, 120} (p .3, .5, .2) is
 * known; a unit short costs 3, a unit left over 0.5.  Recourse row
 * u - h + x = d (u short, h over); d enters through a first-stage column
 * "one" fixed at 1 with T_s coefficient -d_s.  Critical ratio (3 - 1) /
 * (3 + 0.5) = 0.571: P(d <= 50) = .3 < .571 <= P(d <= 80) = .8, so x = 80
 * and the cost is 80 + .3 * .5 * 30 + .2 * 3 * 40 = 108.5. */
static void build_newsvendor(tsp *t)
{
    static const double d[3] = {50.0, 80.0, 120.0}, p[3] = {0.3, 0.5, 0.2};
    tsp_init(t, 3);
    hp_lp_add_col(t->first, "x", 0.0, 1000.0, 1.0, 0);
    hp_lp_add_col(t->first, "one", 1.0, 1.0, 0.0, 0);
    hp_lp_add_col(t->second, "u", 0.0, HUGE_VAL, 3.0, 0);
    hp_lp_add_col(t->second, "h", 0.0, HUGE_VAL, 0.5, 0);
    hp_lp_add_row(t->second, "bal", 0.0, 0.0);
    hp_lp_add_coef(t->second, 0, 0, 1.0);
    hp_lp_add_coef(t->second, 0, 1, -1.0);
    for (int s = 0; s < 3; s++) {
        t->prob[s] = p[s];
        tsp_tech(t, s, 0, 0, 1.0);
        tsp_tech(t, s, 0, 1, -d[s]);
    }
}

static void test_newsvendor(void **state)
{
    tsp t;
    hp_lshaped_result *r;
    (void)state;
    build_newsvendor(&t);
    for (int groups = 1; groups <= 3; groups++) {
        r = solve(tsp_problem(&t, 0.0), groups, 1);
        assert_int_equal(r->status, HP_SOL_OPTIMAL);
        assert_true(r->has_solution);
        REL_NEAR(r->objective, 108.5, 1e-9);
        REL_NEAR(r->x[0], 80.0, 1e-9);
        REL_NEAR(r->stats.lower, 108.5, 1e-6);
        REL_NEAR(r->stats.upper, 108.5, 1e-9);
        /* recourse at d = 120: 40 short */
        REL_NEAR(r->y[2 * 2 + 0], 40.0, 1e-9);
        REL_NEAR(r->scen_value[0], 0.5 * 30.0, 1e-9);
        assert_true(r->stats.iterations >= 2);
        hp_lshaped_result_free(r);
    }
    REL_NEAR(extensive(&t, NULL), 108.5, 1e-9);
    tsp_free(&t);
}

/* ---- random problems against the extensive form ---------------------- */

static uint64_t rng_state;
static double urand(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

/* n1 first-stage capacities x_k in [0, 50] at cost c_k, a budget row
 * sum x <= 120 (with_int: x_0 needs an opening z, cost 60).  Recourse:
 * products i = 0..2 with demand d_si (through the constant column), made
 * from capacity k whose yield a_sk is random (the technology matrix), unmet
 * demand at 10..20 per unit, production cost 1:
 *   sum_k w_ki + u_i = d_si   per product i
 *   sum_i w_ki - a_sk x_k <= 0   per capacity k
 * Complete recourse: u absorbs any shortfall and w = 0 is allowed. */
static void build_random(tsp *t, int S, int n1, uint64_t seed, int with_int)
{
    int nprod = 3;
    rng_state = seed;
    tsp_init(t, S);
    for (int k = 0; k < n1; k++) {
        char nm[32];
        snprintf(nm, sizeof nm, "x%d", k);
        hp_lp_add_col(t->first, nm, 0.0, 50.0, 2.0 + 4.0 * urand(), 0);
    }
    hp_lp_add_col(t->first, "one", 1.0, 1.0, 0.0, 0);
    hp_lp_add_row(t->first, "budget", -HUGE_VAL, 120.0);
    for (int k = 0; k < n1; k++)
        hp_lp_add_coef(t->first, 0, k, 1.0);
    if (with_int) {
        /* x_0 needs an opening z (cost 60) and at most 50 z */
        int z = hp_lp_add_col(t->first, "z", 0.0, 1.0, 60.0, 1);
        int r = hp_lp_add_row(t->first, "open", -HUGE_VAL, 0.0);
        hp_lp_add_coef(t->first, r, 0, 1.0);
        hp_lp_add_coef(t->first, r, z, -50.0);
    }
    for (int k = 0; k < n1; k++)
        for (int i = 0; i < nprod; i++) {
            char nm[32];
            snprintf(nm, sizeof nm, "w%d_%d", k, i);
            hp_lp_add_col(t->second, nm, 0.0, HUGE_VAL, 1.0, 0);
        }
    for (int i = 0; i < nprod; i++) {
        char nm[32];
        snprintf(nm, sizeof nm, "u%d", i);
        hp_lp_add_col(t->second, nm, 0.0, HUGE_VAL, 10.0 + 10.0 * urand(), 0);
    }
    for (int i = 0; i < nprod; i++) {
        char nm[32];
        snprintf(nm, sizeof nm, "dem%d", i);
        hp_lp_add_row(t->second, nm, 0.0, 0.0);
        for (int k = 0; k < n1; k++)
            hp_lp_add_coef(t->second, i, k * nprod + i, 1.0);
        hp_lp_add_coef(t->second, i, n1 * nprod + i, 1.0);
    }
    for (int k = 0; k < n1; k++) {
        char nm[32];
        snprintf(nm, sizeof nm, "cap%d", k);
        hp_lp_add_row(t->second, nm, -HUGE_VAL, 0.0);
        for (int i = 0; i < nprod; i++)
            hp_lp_add_coef(t->second, nprod + k, k * nprod + i, 1.0);
    }
    for (int s = 0; s < S; s++) {
        t->prob[s] = 1.0 / S;
        for (int i = 0; i < nprod; i++)
            tsp_tech(t, s, i, n1, -(10.0 + 40.0 * urand()));
        for (int k = 0; k < n1; k++)
            tsp_tech(t, s, nprod + k, k, -(0.3 + 0.7 * urand()));
    }
}

static void test_random_against_extensive(void **state)
{
    (void)state;
    for (int rep = 0; rep < 4; rep++) {
        tsp t;
        int S = rep < 2 ? 40 : 250;
        double ext;
        build_random(&t, S, 4, 1000u + (uint64_t)rep, 0);
        ext = extensive(&t, NULL);
        for (int groups = 1; groups <= S; groups = groups * 5 + 2) {
            hp_lshaped_result *r = solve(tsp_problem(&t, 0.0), groups, 2);
            assert_int_equal(r->status, HP_SOL_OPTIMAL);
            REL_NEAR(r->objective, ext, 1e-6);
            assert_true(r->stats.lower <= ext * (1 + 1e-9) + 1e-9);
            assert_true(r->stats.gap <= 1e-6);
            hp_lshaped_result_free(r);
        }
        tsp_free(&t);
    }
}

/* Thread independence: every scenario restarts from its own basis, so the
 * iterates and the plan are bit-identical with 1, 2 and 3 threads. */
static void test_threads_identical(void **state)
{
    tsp t;
    hp_lshaped_result *r1, *r2, *r3;
    (void)state;
    build_random(&t, 300, 5, 77u, 0);
    r1 = solve(tsp_problem(&t, 0.0), 20, 1);
    r2 = solve(tsp_problem(&t, 0.0), 20, 2);
    r3 = solve(tsp_problem(&t, 0.0), 20, 3);
    assert_int_equal(r1->stats.iterations, r2->stats.iterations);
    assert_int_equal(r1->stats.iterations, r3->stats.iterations);
    assert_memory_equal(r1->x, r2->x, 6 * sizeof(double));
    assert_memory_equal(r1->x, r3->x, 6 * sizeof(double));
    assert_memory_equal(&r1->objective, &r2->objective, sizeof(double));
    assert_memory_equal(r1->y, r3->y, 300 * 18 * sizeof(double));
    hp_lshaped_result_free(r1);
    hp_lshaped_result_free(r2);
    hp_lshaped_result_free(r3);
    tsp_free(&t);
}

/* ---- feasibility cuts -------------------------------------------------- */

/* Selling x (profit 4 per unit, x <= 100) that must be stored first:
 * I = x + u - d_s with 0 <= I <= 10 and u (cost 3) covering any shortfall,
 * holding 0.1 per unit; d in {40, 70} (p .5 each).  x > d_s + 10 leaves
 * more stock than fits: the recourse is infeasible and only feasibility
 * cuts keep the master at x <= 50.  Below 50 the slope of the expected cost
 * is -4 + (.5 * .1 or .5 * -3) + .5 * -3 < 0, so x = 50: cost -200 + .5 * .1
 * * 10 + .5 * 3 * 20 = -169.5.  With x >= 90 forced there is no plan. */
static void test_feasibility_cuts(void **state)
{
    tsp t;
    hp_lshaped_result *r;
    double ext;
    (void)state;
    tsp_init(&t, 2);
    hp_lp_add_col(t.first, "x", 0.0, 100.0, -4.0, 0);
    hp_lp_add_col(t.first, "one", 1.0, 1.0, 0.0, 0);
    hp_lp_add_col(t.second, "I", 0.0, 10.0, 0.1, 0);
    hp_lp_add_col(t.second, "u", 0.0, HUGE_VAL, 3.0, 0);
    hp_lp_add_row(t.second, "bal", 0.0, 0.0); /* I - u - x + d = 0 */
    hp_lp_add_coef(t.second, 0, 0, 1.0);
    hp_lp_add_coef(t.second, 0, 1, -1.0);
    t.prob[0] = t.prob[1] = 0.5;
    tsp_tech(&t, 0, 0, 0, -1.0);
    tsp_tech(&t, 0, 0, 1, 40.0);
    tsp_tech(&t, 1, 0, 0, -1.0);
    tsp_tech(&t, 1, 0, 1, 70.0);
    ext = extensive(&t, NULL);
    REL_NEAR(ext, -169.5, 1e-9);
    r = solve(tsp_problem(&t, 0.0), 2, 2);
    assert_int_equal(r->status, HP_SOL_OPTIMAL);
    REL_NEAR(r->objective, -169.5, 1e-9);
    REL_NEAR(r->x[0], 50.0, 1e-9);
    assert_true(r->stats.feas_cuts >= 1);
    hp_lshaped_result_free(r);

    /* x >= 90 forced: no plan fits in storage: infeasible */
    hp_lp_set_col_bounds(t.first, 0, 90.0, 100.0);
    assert_true(isinf(extensive(&t, NULL)));
    r = solve(tsp_problem(&t, 0.0), 1, 1);
    assert_int_equal(r->status, HP_SOL_INFEASIBLE);
    assert_false(r->has_solution);
    hp_lshaped_result_free(r);
    tsp_free(&t);
}

/* ---- integer first stage ----------------------------------------------- */

static void test_mip_first_stage(void **state)
{
    (void)state;
    for (int rep = 0; rep < 3; rep++) {
        tsp t;
        double ext, x1[8];
        hp_lshaped_result *r;
        build_random(&t, 60, 3, 500u + (uint64_t)rep, 1);
        ext = extensive(&t, x1);
        r = solve(tsp_problem(&t, 0.0), 10, 2);
        assert_int_equal(r->status, HP_SOL_OPTIMAL);
        assert_true(r->is_mip);
        assert_true(r->stats.mip_iterations >= 1);
        REL_NEAR(r->objective, ext, 1e-6);
        REL_NEAR(r->x[4], x1[4], 1e-9);
        /* z (column 4) integral */
        assert_true(r->x[4] == 0.0 || r->x[4] == 1.0);
        hp_lshaped_result_free(r);
        tsp_free(&t);
    }
}

/* ---- tie objective ----------------------------------------------------- */

/* Two ways to cover a shortfall at the same cost: u1 and u2 (cost 2 each);
 * the tie objective prefers u2.  x (cost 1) covers demand 10 up to 4. */
static void test_tie_objective(void **state)
{
    tsp t;
    hp_lshaped_result *r;
    double tie[2] = {1.0, 0.0};
    (void)state;
    tsp_init(&t, 1);
    hp_lp_add_col(t.first, "x", 0.0, 4.0, 1.0, 0);
    hp_lp_add_col(t.first, "one", 1.0, 1.0, 0.0, 0);
    hp_lp_add_col(t.second, "u1", 0.0, HUGE_VAL, 2.0, 0);
    hp_lp_add_col(t.second, "u2", 0.0, HUGE_VAL, 2.0, 0);
    hp_lp_add_row(t.second, "dem", 0.0, HUGE_VAL); /* u1 + u2 + x - 10 >= 0 */
    hp_lp_add_coef(t.second, 0, 0, 1.0);
    hp_lp_add_coef(t.second, 0, 1, 1.0);
    t.prob[0] = 1.0;
    tsp_tech(&t, 0, 0, 0, 1.0);
    tsp_tech(&t, 0, 0, 1, -10.0);
    tsp_problem(&t, 0.0);
    t.pb.tie_obj = tie;
    r = solve(&t.pb, 1, 1);
    assert_int_equal(r->status, HP_SOL_OPTIMAL);
    REL_NEAR(r->objective, 4.0 + 12.0, 1e-9);
    REL_NEAR(r->y[0], 0.0, 1e-9);
    REL_NEAR(r->y[1], 6.0, 1e-9);
    hp_lshaped_result_free(r);
    tsp_free(&t);
}

static void test_invalid(void **state)
{
    tsp t;
    hp_lshaped_result *r = NULL;
    (void)state;
    build_newsvendor(&t);
    tsp_problem(&t, 0.0);
    t.pb.value_lb = -HUGE_VAL;
    assert_int_equal(hp_lshaped_solve(&t.pb, NULL, &r), HP_EINVAL);
    assert_null(r);
    t.pb.value_lb = 0.0;
    t.col[1] = 7; /* no such first-stage column */
    assert_int_equal(hp_lshaped_solve(&t.pb, NULL, &r), HP_EINVAL);
    t.col[1] = 1;
    t.prob[1] = 0.0;
    assert_int_equal(hp_lshaped_solve(&t.pb, NULL, &r), HP_EINVAL);
    tsp_free(&t);
    hp_lshaped_result_free(NULL);
}

/* ---- the sourcing model: decomposition against the extensive form ---- */

/* The extensive form solved as the plan pipeline of cli/util.c does it:
 * cost then risk (1e-9) for cost plans, risk then cost (1e-6) for risk
 * plans, or cost under an upper bound on RISK.  NULL when infeasible. */
static hp_plan *extensive_plan_tl(const hp_instance *in, hp_measure ms, hp_objective obj,
                                  double risk_ub, double time_limit)
{
    hp_model_opts mo = {ms, in->alpha};
    hp_model *m = NULL;
    hp_solver sv;
    hp_solve_opts so;
    hp_solve_result r;
    hp_plan *pl = NULL;
    double first, *x;

    assert_int_equal(hp_model_build(in, &mo, &m), HP_OK);
    assert_int_equal(hp_solver_open(&sv, hp_backend_glpk(), m->lp, NULL, 0), HP_OK);
    hp_solve_opts_default(&so);
    so.time_limit = time_limit;
    if (isfinite(risk_ub)) {
        sv.ops->set_col_bounds(sv.h, m->risk_col, 0.0, risk_ub);
        hp_solver_minimise_col(&sv, m->cost_col);
        assert_int_equal(hp_solve(&sv, &so, &r), HP_OK);
    } else if (obj == HP_OBJ_RISK) {
        assert_int_equal(hp_solve_lex(&sv, m->risk_col, m->cost_col, 1e-6, 1e-9, &so, &r, &first),
                         HP_OK);
    } else {
        assert_int_equal(hp_solve_lex(&sv, m->cost_col, m->risk_col, 1e-9, 1e-9, &so, &r, &first),
                         HP_OK);
    }
    if (r.has_solution && r.status == HP_SOL_OPTIMAL) {
        x = malloc((size_t)hp_lp_ncols(m->lp) * sizeof *x);
        assert_int_equal(sv.ops->get_primal(sv.h, x), HP_OK);
        assert_int_equal(hp_plan_extract(m, x, NULL, &r, obj, &pl), HP_OK);
        free(x);
    }
    hp_solver_close(&sv);
    hp_model_free(m);
    return pl;
}

static hp_plan *extensive_plan(const hp_instance *in, hp_measure ms, hp_objective obj,
                               double risk_ub)
{
    return extensive_plan_tl(in, ms, obj, risk_ub, 0.0);
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
                 a->cost_penalty,
             a->cost_total, 1e-12, "cost split", where);
    assert_int_equal(a->rows, e->rows);
    assert_int_equal(a->cols, e->cols);
    assert_int_equal((long)a->nnz, (long)e->nnz);
}

/* Status of the extensive form's cost solve within 5 s: an instance it
 * cannot solve to optimality that fast (tests/instances/hard-mip.cfg is
 * one on purpose) is left out, as there is no optimum to compare with. */
static hp_sol_status extensive_status(const hp_instance *in)
{
    hp_model_opts mo = {in->measure, in->alpha};
    hp_model *m = NULL;
    hp_solver sv;
    hp_solve_opts so;
    hp_solve_result r;
    assert_int_equal(hp_model_build(in, &mo, &m), HP_OK);
    assert_int_equal(hp_solver_open(&sv, hp_backend_glpk(), m->lp, NULL, 0), HP_OK);
    hp_solve_opts_default(&so);
    so.time_limit = 5.0;
    assert_int_equal(hp_solver_minimise_col(&sv, m->cost_col), HP_OK);
    assert_int_equal(hp_solve(&sv, &so, &r), HP_OK);
    hp_solver_close(&sv);
    hp_model_free(m);
    return r.status;
}

static void check_instance(hp_instance *in, const char *where, double other_tol)
{
    for (int ms = 0; ms <= HP_MEASURE_EXPOSURE; ms++)
        for (int ob = 0; ob <= 1; ob++) {
            hp_model_opts mo = {(hp_measure)ms, in->alpha};
            hp_lshaped_opts lo;
            hp_lshaped_stats st;
            hp_plan *a = NULL,
                    *e = extensive_plan_tl(in, (hp_measure)ms, (hp_objective)ob, HUGE_VAL, 30.0);
            hp_status rc;
            char w[256];
            snprintf(w, sizeof w, "%s %s %s", where, hp_measure_str((hp_measure)ms),
                     ob ? "risk" : "cost");
            hp_lshaped_opts_default(&lo);
            lo.threads = 2;
            lo.time_limit = 60.0;
            rc = hp_decompose_plan(in, &mo, &lo, (hp_objective)ob, &a, &st);
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

/* Every hand-solved test instance, every measure, both plans. */
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
        in = load_inst(path);
        {
            hp_sol_status es = extensive_status(in);
            if (es != HP_SOL_OPTIMAL && es != HP_SOL_INFEASIBLE) {
                print_message("%s: skipped, the extensive form finds no optimum within 5 s\n",
                              path);
                hp_instance_free(in);
                continue;
            }
        }
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
    hp_model_opts mo = {HP_MEASURE_CVAR, 0.9};
    hp_plan *a = NULL, *e;
    (void)state;
    sample(in, 200, 3);
    e = extensive_plan(in, HP_MEASURE_CVAR, HP_OBJ_COST, HUGE_VAL);
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
        hp_model_opts mo = {(hp_measure)ms, 0.9};
        hp_plan *lo = extensive_plan(in, (hp_measure)ms, HP_OBJ_RISK, HUGE_VAL);
        hp_plan *hi = extensive_plan(in, (hp_measure)ms, HP_OBJ_COST, HUGE_VAL);
        double rlo = ms == 0 ? lo->shortage : ms == 1 ? lo->cvar : lo->exposure;
        double rhi = ms == 0 ? hi->shortage : ms == 1 ? hi->cvar : hi->exposure;
        double b = 0.5 * (rlo + rhi), ra;
        hp_plan *e = extensive_plan(in, (hp_measure)ms, HP_OBJ_COST, b), *a = NULL;
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
 * form: the same points (cost and risk) and the same marks. */
static void test_decompose_front(void **state)
{
    static const char *files[] = {"tests/instances/pareto-kink.cfg",
                                  "tests/instances/pareto-flat.cfg", "tests/instances/cvar.cfg"};
    (void)state;
    for (int fi = 0; fi < 3; fi++) {
        hp_instance *in = load_inst(files[fi]);
        hp_model_opts mo = {in->measure, in->alpha};
        hp_model *m = NULL;
        hp_solver sv;
        hp_pareto_opts po;
        hp_pareto *ef = NULL, *lf = NULL;
        hp_plan *plans[7] = {NULL};
        assert_int_equal(hp_model_build(in, &mo, &m), HP_OK);
        assert_int_equal(hp_solver_open(&sv, hp_backend_glpk(), m->lp, NULL, 0), HP_OK);
        hp_pareto_opts_default(&po);
        po.points = 7;
        assert_int_equal(hp_pareto_sweep(&sv, m->cost_col, m->risk_col, &po, &ef), HP_OK);
        assert_int_equal(hp_decompose_front(in, &mo, NULL, 7, NULL, &lf, plans, NULL), HP_OK);
        for (int k = 0; k < 7; k++) {
            assert_true(lf->pts[k].result.has_solution);
            near_rel(lf->pts[k].cost, ef->pts[k].cost, 1e-6, "front cost", files[fi]);
            near_rel(lf->pts[k].risk, ef->pts[k].risk, 1e-5, "front risk", files[fi]);
            assert_int_equal(lf->pts[k].on_front, ef->pts[k].on_front);
            assert_int_equal(lf->pts[k].knee, ef->pts[k].knee);
            hp_plan_free(plans[k]);
        }
        assert_int_equal(lf->knee, ef->knee);
        hp_pareto_free(ef);
        hp_pareto_free(lf);
        hp_solver_close(&sv);
        hp_model_free(m);
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
        cmocka_unit_test(test_newsvendor),
        cmocka_unit_test(test_random_against_extensive),
        cmocka_unit_test(test_threads_identical),
        cmocka_unit_test(test_feasibility_cuts),
        cmocka_unit_test(test_mip_first_stage),
        cmocka_unit_test(test_tie_objective),
        cmocka_unit_test(test_invalid),
        cmocka_unit_test(test_decompose_instances),
        cmocka_unit_test(test_decompose_saa),
        cmocka_unit_test(test_decompose_saa200),
        cmocka_unit_test(test_decompose_bounded),
        cmocka_unit_test(test_decompose_threads),
        cmocka_unit_test(test_decompose_front),
        cmocka_unit_test(test_method_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
