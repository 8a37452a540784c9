/* hreeplan solver layer: the CBC/CLP backend (built when WITH_CBC=1).
 *
 * The COIN-OR libraries are not linked: cbc_dl.c loads libCbcSolver when
 * the first CBC solver object is made (hpi_cbc_load), so runs with GLPK
 * never load them; a missing library is an error there, not at start-up.
 *
 * LPs go to one persistent CLP model per handle, so re-solves after bound
 * or objective changes warm-start from CLP's basis (dual simplex).  MIPs go
 * to a fresh CBC model per solve (a CBC model cannot be re-solved once
 * branch and bound has changed it), seeded with the previous incumbent as a
 * MIP start.  Two concurrent hpi_cbc.Cbc_solve() calls in one process give wrong
 * answers (an upstream defect), so every CBC solve holds a global mutex;
 * CLP needs none.
 *
 * Conventions match the GLPK backend: minimisation; objective values
 * include the model's constant (kept here, never given to CLP/CBC); row
 * duals are d(objective)/d(rhs); files are written through a GLPK object
 * built from the model so both backends write the same LP/MPS text.
 * CLP's time limit counts CPU seconds (its C API offers no wall clock);
 * CBC's counts elapsed seconds.
 *
 * With hp_solve_opts.interrupt a solve stops within about 50 ms of the flag
 * (cbc_int.h): a MIP solve runs in a child process that is killed, an LP
 * solve is stopped by a watcher thread.  A Ctrl-C that CLP's own handler
 * took during an LP solve is passed on to the program's handler. */
#include "backend.h"
#include "cbc_dl.h"

#include <coin/CbcConfig.h>
#include <coin/ClpConfig.h>

#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbc_int.h"

static pthread_mutex_t cbc_lock = PTHREAD_MUTEX_INITIALIZER;

enum { LAST_NONE = 0, LAST_LP, LAST_MIP };

typedef struct ch {
    const hp_lp *lp; /* the loaded model (outlives the handle) */
    int n, m;
    CoinBigIndex *start; /* column-major copy of the matrix */
    int *index;
    double *value;
    double *clb, *cub, *obj, *rlb, *rub; /* current data, COIN infinities */
    double c0;                           /* objective constant */
    Clp_Simplex *clp;
    int clp_solved; /* CLP holds a basis from an earlier solve */
    int last;
    double *x; /* last MIP solution (n) */
    int have_x;
} ch;

static double coin_inf(double v)
{
    if (v == HUGE_VAL)
        return DBL_MAX;
    if (v == -HUGE_VAL)
        return -DBL_MAX;
    return v;
}

static pthread_once_t version_once = PTHREAD_ONCE_INIT;
static char version_buf[64];

static void make_version(void)
{
    if (hpi_cbc_load(NULL, 0) == HP_OK)
        snprintf(version_buf, sizeof version_buf, "CBC %s (CLP %s)", hpi_cbc.Cbc_getVersion(),
                 hpi_cbc.Clp_Version());
    else
        snprintf(version_buf, sizeof version_buf, "CBC (not installed)");
}

static const char *cbc_version(void)
{
    pthread_once(&version_once, make_version);
    return version_buf;
}

static void free_data(ch *h)
{
    free(h->start);
    free(h->index);
    free(h->value);
    free(h->clb);
    free(h->cub);
    free(h->obj);
    free(h->rlb);
    free(h->rub);
    free(h->x);
    h->start = NULL;
    h->index = NULL;
    h->value = NULL;
    h->clb = h->cub = h->obj = h->rlb = h->rub = h->x = NULL;
}

/* The library, loaded at the first solver object (or by --backend cbc
 * through hp_backend_ready(), which reports a missing library early). */
static hp_status cbc_ready(char *err, size_t errlen)
{
    return hpi_cbc_load(err, errlen);
}

