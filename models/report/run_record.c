/* The run record of every report (CLI.md "run"): hreeplan's version, the
 * git commit of the build, the command line, the backend, seed, threads,
 * ranks and the instance's SHA-256.  JSON reports carry it as "run"; text
 * and HTML reports end with it in one line (hpi_run_line).
 *
 * The commit comes from $(B)/gen/hp_commit.h, which the Makefile rewrites
 * only when `git rev-parse --short HEAD` changes, so a new commit rebuilds
 * this one object. */
#include <stdlib.h>
#include <string.h>

#include "../../include/hreeplan.h"
#include "report_internal.h"
#if defined(__has_include)
#if __has_include("hp_commit.h")
#include "hp_commit.h"
#endif
#endif

#ifndef HP_COMMIT
#define HP_COMMIT "unknown"
#endif

/* A JSON string, or null for NULL; json_string is the writer's
 * (writer_int.h), which replaces bytes that are not UTF-8 with '?'. */
json_t *hpi_jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

const char *hp_run_commit(void)
{
    return HP_COMMIT[0] ? HP_COMMIT : "unknown";
}

/* argv[0] by its base name: the same command gives the same record
 * wherever the binary lies. */
static const char *arg_at(const hp_run_record *r, int k)
{
    const char *a = r->argv[k] ? r->argv[k] : "";
    if (k == 0 && strrchr(a, '/'))
        a = strrchr(a, '/') + 1;
    return a;
}

json_t *hpi_run_json(const hp_run_record *r)
{
    json_t *o = json_object(), *argv = json_array(), *sha;
    int ok = o && argv;
    for (int k = 0; ok && k < r->argc; k++)
        ok = json_array_append_new(argv, hpi_jstr(arg_at(r, k))) == 0;
    ok = ok && hpi_jput(o, "hreeplan", json_string(HP_VERSION)) &&
         hpi_jput(o, "commit", json_string(hp_run_commit())) && hpi_jput(o, "argv", argv);
    argv = NULL;
    ok = ok && hpi_jput(o, "backend", hpi_jstr(r->backend ? r->backend : "glpk")) &&
         hpi_jput(o, "backend_version", hpi_jstr(r->backend_version ? r->backend_version : "")) &&
         hpi_jput(o, "seed", json_integer((json_int_t)r->seed)) &&
         hpi_jput(o, "threads", json_integer(r->threads)) &&
         hpi_jput(o, "ranks", json_integer(r->ranks > 0 ? r->ranks : 1));
    if (ok && r->n_sha == 1) {
        sha = r->sha256[0] ? json_string(r->sha256[0]) : json_null();
    } else if (ok) {
        sha = json_array();
        for (int k = 0; sha && k < r->n_sha; k++)
            if (json_array_append_new(sha, r->sha256[k] ? json_string(r->sha256[k]) : json_null()))
                ok = 0;
    } else {
        sha = NULL;
    }
    ok = ok && hpi_jput(o, "instance_sha256", sha);
    if (!ok) {
        json_decref(argv);
        json_decref(o);
        return NULL;
    }
    return o;
}

hp_status hpi_run_put(json_t *root, const hp_run_record *r)
{
    if (!r)
        return HP_OK;
    return hpi_jput(root, "run", hpi_run_json(r)) ? HP_OK : HP_ENOMEM;
}

/* Appends s to the growing line *b (length *n); 0 or -1 (out of memory). */
static int cat(char **b, size_t *n, const char *s)
{
    size_t k = strlen(s);
    char *nb = realloc(*b, *n + k + 1);
    if (!nb)
        return -1;
    memcpy(nb + *n, s, k + 1);
    *b = nb;
    *n += k;
    return 0;
}

char *hpi_run_line(const hp_run_record *r)
{
    char *b = NULL, num[96];
    size_t n = 0;
    int bad = cat(&b, &n, "run: hreeplan ") || cat(&b, &n, HP_VERSION) ||
              cat(&b, &n, " (commit ") || cat(&b, &n, hp_run_commit()) ||
              cat(&b, &n, "), command:");
    for (int k = 0; !bad && k < r->argc; k++)
        bad = cat(&b, &n, " ") || cat(&b, &n, arg_at(r, k));
    snprintf(num, sizeof num, ", seed %lu, threads %d, ranks %d", r->seed, r->threads,
             r->ranks > 0 ? r->ranks : 1);
    bad = bad || cat(&b, &n, ", backend ") || cat(&b, &n, r->backend ? r->backend : "glpk") ||
          cat(&b, &n, " ") || cat(&b, &n, r->backend_version ? r->backend_version : "") ||
          cat(&b, &n, num) ||
          cat(&b, &n, r->n_sha > 1 ? ", instances sha256" : ", instance sha256");
    for (int k = 0; !bad && k < r->n_sha; k++)
        bad =
            cat(&b, &n, k ? ", " : " ") || cat(&b, &n, r->sha256[k] ? r->sha256[k] : "unreadable");
    if (bad) {
        free(b);
        return NULL;
    }
    return b;
}

hp_status hpi_run_text(hpi_writer *w, const hp_run_record *r)
{
    char *line;
    if (!r)
        return HP_OK;
    line = hpi_run_line(r);
    if (!line)
        return HP_ENOMEM;
    hpi_printf(w, "\n%s\n", line);
    free(line);
    return HP_OK;
}
