/* hreeplan command line: common options, instance loading with diagnostics,
 * the plan pipeline shared by plan / compare / simulate, atomic output and
 * the instance digest. */
#include <errno.h>
#include <math.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../models/plan/decompose.h"
#include "../models/plan/diagnose.h"
#include "../models/formulation/model.h"
#include "../models/instance/sample.h"
#include "../solver/backend.h"
#include "cli.h"

void hp_cli_opts_default(hp_cli_opts *o)
{
    memset(o, 0, sizeof *o);
    o->objective = HP_OBJ_COST;
    o->measure = -1;
    o->alpha = -1.0;
    o->format = HP_FMT_TEXT;
    o->backend = "glpk";
    o->seed = 1;
    o->points = 11;
    o->samples = 10000;
    o->timing = 1;
    o->max_memory_mb = 4096.0;
    o->method = HP_METHOD_AUTO;
    o->tolerance = 1e-6;
    o->cut_groups = 100;
    o->threads = 0;
}

/* About 128 bytes per nonzero (our triplets, GLPK's row and column lists,
 * its factorisation) and 600 per row or column (names, bounds, basis
 * records).  Measured: the baseline with 300 sampled scenarios (9,977 rows,
 * 19,563 columns, 69,321 nonzeros) peaks 27 MB above a bare `check`
 * (/usr/bin/time -f %M); this estimate gives 25.4 MB. */
double hp_cli_model_mb(double rows, double cols, double nnz)
{
    return (128.0 * nnz + 600.0 * (rows + cols)) / (1024.0 * 1024.0);
}

static int parse_double(const char *opt, const char *s, double lo, double hi, double *out)
{
    char *end;
    double v;
    errno = 0;
    v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v) || v < lo || v > hi) {
        fprintf(stderr, "hreeplan: %s: expected a number in [%g, %g], got '%s'\n", opt, lo, hi, s);
        return -1;
    }
    *out = v;
    return 0;
}

static int parse_long(const char *opt, const char *s, long lo, long hi, long *out)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) {
        fprintf(stderr, "hreeplan: %s: expected an integer in [%ld, %ld], got '%s'\n", opt, lo, hi, s);
        return -1;
    }
    *out = v;
    return 0;
}

