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
            int hex = c == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X'), flt = 0;
            char tok[64];
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
            snprintf(tok, sizeof tok, "%.*s", (int)(n < 40 ? n : 40), s + b);
            if (hex) {
                size_t k = 2;
                while (k < n && s[b + k] == '0')
                    k++;
                if (n - k <= 8)
                    continue;
            } else {
                size_t k = 0;
                int neg = b > 0 && s[b - 1] == '-';
                while (k + 1 < n && s[b + k] == '0')
                    k++;
                if (n - k < 10 ||
                    (n - k == 10 && strncmp(s + b + k, neg ? "2147483648" : "2147483647", 10) <= 0))
                    continue;
            }
            hpi_ld_error_at(L, line, NULL,
                            "integer too large for libconfig 1.5 (write it as a float, e.g. %s.0), "
                            "got %s",
                            tok, tok);
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
