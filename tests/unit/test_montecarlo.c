/* Monte-Carlo evaluation (solver/montecarlo.h): a case worked by hand, the
 * batched evaluation against the per-path loop, thread-count independence,
 * and the summaries. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../solver/montecarlo.h"

typedef struct rows {
    const double *a;
    int n_src;
} rows;

static hp_status fill_rows(void *ctx, long first, long n, double *avail)
{
    const rows *r = ctx;
    memcpy(avail, r->a + (size_t)first * (size_t)r->n_src,
           (size_t)n * (size_t)r->n_src * sizeof(double));
    return HP_OK;
}

/* One item, two periods, two source columns:
 *   column 0 delivers 10 in period 0 and costs 1000 per unit of availability,
 *   column 1 delivers 8 in period 1 (a lead time of one) and costs 400.
 * init 2, in transit [1, 0], demand [5, 10], storage 6, holding 5,
 * shortage penalty 1000, safety [0, 3] at 50, spot [200, 2000] limit [3, inf]
 * (spot at 2000 >= 1000 is never bought), criticality 2, contracts 70.
 *
 * a = (0.5, 1): t0 8 on hand, 3 left (hold 15); t1 3 + 8 - 10 = 1 left,
 *   2 below safety (100), hold 5.  Cost 900 + 70 + 15 + 100 + 5 = 1090.
 * a = (1, 1): t0 2+1+10-5 = 8 > 6: 2 written off, hold 30; t1 6+8-10 = 4,
 *   hold 20.  Cost 1400 + 70 + 30 + 20 = 1520, overflow 2.
 * a = (0, 0.25): t0 3 on hand, 2 short, bought spot (400); t1 2 arrive,
 *   8 unmet (8000), 3 below safety (150).  Cost 100+70+400+8000+150 = 8720,
 *   shortage 2 * 8 = 16.
 * a = (0, 0): as above with 10 unmet: 70 + 400 + 10000 + 150 = 10620, 20. */
static const double hc_plan[2 * 3] = {10, 0, 1000, 0, 8, 400};
static const double hc_init[1] = {2}, hc_hold[1] = {5}, hc_cap[1] = {6}, hc_M[1] = {1000},
                    hc_w[1] = {50}, hc_crit[1] = {2};
static const double hc_d[2] = {5, 10}, hc_R[2] = {1, 0}, hc_ss[2] = {0, 3}, hc_sp[2] = {200, 2000},
                    hc_lim[2] = {3, HUGE_VAL};
static const double hc_a[4 * 2] = {0.5, 1, 1, 1, 0, 0.25, 0, 0};

static hp_mc_problem hand_problem(void)
{
    hp_mc_problem pb = {.n_src = 2,
                        .n_item = 1,
                        .n_per = 2,
                        .plan = hc_plan,
                        .fixed_cost = 70,
                        .init = hc_init,
                        .hold = hc_hold,
                        .cap = hc_cap,
                        .short_pen = hc_M,
                        .safety_pen = hc_w,
                        .weight = hc_crit,
                        .demand = hc_d,
                        .inflow = hc_R,
                        .safety = hc_ss,
                        .spot_cost = hc_sp,
                        .spot_limit = hc_lim};
    return pb;
}

