/* hreeplan command line: the one option table and its parser, instance
 * loading with diagnostics, and outcomes as exit codes.
 *
 * Spellings the command line has always accepted are kept: an option of
 * the common set takes its value as `--name VALUE` or `--name=VALUE` and
 * its errors start "hreeplan: "; the options of a single command (export's
 * outputs, simulate's --recourse, --paths, --bins and switches) are matched
 * whole, take the next argument as value and their errors start with the
 * command ("hreeplan simulate: ").  Arguments are read in order, so an
 * error before --help wins over it. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../models/simulate/simulate.h"
#include "../solver/backend.h"
#include "../solver/par.h"
#include "cli.h"

#define COMMON (CLI_PLAN | CLI_PARETO | CLI_COMPARE | CLI_SIMULATE | CLI_EXPORT | CLI_REPORT)

typedef enum kind {
    K_FLAG,   /* int field set to 1 */
    K_STRING, /* const char * field */
    K_FILE,   /* same, non-empty, "needs a file name" */
    K_DOUBLE, /* double in [lo, hi] */
    K_INT,    /* int in [lo, hi] */
    K_LONG,   /* long in [lo, hi] */
    K_ULONG,  /* unsigned long in [lo, hi] */
    K_CUSTOM  /* set() reads the value */
} kind;

typedef struct option {
    const char *name;
    int takes_value;
    kind kind;
    double lo, hi; /* range */
    size_t field;  /* offsetof(cli_opts, ...) */
    unsigned commands;
    int strict; /* one command's: matched whole, messages name the command */
    /* K_CUSTOM: 0 when set, -1 after printing why, or an exit code >= 0
     * offset by 100 (variants) */
    int (*set)(cli_opts *o, const char *name, const char *val, const char *prefix);
} option;

static int choice(const char *prefix, const char *name, const char *val, const char *expect)
{
    fprintf(stderr, "%s: %s: expected %s, got '%s'\n", prefix, name, expect, val);
    return -1;
}

static int set_objective(cli_opts *o, const char *name, const char *val, const char *prefix)
{
    if (!strcmp(val, "cost"))
        o->plan.objective = HP_OBJ_COST;
    else if (!strcmp(val, "risk"))
        o->plan.objective = HP_OBJ_RISK;
    else
        return choice(prefix, name, val, "cost or risk");
    return 0;
}

static int set_measure(cli_opts *o, const char *name, const char *val, const char *prefix)
{
    o->plan.measure = hp_measure_parse(val);
    return o->plan.measure < 0 ? choice(prefix, name, val, "shortage, cvar or exposure") : 0;
}

static int parse_double(const char *prefix, const char *name, const char *s, double lo, double hi,
                        double *out)
{
    char *end;
    double v;
    errno = 0;
    v = strtod(s, &end);
    /* an underflow (1e-320) is still a number, the nearest there is */
    if ((errno && !(errno == ERANGE && fabs(v) < 1.0)) || end == s || *end || !isfinite(v) ||
        v < lo || v > hi) {
        fprintf(stderr, "%s: %s: expected a number in [%g, %g], got '%s'\n", prefix, name, lo, hi,
                s);
        return -1;
    }
    *out = v;
    return 0;
}

static int parse_long(const char *prefix, const char *name, const char *s, long lo, long hi,
                      long *out)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) {
        fprintf(stderr, "%s: %s: expected an integer in [%ld, %ld], got '%s'\n", prefix, name, lo,
                hi, s);
        return -1;
    }
    *out = v;
    return 0;
}

static int set_alpha(cli_opts *o, const char *name, const char *val, const char *prefix)
{
    /* both messages when the value is no number in [0, 1] at all */
    if (parse_double(prefix, name, val, 0.0, 1.0, &o->plan.alpha) || o->plan.alpha <= 0.0 ||
        o->plan.alpha >= 1.0) {
        fprintf(stderr, "%s: --alpha: must lie strictly between 0 and 1, got '%s'\n", prefix, val);
        return -1;
    }
    return 0;
}

