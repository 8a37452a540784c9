/* Sampling of the disruption process (models/sample.h) against the rule of
 * MODEL.md: start frequencies, durations, copula correlation of the starts,
 * windows, availability factors; and path k depending only on (seed, k).
 *
 * Tolerances.  Every statistic below is a mean of N indicator or bounded
 * observations; its standard error is sqrt(var / N) with the variance of
 * the specified process (p (1 - p) for a frequency p, (n^2 - 1) / 12 for a
 * duration uniform on n values).  Checks allow 5 standard errors: a correct
 * sampler fails one with probability below 6e-7, and the seeds are fixed, so
 * the test is deterministic.  Observations within a path are dependent (an
 * event cannot start while it runs), but the frequencies are taken over the
 * quarters in which the event may start, where each start draw is a fresh
 * independent normal, so the binomial error is the right one.  With 20,000
 * paths of 40 quarters every count below exceeds 10^5 (1 SE < 0.0013). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../models/instance/instance.h"
#include "../../models/instance/sample.h"

/* Three sources in two regions; three events:
 *   e0 region A (hits s1, s3), p 0.2, 1-3 quarters, factor 0.5;
 *   e1 supplier s2, p 0.1, exactly 2 quarters, factor 0, may start only in
 *      quarters 5..30 (2027Q2..2033Q3);
 *   e2 supplier s1, p 0.3, 1 quarter, factor 0.8.
 * Start draws correlated: rho(e0,e1) = 0.6, rho(e0,e2) = -0.3,
 * rho(e1,e2) = 0.2 (positive definite: minors 1, 0.64, 0.438). */
static const char *CFG =
    "name = \"sampling\"; start = \"2026Q1\"; quarters = 40;\n"
    "products = ( { id = \"P\"; demand = 10.0; shortage_penalty = 1.0e6; } );\n"
    "suppliers = (\n"
    "  { id = \"s1\"; region = \"A\"; offers = ( { product = \"P\"; price = 1.0; capacity = 5.0; } "
    "); },\n"
    "  { id = \"s2\"; region = \"B\"; offers = ( { product = \"P\"; price = 1.0; capacity = 5.0; } "
    "); },\n"
    "  { id = \"s3\"; region = \"A\"; offers = ( { product = \"P\"; price = 1.0; capacity = 5.0; } "
    "); }\n"
    ");\n"
    "disruptions = {\n"
    "  events = (\n"
    "    { name = \"e0\"; region = \"A\"; probability = 0.2; duration = [1, 3]; factor = 0.5; },\n"
    "    { name = \"e1\"; supplier = \"s2\"; probability = 0.1; duration = [2, 2]; factor = 0.0;\n"
    "      from = \"2027Q2\"; to = \"2033Q3\"; },\n"
    "    { name = \"e2\"; supplier = \"s1\"; probability = 0.3; duration = [1, 1]; factor = 0.8; "
    "}\n"
    "  );\n"
    "  correlation = ( [1.0, 0.6, -0.3], [0.6, 1.0, 0.2], [-0.3, 0.2, 1.0] );\n"
    "};\n";

#define NP 20000L
#define E  3
#define J  3
#define TQ 40

static hp_instance *load(const char *text)
{
    hp_instance *in = NULL;
    hp_diag d;
    hp_diag_init(&d);
    hp_status st = hp_instance_load_string(text, "sample.cfg", &in, &d);
    for (int i = 0; i < d.n; i++)
        fprintf(stderr, "%s\n", d.msgs[i]);
    hp_diag_free(&d);
    assert_int_equal(st, HP_OK);
    return in;
}