static void run_hand(int batched)
{
    hp_mc_problem pb = hand_problem();
    rows r = {hc_a, 2};
    double cost[4], sh[4], so[2], un[2];
    hp_mc_opts o;
    hp_mc_out out;
    hp_mc_opts_default(&o);
    o.batched = batched;
    o.threads = 1;
    memset(&out, 0, sizeof out);
    out.path_cost = cost;
    out.path_shortage = sh;
    out.stockout = so;
    out.unmet = un;
    assert_int_equal(hp_mc_run(&pb, 4, fill_rows, &r, &o, &out), HP_OK);
    assert_int_equal(out.done, 4);
    assert_false(out.stopped);
    const double ec[4] = {1090, 1520, 8720, 10620}, es[4] = {0, 0, 16, 20};
    for (int k = 0; k < 4; k++) {
        assert_true(fabs(cost[k] - ec[k]) < 1e-9);
        assert_true(fabs(sh[k] - es[k]) < 1e-12);
    }
    assert_true(fabs(out.purchase - 600) < 1e-9); /* (900 + 1400 + 100) / 4 */
    assert_true(fabs(out.fixed - 70) < 1e-9);
    assert_true(fabs(out.spot_cost - 200) < 1e-9);      /* 2 * 400 / 4 */
    assert_true(fabs(out.shortage_cost - 4500) < 1e-9); /* 18000 / 4 */
    assert_true(fabs(out.safety_cost - 100) < 1e-9);    /* (100 + 150 + 150) / 4 */
    assert_true(fabs(out.holding - 17.5) < 1e-9);       /* (20 + 50) / 4 */
    assert_true(fabs(out.overflow_qty - 0.5) < 1e-12);
    assert_true(fabs(out.spot_qty - 1.0) < 1e-12);
    assert_true(fabs(out.unmet_qty - 4.5) < 1e-12);
    assert_true(fabs(so[0]) < 1e-15 && fabs(so[1] - 0.5) < 1e-15);
    assert_true(fabs(un[1] - 4.5) < 1e-12);
    double c1, s1;
    hp_mc_eval_path(&pb, hc_a + 4, &c1, &s1, NULL);
    assert_true(fabs(c1 - 8720) < 1e-9 && fabs(s1 - 16) < 1e-12);
}

static void test_hand_batched(void **state)
{
    (void)state;
    run_hand(1);
}

static void test_hand_loop(void **state)
{
    (void)state;
    run_hand(0);
}

/* The terminal target and the gated reserve, by hand.  One item, three
 * periods; source column t delivers 10 in period t at 1000 per unit of
 * availability.  init 4, demand 10 each period, holding 1, shortage 100,
 * no safety level, criticality 1, spot [50, 50, 20] limit 2 a period;
 * reserve 5 in all, at most 4 a period, price 30, open in period t when
 * the availability of column t is below 0.5; terminal target 3, penalty 10
 * per unit short, credit 2 per unit left.
 * a = (1, 0, 0): t0 4 left (hold 4).  t1 short 6, open: the reserve (30)
 *   before spot (50): 4 drawn, spot 2; 1 left.  t2 short 10, open: spot
 *   (20) before the reserve: spot 2, reserve 1, 7 unmet.  End 0: 3 short.
 *   Spend 1000 + 140 + 150 + 4 = 1294; penalty 700 + 30 = 730; cost 2024.
 * a = (1, 0.4, 1): t1 4 + 4 on hand, short 2, open: 2 drawn.  t2 0 left.
 *   Spend 2400 + 60 + 4 = 2464; penalty 30 (terminal); cost 2494.
 * a = (1, 0.5, 1): t1 short 1, 0.5 is not below 0.5: closed, spot 1.
 *   Spend 2500 + 50 + 4 = 2554; penalty 30; cost 2584.
 * a = (1, 1, 1): 4 left every period (hold 12), credit 8, target met.
 *   Spend 3000 + 12 - 8 = 3004; penalty 0; cost 3004.
 * Means: reserve (5 + 2) / 4 = 1.75 units (52.5), credit 2, terminal
 * penalty 22.5 (2.25 units short), shortage 7 / 4. */
static const double h2_plan[3 * 4] = {10, 0, 0, 1000, 0, 10, 0, 1000, 0, 0, 10, 1000};
static const double h2_init[1] = {4}, h2_hold[1] = {1}, h2_cap[1] = {HUGE_VAL}, h2_M[1] = {100},
                    h2_w[1] = {0}, h2_crit[1] = {1};
static const double h2_d[3] = {10, 10, 10}, h2_R[3] = {0, 0, 0}, h2_ss[3] = {0, 0, 0},
                    h2_sp[3] = {50, 50, 20}, h2_lim[3] = {2, 2, 2};
static const double h2_tt[1] = {3}, h2_tp[1] = {10}, h2_tc[1] = {2};
static const double h2_G[1] = {5}, h2_Rmax[3] = {4, 4, 4}, h2_rp[1] = {30}, h2_th[1] = {0.5};
static const int h2_gs[4] = {0, 1, 2, 3}, h2_gc[3] = {0, 1, 2};
static const double h2_a[4 * 3] = {1, 0, 0, 1, 0.4, 1, 1, 0.5, 1, 1, 1, 1};