static int set_format(cli_opts *o, const char *name, const char *val, const char *prefix)
{
    int f = hp_format_parse(val);
    if (f < 0)
        return choice(prefix, name, val, "text, csv, json or html");
    o->format = (hp_format)f;
    return 0;
}

/* A backend whose library is loaded on use (CBC) is loaded here, so a
 * missing library is a usage error before any work. */
static int set_backend(cli_opts *o, const char *name, const char *val, const char *prefix)
{
    char err[512];
    (void)name;
    if (!hp_backend_find(val)) {
        fprintf(stderr, "%s: --backend: '%s' is not built (available: glpk%s)\n", prefix, val,
                hp_backend_cbc() ? ", cbc" : "");
        return -1;
    }
    if (hp_backend_ready(hp_backend_find(val), err, sizeof err) != HP_OK) {
        fprintf(stderr, "%s: --backend %s: %s\n", prefix, val, err);
        return -1;
    }
    o->plan.backend = val;
    return 0;
}

static int set_method(cli_opts *o, const char *name, const char *val, const char *prefix)
{
    int m = hp_method_parse(val);
    if (m < 0)
        return choice(prefix, name, val, "extensive, lshaped or auto");
    o->plan.method = (hp_method)m;
    return 0;
}

static int set_information(cli_opts *o, const char *name, const char *val, const char *prefix)
{
    int i = hp_information_parse(val);
    if (i < 0)
        return choice(prefix, name, val, "tree or two-stage");
    o->plan.information = (hp_information)i;
    return 0;
}

static int set_recourse(cli_opts *o, const char *name, const char *val, const char *prefix)
{
    o->recourse = hp_recourse_parse(val);
    return o->recourse < 0 ? choice(prefix, name, val, "rule, lp or rolling") : 0;
}

static int set_paths(cli_opts *o, const char *name, const char *val, const char *prefix)
{
    o->paths = hp_sim_paths_parse(val);
    return o->paths < 0 ? choice(prefix, name, val, "sample, scenarios or mixed") : 0;
}

/* --set PATH=VALUE: kept in order; the loader applies and checks them. */
static int set_set(cli_opts *o, const char *name, const char *val, const char *prefix)
{
    (void)name;
    if (!strchr(val, '=') || val[0] == '=') {
        fprintf(stderr, "%s: --set: expected PATH=VALUE (e.g. products[0].demand=120), got '%s'\n",
                prefix, val);
        return -1;
    }
    if (o->n_sets == o->cap_sets) {
        int nc = o->cap_sets ? 2 * o->cap_sets : 8;
        const char **ns = realloc(o->sets, (size_t)nc * sizeof *ns);
        if (!ns) {
            fprintf(stderr, "hreeplan: out of memory\n");
            return -1;
        }
        o->sets = ns;
        o->cap_sets = nc;
    }
    o->sets[o->n_sets++] = val;
    return 0;
}

static int set_variants(cli_opts *o, const char *name, const char *val, const char *prefix)
{
    int rc = cli_add_variants(val, o);
    (void)name;
    (void)prefix;
    return rc < 0 ? 0 : 100 + rc;
}

/* --budget B and --max-risk R (MODEL.md "Spend and penalty"): one bound
 * per plan. */
static int set_bound(cli_opts *o, const char *name, const char *val, const char *prefix)
{
    hp_bound_kind k = strcmp(name, "--budget") ? HP_BOUND_MAX_RISK : HP_BOUND_BUDGET;
    if (o->plan.bound_kind != HP_BOUND_NONE && o->plan.bound_kind != k) {
        fprintf(stderr, "%s: --budget and --max-risk exclude each other\n", prefix);
        return -1;
    }
    if (parse_double(prefix, name, val, k == HP_BOUND_BUDGET ? -1e300 : 0.0, 1e300, &o->plan.bound))
        return -1;
    o->plan.bound_kind = k;
    return 0;
}