int hp_cli_parse_common(int argc, char **argv, int *i, hp_cli_opts *o)
{
    const char *a = argv[*i];
    const char *val = NULL;
    char name[64];
    const char *eq = strchr(a, '=');
    long l;
    static const char *const with_value[] = {"--objective", "--measure", "--alpha", "--format", "-o",
                                             "--output", "--backend", "--time-limit", "--mip-gap",
                                             "--sample-scenarios", "--seed", "--points", "--samples",
                                             "--plan", "--chart", "--max-memory", "--method",
                                             "--tolerance", "--cut-groups", "--threads", NULL};
    int takes = 0;

    if (a[0] != '-')
        return 0;
    if (eq && (size_t)(eq - a) < sizeof name) {
        memcpy(name, a, (size_t)(eq - a));
        name[eq - a] = '\0';
        val = eq + 1;
    } else {
        snprintf(name, sizeof name, "%s", a);
    }
    for (int k = 0; with_value[k]; k++)
        if (!strcmp(name, with_value[k]))
            takes = 1;
    if (!strcmp(name, "--progress")) {
        o->progress = 1;
        return 1;
    }
    if (!strcmp(name, "--no-timing")) {
        o->timing = 0;
        return 1;
    }
    if (!takes)
        return 0;
    if (!val) {
        if (*i + 1 >= argc) {
            fprintf(stderr, "hreeplan: %s needs a value\n", name);
            return -1;
        }
        val = argv[++*i];
    }
    if (!strcmp(name, "--objective")) {
        if (!strcmp(val, "cost"))
            o->objective = HP_OBJ_COST;
        else if (!strcmp(val, "risk"))
            o->objective = HP_OBJ_RISK;
        else {
            fprintf(stderr, "hreeplan: --objective: expected cost or risk, got '%s'\n", val);
            return -1;
        }
    } else if (!strcmp(name, "--measure")) {
        o->measure = hp_measure_parse(val);
        if (o->measure < 0) {
            fprintf(stderr, "hreeplan: --measure: expected shortage, cvar or exposure, got '%s'\n", val);
            return -1;
        }
    } else if (!strcmp(name, "--alpha")) {
        if (parse_double(name, val, 0.0, 1.0, &o->alpha) || o->alpha <= 0.0 || o->alpha >= 1.0) {
            fprintf(stderr, "hreeplan: --alpha: must lie strictly between 0 and 1, got '%s'\n", val);
            return -1;
        }
    } else if (!strcmp(name, "--format")) {
        int f = hp_format_parse(val);
        if (f < 0) {
            fprintf(stderr, "hreeplan: --format: expected text, csv or json, got '%s'\n", val);
            return -1;
        }
        o->format = (hp_format)f;
    } else if (!strcmp(name, "-o") || !strcmp(name, "--output")) {
        o->out = val;
    } else if (!strcmp(name, "--backend")) {
        if (!hp_backend_find(val)) {
            fprintf(stderr, "hreeplan: --backend: '%s' is not built (available: glpk%s)\n", val,
                    hp_backend_cbc() ? ", cbc" : "");
            return -1;
        }
        o->backend = val;
    } else if (!strcmp(name, "--time-limit")) {
        return parse_double(name, val, 0.0, 1e7, &o->time_limit) ? -1 : 1;
    } else if (!strcmp(name, "--mip-gap")) {
        return parse_double(name, val, 0.0, 1.0, &o->mip_gap) ? -1 : 1;
    } else if (!strcmp(name, "--sample-scenarios")) {
        if (parse_long(name, val, 1, HP_MAX_SCENARIOS, &l))
            return -1;
        o->sample_scenarios = (int)l;
    } else if (!strcmp(name, "--seed")) {
        if (parse_long(name, val, 0, 2147483647L, &l))
            return -1;
        o->seed = (unsigned long)l;
    } else if (!strcmp(name, "--points")) {
        if (parse_long(name, val, 2, 1000, &l))
            return -1;
        o->points = (int)l;
    } else if (!strcmp(name, "--samples")) {
        if (parse_long(name, val, 1, 100000000L, &l))
            return -1;
        o->samples = l;
    } else if (!strcmp(name, "--plan")) {
        o->plan_file = val;
    } else if (!strcmp(name, "--chart")) {
        o->chart = val;
    } else if (!strcmp(name, "--max-memory")) {
        return parse_double(name, val, 1.0, 1e9, &o->max_memory_mb) ? -1 : 1;
    } else if (!strcmp(name, "--method")) {
        o->method = hp_method_parse(val);
        if (o->method < 0) {
            fprintf(stderr, "hreeplan: --method: expected extensive, lshaped or auto, got '%s'\n", val);
            return -1;
        }
    } else if (!strcmp(name, "--tolerance")) {
        if (parse_double(name, val, 0.0, 1.0, &o->tolerance))
            return -1;
    } else if (!strcmp(name, "--cut-groups")) {
        if (parse_long(name, val, 1, HP_MAX_SCENARIOS, &l))
            return -1;
        o->cut_groups = (int)l;
    } else if (!strcmp(name, "--threads")) {
        if (parse_long(name, val, 0, 256, &l))
            return -1;
        o->threads = (int)l;
    }
    return 1;
}

int hp_cli_load(const char *path, hp_instance **out)
{
    hp_diag d;
    hp_status st;
    int rc;
    hp_diag_init(&d);
    st = hp_instance_load(path, out, &d);
    for (int k = 0; k < d.n; k++)
        fprintf(stderr, "%s\n", d.msgs[k]);
    if (d.truncated)
        fprintf(stderr, "%s: more errors not shown\n", path);
    switch (st) {
    case HP_OK: rc = HP_EXIT_OK; break;
    case HP_EINVAL: rc = HP_EXIT_USAGE; break;
    case HP_EIO:
        if (d.n == 0)
            fprintf(stderr, "%s: cannot read: %s\n", path, strerror(errno));
        rc = HP_EXIT_IO;
        break;
    default:
        if (d.n == 0)
            fprintf(stderr, "%s: %s\n", path, hp_status_str(st));
        rc = HP_EXIT_IO;
        break;
    }
    hp_diag_free(&d);
    return rc;
}

