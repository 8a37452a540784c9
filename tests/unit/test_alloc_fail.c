/* Allocation failure (issue 6): every allocation that hreeplan's library
 * makes while loading, building, solving, extracting, reporting, diagnosing,
 * sampling, sweeping and simulating is made to fail in turn, and the call
 * must then
 *   - return HP_ENOMEM (never HP_OK with a wrong result: when a call does
 *     return HP_OK after a failed allocation, its result is compared with
 *     the result of a run without failures and must be the same),
 *   - leave its out-parameter NULL,
 *   - not crash, and
 *   - leak nothing: every block allocated during the call is freed by the
 *     call or by the free function of what it returned.
 *
 * How.  tests/unit/test_alloc_fail.ldflags links this test with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=free:
 * every call of those functions from the objects linked statically (this
 * file and libhreeplan.a) goes to the __wrap_ functions below.  While armed,
 * they count the allocation calls, fail the N-th (one-shot mode) or the N-th
 * and every later one (sticky mode: cleanup paths that allocate are then
 * exercised too), and record every block handed out in a table that free
 * and realloc update.  For N = 1, 2, ... the operation runs until a run
 * makes fewer than N allocation calls: that run injected nothing and must
 * succeed.  Jansson (the JSON reports) is routed through the same allocator
 * with json_set_alloc_funcs().
 *
 * What is not covered.  Allocations inside shared libraries are not wrapped:
 * libconfig's parser (config_read_string), GLPK's own memory (glp_create_prob,
 * the simplex and branch-and-bound; GLPK aborts the process when its own
 * malloc fails, there is no error return to test), OpenBLAS, and libc's
 * (fopen, open_memstream).  Leaks of those are still caught when this test
 * runs in the ASan build (`make test`), whose LeakSanitizer sees every block.
 *
 * Instances: tests/instances/reliability-mip.cfg (every optional setting,
 * a MIP), reliability-lp.cfg (an LP, so that plans carry shadow prices of
 * every kind) and infeasible-storage.cfg (for the infeasibility diagnosis). */
/* cmocka.h needs these four first */
// clang-format off
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
// clang-format on

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../models/formulation/model.h"
#include "../../models/instance/actuals.h"
#include "../../models/instance/sample.h"
#include "../../models/plan/diagnose.h"
#include "../../models/plan/pipeline.h"
#include "../../models/plan/plan.h"
#include "../../models/report/compare_out.h"
#include "../../models/report/html.h"
#include "../../models/report/report.h"
#include "../../models/report/sim_report.h"
#include "../../models/simulate/simulate.h"
#include "../../solver/pareto.h"

#define DIR "tests/instances/"

/* ---- the counting allocator ------------------------------------------ */

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
void __wrap_free(void *p);

/* simulate may run worker threads: one lock guards the counters and table */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int armed;    /* counting, failing and recording */
static long calls;   /* allocation calls since armed */
static long fail_at; /* the call that fails (1-based) */
static int sticky;   /* and every later one */
static long failed;  /* failures injected */

/* Live blocks allocated while armed: open addressing, tombstones. */
#define LIVE_BITS 17
#define LIVE_CAP  (1L << LIVE_BITS)
static void *live[LIVE_CAP];
static long live_call[LIVE_CAP]; /* the allocation call that made it */
static long n_live, n_used;
static char tomb;
#define TOMB ((void *)&tomb)

static size_t live_hash(const void *p)
{
    return (size_t)(((uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ULL) >> (64 - LIVE_BITS));
}

static void live_add(void *p)
{
    size_t i = live_hash(p);
    if (n_used >= LIVE_CAP - 1) {
        fprintf(stderr, "test_alloc_fail: live-block table full\n");
        abort();
    }
    while (live[i] && live[i] != TOMB)
        i = (i + 1) & (size_t)(LIVE_CAP - 1);
    if (!live[i])
        n_used++;
    live[i] = p;
    live_call[i] = calls;
    n_live++;
}

/* Removes p; returns 1 when it was recorded. */
static int live_del(const void *p)
{
    size_t i = live_hash(p);
    while (live[i]) {
        if (live[i] == p) {
            live[i] = TOMB;
            n_live--;
            return 1;
        }
        i = (i + 1) & (size_t)(LIVE_CAP - 1);
    }
    return 0;
}

/* With mu held: whether this allocation call fails. */
static int inject(void)
{
    if (!armed)
        return 0;
    calls++;
    if (fail_at > 0 && (calls == fail_at || (sticky && calls > fail_at))) {
        failed++;
        return 1;
    }
    return 0;
}

void *__wrap_malloc(size_t n)
{
    void *p = NULL;
    pthread_mutex_lock(&mu);
    if (!inject()) {
        p = __real_malloc(n);
        if (p && armed)
            live_add(p);
    }
    pthread_mutex_unlock(&mu);
    return p;
}

void *__wrap_calloc(size_t n, size_t size)
{
    void *p = NULL;
    pthread_mutex_lock(&mu);
    if (!inject()) {
        p = __real_calloc(n, size);
        if (p && armed)
            live_add(p);
    }
    pthread_mutex_unlock(&mu);
    return p;
}

void *__wrap_realloc(void *p, size_t n)
{
    void *q = NULL;
    pthread_mutex_lock(&mu);
    if (!inject()) {
        q = __real_realloc(p, n);
        if (q || n == 0) {
            /* the old block is gone; the new one is recorded when the old
             * one was (or when this is a fresh allocation) */
            int was = p ? live_del(p) : armed;
            if (q && was && armed)
                live_add(q);
        }
    }
    pthread_mutex_unlock(&mu);
    return q;
}

char *__wrap_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = __wrap_malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

void __wrap_free(void *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&mu);
    live_del(p);
    pthread_mutex_unlock(&mu);
    __real_free(p);
}

