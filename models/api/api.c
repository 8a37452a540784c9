/* The public API of include/hreeplan.h over the rooms of models/: the same
 * pipeline, simulation and report writers the command line calls.  This is
 * the one file that sees both the public header and the internal ones; the
 * opaque public types are the internal structs (hp_instance, hp_plan) or
 * small wrappers defined here (hp_front, hp_simulation). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../../include/hreeplan.h"
#include "../instance/instance.h"
#include "../plan/pipeline.h"
#include "../report/pareto_out.h"
#include "../report/report.h"
#include "../report/sim_report.h"
#include "../simulate/simulate.h"

struct hp_front {
    const hp_instance *inst;
    hp_front_result res;
};

struct hp_simulation {
    const hp_plan *plan;
    hp_sim_result *sim;
};

const char *hp_version(void)
{
    return HP_VERSION;
}

const char *hp_outcome_str(hp_outcome o)
{
    static const char *const s[] = {"ok",         "invalid", "failed",
                                    "infeasible", "stopped", "interrupted"};
    return (unsigned)o < sizeof s / sizeof s[0] ? s[o] : "unknown";
}

void hp_options_default(hp_options *o)
{
    hp_plan_opts po;
    hp_plan_opts_default(&po);
    memset(o, 0, sizeof *o);
    o->objective = "cost";
    o->alpha = -1.0;
    o->time_limit = po.time_limit;
    o->mip_gap = po.mip_gap;
    o->tolerance = po.tolerance;
    o->cut_groups = po.cut_groups;
    o->threads = po.threads;
    o->max_memory_mb = po.max_memory_mb;
    o->points = po.points;
    o->seed = po.seed;
    o->samples = 10000;
}

static void say(const hp_options *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(const hp_options *o, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    if (!o || !o->log)
        return;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    o->log(o->log_ctx, buf);
}

/* The pipeline's options from the public ones; HP_OUTCOME_INVALID (logged)
 * for a name no option takes. */
static hp_outcome plan_opts(const hp_options *o, hp_plan_opts *po)
{
    int v;
    hp_plan_opts_default(po);
    if (!o)
        return HP_OUTCOME_OK;
    if (o->objective && strcmp(o->objective, "cost") && strcmp(o->objective, "risk")) {
        say(o, "hreeplan: objective: expected cost or risk, got '%s'", o->objective);
        return HP_OUTCOME_INVALID;
    }
    po->objective = o->objective && !strcmp(o->objective, "risk") ? HP_OBJ_RISK : HP_OBJ_COST;
    if (o->measure) {
        if ((v = hp_measure_parse(o->measure)) < 0) {
            say(o, "hreeplan: measure: expected shortage, cvar or exposure, got '%s'", o->measure);
            return HP_OUTCOME_INVALID;
        }
        po->measure = v;
    }
    if (o->method) {
        if ((v = hp_method_parse(o->method)) < 0) {
            say(o, "hreeplan: method: expected extensive, lshaped or auto, got '%s'", o->method);
            return HP_OUTCOME_INVALID;
        }
        po->method = (hp_method)v;
    }
    if (o->information) {
        if ((v = hp_information_parse(o->information)) < 0) {
            say(o, "hreeplan: information: expected tree or two-stage, got '%s'", o->information);
            return HP_OUTCOME_INVALID;
        }
        po->information = (hp_information)v;
    }
    if (o->alpha > 0.0 && o->alpha >= 1.0) {
        say(o, "hreeplan: alpha: expected a number in (0, 1), got %g", o->alpha);
        return HP_OUTCOME_INVALID;
    }
    po->alpha = o->alpha;
    po->sample_scenarios = o->sample_scenarios;
    po->seed = o->seed;
    po->backend = o->backend;
    po->time_limit = o->time_limit;
    po->mip_gap = o->mip_gap;
    po->tolerance = o->tolerance;
    po->cut_groups = o->cut_groups;
    po->threads = o->threads;
    po->max_memory_mb = o->max_memory_mb;
    po->points = o->points;
    po->interrupt = o->interrupt;
    po->log = o->log;
    po->log_ctx = o->log_ctx;
    return HP_OUTCOME_OK;
}

hp_outcome hp_read_instance(const char *path, const hp_options *o, hp_instance **out)
{
    hp_diag d;
    hp_status st;
    hp_plan_opts po;
    hp_model_opts mo;
    hp_outcome rc;

    *out = NULL;
    rc = plan_opts(o, &po);
    if (rc != HP_OUTCOME_OK)
        return rc;
    hp_diag_init(&d);
    st = hp_instance_load(path, out, &d);
    for (int k = 0; k < d.n; k++)
        say(o, "%s", d.msgs[k]);
    if (d.truncated)
        say(o, "%s: more errors not shown", path);
    if (st != HP_OK && d.n == 0)
        say(o, "%s: %s", path, hp_status_str(st));
    hp_diag_free(&d);
    if (st != HP_OK)
        return st == HP_EINVAL ? HP_OUTCOME_INVALID : HP_OUTCOME_FAILED;
    /* measure, alpha and sampled scenarios belong to the instance from now */
    rc = hp_plan_prepare(*out, &po, &mo);
    if (rc != HP_OUTCOME_OK) {
        hp_instance_free(*out);
        *out = NULL;
    }
    return rc;
}

/* The pipeline's options and model options for a prepared instance. */
static hp_outcome prepared(const hp_instance *inst, const hp_options *o, hp_plan_opts *po,
                           hp_model_opts *mo)
{
    hp_outcome rc = plan_opts(o, po);
    if (rc != HP_OUTCOME_OK)
        return rc;
    /* hp_read_instance applied the sampling already */
    po->sample_scenarios = 0;
    return hp_plan_prepare((hp_instance *)inst, po, mo);
}