static hp_mc_problem hand2_problem(void)
{
    hp_mc_problem pb = {.n_src = 3,
                        .n_item = 1,
                        .n_per = 3,
                        .plan = h2_plan,
                        .init = h2_init,
                        .hold = h2_hold,
                        .cap = h2_cap,
                        .short_pen = h2_M,
                        .safety_pen = h2_w,
                        .weight = h2_crit,
                        .demand = h2_d,
                        .inflow = h2_R,
                        .safety = h2_ss,
                        .spot_cost = h2_sp,
                        .spot_limit = h2_lim,
                        .term_target = h2_tt,
                        .term_pen = h2_tp,
                        .term_credit = h2_tc,
                        .res_total = h2_G,
                        .res_limit = h2_Rmax,
                        .res_price = h2_rp,
                        .res_theta = h2_th,
                        .gate_start = h2_gs,
                        .gate_col = h2_gc};
    return pb;
}

static void run_hand2(int batched)
{
    hp_mc_problem pb = hand2_problem();
    rows r = {h2_a, 3};
    double cost[4], spend[4], sh[4], res[3];
    hp_mc_opts o;
    hp_mc_out out;
    hp_mc_opts_default(&o);
    o.batched = batched;
    o.threads = 1;
    memset(&out, 0, sizeof out);
    out.path_cost = cost;
    out.path_shortage = sh;
    out.path_spend = spend;
    out.reserve = res;
    assert_int_equal(hp_mc_run(&pb, 4, fill_rows, &r, &o, &out), HP_OK);
    const double ec[4] = {2024, 2494, 2584, 3004}, esp[4] = {1294, 2464, 2554, 3004};
    const double es[4] = {7, 0, 0, 0};
    for (int k = 0; k < 4; k++) {
        assert_true(fabs(cost[k] - ec[k]) < 1e-9);
        assert_true(fabs(spend[k] - esp[k]) < 1e-9);
        assert_true(fabs(sh[k] - es[k]) < 1e-12);
    }
    assert_true(fabs(out.reserve_qty - 1.75) < 1e-12);
    assert_true(fabs(out.reserve_cost - 52.5) < 1e-9);
    assert_true(fabs(out.term_credit - 2) < 1e-9);
    assert_true(fabs(out.term_penalty - 22.5) < 1e-9);
    assert_true(fabs(out.term_short_qty - 2.25) < 1e-12);
    assert_true(fabs(out.spot_cost - 47.5) < 1e-9); /* (140 + 0 + 50 + 0) / 4 */
    assert_true(fabs(out.holding - 6) < 1e-9);      /* (4 + 4 + 4 + 12) / 4 */
    assert_true(fabs(res[0]) < 1e-15 && fabs(res[1] - 1.5) < 1e-12 && fabs(res[2] - 0.25) < 1e-12);
    /* the expected parts add up to the mean cost */
    double mean = (ec[0] + ec[1] + ec[2] + ec[3]) / 4;
    assert_true(fabs(out.purchase + out.fixed + out.spot_cost + out.holding + out.reserve_cost -
                     out.term_credit + out.shortage_cost + out.safety_cost + out.term_penalty -
                     mean) < 1e-9);
    double c1, s1, p1;
    hp_mc_eval_path_spend(&pb, h2_a, &c1, &p1, &s1, NULL);
    assert_true(fabs(c1 - 2024) < 1e-9 && fabs(p1 - 1294) < 1e-9 && fabs(s1 - 7) < 1e-12);
}

static void test_hand2_batched(void **state)
{
    (void)state;
    run_hand2(1);
}

static void test_hand2_loop(void **state)
{
    (void)state;
    run_hand2(0);
}

/* A gate column out of range, a reserve without its price: refused. */
static void test_bad_second(void **state)
{
    (void)state;
    hp_mc_problem pb = hand2_problem();
    rows r = {h2_a, 3};
    double cost[4], sh[4];
    hp_mc_out out;
    static const int bad_gc[3] = {0, 3, 2};
    memset(&out, 0, sizeof out);
    out.path_cost = cost;
    out.path_shortage = sh;
    pb.gate_col = bad_gc;
    assert_int_equal(hp_mc_run(&pb, 4, fill_rows, &r, NULL, &out), HP_EINVAL);
    pb = hand2_problem();
    pb.res_price = NULL;
    assert_int_equal(hp_mc_run(&pb, 4, fill_rows, &r, NULL, &out), HP_EINVAL);
    pb = hand2_problem();
    pb.term_credit = NULL;
    assert_int_equal(hp_mc_run(&pb, 4, fill_rows, &r, NULL, &out), HP_EINVAL);
}

