/* hreeplan solver layer: the GLPK backend.
 *
 * One glp_prob per handle.  GLPK aborts the process on misuse; the model is
 * validated before it gets here, and every call that could still abort runs
 * under a glp_error_hook + setjmp guard.  A caught error calls
 * glp_free_env(), which frees every GLPK object of the calling thread (the
 * GLPK environment is thread-local), so a per-thread generation counter
 * marks all handles of that thread as dead: they then return HP_EINTERNAL
 * instead of touching freed memory.  A handle must be used by the thread
 * that created it.
 *
 * GLPK's terminal output is routed line by line to hp_log() level 3; it
 * never reaches stdout.
 *
 * Warm starts: the basis left by the previous solve is reused when GLPK
 * still reports it (glp_get_status() != GLP_UNDEF); GLPK's presolver would
 * discard it, so the presolver only runs on a cold start.
 *
 * The model's objective constant is loaded as GLPK's constant term (column
 * 0), so reported objectives and written files include it; set_obj()
 * replaces the coefficients and keeps that constant. */
#include "backend.h"

#include <float.h>
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { LAST_NONE = 0, LAST_LP, LAST_MIP };

typedef struct gh {
    glp_prob *P;
    unsigned long gen;   /* env generation the problem belongs to */
    pthread_t owner;     /* the thread whose GLPK env holds P */
    int ncols, nrows;
    int have_basis;      /* a previous simplex left a usable basis */
    int last;            /* LAST_*: which solution get_primal reads */
    int bound_seen;      /* the MIP callback recorded a bound */
    double best_bound;   /* last best bound read in the MIP callback */
    double *xstart;      /* last MIP solution, 1-based, offered as a start */
    int have_start, start_offered;
} gh;

/* Bumped whenever glp_free_env() wiped this thread's GLPK objects. */
static _Thread_local unsigned long env_gen;

/* ---- terminal output and the abort guard --------------------------- */

static _Thread_local char term_buf[512];
static _Thread_local size_t term_len;

static void term_flush(void)
{
    if (term_len) {
        term_buf[term_len] = '\0';
        hp_log(3, "%s", term_buf);
        term_len = 0;
    }
}

static int term_hook(void *info, const char *s)
{
    (void)info;
    for (; *s; s++) {
        if (*s == '\n') {
            term_flush();
            continue;
        }
        if (term_len == sizeof term_buf - 1)
            term_flush();
        term_buf[term_len++] = *s;
    }
    return 1; /* handled: GLPK prints nothing itself */
}

static void error_hook(void *info)
{
    longjmp(*(jmp_buf *)info, 1);
}

static int alive(const gh *h)
{
    return h && h->P && h->gen == env_gen && pthread_equal(h->owner, pthread_self());
}

static void guard_on(jmp_buf *jb)
{
    glp_term_hook(term_hook, NULL);
    glp_error_hook(error_hook, jb);
}

static void guard_off(void)
{
    term_flush();
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
}

typedef hp_status (*body_fn)(gh *h, void *arg);

/* Runs fn under the guard.  Kept tiny so no local lives across setjmp. */
static hp_status guarded(gh *h, body_fn fn, void *arg)
{
    jmp_buf jb;
    hp_status st;
    if (!alive(h))
        return HP_EINTERNAL;
    if (setjmp(jb)) {
        term_flush();
        glp_free_env();
        env_gen++;
        h->P = NULL;
        hp_log(0, "GLPK stopped on an internal error; its problem objects in this thread were freed");
        return HP_EINTERNAL;
    }
    guard_on(&jb);
    st = fn(h, arg);
    guard_off();
    return st;
}

/* ---- helpers ------------------------------------------------------- */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Milliseconds left of the time limit counted from t0; INT_MAX: none. */
static int ms_left(const hp_solve_opts *o, double t0)
{
    double left;
    if (o->time_limit <= 0)
        return INT_MAX;
    left = (o->time_limit - (now() - t0)) * 1000.0;
    if (left < 1.0)
        return 1;
    return left > (double)INT_MAX ? INT_MAX : (int)left;
}