static void arm(long n, int persist)
{
    pthread_mutex_lock(&mu);
    memset(live, 0, sizeof live);
    n_live = n_used = 0;
    calls = failed = 0;
    fail_at = n;
    sticky = persist;
    armed = 1;
    pthread_mutex_unlock(&mu);
}

static void disarm(void)
{
    pthread_mutex_lock(&mu);
    armed = 0;
    pthread_mutex_unlock(&mu);
}

/* ---- fingerprints: what a result says, to compare runs ---------------- */

static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
    const unsigned char *b = data;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001b3ULL;
    return h;
}
static uint64_t fnv_d(uint64_t h, double v)
{
    return fnv(h, &v, sizeof v);
}
static uint64_t fnv_s(uint64_t h, const char *s)
{
    return fnv(h, s, strlen(s) + 1);
}

/* Every column, row and coefficient of a model, names included. */
static char *lp_print(const hp_lp *lp)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    char buf[128];
    for (int j = 0; j < hp_lp_ncols(lp); j++) {
        int is_int = hp_lp_col_is_int(lp, j);
        h = fnv_s(h, hp_lp_col_name(lp, j));
        h = fnv_d(fnv_d(fnv_d(h, hp_lp_col_lb(lp, j)), hp_lp_col_ub(lp, j)), hp_lp_obj(lp, j));
        h = fnv(h, &is_int, sizeof is_int);
    }
    for (int i = 0; i < hp_lp_nrows(lp); i++)
        h = fnv_d(fnv_d(fnv_s(h, hp_lp_row_name(lp, i)), hp_lp_row_lb(lp, i)), hp_lp_row_ub(lp, i));
    h = fnv(h, hp_lp_coef_rows(lp), hp_lp_nnz(lp) * sizeof(int));
    h = fnv(h, hp_lp_coef_cols(lp), hp_lp_nnz(lp) * sizeof(int));
    h = fnv(h, hp_lp_coef_vals(lp), hp_lp_nnz(lp) * sizeof(double));
    h = fnv_d(h, hp_lp_obj_const(lp));
    snprintf(buf, sizeof buf, "%d rows, %d cols, %zu nnz, %016llx", hp_lp_nrows(lp),
             hp_lp_ncols(lp), hp_lp_nnz(lp), (unsigned long long)h);
    return strdup(buf);
}

/* An instance through the model it builds, plus what the model leaves
 * out: names, the file, scenario names and the disruption process (five
 * sampled paths). */
static char *inst_print(const hp_instance *in)
{
    hp_model_opts mo = {in->measure, in->alpha, HP_INFO_TREE};
    hp_model *m = NULL;
    double avail[5 * 3 * 4];
    uint64_t h = 0xcbf29ce484222325ULL;
    char *s, *out;
    assert_int_equal(hp_model_build(in, &mo, &m), HP_OK);
    s = lp_print(m->lp);
    hp_model_free(m);
    h = fnv_s(fnv_s(h, in->name), in->file);
    for (int k = 0; k < in->n_scenarios; k++)
        h = fnv_d(fnv_s(h, in->scenarios[k].name), in->scenarios[k].probability);
    for (int p = 0; p < in->n_products; p++)
        h = fnv_s(h, in->products[p].name ? in->products[p].name : "-");
    if ((size_t)in->n_suppliers * (size_t)in->T <= 12) {
        assert_int_equal(hp_sample_avail(in, 7, 0, 5, avail), HP_OK);
        h = fnv(h, avail, 5 * (size_t)in->n_suppliers * (size_t)in->T * sizeof(double));
    }
    out = malloc(strlen(s) + 32);
    assert_non_null(out);
    sprintf(out, "%s; %016llx", s, (unsigned long long)h);
    free(s);
    return out;
}

/* A report rendered into a string. */
static char *render_plan(const hp_plan *p, hp_format fmt)
{
    hp_report_meta meta = {"test.cfg", NULL, 0, NULL};
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(hp_report_plan(f, p, fmt, &meta), HP_OK);
    assert_int_equal(fclose(f), 0);
    return buf;
}

static char *render_sim(const hp_plan *p, const hp_sim_result *r, hp_format fmt)
{
    hp_sim_meta meta = {"test.cfg", NULL, 0, 1, 0, NULL, NULL};
    hp_sim_entry e = {"cost-minimal", p, r};
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(hp_sim_report(f, &e, 1, fmt, &meta), HP_OK);
    assert_int_equal(fclose(f), 0);
    return buf;
}

/* ---- the sweep ------------------------------------------------------- */

typedef struct op {
    const char *name;
    void (*setup)(void *ctx);                /**< unarmed, before each run; may be NULL */
    hp_status (*run)(void *ctx, void **res); /**< armed: the operation under test */
    char *(*print)(void *ctx, void *res);    /**< unarmed: fingerprint of a result */
    void (*release)(void *ctx, void *res);   /**< unarmed: frees res (may be NULL) */
    void *ctx;
    int io_ok; /**< HP_EIO is an acceptable answer too (see test_report_json) */
} op;

/* Runs op with allocation n failing (and every later one when persist);
 * returns the number of allocation calls made. */