/* A small deterministic generator for the random problems below. */
static uint64_t lcg = 12345;
static double rnd(void)
{
    lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(lcg >> 11) * 0x1.0p-53;
}

typedef struct randprob {
    hp_mc_problem pb;
    double *plan, *item[6], *ip[5], *a;
    double *second[8]; /* terminal and reserve (randprob_second) */
    int *gate;
    long n;
} randprob;

static void randprob_make(randprob *r, int n_src, int n_item, int n_per, long n)
{
    int ncol = n_item * n_per + 1, IP = n_item * n_per;
    memset(r, 0, sizeof *r);
    r->n = n;
    r->plan = calloc((size_t)n_src * (size_t)ncol, sizeof(double));
    for (int c = 0; c < n_src; c++) {
        for (int i = 0; i < n_item; i++)
            if (rnd() < 0.6)
                r->plan[(size_t)c * (size_t)ncol + (size_t)(i * n_per) + (size_t)(c % n_per)] =
                    20 * rnd();
        r->plan[(size_t)c * (size_t)ncol + (size_t)IP] = 1e5 * rnd();
    }
    for (int m = 0; m < 6; m++) {
        r->item[m] = malloc((size_t)n_item * sizeof(double));
        for (int i = 0; i < n_item; i++)
            r->item[m][i] = m == 2   ? (i == 0 ? HUGE_VAL : 30 + 10 * rnd())
                            : m == 3 ? 1e4 * (1 + rnd())
                                     : 10 * rnd();
    }
    for (int m = 0; m < 5; m++) {
        r->ip[m] = malloc((size_t)IP * sizeof(double));
        for (int it = 0; it < IP; it++)
            r->ip[m][it] = m == 4   ? (it % 3 == 0 ? HUGE_VAL : 5 * rnd())
                           : m == 3 ? 2e4 * rnd()
                           : m == 0 ? 10 + 30 * rnd()
                                    : 15 * rnd();
    }
    r->a = malloc((size_t)n * (size_t)n_src * sizeof(double));
    for (long e = 0; e < n * n_src; e++) {
        double u = rnd();
        r->a[e] = u < 0.2 ? 0.0 : u < 0.3 ? 0.5 : 1.0;
    }
    hp_mc_problem pb = {.n_src = n_src,
                        .n_item = n_item,
                        .n_per = n_per,
                        .plan = r->plan,
                        .fixed_cost = 1234.5,
                        .init = r->item[0],
                        .hold = r->item[1],
                        .cap = r->item[2],
                        .short_pen = r->item[3],
                        .safety_pen = r->item[4],
                        .weight = r->item[5],
                        .demand = r->ip[0],
                        .inflow = r->ip[1],
                        .safety = r->ip[2],
                        .spot_cost = r->ip[3],
                        .spot_limit = r->ip[4]};
    r->pb = pb;
}

/* Adds a terminal target and a gated reserve to every item: targets, credits
 * and penalties, reserves of 0..12 units at prices on either side of the
 * spot prices (some above the shortage penalty), thresholds in (0.3, 1],
 * and 0..2 gate columns per item-period. */