static int bound_type(double lb, double ub)
{
    if (isinf(lb) && isinf(ub))
        return GLP_FR;
    if (isinf(ub))
        return GLP_LO;
    if (isinf(lb))
        return GLP_UP;
    return lb == ub ? GLP_FX : GLP_DB;
}

/* GLPK's MIP solver refuses fractional bounds on integer columns; rounding
 * them inwards leaves the integer feasible set unchanged. */
static void set_col_bnds(glp_prob *P, int j, double lb, double ub)
{
    if (glp_get_col_kind(P, j) == GLP_IV) {
        double l = isinf(lb) ? lb : ceil(lb - 1e-9), u = isinf(ub) ? ub : floor(ub + 1e-9);
        if (l <= u) {
            lb = l;
            ub = u;
        }
    }
    glp_set_col_bnds(P, j, bound_type(lb, ub), isinf(lb) ? 0.0 : lb, isinf(ub) ? 0.0 : ub);
}

static void set_row_bnds(glp_prob *P, int i, double lb, double ub)
{
    glp_set_row_bnds(P, i, bound_type(lb, ub), isinf(lb) ? 0.0 : lb, isinf(ub) ? 0.0 : ub);
}

static int bad_bounds(double lb, double ub)
{
    return isnan(lb) || isnan(ub) || lb > ub || lb == HUGE_VAL || ub == -HUGE_VAL;
}

/* ---- create / load ------------------------------------------------- */

static const char *glpk_version(void)
{
    return glp_version();
}

static hp_status glpk_create(void **out)
{
    gh *h = calloc(1, sizeof *h);
    jmp_buf jb;
    *out = NULL;
    if (!h)
        return HP_ENOMEM;
    h->owner = pthread_self();
    if (setjmp(jb)) {
        glp_free_env();
        env_gen++;
        free(h);
        return HP_EINTERNAL;
    }
    guard_on(&jb);
    h->P = glp_create_prob();
    glp_set_obj_dir(h->P, GLP_MIN);
    guard_off();
    h->gen = env_gen;
    *out = h;
    return HP_OK;
}

static void glpk_destroy(void *vh)
{
    gh *h = vh;
    if (!h)
        return;
    if (alive(h))
        glp_delete_prob(h->P);
    else if (h->P)
        hp_log(1, "GLPK problem freed from another thread or after an error: not deleted");
    free(h->xstart);
    free(h);
}

typedef struct load_arg {
    const hp_lp *lp;
    int *ia, *ja;
    double *ar;
} load_arg;

static hp_status load_body(gh *h, void *varg)
{
    load_arg *a = varg;
    const hp_lp *lp = a->lp;
    glp_prob *P = h->P;
    int n = hp_lp_ncols(lp), m = hp_lp_nrows(lp);
    size_t nnz = hp_lp_nnz(lp);
    const int *ri = hp_lp_coef_rows(lp), *cj = hp_lp_coef_cols(lp);
    const double *cv = hp_lp_coef_vals(lp);

    glp_erase_prob(P);
    glp_set_obj_dir(P, GLP_MIN);
    if (m > 0)
        glp_add_rows(P, m);
    if (n > 0)
        glp_add_cols(P, n);
    for (int i = 0; i < m; i++) {
        glp_set_row_name(P, i + 1, hp_lp_row_name(lp, i));
        set_row_bnds(P, i + 1, hp_lp_row_lb(lp, i), hp_lp_row_ub(lp, i));
    }
    for (int j = 0; j < n; j++) {
        glp_set_col_name(P, j + 1, hp_lp_col_name(lp, j));
        glp_set_col_kind(P, j + 1, hp_lp_col_is_int(lp, j) ? GLP_IV : GLP_CV);
        set_col_bnds(P, j + 1, hp_lp_col_lb(lp, j), hp_lp_col_ub(lp, j));
        glp_set_obj_coef(P, j + 1, hp_lp_obj(lp, j));
    }
    glp_set_obj_coef(P, 0, hp_lp_obj_const(lp));
    for (size_t k = 0; k < nnz; k++) {
        a->ia[k + 1] = ri[k] + 1;
        a->ja[k + 1] = cj[k] + 1;
        a->ar[k + 1] = cv[k];
    }
    glp_load_matrix(P, (int)nnz, a->ia, a->ja, a->ar);
    h->ncols = n;
    h->nrows = m;
    h->have_basis = 0;
    h->last = LAST_NONE;
    h->have_start = 0;
    free(h->xstart); /* sized for the old model */
    h->xstart = NULL;
    return HP_OK;
}