typedef struct fixture {
    hp_instance *in;
    double *a;
    unsigned char *run, *start;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->in = load(CFG);
    f->a = malloc((size_t)NP * J * TQ * sizeof(double));
    f->run = malloc((size_t)NP * E * TQ);
    f->start = malloc((size_t)NP * E * TQ);
    assert_int_equal(hp_sample_paths(f->in, 7, 0, NP, f->a, f->run, f->start), HP_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    hp_instance_free(f->in);
    free(f->a);
    free(f->run);
    free(f->start);
    free(f);
    return 0;
}

static unsigned char RUN(const fixture *f, long k, int e, int t)
{
    return f->run[((size_t)k * E + (size_t)e) * TQ + (size_t)t];
}
static unsigned char START(const fixture *f, long k, int e, int t)
{
    return f->start[((size_t)k * E + (size_t)e) * TQ + (size_t)t];
}

/* Eligible at t: inside the window and not running from an earlier start. */
static int eligible(const fixture *f, long k, int e, int t)
{
    const hp_devent *d = &f->in->devents[e];
    if (t < d->from || t > d->to)
        return 0;
    if (t == 0)
        return 1;
    /* running at t-1 and still running at t without a new start at t means
     * not eligible; a run that ends at t-1 leaves t eligible. */
    if (!RUN(f, k, e, t - 1))
        return 1;
    if (START(f, k, e, t))
        return 1; /* an earlier run ended at t-1 and a new one started */
    return !RUN(f, k, e, t);
}

static void test_start_frequency(void **state)
{
    fixture *f = *state;
    for (int e = 0; e < E; e++) {
        double p = f->in->devents[e].probability;
        long n = 0, s = 0;
        for (long k = 0; k < NP; k++)
            for (int t = 0; t < TQ; t++) {
                if (START(f, k, e, t))
                    assert_true(eligible(f, k, e, t));
                if (eligible(f, k, e, t)) {
                    n++;
                    s += START(f, k, e, t);
                }
            }
        double freq = (double)s / (double)n, se = sqrt(p * (1 - p) / (double)n);
        assert_true(n > 100000);
        if (fabs(freq - p) > 5 * se)
            fail_msg("event %d: start frequency %.5f, wanted %.3f +- %.5f", e, freq, p, 5 * se);
    }
}

static void test_window(void **state)
{
    fixture *f = *state;
    for (long k = 0; k < NP; k++)
        for (int t = 0; t < TQ; t++)
            if (t < 5 || t > 30)
                assert_int_equal(START(f, k, 1, t), 0);
    /* e1 lasts exactly two quarters and cannot start while it runs */
    for (long k = 0; k < NP; k++)
        for (int t = 1; t < TQ; t++)
            assert_false(START(f, k, 1, t) && START(f, k, 1, t - 1));
    /* runs may continue past the window: a start at 30 runs 30..31 */
    long late = 0;
    for (long k = 0; k < NP; k++)
        late += RUN(f, k, 1, 31);
    assert_true(late > 0);
}

/* Duration of the run started at t: quarters until the next start or the
 * first quarter not running.  Only runs that cannot reach the horizon's end
 * (t + dmax <= T) are counted, so clipping does not bias the mean. */
static void test_durations(void **state)
{
    fixture *f = *state;
    for (int e = 0; e < E; e++) {
        const hp_devent *d = &f->in->devents[e];
        long n = 0, cnt[8] = {0};
        double sum = 0.0;
        for (long k = 0; k < NP; k++)
            for (int t = 0; t + d->dmax <= TQ; t++) {
                if (!START(f, k, e, t))
                    continue;
                int D = 1;
                while (t + D < TQ && RUN(f, k, e, t + D) && !START(f, k, e, t + D))
                    D++;
                assert_true(D >= d->dmin && D <= d->dmax);
                cnt[D]++;
                sum += D;
                n++;
            }
        int nv = d->dmax - d->dmin + 1;
        double mean = 0.5 * (d->dmin + d->dmax), var = (nv * nv - 1) / 12.0;
        assert_true(n > 10000);
        double m = sum / (double)n;
        if (var > 0 && fabs(m - mean) > 5 * sqrt(var / (double)n))
            fail_msg("event %d: mean duration %.4f, wanted %.2f", e, m, mean);
        if (var == 0)
            assert_true(m == mean);
        for (int D = d->dmin; D <= d->dmax; D++) {
            double q = 1.0 / nv, fr = (double)cnt[D] / (double)n;
            if (fabs(fr - q) > 5 * sqrt(q * (1 - q) / (double)n) + 1e-15)
                fail_msg("event %d: duration %d frequency %.4f, wanted %.4f", e, D, fr, q);
        }
    }
}

/* Phi2(a, b; rho) = int_{-inf}^a phi(x) Phi((b - rho x) / sqrt(1 - rho^2)) dx,
 * by Simpson's rule on [-9, a] (the integrand is below 1e-18 further left). */
static double phi2(double a, double b, double rho)
{
    int n = 20000;
    double lo = -9.0, h = (a - lo) / n, s = 0.0, r = sqrt(1 - rho * rho);
    for (int i = 0; i <= n; i++) {
        double x = lo + h * i;
        double v = exp(-0.5 * x * x) / sqrt(2 * M_PI) * hp_norm_cdf((b - rho * x) / r);
        s += v * (i == 0 || i == n ? 1 : i % 2 ? 4 : 2);
    }
    return s * h / 3;
}

/* In quarters where both events may start, P(both start) is the bivariate
 * normal probability of both draws under their thresholds. */
static void test_start_correlation(void **state)
{
    fixture *f = *state;
    const double rho[E][E] = {{1, 0.6, -0.3}, {0.6, 1, 0.2}, {-0.3, 0.2, 1}};
    for (int e = 0; e < E; e++)
        for (int g = e + 1; g < E; g++) {
            double pe = f->in->devents[e].probability, pg = f->in->devents[g].probability;
            double q = phi2(hp_norm_quantile(pe), hp_norm_quantile(pg), rho[e][g]);
            long n = 0, both = 0, se_ = 0, sg = 0;
            for (long k = 0; k < NP; k++)
                for (int t = 0; t < TQ; t++)
                    if (eligible(f, k, e, t) && eligible(f, k, g, t)) {
                        n++;
                        both += START(f, k, e, t) && START(f, k, g, t);
                        se_ += START(f, k, e, t);
                        sg += START(f, k, g, t);
                    }
            double fr = (double)both / (double)n;
            if (fabs(fr - q) > 5 * sqrt(q * (1 - q) / (double)n))
                fail_msg("events %d,%d: joint start %.5f, wanted %.5f", e, g, fr, q);
            /* the indicator correlation has the sign of rho */
            double me = (double)se_ / (double)n, mg = (double)sg / (double)n;
            double corr = (fr - me * mg) / sqrt(me * (1 - me) * mg * (1 - mg));
            assert_true(corr * rho[e][g] > 0);
        }
}

/* a[j,t] is the product of the factors of the events running at t. */
static void test_availability(void **state)
{
    fixture *f = *state;
    for (long k = 0; k < NP; k += 7)
        for (int t = 0; t < TQ; t++) {
            double r0 = RUN(f, k, 0, t) ? 0.5 : 1, r1 = RUN(f, k, 1, t) ? 0.0 : 1,
                   r2 = RUN(f, k, 2, t) ? 0.8 : 1;
            const double *a = f->a + (size_t)k * J * TQ;
            assert_true(a[0 * TQ + t] == r0 * r2);
            assert_true(a[1 * TQ + t] == r1);
            assert_true(a[2 * TQ + t] == r0);
        }
}

/* Path k depends only on (seed, k): any split into calls, any order. */
static void test_split_independence(void **state)
{
    fixture *f = *state;
    long n = 300;
    size_t row = (size_t)J * TQ;
    double *b = malloc((size_t)n * row * sizeof(double));
    assert_int_equal(hp_sample_avail(f->in, 7, 0, 37, b), HP_OK);
    assert_int_equal(hp_sample_avail(f->in, 7, 37, 200, b + 37 * row), HP_OK);
    assert_int_equal(hp_sample_avail(f->in, 7, 237, n - 237, b + 237 * row), HP_OK);
    assert_memory_equal(b, f->a, (size_t)n * row * sizeof(double));
    for (long k = n - 1; k >= 0; k--)
        assert_int_equal(hp_sample_avail(f->in, 7, k, 1, b + (size_t)k * row), HP_OK);
    assert_memory_equal(b, f->a, (size_t)n * row * sizeof(double));
    /* another seed gives other paths */
    assert_int_equal(hp_sample_avail(f->in, 8, 0, n, b), HP_OK);
    assert_true(memcmp(b, f->a, (size_t)n * row * sizeof(double)) != 0);
    free(b);
    assert_int_equal(hp_sample_avail(f->in, 7, -1, 1, f->a), HP_EINVAL);
}

static void test_no_process(void **state)
{
    (void)state;
    hp_instance *in =
        load("name = \"x\"; start = \"2026Q1\"; quarters = 3;\n"
             "products = ( { id = \"P\"; demand = 1.0; shortage_penalty = 5.0; } );\n"
             "suppliers = ( { id = \"s\"; region = \"A\"; offers = ( { product = \"P\"; "
             "price = 1.0; capacity = 1.0; } ); } );\n");
    double a[5 * 3];
    assert_int_equal(hp_sample_avail(in, 1, 10, 5, a), HP_OK);
    for (int i = 0; i < 15; i++)
        assert_true(a[i] == 1.0);
    hp_instance_free(in);
}

/* Continuations (hp_sample_continue): one source, one event e0 on its
 * region, 1-3 quarters uniform, factor 0.5, that may start only in
 * 2026Q1, so that no continuation can start it again.  Given that it has
 * run r quarters, D is uniform on max(1, r)..3, so it runs on for
 * D - r quarters: r = 2 from quarter 2 -> runs in quarter 2 with
 * probability 1/2, never in 3; r = 1 from quarter 1 -> runs in quarter 1
 * with probability 2/3, in quarter 2 with 1/3; r = 3 -> over.  From
 * quarter 0 with nothing running it starts with probability 0.2.  5 se
 * with N = 20,000 (se <= 0.0036).  Quarters before `from` are 1. */
static void test_continue(void **state)
{
    (void)state;
    hp_instance *in =
        load("name = \"x\"; start = \"2026Q1\"; quarters = 4;\n"
             "products = ( { id = \"P\"; demand = 1.0; shortage_penalty = 5.0; } );\n"
             "suppliers = ( { id = \"s\"; region = \"A\"; offers = ( { product = \"P\"; "
             "price = 1.0; capacity = 1.0; } ); } );\n"
             "disruptions = { events = ( { name = \"e0\"; region = \"A\"; probability = 0.2; "
             "duration = [1, 3]; factor = 0.5; from = \"2026Q1\"; to = \"2026Q1\"; } ); };\n");
    long n = 20000;
    double *a = malloc((size_t)n * 4 * sizeof *a), *b = malloc((size_t)n * 4 * sizeof *b);
    struct {
        int from, ran;
        double p[4]; /* probability that quarter q is hit */
    } cases[] = {{2, 2, {0, 0, 0.5, 0}},
                 {1, 1, {0, 2.0 / 3.0, 1.0 / 3.0, 0}},
                 {3, 3, {0, 0, 0, 0}},
                 {0, 0, {0.2, 0.2 * 2.0 / 3.0, 0.2 / 3.0, 0}}};
    assert_non_null(a);
    assert_non_null(b);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        long hit[4] = {0};
        assert_int_equal(hp_sample_continue(in, 5, 17, cases[c].from, &cases[c].ran, n, a), HP_OK);
        for (long k = 0; k < n; k++)
            for (int q = 0; q < 4; q++) {
                double v = a[k * 4 + q];
                assert_true(v == 1.0 || (v == 0.5 && q >= cases[c].from));
                hit[q] += v == 0.5;
            }
        for (int q = 0; q < 4; q++) {
            double p = cases[c].p[q], f = (double)hit[q] / (double)n;
            if (fabs(f - p) > 5 * sqrt(p * (1 - p) / (double)n) + 1e-12)
                fail_msg("from %d, ran %d: P(hit in %d) = %.4f, wanted %.4f", cases[c].from,
                         cases[c].ran, q, f, p);
        }
    }
    /* continuation k depends only on (seed, key, from, k) */
    int r = 1;
    assert_int_equal(hp_sample_continue(in, 5, 17, 1, &r, 100, a), HP_OK);
    assert_int_equal(hp_sample_continue(in, 5, 17, 1, &r, 200, b), HP_OK);
    assert_memory_equal(a, b, 100 * 4 * sizeof *a);
    assert_int_equal(hp_sample_continue(in, 5, 18, 1, &r, 100, b), HP_OK);
    assert_true(memcmp(a, b, 100 * 4 * sizeof *a) != 0);
    r = 4; /* beyond dmax */
    assert_int_equal(hp_sample_continue(in, 5, 17, 1, &r, 10, a), HP_EINVAL);
    r = 1;
    assert_int_equal(hp_sample_continue(in, 5, 17, 5, &r, 10, a), HP_EINVAL);
    assert_int_equal(hp_sample_continue(in, 5, -1, 1, &r, 10, a), HP_EINVAL);
    assert_int_equal(hp_sample_continue(in, 5, 17, 1, NULL, 10, a), HP_EINVAL);
    free(a);
    free(b);
    hp_instance_free(in);
}

