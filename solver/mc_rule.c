/* The recourse rule of montecarlo.h: per path (the oracle and the per-path
 * loop) and batched along the paths of a block (branch-free, vectorised).
 * Both compute each quantity by the same expressions in the same order, so
 * they agree to rounding (the arrivals differ: a dgemm sums in another
 * order than the loop). */
#include <math.h>
#include <string.h>

#include "mc_int.h"

/* max(x, 0) without a branch, exact for finite x (x + |x| is 2x or 0), so
 * that the batched loop vectorises with plain SSE2; the limits passed to it
 * are finite (HP_MC_BIG for none). */
#define HP_MC_BIG 1e300
static inline double fin(double x)
{
    return x < HP_MC_BIG ? x : HP_MC_BIG;
}

static inline double pos(double x)
{
    return 0.5 * (x + fabs(x));
}

/* max(x, 0) for the per-path rule, where limits may be HUGE_VAL. */
static inline double pmax(double x)
{
    return x > 0.0 ? x : 0.0;
}

/* Whether item i has a reserve the rule may draw: some left and cheaper
 * than going short. */
static int has_reserve(const hp_mc_problem *pb, int i)
{
    return pb->res_total && pb->res_total[i] > 0.0 && pb->res_price[i] < pb->short_pen[i];
}

/* The gate of item-period it on a path of availability a: the smallest
 * availability over its columns is strictly below theta. */
static int gate_open(const hp_mc_problem *pb, const double *a, int i, int it)
{
    double amin = HUGE_VAL;
    for (int q = pb->gate_start[it]; q < pb->gate_start[it + 1]; q++)
        amin = a[pb->gate_col[q]] < amin ? a[pb->gate_col[q]] : amin;
    return amin < pb->res_theta[i];
}

void hpi_mc_rule_path(const hp_mc_problem *pb, const double *a, const double *arr, double w,
                      double *part, double *cost, double *spend, double *shortage, double *unmet)
{
    int IP = pb->n_item * pb->n_per, T = pb->n_per;
    double sp = arr[IP] + pb->fixed_cost, pen = 0.0, sh = 0.0;
    double *v = part ? part + HPI_MC_S_N : NULL;
    if (part) {
        part[HPI_MC_S_PURCHASE] += w * arr[IP];
        part[HPI_MC_S_FIXED] += w * pb->fixed_cost;
    }
    for (int i = 0; i < pb->n_item; i++) {
        int res = has_reserve(pb, i);
        double stock = pb->init[i], left = res ? pb->res_total[i] : 0.0;
        double rp = res ? pb->res_price[i] : 0.0;
        for (int t = 0; t < T; t++) {
            int it = i * T + t;
            double spc = pb->spot_cost[it];
            double lim = spc < pb->short_pen[i] ? pb->spot_limit[it] : 0.0;
            double rl = res && gate_open(pb, a, i, it) ? fmin(pb->res_limit[it], left) : 0.0;
            int res_first = res && rp < spc;
            double s = stock + pb->inflow[it] + arr[it];
            double sf = pmax(pb->demand[it] - s);
            s = pmax(s - pb->demand[it]);
            /* the cheaper source first, then the other */
            double q1 = fmin(sf, res_first ? rl : lim);
            double rest = sf - q1;
            double q2 = fmin(rest, res_first ? lim : rl);
            double r = res_first ? q1 : q2, y = res_first ? q2 : q1;
            double u = rest - q2;
            left -= r;
            double ov = pmax(s - pb->cap[i]);
            s -= ov;
            double below = pmax(pb->safety[it] - s);
            sp += spc * y + rp * r + pb->hold[i] * s;
            pen += pb->short_pen[i] * u + pb->safety_pen[i] * below;
            sh += pb->weight[i] * u;
            stock = s;
            if (unmet)
                unmet[it] = u;
            if (part) {
                v[HPI_MC_V_STOCKOUT * IP + it] += u > HP_MC_STOCKOUT_TOL ? w : 0.0;
                v[HPI_MC_V_UNMET * IP + it] += w * u;
                v[HPI_MC_V_SPOT * IP + it] += w * y;
                v[HPI_MC_V_STOCK * IP + it] += w * s;
                v[HPI_MC_V_OVER * IP + it] += w * ov;
                v[HPI_MC_V_BELOW * IP + it] += w * below;
                v[HPI_MC_V_RES * IP + it] += w * r;
                v[HPI_MC_V_ARR * IP + it] += w * arr[it];
            }
        }
        if (pb->term_target) {
            double e = pmax(pb->term_target[i] - stock);
            sp -= pb->term_credit[i] * stock;
            pen += pb->term_pen[i] * e;
            if (part)
                v[HPI_MC_V_TSHORT * IP + i * T + T - 1] += w * e;
        }
    }
    *cost = sp + pen;
    *spend = sp;
    *shortage = sh;
}

/* GCC's -O2 vectorises only loops without a scalar epilogue; this loop
 * has one (nb is any size), so it asks for the "cheap" cost model. */
#if defined(__GNUC__) && !defined(__clang__)
#define HP_VECTORISE __attribute__((optimize("vect-cost-model=cheap")))
#else
#define HP_VECTORISE
#endif

/* The constants of one item-period: f = 1 when the reserve comes before
 * spot (g = 1 - f), rp its price (0 without a reserve). */
