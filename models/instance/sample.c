/* Sampling of the disruption process; sample.h documents the generator and
 * the order of the draws, which is part of the contract (a path must not
 * change when the code around it does). */
#include "sample.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define GOLDEN 0x9E3779B97F4A7C15ULL

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Start of the stream of path k: a hash of (seed, k, stream).  mix64 is a
 * bijection, so distinct inputs give distinct starting states. */
static uint64_t path_state(unsigned long seed, long k, uint64_t stream)
{
    uint64_t s =
        mix64((uint64_t)seed ^ mix64(stream * 0xD1B54A32D192ED03ULL + 0x632BE59BD9B4E019ULL));
    return mix64(s + (uint64_t)k * GOLDEN + GOLDEN);
}

static double next_uniform(uint64_t *state)
{
    *state += GOLDEN;
    return ((double)(mix64(*state) >> 11) + 0.5) * 0x1.0p-53;
}

/* Ziggurat tables (Marsaglia and Tsang 2000, 128 layers), built once. */
#define ZIG_R 3.442619855899
static uint32_t zig_k[128];
static double zig_w[128], zig_f[128];
static pthread_once_t zig_once = PTHREAD_ONCE_INIT;

static void zig_init(void)
{
    const double m1 = 2147483648.0, vn = 9.91256303526217e-3;
    double dn = ZIG_R, tn = dn, q = vn / exp(-0.5 * dn * dn);
    zig_k[0] = (uint32_t)((dn / q) * m1);
    zig_k[1] = 0;
    zig_w[0] = q / m1;
    zig_w[127] = dn / m1;
    zig_f[0] = 1.0;
    zig_f[127] = exp(-0.5 * dn * dn);
    for (int i = 126; i >= 1; i--) {
        dn = sqrt(-2.0 * log(vn / dn + exp(-0.5 * dn * dn)));
        zig_k[i + 1] = (uint32_t)((dn / tn) * m1);
        tn = dn;
        zig_f[i] = exp(-0.5 * dn * dn);
        zig_w[i] = dn / m1;
    }
}

/* The ziggurat's rare cases (about 1 % of draws): the wedge of layer iz,
 * the tail beyond ZIG_R, or a fresh word after a rejection. */
static double __attribute__((noinline)) normal_slow(uint64_t *state, int32_t hz, int iz);

/* A standard normal; the layer from the low 7 bits of the word, the signed
 * 32-bit value from the high half. */
static inline double next_normal(uint64_t *state)
{
    *state += GOLDEN;
    uint64_t w = mix64(*state);
    int32_t hz = (int32_t)(uint32_t)(w >> 32);
    int iz = (int)(w & 127u);
    int64_t ahz = hz < 0 ? -(int64_t)hz : (int64_t)hz;
    if (ahz < (int64_t)zig_k[iz])
        return (double)hz * zig_w[iz];
    return normal_slow(state, hz, iz);
}

static double normal_slow(uint64_t *state, int32_t hz, int iz)
{
    for (;;) {
        double x = (double)hz * zig_w[iz];
        if (iz == 0) {
            double xx, yy;
            do {
                xx = -log(next_uniform(state)) / ZIG_R;
                yy = -log(next_uniform(state));
            } while (yy + yy < xx * xx);
            return hz > 0 ? ZIG_R + xx : -ZIG_R - xx;
        }
        if (zig_f[iz] + next_uniform(state) * (zig_f[iz - 1] - zig_f[iz]) < exp(-0.5 * x * x))
            return x;
        *state += GOLDEN;
        uint64_t w = mix64(*state);
        hz = (int32_t)(uint32_t)(w >> 32);
        iz = (int)(w & 127u);
        int64_t ahz = hz < 0 ? -(int64_t)hz : (int64_t)hz;
        if (ahz < (int64_t)zig_k[iz])
            return (double)hz * zig_w[iz];
    }
}