static long sweep_one(const op *o, long n, int persist, const char *ref, long *tolerated)
{
    void *res = NULL;
    hp_status st;
    long made, hit, leaked;
    if (o->setup)
        o->setup(o->ctx);
    arm(n, persist);
    st = o->run(o->ctx, &res);
    disarm();
    made = calls;
    hit = failed;
    if (hit == 0 && st != HP_OK)
        fail_msg("%s: fails without an injected failure: %s", o->name, hp_status_str(st));
    if (hit > 0 && st == HP_OK) {
        char *s = o->print(o->ctx, res);
        if (strcmp(s, ref))
            fail_msg("%s: allocation %ld of %ld failed%s, yet HP_OK with a different result:\n"
                     "%.300s\nwant\n%.300s",
                     o->name, n, made, persist ? " (and all later)" : "", s, ref);
        free(s);
        ++*tolerated;
    } else if (hit > 0) {
        if (st != HP_ENOMEM && !(o->io_ok && st == HP_EIO))
            fail_msg("%s: allocation %ld of %ld failed%s: status %s, want out of memory", o->name,
                     n, made, persist ? " (and all later)" : "", hp_status_str(st));
        if (res)
            fail_msg("%s: allocation %ld failed: the out-parameter is set on failure", o->name, n);
    }
    o->release(o->ctx, res);
    pthread_mutex_lock(&mu);
    leaked = n_live;
    pthread_mutex_unlock(&mu);
    if (leaked) {
        char which[200] = "";
        size_t w = 0;
        for (long i = 0; i < LIVE_CAP && w + 24 < sizeof which; i++)
            if (live[i] && live[i] != TOMB)
                w += (size_t)snprintf(which + w, sizeof which - w, " %ld", live_call[i]);
        fail_msg("%s: allocation %ld of %ld failed%s: %ld block(s) leaked, made by allocation "
                 "call(s)%s",
                 o->name, n, made, persist ? " (and all later)" : "", leaked, which);
    }
    return made;
}

/* Fails every allocation of op in turn, one-shot then sticky.  min_allocs:
 * the operation must allocate at least this often (so the sweep tests
 * something). */
static void sweep(const op *o, long min_allocs)
{
    void *res = NULL;
    char *ref;
    long total = 0;
    for (int persist = 0; persist <= 1; persist++) {
        long tolerated = 0, n;
        if (o->setup)
            o->setup(o->ctx);
        assert_int_equal(o->run(o->ctx, &res), HP_OK);
        ref = o->print(o->ctx, res);
        o->release(o->ctx, res);
        res = NULL;
        for (n = 1;; n++) {
            long made = sweep_one(o, n, persist, ref, &tolerated);
            if (made < n) {
                total = made;
                break;
            }
        }
        free(ref);
        print_message("%-22s %5ld allocation calls, each failed in turn (%s): %ld tolerated with "
                      "the same result\n",
                      o->name, total, persist ? "and all later" : "one-shot", tolerated);
    }
    if (total < min_allocs)
        fail_msg("%s: only %ld allocation calls, want >= %ld", o->name, total, min_allocs);
}

/* ---- shared fixtures (unarmed) --------------------------------------- */

static hp_instance *load_ok(const char *path)
{
    hp_instance *in = NULL;
    hp_diag d;
    hp_diag_init(&d);
    if (hp_instance_load(path, &in, &d) != HP_OK)
        for (int k = 0; k < d.n; k++)
            print_error("%s\n", d.msgs[k]);
    hp_diag_free(&d);
    assert_non_null(in);
    return in;
}

typedef struct solved {
    hp_instance *in;
    hp_model *m;
    double *x, *y;
    hp_solve_result r;
    hp_plan *plan;
} solved;

static void solve_ok(solved *sv, const char *path)
{
    hp_model_opts mo;
    hp_solver s;
    hp_solve_opts so;
    char err[256] = "";
    memset(sv, 0, sizeof *sv);
    sv->in = load_ok(path);
    mo.measure = sv->in->measure;
    mo.alpha = sv->in->alpha;
    mo.information = HP_INFO_TREE;
    assert_int_equal(hp_model_build(sv->in, &mo, &sv->m), HP_OK);
    assert_int_equal(hp_solver_open(&s, hp_backend_glpk(), sv->m->lp, err, sizeof err), HP_OK);
    hp_solve_opts_default(&so);
    assert_int_equal(hp_solver_minimise_col(&s, sv->m->cost_col), HP_OK);
    assert_int_equal(hp_solve(&s, &so, &sv->r), HP_OK);
    assert_int_equal(sv->r.status, HP_SOL_OPTIMAL);
    sv->x = malloc((size_t)hp_lp_ncols(sv->m->lp) * sizeof *sv->x);
    assert_non_null(sv->x);
    assert_int_equal(s.ops->get_primal(s.h, sv->x), HP_OK);
    if (!sv->m->is_mip) {
        sv->y = malloc((size_t)hp_lp_nrows(sv->m->lp) * sizeof *sv->y);
        assert_non_null(sv->y);
        assert_int_equal(s.ops->get_duals(s.h, sv->y), HP_OK);
    }
    hp_solver_close(&s);
    assert_int_equal(hp_plan_extract(sv->m, sv->x, sv->y, &sv->r, HP_OBJ_COST, &sv->plan), HP_OK);
}

static void solved_free(solved *sv)
{
    hp_plan_free(sv->plan);
    hp_model_free(sv->m);
    hp_instance_free(sv->in);
    free(sv->x);
    free(sv->y);
}

/* ---- load ------------------------------------------------------------- */

