/* Monte-Carlo evaluation of a fixed plan: blocks of paths, arrivals as one
 * dgemm per block, the recourse rule (mc_rule.c) vectorised along the paths
 * of a block, its outcomes summed with one dgemv.  BLAS calls go through
 * hp_blas (blas_dl.h: OpenBLAS is loaded by the first run, not at
 * start-up). */
#include "montecarlo.h"

#include "blas_dl.h"
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mc_int.h"

/* Short names for the block sums of mc_int.h. */
enum { S_PURCHASE = HPI_MC_S_PURCHASE, S_FIXED = HPI_MC_S_FIXED, S_N = HPI_MC_S_N };
enum {
    V_STOCKOUT = HPI_MC_V_STOCKOUT,
    V_UNMET = HPI_MC_V_UNMET,
    V_SPOT = HPI_MC_V_SPOT,
    V_STOCK = HPI_MC_V_STOCK,
    V_OVER = HPI_MC_V_OVER,
    V_BELOW = HPI_MC_V_BELOW,
    V_RES = HPI_MC_V_RES,
    V_TSHORT = HPI_MC_V_TSHORT,
    V_Z = HPI_MC_V_Z,
    V_ARR = HPI_MC_V_ARR,
    V_N = HPI_MC_V_N
};

void hp_mc_opts_default(hp_mc_opts *o)
{
    memset(o, 0, sizeof *o);
    o->batched = 1;
}

/* CPU time of the calling thread: the shares of sampling, arrivals and
 * recourse stay meaningful when other processes compete for the cores. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Block size: the block's availability, arrivals, rule outcomes and
 * per-path state in about 384 KiB, inside a core's L2 (512 KiB and more on
 * current x86 cores). */
static int auto_block(int n_src, int ncol)
{
    long per_path = 8L * (n_src + ncol + (long)V_Z * (ncol - 1) + 6);
    long nb = (384L * 1024L) / per_path;
    if (nb < 16)
        nb = 16;
    if (nb > 2048)
        nb = 2048;
    return (int)(nb & ~7L);
}

typedef struct shared {
    const hp_mc_problem *pb;
    const hp_mc_opts *o;
    hp_mc_out *out;
    hp_mc_fill_fn fill;
    void *fill_ctx;
    long n_paths;
    int ncol, IP, block;
    long n_blocks;
    double *part;         /* n_blocks x (S_N + V_N * IP) */
    unsigned char *bdone; /* per block */
    int *nz_col;          /* sparse plan for the per-path loop: per source column */
    double *nz_val;
    int *nz_start;
    pthread_mutex_t mu;
    long next_block, paths_done;
    int stop;
    hp_status err;
    double t_fill, t_arr, t_rec;
} shared;

static double path_w(const shared *sh, long k)
{
    return sh->o->path_weight ? sh->o->path_weight[k] : 1.0 / (double)sh->n_paths;
}

void hp_mc_eval_path_spend(const hp_mc_problem *pb, const double *a, double *cost, double *spend,
                           double *shortage, double *unmet)
{
    int ncol = pb->n_item * pb->n_per + 1;
    double *arr = calloc((size_t)ncol, sizeof *arr);
    if (!arr) {
        *cost = *spend = *shortage = NAN;
        return;
    }
    for (int c = 0; c < pb->n_src; c++)
        for (int col = 0; col < ncol; col++)
            arr[col] += a[c] * pb->plan[(size_t)c * (size_t)ncol + (size_t)col];
    hpi_mc_rule_path(pb, a, arr, 0.0, NULL, cost, spend, shortage, unmet);
    free(arr);
}

void hp_mc_eval_path(const hp_mc_problem *pb, const double *a, double *cost, double *shortage,
                     double *unmet)
{
    double spend;
    hp_mc_eval_path_spend(pb, a, cost, &spend, shortage, unmet);
}

/* Batched rule over nb paths: availability A, arrivals C (ncol x nb, path
 * index fastest); the outcomes go to Z and their weighted sums over the
 * block are one dgemv, Z w.  spend: the path spends (nb), scratch 3 nb. */
static void rule_block(const shared *sh, const double *A, const double *C, int nb, long first,
                       double *spend, double *scratch, double *w, double *Z, double *part)
{
    const hp_mc_problem *pb = sh->pb;
    int IP = sh->IP;
    const double *purch = C + (size_t)IP * (size_t)nb;
    for (int k = 0; k < nb; k++)
        w[k] = path_w(sh, first + k);
    hpi_mc_rule_block(pb, A, C, nb, sh->out->path_cost + first, spend,
                      sh->out->path_shortage + first, scratch, Z);
    double sp = 0.0, wsum = 0.0;
    for (int k = 0; k < nb; k++) {
        sp += w[k] * purch[k];
        wsum += w[k];
    }
    part[S_PURCHASE] += sp;
    part[S_FIXED] += wsum * pb->fixed_cost;
    hp_blas.cblas_dgemv(CblasRowMajor, CblasNoTrans, V_Z * IP, nb, 1.0, Z, nb, w, 1, 1.0,
                        part + S_N, 1);
    hp_blas.cblas_dgemv(CblasRowMajor, CblasNoTrans, IP, nb, 1.0, C, nb, w, 1, 1.0,
                        part + S_N + (size_t)V_ARR * (size_t)IP, 1);
}