hp_status hp_sample_normals(unsigned long seed, long path, uint64_t stream, long n, double *out)
{
    if (n < 0 || (n > 0 && !out))
        return HP_EINVAL;
    pthread_once(&zig_once, zig_init);
    uint64_t st = path_state(seed, path, stream);
    for (long i = 0; i < n; i++)
        out[i] = next_normal(&st);
    return HP_OK;
}

double hp_sample_uniform(unsigned long seed, long path, uint64_t stream)
{
    uint64_t st = path_state(seed, path, stream);
    return next_uniform(&st);
}

static double poly7(const double *c, double x)
{
    double v = c[7];
    for (int i = 6; i >= 0; i--)
        v = v * x + c[i];
    return v;
}

/* Wichura, Algorithm AS 241 (PPND16), Applied Statistics 37 (1988) 477-484. */
double hp_norm_quantile(double p)
{
    static const double a[8] = {3.3871328727963666080e0,  1.3314166789178437745e+2,
                                1.9715909503065514427e+3, 1.3731693765509461125e+4,
                                4.5921953931549871457e+4, 6.7265770927008700853e+4,
                                3.3430575583588128105e+4, 2.5090809287301226727e+3};
    static const double b[8] = {1.0,
                                4.2313330701600911252e+1,
                                6.8718700749205790830e+2,
                                5.3941960214247511077e+3,
                                2.1213794301586595867e+4,
                                3.9307895800092710610e+4,
                                2.8729085735721942674e+4,
                                5.2264952788528545610e+3};
    static const double c[8] = {1.42343711074968357734e0,  4.63033784615654529590e0,
                                5.76949722146069140550e0,  3.64784832476320460504e0,
                                1.27045825245236838258e0,  2.41780725177450611770e-1,
                                2.27238449892691845833e-2, 7.74545014278341407640e-4};
    static const double d[8] = {1.0,
                                2.05319162663775882187e0,
                                1.67638483018380384940e0,
                                6.89767334985100004550e-1,
                                1.48103976427480074590e-1,
                                1.51986665636164571966e-2,
                                5.47593808499534494600e-4,
                                1.05075007164441684324e-9};
    static const double e[8] = {6.65790464350110377720e0,  5.46378491116411436990e0,
                                1.78482653991729133580e0,  2.96560571828504891230e-1,
                                2.65321895265761230930e-2, 1.24266094738807843860e-3,
                                2.71155556874348757815e-5, 2.01033439929228813265e-7};
    static const double f[8] = {1.0,
                                5.99832206555887937690e-1,
                                1.36929880922735805310e-1,
                                1.48753612908506148525e-2,
                                7.86869131145613259100e-4,
                                1.84631831751005468180e-5,
                                1.42151175831644588870e-7,
                                2.04426310338993978564e-15};
    if (!(p > 0.0))
        return -HUGE_VAL;
    if (!(p < 1.0))
        return HUGE_VAL;
    double q = p - 0.5;
    if (fabs(q) <= 0.425) {
        double r = 0.180625 - q * q;
        return q * poly7(a, r) / poly7(b, r);
    }
    double r = sqrt(-log(q < 0.0 ? p : 1.0 - p));
    double v;
    if (r <= 5.0) {
        r -= 1.6;
        v = poly7(c, r) / poly7(d, r);
    } else {
        r -= 5.0;
        v = poly7(e, r) / poly7(f, r);
    }
    return q < 0.0 ? -v : v;
}

double hp_norm_cdf(double x)
{
    return 0.5 * erfc(-x / sqrt(2.0));
}

/* What one call needs, prepared once per call (cheap next to the paths). */
typedef struct sampler {
    int E, J, T;
    const hp_devent *ev;
    const double *chol;   /* NULL: identity */
    double *thr;          /* start threshold: p_e (independent) or Phi^-1(p_e) */
    unsigned char *indep; /* 1: independent of every other event (uniform test) */
    int *hit_start;       /* hits of e: hit_list[hit_start[e] .. hit_start[e+1]) */
    int *hit_list;
    int *left; /* quarters left to run, per event */
    double *z; /* normals n of the current quarter (0 for independent events) */
    double *g; /* 1 where the event starts this quarter */
} sampler;

