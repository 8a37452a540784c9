/* Summaries of Monte-Carlo samples (montecarlo.h): mean, standard error,
 * lower quantiles, CVaR and histograms of weighted samples.  The one CVaR of
 * the program (plans and simulations) is hp_mc_cvar(). */
#include "montecarlo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct wpair {
    double x, w;
} wpair;

static int cmp_pair(const void *a, const void *b)
{
    double x = ((const wpair *)a)->x, y = ((const wpair *)b)->x;
    return (x > y) - (x < y);
}

/* A sorted view of the sample: values and cumulative weights (total W). */
typedef struct sorted {
    long n;
    double *x;   /* sorted values */
    double *cum; /* cum[i] = weight of x[0..i]; NULL for equal weights */
    double W;
    long lo; /* equal weights: x[lo..] holds what later quantiles need */
} sorted;

static void sorted_free(sorted *s)
{
    free(s->x);
    free(s->cum);
}

static hp_status sorted_make(const double *x, const double *w, long n, sorted *s)
{
    memset(s, 0, sizeof *s);
    s->n = n;
    s->x = malloc((size_t)n * sizeof *s->x);
    if (!s->x)
        return HP_ENOMEM;
    if (!w) {
        memcpy(s->x, x, (size_t)n * sizeof *x);
        s->W = 1.0;
        return HP_OK;
    }
    wpair *p = malloc((size_t)n * sizeof *p);
    s->cum = malloc((size_t)n * sizeof *s->cum);
    if (!p || !s->cum) {
        free(p);
        sorted_free(s);
        return HP_ENOMEM;
    }
    for (long i = 0; i < n; i++) {
        p[i].x = x[i];
        p[i].w = w[i];
    }
    qsort(p, (size_t)n, sizeof *p, cmp_pair);
    double c = 0.0;
    for (long i = 0; i < n; i++) {
        s->x[i] = p[i].x;
        c += p[i].w;
        s->cum[i] = c;
    }
    s->W = c;
    free(p);
    return HP_OK;
}

/* Equal weights need no full sort: the order statistics asked for are
 * placed by selection (Hoare partition, median of three), each search
 * confined to the part right of the previous one because the statistics
 * are asked for in increasing order.  x[lo..n-1] is partitioned so that
 * x[i] <= x[k] for i < k and x[i] >= x[k] for i > k. */
