/* hreeplan compare FILE... [--variants DIR]: plans several instances with the
 * same options and prints them side by side (a column per instance).
 *
 * Every instance is loaded and validated before anything is solved: one
 * invalid file stops the run with exit 2 and no plan.  An instance that
 * admits no plan (or whose solve stops without one) keeps its column, marked
 * with its status; the run then exits with that instance's code (3 or 4)
 * after printing the table of the others. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../models/report/chart.h"
#include "../models/report/compare_out.h"
#include "cli.h"

static void help(void)
{
    printf(
        "usage: hreeplan compare FILE... [--variants DIR] [options]\n\n"
        "Plans each instance with the same options and prints one table, a column per\n"
        "instance: expected cost and its split, expected unmet t per product, shortage,\n"
        "CVaR and exposure, share by region, expected stock at the end per product,\n"
        "solver status and time.  --variants DIR adds every DIR/*.cfg, sorted by name,\n"
        "after the FILEs (the usual call: one base instance and a folder of variants).\n\n"
        "  --variants DIR             add every *.cfg in DIR\n"
        "  --objective cost|risk      which plan (default cost)\n"
        "  --measure shortage|cvar|exposure   risk measure (default: each instance's, else cvar)\n"
        "  --alpha A                  CVaR level (default: each instance's, else 0.9)\n"
        "  --format text|csv|json|html  report format (default text)\n"
        "  -o FILE                    write the report to FILE atomically\n"
        "  --chart FILE.svg           supply by source per quarter, a row of panels per\n"
        "                             instance, a panel per product (gnuplot)\n"
        "  --backend glpk|cbc         solver (default glpk)\n"
        "  --time-limit SEC           solver time limit per instance\n"
        "  --mip-gap G                relative MIP gap at which to stop (default 0)\n"
        "  --sample-scenarios N       replace the scenarios by N sampled paths\n"
        "  --seed S                   seed for sampled paths (default 1)\n"
        "  --information tree|two-stage  recourse by node of the scenario tree (default)\n"
        "                             or with each scenario's future known\n"
        "  --method, --tolerance, --cut-groups   as for `hreeplan plan`, for each instance\n"
        "  --threads N                L-shaped recourse threads of each instance's solve\n"
        "                             (default: all cores); the instances are planned one\n"
        "                             after another, so N threads at most run at a time;\n"
        "                             no effect on an instance solved in extensive form\n"
        "  --set PATH=VALUE           override one setting (repeatable), e.g.\n"
        "                             products[0].demand=120; applied to every instance\n"
        "  --max-memory MB            refuse a model larger than this (default 4096)\n"
        "  --no-timing                leave solver seconds out (byte-stable output)\n"
        "  --progress                 a line on stderr per instance and per L-shaped iteration\n"
        "                             (the iterations also on a terminal once the run has\n"
        "                             taken a second)\n");
}

/* The supply chart of every instance that has a plan.  Returns the exit
 * code. */
static int write_chart(const char *path, const char *shown, char **files, hp_plan **plans, int n)
{
    char err[512];
    int m = 0;
    const hp_plan **pp = calloc((size_t)n, sizeof *pp);
    const char **names = calloc((size_t)n, sizeof *names);
    char **labels = calloc((size_t)n, sizeof *labels);
    int crc = !pp || !names || !labels;
    for (int k = 0; !crc && k < n; k++) {
        if (!plans[k])
            continue;
        labels[m] = hp_compare_short_name(files[k]);
        names[m] = labels[m];
        pp[m++] = plans[k];
    }
    if (crc)
        snprintf(err, sizeof err, "out of memory");
    else if (m == 0) {
        snprintf(err, sizeof err, "no instance has a plan to draw");
        crc = 1;
    } else
        crc = hp_chart_supply(path, pp, names, m, err, sizeof err);
    for (int k = 0; labels && k < m; k++)
        free(labels[k]);
    free(labels);
    free(names);
    free(pp);
    if (crc) {
        fprintf(stderr, "hreeplan: %s: %s\n", shown, err);
        return CLI_EXIT_IO;
    }
    return CLI_EXIT_OK;
}