static void randprob_second(randprob *r)
{
    int n_item = r->pb.n_item, IP = n_item * r->pb.n_per, n_src = r->pb.n_src;
    for (int m = 0; m < 8; m++)
        r->second[m] = malloc((size_t)(m == 4 ? IP : n_item) * sizeof(double));
    for (int i = 0; i < n_item; i++) {
        r->second[0][i] = 20 * rnd();
        r->second[1][i] = 1e4 * rnd();
        r->second[2][i] = 50 * rnd();
        r->second[3][i] = i == 0 ? 0.0 : 12 * rnd();
        r->second[5][i] = 2.5e4 * rnd();
        r->second[6][i] = 0.3 + 0.7 * rnd();
    }
    for (int it = 0; it < IP; it++)
        r->second[4][it] = it % 4 == 0 ? HUGE_VAL : 6 * rnd();
    r->gate = malloc(((size_t)IP + 1 + 2 * (size_t)IP) * sizeof(int));
    int q = 0, *col = r->gate + IP + 1;
    for (int it = 0; it < IP; it++) {
        r->gate[it] = q;
        int k = (int)(3 * rnd());
        for (int m = 0; m < k; m++)
            col[q++] = (int)(n_src * rnd()) % n_src;
    }
    r->gate[IP] = q;
    r->pb.term_target = r->second[0];
    r->pb.term_pen = r->second[1];
    r->pb.term_credit = r->second[2];
    r->pb.res_total = r->second[3];
    r->pb.res_limit = r->second[4];
    r->pb.res_price = r->second[5];
    r->pb.res_theta = r->second[6];
    r->pb.gate_start = r->gate;
    r->pb.gate_col = col;
}

static void randprob_free(randprob *r)
{
    for (int m = 0; m < 8; m++)
        free(r->second[m]);
    free(r->gate);
    free(r->plan);
    free(r->a);
    for (int m = 0; m < 6; m++)
        free(r->item[m]);
    for (int m = 0; m < 5; m++)
        free(r->ip[m]);
}

static void run_rand(randprob *r, int batched, int threads, int block, double *cost, double *sh,
                     double *so, hp_mc_out *out)
{
    rows rw = {r->a, r->pb.n_src};
    hp_mc_opts o;
    hp_mc_opts_default(&o);
    o.batched = batched;
    o.threads = threads;
    o.block = block;
    memset(out, 0, sizeof *out);
    out->path_cost = cost;
    out->path_shortage = sh;
    out->stockout = so;
    assert_int_equal(hp_mc_run(&r->pb, r->n, fill_rows, &rw, &o, out), HP_OK);
    assert_int_equal(out->done, r->n);
}

static int close_rel(double a, double b, double tol)
{
    return fabs(a - b) <= tol * (1.0 + fabs(a) + fabs(b));
}

/* The dgemm sums in another order than the loop: agreement to 1e-12. */
static void test_batched_equals_loop(void **state)
{
    (void)state;
    randprob r;
    long n = 1001; /* not a multiple of the block: a short last block */
    randprob_make(&r, 9, 3, 6, n);
    int IP = 18;
    double *c1 = malloc((size_t)n * sizeof(double)), *s1 = malloc((size_t)n * sizeof(double));
    double *c2 = malloc((size_t)n * sizeof(double)), *s2 = malloc((size_t)n * sizeof(double));
    double so1[18], so2[18];
    hp_mc_out o1, o2;
    run_rand(&r, 1, 2, 64, c1, s1, so1, &o1);
    run_rand(&r, 0, 1, 0, c2, s2, so2, &o2);
    int any_short = 0;
    for (long k = 0; k < n; k++) {
        assert_true(close_rel(c1[k], c2[k], 1e-12));
        assert_true(close_rel(s1[k], s2[k], 1e-12));
        double c3, s3;
        hp_mc_eval_path(&r.pb, r.a + (size_t)k * 9, &c3, &s3, NULL);
        assert_true(close_rel(c1[k], c3, 1e-12));
        any_short |= s1[k] > 0;
    }
    assert_true(any_short);
    for (int it = 0; it < IP; it++)
        assert_true(fabs(so1[it] - so2[it]) < 1e-12);
    assert_true(close_rel(o1.purchase, o2.purchase, 1e-12));
    assert_true(close_rel(o1.holding, o2.holding, 1e-12));
    assert_true(close_rel(o1.shortage_cost, o2.shortage_cost, 1e-12));
    assert_true(close_rel(o1.overflow_qty, o2.overflow_qty, 1e-12));
    free(c1);
    free(s1);
    free(c2);
    free(s2);
    randprob_free(&r);
}

/* With terminal targets and gated reserves: the batched rule against the
 * per-path loop and the oracle (cost, spend, shortage, parts), and one
 * worker against two, bit for bit. */
