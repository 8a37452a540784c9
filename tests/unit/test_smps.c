/* Unit tests of the SMPS reader and solver (solver/smps.h): what the core
 * reader makes of each MPS feature (read back through smps_int.h), the
 * STOCH sections and their conventions (BLOCKS realisations filled in from
 * the first, ADD and MULTIPLY, SCENARIOS inheriting from a parent), the
 * scenario count and sample, errors with their line, and solves by both
 * methods against optima derived by hand in the comments. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../solver/smps_int.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) <= 1e-7 * fmax(1.0, fabs(b)))

static char dir[] = "/tmp/test_smps.XXXXXX";
static char paths[3][256];
static char err[1024];

static const char *put(int k, const char *text)
{
    static const char *const ext[3] = {"cor", "tim", "sto"};
    FILE *f;
    snprintf(paths[k], sizeof paths[k], "%s/p.%s", dir, ext[k]);
    f = fopen(paths[k], "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return paths[k];
}

static hp_status rd(const char *cor, const char *tim, const char *sto, hp_smps **p)
{
    put(0, cor);
    put(1, tim);
    put(2, sto);
    hp_status st;
    err[0] = '\0';
    st = hp_smps_read(paths[0], paths[1], paths[2], p, err, sizeof err);
    if (st && getenv("TEST_SMPS_VERBOSE"))
        fprintf(stderr, "%s\n", err);
    return st;
}

/* The newsvendor of tests/smps/news.cor in free MPS: buy X at 1 (at most
 * 10), sell S <= X at 2, S <= DEM. */
static const char *news_cor = "NAME NEWS\nROWS\n N COST\n L CAP\n L SELL\n L DEM\nCOLUMNS\n"
                              " X COST 1 CAP 1\n X SELL -1\n S COST -2 SELL 1\n S DEM 1\n"
                              "RHS\n RHS CAP 10 DEM 1000\nENDATA\n";
static const char *news_tim = "TIME NEWS\nPERIODS\n X CAP T1\n S SELL T2\nENDATA\n";

static void test_core_features(void **state)
{
    /* every bound type, ranges on E, L and G rows, an objective constant,
     * OBJSENSE MAX (costs stored negated), integer markers */
    const char *cor = "NAME FEAT\nOBJSENSE\n    MAX\nROWS\n N OBJ\n E R1\n L R2\n G R3\n E R4\n"
                      " L Z\nCOLUMNS\n MARKER 'MARKER' 'INTORG'\n A OBJ 1 R1 1\n MARKER 'MARKER' "
                      "'INTEND'\n B OBJ 2 R2 1\n C R3 1 R4 1\n D R1 1 Z 1\n E R2 1\n F R3 1\n"
                      " G R4 1\n H Z 1\n I Z 1\n J Z 1\nRHS\n RHS OBJ 5 R1 1\n RHS R2 2 R3 3\n"
                      " RHS R4 4\nRANGES\n RNG R1 2 R2 3\n RNG R3 4 R4 -5\n"
                      "BOUNDS\n UP BND A 4\n MI BND B\n UP BND C -1\n FR BND D\n BV BND E\n"
                      " LI BND F 2\n UI BND G 7\n FX BND H 3.5\n PL BND I\n LO BND J -2\nENDATA\n";
    const char *tim = "TIME FEAT\nPERIODS\n A R1 P1\n H Z P2\nENDATA\n";
    hp_smps *p;
    double lb, ub;
    (void)state;
    assert_int_equal(rd(cor, tim, "STOCH FEAT\nENDATA\n", &p), HP_OK);
    assert_int_equal(p->cols.n, 10);
    assert_int_equal(p->rows.n, 5);
    assert_int_equal(p->n1, 7);
    assert_int_equal(p->m1, 4);
    NEAR(p->sense, -1.0);
    NEAR(p->cost[0], -1.0);
    NEAR(p->cost[1], -2.0);
    NEAR(p->obj_const, 5.0); /* -(RHS 5), negated for MAX */
    assert_true(p->is_int[0] && !p->is_int[1]);
    NEAR(p->ub[0], 4.0);
    assert_true(p->lb[1] == -HUGE_VAL && p->ub[1] == HUGE_VAL);
    assert_true(p->lb[2] == -HUGE_VAL); /* UP < 0 with lower 0 */
    NEAR(p->ub[2], -1.0);
    assert_true(p->lb[3] == -HUGE_VAL && p->ub[3] == HUGE_VAL);
    assert_true(p->is_int[4] && p->lb[4] == 0.0 && p->ub[4] == 1.0);
    assert_true(p->is_int[5] && p->lb[5] == 2.0 && p->ub[5] == HUGE_VAL);
    assert_true(p->is_int[6] && p->ub[6] == 7.0);
    assert_true(p->lb[7] == 3.5 && p->ub[7] == 3.5);
    assert_true(p->ub[8] == HUGE_VAL && p->lb[9] == -2.0);
    /* E with R = 2: [1, 3]; L with 3: [-1, 2]; G with 4: [3, 7]; E with -5: [-1, 4] */
    hpi_smps_row_bounds(p, 0, p->rhs[0], &lb, &ub);
    assert_true(lb == 1.0 && ub == 3.0);
    hpi_smps_row_bounds(p, 1, p->rhs[1], &lb, &ub);
    assert_true(lb == -1.0 && ub == 2.0);
    hpi_smps_row_bounds(p, 2, p->rhs[2], &lb, &ub);
    assert_true(lb == 3.0 && ub == 7.0);
    hpi_smps_row_bounds(p, 3, p->rhs[3], &lb, &ub);
    assert_true(lb == -1.0 && ub == 4.0);
    NEAR(hp_smps_scenario_count(p), 1.0);
    hp_smps_free(p);
}