static hp_status load_run(void *ctx, void **res)
{
    hp_instance *in = NULL;
    hp_diag d;
    hp_status st;
    hp_diag_init(&d);
    st = hp_instance_load(ctx, &in, &d);
    hp_diag_free(&d);
    *res = in;
    return st;
}
static char *load_print(void *ctx, void *res)
{
    (void)ctx;
    return inst_print(res);
}
static void load_release(void *ctx, void *res)
{
    (void)ctx;
    hp_instance_free(res);
}

static void test_load(void **state)
{
    (void)state;
    op o = {"load (MIP instance)",     NULL, load_run, load_print, load_release,
            DIR "reliability-mip.cfg", 0};
    sweep(&o, 50);
    o.name = "load (LP instance)";
    o.ctx = DIR "reliability-lp.cfg";
    sweep(&o, 30);
}

/* A file with errors: the diagnostics are allocated too. */
static hp_status load_bad_run(void *ctx, void **res)
{
    hp_instance *in = NULL;
    hp_diag d;
    hp_status st;
    hp_diag_init(&d);
    st = hp_instance_load_string(ctx, "bad.cfg", &in, &d);
    if (st == HP_EINVAL && d.n == 2)
        st = HP_OK; /* the expected outcome */
    else if (st == HP_OK)
        st = HP_EINTERNAL;
    hp_diag_free(&d);
    *res = in;
    return st;
}
static char *load_bad_print(void *ctx, void *res)
{
    (void)ctx;
    (void)res;
    return strdup("two errors");
}

static void test_load_errors(void **state)
{
    (void)state;
    op o = {"load (two errors)",
            NULL,
            load_bad_run,
            load_bad_print,
            load_release,
            "name = \"x\"; start = \"2026Q1\"; quarters = 2;\n"
            "products = ( { id = \"Dy2O3\"; demand = -1.0; shortage_penalty = 1.0e6; } );\n"
            "suppliers = ( { id = \"a\"; region = \"CN\"; offers = ( { product = \"Dy2O3\"; "
            "price = 100.0; capacity = -5.0; } ); } );\n",
            0};
    sweep(&o, 5);
}

/* ---- actuals (hreeplan roll --actuals) -------------------------------- */

typedef struct act_ctx {
    hp_instance *in;
    const char *text;
    int errors; /**< the errors the text must give (0: a valid file) */
} act_ctx;

static hp_status act_run(void *ctx, void **res)
{
    act_ctx *c = ctx;
    hp_actuals *a = NULL;
    hp_diag d;
    hp_status st;
    hp_diag_init(&d);
    st = hp_actuals_load_string(c->text, "act.cfg", c->in, &a, &d);
    if (c->errors > 0 && st == HP_EINVAL && d.n == c->errors)
        st = HP_OK; /* the expected outcome */
    else if (c->errors > 0 && st == HP_OK)
        st = HP_EINTERNAL;
    hp_diag_free(&d);
    *res = a;
    return st;
}
static char *act_print(void *ctx, void *res)
{
    const hp_actuals *a = res;
    char buf[256];
    (void)ctx;
    if (!a)
        return strdup("errors");
    snprintf(buf, sizeof buf, "stock %g transit %d:%g events %d:%g", a->stock[0], a->n_transit,
             a->n_transit ? a->transit[0].quantity : -1.0, a->n_events,
             a->n_events ? a->events[0].factor : -1.0);
    return strdup(buf);
}
static void act_release(void *ctx, void *res)
{
    (void)ctx;
    hp_actuals_free(res);
}

static void test_actuals(void **state)
{
    act_ctx c;
    op o = {"actuals (valid)", NULL, act_run, act_print, act_release, &c, 0};
    (void)state;
    c.in = load_ok(DIR "roll/next.cfg");
    c.text = "quarter = \"2026Q2\"; stock = { Dy2O3 = 3.0; };\n"
             "in_transit = ( { supplier = \"cn\"; product = \"Dy2O3\"; arrive = \"2026Q3\"; "
             "quantity = 4.0; } );\n"
             "events = ( { region = \"CN\"; from = \"2026Q1\"; factor = 0.5; } );\n";
    c.errors = 0;
    sweep(&o, 5);
    o.name = "actuals (three errors)";
    c.text = "stock = { Dy2O4 = 3.0; };\n"
             "in_transit = ( { supplier = \"xx\"; product = \"Dy2O3\"; arrive = \"2026Q3\"; "
             "quantity = 4.0; } );\nextra = 1;\n";
    c.errors = 3;
    sweep(&o, 5);
    hp_instance_free(c.in);
}

/* ---- build ------------------------------------------------------------ */

static hp_status build_run(void *ctx, void **res)
{
    const hp_instance *in = ctx;
    hp_model_opts mo = {in->measure, in->alpha, HP_INFO_TREE};
    hp_model *m = NULL;
    hp_status st = hp_model_build(in, &mo, &m);
    *res = m;
    return st;
}
static char *build_print(void *ctx, void *res)
{
    (void)ctx;
    return lp_print(((hp_model *)res)->lp);
}
static void build_release(void *ctx, void *res)
{
    (void)ctx;
    hp_model_free(res);
}

static void test_build(void **state)
{
    (void)state;
    hp_instance *mip = load_ok(DIR "reliability-mip.cfg"), *lp = load_ok(DIR "reliability-lp.cfg");
    op o = {"build (MIP, CVaR)", NULL, build_run, build_print, build_release, mip, 0};
    sweep(&o, 50);
    lp->measure = HP_MEASURE_EXPOSURE;
    o.name = "build (LP, exposure)";
    o.ctx = lp;
    sweep(&o, 50);
    hp_instance_free(mip);
    hp_instance_free(lp);
}