typedef struct step_c {
    double d, R, ss, spc, lim, cap, M, ws, h, wt, rp, f;
} step_c;

/* One item-period of the rule for nb paths, branch-free along k: the
 * source taken first is a blend by f in {0, 1}, exact for finite limits. */
static void HP_VECTORISE rule_step(int nb, const step_c *c, const double *restrict arr,
                                   const double *restrict rl, double *restrict st,
                                   double *restrict left, double *restrict spend,
                                   double *restrict pen, double *restrict shortage,
                                   double *restrict zso, double *restrict zu, double *restrict zy,
                                   double *restrict zs, double *restrict zov, double *restrict zb,
                                   double *restrict zr)
{
    const double d = c->d, R = c->R, ss = c->ss, spc = c->spc, lim = c->lim, cap = c->cap;
    const double M = c->M, ws = c->ws, h = c->h, wt = c->wt, rp = c->rp, f = c->f;
    const double g = 1.0 - f;
    for (int k = 0; k < nb; k++) {
        double s = st[k] + R + arr[k];
        double sf = pos(d - s);
        s = pos(s - d);
        double l1 = f * rl[k] + g * lim, l2 = g * rl[k] + f * lim;
        double q1 = sf - pos(sf - l1);
        double rest = sf - q1;
        double q2 = rest - pos(rest - l2);
        double r = f * q1 + g * q2, y = g * q1 + f * q2;
        double u = rest - q2;
        left[k] -= r;
        double ov = pos(s - cap);
        s -= ov;
        double below = pos(ss - s);
        spend[k] += spc * y + rp * r + h * s;
        pen[k] += M * u + ws * below;
        shortage[k] += wt * u;
        st[k] = s;
        zso[k] = (double)(u > HP_MC_STOCKOUT_TOL);
        zu[k] = u;
        zy[k] = y;
        zs[k] = s;
        zov[k] = ov;
        zb[k] = below;
        zr[k] = r;
    }
}

void hpi_mc_rule_block(const hp_mc_problem *pb, const double *A, const double *C, int nb,
                       double *cost, double *spend, double *shortage, double *scratch, double *Z)
{
    int IP = pb->n_item * pb->n_per, T = pb->n_per;
    double *st = scratch, *left = scratch + nb, *rl = scratch + 2 * nb;
    const double *purch = C + (size_t)IP * (size_t)nb;
    size_t gs = (size_t)IP * (size_t)nb; /* one group of Z */
    for (int k = 0; k < nb; k++) {
        spend[k] = purch[k] + pb->fixed_cost;
        cost[k] = 0.0; /* the penalty until the end */
        shortage[k] = 0.0;
    }
    for (int i = 0; i < pb->n_item; i++) {
        int res = has_reserve(pb, i);
        for (int k = 0; k < nb; k++) {
            st[k] = pb->init[i];
            left[k] = res ? pb->res_total[i] : 0.0;
            rl[k] = 0.0;
        }
        for (int t = 0; t < T; t++) {
            int it = i * T + t;
            size_t row = (size_t)it * (size_t)nb;
            step_c c = {.d = pb->demand[it],
                        .R = pb->inflow[it],
                        .ss = pb->safety[it],
                        .spc = pb->spot_cost[it],
                        .cap = fin(pb->cap[i]),
                        .M = pb->short_pen[i],
                        .ws = pb->safety_pen[i],
                        .h = pb->hold[i],
                        .wt = pb->weight[i],
                        .rp = res ? pb->res_price[i] : 0.0};
            c.lim = c.spc < c.M ? fin(pb->spot_limit[it]) : 0.0;
            c.f = res && c.rp < c.spc ? 1.0 : 0.0;
            if (res) {
                double rmax = fin(pb->res_limit[it]);
                for (int k = 0; k < nb; k++)
                    rl[k] = gate_open(pb, A + (size_t)k * (size_t)pb->n_src, i, it)
                                ? fmin(rmax, left[k])
                                : 0.0;
            }
            rule_step(nb, &c, C + row, rl, st, left, spend, cost, shortage,
                      Z + HPI_MC_V_STOCKOUT * gs + row, Z + HPI_MC_V_UNMET * gs + row,
                      Z + HPI_MC_V_SPOT * gs + row, Z + HPI_MC_V_STOCK * gs + row,
                      Z + HPI_MC_V_OVER * gs + row, Z + HPI_MC_V_BELOW * gs + row,
                      Z + HPI_MC_V_RES * gs + row);
        }
        /* the terminal shortfall sits in the last period's row */
        double *zt = Z + HPI_MC_V_TSHORT * gs + (size_t)i * (size_t)T * (size_t)nb;
        memset(zt, 0, (size_t)T * (size_t)nb * sizeof *zt);
        zt += (size_t)(T - 1) * (size_t)nb;
        if (pb->term_target) {
            const double tt = pb->term_target[i], tp = pb->term_pen[i], tc = pb->term_credit[i];
            for (int k = 0; k < nb; k++) {
                double e = pos(tt - st[k]);
                spend[k] -= tc * st[k];
                cost[k] += tp * e;
                zt[k] = e;
            }
        }
    }
    for (int k = 0; k < nb; k++)
        cost[k] = spend[k] + cost[k];
}