static void test_stoch_sections(void **state)
{
    /* a block whose second realisation leaves DEM out: it keeps the first
     * realisation's 7, not the core's 1000; INDEP in ADD form; two
     * SCENARIOS, the second inheriting from the first */
    const char *sto = "STOCH NEWS\nBLOCKS DISCRETE\n BL B T2 0.25\n RHS DEM 7\n S SELL 2\n"
                      " BL B T2 0.75\n S SELL 3\nINDEP DISCRETE ADD\n X SELL -1 T2 0.5\n"
                      " X SELL 1 T2 0.5\nSCENARIOS DISCRETE\n SC A ROOT 0.4 T2\n S COST -5\n"
                      " SC B A 0.6 T2\n UP BND S 9\nENDATA\n";
    hp_smps *p;
    hpi_smps_scen s;
    hpi_smps_view v;
    (void)state;
    assert_int_equal(rd(news_cor, news_tim, sto, &p), HP_OK);
    assert_int_equal(p->n_fac, 3);
    NEAR(hp_smps_scenario_count(p), 8.0);
    assert_true(hp_smps_random_recourse(p)); /* S's entry and cost */
    assert_int_equal(hpi_smps_scenarios(p, 0, 1, &s, err, sizeof err), HP_OK);
    assert_int_equal(s.n, 8);
    assert_int_equal(hpi_smps_view_init(p, &v), HP_OK);
    /* the last scenario: block outcome 2, X entry -1 + 1 = 0, scenario B */
    hpi_smps_view_apply(p, &s, 7, &v);
    NEAR(s.prob[7], 0.75 * 0.5 * 0.6);
    NEAR(v.rhs[2], 7.0);
    NEAR(v.tval[p->col_beg[1]], 3.0);
    NEAR(v.tval[p->col_beg[0] + 1], 0.0);
    NEAR(v.cost[1], -5.0);
    NEAR(v.ub[1], 9.0);
    hpi_smps_view_reset(p, &s, 7, &v);
    NEAR(v.rhs[2], 1000.0);
    assert_true(v.ub[1] == HUGE_VAL);
    hpi_smps_view_free(&v);
    hpi_smps_scen_free(&s);
    /* a sample: N scenarios of probability 1/N, the same for the same seed */
    {
        hpi_smps_scen a, b, c;
        assert_int_equal(hpi_smps_scenarios(p, 200, 5, &a, err, sizeof err), HP_OK);
        assert_int_equal(hpi_smps_scenarios(p, 200, 5, &b, err, sizeof err), HP_OK);
        assert_int_equal(hpi_smps_scenarios(p, 200, 6, &c, err, sizeof err), HP_OK);
        assert_int_equal(a.n, 200);
        NEAR(a.prob[17], 1.0 / 200);
        assert_memory_equal(a.out, b.out, 200 * 3 * sizeof *a.out);
        assert_true(memcmp(a.out, c.out, 200 * 3 * sizeof *a.out) != 0);
        hpi_smps_scen_free(&a);
        hpi_smps_scen_free(&b);
        hpi_smps_scen_free(&c);
    }
    hp_smps_free(p);
}