/* ---- solve: open the backend, solve, read the primal values ------------ */

static hp_status solve_run(void *ctx, void **res)
{
    const hp_model *m = ctx;
    hp_solver s;
    hp_solve_opts so;
    hp_solve_result r;
    char err[256];
    double *x = NULL;
    hp_status st;
    int opened = 0;
    HP_CALL(hp_solver_open(&s, hp_backend_glpk(), m->lp, err, sizeof err));
    opened = 1;
    hp_solve_opts_default(&so);
    HP_CALL(hp_solver_minimise_col(&s, m->cost_col));
    HP_CALL(hp_solve(&s, &so, &r));
    x = malloc((size_t)hp_lp_ncols(m->lp) * sizeof *x);
    if (!x) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    HP_CALL(s.ops->get_primal(s.h, x));
    *res = x;
    x = NULL;
cleanup:
    if (opened)
        hp_solver_close(&s);
    free(x);
    return st;
}
static char *solve_print(void *ctx, void *res)
{
    const hp_model *m = ctx;
    char buf[64];
    snprintf(buf, sizeof buf, "cost %.6f", ((double *)res)[m->cost_col]);
    return strdup(buf);
}
static void free_release(void *ctx, void *res)
{
    (void)ctx;
    free(res);
}

static void test_solve(void **state)
{
    (void)state;
    solved sv;
    solve_ok(&sv, DIR "reliability-mip.cfg");
    op o = {"solve (MIP)", NULL, solve_run, solve_print, free_release, sv.m, 0};
    sweep(&o, 3);
    solved_free(&sv);
}

/* ---- plan extraction -------------------------------------------------- */

static hp_status extract_run(void *ctx, void **res)
{
    const solved *sv = ctx;
    hp_plan *p = NULL;
    hp_status st = hp_plan_extract(sv->m, sv->x, sv->y, &sv->r, HP_OBJ_COST, &p);
    *res = p;
    return st;
}
static char *extract_print(void *ctx, void *res)
{
    (void)ctx;
    return render_plan(res, HP_FMT_JSON);
}
static void extract_release(void *ctx, void *res)
{
    (void)ctx;
    hp_plan_free(res);
}

static void test_extract(void **state)
{
    (void)state;
    solved lp, mip;
    solve_ok(&lp, DIR "reliability-lp.cfg");
    solve_ok(&mip, DIR "reliability-mip.cfg");
    assert_true(lp.plan->n_duals > 0);
    op o = {"extract (LP, duals)", NULL, extract_run, extract_print, extract_release, &lp, 0};
    sweep(&o, 10);
    o.name = "extract (MIP)";
    o.ctx = &mip;
    sweep(&o, 10);
    solved_free(&lp);
    solved_free(&mip);
}

/* ---- reports ---------------------------------------------------------- */

typedef struct report_ctx {
    const hp_plan *plan;
    const hp_sim_result *sim; /* NULL: the plan report */
    hp_format fmt;
} report_ctx;

static hp_status report_run(void *ctx, void **res)
{
    const report_ctx *c = ctx;
    hp_report_meta meta = {"test.cfg", NULL, 0, NULL};
    hp_sim_meta smeta = {"test.cfg", NULL, 0, 1, 0, NULL, NULL};
    hp_sim_entry e = {"cost-minimal", c->plan, c->sim};
    char *buf = NULL;
    size_t len = 0;
    hp_status st;
    FILE *f = open_memstream(&buf, &len); /* libc's memory: not counted */
    if (!f)
        return HP_EIO;
    st = c->sim ? hp_sim_report(f, &e, 1, c->fmt, &smeta)
                : hp_report_plan(f, c->plan, c->fmt, &meta);
    fclose(f);
    if (st == HP_OK)
        *res = buf;
    else
        free(buf);
    return st;
}
static char *report_print(void *ctx, void *res)
{
    (void)ctx;
    return strdup(res);
}

/* Each format on the LP plan (duals) and the MIP plan (contracts). */
static void report_sweep(hp_format fmt, const char *name, long min_allocs)
{
    solved lp, mip;
    report_ctx c = {NULL, NULL, fmt};
    op o = {name, NULL, report_run, report_print, free_release, &c, 1};
    solve_ok(&lp, DIR "reliability-lp.cfg");
    solve_ok(&mip, DIR "reliability-mip.cfg");
    c.plan = lp.plan;
    sweep(&o, min_allocs);
    c.plan = mip.plan;
    sweep(&o, min_allocs);
    solved_free(&lp);
    solved_free(&mip);
}

/* text and CSV may need no allocation at all: 0 is allowed */
static void test_report_text(void **state)
{
    (void)state;
    report_sweep(HP_FMT_TEXT, "report text", 0);
}
static void test_report_csv(void **state)
{
    (void)state;
    report_sweep(HP_FMT_CSV, "report csv", 0);
}
/* JSON reports are written by jansson's json_dumpf, which allocates while
 * it writes and cannot tell a failed allocation from a failed write: the
 * report then says HP_EIO.  Either error is honest (both exit 1). */
static void test_report_json(void **state)
{
    (void)state;
    report_sweep(HP_FMT_JSON, "report json", 20);
}

/* ---- infeasibility diagnosis (elastic copy) --------------------------- */

typedef struct diag_res {
    hp_diag d;
} diag_res;