/* Per-path loop: each path's arrivals from the plan's nonzeros (C holds
 * them, one row of ncol per path), then the scalar rule path by path. */
static void loop_block(shared *sh, const double *A, int nb, long first, double *C, double *spend,
                       double *part, double *t_arr, double *t_rec)
{
    const hp_mc_problem *pb = sh->pb;
    int ncol = sh->ncol;
    double t0 = cpu_now();
    for (int k = 0; k < nb; k++) {
        const double *a = A + (size_t)k * (size_t)pb->n_src;
        double *arr = C + (size_t)k * (size_t)ncol;
        memset(arr, 0, (size_t)ncol * sizeof *arr);
        for (int c = 0; c < pb->n_src; c++) {
            double ac = a[c];
            if (ac == 0.0)
                continue;
            for (int q = sh->nz_start[c]; q < sh->nz_start[c + 1]; q++)
                arr[sh->nz_col[q]] += ac * sh->nz_val[q];
        }
    }
    double t1 = cpu_now();
    for (int k = 0; k < nb; k++)
        hpi_mc_rule_path(pb, A + (size_t)k * (size_t)pb->n_src, C + (size_t)k * (size_t)ncol,
                         path_w(sh, first + k), part, &sh->out->path_cost[first + k], &spend[k],
                         &sh->out->path_shortage[first + k], NULL);
    *t_arr += t1 - t0;
    *t_rec += cpu_now() - t1;
}

static void *worker(void *arg)
{
    shared *sh = arg;
    const hp_mc_problem *pb = sh->pb;
    int nbmax = sh->block, ncol = sh->ncol;
    size_t pstride = (size_t)S_N + (size_t)V_N * (size_t)sh->IP;
    double *A = malloc((size_t)nbmax * (size_t)pb->n_src * sizeof *A);
    double *C = malloc((size_t)nbmax * (size_t)ncol * sizeof *C);
    double *scratch = malloc(3 * (size_t)nbmax * sizeof *scratch);
    double *spend = malloc((size_t)nbmax * sizeof *spend);
    double *w = malloc((size_t)nbmax * sizeof *w);
    double *Z =
        sh->o->batched ? malloc((size_t)V_Z * (size_t)sh->IP * (size_t)nbmax * sizeof *Z) : NULL;
    double tf = 0.0, ta = 0.0, tr = 0.0;
    if (!A || !C || !scratch || !spend || !w || (sh->o->batched && !Z)) {
        pthread_mutex_lock(&sh->mu);
        sh->err = HP_ENOMEM;
        sh->stop = 1;
        pthread_mutex_unlock(&sh->mu);
        goto cleanup;
    }
    for (;;) {
        long b;
        pthread_mutex_lock(&sh->mu);
        if (sh->o->cancel && *sh->o->cancel)
            sh->stop = 1;
        b = sh->stop ? -1 : sh->next_block++;
        pthread_mutex_unlock(&sh->mu);
        if (b < 0 || b >= sh->n_blocks)
            break;
        long first = b * (long)nbmax;
        int nb = (int)(sh->n_paths - first < nbmax ? sh->n_paths - first : nbmax);
        double *part = sh->part + (size_t)b * pstride;
        double t0 = cpu_now();
        hp_status st = sh->fill(sh->fill_ctx, first, nb, A);
        double t1 = cpu_now();
        tf += t1 - t0;
        if (st != HP_OK) {
            pthread_mutex_lock(&sh->mu);
            sh->err = st;
            sh->stop = 1;
            pthread_mutex_unlock(&sh->mu);
            break;
        }
        if (sh->o->batched) {
            hp_blas.cblas_dgemm(CblasRowMajor, CblasTrans, CblasTrans, ncol, nb, pb->n_src, 1.0,
                                pb->plan, ncol, A, pb->n_src, 0.0, C, nb);
            double t2 = cpu_now();
            rule_block(sh, A, C, nb, first, spend, scratch, w, Z, part);
            ta += t2 - t1;
            tr += cpu_now() - t2;
        } else {
            loop_block(sh, A, nb, first, C, spend, part, &ta, &tr);
        }
        if (sh->out->path_spend)
            memcpy(sh->out->path_spend + first, spend, (size_t)nb * sizeof *spend);
        pthread_mutex_lock(&sh->mu);
        sh->bdone[b] = 1;
        sh->paths_done += nb;
        if (sh->o->progress && !sh->stop &&
            sh->o->progress(sh->o->progress_ctx, sh->paths_done, sh->n_paths))
            sh->stop = 1;
        pthread_mutex_unlock(&sh->mu);
    }
cleanup:
    pthread_mutex_lock(&sh->mu);
    sh->t_fill += tf;
    sh->t_arr += ta;
    sh->t_rec += tr;
    pthread_mutex_unlock(&sh->mu);
    free(A);
    free(C);
    free(scratch);
    free(spend);
    free(w);
    free(Z);
    return NULL;
}