static void solve_both(hp_smps *p, double want)
{
    for (int m = HP_SMPS_EXTENSIVE; m <= HP_SMPS_LSHAPED; m++) {
        hp_smps_opts o;
        hp_smps_result *r;
        hp_smps_opts_default(&o);
        o.method = (hp_smps_method)m;
        o.ls.threads = 1;
        assert_int_equal(hp_smps_solve(p, &o, &r, err, sizeof err), HP_OK);
        assert_int_equal(r->status, HP_SOL_OPTIMAL);
        assert_int_equal((int)r->method, m);
        NEAR(r->objective, want);
        hp_smps_result_free(r);
    }
}

static void test_solve_max_integer(void **state)
{
    /* maximise 2 S - X with X integer, demand d = 1, 2.5 or 3 with
     * probabilities 1/4, 1/2, 1/4 as the random bound of S; the profit of x
     * is 2 E[min(x, d)] - x: x = 1: 2 - 1 = 1; x = 2: 2 (0.25 + 0.75 * 2) -
     * 2 = 1.5; x = 3: 2 (0.25 + 1.25 + 0.75) - 3 = 1.5; x = 2.5 (not
     * integer): 2 (0.25 + 1.875) - 2.5 = 1.75.  Optimum 1.5 (the LP
     * relaxation's 1.75 must not be reported). */
    const char *cor = "NAME NEWS\nOBJSENSE MAX\nROWS\n N PROFIT\n L CAP\n L SELL\nCOLUMNS\n"
                      " M 'MARKER' 'INTORG'\n X PROFIT -1 CAP 1\n X SELL -1\n M 'MARKER' "
                      "'INTEND'\n S PROFIT 2 SELL 1\nRHS\n RHS CAP 10\nBOUNDS\n UP BND X 10\n"
                      "ENDATA\n";
    const char *tim = "TIME NEWS\nPERIODS\n X CAP T1\n S SELL T2\nENDATA\n";
    const char *sto = "STOCH NEWS\nINDEP DISCRETE\n UP BND S 1 T2 0.25\n UP BND S 2.5 T2 0.5\n"
                      " UP BND S 3 T2 0.25\nENDATA\n";
    hp_smps *p;
    (void)state;
    assert_int_equal(rd(cor, tim, sto, &p), HP_OK);
    solve_both(p, 1.5);
    hp_smps_free(p);
}

static void test_solve_ranges_rhs(void **state)
{
    /* demand as a ranged E row: DEM (S = d, range 1) means d <= S <= d + 1,
     * S <= X; X costs 1, S earns 2; d = 1 or 3, 1/2 each.  Below x = 3
     * scenario d = 3 is infeasible (feasibility cuts); for x in [3, 4] the
     * cost is x - 2 (min(x, 2) + min(x, 4)) / 2 = x - (2 + x) = -2, above
     * 4 it is x - 6 > -2.  Optimum -2. */
    const char *cor = "NAME NEWS\nROWS\n N COST\n L CAP\n L SELL\n E DEM\nCOLUMNS\n"
                      " X COST 1 CAP 1\n X SELL -1\n S COST -2 SELL 1\n S DEM 1\n"
                      "RHS\n RHS CAP 10 DEM 2\nRANGES\n RNG DEM 1\nENDATA\n";
    const char *sto = "STOCH NEWS\nINDEP DISCRETE\n RHS DEM 1 T2 0.5\n RHS DEM 3 T2 0.5\nENDATA\n";
    hp_smps *p;
    (void)state;
    assert_int_equal(rd(cor, news_tim, sto, &p), HP_OK);
    solve_both(p, -2.0);
    hp_smps_free(p);
}