static int set_axis(cli_opts *o, const char *name, const char *val, const char *prefix)
{
    if (!strcmp(val, "spend"))
        o->plan.axis = HP_AXIS_SPEND;
    else if (!strcmp(val, "cost"))
        o->plan.axis = HP_AXIS_COST;
    else
        return choice(prefix, name, val, "spend or cost");
    return 0;
}

#define F(m) offsetof(cli_opts, m)

static const option table[] = {
    {"--objective", 1, K_CUSTOM, 0, 0, 0, COMMON, 0, set_objective},
    {"--measure", 1, K_CUSTOM, 0, 0, 0, COMMON | CLI_ROLL, 0, set_measure},
    {"--alpha", 1, K_CUSTOM, 0, 1, 0, COMMON | CLI_ROLL, 0, set_alpha},
    {"--format", 1, K_CUSTOM, 0, 0, 0, COMMON | CLI_ROLL | CLI_SMPS, 0, set_format},
    {"-o", 1, K_STRING, 0, 0, F(out), COMMON | CLI_ROLL | CLI_SMPS, 0, NULL},
    {"--output", 1, K_STRING, 0, 0, F(out), COMMON | CLI_ROLL | CLI_SMPS, 0, NULL},
    {"--backend", 1, K_CUSTOM, 0, 0, 0, COMMON | CLI_ROLL | CLI_SMPS, 0, set_backend},
    {"--time-limit", 1, K_DOUBLE, 0.0, 1e7, F(plan.time_limit), COMMON | CLI_ROLL | CLI_SMPS, 0,
     NULL},
    {"--mip-gap", 1, K_DOUBLE, 0.0, 1.0, F(plan.mip_gap), COMMON | CLI_ROLL, 0, NULL},
    {"--sample-scenarios", 1, K_INT, 1, HP_MAX_SCENARIOS, F(plan.sample_scenarios),
     COMMON | CLI_SMPS | CLI_ROLL, 0, NULL},
    {"--seed", 1, K_ULONG, 0, 2147483647.0, F(plan.seed), COMMON | CLI_ROLL | CLI_SMPS, 0, NULL},
    {"--points", 1, K_INT, 2, 1000, F(plan.points), CLI_PARETO | CLI_REPORT, 0, NULL},
    {"--budget", 1, K_CUSTOM, 0, 0, 0, CLI_PLAN, 0, set_bound},
    {"--max-risk", 1, K_CUSTOM, 0, 0, 0, CLI_PLAN, 0, set_bound},
    {"--axis", 1, K_CUSTOM, 0, 0, 0, CLI_PARETO, 0, set_axis},
    {"--zero-axis", 0, K_FLAG, 0, 0, F(zero_axis), CLI_PARETO, 0, NULL},
    {"--ranges", 0, K_FLAG, 0, 0, F(plan.ranges), CLI_PLAN | CLI_REPORT, 0, NULL},
    {"--value-of-information", 0, K_FLAG, 0, 0, F(plan.value_of_information), CLI_PLAN | CLI_REPORT,
     0, NULL},
    {"--near-optimal", 1, K_DOUBLE, 0.0, 10.0, F(plan.near_slack), CLI_PLAN | CLI_REPORT, 0, NULL},
    {"--minimise-share", 1, K_STRING, 0, 0, F(plan.near_region), CLI_PLAN | CLI_REPORT, 0, NULL},
    {"--samples", 1, K_LONG, 1, 100000000.0, F(samples), CLI_SIMULATE | CLI_REPORT, 0, NULL},
    {"--plan", 1, K_STRING, 0, 0, F(plan_file), CLI_SIMULATE, 0, NULL},
    {"--chart", 1, K_STRING, 0, 0, F(chart), CLI_PARETO | CLI_COMPARE | CLI_SIMULATE, 0, NULL},
    {"--max-memory", 1, K_DOUBLE, 1.0, 1e9, F(plan.max_memory_mb), COMMON | CLI_ROLL | CLI_CHECK, 0,
     NULL},
    {"--set", 1, K_CUSTOM, 0, 0, 0, COMMON | CLI_ROLL | CLI_CHECK, 0, set_set},
    {"--method", 1, K_CUSTOM, 0, 0, 0, COMMON | CLI_SMPS, 0, set_method},
    {"--information", 1, K_CUSTOM, 0, 0, 0, COMMON | CLI_ROLL, 0, set_information},
    {"--foresight", 0, K_FLAG, 0, 0, F(plan.foresight), CLI_PLAN, 0, NULL},
    {"--adaptive-orders", 0, K_FLAG, 0, 0, F(plan.adaptive_orders), CLI_PLAN | CLI_EXPORT, 0, NULL},
    {"--tolerance", 1, K_DOUBLE, 0.0, 1.0, F(plan.tolerance), COMMON | CLI_SMPS, 0, NULL},
    {"--cut-groups", 1, K_INT, 1, HP_MAX_SCENARIOS, F(plan.cut_groups), COMMON | CLI_SMPS, 0, NULL},
    {"--threads", 1, K_INT, 0, 256, F(plan.threads), COMMON | CLI_SMPS, 0, NULL},
    {"--bundle-size", 1, K_INT, 1, HP_MAX_SCENARIOS, F(plan.bundle_size), COMMON, 0, NULL},
    {"--progress", 0, K_FLAG, 0, 0, F(progress),
     CLI_PLAN | CLI_PARETO | CLI_COMPARE | CLI_SIMULATE | CLI_REPORT, 0, NULL},
    {"--no-timing", 0, K_FLAG, 0, 0, F(timing), COMMON | CLI_ROLL, 0, NULL},
    {"--variants", 1, K_CUSTOM, 0, 0, 0, CLI_COMPARE, 0, set_variants},
    {"--lp", 1, K_FILE, 0, 0, F(lp), CLI_EXPORT, 1, NULL},
    {"--mps", 1, K_FILE, 0, 0, F(mps), CLI_EXPORT | CLI_SMPS, 1, NULL},
    {"--mathprog-data", 1, K_FILE, 0, 0, F(dat), CLI_EXPORT, 1, NULL},
    {"--smps", 1, K_FILE, 0, 0, F(smps), CLI_EXPORT, 1, NULL},
    {"--compare-objectives", 0, K_FLAG, 0, 0, F(compare_objectives), CLI_SIMULATE, 1, NULL},
    {"--per-path-loop", 0, K_FLAG, 0, 0, F(per_path_loop), CLI_SIMULATE, 1, NULL},
    {"--recourse", 1, K_CUSTOM, 0, 0, 0, CLI_SIMULATE, 1, set_recourse},
    {"--paths", 1, K_CUSTOM, 0, 0, 0, CLI_SIMULATE, 1, set_paths},
    {"--rolling-scenarios", 1, K_INT, 1, HP_ROLLING_MAX, F(rolling_scenarios), CLI_SIMULATE, 1,
     NULL},
    {"--bins", 1, K_INT, 1, 1000, F(bins), CLI_SIMULATE, 1, NULL},
    {"--previous", 1, K_FILE, 0, 0, F(previous), CLI_ROLL, 1, NULL},
    {"--actuals", 1, K_FILE, 0, 0, F(actuals), CLI_ROLL, 1, NULL},
    {"--freeze", 1, K_INT, 0, HP_MAX_QUARTERS, F(freeze), CLI_ROLL, 1, NULL},
    {"--change-penalty", 1, K_DOUBLE, 0.0, 1e9, F(change_penalty), CLI_ROLL, 1, NULL},
};