int hp_cli_prepare(hp_instance *inst, const hp_cli_opts *o, hp_model_opts *mo)
{
    mo->measure = o->measure >= 0 ? (hp_measure)o->measure : inst->measure;
    mo->alpha = o->alpha > 0.0 ? o->alpha : inst->alpha;
    if (o->sample_scenarios > 0) {
        size_t n = (size_t)o->sample_scenarios * (size_t)inst->n_suppliers * (size_t)inst->T;
        double *avail;
        hp_status st;
        if (inst->n_devents == 0) {
            fprintf(stderr, "%s: --sample-scenarios needs a `disruptions` process in the instance\n",
                    inst->file);
            return HP_EXIT_USAGE;
        }
        avail = malloc(n * sizeof *avail);
        if (!avail) {
            fprintf(stderr, "hreeplan: out of memory sampling %d scenarios\n", o->sample_scenarios);
            return HP_EXIT_IO;
        }
        st = hp_sample_avail(inst, o->seed, 0, o->sample_scenarios, avail);
        if (st == HP_OK)
            st = hp_instance_set_scenarios(inst, o->sample_scenarios, avail);
        else
            free(avail);
        if (st != HP_OK) {
            fprintf(stderr, "hreeplan: sampling scenarios failed: %s\n", hp_status_str(st));
            return HP_EXIT_IO;
        }
    }
    return HP_EXIT_OK;
}

/* Names the constraints whose conflict makes the model infeasible
 * (models/diagnose.h). */
void hp_cli_report_infeasible(const hp_model *m, const hp_backend_ops *ops)
{
    hp_diag d;
    hp_status st;
    hp_diag_init(&d);
    fprintf(stderr, "%s: no plan satisfies the hard constraints:\n", m->inst->file);
    st = hp_diagnose_infeasible(m, ops, &d);
    for (int k = 0; k < d.n; k++)
        fprintf(stderr, "%s\n", d.msgs[k]);
    if (st != HP_OK || d.n == 0)
        fprintf(stderr, "%s: the conflicting constraints could not be named (%s)\n", m->inst->file,
                st == HP_OK ? "no storage limit is in conflict" : hp_status_str(st));
    hp_diag_free(&d);
}

/* A MIP solution is integral only within the solver's tolerance: an order
 * of 5e-6 t from a supplier whose lots are 1 t can remain.  Fixing every
 * integer column at its rounded value and re-solving the continuous part
 * (same objective and bounds) gives the plan a planner can sign; when that
 * LP is not optimal the MIP's own values are kept. */
static void polish_mip(hp_solver *s, const hp_lp *lp, int obj_col, const hp_solve_opts *so,
                       double *x)
{
    hp_solve_result r;
    int n = hp_lp_ncols(lp);
    double *x2 = malloc((size_t)n * sizeof *x2);
    if (!x2)
        return;
    if (hp_solver_minimise_col(s, obj_col) != HP_OK)
        goto done;
    for (int j = 0; j < n; j++)
        if (hp_lp_col_is_int(lp, j) &&
            s->ops->set_col_bounds(s->h, j, round(x[j]), round(x[j])) != HP_OK)
            goto done;
    if (s->ops->solve_lp(s->h, so, &r) == HP_OK && r.status == HP_SOL_OPTIMAL &&
        s->ops->get_primal(s->h, x2) == HP_OK)
        memcpy(x, x2, (size_t)n * sizeof *x);
done:
    free(x2);
}

/* The L-shaped method (models/decompose.h): one recourse LP per scenario
 * instead of the extensive form; the plan reads as the extensive one. */
