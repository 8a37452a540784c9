/* Charts through gnuplot (see chart.h).  Scripts and data are built in
 * memory with open_memstream, written to a private temporary directory, and
 * gnuplot runs there so the script names its data files without paths. */
#include "chart.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    if (!err || !errlen)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static int write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "w");
    int rc = 0;
    if (!f)
        return -1;
    if (len && fwrite(data, 1, len, f) != len)
        rc = -1;
    if (fclose(f))
        rc = -1;
    return rc;
}

/* Copies src to a temporary file beside dst and renames it over dst. */
static int install(const char *src, const char *dst, char *err, size_t errlen)
{
    /* DIR/BASE.tmpXXXXXX with BASE cut to 200 bytes: a valid name up to
     * NAME_MAX (255) still has a temporary one */
    const char *slash = strrchr(dst, '/');
    size_t dlen = slash ? (size_t)(slash - dst) + 1 : 0, blen = strlen(dst + dlen);
    char *tmp;
    char buf[65536];
    FILE *in = NULL, *out = NULL;
    int fd = -1, rc = 1;
    size_t k;
    if (blen > 200)
        blen = 200;
    tmp = malloc(dlen + blen + 12);
    if (!tmp) {
        set_err(err, errlen, "out of memory");
        return 1;
    }
    memcpy(tmp, dst, dlen + blen);
    memcpy(tmp + dlen + blen, ".tmpXXXXXX", 11);
    fd = mkstemp(tmp);
    if (fd < 0) {
        set_err(err, errlen, "%s: cannot create: %s", dst, strerror(errno));
        free(tmp);
        return 1;
    }
    out = fdopen(fd, "w");
    in = fopen(src, "r");
    if (!out || !in) {
        set_err(err, errlen, "%s: %s", dst, strerror(errno));
        goto cleanup;
    }
    while ((k = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, k, out) != k) {
            set_err(err, errlen, "%s: write failed: %s", dst, strerror(errno));
            goto cleanup;
        }
    if (ferror(in) || fflush(out) || fsync(fileno(out))) {
        set_err(err, errlen, "%s: write failed: %s", dst, strerror(errno));
        goto cleanup;
    }
    fchmod(fileno(out), 0644);
    if (fclose(out)) {
        out = NULL;
        fd = -1;
        set_err(err, errlen, "%s: write failed: %s", dst, strerror(errno));
        goto cleanup;
    }
    out = NULL;
    fd = -1;
    if (rename(tmp, dst)) {
        set_err(err, errlen, "%s: cannot rename: %s", dst, strerror(errno));
        goto cleanup;
    }
    rc = 0;
cleanup:
    if (in)
        fclose(in);
    if (out)
        fclose(out);
    else if (fd >= 0)
        close(fd);
    if (rc)
        unlink(tmp);
    free(tmp);
    return rc;
}

/* First line of gnuplot's log that says what went wrong. */
static void log_reason(const char *log, char *err, size_t errlen)
{
    FILE *f = fopen(log, "r");
    char line[512], first[512] = "";
    if (!f) {
        set_err(err, errlen, "gnuplot failed");
        return;
    }
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!first[0] && line[0])
            snprintf(first, sizeof first, "%s", line);
        if (strstr(line, "rror") || strstr(line, "arning")) {
            snprintf(first, sizeof first, "%s", line);
            break;
        }
    }
    fclose(f);
    set_err(err, errlen, "gnuplot failed%s%s", first[0] ? ": " : "", first);
}