static void test_normal_quantile(void **state)
{
    (void)state;
    assert_true(fabs(hp_norm_quantile(0.975) - 1.959963984540054) < 1e-14);
    assert_true(hp_norm_quantile(0.5) == 0.0);
    assert_true(fabs(hp_norm_quantile(0.1) + 1.2815515655446004) < 1e-14);
    assert_true(fabs(hp_norm_quantile(1e-10) + 6.361340902404056) < 1e-12);
    assert_true(hp_norm_quantile(0.0) == -HUGE_VAL && hp_norm_quantile(1.0) == HUGE_VAL);
    for (double p = 0.001; p < 1; p += 0.0137)
        assert_true(fabs(hp_norm_cdf(hp_norm_quantile(p)) - p) < 1e-14);
    double u = hp_sample_uniform(3, 5, 1);
    assert_true(u > 0 && u < 1 && u == hp_sample_uniform(3, 5, 1) &&
                u != hp_sample_uniform(3, 5, 2));
}

/* 10^6 ziggurat normals: mean 0 (se 0.001), variance 1 (se sqrt(2/N) =
 * 0.0014), and the probabilities of the central layers and of the tail
 * beyond the ziggurat's base (|x| > 3.4426, 5.8e-4) within 5 se. */
static void test_normals(void **state)
{
    (void)state;
    long n = 1000000;
    double *x = malloc((size_t)n * sizeof *x), m = 0, v = 0;
    assert_int_equal(hp_sample_normals(11, 3, 2, n, x), HP_OK);
    const double cut[] = {-3.6, -3.4426, -2.0, -1.0, -0.3, 0.0, 0.7, 1.5, 3.0};
    long below[9] = {0};
    for (long i = 0; i < n; i++) {
        m += x[i];
        v += x[i] * x[i];
        for (int c = 0; c < 9; c++)
            below[c] += x[i] < cut[c];
    }
    m /= (double)n;
    v = v / (double)n - m * m;
    assert_true(fabs(m) < 5e-3);
    assert_true(fabs(v - 1) < 5 * sqrt(2.0 / (double)n));
    for (int c = 0; c < 9; c++) {
        double p = hp_norm_cdf(cut[c]), f = (double)below[c] / (double)n;
        if (fabs(f - p) > 5 * sqrt(p * (1 - p) / (double)n))
            fail_msg("P(X < %g) = %.6f, wanted %.6f", cut[c], f, p);
    }
    free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_start_frequency), cmocka_unit_test(test_window),
        cmocka_unit_test(test_durations),       cmocka_unit_test(test_start_correlation),
        cmocka_unit_test(test_availability),    cmocka_unit_test(test_split_independence),
        cmocka_unit_test(test_no_process),      cmocka_unit_test(test_normal_quantile),
        cmocka_unit_test(test_normals),         cmocka_unit_test(test_continue),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