static void test_second_batched_loop_threads(void **state)
{
    (void)state;
    randprob r;
    long n = 1501;
    randprob_make(&r, 10, 3, 5, n);
    randprob_second(&r);
    size_t bytes = (size_t)n * sizeof(double);
    double *c[3], *s[3], *sp[3], so[3][15], rs[3][15];
    hp_mc_out o[3];
    for (int m = 0; m < 3; m++) {
        c[m] = malloc(bytes);
        s[m] = malloc(bytes);
        sp[m] = malloc(bytes);
    }
    for (int m = 0; m < 3; m++) {
        rows rw = {r.a, r.pb.n_src};
        hp_mc_opts op;
        hp_mc_opts_default(&op);
        op.batched = m < 2;
        op.threads = m == 1 ? 2 : 1;
        memset(&o[m], 0, sizeof o[m]);
        o[m].path_cost = c[m];
        o[m].path_shortage = s[m];
        o[m].path_spend = sp[m];
        o[m].stockout = so[m];
        o[m].reserve = rs[m];
        assert_int_equal(hp_mc_run(&r.pb, n, fill_rows, &rw, &op, &o[m]), HP_OK);
    }
    /* one worker and two: bit for bit */
    assert_memory_equal(c[0], c[1], bytes);
    assert_memory_equal(sp[0], sp[1], bytes);
    assert_memory_equal(s[0], s[1], bytes);
    assert_memory_equal(rs[0], rs[1], sizeof rs[0]);
    assert_true(o[0].reserve_cost == o[1].reserve_cost && o[0].term_credit == o[1].term_credit &&
                o[0].term_penalty == o[1].term_penalty);
    /* batched and the per-path loop, and the oracle */
    int drawn = 0, credited = 0, short_end = 0;
    for (long k = 0; k < n; k++) {
        double c3, p3, s3;
        assert_true(close_rel(c[0][k], c[2][k], 1e-12));
        assert_true(close_rel(sp[0][k], sp[2][k], 1e-12));
        assert_true(close_rel(s[0][k], s[2][k], 1e-12));
        hp_mc_eval_path_spend(&r.pb, r.a + (size_t)k * 10, &c3, &p3, &s3, NULL);
        assert_true(close_rel(c[0][k], c3, 1e-12) && close_rel(sp[0][k], p3, 1e-12));
        assert_true(c[0][k] - sp[0][k] >= -1e-9); /* the penalty is never negative */
    }
    for (int it = 0; it < 15; it++) {
        assert_true(fabs(rs[0][it] - rs[2][it]) < 1e-9);
        assert_true(fabs(so[0][it] - so[2][it]) < 1e-12);
        drawn |= rs[0][it] > 0;
    }
    credited = o[0].term_credit > 0;
    short_end = o[0].term_short_qty > 0;
    assert_true(drawn && credited && short_end); /* the mechanisms were exercised */
    assert_true(close_rel(o[0].reserve_cost, o[2].reserve_cost, 1e-12));
    assert_true(close_rel(o[0].term_credit, o[2].term_credit, 1e-12));
    assert_true(close_rel(o[0].term_penalty, o[2].term_penalty, 1e-12));
    assert_true(close_rel(o[0].spot_cost, o[2].spot_cost, 1e-12));
    for (int m = 0; m < 3; m++) {
        free(c[m]);
        free(s[m]);
        free(sp[m]);
    }
    randprob_free(&r);
}

/* Bit-identical results with one worker or two (blocks fixed by index). */
static void test_threads_identical(void **state)
{
    (void)state;
    randprob r;
    long n = 3000;
    randprob_make(&r, 12, 2, 8, n);
    double *c1 = malloc((size_t)n * sizeof(double)), *s1 = malloc((size_t)n * sizeof(double));
    double *c2 = malloc((size_t)n * sizeof(double)), *s2 = malloc((size_t)n * sizeof(double));
    double so1[16], so2[16];
    hp_mc_out o1, o2;
    run_rand(&r, 1, 1, 0, c1, s1, so1, &o1);
    run_rand(&r, 1, 2, 0, c2, s2, so2, &o2);
    assert_memory_equal(c1, c2, (size_t)n * sizeof(double));
    assert_memory_equal(s1, s2, (size_t)n * sizeof(double));
    assert_memory_equal(so1, so2, sizeof so1);
    assert_true(o1.purchase == o2.purchase && o1.holding == o2.holding);
    free(c1);
    free(s1);
    free(c2);
    free(s2);
    randprob_free(&r);
}