int hp_chart_run(const char *svg_path, int width, int height, const char *script,
                 const hp_chart_file *files, int n_files, char *err, size_t errlen)
{
    char dir[] = "/tmp/hreeplan-chart-XXXXXX";
    char path[4096];
    const char *tmpdir = getenv("TMPDIR");
    char *dirp = dir, *dynd = NULL;
    FILE *f = NULL;
    pid_t pid;
    int wst = 0, rc = 1, made = 0;
    struct stat sb;

    if (tmpdir && *tmpdir) {
        size_t n = strlen(tmpdir) + 32;
        dynd = malloc(n);
        if (!dynd) {
            set_err(err, errlen, "out of memory");
            return 1;
        }
        snprintf(dynd, n, "%s/hreeplan-chart-XXXXXX", tmpdir);
        dirp = dynd;
    }
    if (!mkdtemp(dirp)) {
        set_err(err, errlen, "cannot create a temporary directory: %s", strerror(errno));
        free(dynd);
        return 1;
    }
    made = 1;
    for (int k = 0; k < n_files; k++) {
        if (strchr(files[k].name, '/')) {
            set_err(err, errlen, "chart data file name '%s' has a '/'", files[k].name);
            goto cleanup;
        }
        snprintf(path, sizeof path, "%s/%s", dirp, files[k].name);
        if (write_file(path, files[k].data, files[k].len)) {
            set_err(err, errlen, "%s: %s", path, strerror(errno));
            goto cleanup;
        }
    }
    snprintf(path, sizeof path, "%s/chart.gp", dirp);
    f = fopen(path, "w");
    if (!f) {
        set_err(err, errlen, "%s: %s", path, strerror(errno));
        goto cleanup;
    }
    fprintf(f,
            "set terminal svg size %d,%d dynamic noenhanced font 'sans,11' background '#ffffff'\n",
            width, height);
    fprintf(f, "set output 'chart.svg'\nset encoding utf8\n%s\nunset output\n", script);
    /* a failed fprintf leaves the error flag, not always a failing fclose */
    if (ferror(f) | fclose(f)) {
        f = NULL;
        set_err(err, errlen, "%s: write failed", path);
        goto cleanup;
    }
    f = NULL;

    fflush(NULL);
    pid = fork();
    if (pid < 0) {
        set_err(err, errlen, "cannot run gnuplot: %s", strerror(errno));
        goto cleanup;
    }
    if (pid == 0) {
        int fd;
        if (chdir(dirp))
            _exit(126);
        fd = open("gnuplot.log", O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
            close(fd);
        }
        fd = open("/dev/null", O_RDONLY);
        if (fd >= 0) {
            dup2(fd, 0);
            close(fd);
        }
        execlp("gnuplot", "gnuplot", "chart.gp", (char *)NULL);
        _exit(127);
    }
    while (waitpid(pid, &wst, 0) < 0)
        if (errno != EINTR) {
            set_err(err, errlen, "waiting for gnuplot: %s", strerror(errno));
            goto cleanup;
        }
    if (WIFEXITED(wst) && WEXITSTATUS(wst) == 127) {
        set_err(err, errlen, "gnuplot not found (install gnuplot-nox)");
        goto cleanup;
    }
    snprintf(path, sizeof path, "%s/gnuplot.log", dirp);
    if (!WIFEXITED(wst) || WEXITSTATUS(wst) != 0) {
        log_reason(path, err, errlen);
        goto cleanup;
    }
    snprintf(path, sizeof path, "%s/chart.svg", dirp);
    if (stat(path, &sb) || sb.st_size == 0) {
        set_err(err, errlen, "gnuplot wrote no chart");
        goto cleanup;
    }
    if (install(path, svg_path, err, errlen))
        goto cleanup;
    rc = 0;
cleanup:
    if (f)
        fclose(f);
    if (made) {
        static const char *const own[] = {"chart.gp", "chart.svg", "gnuplot.log"};
        for (size_t k = 0; k < sizeof own / sizeof own[0]; k++) {
            snprintf(path, sizeof path, "%s/%s", dirp, own[k]);
            unlink(path);
        }
        for (int k = 0; k < n_files; k++) {
            if (strchr(files[k].name, '/'))
                continue;
            snprintf(path, sizeof path, "%s/%s", dirp, files[k].name);
            unlink(path);
        }
        rmdir(dirp);
    }
    free(dynd);
    return rc;
}

