/* hreeplan solver layer: what the three SMPS readers share (smps_int.h):
 * names to indices and the line reader with its "file:line: ..." errors. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smps_int.h"

/* ---- names ---------------------------------------------------------- */

static size_t hash(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

int hpi_names_find(const hpi_names *h, const char *s)
{
    size_t k;
    if (!h->nslot)
        return -1;
    for (k = hash(s) & (h->nslot - 1); h->slot[k] >= 0; k = (k + 1) & (h->nslot - 1))
        if (!strcmp(h->name[h->slot[k]], s))
            return h->slot[k];
    return -1;
}

static int rehash(hpi_names *h, size_t nslot)
{
    int *slot = malloc(nslot * sizeof *slot);
    if (!slot)
        return -1;
    for (size_t k = 0; k < nslot; k++)
        slot[k] = -1;
    for (int i = 0; i < h->n; i++) {
        size_t k = hash(h->name[i]) & (nslot - 1);
        while (slot[k] >= 0)
            k = (k + 1) & (nslot - 1);
        slot[k] = i;
    }
    free(h->slot);
    h->slot = slot;
    h->nslot = nslot;
    return 0;
}

int hpi_names_add(hpi_names *h, const char *s)
{
    size_t k;
    if (h->n == h->cap) {
        int nc = h->cap ? 2 * h->cap : 64;
        char **nn = realloc(h->name, (size_t)nc * sizeof *nn);
        if (!nn)
            return -1;
        h->name = nn;
        h->cap = nc;
    }
    if ((size_t)(h->n + 1) * 2 > h->nslot && rehash(h, h->nslot ? 2 * h->nslot : 128))
        return -1;
    h->name[h->n] = strdup(s);
    if (!h->name[h->n])
        return -1;
    for (k = hash(s) & (h->nslot - 1); h->slot[k] >= 0; k = (k + 1) & (h->nslot - 1))
        ;
    h->slot[k] = h->n;
    return h->n++;
}

void hpi_names_free(hpi_names *h)
{
    for (int i = 0; i < h->n; i++)
        free(h->name[i]);
    free(h->name);
    free(h->slot);
    memset(h, 0, sizeof *h);
}

/* ---- lines ---------------------------------------------------------- */

hp_status hpi_smps_open(hpi_smps_rd *r, const char *file, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    r->file = file;
    r->err = err;
    r->errlen = errlen;
    r->f = fopen(file, "r");
    if (!r->f) {
        snprintf(err, errlen, "%s: cannot read: %s", file, strerror(errno));
        return HP_EIO;
    }
    return HP_OK;
}

void hpi_smps_close(hpi_smps_rd *r)
{
    if (r->f)
        fclose(r->f);
    free(r->buf);
    r->f = NULL;
    r->buf = NULL;
}

hp_status hpi_smps_fail(hpi_smps_rd *r, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (r->line > 0)
        snprintf(r->err, r->errlen, "%s:%d: %s", r->file, r->line, msg);
    else
        snprintf(r->err, r->errlen, "%s: %s", r->file, msg);
    return HP_EINVAL;
}

int hpi_smps_next(hpi_smps_rd *r, char **tok, int max, int *header)
{
    for (;;) {
        ssize_t len = getline(&r->buf, &r->cap, (FILE *)r->f);
        char *s;
        int n = 0;
        if (len < 0) {
            if (ferror((FILE *)r->f)) {
                r->line = 0;
                hpi_smps_fail(r, "cannot read: %s", strerror(errno));
                return -1;
            }
            return 0;
        }
        r->line++;
        if ((size_t)len != strlen(r->buf)) {
            hpi_smps_fail(r, "a NUL byte in the line");
            return -1;
        }
        s = r->buf;
        if (s[0] == '*')
            continue;
        *header = s[0] != ' ' && s[0] != '\t' && s[0] != '\r' && s[0] != '\n';
        for (;;) {
            while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
                *s++ = '\0';
            if (!*s)
                break;
            if (n == max) {
                hpi_smps_fail(r, "too many fields (at most %d)", max);
                return -1;
            }
            tok[n++] = s;
            while (*s && *s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
                s++;
        }
        if (n == 0)
            continue;
        return n;
    }
}

hp_status hpi_smps_num(hpi_smps_rd *r, const char *s, const char *what, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    if (end == s || *end || isnan(*v) || (errno == ERANGE && fabs(*v) >= 1.0))
        return hpi_smps_fail(r, "%s: expected a number, got '%s'", what, s);
    if (*v >= 1e30)
        *v = HUGE_VAL;
    else if (*v <= -1e30)
        *v = -HUGE_VAL;
    return HP_OK;
}