static void sampler_free(sampler *s)
{
    free(s->thr);
    free(s->indep);
    free(s->hit_start);
    free(s->hit_list);
    free(s->left);
    free(s->z);
    free(s->g);
}

static hp_status sampler_init(sampler *s, const hp_instance *in)
{
    hp_status st = HP_OK;
    int E = in->n_devents, J = in->n_suppliers, nh = 0;
    memset(s, 0, sizeof *s);
    s->E = E;
    s->J = J;
    s->T = in->T;
    s->ev = in->devents;
    s->chol = in->chol;
    size_t ne = (size_t)(E > 0 ? E : 1);
    s->thr = malloc(ne * sizeof *s->thr);
    s->indep = malloc(ne);
    s->hit_start = malloc((ne + 1) * sizeof *s->hit_start);
    s->hit_list = malloc(ne * (size_t)(J > 0 ? J : 1) * sizeof *s->hit_list);
    s->left = calloc(ne, sizeof *s->left);
    s->z = malloc(ne * sizeof *s->z);
    s->g = malloc(ne * sizeof *s->g);
    if (!s->thr || !s->indep || !s->hit_start || !s->hit_list || !s->left || !s->z || !s->g) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (int e = 0; e < E; e++) {
        const hp_devent *d = &in->devents[e];
        int ind = 1;
        for (int f = 0; s->chol && f < E; f++)
            if (f != e && (s->chol[(size_t)e * (size_t)E + (size_t)f] != 0.0 ||
                           s->chol[(size_t)f * (size_t)E + (size_t)e] != 0.0))
                ind = 0;
        s->indep[e] = (unsigned char)ind;
        s->thr[e] = ind ? d->probability : hp_norm_quantile(d->probability);
        s->hit_start[e] = nh;
        for (int j = 0; j < J; j++) {
            int hit = d->supplier >= 0
                          ? d->supplier == j
                          : (d->region_idx >= 0 && in->suppliers[j].region_idx == d->region_idx);
            if (hit)
                s->hit_list[nh++] = j;
        }
    }
    s->hit_start[E] = nh;
cleanup:
    if (st != HP_OK)
        sampler_free(s);
    return st;
}

/* One path: a (J*T, [j*T+t]) and optionally the running/start marks (E*T).
 * The draw of event e is made whatever happens; g_e (and so the start
 * test) is computed only when e may start, since nothing else reads it. */
static void sample_path(sampler *s, uint64_t state, double *a, unsigned char *running,
                        unsigned char *starts);

/* Quarters from..T-1 of a path whose events have s->left[e] quarters still
 * to run at `from` (set by the caller); a, running and starts as below. */
static void sample_from(sampler *s, uint64_t state, int from, double *a, unsigned char *running,
                        unsigned char *starts)
{
    int E = s->E, J = s->J, T = s->T;
    int *left = s->left;
    double *n = s->z, *go = s->g;
    for (int t = from; t < T; t++) {
        int any = 0;
        for (int e = 0; e < E; e++) {
            const hp_devent *d = &s->ev[e];
            int may = left[e] == 0 && t >= d->from && t <= d->to;
            double g;
            if (s->indep[e]) {
                g = next_uniform(&state);
                n[e] = 0.0;
            } else {
                n[e] = next_normal(&state);
                g = 0.0;
                if (may) {
                    const double *row = s->chol + (size_t)e * (size_t)E;
                    for (int f = 0; f <= e; f++)
                        g += row[f] * n[f];
                }
            }
            go[e] = may && g < s->thr[e];
            any |= go[e] != 0.0;
        }
        for (int e = 0; any && e < E; e++) {
            if (go[e] == 0.0)
                continue;
            const hp_devent *d = &s->ev[e];
            double u = next_uniform(&state);
            int D = d->dmin + (int)(u * (double)(d->dmax - d->dmin + 1));
            left[e] = D > d->dmax ? d->dmax : D;
            if (starts)
                starts[(size_t)e * (size_t)T + (size_t)t] = 1;
        }
        for (int j = 0; j < J; j++)
            a[(size_t)j * (size_t)T + (size_t)t] = 1.0;
        for (int e = 0; e < E; e++) {
            if (left[e] <= 0)
                continue;
            double fac = s->ev[e].factor;
            for (int h = s->hit_start[e]; h < s->hit_start[e + 1]; h++)
                a[(size_t)s->hit_list[h] * (size_t)T + (size_t)t] *= fac;
            if (running)
                running[(size_t)e * (size_t)T + (size_t)t] = 1;
            left[e]--;
        }
    }
}