int cli_cmd_compare(int argc, char **argv)
{
    static const cli_command cmd = {"compare", CLI_COMPARE, 1, 0, help};
    cli_opts o;
    int n, rc, fail_rc = CLI_EXIT_OK;
    hp_instance **inst = NULL;
    hp_plan **plans = NULL;
    int *infeasible = NULL;
    char(*shabuf)[65] = NULL;
    const char **shas = NULL;
    hp_run_record run;
    cli_progress pg;
    cli_out out, ch;

    memset(&ch, 0, sizeof ch);
    rc = cli_parse(&cmd, argc, argv, &o);
    n = o.n_files;
    if (rc >= 0)
        goto cleanup;
    rc = CLI_EXIT_OK;
    cli_progress_start(&pg, "compare", &o);
    if (n == 0) {
        fprintf(stderr,
                "hreeplan compare: no instance given (FILE... or --variants DIR; see --help)\n");
        rc = CLI_EXIT_USAGE;
        goto cleanup;
    }
    inst = calloc((size_t)n, sizeof *inst);
    plans = calloc((size_t)n, sizeof *plans);
    infeasible = calloc((size_t)n, sizeof *infeasible);
    if (!inst || !plans || !infeasible) {
        fprintf(stderr, "hreeplan: out of memory\n");
        rc = CLI_EXIT_IO;
        goto cleanup;
    }
    /* load and validate all of them before solving any */
    for (int k = 0; k < n; k++) {
        int c = cli_load(o.files[k], &o, &inst[k]);
        if (c && (rc == CLI_EXIT_OK || c == CLI_EXIT_USAGE))
            rc = c;
    }
    if (rc) {
        fprintf(stderr, "hreeplan compare: nothing solved: fix the instance%s above\n",
                n > 1 ? "s" : "");
        goto cleanup;
    }
    for (int k = 0; k < n; k++) {
        hp_model_opts mo;
        int c;
        rc = cli_exit_of(hp_plan_prepare(inst[k], &o.plan, &mo));
        if (rc)
            goto cleanup;
        if (o.progress)
            fprintf(stderr, "compare: %d/%d %s\n", k + 1, n, o.files[k]);
        c = cli_exit_of(hp_plan_solve(inst[k], &mo, &o.plan, &plans[k]));
        if (c == CLI_EXIT_IO || c == CLI_EXIT_USAGE) {
            rc = c;
            goto cleanup;
        }
        infeasible[k] = c == CLI_EXIT_INFEASIBLE;
        if (c && !fail_rc)
            fail_rc = c;
        if (cli_interrupted) {
            fprintf(stderr,
                    "hreeplan compare: interrupted after %d of %d instances; no report written\n",
                    k + 1, n);
            rc = CLI_EXIT_IO;
            goto cleanup;
        }
    }
    if (o.chart) {
        /* into its temporary file: put in place with the report only */
        rc = cli_out_open(&ch, o.chart);
        if (rc == 0)
            rc = write_chart(ch.tmp ? ch.tmp : o.chart, o.chart, o.files, plans, n);
        if (rc)
            goto cleanup;
    }
    shabuf = calloc((size_t)n, sizeof *shabuf);
    shas = calloc((size_t)n, sizeof *shas);
    if (!shabuf || !shas) {
        fprintf(stderr, "hreeplan: out of memory\n");
        rc = CLI_EXIT_IO;
        goto cleanup;
    }
    for (int k = 0; k < n; k++)
        shas[k] = cli_sha256_inst(inst[k], shabuf[k]) == 0 ? shabuf[k] : NULL;
    cli_run_record(&o, shas, n, &run);
    {
        hp_compare cmp = {n,
                          (const char *const *)o.files,
                          (const hp_instance *const *)inst,
                          (const hp_plan *const *)plans,
                          infeasible,
                          o.timing,
                          &run};
        rc = cli_out_open(&out, o.out);
        if (rc)
            goto cleanup;
        if (hp_compare_report(out.f, &cmp, o.format) != HP_OK) {
            rc = cli_out_fail(&out, 0);
            goto cleanup;
        }
        rc = cli_out_commit(&out);
    }
    if (rc == CLI_EXIT_OK && o.chart)
        rc = cli_out_commit(&ch);
    if (rc == CLI_EXIT_OK)
        rc = fail_rc;
cleanup:
    cli_out_abort(&ch);
    for (int k = 0; k < n; k++) {
        if (plans)
            hp_plan_free(plans[k]);
        if (inst)
            hp_instance_free(inst[k]);
    }
    free(plans);
    free(inst);
    free(infeasible);
    free(shabuf);
    free(shas);
    cli_opts_free(&o);
    return rc;
}
