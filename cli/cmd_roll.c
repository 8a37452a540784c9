/* hreeplan roll FILE --previous PLAN.json: the quarterly re-plan (MODEL.md
 * "Rolling re-plan"; models/plan/roll.h does the work). */
#include <stdio.h>
#include <string.h>

#include "../models/instance/actuals.h"
#include "../models/plan/roll.h"
#include "../models/report/roll_out.h"
#include "cli.h"

static void help(void)
{
    printf("usage: hreeplan roll FILE --previous PLAN.json [options]\n\n"
           "Re-plans one quarter later: FILE is the instance as known now (it starts after the\n"
           "previous plan, normally one quarter later), PLAN.json the previous plan written by\n"
           "`hreeplan plan --format json` (or by an earlier roll).  Orders of the previous plan\n"
           "shipped before FILE's start are in transit (added to FILE's in_transit); orders in\n"
           "the frozen window are kept; the others may change.  The report lists every order\n"
           "that changed against the previous plan and why (demand, price, capacity, actuals,\n"
           "horizon).\n\n"
           "  --previous PLAN.json       the previous plan (required)\n"
           "  --actuals ACTUALS.cfg      what happened: stock on hand, shipments in transit,\n"
           "                             events (docs/instance.md, \"Actuals\")\n"
           "  --freeze K                 orders shipping in the first K quarters are kept as\n"
           "                             planned (default 1: this quarter's orders are placed)\n"
           "  --change-penalty P         USD/kg on every t changed in a later order (default 0:\n"
           "                             least cost, ties broken by least change)\n"
           "  --measure, --alpha         risk measure and CVaR level of the report\n"
           "  --format text|csv|json     report format (default text)\n"
           "  -o FILE                    write the report to FILE atomically\n"
           "  --backend glpk|cbc, --time-limit SEC, --mip-gap G, --sample-scenarios N, --seed S,\n"
           "  --information tree|two-stage, --max-memory MB, --set PATH=VALUE, --no-timing\n"
           "                             as for `hreeplan plan`\n\n"
           "JSON: the plan's keys and \"roll\": {previous, previous_start, previous_end, start,\n"
           "freeze, change_penalty, change_t, change_cost, stock, in_transit, fixed, changes}.\n");
}

static int load_actuals(const char *path, const hp_instance *in, hp_actuals **out)
{
    hp_diag d;
    hp_status st;
    int rc = CLI_EXIT_OK;
    hp_diag_init(&d);
    st = hp_actuals_load(path, in, out, &d);
    for (int k = 0; k < d.n; k++)
        fprintf(stderr, "%s\n", d.msgs[k]);
    if (st == HP_EINVAL)
        rc = CLI_EXIT_USAGE;
    else if (st != HP_OK) {
        if (d.n == 0)
            fprintf(stderr, "%s: %s\n", path, hp_status_str(st));
        rc = CLI_EXIT_IO;
    }
    hp_diag_free(&d);
    return rc;
}

int cli_cmd_roll(int argc, char **argv)
{
    static const cli_command cmd = {"roll", CLI_ROLL, 0, 0, help};
    cli_opts o;
    hp_model_opts mo;
    hp_instance *inst = NULL;
    hp_actuals *act = NULL;
    hp_roll_opts ro;
    hp_roll *roll = NULL;
    cli_out out;
    hp_report_meta meta;
    hp_run_record run;
    const char *shas[1];
    char sha[65];
    int rc = cli_parse(&cmd, argc, argv, &o);

    if (rc >= 0)
        goto cleanup;
    if (!o.previous) {
        fprintf(stderr, "hreeplan roll: --previous PLAN.json is required (see --help)\n");
        rc = CLI_EXIT_USAGE;
        goto cleanup;
    }
    if (o.format == HP_FMT_HTML) {
        fprintf(stderr, "hreeplan roll: --format: expected text, csv or json, got 'html'\n");
        rc = CLI_EXIT_USAGE;
        goto cleanup;
    }
    rc = cli_load(o.files[0], &o, &inst);
    if (rc)
        goto cleanup;
    rc = cli_exit_of(hp_plan_prepare(inst, &o.plan, &mo));
    if (rc)
        goto cleanup;
    if (o.actuals && (rc = load_actuals(o.actuals, inst, &act)) != CLI_EXIT_OK)
        goto cleanup;
    hp_roll_opts_default(&ro);
    ro.previous = o.previous;
    ro.actuals = act;
    ro.freeze = o.freeze;
    ro.change_penalty = o.change_penalty;
    rc = cli_exit_of(hp_roll_solve(inst, &mo, &o.plan, &ro, &roll));
    if (rc)
        goto cleanup;
    meta.file = o.files[0];
    meta.sha256 = cli_sha256_inst(inst, sha) == 0 ? sha : NULL;
    meta.timing = o.timing;
    shas[0] = meta.sha256;
    cli_run_record(&o, shas, 1, &run);
    meta.run = &run;
    rc = cli_out_open(&out, o.out);
    if (rc)
        goto cleanup;
    if (hp_report_roll(out.f, roll, o.previous, o.format, &meta) != HP_OK) {
        rc = cli_out_fail(&out, 0);
        goto cleanup;
    }
    rc = cli_out_commit(&out);
cleanup:
    hp_roll_free(roll);
    hp_actuals_free(act);
    hp_instance_free(inst);
    cli_opts_free(&o);
    return rc;
}