/* Stores a value read by the table's kind.  0 or -1 (message printed). */
static int store(const option *op, cli_opts *o, const char *name, const char *val,
                 const char *prefix)
{
    char *p = (char *)o + op->field;
    long l;
    switch (op->kind) {
    case K_FLAG:
        /* --no-timing is the one switch that clears */
        *(int *)(void *)p = strcmp(op->name, "--no-timing") != 0;
        return 0;
    case K_STRING:
    case K_FILE:
        *(const char **)(void *)p = val;
        return 0;
    case K_DOUBLE:
        return parse_double(prefix, name, val, op->lo, op->hi, (double *)(void *)p);
    case K_INT:
    case K_LONG:
    case K_ULONG:
        if (parse_long(prefix, name, val, (long)op->lo, (long)op->hi, &l))
            return -1;
        if (op->kind == K_INT)
            *(int *)(void *)p = (int)l;
        else if (op->kind == K_LONG)
            *(long *)(void *)p = l;
        else
            *(unsigned long *)(void *)p = (unsigned long)l;
        return 0;
    case K_CUSTOM:
        return op->set(o, name, val, prefix);
    }
    return -1;
}

static int push_file(cli_opts *o, const char *f)
{
    if (o->n_files == o->cap_files) {
        int nc = o->cap_files ? 2 * o->cap_files : 16;
        char **nf = realloc(o->files, (size_t)nc * sizeof *nf);
        if (!nf)
            return -1;
        o->files = nf;
        o->cap_files = nc;
    }
    o->files[o->n_files] = strdup(f);
    if (!o->files[o->n_files])
        return -1;
    o->n_files++;
    return 0;
}

