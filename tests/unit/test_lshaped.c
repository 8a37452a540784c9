/* Unit tests of the L-shaped engine (solver/lshaped.c) on small generic
 * two-stage problems whose optimum is worked out by hand or taken from the
 * extensive form, which this file builds itself from the same data and
 * solves with the GLPK backend (an independent path: one LP, no cuts).
 * The sourcing model's decomposition is tested in test_lshaped_model.c. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../solver/backend.h"
#include "../../solver/lshaped.h"

#define REL_NEAR(a, b, tol) assert_true(fabs((a) - (b)) <= (tol)*fmax(1.0, fabs(b)))

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
            hp_lp_add_coef(e, r0 + hp_lp_coef_rows(t->second)[k],
                           c0 + hp_lp_coef_cols(t->second)[k], hp_lp_coef_vals(t->second)[k]);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_newsvendor),        cmocka_unit_test(test_random_against_extensive),
        cmocka_unit_test(test_threads_identical), cmocka_unit_test(test_feasibility_cuts),
        cmocka_unit_test(test_mip_first_stage),   cmocka_unit_test(test_tie_objective),
        cmocka_unit_test(test_invalid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