static int solve_lshaped(const hp_instance *inst, const hp_model_opts *mo, const hp_cli_opts *o,
                         hp_plan **out)
{
    hp_lshaped_opts lo;
    hp_lshaped_stats stats;
    hp_status st;
    hp_lshaped_opts_default(&lo);
    lo.tolerance = o->tolerance;
    lo.cut_groups = o->cut_groups;
    lo.threads = o->threads;
    lo.time_limit = o->time_limit;
    lo.mip_gap = o->mip_gap;
    lo.interrupt = &hp_cli_interrupted;
    memset(&stats, 0, sizeof stats);
    st = hp_decompose_plan(inst, mo, &lo, o->objective, out, &stats);
    if (hp_cli_interrupted) {
        hp_plan_free(*out);
        *out = NULL;
        fprintf(stderr, "%s: interrupted; no plan\n", inst->file);
        return HP_EXIT_IO;
    }
    switch (st) {
    case HP_OK:
        fprintf(stderr,
                "hreeplan: L-shaped: %d master iterations, lower bound %.10g, upper bound %.10g "
                "(gap %.2g), %ld recourse solves on %d threads\n",
                stats.iterations, stats.lower, stats.upper, stats.gap, stats.recourse_solves,
                stats.threads);
        return HP_EXIT_OK;
    case HP_EINFEASIBLE:
        fprintf(stderr, "%s: no plan satisfies the hard constraints (storage limits against stock "
                        "on hand and in transit; --method extensive names them)\n",
                inst->file);
        return HP_EXIT_INFEASIBLE;
    case HP_ESOLVER:
        fprintf(stderr, "%s: the solver stopped (%s) without a feasible plan (L-shaped method)\n",
                inst->file, o->time_limit > 0 ? "time_limit" : "failed");
        return HP_EXIT_SOLVER;
    case HP_EINVAL:
        fprintf(stderr, "%s: invalid L-shaped options\n", inst->file);
        return HP_EXIT_USAGE;
    default:
        fprintf(stderr, "%s: the L-shaped method failed: %s\n", inst->file, hp_status_str(st));
        return HP_EXIT_IO;
    }
}

int hp_cli_check_memory(const hp_instance *inst, const hp_cli_opts *o)
{
    /* counted from the instance, before anything is built */
    double rows, cols, nnz, mb;
    hp_model_size_bound(inst, &rows, &cols, &nnz);
    mb = hp_cli_model_mb(rows, cols, nnz);
    if (mb > o->max_memory_mb) {
        fprintf(stderr,
                "%s: the model (up to %.0f rows, %.0f columns, %.0f nonzeros) would need about "
                "%.0f MB, more than --max-memory %.0f MB\n",
                inst->file, rows, cols, nnz, mb, o->max_memory_mb);
        return HP_EXIT_USAGE;
    }
    return HP_EXIT_OK;
}

