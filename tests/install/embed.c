/* An embedding program built against an installed hreeplan with
 *   cc embed.c $(pkg-config --cflags --libs --static hreeplan)
 * (tests/cli/t_install.sh): prints the expected cost of the cost-minimal
 * plan of the instance named on the command line, or the log and exit 1. */
#include <hreeplan.h>
#include <stdio.h>

static void to_stderr(void *ctx, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "%s\n", msg);
}

int main(int argc, char **argv)
{
    hp_options o;
    hp_instance *inst = NULL;
    hp_plan *plan = NULL;
    int rc = 1;
    if (argc != 2)
        return 2;
    hp_options_default(&o);
    o.log = to_stderr;
    if (hp_read_instance(argv[1], &o, &inst) == HP_OUTCOME_OK &&
        hp_make_plan(inst, &o, &plan) == HP_OUTCOME_OK) {
        printf("%.2f\n", hp_plan_expected_cost(plan));
        rc = 0;
    }
    hp_plan_free(plan);
    hp_instance_free(inst);
    return rc;
}