static hp_status glpk_load(void *vh, const hp_lp *lp)
{
    load_arg a;
    size_t nnz = hp_lp_nnz(lp);
    hp_status st;
    if (nnz >= (size_t)INT_MAX)
        return HP_EINVAL;
    a.lp = lp;
    a.ia = malloc((nnz + 1) * sizeof *a.ia);
    a.ja = malloc((nnz + 1) * sizeof *a.ja);
    a.ar = malloc((nnz + 1) * sizeof *a.ar);
    if (!a.ia || !a.ja || !a.ar)
        st = HP_ENOMEM;
    else
        st = guarded(vh, load_body, &a);
    free(a.ia);
    free(a.ja);
    free(a.ar);
    return st;
}

/* ---- modification -------------------------------------------------- */

typedef struct obj_arg {
    const double *obj;
} obj_arg;

static hp_status set_obj_body(gh *h, void *arg)
{
    const double *obj = ((obj_arg *)arg)->obj;
    for (int j = 0; j < h->ncols; j++)
        glp_set_obj_coef(h->P, j + 1, obj[j]);
    return HP_OK;
}

static hp_status glpk_set_obj(void *vh, const double *obj)
{
    gh *h = vh;
    obj_arg a = {obj};
    if (!obj)
        return HP_EINVAL;
    if (alive(h))
        for (int j = 0; j < h->ncols; j++)
            if (!isfinite(obj[j]))
                return HP_EINVAL;
    return guarded(h, set_obj_body, &a);
}

typedef struct bnd_arg {
    int idx, is_row;
    double lb, ub;
} bnd_arg;

static hp_status bnd_body(gh *h, void *arg)
{
    bnd_arg *b = arg;
    if (b->is_row)
        set_row_bnds(h->P, b->idx + 1, b->lb, b->ub);
    else
        set_col_bnds(h->P, b->idx + 1, b->lb, b->ub);
    return HP_OK;
}

static hp_status set_bounds(gh *h, int is_row, int idx, double lb, double ub)
{
    bnd_arg b = {idx, is_row, lb, ub};
    if (!alive(h))
        return HP_EINTERNAL;
    if (idx < 0 || idx >= (is_row ? h->nrows : h->ncols) || bad_bounds(lb, ub))
        return HP_EINVAL;
    return guarded(h, bnd_body, &b);
}

static hp_status glpk_set_col_bounds(void *vh, int col, double lb, double ub)
{
    return set_bounds(vh, 0, col, lb, ub);
}

static hp_status glpk_set_row_bounds(void *vh, int row, double lb, double ub)
{
    return set_bounds(vh, 1, row, lb, ub);
}

/* ---- LP ------------------------------------------------------------ */

typedef struct solve_arg {
    const hp_solve_opts *o;
    hp_solve_result *r;
    double t0;
} solve_arg;

static int run_simplex(glp_prob *P, const hp_solve_opts *o, int presolve, int tm_ms)
{
    glp_smcp p;
    glp_init_smcp(&p);
    p.msg_lev = o->verbose ? GLP_MSG_ON : GLP_MSG_ERR;
    p.meth = GLP_DUALP; /* dual simplex, primal when the dual fails */
    p.presolve = presolve ? GLP_ON : GLP_OFF;
    p.tm_lim = tm_ms;
    return glp_simplex(P, &p);
}