static hp_status cbc_create(void **out)
{
    char err[512];
    ch *h;
    *out = NULL;
    if (hpi_cbc_load(err, sizeof err) != HP_OK) {
        hp_log(0, "%s", err);
        return HP_EIO;
    }
    h = calloc(1, sizeof *h);
    if (!h)
        return HP_ENOMEM;
    h->clp = hpi_cbc.Clp_newModel();
    if (!h->clp) {
        free(h);
        return HP_ENOMEM;
    }
    hpi_cbc.Clp_setLogLevel(h->clp, 0);
    *out = h;
    return HP_OK;
}

static void cbc_destroy(void *vh)
{
    ch *h = vh;
    if (!h)
        return;
    if (h->clp)
        hpi_cbc.Clp_deleteModel(h->clp);
    free_data(h);
    free(h);
}

static hp_status cbc_load(void *vh, const hp_lp *lp)
{
    ch *h = vh;
    int n = hp_lp_ncols(lp), m = hp_lp_nrows(lp);
    size_t nnz = hp_lp_nnz(lp), un = (size_t)n + 1, um = (size_t)(m > 0 ? m : 1);
    const int *ri = hp_lp_coef_rows(lp), *cj = hp_lp_coef_cols(lp);
    const double *cv = hp_lp_coef_vals(lp);
    CoinBigIndex *pos = NULL;

    if (!h)
        return HP_EINVAL;
    free_data(h);
    h->n = n;
    h->m = m;
    h->lp = lp;
    h->start = calloc(un, sizeof *h->start);
    h->index = malloc((nnz ? nnz : 1) * sizeof *h->index);
    h->value = malloc((nnz ? nnz : 1) * sizeof *h->value);
    h->clb = malloc(un * sizeof(double));
    h->cub = malloc(un * sizeof(double));
    h->obj = malloc(un * sizeof(double));
    h->x = malloc(un * sizeof(double));
    h->rlb = malloc(um * sizeof(double));
    h->rub = malloc(um * sizeof(double));
    pos = malloc(un * sizeof *pos);
    if (!h->start || !h->index || !h->value || !h->clb || !h->cub || !h->obj || !h->x || !h->rlb ||
        !h->rub || !pos) {
        free(pos);
        free_data(h);
        return HP_ENOMEM;
    }
    for (size_t k = 0; k < nnz; k++)
        h->start[cj[k] + 1]++;
    for (int j = 0; j < n; j++)
        h->start[j + 1] += h->start[j];
    memcpy(pos, h->start, un * sizeof *pos);
    for (size_t k = 0; k < nnz; k++) {
        CoinBigIndex p = pos[cj[k]]++;
        h->index[p] = ri[k];
        h->value[p] = cv[k];
    }
    free(pos);
    for (int j = 0; j < n; j++) {
        h->clb[j] = coin_inf(hp_lp_col_lb(lp, j));
        h->cub[j] = coin_inf(hp_lp_col_ub(lp, j));
        h->obj[j] = hp_lp_obj(lp, j);
    }
    for (int i = 0; i < m; i++) {
        h->rlb[i] = coin_inf(hp_lp_row_lb(lp, i));
        h->rub[i] = coin_inf(hp_lp_row_ub(lp, i));
    }
    h->c0 = hp_lp_obj_const(lp);
    hpi_cbc.Clp_loadProblem(h->clp, n, m, h->start, h->index, h->value, h->clb, h->cub, h->obj,
                            h->rlb, h->rub);
    hpi_cbc.Clp_setObjSense(h->clp, 1.0);
    h->clp_solved = 0;
    h->last = LAST_NONE;
    h->have_x = 0;
    return HP_OK;
}

static hp_status cbc_set_obj(void *vh, const double *obj)
{
    ch *h = vh;
    if (!h || !obj)
        return HP_EINVAL;
    for (int j = 0; j < h->n; j++)
        if (!isfinite(obj[j]))
            return HP_EINVAL;
    memcpy(h->obj, obj, (size_t)h->n * sizeof *obj);
    hpi_cbc.Clp_chgObjCoefficients(h->clp, h->obj);
    return HP_OK;
}