static void select_kth(double *x, long lo, long hi, long k)
{
    while (hi > lo) {
        long mid = lo + (hi - lo) / 2;
        double a = x[lo], b = x[mid], c = x[hi];
        double piv = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
        long i = lo, j = hi;
        while (i <= j) {
            while (x[i] < piv)
                i++;
            while (x[j] > piv)
                j--;
            if (i <= j) {
                double t = x[i];
                x[i] = x[j];
                x[j] = t;
                i++;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return;
    }
}

/* Index of the lower p-quantile among n equally likely values. */
static long q_index(double p, long n)
{
    long i = (long)ceil(p * (double)n - 1e-9) - 1;
    return i < 0 ? 0 : i > n - 1 ? n - 1 : i;
}

/* Least sorted value whose cumulative probability reaches p.  The 1e-12
 * slack keeps p * n from missing an exact index by a rounding error. */
static double sorted_quantile(sorted *s, double p)
{
    if (!s->cum) {
        long i = q_index(p, s->n);
        select_kth(s->x, s->lo, s->n - 1, i);
        s->lo = i;
        return s->x[i];
    }
    double target = p * s->W - 1e-12 * s->W;
    long lo = 0, hi = s->n - 1;
    while (lo < hi) {
        long mid = lo + (hi - lo) / 2;
        if (s->cum[mid] >= target)
            hi = mid;
        else
            lo = mid + 1;
    }
    return s->x[lo];
}

hp_status hp_mc_quantile(const double *x, const double *w, long n, double p, double *q)
{
    sorted s;
    hp_status st;
    if (n < 1 || !x || !q)
        return HP_EINVAL;
    st = sorted_make(x, w, n, &s);
    if (st != HP_OK)
        return st;
    *q = sorted_quantile(&s, p);
    sorted_free(&s);
    return HP_OK;
}

/* The Rockafellar-Uryasev function F(eta) = eta + 1/(1-alpha) E max(0, X -
 * eta) is convex and piecewise linear with breakpoints at the values x_i;
 * its slope is 1 - P(X > eta)/(1-alpha), negative below min x and 1 above
 * max x, so its minimum is attained at one of the x_i (the alpha-quantile).
 * Sorted ascending, F(x_k) = x_k + S_k/(1-alpha) with
 * S_k = sum_{i>k} w_i (x_i - x_k), built from the top by
 * S_k = S_{k+1} + (sum_{i>k} w_i) (x_{k+1} - x_k): sums of non-negative
 * terms only, so the minimum over k is exact up to rounding.  Equal weights
 * need the full sort too (the quantiles of hp_mc_summarise() do not): one
 * algorithm for plans and simulations keeps their CVaRs comparable digit for
 * digit. */
hp_status hp_mc_cvar(const double *x, const double *w, long n, double alpha, double *cvar)
{
    wpair *a;
    double best, tail_p = 0.0, excess = 0.0;
    if (n < 1 || !x || !cvar || !(alpha > 0.0 && alpha < 1.0))
        return HP_EINVAL;
    a = malloc((size_t)n * sizeof *a);
    if (!a)
        return HP_ENOMEM;
    for (long i = 0; i < n; i++) {
        a[i].x = x[i];
        a[i].w = w ? w[i] : 1.0 / (double)n;
    }
    qsort(a, (size_t)n, sizeof *a, cmp_pair);
    best = a[n - 1].x;
    for (long k = n - 2; k >= 0; k--) {
        double f;
        tail_p += a[k + 1].w;
        excess += tail_p * (a[k + 1].x - a[k].x);
        f = a[k].x + excess / (1.0 - alpha);
        if (f < best)
            best = f;
    }
    free(a);
    *cvar = best;
    return HP_OK;
}

hp_status hp_mc_summarise(const double *x, const double *w, long n, hp_mc_stat *out)
{
    sorted s;
    hp_status st;
    double W = 0.0, m = 0.0, ss = 0.0;
    if (n < 1 || !x || !out)
        return HP_EINVAL;
    for (long i = 0; i < n; i++) {
        double wi = w ? w[i] : 1.0;
        W += wi;
        m += wi * x[i];
    }
    m /= W;
    for (long i = 0; i < n; i++) {
        double wi = w ? w[i] : 1.0, d = x[i] - m;
        ss += wi * d * d;
    }
    memset(out, 0, sizeof *out);
    out->mean = m;
    if (w) {
        out->sd = sqrt(ss / W);
        out->se = 0.0;
    } else {
        out->sd = n > 1 ? sqrt(ss / (double)(n - 1)) : 0.0;
        out->se = out->sd / sqrt((double)n);
    }
    st = sorted_make(x, w, n, &s);
    if (st != HP_OK)
        return st;
    out->min = out->max = x[0];
    for (long i = 1; i < n; i++) {
        out->min = x[i] < out->min ? x[i] : out->min;
        out->max = x[i] > out->max ? x[i] : out->max;
    }
    /* increasing levels: each selection works right of the previous one */
    out->p50 = sorted_quantile(&s, 0.50);
    out->p90 = sorted_quantile(&s, 0.90);
    out->p95 = sorted_quantile(&s, 0.95);
    out->p99 = sorted_quantile(&s, 0.99);
    sorted_free(&s);
    return hp_mc_cvar(x, w, n, 0.95, &out->cvar95);
}

hp_status hp_mc_histogram(const double *x, const double *w, long n, int nbins, double *edges,
                          double *prob)
{
    if (n < 1 || nbins < 1 || !x || !edges || !prob)
        return HP_EINVAL;
    double lo = x[0], hi = x[0], W = 0.0;
    for (long i = 0; i < n; i++) {
        lo = x[i] < lo ? x[i] : lo;
        hi = x[i] > hi ? x[i] : hi;
        W += w ? w[i] : 1.0;
    }
    double width = (hi - lo) / nbins;
    for (int b = 0; b <= nbins; b++)
        edges[b] = lo + width * b;
    edges[nbins] = hi;
    memset(prob, 0, (size_t)nbins * sizeof *prob);
    for (long i = 0; i < n; i++) {
        int b = width > 0.0 ? (int)((x[i] - lo) / width) : 0;
        if (b >= nbins)
            b = nbins - 1;
        if (b < 0)
            b = 0;
        prob[b] += (w ? w[i] : 1.0) / W;
    }
    return HP_OK;
}
