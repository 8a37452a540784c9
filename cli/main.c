/* hreeplan: command-line entry point.  Parses the command name, routes the
 * library's log hook to stderr and maps results to exit codes; the commands
 * live in cli/cmd_*.c. */
#include <jansson.h>
#include <libconfig.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../include/hreeplan.h"
#include "../solver/backend.h"
#include "cli.h"

volatile int cli_interrupted;

static void on_signal(int sig)
{
    (void)sig;
    cli_interrupted = 1;
}

static int log_level = 1;

static void log_to_stderr(void *ctx, int level, const char *msg)
{
    (void)ctx;
    if (level > log_level)
        return;
    fprintf(stderr, "%s%s\n",
            level == 0   ? "hreeplan: error: "
            : level == 1 ? "hreeplan: warning: "
                         : "",
            msg);
}

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *help;
} command;

static const command commands[] = {
    {"check", cli_cmd_check, "load and validate an instance; print a summary"},
    {"plan", cli_cmd_plan, "solve and report one plan"},
    {"pareto", cli_cmd_pareto, "the cost-risk Pareto front"},
    {"compare", cli_cmd_compare, "plan several instances side by side"},
    {"simulate", cli_cmd_simulate, "Monte-Carlo stress test of a plan"},
    {"export", cli_cmd_export, "write the model (--lp, --mps, --mathprog-data)"},
    {"report", cli_cmd_report, "one self-contained HTML report for a planner"},
    {"smps", cli_cmd_smps, "solve a two-stage stochastic LP given in SMPS"},
    {"roll", cli_cmd_roll, "re-plan one quarter later from the previous plan"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: hreeplan COMMAND FILE [options]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].help);
    fprintf(f, "\n`hreeplan COMMAND --help` lists a command's options; `hreeplan --version` the "
               "libraries.\nExit codes: 0 plan produced, 1 I/O or internal error, 2 usage error or "
               "invalid instance,\n3 no plan satisfies the hard constraints, 4 solver stopped "
               "without a plan.\n");
}

static void version(void)
{
    const hp_backend_ops *cbc = hp_backend_cbc();
    printf("hreeplan %s\n", hp_version());
    printf("GLPK %s\n", hp_backend_glpk()->version());
    if (cbc)
        printf("%s\n", cbc->version());
    else
        printf("CBC not built\n");
    printf("libconfig %d.%d.%d\n", LIBCONFIG_VER_MAJOR, LIBCONFIG_VER_MINOR,
           LIBCONFIG_VER_REVISION);
    printf("jansson %s\n", JANSSON_VERSION);
}

int main(int argc, char **argv)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    cli_argc = argc;
    cli_argv = argv;
    if (getenv("HREEPLAN_VERBOSE"))
        log_level = atoi(getenv("HREEPLAN_VERBOSE"));
    hp_set_log(log_to_stderr, NULL);

    if (argc < 2) {
        usage(stderr);
        return CLI_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return CLI_EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        version();
        return CLI_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "hreeplan: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return CLI_EXIT_USAGE;
}