static int stop_at_once(void *ctx, long done, long total)
{
    (void)ctx;
    (void)total;
    return done > 0;
}

static void test_stop(void **state)
{
    (void)state;
    randprob r;
    long n = 500;
    randprob_make(&r, 4, 1, 4, n);
    double *c = malloc((size_t)n * sizeof(double)), *s = malloc((size_t)n * sizeof(double));
    rows rw = {r.a, 4};
    hp_mc_opts o;
    hp_mc_out out;
    hp_mc_opts_default(&o);
    o.threads = 1;
    o.block = 16;
    o.progress = stop_at_once;
    memset(&out, 0, sizeof out);
    out.path_cost = c;
    out.path_shortage = s;
    assert_int_equal(hp_mc_run(&r.pb, n, fill_rows, &rw, &o, &out), HP_OK);
    assert_true(out.stopped);
    assert_int_equal(out.done, 16);
    free(c);
    free(s);
    randprob_free(&r);
}

/* 1..100 equally likely: p50 = 50, p90 = 90, p95 = 95, p99 = 99; CVaR95 is
 * the mean of the top five, 98; mean 50.5, sd = sqrt(100*101/12) = 29.011,
 * se = sd / 10. */
static void test_summary_equal(void **state)
{
    (void)state;
    double x[100];
    for (int i = 0; i < 100; i++)
        x[i] = (double)(100 - i); /* unsorted on purpose */
    hp_mc_stat s;
    assert_int_equal(hp_mc_summarise(x, NULL, 100, &s), HP_OK);
    assert_true(fabs(s.mean - 50.5) < 1e-12);
    assert_true(s.p50 == 50 && s.p90 == 90 && s.p95 == 95 && s.p99 == 99);
    assert_true(fabs(s.cvar95 - 98) < 1e-12);
    assert_true(fabs(s.sd - sqrt(100.0 * 101.0 / 12.0)) < 1e-9);
    assert_true(fabs(s.se - s.sd / 10) < 1e-12);
    assert_true(s.min == 1 && s.max == 100);
}

/* Values 1, 2, 3 with probabilities 0.5, 0.3, 0.2: median 1, p90 3;
 * CVaR at 0.6: VaR 2, tail 40 % = 0.2 at 3 and 0.2 at 2, mean 2.5. */