/* A gnuplot single-quoted string body: quotes doubled, controls dropped. */
static void put_quoted(FILE *f, const char *s)
{
    fputc('\'', f);
    for (; s && *s; s++) {
        if (*s == '\'')
            fputs("''", f);
        else if ((unsigned char)*s >= 32)
            fputc(*s, f);
    }
    fputc('\'', f);
}

int hp_chart_front(const char *svg_path, const hp_chart_front_opts *o, const hp_chart_point *pts,
                   int n, char *err, size_t errlen)
{
    char *sbuf = NULL, *fbuf = NULL, *dbuf = NULL, *kbuf = NULL, *mbuf = NULL;
    size_t slen = 0, flen = 0, dlen = 0, klen = 0, mlen = 0;
    FILE *s = open_memstream(&sbuf, &slen), *ff = open_memstream(&fbuf, &flen);
    FILE *fd = open_memstream(&dbuf, &dlen), *fk = open_memstream(&kbuf, &klen);
    FILE *fm = open_memstream(&mbuf, &mlen);
    int n_front = 0, n_dom = 0, n_knee = 0, rc = 1, nf = 0;
    hp_chart_file files[4];

    if (!s || !ff || !fd || !fk || !fm) {
        set_err(err, errlen, "out of memory");
        goto cleanup;
    }
    /* the front in order of risk falling (index order), cost in USD m */
    for (int i = 0; i < n; i++) {
        const hp_chart_point *p = &pts[i];
        if (p->on_front) {
            fprintf(ff, "%.9g %.9g\n", p->risk, p->cost / 1e6);
            n_front++;
        } else if (p->dominated) {
            fprintf(fd, "%.9g %.9g\n", p->risk, p->cost / 1e6);
            n_dom++;
        }
        if (p->knee) {
            fprintf(fk, "%.9g %.9g\n", p->risk, p->cost / 1e6);
            n_knee++;
        }
    }
    if (o->has_mark)
        fprintf(fm, "%.9g %.9g\n", o->mark.risk, o->mark.cost / 1e6);
    /* title and subtitle as two lines of one title (gnuplot's "\n" in a
     * double-quoted string; the parts are single-quoted and joined) */
    fputs("set title ", s);
    put_quoted(s, o->title);
    if (o->subtitle) {
        fputs(".\"\\n\".", s);
        put_quoted(s, o->subtitle);
    }
    fputs("\nset xlabel ", s);
    put_quoted(s, o->risk_label);
    fputs("\nset ylabel ", s);
    put_quoted(s, o->value_label);
    fputs("\nset grid\nset key top right\n"
          "set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05\n",
          s);
    /* a zero-based axis shows a narrow span for what it is */
    if (o->zero_based)
        fputs("set yrange [0:*]\nset offsets graph 0.05, graph 0.05, graph 0.05, 0\n", s);
    fputs("plot ", s);
    if (n_front)
        fputs("'front.dat' using 1:2 with linespoints lt 1 lw 2 pt 7 ps 0.8 title 'front'", s);
    if (n_dom)
        fprintf(s, "%s'dominated.dat' using 1:2 with points lt 4 pt 6 ps 1.2 title 'dominated'",
                n_front ? ", " : "");
    if (n_knee)
        fprintf(s,
                "%s'knee.dat' using 1:2 with points lt 7 pt 9 ps 2.2 title 'knee', "
                "'knee.dat' using 1:2:(\"knee\") with labels offset 0,1.5 notitle",
                n_front || n_dom ? ", " : "");
    if (o->has_mark)
        fprintf(s, "%s'mark.dat' using 1:2 with points lt 3 pt 5 ps 1.6 title ",
                n_front || n_dom || n_knee ? ", " : "");
    if (o->has_mark)
        put_quoted(s, o->mark_label ? o->mark_label : "");
    if (!n_front && !n_dom && !n_knee) {
        set_err(err, errlen, "no point of the front has a plan to draw");
        goto cleanup;
    }
    fputc('\n', s);
    if (fflush(s) || fflush(ff) || fflush(fd) || fflush(fk) || fflush(fm)) {
        set_err(err, errlen, "out of memory");
        goto cleanup;
    }
    if (n_front)
        files[nf++] = (hp_chart_file){"front.dat", fbuf, flen};
    if (n_dom)
        files[nf++] = (hp_chart_file){"dominated.dat", dbuf, dlen};
    if (n_knee)
        files[nf++] = (hp_chart_file){"knee.dat", kbuf, klen};
    if (o->has_mark)
        files[nf++] = (hp_chart_file){"mark.dat", mbuf, mlen};
    rc = hp_chart_run(svg_path, 800, 560, sbuf, files, nf, err, errlen);
cleanup:
    if (s)
        fclose(s);
    if (ff)
        fclose(ff);
    if (fd)
        fclose(fd);
    if (fk)
        fclose(fk);
    if (fm)
        fclose(fm);
    free(mbuf);
    free(sbuf);
    free(fbuf);
    free(dbuf);
    free(kbuf);
    return rc;
}

