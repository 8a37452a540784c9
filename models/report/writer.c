/* The checked writer and the number formatter of every report (see
 * writer_int.h).  One place decides how a number looks, so that a plan, a
 * front, a comparison and a simulation print the same figure the same way,
 * and one place turns a failed write into HP_EIO. */
#include "writer_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define JFLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

void hpi_writer_init(hpi_writer *w, FILE *f, double zero)
{
    w->f = f;
    w->st = f ? HP_OK : HP_EINTERNAL;
    w->zero = zero;
}

void hpi_printf(hpi_writer *w, const char *fmt, ...)
{
    va_list ap;
    int n;
    if (w->st != HP_OK)
        return;
    va_start(ap, fmt);
    n = vfprintf(w->f, fmt, ap);
    va_end(ap);
    if (n < 0 || ferror(w->f))
        w->st = HP_EIO;
}

void hpi_puts(hpi_writer *w, const char *s)
{
    if (w->st != HP_OK)
        return;
    if (fputs(s, w->f) == EOF || ferror(w->f))
        w->st = HP_EIO;
}

hp_status hpi_finish(hpi_writer *w)
{
    if (!w->f)
        return w->st;
    if ((fflush(w->f) != 0 || ferror(w->f)) && w->st == HP_OK)
        w->st = HP_EIO;
    return w->st;
}

double hpi_nz(double v)
{
    return v == 0.0 ? 0.0 : v;
}

static double floor_of(double v, double zero)
{
    return fabs(v) < zero ? 0.0 : hpi_nz(v);
}

/* Drops the sign of a printed number whose digits are all zero ("-0.00"). */
static void strip_negative_zero(char *buf)
{
    const char *c;
    if (buf[0] != '-')
        return;
    for (c = buf + 1; *c; c++)
        if (*c != '0' && *c != '.' && *c != ',')
            return;
    memmove(buf, buf + 1, strlen(buf));
}

static int nonfinite(char *buf, size_t len, double v)
{
    if (isnan(v)) {
        snprintf(buf, len, "nan");
        return 1;
    }
    if (isinf(v)) {
        snprintf(buf, len, "%s", v < 0 ? "-inf" : "inf");
        return 1;
    }
    return 0;
}

void hpi_fixed(char *buf, size_t len, double v, int dec)
{
    if (nonfinite(buf, len, v))
        return;
    snprintf(buf, len, "%.*f", dec, hpi_nz(v));
    strip_negative_zero(buf);
}

void hpi_grouped(char *buf, size_t len, double v, int dec)
{
    char raw[64], out[96];
    const char *digits, *dot;
    size_t n_int, i, k = 0;
    if (nonfinite(buf, len, v))
        return;
    snprintf(raw, sizeof raw, "%.*f", dec, hpi_nz(v));
    digits = raw[0] == '-' ? raw + 1 : raw;
    dot = strchr(digits, '.');
    n_int = dot ? (size_t)(dot - digits) : strlen(digits);
    if (raw[0] == '-')
        out[k++] = '-';
    for (i = 0; i < n_int && k + 2 < sizeof out; i++) {
        if (i > 0 && (n_int - i) % 3 == 0)
            out[k++] = ',';
        out[k++] = digits[i];
    }
    out[k] = '\0';
    if (dot && k + strlen(dot) < sizeof out)
        memcpy(out + k, dot, strlen(dot) + 1);
    strip_negative_zero(out);
    snprintf(buf, len, "%s", out);
}

void hpi_g10(char *buf, size_t len, double v)
{
    if (nonfinite(buf, len, v))
        return;
    snprintf(buf, len, "%.10g", hpi_nz(v));
    strip_negative_zero(buf);
}

void hpi_num(hpi_writer *w, int width, int dec, double v)
{
    char buf[352];
    hpi_fixed(buf, sizeof buf, floor_of(v, w->zero), dec);
    hpi_printf(w, "%*s", width, buf);
}

void hpi_num_g(hpi_writer *w, double v)
{
    char buf[48];
    hpi_g10(buf, sizeof buf, floor_of(v, w->zero));
    hpi_puts(w, buf);
}

void hpi_json(hpi_writer *w, const json_t *root)
{
    if (w->st != HP_OK)
        return;
    if (json_dumpf(root, w->f, JFLAGS) != 0 || ferror(w->f)) {
        w->st = HP_EIO;
        return;
    }
    hpi_puts(w, "\n");
}

json_t *hpi_jreal(double v, double zero)
{
    return isfinite(v) ? json_real(floor_of(v, zero)) : json_null();
}

int hpi_jput(json_t *obj, const char *key, json_t *v)
{
    return v && json_object_set_new(obj, key, v) == 0;
}

/* Length of the well-formed UTF-8 sequence at s (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), 0 when there is none. */
static size_t utf8_len(const unsigned char *s)
{
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        n = 2;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        n = 3;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        n = 4;
    else
        return 0;
    if (s[0] == 0xE0)
        lo = 0xA0;
    else if (s[0] == 0xED)
        hi = 0x9F;
    else if (s[0] == 0xF0)
        lo = 0x90;
    else if (s[0] == 0xF4)
        hi = 0x8F;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return n;
}

json_t *hpi_json_string(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len, i, k = 0;
    char *copy;
    json_t *j;
    if (!s)
        return NULL;
    len = strlen(s);
    for (i = 0; i < len; i += utf8_len(u + i))
        if (!utf8_len(u + i))
            break;
    if (i >= len)
        return json_stringn(s, len);
    /* each byte that starts no valid sequence becomes '?' */
    if (!(copy = malloc(len + 1)))
        return NULL;
    for (i = 0; i < len;) {
        size_t n = utf8_len(u + i);
        if (n) {
            memcpy(copy + k, s + i, n);
            k += n;
            i += n;
        } else {
            copy[k++] = '?';
            i++;
        }
    }
    j = json_stringn(copy, k);
    free(copy);
    return j;
}