static int bad_bounds(double lb, double ub)
{
    return isnan(lb) || isnan(ub) || lb > ub || lb == HUGE_VAL || ub == -HUGE_VAL;
}

static hp_status cbc_set_col_bounds(void *vh, int col, double lb, double ub)
{
    ch *h = vh;
    if (!h || col < 0 || col >= h->n || bad_bounds(lb, ub))
        return HP_EINVAL;
    h->clb[col] = coin_inf(lb);
    h->cub[col] = coin_inf(ub);
    hpi_cbc.Clp_chgColumnLower(h->clp, h->clb);
    hpi_cbc.Clp_chgColumnUpper(h->clp, h->cub);
    return HP_OK;
}

static hp_status cbc_set_row_bounds(void *vh, int row, double lb, double ub)
{
    ch *h = vh;
    if (!h || row < 0 || row >= h->m || bad_bounds(lb, ub))
        return HP_EINVAL;
    h->rlb[row] = coin_inf(lb);
    h->rub[row] = coin_inf(ub);
    hpi_cbc.Clp_chgRowLower(h->clp, h->rlb);
    hpi_cbc.Clp_chgRowUpper(h->clp, h->rub);
    return HP_OK;
}

/* ---- LP (CLP) ------------------------------------------------------ */

static hp_status cbc_solve_lp(void *vh, const hp_solve_opts *o, hp_solve_result *r)
{
    ch *h = vh;
    Clp_Simplex *m;
    double t0 = hp_seconds();
    int st, watching, stopped, by_signal, max_iter;
    hpi_clp_watch w;

    memset(r, 0, sizeof *r);
    r->status = HP_SOL_FAILED;
    if (!h || !o)
        return HP_EINVAL;
    m = h->clp;
    if (o->interrupt && *o->interrupt)
        return HP_OK; /* HP_SOL_FAILED, as an interrupted solve */
    max_iter = hpi_cbc.maximumIterations(m);
    watching = o->interrupt && hpi_clp_watch_start(&w, m, o->interrupt) == 0;
    hpi_cbc.Clp_setLogLevel(m, o->verbose ? 1 : 0);
    hpi_cbc.Clp_setMaximumSeconds(m, o->time_limit > 0 ? o->time_limit : -1.0);
    if (h->clp_solved)
        hpi_cbc.Clp_dual(m, 0); /* warm start from CLP's basis */
    else if (o->presolve)
        hpi_cbc.Clp_initialDualSolve(m);
    else
        hpi_cbc.Clp_dual(m, 0);
    st = hpi_cbc.Clp_status(m);
    if (st == 2 && !(o->interrupt && *o->interrupt)) {
        /* dual infeasible: the primal is unbounded or infeasible; the
         * primal simplex tells which */
        hpi_cbc.Clp_primal(m, 0);
        st = hpi_cbc.Clp_status(m);
    }
    stopped = watching && hpi_clp_watch_stop(&w);
    /* CLP's own SIGINT handler (installed inside its initial solve) stops
     * the solve by setting the iteration limit to 0, and the signal never
     * reaches hreeplan's handler: a limit of 0 that the watcher did not set
     * is a Ctrl-C, even when the solve ended optimal right after it; so is
     * a stop "on iterations etc" with no limit hit */
    by_signal = !stopped && ((max_iter != 0 && hpi_cbc.maximumIterations(m) == 0) ||
                             (st == 3 && !hpi_cbc.Clp_hitMaximumIterations(m)));
    if (by_signal) {
        hpi_cbc.Clp_setMaximumIterations(m, max_iter);
        hpi_clp_forward_sigint();
    }
    h->clp_solved = st == 0 || st == 1 || st == 2 || st == 3;
    h->last = LAST_LP;
    switch (st) {
    case 0:
        r->status = HP_SOL_OPTIMAL;
        r->has_solution = 1;
        break;
    case 1:
        r->status = HP_SOL_INFEASIBLE;
        break;
    case 2:
        r->status = HP_SOL_UNBOUNDED;
        break;
    case 3:
        if (stopped || by_signal) /* interrupted: a plan only when feasible */
            r->status = hpi_cbc.Clp_primalFeasible(m) ? HP_SOL_TIME_LIMIT : HP_SOL_FAILED;
        else
            r->status = hpi_cbc.Clp_hitMaximumIterations(m) ? HP_SOL_TIME_LIMIT : HP_SOL_FAILED;
        r->has_solution = hpi_cbc.Clp_primalFeasible(m);
        break;
    default:
        hp_log(1, "CLP stopped on errors (status %d)", st);
        break;
    }
    if (r->has_solution)
        r->objective = r->bound = hpi_cbc.Clp_objectiveValue(m) + h->c0;
    r->iterations = hpi_cbc.Clp_getIterationCount(m); /* CLP counts per solve */
    r->seconds = hp_seconds() - t0;
    return HP_OK;
}

