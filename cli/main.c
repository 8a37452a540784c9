/* hreeplan: command-line entry point.  Parses the command name, routes the
 * library's log hook to stderr and maps results to exit codes; the commands
 * live in cli/cmd_*.c. */
#include <jansson.h>
#include <libconfig.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../include/hreeplan.h"
#include "../solver/backend.h"
#include "../solver/par.h"
#include "cli.h"

volatile int cli_interrupted;

/* SIGINT and SIGTERM are blocked in every thread (threads inherit the mask
 * of main, which blocks them before any is created) and taken by one
 * thread in sigwait(), which sets cli_interrupted.  A library that installs
 * its own handler for a while (CLP does, inside its initial solve, and
 * drops a Ctrl-C that comes during its presolve) then cannot swallow the
 * signal: a blocked signal stays pending whatever the handler, until the
 * waiting thread takes it. */
static sigset_t stop_signals;
static pthread_t signal_thread, main_thread;
static int signal_thread_on;

/* SIGUSR1 from the waiting thread: its only effect is to end a blocking
 * call of the main thread (an open or read of a FIFO nobody writes) with
 * EINTR, as the Ctrl-C itself did before it went to the waiting thread. */
static void on_wake(int sig)
{
    (void)sig;
}

static volatile sig_atomic_t signals_stopping;

static void *wait_for_signals(void *arg)
{
    (void)arg;
    for (;;) {
        int sig;
        if (sigwait(&stop_signals, &sig) != 0)
            continue;
        if (signals_stopping)
            break;
        cli_interrupted = 1;
        pthread_kill(main_thread, SIGUSR1);
    }
    return NULL;
}

static void signals_start(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_wake; /* no SA_RESTART: the blocking call returns */
    sigaction(SIGUSR1, &sa, NULL);
    main_thread = pthread_self();
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    if (pthread_sigmask(SIG_BLOCK, &stop_signals, NULL) != 0)
        return;
    signal_thread_on = pthread_create(&signal_thread, NULL, wait_for_signals, NULL) == 0;
    if (!signal_thread_on) /* no thread: the default action (exit by the signal) */
        pthread_sigmask(SIG_UNBLOCK, &stop_signals, NULL);
}

static void signals_stop(void)
{
    if (!signal_thread_on)
        return;
    /* a SIGTERM to the waiting thread alone ends its wait (no
     * pthread_cancel: its unwinding loads libgcc_s at exit) */
    signals_stopping = 1;
    pthread_kill(signal_thread, SIGTERM);
    pthread_join(signal_thread, NULL);
    signal_thread_on = 0;
}

static int log_level = 1;

static void log_to_stderr(void *ctx, int level, const char *msg)
{
    (void)ctx;
    /* under mpirun, rank 0 alone speaks: the others keep their first error
     * for rank 0 to print when their failure stops the run */
    if (hp_par_rank() != 0) {
        if (level == 0)
            hp_par_note_error(msg);
        return;
    }
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
    const char *cbc = hp_backend_cbc_about(); /* does not load CBC: start-up stays cheap */
    printf("hreeplan %s\n", hp_version());
    printf("GLPK %s\n", hp_backend_glpk()->version());
    if (cbc)
        printf("%s\n", cbc);
    else
        printf("CBC not built\n");
    printf("libconfig %d.%d.%d\n", LIBCONFIG_VER_MAJOR, LIBCONFIG_VER_MINOR,
           LIBCONFIG_VER_REVISION);
    printf("jansson %s\n", JANSSON_VERSION);
    printf("%s\n", hp_par_built() ? "Open MPI: ranks when started by mpirun (libmpi loaded then)"
                                  : "MPI not built");
}

/* Under mpirun every rank runs the command on the same input; rank 0
 * alone writes (standard output and error here, report files in
 * cli_out_open). */
static int run_command(const command *c, int argc, char **argv)
{
    int rc;
    if (hp_par_init(&argc, &argv) != HP_OK)
        return CLI_EXIT_IO;
    if (hp_par_rank() != 0 &&
        (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))) {
        hp_par_abort(CLI_EXIT_IO);
    }
    rc = c->run(argc - 1, argv + 1);
    hp_par_finalize();
    return rc;
}

static int run(int argc, char **argv)
{
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
            return run_command(&commands[i], argc, argv);
    fprintf(stderr, "hreeplan: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return CLI_EXIT_USAGE;
}

int main(int argc, char **argv)
{
    int rc;
    signals_start();
    rc = run(argc, argv);
    signals_stop();
    return rc;
}