/* Reads the option at argv[*i]: -1 when it is none of cmd's, 0 when read,
 * else 1 + the exit code. */
static int read_option(const cli_command *cmd, int argc, char **argv, int *i, cli_opts *o)
{
    const char *a = argv[*i], *eq = strchr(a, '='), *val = NULL;
    char name[64], prefix[64];
    const option *op = NULL;
    int rc;

    if (eq && (size_t)(eq - a) < sizeof name) {
        memcpy(name, a, (size_t)(eq - a));
        name[eq - a] = '\0';
        val = eq + 1;
    } else {
        snprintf(name, sizeof name, "%s", a);
    }
    for (size_t k = 0; k < sizeof table / sizeof table[0] && !op; k++) {
        if (!(table[k].commands & cmd->bit))
            continue;
        if (table[k].strict ? !strcmp(a, table[k].name) : !strcmp(name, table[k].name))
            op = &table[k];
    }
    if (!op) {
        /* an option of another command is refused, not silently ignored */
        for (size_t k = 0; k < sizeof table / sizeof table[0]; k++)
            if (table[k].strict ? !strcmp(a, table[k].name) : !strcmp(name, table[k].name)) {
                fprintf(stderr, "hreeplan %s: %s does not apply to %s (see --help)\n", cmd->name,
                        table[k].name, cmd->name);
                return 1 + CLI_EXIT_USAGE;
            }
        return -1;
    }
    snprintf(prefix, sizeof prefix, op->strict ? "hreeplan %s" : "hreeplan", cmd->name);
    if (op->strict) {
        snprintf(name, sizeof name, "%s", a);
        val = NULL;
    }
    if (op->takes_value && !val) {
        if (*i + 1 >= argc || (op->kind == K_FILE && !argv[*i + 1][0])) {
            fprintf(stderr, "%s: %s needs a %s\n", prefix, name,
                    op->kind == K_FILE ? "file name" : "value");
            return 1 + CLI_EXIT_USAGE;
        }
        val = argv[++*i];
    }
    rc = store(op, o, name, val, prefix);
    if (rc >= 100)
        return 1 + rc - 100;
    return rc < 0 ? 1 + CLI_EXIT_USAGE : 0;
}

/* Refuses (usage error) an output that is one of the inputs or another
 * output: `plan x.cfg -o x.cfg` would replace the instance with its report.
 * Files are the same when their device and inode are (hard links, other
 * spellings of a path); devices and FIFOs (/dev/null) are never refused.
 * Returns -1 to go on, else the exit code. */