hp_outcome hp_make_plan(const hp_instance *inst, const hp_options *o, hp_plan **out)
{
    hp_plan_opts po;
    hp_model_opts mo;
    hp_outcome rc;
    *out = NULL;
    rc = prepared(inst, o, &po, &mo);
    return rc != HP_OUTCOME_OK ? rc : hp_plan_solve(inst, &mo, &po, out);
}

double hp_plan_expected_cost(const hp_plan *p)
{
    return p->cost_total;
}

double hp_plan_risk(const hp_plan *p)
{
    return hp_plan_measure(p, p->measure);
}

double hp_plan_region_share(const hp_plan *p, const char *region)
{
    for (int r = 0; r < p->inst->n_regions; r++)
        if (!strcmp(p->inst->regions[r], region))
            return p->region_share[r];
    return -1.0;
}

hp_outcome hp_make_front(const hp_instance *inst, const hp_options *o, hp_front **out)
{
    hp_plan_opts po;
    hp_model_opts mo;
    hp_outcome rc;
    hp_front *f;
    *out = NULL;
    rc = prepared(inst, o, &po, &mo);
    if (rc != HP_OUTCOME_OK)
        return rc;
    f = calloc(1, sizeof *f);
    if (!f)
        return HP_OUTCOME_FAILED;
    f->inst = inst;
    rc = hp_front_solve(inst, &mo, &po, &f->res);
    if (rc != HP_OUTCOME_OK) {
        hp_front_free(f);
        return rc;
    }
    *out = f;
    return HP_OUTCOME_OK;
}

void hp_front_free(hp_front *f)
{
    if (!f)
        return;
    hp_front_result_free(&f->res);
    free(f);
}

int hp_front_size(const hp_front *f)
{
    return f->res.front ? f->res.front->n : 0;
}

hp_outcome hp_front_point(const hp_front *f, int k, double *cost, double *risk)
{
    if (k < 0 || k >= hp_front_size(f) || !f->res.plans[k])
        return HP_OUTCOME_INVALID;
    *cost = f->res.plans[k]->cost_total;
    *risk = hp_plan_measure(f->res.plans[k], f->res.measure);
    return HP_OUTCOME_OK;
}

hp_outcome hp_simulate_plan(const hp_plan *p, const hp_options *o, hp_simulation **out)
{
    hp_sim_opts so;
    double *x = NULL;
    int *z = NULL;
    hp_status st;
    hp_simulation *s = calloc(1, sizeof *s);

    *out = NULL;
    if (!s)
        return HP_OUTCOME_FAILED;
    hp_sim_opts_default(&so);
    if (o) {
        so.samples = o->samples;
        so.seed = o->seed;
        so.threads = o->threads;
        so.cancel = o->interrupt;
    }
    s->plan = p;
    st = hp_sim_plan_arrays(p, &x, &z);
    if (st == HP_OK)
        st = hp_simulate(p->inst, x, z, &so, &s->sim);
    free(x);
    free(z);
    if (st == HP_OK && s->sim->stopped) {
        hp_simulation_free(s);
        return HP_OUTCOME_INTERRUPTED;
    }
    if (st != HP_OK) {
        say(o, "hreeplan: simulation failed: %s", hp_status_str(st));
        hp_simulation_free(s);
        return st == HP_EINVAL ? HP_OUTCOME_INVALID : HP_OUTCOME_FAILED;
    }
    *out = s;
    return HP_OUTCOME_OK;
}

void hp_simulation_free(hp_simulation *s)
{
    if (!s)
        return;
    hp_sim_result_free(s->sim);
    free(s);
}

double hp_simulation_mean_cost(const hp_simulation *s, double *se)
{
    if (se)
        *se = s->sim->cost.se;
    return s->sim->cost.mean;
}

static hp_outcome written(hp_status st)
{
    return st == HP_OK          ? HP_OUTCOME_OK
           : st == HP_EINTERNAL ? HP_OUTCOME_INVALID
                                : HP_OUTCOME_FAILED;
}

hp_outcome hp_write_plan(FILE *f, const hp_plan *p, const char *format, const char *instance_path)
{
    hp_report_meta meta;
    int fmt = hp_format_parse(format);
    if (fmt < 0)
        return HP_OUTCOME_INVALID;
    memset(&meta, 0, sizeof meta);
    meta.file = instance_path;
    meta.timing = 1;
    return written(hp_report_plan(f, p, (hp_format)fmt, &meta));
}

hp_outcome hp_write_front(FILE *f, const hp_front *fr, const char *format,
                          const char *instance_path)
{
    hp_front_run r;
    int fmt = hp_format_parse(format);
    if (fmt < 0)
        return HP_OUTCOME_INVALID;
    hp_front_run_from(&r, fr->inst, instance_path, &fr->res);
    r.timing = 1;
    return written(hp_front_report(f, &r, (hp_format)fmt));
}

hp_outcome hp_write_simulation(FILE *f, const hp_simulation *s, const char *format,
                               const char *instance_path)
{
    hp_sim_entry e;
    hp_sim_meta meta;
    int fmt = hp_format_parse(format);
    if (fmt < 0)
        return HP_OUTCOME_INVALID;
    memset(&meta, 0, sizeof meta);
    meta.file = instance_path;
    meta.timing = 1;
    e.label = s->plan->objective == HP_OBJ_RISK ? "risk-minimal" : "cost-minimal";
    e.plan = s->plan;
    e.sim = s->sim;
    return written(hp_sim_report(f, &e, 1, (hp_format)fmt, &meta));
}
