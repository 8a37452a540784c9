/* hreeplan command line: the option table parsed once, atomic output and
 * the mapping of library outcomes to exit codes.  Only cli/ prints to the
 * terminal; everything it computes it asks of models/ (the plan pipeline
 * models/plan/pipeline.h, the reports models/report/). */
#ifndef CLI_H
#define CLI_H

#include <stdio.h>

#include "../models/instance/instance.h"
#include "../models/plan/pipeline.h"
#include "../models/report/report.h"

/* Exit codes (../shared/CLI.md). */
enum {
    CLI_EXIT_OK = 0,
    CLI_EXIT_IO = 1,
    CLI_EXIT_USAGE = 2,
    CLI_EXIT_INFEASIBLE = 3,
    CLI_EXIT_SOLVER = 4
};

/* Commands, as bits: which commands an option applies to. */
enum {
    CLI_CHECK = 1 << 0,
    CLI_PLAN = 1 << 1,
    CLI_PARETO = 1 << 2,
    CLI_COMPARE = 1 << 3,
    CLI_SIMULATE = 1 << 4,
    CLI_EXPORT = 1 << 5,
    CLI_REPORT = 1 << 6,
    CLI_SMPS = 1 << 7,
    CLI_ROLL = 1 << 8
};

/** Every option of every command; one table (cli/opts.c) fills it. */
typedef struct cli_opts {
    hp_plan_opts plan;          /**< what the pipeline needs (objective, measure, backend...) */
    hp_format format;           /**< --format */
    const char *out;            /**< -o FILE or NULL */
    int progress;               /**< --progress */
    int timing;                 /**< include seconds in reports (default 1) */
    long samples;               /**< simulate, default 10000 */
    const char *plan_file;      /**< simulate --plan */
    const char *chart;          /**< --chart FILE.svg */
    int zero_axis;              /**< --zero-axis: the front chart's value axis from 0 */
    const char *lp, *mps, *dat; /**< export --lp, --mps, --mathprog-data */
    const char *smps;           /**< export --smps PREFIX */
    char *smps_files[3];        /**< PREFIX.cor, .tim, .sto (owned) */
    int compare_objectives;     /**< simulate --compare-objectives */
    int per_path_loop;          /**< simulate --per-path-loop */
    int bins;                   /**< simulate --bins, default 20 */
    int paths;                  /**< simulate --paths (hp_sim_paths) */
    int recourse;               /**< simulate --recourse (hp_recourse) */
    int rolling_scenarios;      /**< simulate --rolling-scenarios N; 0 = not given (20) */
    const char *previous;       /**< roll --previous PLAN.json */
    const char *actuals;        /**< roll --actuals ACTUALS.cfg */
    int freeze;                 /**< roll --freeze K (default 1) */
    double change_penalty;      /**< roll --change-penalty USD/kg (default 0) */
    const char **sets;          /**< --set PATH=VALUE, in order (borrowed from argv) */
    int n_sets, cap_sets;
    char **files; /**< instance files in order (compare: several) */
    int n_files, cap_files;
} cli_opts;

/** A command: its name, its bit, and how its arguments read. */
typedef struct cli_command {
    const char *name;
    unsigned bit;
    int many_files;   /**< compare: every FILE is kept */
    int dash_is_file; /**< check: a lone "-" is a file name */
    void (*help)(void);
} cli_command;

/** Parses argv (argv[0] the command name) into o, in order: --help prints
 *  the help; a bad option prints why.  Returns -1 to go on, else the exit
 *  code.  The caller frees o with cli_opts_free() in every case. */
int cli_parse(const cli_command *cmd, int argc, char **argv, cli_opts *o);
void cli_opts_free(cli_opts *o);

/** Appends the .cfg files of dir, sorted by name, to o->files (compare
 *  --variants).  Returns -1 or the exit code (message printed). */
int cli_add_variants(const char *dir, cli_opts *o);

