/* hreeplan command line: shared option parsing, atomic output, and the
 * plan pipeline used by several commands.  Only cli/ prints to the terminal. */
#ifndef HP_CLI_H
#define HP_CLI_H

#include <stdio.h>

#include "../models/instance/instance.h"
#include "../models/plan/plan.h"
#include "../models/report/report.h"

/* Exit codes (../shared/CLI.md). */
enum { HP_EXIT_OK = 0, HP_EXIT_IO = 1, HP_EXIT_USAGE = 2, HP_EXIT_INFEASIBLE = 3, HP_EXIT_SOLVER = 4 };

/** Options common to plan, pareto, compare and simulate. */
typedef struct hp_cli_opts {
    hp_objective objective;
    int measure;            /**< -1: the instance's */
    double alpha;           /**< < 0: the instance's */
    hp_format format;
    const char *out;        /**< -o FILE or NULL */
    const char *backend;    /**< "glpk" */
    double time_limit;      /**< <= 0 none */
    double mip_gap;
    int sample_scenarios;   /**< 0: off */
    unsigned long seed;     /**< default 1 */
    int points;             /**< pareto, default 11 */
    int progress;           /**< --progress */
    long samples;           /**< simulate, default 10000 */
    const char *plan_file;  /**< simulate --plan */
    const char *chart;      /**< --chart FILE.svg */
    int timing;             /**< include seconds in reports (default 1) */
    double max_memory_mb;   /**< refuse models whose estimated size exceeds this (default 4096) */
    int method;             /**< hp_method (models/decompose.h): auto, extensive, lshaped */
    double tolerance;       /**< L-shaped relative gap (default 1e-6) */
    int cut_groups;         /**< L-shaped cut groups (default 100) */
    int threads;            /**< L-shaped recourse threads, 0 = all cores */
} hp_cli_opts;

void hp_cli_opts_default(hp_cli_opts *o);

/** Parses one common option at argv[*i] (advancing *i past its value).
 *  Returns 1 when consumed, 0 when not a common option, -1 on a bad value
 *  (message printed, exit 2). */
int hp_cli_parse_common(int argc, char **argv, int *i, hp_cli_opts *o);

/** Loads an instance, printing every diagnostic on stderr.  Returns
 *  HP_EXIT_OK or the exit code to use. */
int hp_cli_load(const char *path, hp_instance **out);

/** Applies --measure/--alpha/--sample-scenarios to a loaded instance and
 *  fills model options.  Returns an exit code. */
int hp_cli_prepare(hp_instance *inst, const hp_cli_opts *o, hp_model_opts *mo);

/** Builds, solves (cost- or risk-minimal as o->objective says) and extracts
 *  a plan.  Prints the reason on stderr and returns the exit code on failure. */
int hp_cli_solve_plan(const hp_instance *inst, const hp_model_opts *mo, const hp_cli_opts *o,
                      hp_plan **out, hp_model **model_out);

/** Atomic output: a temporary file beside the target, renamed on commit.
 *  With path NULL, writes to stdout. */
/* With path naming an existing device or FIFO, the report is written
 * through it (tmp stays NULL): nothing to replace atomically. */
typedef struct hp_out {
    FILE *f;
    char *path;
    char *tmp;
} hp_out;
int hp_out_open(hp_out *o, const char *path);   /**< 0 or HP_EXIT_IO (message printed) */
int hp_out_commit(hp_out *o);                   /**< flush, fsync, rename; 0 or HP_EXIT_IO */
void hp_out_abort(hp_out *o);                   /**< removes the temporary file */
/** A write of the report failed: prints "hreeplan: PATH: cannot write:
 *  REASON" (errno's words, or "out of memory" when nomem), aborts the
 *  output and returns HP_EXIT_IO.  Call it right after the failing write,
 *  before anything else can change errno. */
int hp_out_fail(hp_out *o, int nomem);

/** SHA-256 of a file as 64 hex characters + NUL; 0 on success. */
int hp_sha256_file(const char *path, char hex[65]);

/** Estimated memory of building and solving a model of this size, in MB
 *  (model triplets and names plus the backend's copy). */
double hp_cli_model_mb(double rows, double cols, double nnz);

/** Prints why a model admits no plan: the storage limits in conflict,
 *  found by models/diagnose.h's elastic re-solve. */
void hp_cli_report_infeasible(const hp_model *m, const hp_backend_ops *ops);

/** Refuses (message, HP_EXIT_USAGE) a model whose estimated memory exceeds
 *  --max-memory, from the instance's dimensions before anything is built. */
int hp_cli_check_memory(const hp_instance *inst, const hp_cli_opts *o);

/** Set by SIGINT/SIGTERM; long runs poll it and stop cleanly. */
extern volatile int hp_cli_interrupted;

/* Commands (cli/cmd_*.c). */
int hp_cmd_check(int argc, char **argv);
int hp_cmd_plan(int argc, char **argv);
int hp_cmd_export(int argc, char **argv);
int hp_cmd_pareto(int argc, char **argv);
int hp_cmd_compare(int argc, char **argv);
int hp_cmd_simulate(int argc, char **argv);

#endif