static hp_status diag_run(void *ctx, void **res)
{
    diag_res *r = __real_malloc(sizeof *r); /* the holder is the test's, not counted */
    hp_status st;
    if (!r)
        return HP_EINTERNAL;
    hp_diag_init(&r->d);
    st = hp_diagnose_infeasible(ctx, hp_backend_glpk(), &r->d);
    if (st == HP_OK) {
        *res = r;
    } else {
        hp_diag_free(&r->d);
        __real_free(r);
    }
    return st;
}
static char *diag_print(void *ctx, void *res)
{
    const diag_res *r = res;
    size_t n = 1;
    char *s;
    (void)ctx;
    for (int k = 0; k < r->d.n; k++)
        n += strlen(r->d.msgs[k]) + 1;
    s = malloc(n);
    assert_non_null(s);
    s[0] = '\0';
    for (int k = 0; k < r->d.n; k++)
        strcat(strcat(s, r->d.msgs[k]), "\n");
    return s;
}
static void diag_release(void *ctx, void *res)
{
    diag_res *r = res;
    (void)ctx;
    if (r) {
        hp_diag_free(&r->d);
        __real_free(r);
    }
}

static void test_diagnose(void **state)
{
    (void)state;
    hp_instance *in = load_ok(DIR "infeasible-storage.cfg");
    hp_model_opts mo = {in->measure, in->alpha, HP_INFO_TREE};
    hp_model *m = NULL;
    assert_int_equal(hp_model_build(in, &mo, &m), HP_OK);
    op o = {"diagnose infeasible", NULL, diag_run, diag_print, diag_release, m, 0};
    sweep(&o, 20);
    hp_model_free(m);
    hp_instance_free(in);
}

/* ---- sampled scenarios: sample, then replace the instance's ------------ */

typedef struct sample_ctx {
    hp_instance *in; /* loaded fresh before each run */
} sample_ctx;

static void sample_setup(void *ctx)
{
    ((sample_ctx *)ctx)->in = load_ok(DIR "reliability-mip.cfg");
}
/* As hp_cli_prepare does it. */
static hp_status sample_run(void *ctx, void **res)
{
    sample_ctx *c = ctx;
    int n = 20;
    double *avail =
        malloc((size_t)n * (size_t)c->in->n_suppliers * (size_t)c->in->T * sizeof *avail);
    hp_status st;
    if (!avail)
        return HP_ENOMEM;
    st = hp_sample_avail(c->in, 5, 0, n, avail);
    if (st != HP_OK) {
        free(avail);
        return st;
    }
    st = hp_instance_set_scenarios(c->in, n, avail); /* takes avail over */
    if (st == HP_OK)
        *res = c->in;
    return st;
}
static char *sample_print(void *ctx, void *res)
{
    (void)ctx;
    return inst_print(res);
}
static void sample_release(void *ctx, void *res)
{
    sample_ctx *c = ctx;
    (void)res;
    hp_instance_free(c->in); /* whether or not the replacement succeeded */
    c->in = NULL;
}

static void test_sample(void **state)
{
    (void)state;
    sample_ctx c = {NULL};
    op o = {"sampled scenarios", sample_setup, sample_run, sample_print, sample_release, &c, 0};
    sweep(&o, 2);
}

/* ---- Pareto sweep ----------------------------------------------------- */

static hp_status pareto_run(void *ctx, void **res)
{
    const hp_model *m = ctx;
    hp_solver s;
    hp_pareto_opts po;
    hp_pareto *front = NULL;
    char err[256];
    hp_status st;
    HP_CALL(hp_solver_open(&s, hp_backend_glpk(), m->lp, err, sizeof err));
    hp_pareto_opts_default(&po);
    po.points = 4;
    st = hp_pareto_sweep(&s, m->cost_col, m->risk_col, &po, &front);
    hp_solver_close(&s);
    *res = front;
cleanup:
    return st;
}
static char *pareto_print(void *ctx, void *res)
{
    const hp_pareto *p = res;
    char *s = malloc(64 * (size_t)p->n + 1), *e = s;
    (void)ctx;
    assert_non_null(s);
    *s = '\0';
    for (int k = 0; k < p->n; k++)
        e += sprintf(e, "%.6g %.6g %d\n", p->pts[k].cost, p->pts[k].risk, p->pts[k].knee);
    return s;
}
static void pareto_release(void *ctx, void *res)
{
    (void)ctx;
    hp_pareto_free(res);
}

static void test_pareto(void **state)
{
    (void)state;
    solved sv;
    solve_ok(&sv, DIR "reliability-lp.cfg");
    op o = {"pareto sweep (LP)", NULL, pareto_run, pareto_print, pareto_release, sv.m, 0};
    sweep(&o, 2);
    solved_free(&sv);
}

/* ---- simulation and its report ---------------------------------------- */

typedef struct sim_ctx {
    solved *sv;
    double *x;
    int *z;
    hp_recourse recourse;
    long samples;
} sim_ctx;

static hp_status sim_run(void *ctx, void **res)
{
    const sim_ctx *c = ctx;
    hp_sim_opts so;
    hp_sim_result *r = NULL;
    hp_status st;
    hp_sim_opts_default(&so);
    so.samples = c->samples;
    so.seed = 3;
    so.threads = 1;
    so.recourse = c->recourse;
    st = hp_simulate(c->sv->in, c->x, c->z, &so, &r);
    *res = r;
    return st;
}
static char *sim_print(void *ctx, void *res)
{
    const sim_ctx *c = ctx;
    return render_sim(c->sv->plan, res, HP_FMT_JSON);
}
static void sim_release(void *ctx, void *res)
{
    (void)ctx;
    hp_sim_result_free(res);
}

