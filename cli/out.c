/* hreeplan command line: atomic report output and the instance digest
 * (cli.h); the digest is the one computed at load. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../solver/par.h"
#include "cli.h"

/* The temporary name beside path: "DIR/BASE.tmp.XXXXXX" with BASE cut to
 * 200 bytes, so that a valid name up to NAME_MAX (255) still has a
 * temporary one.  NULL when out of memory. */
static char *tmp_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dlen = slash ? (size_t)(slash - path) + 1 : 0, blen = strlen(path + dlen);
    char *t;
    if (blen > 200)
        blen = 200;
    t = malloc(dlen + blen + 12);
    if (!t)
        return NULL;
    memcpy(t, path, dlen + blen);
    memcpy(t + dlen + blen, ".tmp.XXXXXX", 12);
    return t;
}

int cli_out_open(cli_out *o, const char *path)
{
    memset(o, 0, sizeof *o);
    if (!path) {
        o->f = stdout;
        return CLI_EXIT_OK;
    }
    o->path = strdup(path);
    if (!o->path) {
        fprintf(stderr, "hreeplan: out of memory\n");
        return CLI_EXIT_IO;
    }
    if (hp_par_rank() != 0) {
        /* rank 0 alone writes the file: the others write into a scratch
         * file (a chart's plotter needs a real one) that commit removes */
        int fd;
        o->discard = 1;
        o->tmp = strdup("/tmp/hreeplan-rank.XXXXXX");
        fd = o->tmp ? mkstemp(o->tmp) : -1;
        o->f = fd >= 0 ? fdopen(fd, "w") : NULL;
        if (!o->f) {
            if (fd >= 0)
                close(fd);
            cli_out_abort(o);
            return CLI_EXIT_IO;
        }
        return CLI_EXIT_OK;
    }
    {
        /* A device or FIFO (/dev/stdout, /dev/null, /dev/full): there is
         * nothing to replace atomically, and renaming over it would replace
         * the device itself (as root) or fail (others: no new file in
         * /dev); write through it. */
        struct stat sb;
        if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode)) {
            o->f = fopen(path, "w");
            if (!o->f) {
                fprintf(stderr, "hreeplan: %s: cannot write: %s\n", path, strerror(errno));
                cli_out_abort(o);
                return CLI_EXIT_IO;
            }
            return CLI_EXIT_OK;
        }
    }
    o->tmp = tmp_name(path);
    if (!o->tmp) {
        fprintf(stderr, "hreeplan: out of memory\n");
        cli_out_abort(o);
        return CLI_EXIT_IO;
    }
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        fprintf(stderr, "hreeplan: %s: cannot write: %s\n", path, strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        cli_out_abort(o);
        return CLI_EXIT_IO;
    }
    {
        /* mkstemp creates 0600; a report is an ordinary file (0666 & ~umask) */
        mode_t mask = umask(0);
        umask(mask);
        if (fchmod(fd, 0666 & ~mask) != 0) {
            fprintf(stderr, "hreeplan: %s: cannot write: %s\n", path, strerror(errno));
            close(fd);
            cli_out_abort(o);
            return CLI_EXIT_IO;
        }
    }
    o->f = fdopen(fd, "w");
    if (!o->f) {
        close(fd);
        cli_out_abort(o);
        return CLI_EXIT_IO;
    }
    return CLI_EXIT_OK;
}

int cli_out_commit(cli_out *o)
{
    int bad;
    /* a Ctrl-C that came after the solve (during a tie-break, the duals,
     * the exposure reference or the writing) still means nothing written */
    if (cli_interrupted) {
        fprintf(stderr, "hreeplan: interrupted; nothing written\n");
        if (o->path)
            cli_out_abort(o);
        else
            o->f = NULL;
        return CLI_EXIT_IO;
    }
    if (!o->path) {
        bad = fflush(stdout) != 0 || ferror(stdout);
        if (bad)
            fprintf(stderr, "hreeplan: writing the report failed: %s\n", strerror(errno));
        o->f = NULL;
        return bad ? CLI_EXIT_IO : CLI_EXIT_OK;
    }
    if (o->discard) {
        bad = fclose(o->f) != 0;
        o->f = NULL;
        cli_out_abort(o);
        return bad ? CLI_EXIT_IO : CLI_EXIT_OK;
    }
    /* no fsync for a device (o->tmp NULL): character devices refuse it */
    bad = fflush(o->f) != 0 || ferror(o->f) || (o->tmp && fsync(fileno(o->f)) != 0);
    if (fclose(o->f) != 0)
        bad = 1;
    o->f = NULL;
    if (!bad && o->tmp && rename(o->tmp, o->path) != 0)
        bad = 1;
    if (bad) {
        fprintf(stderr, "hreeplan: %s: cannot write: %s\n", o->path, strerror(errno));
        cli_out_abort(o);
        return CLI_EXIT_IO;
    }
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
    return CLI_EXIT_OK;
}

int cli_out_fail(cli_out *o, int nomem)
{
    int e = errno;
    fprintf(stderr, "hreeplan: %s: cannot write: %s\n", o->path ? o->path : "standard output",
            nomem ? "out of memory" : strerror(e));
    cli_out_abort(o);
    return CLI_EXIT_IO;
}

void cli_out_abort(cli_out *o)
{
    if (o->f && o->f != stdout)
        fclose(o->f);
    if (o->tmp)
        unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
}

int cli_sha256_inst(const hp_instance *in, char hex[65])
{
    /* computed by the loader over the bytes it parsed, read once: reading
     * the file again would hash something else (a pipe is empty by then,
     * a FIFO blocks, the file may have changed) */
    if (!in || strlen(in->sha256) != 64)
        return -1;
    memcpy(hex, in->sha256, 65);
    return 0;
}

static double mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void cli_progress_start(cli_progress *p, const char *cmd, cli_opts *o)
{
    p->cmd = cmd;
    p->forced = o->progress;
    p->tty = isatty(2);
    p->t0 = mono_now();
    if (p->forced || p->tty) {
        o->plan.step = cli_progress_line;
        o->plan.step_ctx = p;
    }
}

void cli_progress_line(void *ctx, const char *msg)
{
    const cli_progress *p = ctx;
    if (p->forced || (p->tty && mono_now() - p->t0 >= 1.0))
        fprintf(stderr, "%s: %s\n", p->cmd, msg);
}
