/* hreeplan compare FILE... [--variants DIR]: plans several instances with the
 * same options and prints them side by side (a column per instance).
 *
 * Every instance is loaded and validated before anything is solved: one
 * invalid file stops the run with exit 2 and no plan.  An instance that
 * admits no plan (or whose solve stops without one) keeps its column, marked
 * with its status; the run then exits with that instance's code (3 or 4)
 * after printing the table of the others. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../models/report/chart.h"
#include "cli.h"
#include "../models/report/compare_out.h"

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
        "  --format text|csv|json     report format (default text)\n"
        "  -o FILE                    write the report to FILE atomically\n"
        "  --chart FILE.svg           supply by source per quarter, a row of panels per\n"
        "                             instance, a panel per product (gnuplot)\n"
        "  --backend glpk|cbc         solver (default glpk)\n"
        "  --time-limit SEC           solver time limit per instance\n"
        "  --mip-gap G                relative MIP gap at which to stop (default 0)\n"
        "  --sample-scenarios N       replace the scenarios by N sampled paths\n"
        "  --seed S                   seed for sampled paths (default 1)\n"
        "  --max-memory MB            refuse a model larger than this (default 4096)\n"
        "  --no-timing                leave solver seconds out (byte-stable output)\n");
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends the .cfg files of dir, sorted by name, to *files (malloc'd paths). */
static int add_variants(const char *dir, char ***files, int *n, int *cap)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int first = *n, rc = HP_EXIT_OK;
    if (!d) {
        fprintf(stderr, "hreeplan compare: --variants %s: cannot open the directory\n", dir);
        return HP_EXIT_USAGE;
    }
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        char *path;
        if (len < 5 || strcmp(e->d_name + len - 4, ".cfg") || e->d_name[0] == '.')
            continue;
        if (*n == *cap) {
            int nc = *cap ? 2 * *cap : 16;
            char **nf = realloc(*files, (size_t)nc * sizeof *nf);
            if (!nf) {
                rc = HP_EXIT_IO;
                break;
            }
            *files = nf;
            *cap = nc;
        }
        path = malloc(strlen(dir) + len + 2);
        if (!path) {
            rc = HP_EXIT_IO;
            break;
        }
        sprintf(path, "%s/%s", dir, e->d_name);
        (*files)[(*n)++] = path;
    }
    closedir(d);
    if (rc) {
        fprintf(stderr, "hreeplan: out of memory\n");
        return rc;
    }
    qsort(*files + first, (size_t)(*n - first), sizeof **files, by_name);
    if (*n == first)
        fprintf(stderr, "hreeplan compare: --variants %s: no .cfg file in it\n", dir);
    return HP_EXIT_OK;
}

static int push_file(char ***files, int *n, int *cap, const char *f)
{
    if (*n == *cap) {
        int nc = *cap ? 2 * *cap : 16;
        char **nf = realloc(*files, (size_t)nc * sizeof *nf);
        if (!nf)
            return HP_EXIT_IO;
        *files = nf;
        *cap = nc;
    }
    (*files)[*n] = strdup(f);
    if (!(*files)[*n])
        return HP_EXIT_IO;
    (*n)++;
    return HP_EXIT_OK;
}