/* ---- MIP (CBC) ----------------------------------------------------- */

typedef struct mip_args {
    ch *h;
    const hp_solve_opts *o;
} mip_args;

/* One CBC solve of h's model (hpi_cbc_mip_fn): in this process under
 * cbc_lock, or alone in a child process.  x may be h->x: the MIP start is
 * copied into CBC before the solve. */
static void run_cbc(void *arg, hpi_cbc_mip_out *out, double *x)
{
    const mip_args *a = arg;
    ch *h = a->h;
    const hp_solve_opts *o = a->o;
    const double *sol;
    int nints = 0;
    Cbc_Model *m = hpi_cbc.Cbc_newModel();
    memset(out, 0, sizeof *out);
    out->st = 2; /* "abandoned" unless CBC says otherwise */
    out->sec = -1;
    if (!m)
        return;
    hpi_cbc.Cbc_loadProblem(m, h->n, h->m, h->start, h->index, h->value, h->clb, h->cub, h->obj,
                            h->rlb, h->rub);
    hpi_cbc.Cbc_setObjSense(m, 1.0);
    for (int j = 0; j < h->n; j++)
        if (hp_lp_col_is_int(h->lp, j)) {
            hpi_cbc.Cbc_setInteger(m, j);
            nints++;
        }
    hpi_cbc.Cbc_setLogLevel(m, o->verbose ? 1 : 0);
    if (!o->verbose)
        hpi_cbc.Cbc_setParameter(m, "slog", "0");
    hpi_cbc.Cbc_setParameter(m, "timeMode", "elapsed");
    if (o->time_limit > 0)
        hpi_cbc.Cbc_setMaximumSeconds(m, o->time_limit);
    hpi_cbc.Cbc_setAllowableFractionGap(m, o->mip_gap > 0 ? o->mip_gap : 0.0);
    if (!o->presolve) {
        hpi_cbc.Cbc_setParameter(m, "presolve", "off");
        hpi_cbc.Cbc_setParameter(m, "preprocess", "off");
    }
    if (h->have_x && nints > 0) {
        /* the last incumbent often stays feasible (lexicographic solves) */
        int *idx = malloc((size_t)h->n * sizeof *idx);
        if (idx) {
            for (int j = 0; j < h->n; j++)
                idx[j] = j;
            hpi_cbc.Cbc_setMIPStartI(m, h->n, idx, h->x);
            free(idx);
        }
    }
    hpi_cbc.Cbc_solve(m);
    out->st = hpi_cbc.Cbc_status(m);
    out->sec = hpi_cbc.Cbc_secondaryStatus(m);
    out->infeasible = hpi_cbc.Cbc_isProvenInfeasible(m);
    out->unbounded = hpi_cbc.Cbc_isContinuousUnbounded(m);
    sol = hpi_cbc.Cbc_bestSolution(m);
    out->has_sol = sol != NULL;
    if (sol) {
        memcpy(x, sol, (size_t)h->n * sizeof *x);
        out->obj = hpi_cbc.Cbc_getObjValue(m);
    }
    out->bound = hpi_cbc.Cbc_getBestPossibleObjValue(m);
    out->iterations = hpi_cbc.Cbc_getIterationCount(m);
    hpi_cbc.Cbc_deleteModel(m);
}