static hp_status check_problem(const hp_mc_problem *pb)
{
    if (!pb || pb->n_src < 1 || pb->n_item < 1 || pb->n_per < 1 || !pb->plan || !pb->init ||
        !pb->hold || !pb->cap || !pb->short_pen || !pb->safety_pen || !pb->weight || !pb->demand ||
        !pb->inflow || !pb->safety || !pb->spot_cost || !pb->spot_limit)
        return HP_EINVAL;
    if (pb->term_target && (!pb->term_pen || !pb->term_credit))
        return HP_EINVAL;
    if (pb->res_total) {
        int IP = pb->n_item * pb->n_per;
        if (!pb->res_limit || !pb->res_price || !pb->res_theta || !pb->gate_start ||
            pb->gate_start[0] != 0 || (pb->gate_start[IP] > 0 && !pb->gate_col))
            return HP_EINVAL;
        for (int it = 0; it < IP; it++)
            if (pb->gate_start[it + 1] < pb->gate_start[it])
                return HP_EINVAL;
        for (int q = 0; q < pb->gate_start[IP]; q++)
            if (pb->gate_col[q] < 0 || pb->gate_col[q] >= pb->n_src)
                return HP_EINVAL;
    }
    return HP_OK;
}

/* Sparse copy of the plan for the per-path loop. */
static hp_status build_sparse(shared *sh)
{
    const hp_mc_problem *pb = sh->pb;
    size_t nnz = 0, q = 0;
    for (size_t e = 0; e < (size_t)pb->n_src * (size_t)sh->ncol; e++)
        nnz += pb->plan[e] != 0.0;
    sh->nz_start = malloc(((size_t)pb->n_src + 1) * sizeof *sh->nz_start);
    sh->nz_col = malloc((nnz ? nnz : 1) * sizeof *sh->nz_col);
    sh->nz_val = malloc((nnz ? nnz : 1) * sizeof *sh->nz_val);
    if (!sh->nz_start || !sh->nz_col || !sh->nz_val)
        return HP_ENOMEM;
    for (int c = 0; c < pb->n_src; c++) {
        sh->nz_start[c] = (int)q;
        for (int col = 0; col < sh->ncol; col++) {
            double v = pb->plan[(size_t)c * (size_t)sh->ncol + (size_t)col];
            if (v != 0.0) {
                sh->nz_col[q] = col;
                sh->nz_val[q++] = v;
            }
        }
    }
    sh->nz_start[pb->n_src] = (int)q;
    return HP_OK;
}

/* Sums the blocks done, in index order, up to the first block not done. */
static hp_status reduce(shared *sh)
{
    hp_mc_out *out = sh->out;
    int IP = sh->IP;
    size_t pstride = (size_t)S_N + (size_t)V_N * (size_t)IP;
    const hp_mc_problem *pb = sh->pb;
    int T = pb->n_per;
    double s[S_N] = {0};
    double *tot = calloc((size_t)V_N * (size_t)IP, sizeof *tot);
    double *vec[V_N] = {out->stockout, out->unmet,   out->spot, out->stock,   NULL,
                        NULL,          out->reserve, NULL,      out->arrivals};
    if (!tot)
        return HP_ENOMEM;
    out->done = 0;
    for (long b = 0; b < sh->n_blocks && sh->bdone[b]; b++) {
        const double *p = sh->part + (size_t)b * pstride;
        for (int m = 0; m < S_N; m++)
            s[m] += p[m];
        for (size_t q = 0; q < (size_t)V_N * (size_t)IP; q++)
            tot[q] += p[S_N + q];
        long first = b * (long)sh->block;
        out->done = sh->n_paths - first < sh->block ? sh->n_paths : first + sh->block;
    }
    for (int m = 0; m < V_N; m++)
        if (vec[m])
            memcpy(vec[m], tot + (size_t)m * (size_t)IP, (size_t)IP * sizeof(double));
    out->purchase = s[S_PURCHASE];
    out->fixed = s[S_FIXED];
    out->spot_cost = out->holding = out->shortage_cost = out->safety_cost = 0.0;
    out->reserve_cost = out->term_credit = out->term_penalty = 0.0;
    out->unmet_qty = out->spot_qty = out->overflow_qty = 0.0;
    out->reserve_qty = out->term_short_qty = 0.0;
    for (int it = 0; it < IP; it++) {
        int i = it / T;
        if (pb->res_total) {
            out->reserve_cost += pb->res_price[i] * tot[V_RES * IP + it];
            out->reserve_qty += tot[V_RES * IP + it];
        }
        if (pb->term_target && it % T == T - 1) {
            out->term_credit += pb->term_credit[i] * tot[V_STOCK * IP + it];
            out->term_penalty += pb->term_pen[i] * tot[V_TSHORT * IP + it];
            out->term_short_qty += tot[V_TSHORT * IP + it];
        }
        out->spot_cost += pb->spot_cost[it] * tot[V_SPOT * IP + it];
        out->holding += pb->hold[i] * tot[V_STOCK * IP + it];
        out->shortage_cost += pb->short_pen[i] * tot[V_UNMET * IP + it];
        out->safety_cost += pb->safety_pen[i] * tot[V_BELOW * IP + it];
        out->unmet_qty += tot[V_UNMET * IP + it];
        out->spot_qty += tot[V_SPOT * IP + it];
        out->overflow_qty += tot[V_OVER * IP + it];
    }
    free(tot);
    return HP_OK;
}