static void test_errors(void **state)
{
    static const struct {
        const char *cor, *tim, *sto, *want;
    } cases[] = {
        {"NAME X\nROWS\n N C\n L A\nCOLUMNS\n X C 1 A 1\n X A 2\n", NULL, NULL,
         "p.cor:7: column 'X', row 'A': entry given twice"},
        {"NAME X\nROWS\n N C\n L A\nCOLUMNS\n X C 1 A 1\n Y C 1\n X A 1\n", NULL, NULL,
         "p.cor:8: column 'X': its entries are not together"},
        {"NAME X\nCOLUMNS\n X C 1\n", NULL, NULL, "p.cor:2: section COLUMNS out of place"},
        {"ROWS\n L A\nCOLUMNS\n", NULL, NULL, "p.cor:3: no objective (N) row in ROWS"},
        {"NAME X\nROWS\n N C\n L A\nCOLUMNS\n X C 1 A 1 B\n", NULL, NULL,
         "p.cor:6: expected COLUMN ROW VALUE [ROW VALUE]"},
        {"NAME X\nFOO\n", NULL, NULL, "p.cor:2: unknown section 'FOO'"},
        {NULL, "TIME N\nPERIODS\n S SELL T2\n X CAP T1\nENDATA\n", NULL,
         "p.tim:3: the first period must start at the core's first column and row (X, CAP)"},
        {NULL, NULL, "STOCH N\nINDEP DISCRETE\n RHS DEM 1 T2 1\n RHS DEM 2\nENDATA\n",
         "p.sto:4: expected [BOUND] COLUMN ROW VALUE PERIOD PROBABILITY"},
        {NULL, NULL, "STOCH N\nSCENARIOS DISCRETE\n SC A ROOT 1 T2\n SC A ROOT 1 T2\nENDATA\n",
         "p.sto:4: scenario 'A' given twice"},
        {NULL, NULL, "STOCH N\nINDEP DISCRETE\n RHS COST 1 T2 1\nENDATA\n",
         "p.sto:3: a random objective constant is not supported"},
        {NULL, NULL, "INDEP DISCRETE\n", "p.sto:1: expected STOCH first"},
    };
    (void)state;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        hp_smps *p = NULL;
        const char *e;
        assert_int_equal(rd(cases[k].cor ? cases[k].cor : news_cor,
                            cases[k].tim ? cases[k].tim : news_tim,
                            cases[k].sto ? cases[k].sto : "STOCH N\nENDATA\n", &p),
                         HP_EINVAL);
        assert_null(p);
        e = strstr(err, "p.");
        assert_non_null(e);
        assert_string_equal(e, cases[k].want);
    }
    /* too many scenarios to enumerate: said, and a sample goes through */
    {
        static char sto[40000];
        hp_smps *p;
        hp_smps_opts o;
        hp_smps_result *r = NULL;
        strcpy(sto, "STOCH N\nINDEP DISCRETE\n");
        for (int v = 0; v < 800; v++) /* 400 values each of DEM and SELL: 160,000 scenarios */
            snprintf(sto + strlen(sto), sizeof sto - strlen(sto), " RHS %s %d T2 0.0025\n",
                     v < 400 ? "DEM" : "SELL", v % 400);
        strcat(sto, "ENDATA\n");
        assert_int_equal(rd(news_cor, news_tim, sto, &p), HP_OK);
        NEAR(hp_smps_scenario_count(p), 160000.0);
        hp_smps_opts_default(&o);
        assert_int_equal(hp_smps_solve(p, &o, &r, err, sizeof err), HP_EINVAL);
        assert_null(r);
        assert_non_null(strstr(err, "160000 scenarios"));
        o.sample = 30;
        o.seed = 3;
        assert_int_equal(hp_smps_solve(p, &o, &r, err, sizeof err), HP_OK);
        assert_int_equal(r->scenarios, 30);
        assert_int_equal((int)r->method, HP_SMPS_EXTENSIVE); /* under the crossover of 50 */
        hp_smps_result_free(r);
        hp_smps_free(p);
    }
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    for (int k = 0; k < 3; k++)
        if (paths[k][0])
            unlink(paths[k]);
    rmdir(dir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_core_features),
        cmocka_unit_test(test_stoch_sections),
        cmocka_unit_test(test_solve_max_integer),
        cmocka_unit_test(test_solve_ranges_rhs),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
