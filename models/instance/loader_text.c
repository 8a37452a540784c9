/* hreeplan loader: checks on the raw text that libconfig 1.5 gets wrong.
 * - Decimal integers beyond 32 bits are wrapped silently by its scanner.
 * - A string where a setting name belongs ('x = 1; "abc";') is a syntax
 *   error, but its parser drops the string token without freeing it (a leak
 *   on every such file, which valgrind and LeakSanitizer report).  Such a
 *   string is replaced by a character the scanner rejects, so libconfig
 *   reports the same "syntax error" at the same place without allocating. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader_int.h"

/* libconfig 1.5 keeps a decimal integer in 32 bits and silently wraps what
 * does not fit (99999999999 reads as 1215752191).  Find such literals in the
 * text before trusting the tree. */
int hpi_ld_scan_ints(hpi_ld_ctx *L, const char *s)
{
    unsigned line = 1;
    int found = 0;
    size_t i = 0;
    while (s[i]) {
        char c = s[i];
        if (c == '\n') {
            line++;
            i++;
        } else if (c == '"') {
            for (i++; s[i] && s[i] != '"'; i++) {
                if (s[i] == '\\' && s[i + 1])
                    i++;
                if (s[i] == '\n')
                    line++;
            }
            if (s[i])
                i++;
        } else if (c == '#' || (c == '/' && s[i + 1] == '/')) {
            while (s[i] && s[i] != '\n')
                i++;
        } else if (c == '/' && s[i + 1] == '*') {
            for (i += 2; s[i] && !(s[i] == '*' && s[i + 1] == '/'); i++)
                if (s[i] == '\n')
                    line++;
            if (s[i])
                i += 2;
        } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '*') {
            while (strchr("-_*", s[i]) || (s[i] >= '0' && s[i] <= '9') ||
                   (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')) {
                if (!s[i])
                    break;
                i++;
            }
        } else if ((c >= '0' && c <= '9') || (c == '.' && s[i + 1] >= '0' && s[i + 1] <= '9')) {
            size_t b = i, n;
            int hex = c == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X'), flt = 0, neg;
            char tok[64], hint[80];
            while (s[i] && ((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z') ||
                            (s[i] >= 'a' && s[i] <= 'z') || s[i] == '.' ||
                            ((s[i] == '+' || s[i] == '-') && !hex &&
                             (s[i - 1] == 'e' || s[i - 1] == 'E')))) {
                if (!hex && (s[i] == '.' || s[i] == 'e' || s[i] == 'E'))
                    flt = 1;
                i++;
            }
            n = i - b;
            if (flt || s[i - 1] == 'L')
                continue;
            neg = b > 0 && s[b - 1] == '-';
            /* the literal with its sign, as written */
            snprintf(tok, sizeof tok, "%s%.*s", neg ? "-" : "", (int)(n < 40 ? n : 40), s + b);
            if (hex) {
                size_t k = 2;
                while (k < n && s[b + k] == '0')
                    k++;
                /* 0x80000000 and above read as negative numbers */
                if (n - k < 8 || (n - k == 8 && s[b + k] < '8'))
                    continue;
                /* a float has no hexadecimal form: the hint is decimal */
                if (n - k <= 16)
                    snprintf(hint, sizeof hint, "%s%llu.0", neg ? "-" : "",
                             strtoull(s + b + 2, NULL, 16));
                else
                    snprintf(hint, sizeof hint, "%.6e",
                             neg ? -strtod(tok + neg, NULL) : strtod(tok, NULL));
            } else {
                size_t k = 0;
                while (k + 1 < n && s[b + k] == '0')
                    k++;
                if (n - k < 10 ||
                    (n - k == 10 && strncmp(s + b + k, neg ? "2147483648" : "2147483647", 10) <= 0))
                    continue;
                snprintf(hint, sizeof hint, "%s.0", tok);
            }
            hpi_ld_error_at(L, line, NULL,
                            "integer too large for libconfig 1.5 (write it as a float, e.g. %s), "
                            "got %s",
                            hint, tok);
            found = 1;
        } else {
            i++;
        }
    }
    return found;
}

/* What came before a token, as far as a string after it is concerned. */
enum { PV_OTHER = 0, PV_VALUE_START, PV_COMMA, PV_STRING, PV_INCLUDE };

char *hpi_ld_defuse_strings(const char *text)
{
    char *s = strdup(text);
    char stack[256]; /* '{', '[' or '(' of the open aggregates */
    int depth = 0, prev = PV_OTHER;
    size_t i = 0;
    if (!s)
        return NULL;
    while (s[i]) {
        char c = s[i];
        if (c == '"') {
            size_t b = i;
            int in_seq = depth > 0 && depth <= (int)sizeof stack && stack[depth - 1] != '{';
            int ok = prev == PV_VALUE_START || prev == PV_STRING || prev == PV_INCLUDE ||
                     (prev == PV_COMMA && in_seq);
            for (i++; s[i] && s[i] != '"'; i++)
                if (s[i] == '\\' && s[i + 1])
                    i++;
            if (s[i])
                i++;
            if (!ok) {
                for (size_t k = b; k < i; k++)
                    if (s[k] != '\n')
                        s[k] = ' ';
                s[b] = '!';
            }
            prev = PV_STRING;
        } else if (c == '#' || (c == '/' && s[i + 1] == '/')) {
            while (s[i] && s[i] != '\n')
                i++;
        } else if (c == '/' && s[i + 1] == '*') {
            for (i += 2; s[i] && !(s[i] == '*' && s[i + 1] == '/'); i++)
                ;
            if (s[i])
                i += 2;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            i++;
        } else {
            if (c == '=' || c == ':' || c == '[' || c == '(')
                prev = PV_VALUE_START;
            else if (c == ',')
                prev = PV_COMMA;
            else if (c == '@' && !strncmp(s + i, "@include", 8))
                prev = PV_INCLUDE;
            else
                prev = PV_OTHER;
            if (c == '{' || c == '[' || c == '(') {
                if (depth < (int)sizeof stack)
                    stack[depth] = c;
                depth++;
            } else if ((c == '}' || c == ']' || c == ')') && depth > 0) {
                depth--;
            }
            i += c == '@' && prev == PV_INCLUDE ? 8 : 1;
        }
    }
    return s;
}

/* Skips the string or comment starting at s[i], if any, counting lines;
 * returns the index after it (i itself when s[i] starts neither). */
static size_t skip_quoted(const char *s, size_t i, unsigned *line)
{
    if (s[i] == '"') {
        for (i++; s[i] && s[i] != '"'; i++) {
            if (s[i] == '\\' && s[i + 1] && s[i + 1] != '\n')
                i++;
            if (s[i] == '\n')
                (*line)++;
        }
        return s[i] ? i + 1 : i;
    }
    if (s[i] == '#' || (s[i] == '/' && s[i + 1] == '/')) {
        while (s[i] && s[i] != '\n')
            i++;
        return i;
    }
    if (s[i] == '/' && s[i + 1] == '*') {
        for (i += 2; s[i] && !(s[i] == '*' && s[i + 1] == '/'); i++)
            if (s[i] == '\n')
                (*line)++;
        return s[i] ? i + 2 : i;
    }
    return i;
}

int hpi_ld_scan_include(hpi_ld_ctx *L, const char *s)
{
    unsigned line = 1;
    int found = 0;
    size_t i = 0, j;
    while (s[i]) {
        j = skip_quoted(s, i, &line);
        if (j != i) {
            i = j;
            continue;
        }
        if (s[i] == '\n')
            line++;
        /* any '@' outside strings and comments: libconfig 1.5 knows no
         * other directive, and refusing them all is the safe side */
        if (s[i] == '@') {
            hpi_ld_error_at(L, line, NULL,
                            "@include is not allowed: an instance is one self-contained file "
                            "(see docs/instance.md)");
            found = 1;
            while (s[i] && s[i] != '\n') /* one message per line */
                i++;
            continue;
        }
        i++;
    }
    return found;
}

double hpi_ld_parse_mb(const char *s)
{
    unsigned line = 1;
    size_t i = 0, j, n = 0, len = 0;
    while (s[i]) {
        j = skip_quoted(s, i, &line);
        if (j != i) {
            i = j;
            n++;
            continue;
        }
        /* every setting follows one of these (a name's '=' or ':', an
         * element's ',' or its opening bracket) */
        n += s[i] == '=' || s[i] == ':' || s[i] == ',' || s[i] == '{' || s[i] == '[' || s[i] == '(';
        i++;
    }
    len = i;
    /* libconfig 1.5 spends about 100 bytes per setting (measured: an array
     * of 5e6 floats peaks at 497 MB, 2e6 one-member groups at 797 MB); the
     * text is held three times (read, defused, scanned) */
    return (128.0 * (double)n + 3.0 * (double)len) / (1024.0 * 1024.0);
}