static int check_outputs(const cli_command *cmd, const cli_opts *o)
{
    enum { NOUT = 8 };
    const char *out[NOUT] = {o->out,           o->chart,         o->lp,           o->mps, o->dat,
                             o->smps_files[0], o->smps_files[1], o->smps_files[2]};
    static const char *const flag[NOUT] = {"-o",     "--chart", "--lp",  "--mps", "--mathprog-data",
                                           "--smps", "--smps",  "--smps"};
    struct stat so, si;
    for (int k = 0; k < NOUT; k++) {
        if (!out[k] || stat(out[k], &so) != 0 || !S_ISREG(so.st_mode))
            continue;
        for (int i = -3; i < o->n_files; i++) {
            const char *in = i == -3   ? o->previous
                             : i == -2 ? o->actuals
                             : i == -1 ? o->plan_file
                                       : o->files[i];
            if (in && stat(in, &si) == 0 && si.st_dev == so.st_dev && si.st_ino == so.st_ino) {
                fprintf(stderr, "hreeplan %s: %s %s: is the input %s; refusing to overwrite it\n",
                        cmd->name, flag[k], out[k], in);
                return CLI_EXIT_USAGE;
            }
        }
        for (int m = 0; m < k; m++)
            if (out[m] && stat(out[m], &si) == 0 && si.st_dev == so.st_dev &&
                si.st_ino == so.st_ino) {
                fprintf(stderr, "hreeplan %s: %s %s and %s %s: the same file\n", cmd->name, flag[m],
                        out[m], flag[k], out[k]);
                return CLI_EXIT_USAGE;
            }
    }
    for (int k = 1; k < NOUT; k++)
        for (int m = 0; m < k; m++)
            if (out[k] && out[m] && !strcmp(out[k], out[m]) && strcmp(out[k], "/dev/null")) {
                fprintf(stderr, "hreeplan %s: %s and %s both name %s\n", cmd->name, flag[m],
                        flag[k], out[k]);
                return CLI_EXIT_USAGE;
            }
    return -1;
}

int cli_parse(const cli_command *cmd, int argc, char **argv, cli_opts *o)
{
    memset(o, 0, sizeof *o);
    hp_plan_opts_default(&o->plan);
    o->plan.interrupt = &cli_interrupted;
    o->plan.log = cli_log;
    o->format = HP_FMT_TEXT;
    o->samples = 10000;
    o->timing = 1;
    o->bins = 20;
    o->freeze = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int rc;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            cmd->help();
            return CLI_EXIT_OK;
        }
        if (a[0] == '-' && !(cmd->dash_is_file && a[1] == '\0')) {
            rc = read_option(cmd, argc, argv, &i, o);
            if (rc > 0)
                return rc - 1;
            if (rc == 0)
                continue;
        } else if (cmd->many_files || o->n_files == 0) {
            if (push_file(o, a)) {
                fprintf(stderr, "hreeplan: out of memory\n");
                return CLI_EXIT_IO;
            }
            continue;
        }
        fprintf(stderr, "hreeplan %s: unexpected argument '%s' (see --help)\n", cmd->name, a);
        return CLI_EXIT_USAGE;
    }
    if (o->n_files == 0 && !cmd->many_files) {
        fprintf(stderr, "hreeplan %s: missing instance FILE (see --help)\n", cmd->name);
        return CLI_EXIT_USAGE;
    }
    if (o->out && !strcmp(o->out, "-"))
        o->out = NULL; /* -o - : standard output */
    if (o->smps) {
        /* export --smps PREFIX: PREFIX.cor, PREFIX.tim, PREFIX.sto */
        static const char *const ext[3] = {".cor", ".tim", ".sto"};
        for (int k = 0; k < 3; k++) {
            size_t n = strlen(o->smps) + 5;
            if (!(o->smps_files[k] = malloc(n))) {
                fprintf(stderr, "hreeplan: out of memory\n");
                return CLI_EXIT_IO;
            }
            snprintf(o->smps_files[k], n, "%s%s", o->smps, ext[k]);
        }
    }
    return check_outputs(cmd, o);
}