static void test_summary_weighted(void **state)
{
    (void)state;
    const double x[3] = {3, 1, 2}, w[3] = {0.2, 0.5, 0.3};
    double q, cv;
    assert_int_equal(hp_mc_quantile(x, w, 3, 0.5, &q), HP_OK);
    assert_true(q == 1);
    assert_int_equal(hp_mc_quantile(x, w, 3, 0.9, &q), HP_OK);
    assert_true(q == 3);
    assert_int_equal(hp_mc_cvar(x, w, 3, 0.6, &cv), HP_OK);
    assert_true(fabs(cv - 2.5) < 1e-12);
    hp_mc_stat s;
    assert_int_equal(hp_mc_summarise(x, w, 3, &s), HP_OK);
    assert_true(fabs(s.mean - 1.7) < 1e-12 && s.se == 0);
    double edges[3], prob[2];
    assert_int_equal(hp_mc_histogram(x, w, 3, 2, edges, prob), HP_OK);
    assert_true(edges[0] == 1 && edges[1] == 2 && edges[2] == 3);
    assert_true(fabs(prob[0] - 0.5) < 1e-12 && fabs(prob[1] - 0.5) < 1e-12);
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Selection-based quantiles against a full sort, on data with many ties
 * (values rounded to 20 levels) and on distinct values. */
static void test_summary_vs_sort(void **state)
{
    (void)state;
    for (int ties = 0; ties < 2; ties++) {
        long n = 10007;
        double *x = malloc((size_t)n * sizeof *x), *y = malloc((size_t)n * sizeof *y);
        for (long i = 0; i < n; i++)
            x[i] = ties ? floor(20 * rnd()) : rnd() * rnd();
        memcpy(y, x, (size_t)n * sizeof *x);
        qsort(y, (size_t)n, sizeof *y, cmp_d);
        hp_mc_stat s;
        assert_int_equal(hp_mc_summarise(x, NULL, n, &s), HP_OK);
        const double ps[4] = {0.5, 0.9, 0.95, 0.99};
        const double got[4] = {s.p50, s.p90, s.p95, s.p99};
        for (int k = 0; k < 4; k++)
            assert_true(got[k] == y[(long)ceil(ps[k] * (double)n) - 1]);
        double var = y[(long)ceil(0.95 * (double)n) - 1], tail = 0;
        for (long i = 0; i < n; i++)
            tail += y[i] > var ? y[i] - var : 0;
        assert_true(fabs(s.cvar95 - (var + tail / (double)n / 0.05)) <
                    1e-12 * (1 + fabs(s.cvar95)));
        assert_true(s.min == y[0] && s.max == y[n - 1]);
        free(x);
        free(y);
    }
}

/* CVaR of small discrete distributions worked by hand (the plan's CVaR and
 * the simulation's CVaR95 are both this function). */
static double cvar(const double *z, const double *p, long n, double alpha)
{
    double v = -1.0;
    assert_int_equal(hp_mc_cvar(z, p, n, alpha, &v), HP_OK);
    return v;
}

static void test_cvar_hand(void **state)
{
    (void)state;
    /* Z = 0 (p .8), 10 (p .2), alpha .9: the worst 10 % is all at 10. */
    double z1[] = {0.0, 10.0}, p1[] = {0.8, 0.2};
    assert_true(fabs(cvar(z1, p1, 2, 0.9) - 10.0) < 1e-9);
    /* Z = 0 (p .95), 10 (p .05), alpha .9: the worst 10 % is half 10, half 0:
     * 5.  RU at eta = 0: 0 + 10 * 0.05 * 10 = 5; at eta = 10: 10. */
    double p2[] = {0.95, 0.05};
    assert_true(fabs(cvar(z1, p2, 2, 0.9) - 5.0) < 1e-9);
    /* Uniform 1, 2, 3, 4 at alpha .5: mean of the top half, 3.5. */
    double z3[] = {4.0, 1.0, 3.0, 2.0}, p3[] = {0.25, 0.25, 0.25, 0.25};
    assert_true(fabs(cvar(z3, p3, 4, 0.5) - 3.5) < 1e-9);
    assert_true(fabs(cvar(z3, NULL, 4, 0.5) - 3.5) < 1e-9);
    /* Same at alpha .75: the top quarter, 4; at .6: (0.25*4 + 0.15*3)/0.4. */
    assert_true(fabs(cvar(z3, p3, 4, 0.75) - 4.0) < 1e-9);
    assert_true(fabs(cvar(z3, p3, 4, 0.6) - (0.25 * 4.0 + 0.15 * 3.0) / 0.4) < 1e-9);
    /* Ties, unsorted: 5 (p .3), 1 (p .4), 5 (p .3), alpha .5: top half all 5. */
    double z4[] = {5.0, 1.0, 5.0}, p4[] = {0.3, 0.4, 0.3};
    assert_true(fabs(cvar(z4, p4, 3, 0.5) - 5.0) < 1e-9);
    /* One value: CVaR is that value. */
    double z5[] = {7.0}, p5[] = {1.0};
    assert_true(fabs(cvar(z5, p5, 1, 0.9) - 7.0) < 1e-9);
    /* All zero. */
    double z6[] = {0.0, 0.0}, p6[] = {0.5, 0.5};
    assert_true(fabs(cvar(z6, p6, 2, 0.9)) < 1e-9);
    /* Outside the contract: no values, alpha outside (0,1). */
    double v;
    assert_int_equal(hp_mc_cvar(z1, p1, 0, 0.9, &v), HP_EINVAL);
    assert_int_equal(hp_mc_cvar(z1, p1, 2, 1.0, &v), HP_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_batched),
        cmocka_unit_test(test_hand_loop),
        cmocka_unit_test(test_batched_equals_loop),
        cmocka_unit_test(test_threads_identical),
        cmocka_unit_test(test_hand2_batched),
        cmocka_unit_test(test_hand2_loop),
        cmocka_unit_test(test_bad_second),
        cmocka_unit_test(test_second_batched_loop_threads),
        cmocka_unit_test(test_stop),
        cmocka_unit_test(test_summary_equal),
        cmocka_unit_test(test_summary_weighted),
        cmocka_unit_test(test_summary_vs_sort),
        cmocka_unit_test(test_cvar_hand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