/* Solves the LP relaxation of h->P and fills r (is_mip = 0). */
static void lp_solve(gh *h, const hp_solve_opts *o, double t0, hp_solve_result *r)
{
    glp_prob *P = h->P;
    int warm = h->have_basis && glp_get_status(P) != GLP_UNDEF;
    int presolve = o->presolve && !warm, ret, it0 = glp_get_it_cnt(P);

    if (!warm && !presolve)
        glp_adv_basis(P, 0);
    ret = run_simplex(P, o, presolve, ms_left(o, t0));
    if (ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND) {
        /* the old basis went bad (e.g. after bound changes): start afresh */
        hp_log(3, "GLPK: basis unusable (code %d), restarting from an advanced basis", ret);
        presolve = 0;
        glp_adv_basis(P, 0);
        ret = run_simplex(P, o, 0, ms_left(o, t0));
        if (ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND) {
            glp_std_basis(P);
            ret = run_simplex(P, o, 0, ms_left(o, t0));
        }
    }
    if (presolve && (ret == GLP_ENOPFS || ret == GLP_ENODFS)) {
        /* the presolver proved infeasibility but left no basis, and "no dual
         * feasible solution" does not say whether the primal is unbounded
         * or infeasible: settle it without the presolver */
        presolve = 0;
        glp_adv_basis(P, 0);
        ret = run_simplex(P, o, 0, ms_left(o, t0));
    }
    h->have_basis = ret == 0 || (!presolve && (ret == GLP_ETMLIM || ret == GLP_EITLIM));
    h->last = LAST_LP;

    memset(r, 0, sizeof *r);
    r->status = HP_SOL_FAILED;
    switch (ret) {
    case 0:
        switch (glp_get_status(P)) {
        case GLP_OPT:
            r->status = HP_SOL_OPTIMAL;
            r->has_solution = 1;
            break;
        case GLP_NOFEAS:
            r->status = HP_SOL_INFEASIBLE;
            break;
        case GLP_UNBND:
            r->status = HP_SOL_UNBOUNDED;
            break;
        default:
            break;
        }
        break;
    case GLP_ETMLIM:
        r->status = HP_SOL_TIME_LIMIT;
        r->has_solution = glp_get_prim_stat(P) == GLP_FEAS;
        break;
    case GLP_ENOPFS:
        r->status = HP_SOL_INFEASIBLE;
        break;
    case GLP_ENODFS:
        r->status = HP_SOL_UNBOUNDED;
        break;
    default:
        hp_log(1, "GLPK simplex failed with code %d", ret);
        break;
    }
    if (r->has_solution)
        r->objective = r->bound = glp_get_obj_val(P);
    r->iterations = glp_get_it_cnt(P) - it0;
    r->seconds = now() - t0;
}

static hp_status lp_body(gh *h, void *varg)
{
    solve_arg *a = varg;
    lp_solve(h, a->o, a->t0, a->r);
    return HP_OK;
}

static hp_status glpk_solve_lp(void *vh, const hp_solve_opts *o, hp_solve_result *r)
{
    solve_arg a = {o, r, now()};
    memset(r, 0, sizeof *r);
    r->status = HP_SOL_FAILED;
    return guarded(vh, lp_body, &a);
}

/* ---- MIP ----------------------------------------------------------- */

static void mip_callback(glp_tree *T, void *info)
{
    gh *h = info;
    int p = glp_ios_best_node(T);
    if (p != 0) {
        h->best_bound = glp_ios_node_bound(T, p);
        h->bound_seen = 1;
    }
    /* The previous solve's incumbent is offered once as a heuristic
     * solution; GLPK checks it against the current bounds and takes it
     * only if feasible.  After a lexicographic bound it always is, so a
     * time-limited second solve never ends without a solution. */
    if (glp_ios_reason(T) == GLP_IHEUR && h->have_start && !h->start_offered) {
        h->start_offered = 1;
        if (glp_ios_heur_sol(T, h->xstart) == 0)
            hp_log(3, "GLPK: previous solution accepted as the first incumbent");
    }
}