static void sim_sweep(hp_recourse recourse, long samples, const char *name)
{
    solved sv;
    sim_ctx c;
    op o = {name, NULL, sim_run, sim_print, sim_release, &c, 0};
    solve_ok(&sv, DIR "reliability-mip.cfg");
    c.sv = &sv;
    assert_int_equal(hp_sim_plan_arrays(sv.plan, &c.x, &c.z), HP_OK);
    c.recourse = recourse;
    c.samples = samples;
    sweep(&o, 5);
    free(c.x);
    free(c.z);
    solved_free(&sv);
}

static void test_simulate_rule(void **state)
{
    (void)state;
    sim_sweep(HP_RECOURSE_RULE, 200, "simulate (rule)");
}
static void test_simulate_lp(void **state)
{
    (void)state;
    sim_sweep(HP_RECOURSE_LP, 5, "simulate (lp recourse)");
}

static void test_simulate_report(void **state)
{
    static const char *const names[] = {"simulate report text", "simulate report csv",
                                        "simulate report json"};
    solved sv;
    hp_sim_opts so;
    hp_sim_result *r = NULL;
    double *x = NULL;
    int *z = NULL;
    report_ctx rc;
    (void)state;
    solve_ok(&sv, DIR "reliability-mip.cfg");
    assert_int_equal(hp_sim_plan_arrays(sv.plan, &x, &z), HP_OK);
    hp_sim_opts_default(&so);
    so.samples = 200;
    so.threads = 1;
    assert_int_equal(hp_simulate(sv.in, x, z, &so, &r), HP_OK);
    rc.plan = sv.plan;
    rc.sim = r;
    for (int k = 0; k < 3; k++) {
        op ro = {names[k], NULL, report_run, report_print, free_release, &rc, 1};
        rc.fmt = (hp_format)k;
        sweep(&ro, k == HP_FMT_JSON ? 20 : 0);
    }
    hp_sim_result_free(r);
    free(x);
    free(z);
    solved_free(&sv);
}

/* ---- the analyst's numbers: value of information, near-optimal plans,
 * ranges, and the HTML and compare reports that show them --------------- */

typedef struct analyst_ctx {
    hp_instance *in;
    hp_model_opts mo;
    hp_plan_opts po;
    hp_plan *plan; /* value of information: the plan its numbers go into */
} analyst_ctx;

/* The pipeline answers with an outcome: FAILED is how it says out of
 * memory (its log, dropped here, says "out of memory"); a sweep injects
 * nothing else, so any other outcome is a failure of the test. */
static hp_status status_of(hp_outcome oc)
{
    return oc == HP_OUTCOME_OK ? HP_OK : oc == HP_OUTCOME_FAILED ? HP_ENOMEM : HP_EINTERNAL;
}

static void analyst_open(analyst_ctx *c, const char *path)
{
    memset(c, 0, sizeof *c);
    c->in = load_ok(path);
    hp_plan_opts_default(&c->po);
    assert_int_equal(hp_plan_prepare(c->in, &c->po, &c->mo), HP_OUTCOME_OK);
}

static void analyst_close(analyst_ctx *c)
{
    hp_plan_free(c->plan);
    hp_instance_free(c->in);
}

static void voi_setup(void *ctx)
{
    analyst_ctx *c = ctx;
    c->plan->has_stochastic_value = 0;
    c->plan->ws = c->plan->eev = c->plan->rp = c->plan->evpi = c->plan->vss = 0.0;
}
static hp_status voi_run(void *ctx, void **res)
{
    analyst_ctx *c = ctx;
    hp_status st = status_of(hp_plan_value_of_information(c->in, &c->mo, &c->po, c->plan));
    if (st == HP_OK)
        *res = c->plan;
    return st;
}
static char *voi_print(void *ctx, void *res)
{
    const hp_plan *p = res;
    char *s = malloc(160);
    (void)ctx;
    assert_non_null(s);
    snprintf(s, 160, "%d %.10g %.10g %.10g %.10g %.10g", p->has_stochastic_value, p->ws, p->eev,
             p->rp, p->evpi, p->vss);
    return s;
}
static void no_release(void *ctx, void *res)
{
    (void)ctx;
    (void)res;
}

/* a plan of the pipeline (near-optimal, or with ranges) */
static hp_status near_run(void *ctx, void **res)
{
    analyst_ctx *c = ctx;
    hp_plan *p = NULL;
    hp_status st = status_of(hp_plan_near_optimal(c->in, &c->mo, &c->po, &p));
    *res = p;
    return st;
}
static hp_status ranges_run(void *ctx, void **res)
{
    analyst_ctx *c = ctx;
    hp_plan *p = NULL;
    hp_status st = status_of(hp_plan_solve(c->in, &c->mo, &c->po, &p));
    *res = p;
    return st;
}
static char *plan_print(void *ctx, void *res)
{
    (void)ctx;
    return render_plan(res, HP_FMT_JSON);
}

static void test_value_of_information(void **state)
{
    analyst_ctx c;
    (void)state;
    analyst_open(&c, DIR "newsvendor.cfg");
    assert_int_equal(hp_plan_solve(c.in, &c.mo, &c.po, &c.plan), HP_OUTCOME_OK);
    op o = {"value of information", voi_setup, voi_run, voi_print, no_release, &c, 0};
    sweep(&o, 20);
    analyst_close(&c);
}

static void test_near_optimal(void **state)
{
    analyst_ctx c;
    (void)state;
    analyst_open(&c, DIR "near-share.cfg");
    c.po.near_slack = 0.05;
    c.po.near_region = "CN";
    op o = {"near-optimal plan", NULL, near_run, plan_print, extract_release, &c, 0};
    sweep(&o, 20);
    analyst_close(&c);
}

