/* hreeplan smps CORE TIME STOCH: a two-stage stochastic LP given in SMPS,
 * solved by the L-shaped engine or as its extensive form (solver/smps.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../solver/smps.h"
#include "cli.h"

static void help(void)
{
    printf("usage: hreeplan smps CORE TIME STOCH [options]\n\n"
           "Solves a two-stage stochastic LP given in SMPS: the core in MPS (fixed or free),\n"
           "an implicit TIME file with two periods, a STOCH file with INDEP, BLOCKS or\n"
           "SCENARIOS sections (DISCRETE).\n\n"
           "  --method extensive|lshaped|auto  extensive form, L-shaped decomposition, or\n"
           "                             L-shaped from 50 scenarios on when the recourse is\n"
           "                             fixed (default auto)\n"
           "  --sample-scenarios N       solve on N scenarios sampled from the distributions\n"
           "                             (needed above %d scenarios)\n"
           "  --seed S                   seed of the sample (default 1)\n"
           "  --format text|json         output format (default text)\n"
           "  -o FILE                    write the output to FILE atomically\n"
           "  --mps FILE                 also write the extensive form (the scenarios solved\n"
           "                             on) to FILE as free MPS, for other solvers\n"
           "  --backend glpk|cbc         extensive form solver (default glpk)\n"
           "  --time-limit SEC           solver time limit\n"
           "  --tolerance T              L-shaped relative gap (default 1e-6)\n"
           "  --cut-groups K             L-shaped cut groups (default 100)\n"
           "  --threads N                L-shaped recourse threads (default: all cores)\n\n"
           "Exit codes: 0 solved, 1 I/O error, 2 malformed file or usage error, 3 infeasible,\n"
           "4 solver stopped without a solution.\n",
           HP_SMPS_MAX_SCENARIOS);
}

static double nz(double v)
{
    return fabs(v) < 5e-13 ? 0.0 : v; /* never -0 */
}

/* A name as a JSON string. */
static void jstr(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++)
        if (*s == '"' || *s == '\\')
            fprintf(f, "\\%c", *s);
        else if ((unsigned char)*s < 0x20)
            fprintf(f, "\\u%04x", (unsigned)(unsigned char)*s);
        else
            fputc(*s, f);
    fputc('"', f);
}

static void write_result(FILE *f, const hp_smps *p, const hp_smps_result *r, hp_format fmt)
{
    const char *m = hp_smps_method_str(r->method), *s = hp_sol_status_str(r->status);
    int n1 = hp_smps_first_cols(p);
    if (fmt == HP_FMT_JSON) {
        fprintf(f, "{\"objective\": %.10g, \"scenarios\": %ld, \"first_stage\": {",
                nz(r->objective), r->scenarios);
        for (int j = 0; j < n1; j++) {
            fprintf(f, "%s", j ? ", " : "");
            jstr(f, hp_smps_col_name(p, j));
            fprintf(f, ": %.10g", nz(r->x[j]));
        }
        fprintf(f, "}, \"iterations\": %ld, \"method\": \"%s\", \"status\": \"%s\"}\n",
                r->iterations, m, s);
        return;
    }
    fprintf(f, "objective   %.10g\nscenarios   %ld\nmethod      %s (%ld iterations)\n",
            nz(r->objective), r->scenarios, m, r->iterations);
    fprintf(f, "status      %s\nfirst stage\n", s);
    for (int j = 0; j < n1; j++)
        fprintf(f, "  %-16s %.10g\n", hp_smps_col_name(p, j), nz(r->x[j]));
}

int cli_cmd_smps(int argc, char **argv)
{
    static const cli_command cmd = {"smps", CLI_SMPS, 1, 0, help};
    static const hp_smps_method methods[] = {HP_SMPS_AUTO, HP_SMPS_EXTENSIVE, HP_SMPS_LSHAPED};
    cli_opts o;
    hp_smps *p = NULL;
    hp_smps_result *r = NULL;
    hp_smps_opts so;
    cli_out out, mps;
    char err[1024] = "";
    hp_status st;
    int rc = cli_parse(&cmd, argc, argv, &o);

    if (rc >= 0)
        goto cleanup;
    rc = CLI_EXIT_USAGE;
    if (o.n_files != 3) {
        fprintf(stderr, "hreeplan smps: expected CORE TIME STOCH, got %d file%s (see --help)\n",
                o.n_files, o.n_files == 1 ? "" : "s");
        goto cleanup;
    }
    if (o.format != HP_FMT_TEXT && o.format != HP_FMT_JSON) {
        fprintf(stderr, "hreeplan smps: --format: text or json\n");
        goto cleanup;
    }
    st = hp_smps_read(o.files[0], o.files[1], o.files[2], &p, err, sizeof err);
    if (st == HP_OK) {
        hp_smps_opts_default(&so);
        so.method = methods[o.plan.method];
        so.sample = o.plan.sample_scenarios;
        so.seed = o.plan.seed;
        so.ops = hp_backend_find(o.plan.backend ? o.plan.backend : "glpk");
        so.time_limit = o.plan.time_limit;
        so.ls.tolerance = o.plan.tolerance;
        so.ls.cut_groups = o.plan.cut_groups;
        so.ls.threads = o.plan.threads;
        so.ls.time_limit = o.plan.time_limit;
        so.ls.interrupt = &cli_interrupted;
        st = hp_smps_solve(p, &so, &r, err, sizeof err);
    }
    if (st != HP_OK) {
        fprintf(stderr, "%s\n", err[0] ? err : hp_status_str(st));
        rc = st == HP_EINVAL ? CLI_EXIT_USAGE : CLI_EXIT_IO;
        goto cleanup;
    }
    if (cli_interrupted) {
        fprintf(stderr, "hreeplan smps: interrupted; nothing written\n");
        rc = CLI_EXIT_IO;
        goto cleanup;
    }
    if (!r->has_solution) {
        fprintf(stderr, "hreeplan smps: %s\n",
                r->status == HP_SOL_INFEASIBLE  ? "infeasible: no first-stage plan is feasible in "
                                                  "every scenario"
                : r->status == HP_SOL_UNBOUNDED ? "unbounded: the expected cost has no minimum"
                                                : "the solver stopped without a solution");
        rc = r->status == HP_SOL_INFEASIBLE ? CLI_EXIT_INFEASIBLE : CLI_EXIT_SOLVER;
        goto cleanup;
    }
    if (o.mps) { /* the deterministic equivalent, for other solvers */
        if ((rc = cli_out_open(&mps, o.mps)))
            goto cleanup;
        if (hp_smps_write_extensive(p, &so, mps.tmp ? mps.tmp : mps.path, err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            cli_out_abort(&mps);
            rc = CLI_EXIT_IO;
            goto cleanup;
        }
    }
    if ((rc = cli_out_open(&out, o.out))) {
        if (o.mps)
            cli_out_abort(&mps);
        goto cleanup;
    }
    write_result(out.f, p, r, o.format);
    if (ferror(out.f)) {
        rc = cli_out_fail(&out, 0);
        if (o.mps)
            cli_out_abort(&mps);
        goto cleanup;
    }
    rc = cli_out_commit(&out);
    if (!rc && o.mps)
        rc = cli_out_commit(&mps);
    else if (o.mps)
        cli_out_abort(&mps);
cleanup:
    hp_smps_result_free(r);
    hp_smps_free(p);
    cli_opts_free(&o);
    return rc;
}