/* Keeps the MIP solution for the next solve's start. */
static void keep_start(gh *h)
{
    if (!h->xstart) {
        h->xstart = malloc(((size_t)h->ncols + 1) * sizeof *h->xstart);
        if (!h->xstart)
            return; /* only a lost speed-up */
    }
    h->xstart[0] = 0.0;
    for (int j = 1; j <= h->ncols; j++)
        h->xstart[j] = glp_mip_col_val(h->P, j);
    h->have_start = 1;
}

static hp_status mip_body(gh *h, void *varg)
{
    solve_arg *a = varg;
    const hp_solve_opts *o = a->o;
    hp_solve_result *r = a->r;
    glp_prob *P = h->P;
    glp_iocp p;
    double root;
    int ret, ms;
    long it0 = glp_get_it_cnt(P);

    /* Without its presolver glp_intopt needs an optimal LP basis: solve the
     * relaxation first (warm-started when possible). */
    lp_solve(h, o, a->t0, r);
    r->is_mip = 1;
    r->has_solution = 0;
    if (r->status != HP_SOL_OPTIMAL) {
        h->last = LAST_MIP;
        r->gap = HUGE_VAL;
        return HP_OK;
    }
    root = r->objective;
    ms = ms_left(o, a->t0);

    glp_init_iocp(&p);
    p.msg_lev = o->verbose ? GLP_MSG_ON : GLP_MSG_ERR;
    p.presolve = GLP_OFF;
    p.tm_lim = ms;
    p.mip_gap = o->mip_gap > 0 ? o->mip_gap : 0.0;
    p.cb_func = mip_callback;
    p.cb_info = h;
    h->bound_seen = 0;
    h->best_bound = root;
    h->start_offered = 0;
    ret = glp_intopt(P, &p);
    h->last = LAST_MIP;

    r->status = HP_SOL_FAILED;
    r->has_solution = glp_mip_status(P) == GLP_OPT || glp_mip_status(P) == GLP_FEAS;
    switch (ret) {
    case 0:
        if (glp_mip_status(P) == GLP_OPT)
            r->status = HP_SOL_OPTIMAL;
        else if (glp_mip_status(P) == GLP_NOFEAS)
            r->status = HP_SOL_INFEASIBLE;
        break;
    case GLP_ETMLIM:
        r->status = HP_SOL_TIME_LIMIT;
        break;
    case GLP_EMIPGAP:
        r->status = HP_SOL_GAP_LIMIT;
        break;
    default:
        hp_log(1, "GLPK branch-and-cut failed with code %d", ret);
        break;
    }
    r->objective = r->has_solution ? glp_mip_obj_val(P) : 0.0;
    if (r->has_solution)
        keep_start(h);
    if (r->status == HP_SOL_OPTIMAL) {
        r->bound = r->objective;
        r->gap = 0.0;
    } else {
        /* the root relaxation is always a valid bound; the callback's last
         * best-node bound is at least as tight */
        r->bound = h->bound_seen && h->best_bound > root ? h->best_bound : root;
        if (r->has_solution) {
            if (r->bound > r->objective)
                r->bound = r->objective;
            r->gap = fabs(r->objective - r->bound) / (fabs(r->objective) + DBL_EPSILON);
        } else {
            r->gap = HUGE_VAL;
        }
    }
    r->iterations = glp_get_it_cnt(P) - it0;
    r->seconds = now() - a->t0;
    return HP_OK;
}