static hp_status cbc_solve_mip(void *vh, const hp_solve_opts *o, hp_solve_result *r)
{
    ch *h = vh;
    double t0 = hp_seconds(), bound, *xs = NULL;
    int st, sec, infeasible, unbounded, ran = -1;
    hpi_cbc_mip_out out;
    mip_args a;

    memset(r, 0, sizeof *r);
    r->status = HP_SOL_FAILED;
    r->is_mip = 1;
    if (!h || !o)
        return HP_EINVAL;
    a.h = h;
    a.o = o;
    if (o->interrupt) {
        /* interruptible: in a child process, killed on the interrupt */
        xs = malloc((size_t)(h->n > 0 ? h->n : 1) * sizeof *xs);
        if (!xs)
            return HP_ENOMEM;
        ran = *o->interrupt ? 1 : hpi_cbc_run_forked(run_cbc, &a, h->n, o->interrupt, &out, xs);
        if (ran == 0 && out.has_sol)
            memcpy(h->x, xs, (size_t)h->n * sizeof *h->x);
        free(xs);
    }
    if (ran == 1 || ran == -2) {
        /* interrupted, or the solve process died: no plan from this solve
         * (the last incumbent stays the next MIP start) */
        r->gap = HUGE_VAL;
        r->seconds = hp_seconds() - t0;
        return HP_OK;
    }
    if (ran == -1) {
        pthread_mutex_lock(&cbc_lock);
        run_cbc(&a, &out, h->x);
        pthread_mutex_unlock(&cbc_lock);
    }
    st = out.st;
    sec = out.sec;
    infeasible = out.infeasible;
    unbounded = out.unbounded;
    r->has_solution = out.has_sol;
    if (out.has_sol)
        r->objective = out.obj + h->c0;
    bound = out.bound + h->c0;
    r->iterations = out.iterations;
    hp_log(3, "CBC finished with status %d, secondary status %d", st, sec);

    /* Secondary status 1 is "relaxation infeasible or worse than the
     * cutoff".  With a MIP start CBC sets the cutoff at the start's value:
     * when the start is already optimal, the search ends with status 1
     * and the start as its solution, an optimum, not infeasibility. */
    if (!out.has_sol && (sec == 1 || infeasible))
        r->status = HP_SOL_INFEASIBLE;
    else if (sec == 7 || (unbounded && !out.has_sol))
        r->status = HP_SOL_UNBOUNDED;
    else if (st == 2)
        r->status = HP_SOL_FAILED;
    else if (sec == 4)
        r->status = HP_SOL_TIME_LIMIT;
    else if (out.has_sol && (sec == 0 || sec == 1 || sec == 2))
        r->status = HP_SOL_OPTIMAL; /* refined below on the gap */
    else if (st == 0 && !out.has_sol)
        r->status = HP_SOL_INFEASIBLE;
    if (r->status == HP_SOL_INFEASIBLE || r->status == HP_SOL_UNBOUNDED)
        r->has_solution = 0;
    h->have_x = r->has_solution;
    h->last = LAST_MIP;
    if (r->has_solution) {
        if (!(bound <= r->objective)) /* also catches a NaN bound */
            bound = r->objective;
        r->bound = bound;
        r->gap = fabs(r->objective - bound) / (fabs(r->objective) + DBL_EPSILON);
        /* hpi_cbc.Cbc_isProvenOptimal() is 1 after a stop on the allowed gap too:
         * only a closed gap is reported as optimal */
        if (r->status == HP_SOL_OPTIMAL && r->gap > 1e-9)
            r->status = HP_SOL_GAP_LIMIT;
        if (r->status == HP_SOL_OPTIMAL) {
            r->bound = r->objective;
            r->gap = 0.0;
        }
    } else {
        r->objective = 0.0;
        r->bound = isfinite(bound) ? bound : 0.0;
        r->gap = HUGE_VAL;
    }
    r->seconds = hp_seconds() - t0;
    return HP_OK;
}