int hp_cmd_compare(int argc, char **argv)
{
    hp_cli_opts o;
    char **files = NULL;
    int n = 0, cap = 0, rc = HP_EXIT_OK, fail_rc = HP_EXIT_OK;
    hp_instance **inst = NULL;
    hp_plan **plans = NULL;
    int *codes = NULL;
    hp_out out;
    char err[512];

    hp_cli_opts_default(&o);
    for (int i = 1; i < argc; i++) {
        int c;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            help();
            goto cleanup;
        }
        if (!strcmp(argv[i], "--variants") || !strncmp(argv[i], "--variants=", 11)) {
            const char *dir = argv[i][10] == '=' ? argv[i] + 11 : NULL;
            if (!dir) {
                if (i + 1 >= argc) {
                    fprintf(stderr, "hreeplan: --variants needs a value\n");
                    rc = HP_EXIT_USAGE;
                    goto cleanup;
                }
                dir = argv[++i];
            }
            rc = add_variants(dir, &files, &n, &cap);
            if (rc)
                goto cleanup;
            continue;
        }
        c = hp_cli_parse_common(argc, argv, &i, &o);
        if (c < 0) {
            rc = HP_EXIT_USAGE;
            goto cleanup;
        }
        if (c > 0)
            continue;
        if (argv[i][0] == '-') {
            fprintf(stderr, "hreeplan compare: unexpected argument '%s' (see --help)\n", argv[i]);
            rc = HP_EXIT_USAGE;
            goto cleanup;
        }
        if (push_file(&files, &n, &cap, argv[i])) {
            fprintf(stderr, "hreeplan: out of memory\n");
            rc = HP_EXIT_IO;
            goto cleanup;
        }
    }
    if (n == 0) {
        fprintf(stderr,
                "hreeplan compare: no instance given (FILE... or --variants DIR; see --help)\n");
        rc = HP_EXIT_USAGE;
        goto cleanup;
    }
    inst = calloc((size_t)n, sizeof *inst);
    plans = calloc((size_t)n, sizeof *plans);
    codes = calloc((size_t)n, sizeof *codes);
    if (!inst || !plans || !codes) {
        fprintf(stderr, "hreeplan: out of memory\n");
        rc = HP_EXIT_IO;
        goto cleanup;
    }
    /* load and validate all of them before solving any */
    for (int k = 0; k < n; k++) {
        int c = hp_cli_load(files[k], &inst[k]);
        if (c && (rc == HP_EXIT_OK || c == HP_EXIT_USAGE))
            rc = c;
    }
    if (rc) {
        fprintf(stderr, "hreeplan compare: nothing solved: fix the instance%s above\n",
                n > 1 ? "s" : "");
        goto cleanup;
    }
    for (int k = 0; k < n; k++) {
        hp_model_opts mo;
        rc = hp_cli_prepare(inst[k], &o, &mo);
        if (rc)
            goto cleanup;
        if (o.progress)
            fprintf(stderr, "compare: %d/%d %s\n", k + 1, n, files[k]);
        codes[k] = hp_cli_solve_plan(inst[k], &mo, &o, &plans[k], NULL);
        if (codes[k] == HP_EXIT_IO || codes[k] == HP_EXIT_USAGE) {
            rc = codes[k];
            goto cleanup;
        }
        if (codes[k] && !fail_rc)
            fail_rc = codes[k];
        if (hp_cli_interrupted) {
            fprintf(stderr,
                    "hreeplan compare: interrupted after %d of %d instances; no report written\n",
                    k + 1, n);
            rc = HP_EXIT_IO;
            goto cleanup;
        }
    }
    for (int k = 0; k < n; k++)
        codes[k] = codes[k] == HP_EXIT_INFEASIBLE;
    {
        hp_compare cmp = {n,
                          (const char *const *)files,
                          (const hp_instance *const *)inst,
                          (const hp_plan *const *)plans,
                          codes,
                          o.timing};
        if (o.chart) {
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
                crc = hp_chart_supply(o.chart, pp, names, m, err, sizeof err);
            for (int k = 0; labels && k < m; k++)
                free(labels[k]);
            free(labels);
            free(names);
            free(pp);
            if (crc) {
                fprintf(stderr, "hreeplan: %s: %s\n", o.chart, err);
                rc = HP_EXIT_IO;
                goto cleanup;
            }
        }
        rc = hp_out_open(&out, o.out);
        if (rc)
            goto cleanup;
        if (hp_compare_report(out.f, &cmp, o.format) != HP_OK) {
            rc = hp_out_fail(&out, 0);
            goto cleanup;
        }
        rc = hp_out_commit(&out);
    }
    if (rc == HP_EXIT_OK)
        rc = fail_rc;
cleanup:
    for (int k = 0; k < n; k++) {
        if (plans)
            hp_plan_free(plans[k]);
        if (inst)
            hp_instance_free(inst[k]);
        free(files[k]);
    }
    free(files);
    free(plans);
    free(inst);
    free(codes);
    return rc;
}