static void sample_path(sampler *s, uint64_t state, double *a, unsigned char *running,
                        unsigned char *starts)
{
    for (int e = 0; e < s->E; e++)
        s->left[e] = 0;
    sample_from(s, state, 0, a, running, starts);
}

hp_status hp_sample_paths(const hp_instance *in, unsigned long seed, long first, long n,
                          double *avail, unsigned char *running, unsigned char *starts)
{
    hp_status st = HP_OK;
    sampler s;
    int have = 0;
    if (!in || first < 0 || n < 0 || (n > 0 && !avail))
        return HP_EINVAL;
    pthread_once(&zig_once, zig_init);
    HP_CALL(sampler_init(&s, in));
    have = 1;
    size_t JT = (size_t)in->n_suppliers * (size_t)in->T;
    size_t ET = (size_t)in->n_devents * (size_t)in->T;
    if (running)
        memset(running, 0, (size_t)n * ET);
    if (starts)
        memset(starts, 0, (size_t)n * ET);
    for (long k = 0; k < n; k++)
        sample_path(&s, path_state(seed, first + k, 0), avail + (size_t)k * JT,
                    running ? running + (size_t)k * ET : NULL,
                    starts ? starts + (size_t)k * ET : NULL);
cleanup:
    if (have)
        sampler_free(&s);
    return st;
}

hp_status hp_sample_avail(const hp_instance *in, unsigned long seed, long first, long n,
                          double *avail)
{
    return hp_sample_paths(in, seed, first, n, avail, NULL, NULL);
}

hp_status hp_sample_continue(const hp_instance *in, unsigned long seed, long key, int from,
                             const int *ran, long n, double *avail)
{
    hp_status st = HP_OK;
    sampler s;
    int have = 0, E, T;
    if (!in || key < 0 || n < 0 || n > HP_SAMPLE_MAX_CONTINUE || from < 0 || from > in->T ||
        (n > 0 && !avail) || (in->n_devents > 0 && !ran))
        return HP_EINVAL;
    E = in->n_devents;
    T = in->T;
    for (int e = 0; e < E; e++)
        if (ran[e] < 0 || ran[e] > in->devents[e].dmax)
            return HP_EINVAL;
    pthread_once(&zig_once, zig_init);
    HP_CALL(sampler_init(&s, in));
    have = 1;
    size_t JT = (size_t)in->n_suppliers * (size_t)T;
    for (long k = 0; k < n; k++) {
        /* one stream per (seed, key, from, k), clear of the paths' streams
         * 0 and 1 and of the test streams */
        uint64_t stream = (1ULL << 40) + ((uint64_t)from << 24) + (uint64_t)k;
        uint64_t state = path_state(seed, key, stream);
        double *a = avail + (size_t)k * JT;
        for (size_t c = 0; c < JT; c++)
            a[c] = 1.0;
        for (int e = 0; e < E; e++) {
            const hp_devent *d = &in->devents[e];
            s.left[e] = 0;
            if (ran[e] > 0) {
                /* D uniform on dmin..dmax given D >= ran[e] */
                int lo = d->dmin > ran[e] ? d->dmin : ran[e];
                double u = next_uniform(&state);
                int D = lo + (int)(u * (double)(d->dmax - lo + 1));
                s.left[e] = (D > d->dmax ? d->dmax : D) - ran[e];
            }
        }
        sample_from(&s, state, from, a, NULL, NULL);
    }
cleanup:
    if (have)
        sampler_free(&s);
    return st;
}