int hp_cli_solve_plan(const hp_instance *inst, const hp_model_opts *mo, const hp_cli_opts *o,
                      hp_plan **out, hp_model **model_out)
{
    hp_model *m = NULL;
    hp_solver s;
    hp_solve_opts so;
    hp_solve_result r;
    double *x = NULL, *y = NULL, first = 0.0;
    const hp_backend_ops *ops = hp_backend_find(o->backend ? o->backend : "glpk");
    char err[256] = "";
    hp_status st;
    int rc = HP_EXIT_OK, opened = 0, last_obj = -1;

    *out = NULL;
    if (model_out)
        *model_out = NULL;
    memset(&s, 0, sizeof s);
    if (!ops) {
        fprintf(stderr, "hreeplan: backend '%s' is not built\n", o->backend);
        return HP_EXIT_USAGE;
    }
    /* the bound of the extensive form also caps the decomposition, which
     * keeps every scenario's recourse solution for the report */
    rc = hp_cli_check_memory(inst, o);
    if (rc)
        return rc;
    /* a caller that keeps the model (simulate) gets the extensive form */
    if (!model_out && hp_method_resolve((hp_method)o->method, inst) == HP_METHOD_LSHAPED)
        return solve_lshaped(inst, mo, o, out);
    st = hp_model_build(inst, mo, &m);
    if (st != HP_OK) {
        fprintf(stderr, "%s: building the model failed: %s\n", inst->file, hp_status_str(st));
        rc = st == HP_EINVAL ? HP_EXIT_USAGE : HP_EXIT_IO;
        goto cleanup;
    }
    st = hp_solver_open(&s, ops, m->lp, err, sizeof err);
    if (st != HP_OK) {
        fprintf(stderr, "%s: the model was refused: %s\n", inst->file, err[0] ? err : hp_status_str(st));
        rc = HP_EXIT_IO;
        goto cleanup;
    }
    opened = 1;
    hp_solve_opts_default(&so);
    so.time_limit = o->time_limit;
    so.mip_gap = o->mip_gap;
    so.interrupt = &hp_cli_interrupted;
    x = malloc((size_t)hp_lp_ncols(m->lp) * sizeof *x);
    y = malloc((size_t)(hp_lp_nrows(m->lp) + 1) * sizeof *y);
    if (!x || !y)
        goto nomem;
    /* Cost-minimal plans break ties by risk, risk-minimal plans by cost
     * (MODEL.md): the reported plan is then the same whatever basis the
     * solver happens to end on.  Shadow prices are read where the objective
     * is cost: after the first solve of a cost-minimal plan, after the
     * second of a risk-minimal one. */
    if (o->objective == HP_OBJ_RISK) {
        last_obj = m->cost_col;
        st = hp_solve_lex(&s, m->risk_col, m->cost_col, 1e-6, 1e-9, &so, &r, &first);
    } else {
        last_obj = m->cost_col;
        st = hp_solver_minimise_col(&s, m->cost_col);
        if (st == HP_OK)
            st = hp_solve(&s, &so, &r);
        if (st == HP_OK && r.has_solution && !m->is_mip)
            st = s.ops->get_duals(s.h, y);
        if (st == HP_OK && r.has_solution)
            st = s.ops->get_primal(s.h, x);
        if (st == HP_OK && r.status == HP_SOL_OPTIMAL) {
            hp_solve_result r2;
            double ub = r.objective; /* ties only: no slack spent on risk */
            st = s.ops->set_col_bounds(s.h, m->cost_col, hp_lp_col_lb(m->lp, m->cost_col), ub);
            if (st == HP_OK)
                st = hp_solver_minimise_col(&s, m->risk_col);
            if (st == HP_OK)
                st = hp_solve(&s, &so, &r2);
            /* keep the first plan when the tie-break finds nothing better */
            if (st == HP_OK && r2.has_solution && r2.status == HP_SOL_OPTIMAL) {
                last_obj = m->risk_col;
                st = s.ops->get_primal(s.h, x);
                r.seconds += r2.seconds;
                r.iterations += r2.iterations;
            }
        }
    }
    if (hp_cli_interrupted) {
        fprintf(stderr, "%s: interrupted; no plan\n", inst->file);
        rc = HP_EXIT_IO;
        goto cleanup;
    }
    if (st != HP_OK) {
        fprintf(stderr, "%s: the solver failed: %s\n", inst->file, hp_status_str(st));
        rc = HP_EXIT_IO;
        goto cleanup;
    }
    if (r.status == HP_SOL_INFEASIBLE) {
        hp_cli_report_infeasible(m, ops);
        rc = HP_EXIT_INFEASIBLE;
        goto cleanup;
    }
    if (!r.has_solution) {
        fprintf(stderr, "%s: the solver stopped (%s) without a feasible plan\n", inst->file,
                hp_sol_status_str(r.status));
        rc = HP_EXIT_SOLVER;
        goto cleanup;
    }
    if (r.status == HP_SOL_FAILED) {
        fprintf(stderr, "%s: the solver reported numerical trouble; no plan is given\n", inst->file);
        rc = HP_EXIT_SOLVER;
        goto cleanup;
    }
    if (o->objective == HP_OBJ_RISK) {
        HP_CALL(s.ops->get_primal(s.h, x));
        if (!m->is_mip)
            HP_CALL(s.ops->get_duals(s.h, y));
    }
    if (m->is_mip) {
        free(y);
        y = NULL;
        polish_mip(&s, m->lp, last_obj, &so, x);
    }
    HP_CALL(hp_plan_extract(m, x, y, &r, o->objective, out));
    (*out)->backend = ops->name;
    (*out)->backend_version = ops->version();
    goto cleanup;
nomem:
    st = HP_ENOMEM;
cleanup:
    if (st != HP_OK && rc == HP_EXIT_OK) {
        fprintf(stderr, "%s: %s\n", inst->file, hp_status_str(st));
        rc = HP_EXIT_IO;
    }
    if (opened)
        hp_solver_close(&s);
    free(x);
    free(y);
    if (rc == HP_EXIT_OK && model_out)
        *model_out = m;
    else
        hp_model_free(m);
    return rc;
}