/* A colour per source that stays the same in every panel. */
static const char *const palette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                      "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
                                      "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173"};

/* Source ids across all plans in order of first use (pointers into the
 * instances; not owned). */
static int source_index(const char **ids, int *n, const char *id)
{
    for (int k = 0; k < *n; k++)
        if (!strcmp(ids[k], id))
            return k;
    ids[*n] = id;
    return (*n)++;
}

int hp_chart_supply(const char *svg_path, const hp_plan *const *plans, const char *const *names,
                    int n, char *err, size_t errlen)
{
    const char **ids = NULL;
    int n_ids = 0, max_p = 1, rc = 1, nf = 0, cap = 0;
    char *sbuf = NULL;
    size_t slen = 0;
    FILE *s = NULL;
    hp_chart_file *files = NULL;
    char **bufs = NULL;
    size_t *lens = NULL;
    double *qty = NULL;

    for (int k = 0; k < n; k++) {
        cap += plans[k]->inst->n_suppliers;
        if (plans[k]->inst->n_products > max_p)
            max_p = plans[k]->inst->n_products;
    }
    ids = calloc((size_t)cap + 1, sizeof *ids);
    s = open_memstream(&sbuf, &slen);
    if (!ids || !s)
        goto nomem;
    for (int k = 0; k < n; k++)
        for (int j = 0; j < plans[k]->inst->n_suppliers; j++)
            source_index(ids, &n_ids, plans[k]->inst->suppliers[j].id);
    files = calloc((size_t)n * (size_t)max_p + 1, sizeof *files);
    bufs = calloc((size_t)n * (size_t)max_p + 1, sizeof *bufs);
    lens = calloc((size_t)n * (size_t)max_p + 1, sizeof *lens);
    if (!files || !bufs || !lens)
        goto nomem;

    fprintf(s, "set multiplot layout %d,%d\n", n, max_p);
    fputs("set style data histograms\nset style histogram rowstacked\n"
          "set style fill solid 0.85 border -1\nset boxwidth 0.75\nset grid ytics\n"
          "set key outside right top vertical\nset xtics nomirror font ',9'\n"
          "set ylabel 'expected t'\nset yrange [0:*]\n",
          s);
    for (int k = 0; k < n; k++) {
        const hp_plan *pl = plans[k];
        const hp_instance *in = pl->inst;
        int T = in->T, ncol = n_ids + 3; /* sources, in transit, spot, demand */
        free(qty);
        qty = calloc((size_t)T * (size_t)ncol, sizeof *qty);
        if (!qty)
            goto nomem;
        for (int p = 0; p < max_p; p++) {
            FILE *d;
            char fname[64];
            int used[HP_MAX_SUPPLIERS + 3] = {0}, first = 1;
            if (p >= in->n_products) {
                fputs("set multiplot next\n", s);
                continue;
            }
            memset(qty, 0, (size_t)T * (size_t)ncol * sizeof *qty);
            for (int i = 0; i < pl->n_orders; i++) {
                const hp_order *o = &pl->orders[i];
                int c;
                if (o->product != p || o->arrive < 0 || o->arrive >= T)
                    continue;
                c = source_index(ids, &n_ids, in->suppliers[o->supplier].id);
                qty[(size_t)o->arrive * (size_t)ncol + (size_t)c] += o->expected_qty;
            }
            for (int i = 0; i < pl->n_balance; i++) {
                const hp_balance *b = &pl->balance[i];
                if (b->product != p || b->quarter < 0 || b->quarter >= T)
                    continue;
                qty[(size_t)b->quarter * (size_t)ncol + (size_t)n_ids] += b->in_transit;
                qty[(size_t)b->quarter * (size_t)ncol + (size_t)n_ids + 1] += b->spot;
                qty[(size_t)b->quarter * (size_t)ncol + (size_t)n_ids + 2] += b->demand;
            }
            snprintf(fname, sizeof fname, "supply-%d-%d.dat", k + 1, p + 1);
            d = open_memstream(&bufs[nf], &lens[nf]);
            if (!d)
                goto nomem;
            for (int t = 0; t < T; t++) {
                char q[16];
                hp_quarter_label(in, t, q, sizeof q);
                fprintf(d, "%s", q);
                for (int c = 0; c < ncol; c++) {
                    double v = qty[(size_t)t * (size_t)ncol + (size_t)c];
                    fprintf(d, " %.9g", v);
                    if (c < ncol - 1 && v > 1e-9)
                        used[c] = 1;
                }
                fputc('\n', d);
            }
            if (fclose(d))
                goto nomem;
            files[nf] = (hp_chart_file){NULL, bufs[nf], lens[nf]};
            files[nf].name = strdup(fname);
            if (!files[nf].name)
                goto nomem;
            nf++;
            fputs("set title ", s);
            {
                char t[512];
                snprintf(t, sizeof t, "%s - %s", names && names[k] ? names[k] : in->name,
                         in->products[p].id);
                put_quoted(s, t);
            }
            fputs(T > 12 ? "\nset xtics rotate by 90 right\n" : "\nset xtics norotate\n", s);
            fputs("plot ", s);
            for (int c = 0; c < ncol - 1; c++) {
                const char *label = c < n_ids ? ids[c] : c == n_ids ? "in transit" : "spot";
                if (!used[c])
                    continue;
                fprintf(s, "%s'%s' using %d%s lc rgb '%s' title ", first ? "" : ", ", fname, c + 2,
                        first ? ":xtic(1)" : "",
                        c < n_ids    ? palette[(size_t)c % (sizeof palette / sizeof palette[0])]
                        : c == n_ids ? "#c7c7c7"
                                     : "#fde725");
                put_quoted(s, label);
                first = 0;
            }
            fprintf(s,
                    "%s'%s' using 0:%d%s with linespoints lt -1 lw 2 pt 7 ps 0.5 title 'demand'\n",
                    first ? "" : ", ", fname, ncol + 1, first ? ":xtic(1)" : "");
        }
    }
    fputs("unset multiplot\n", s);
    if (fflush(s))
        goto nomem;
    rc = hp_chart_run(svg_path, 560 * max_p + 160, 330 * n + 40, sbuf, files, nf, err, errlen);
    goto cleanup;
nomem:
    set_err(err, errlen, "out of memory");
    rc = 1;
cleanup:
    if (s)
        fclose(s);
    free(sbuf);
    for (int k = 0; k < nf; k++)
        free((char *)files[k].name);
    if (bufs)
        for (int k = 0; k < n * max_p; k++)
            free(bufs[k]);
    free(files);
    free(bufs);
    free(lens);
    free(qty);
    free(ids);
    return rc;
}