static void test_ranges(void **state)
{
    analyst_ctx c;
    (void)state;
    analyst_open(&c, DIR "quota.cfg");
    c.po.ranges = 1;
    op o = {"plan with --ranges", NULL, ranges_run, plan_print, extract_release, &c, 0};
    sweep(&o, 20);
    analyst_close(&c);
}

/* The HTML page of a plan that carries everything an analyst can ask for
 * (near-optimal with its reference, value of information, ranges), alone
 * (plan --format html) and as the planner's report page. */
typedef struct html_ctx {
    const hp_plan *plan;
    int page; /* 0: plan --format html; 1: hp_html_report */
} html_ctx;

static hp_status html_run(void *ctx, void **res)
{
    const html_ctx *c = ctx;
    hp_report_meta meta = {"test.cfg", NULL, 0, NULL};
    hp_html_input in;
    char *buf = NULL;
    size_t len = 0;
    hp_status st;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return HP_EIO;
    memset(&in, 0, sizeof in);
    in.file = "test.cfg";
    in.plan = c->plan;
    st = c->page ? hp_html_report(f, &in) : hp_report_plan(f, c->plan, HP_FMT_HTML, &meta);
    fclose(f);
    if (st == HP_OK)
        *res = buf;
    else
        free(buf);
    return st;
}

static void test_report_html(void **state)
{
    analyst_ctx c;
    hp_plan *near = NULL;
    html_ctx h = {NULL, 0};
    (void)state;
    analyst_open(&c, DIR "near-share.cfg");
    c.po.near_slack = 0.05;
    c.po.near_region = "CN";
    c.po.ranges = 1;
    assert_int_equal(hp_plan_near_optimal(c.in, &c.mo, &c.po, &near), HP_OUTCOME_OK);
    assert_int_equal(hp_plan_value_of_information(c.in, &c.mo, &c.po, near), HP_OUTCOME_OK);
    assert_non_null(near->near_before);
    h.plan = near;
    op o = {"report html (analyst)", NULL, html_run, report_print, free_release, &h, 1};
    sweep(&o, 1);
    h.page = 1;
    o.name = "report page (analyst)";
    sweep(&o, 1);
    report_sweep(HP_FMT_HTML, "report html", 1);
    hp_plan_free(near);
    analyst_close(&c);
}

/* compare with the order moves of a variant, every format */
typedef struct compare_ctx {
    const hp_compare *c;
    hp_format fmt;
} compare_ctx;

static hp_status compare_run(void *ctx, void **res)
{
    const compare_ctx *cc = ctx;
    char *buf = NULL;
    size_t len = 0;
    hp_status st;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return HP_EIO;
    st = hp_compare_report(f, cc->c, cc->fmt);
    fclose(f);
    if (st == HP_OK)
        *res = buf;
    else
        free(buf);
    return st;
}

static void test_compare_moves(void **state)
{
    static const char *const names[] = {"compare text (moves)", "compare csv (moves)",
                                        "compare json (moves)", "compare html (moves)"};
    static const hp_format fmts[] = {HP_FMT_TEXT, HP_FMT_CSV, HP_FMT_JSON, HP_FMT_HTML};
    solved a, b;
    (void)state;
    solve_ok(&a, DIR "compare-ref.cfg");
    solve_ok(&b, DIR "compare-price.cfg");
    {
        const char *files[2] = {"compare-ref.cfg", "compare-price.cfg"};
        const hp_instance *insts[2] = {a.in, b.in};
        const hp_plan *plans[2] = {a.plan, b.plan};
        const int infeasible[2] = {0, 0};
        hp_compare c = {2, files, insts, plans, infeasible, 0, NULL};
        for (int k = 0; k < 4; k++) {
            compare_ctx cc = {&c, fmts[k]};
            op o = {names[k], NULL, compare_run, report_print, free_release, &cc, 1};
            sweep(&o, 1);
        }
    }
    solved_free(&a);
    solved_free(&b);
}

static int teardown(void **state)
{
    (void)state;
    disarm();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_load, teardown),
        cmocka_unit_test_teardown(test_load_errors, teardown),
        cmocka_unit_test_teardown(test_actuals, teardown),
        cmocka_unit_test_teardown(test_build, teardown),
        cmocka_unit_test_teardown(test_solve, teardown),
        cmocka_unit_test_teardown(test_extract, teardown),
        cmocka_unit_test_teardown(test_report_text, teardown),
        cmocka_unit_test_teardown(test_report_csv, teardown),
        cmocka_unit_test_teardown(test_report_json, teardown),
        cmocka_unit_test_teardown(test_diagnose, teardown),
        cmocka_unit_test_teardown(test_sample, teardown),
        cmocka_unit_test_teardown(test_pareto, teardown),
        cmocka_unit_test_teardown(test_simulate_rule, teardown),
        cmocka_unit_test_teardown(test_simulate_lp, teardown),
        cmocka_unit_test_teardown(test_simulate_report, teardown),
        cmocka_unit_test_teardown(test_value_of_information, teardown),
        cmocka_unit_test_teardown(test_near_optimal, teardown),
        cmocka_unit_test_teardown(test_ranges, teardown),
        cmocka_unit_test_teardown(test_report_html, teardown),
        cmocka_unit_test_teardown(test_compare_moves, teardown),
    };
    /* jansson's objects come from the same counting allocator */
    json_set_alloc_funcs(__wrap_malloc, __wrap_free);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