hp_status hp_mc_run(const hp_mc_problem *pb, long n_paths, hp_mc_fill_fn fill, void *fill_ctx,
                    const hp_mc_opts *opts, hp_mc_out *out)
{
    hp_status st = HP_OK;
    hp_mc_opts defaults;
    shared sh;
    pthread_t *tids = NULL;
    int n_started = 0, old_threads = 0, mutex_ok = 0;
    memset(&sh, 0, sizeof sh);
    if (!opts) {
        hp_mc_opts_default(&defaults);
        opts = &defaults;
    }
    HP_CALL(check_problem(pb));
    HP_CALL(hp_blas_load());
    if (n_paths < 1 || !fill || !out || !out->path_cost || !out->path_shortage) {
        st = HP_EINVAL;
        goto cleanup;
    }
    sh.pb = pb;
    sh.o = opts;
    sh.out = out;
    sh.fill = fill;
    sh.fill_ctx = fill_ctx;
    sh.n_paths = n_paths;
    sh.IP = pb->n_item * pb->n_per;
    sh.ncol = sh.IP + 1;
    sh.block = opts->block > 0 ? opts->block : auto_block(pb->n_src, sh.ncol);
    sh.n_blocks = (n_paths + sh.block - 1) / sh.block;
    size_t pstride = (size_t)S_N + (size_t)V_N * (size_t)sh.IP;
    sh.part = calloc((size_t)sh.n_blocks * pstride, sizeof *sh.part);
    sh.bdone = calloc((size_t)sh.n_blocks, 1);
    if (!sh.part || !sh.bdone) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    if (!opts->batched)
        HP_CALL(build_sparse(&sh));
    if (pthread_mutex_init(&sh.mu, NULL) != 0) {
        st = HP_EINTERNAL;
        goto cleanup;
    }
    mutex_ok = 1;
    old_threads = hp_blas.openblas_get_num_threads();
    int nth = opts->threads > 0 ? opts->threads : old_threads;
    if (nth < 1)
        nth = 1;
    if ((long)nth > sh.n_blocks)
        nth = (int)sh.n_blocks;
    hp_blas.openblas_set_num_threads(1);
    tids = calloc((size_t)nth, sizeof *tids);
    if (!tids) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (int k = 1; k < nth; k++) {
        if (pthread_create(&tids[k], NULL, worker, &sh) != 0)
            break;
        n_started++;
    }
    worker(&sh);
    for (int k = 1; k <= n_started; k++)
        pthread_join(tids[k], NULL);
    hp_blas.openblas_set_num_threads(old_threads);
    old_threads = 0;
    out->threads = n_started + 1;
    out->block = sh.block;
    out->t_fill = sh.t_fill;
    out->t_arrivals = sh.t_arr;
    out->t_recourse = sh.t_rec;
    HP_CALL(sh.err);
    HP_CALL(reduce(&sh));
    out->stopped = out->done < n_paths;
cleanup:
    if (old_threads > 0)
        hp_blas.openblas_set_num_threads(old_threads);
    if (mutex_ok)
        pthread_mutex_destroy(&sh.mu);
    free(tids);
    free(sh.part);
    free(sh.bdone);
    free(sh.nz_start);
    free(sh.nz_col);
    free(sh.nz_val);
    return st;
}