void cli_opts_free(cli_opts *o)
{
    for (int k = 0; k < 3; k++) {
        free(o->smps_files[k]);
        o->smps_files[k] = NULL;
    }
    for (int k = 0; k < o->n_files; k++)
        free(o->files[k]);
    free(o->files);
    free(o->sets);
    o->sets = NULL;
    o->n_sets = o->cap_sets = 0;
    o->files = NULL;
    o->n_files = o->cap_files = 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int cli_add_variants(const char *dir, cli_opts *o)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int first = o->n_files, bad = 0;
    if (!d) {
        fprintf(stderr, "hreeplan compare: --variants %s: cannot open the directory\n", dir);
        return CLI_EXIT_USAGE;
    }
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        char *path;
        if (len < 5 || strcmp(e->d_name + len - 4, ".cfg") || e->d_name[0] == '.')
            continue;
        path = malloc(strlen(dir) + len + 2);
        if (!path || (sprintf(path, "%s/%s", dir, e->d_name), push_file(o, path))) {
            free(path);
            bad = 1;
            break;
        }
        free(path);
    }
    closedir(d);
    if (bad) {
        fprintf(stderr, "hreeplan: out of memory\n");
        return CLI_EXIT_IO;
    }
    qsort(o->files + first, (size_t)(o->n_files - first), sizeof *o->files, by_name);
    if (o->n_files == first)
        fprintf(stderr, "hreeplan compare: --variants %s: no .cfg file in it\n", dir);
    return -1;
}

int cli_load(const char *path, const cli_opts *o, hp_instance **out)
{
    hp_diag d;
    hp_status st;
    int rc;
    hp_diag_init(&d);
    {
        hp_load_opts lo;
        lo.max_memory_mb = o->plan.max_memory_mb;
        lo.set = o->sets;
        lo.n_set = o->n_sets;
        st = hp_instance_load_opts(path, &lo, out, &d);
    }
    for (int k = 0; k < d.n; k++)
        fprintf(stderr, "%s\n", d.msgs[k]);
    if (d.truncated)
        fprintf(stderr, "%s: more errors not shown\n", path);
    switch (st) {
    case HP_OK:
        rc = CLI_EXIT_OK;
        break;
    case HP_EINVAL:
        rc = CLI_EXIT_USAGE;
        break;
    case HP_EIO:
        if (d.n == 0)
            fprintf(stderr, "%s: cannot read: %s\n", path, strerror(errno));
        rc = CLI_EXIT_IO;
        break;
    default:
        if (d.n == 0)
            fprintf(stderr, "%s: %s\n", path, hp_status_str(st));
        rc = CLI_EXIT_IO;
        break;
    }
    hp_diag_free(&d);
    return rc;
}

int cli_exit_of(hp_outcome oc)
{
    switch (oc) {
    case HP_OUTCOME_OK:
        return CLI_EXIT_OK;
    case HP_OUTCOME_INVALID:
        return CLI_EXIT_USAGE;
    case HP_OUTCOME_INFEASIBLE:
        return CLI_EXIT_INFEASIBLE;
    case HP_OUTCOME_STOPPED:
        return CLI_EXIT_SOLVER;
    case HP_OUTCOME_FAILED:
    case HP_OUTCOME_INTERRUPTED:
        break;
    }
    return CLI_EXIT_IO;
}

int cli_argc;
char **cli_argv;

void cli_run_record(const cli_opts *o, const char *const *sha, int n_sha, hp_run_record *r)
{
    const char *name = o->plan.backend ? o->plan.backend : "glpk";
    const hp_backend_ops *be = hp_backend_find(name);
    memset(r, 0, sizeof *r);
    r->argc = cli_argc;
    r->argv = (const char *const *)cli_argv;
    r->backend = name;
    r->backend_version = be ? be->version() : "";
    r->seed = o->plan.seed;
    r->threads = o->plan.threads;
    r->ranks = hp_par_size();
    r->n_sha = n_sha;
    r->sha256 = sha;
}

void cli_log(void *ctx, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "%s\n", msg);
}