/* ---- solution access and files ------------------------------------- */

static hp_status cbc_get_primal(void *vh, double *x)
{
    ch *h = vh;
    if (!h || !x || h->last == LAST_NONE)
        return HP_EINVAL;
    if (h->last == LAST_MIP) {
        if (!h->have_x)
            return HP_EINVAL;
        memcpy(x, h->x, (size_t)h->n * sizeof *x);
    } else {
        const double *p = hpi_cbc.Clp_primalColumnSolution(h->clp);
        if (!p)
            return HP_EINVAL;
        memcpy(x, p, (size_t)h->n * sizeof *x);
    }
    return HP_OK;
}

static hp_status cbc_get_duals(void *vh, double *y)
{
    ch *h = vh;
    const double *d;
    if (!h || !y || h->last != LAST_LP)
        return HP_EINVAL;
    d = hpi_cbc.Clp_dualRowSolution(h->clp);
    if (!d)
        return HP_EINVAL;
    memcpy(y, d, (size_t)h->m * sizeof *y);
    return HP_OK;
}

static double hp_inf(double v)
{
    if (v >= DBL_MAX)
        return HUGE_VAL;
    if (v <= -DBL_MAX)
        return -HUGE_VAL;
    return v;
}

/* The GLPK backend writes the current model (bounds and objective as
 * changed since load), so the text is the same whichever backend solves. */
static hp_status cbc_write(void *vh, const char *path, hp_write_fmt fmt)
{
    ch *h = vh;
    const hp_backend_ops *g = hp_backend_glpk();
    void *gh = NULL;
    hp_status st;
    if (!h || !h->lp || !path)
        return HP_EINVAL;
    HP_CALL(g->create(&gh));
    HP_CALL(g->load(gh, h->lp));
    HP_CALL(g->set_obj(gh, h->obj));
    for (int j = 0; j < h->n; j++)
        HP_CALL(g->set_col_bounds(gh, j, hp_inf(h->clb[j]), hp_inf(h->cub[j])));
    for (int i = 0; i < h->m; i++)
        HP_CALL(g->set_row_bounds(gh, i, hp_inf(h->rlb[i]), hp_inf(h->rub[i])));
    HP_CALL(g->write(gh, path, fmt));
cleanup:
    g->destroy(gh);
    return st;
}

static const hp_backend_ops cbc_ops = {
    .name = "cbc",
    .version = cbc_version,
    .ready = cbc_ready,
    .create = cbc_create,
    .destroy = cbc_destroy,
    .load = cbc_load,
    .set_obj = cbc_set_obj,
    .set_col_bounds = cbc_set_col_bounds,
    .set_row_bounds = cbc_set_row_bounds,
    .solve_lp = cbc_solve_lp,
    .solve_mip = cbc_solve_mip,
    .get_primal = cbc_get_primal,
    .get_duals = cbc_get_duals,
    .write = cbc_write,
};

const hp_backend_ops *hp_backend_cbc(void)
{
    return &cbc_ops;
}

const char *hp_backend_cbc_about(void)
{
    return "CBC " CBC_VERSION " (CLP " CLP_VERSION "), loaded on use from " HPI_CBC_SONAME;
}