/** Loads an instance with the --set overrides and the --max-memory of o,
 *  printing every diagnostic on stderr.  Returns CLI_EXIT_OK or the exit
 *  code to use: 1 when the file cannot be read, 2 when it is invalid
 *  (@include included), or too large for --max-memory. */
int cli_load(const char *path, const cli_opts *o, hp_instance **out);

/** The exit code of a pipeline outcome. */
int cli_exit_of(hp_outcome oc);

/** The pipeline's log hook: one line on stderr. */
void cli_log(void *ctx, const char *msg);

/** Progress lines of a plan's long work (hp_plan_opts.step): printed on
 *  stderr as "COMMAND: LINE" when --progress forced them, or when stderr
 *  is a terminal and the run has taken a second (a quick plan stays
 *  quiet); never otherwise. */
typedef struct cli_progress {
    const char *cmd; /**< "plan", "report" */
    int forced;      /**< --progress */
    int tty;         /**< stderr is a terminal */
    double t0;       /**< start, CLOCK_MONOTONIC seconds */
} cli_progress;
/** Starts p and hooks it into o->plan (step and step_ctx): p must outlive
 *  the solves. */
void cli_progress_start(cli_progress *p, const char *cmd, cli_opts *o);
/** The step hook; ctx is a cli_progress. */
void cli_progress_line(void *ctx, const char *msg);

/** Atomic output: a temporary file beside the target, renamed on commit.
 *  With path NULL, writes to stdout.  With path naming an existing device
 *  or FIFO, the report is written through it (tmp stays NULL): nothing to
 *  replace atomically. */
typedef struct cli_out {
    FILE *f;
    char *path;
    char *tmp;
    int discard; /**< an MPI rank other than 0: tmp is a scratch file, removed at commit */
} cli_out;
int cli_out_open(cli_out *o, const char *path); /**< 0 or CLI_EXIT_IO (message printed) */
int cli_out_commit(cli_out *o);                 /**< flush, fsync, rename; 0 or CLI_EXIT_IO */
void cli_out_abort(cli_out *o);                 /**< removes the temporary file */
/** A write of the report failed: prints "hreeplan: PATH: cannot write:
 *  REASON" (errno's words, or "out of memory" when nomem), aborts the
 *  output and returns CLI_EXIT_IO.  Call it right after the failing write,
 *  before anything else can change errno. */
int cli_out_fail(cli_out *o, int nomem);

/** The SHA-256 of a loaded instance (hp_instance.sha256: of the bytes
 *  read at load, never the file read again) into hex; 0 on success. */
int cli_sha256_inst(const hp_instance *in, char hex[65]);

/** Plans fitted on --sample-scenarios paths of seed S are simulated on
 *  paths of seed S + CLI_SEED_SHIFT, never on the paths they saw. */
#define CLI_SEED_SHIFT 1000003UL

/** The command line as main() received it (set there first). */
extern int cli_argc;
extern char **cli_argv;

/** Fills r, the run record of this run (CLI.md "run"): cli_argv, the
 *  backend and its version, seed and threads of o, one rank, and the n_sha
 *  instance digests sha (borrowed: they must outlive r's use). */
void cli_run_record(const cli_opts *o, const char *const *sha, int n_sha, hp_run_record *r);

/** Set by SIGINT/SIGTERM; long runs poll it and stop cleanly. */
extern volatile int cli_interrupted;

/* Commands (cli/cmd_*.c). */
int cli_cmd_check(int argc, char **argv);
int cli_cmd_plan(int argc, char **argv);
int cli_cmd_export(int argc, char **argv);
int cli_cmd_pareto(int argc, char **argv);
int cli_cmd_compare(int argc, char **argv);
int cli_cmd_simulate(int argc, char **argv);
int cli_cmd_report(int argc, char **argv);
int cli_cmd_smps(int argc, char **argv);
int cli_cmd_roll(int argc, char **argv);

#endif