static hp_status glpk_solve_mip(void *vh, const hp_solve_opts *o, hp_solve_result *r)
{
    solve_arg a = {o, r, now()};
    memset(r, 0, sizeof *r);
    r->status = HP_SOL_FAILED;
    r->is_mip = 1;
    return guarded(vh, mip_body, &a);
}

/* ---- solution access and files ------------------------------------- */

static hp_status primal_body(gh *h, void *arg)
{
    double *x = arg;
    for (int j = 0; j < h->ncols; j++)
        x[j] = h->last == LAST_MIP ? glp_mip_col_val(h->P, j + 1) : glp_get_col_prim(h->P, j + 1);
    return HP_OK;
}

static hp_status glpk_get_primal(void *vh, double *x)
{
    gh *h = vh;
    if (!alive(h))
        return HP_EINTERNAL;
    if (h->last == LAST_NONE || !x)
        return HP_EINVAL;
    return guarded(h, primal_body, x);
}

static hp_status duals_body(gh *h, void *arg)
{
    double *y = arg;
    for (int i = 0; i < h->nrows; i++)
        y[i] = glp_get_row_dual(h->P, i + 1);
    return HP_OK;
}

static hp_status glpk_get_duals(void *vh, double *y)
{
    gh *h = vh;
    if (!alive(h))
        return HP_EINTERNAL;
    if (h->last != LAST_LP || !y)
        return HP_EINVAL;
    return guarded(h, duals_body, y);
}

typedef struct write_arg {
    const char *path;
    hp_write_fmt fmt;
} write_arg;

/* GLPK's CPLEX LP writer drops the objective constant, and readers
 * disagree on the sign of an MPS objective-row RHS (GLPK: +constant,
 * CPLEX and CBC: -constant).  A nonzero constant is therefore written as
 * a column fixed at 1 whose cost is the constant: every reader then
 * finds the same objective value. */
static hp_status write_body(gh *h, void *varg)
{
    write_arg *a = varg;
    glp_prob *P = h->P, *Q = NULL;
    double c0 = glp_get_obj_coef(P, 0);
    int rc;
    if (c0 != 0.0) {
        char name[64] = "obj_constant";
        int j, k = 0;
        Q = glp_create_prob();
        glp_copy_prob(Q, P, GLP_ON);
        glp_create_index(Q);
        while (glp_find_col(Q, name) != 0)
            snprintf(name, sizeof name, "obj_constant_%d", ++k);
        j = glp_add_cols(Q, 1);
        glp_set_col_name(Q, j, name);
        glp_set_col_bnds(Q, j, GLP_FX, 1.0, 1.0);
        glp_set_obj_coef(Q, j, c0);
        glp_set_obj_coef(Q, 0, 0.0);
        P = Q;
    }
    if (a->fmt == HP_WRITE_LP)
        rc = glp_write_lp(P, NULL, a->path);
    else
        rc = glp_write_mps(P, GLP_MPS_FILE, NULL, a->path);
    if (Q)
        glp_delete_prob(Q);
    return rc == 0 ? HP_OK : HP_EIO;
}

static hp_status glpk_write(void *vh, const char *path, hp_write_fmt fmt)
{
    write_arg a = {path, fmt};
    if (!path || (fmt != HP_WRITE_LP && fmt != HP_WRITE_MPS))
        return HP_EINVAL;
    return guarded(vh, write_body, &a);
}

static const hp_backend_ops glpk_ops = {
    .name = "glpk",
    .version = glpk_version,
    .create = glpk_create,
    .destroy = glpk_destroy,
    .load = glpk_load,
    .set_obj = glpk_set_obj,
    .set_col_bounds = glpk_set_col_bounds,
    .set_row_bounds = glpk_set_row_bounds,
    .solve_lp = glpk_solve_lp,
    .solve_mip = glpk_solve_mip,
    .get_primal = glpk_get_primal,
    .get_duals = glpk_get_duals,
    .write = glpk_write,
};

const hp_backend_ops *hp_backend_glpk(void)
{
    return &glpk_ops;
}