int hp_out_open(hp_out *o, const char *path)
{
    memset(o, 0, sizeof *o);
    if (!path) {
        o->f = stdout;
        return HP_EXIT_OK;
    }
    o->path = strdup(path);
    if (!o->path) {
        fprintf(stderr, "hreeplan: out of memory\n");
        return HP_EXIT_IO;
    }
    {
        /* A device or FIFO (/dev/stdout, /dev/null, /dev/full): there is
         * nothing to replace atomically, and renaming over it would replace
         * the device itself (as root) or fail (others: no new file in
         * /dev); write through it. */
        struct stat sb;
        if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode)) {
            o->f = fopen(path, "w");
            if (!o->f) {
                fprintf(stderr, "hreeplan: %s: cannot write: %s\n", path, strerror(errno));
                hp_out_abort(o);
                return HP_EXIT_IO;
            }
            return HP_EXIT_OK;
        }
    }
    o->tmp = malloc(strlen(path) + 16);
    if (!o->tmp) {
        fprintf(stderr, "hreeplan: out of memory\n");
        hp_out_abort(o);
        return HP_EXIT_IO;
    }
    sprintf(o->tmp, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        fprintf(stderr, "hreeplan: %s: cannot write: %s\n", path, strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        hp_out_abort(o);
        return HP_EXIT_IO;
    }
    {
        /* mkstemp creates 0600; a report is an ordinary file (0666 & ~umask) */
        mode_t mask = umask(0);
        umask(mask);
        if (fchmod(fd, 0666 & ~mask) != 0) {
            fprintf(stderr, "hreeplan: %s: cannot write: %s\n", path, strerror(errno));
            close(fd);
            hp_out_abort(o);
            return HP_EXIT_IO;
        }
    }
    o->f = fdopen(fd, "w");
    if (!o->f) {
        close(fd);
        hp_out_abort(o);
        return HP_EXIT_IO;
    }
    return HP_EXIT_OK;
}

int hp_out_commit(hp_out *o)
{
    int bad;
    if (!o->path) {
        bad = fflush(stdout) != 0 || ferror(stdout);
        if (bad)
            fprintf(stderr, "hreeplan: writing the report failed: %s\n", strerror(errno));
        o->f = NULL;
        return bad ? HP_EXIT_IO : HP_EXIT_OK;
    }
    /* no fsync for a device (o->tmp NULL): character devices refuse it */
    bad = fflush(o->f) != 0 || ferror(o->f) || (o->tmp && fsync(fileno(o->f)) != 0);
    if (fclose(o->f) != 0)
        bad = 1;
    o->f = NULL;
    if (!bad && o->tmp && rename(o->tmp, o->path) != 0)
        bad = 1;
    if (bad) {
        fprintf(stderr, "hreeplan: %s: cannot write: %s\n", o->path, strerror(errno));
        hp_out_abort(o);
        return HP_EXIT_IO;
    }
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
    return HP_EXIT_OK;
}

int hp_out_fail(hp_out *o, int nomem)
{
    int e = errno;
    fprintf(stderr, "hreeplan: %s: cannot write: %s\n", o->path ? o->path : "standard output",
            nomem ? "out of memory" : strerror(e));
    hp_out_abort(o);
    return HP_EXIT_IO;
}

void hp_out_abort(hp_out *o)
{
    if (o->f && o->f != stdout)
        fclose(o->f);
    if (o->tmp)
        unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
}

int hp_sha256_file(const char *path, char hex[65])
{
    struct sha256_ctx ctx;
    uint8_t buf[8192], dig[SHA256_DIGEST_SIZE];
    size_t n;
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    sha256_init(&ctx);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sha256_update(&ctx, n, buf);
    if (ferror(f)) {
        fclose(f);
        return -1;
    }
    fclose(f);
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, dig);
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
        sprintf(hex + 2 * i, "%02x", dig[i]);
    return 0;
}
