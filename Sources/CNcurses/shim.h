#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H
/* SwiftPM drops -D_XOPEN_SOURCE=600 from ncursesw.pc, so turn the wide API on here. */
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Function-like macros and C globals, wrapped so Swift can call them from the main actor only. */
static inline int cncurses_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int cncurses_lines(void) { return LINES; }
static inline int cncurses_cols(void) { return COLS; }
static inline int cncurses_colors(void) { return COLORS; }
static inline int cncurses_color_pairs(void) { return COLOR_PAIRS; }
static inline WINDOW *cncurses_stdscr(void) { return stdscr; }
static inline attr_t cncurses_a_bold(void) { return A_BOLD; }
static inline attr_t cncurses_a_dim(void) { return A_DIM; }
static inline attr_t cncurses_a_reverse(void) { return A_REVERSE; }
static inline attr_t cncurses_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cncurses_a_normal(void) { return A_NORMAL; }
static inline int cncurses_key_resize(void) { return KEY_RESIZE; }
static inline int cncurses_key_code_yes(void) { return KEY_CODE_YES; }

/* Opens the terminal on file descriptors (Swift 6 cannot touch the C stdio globals). */
static inline SCREEN *cncurses_newterm_fd(int outfd, int infd) {
    FILE *out = fdopen(outfd, "w");
    FILE *in = fdopen(infd, "r");
    if (!out || !in) return NULL;
    return newterm(NULL, out, in);
}

/* Writes one run of wide characters with one attribute/pair at (y, x); returns ERR or OK. */
static inline int cncurses_put_run(int y, int x, const wchar_t *s, int n, attr_t attr, short pair) {
    if (wmove(stdscr, y, x) == ERR) return ERR;
    int rc = OK;
    for (int i = 0; i < n; i++) {
        cchar_t cc;
        wchar_t wc[2] = { s[i], 0 };
        setcchar(&cc, wc, attr, pair, NULL);
        /* The last cell of the screen scrolls with wadd_wch; use wins_wch there. */
        if (y == LINES - 1 && getcurx(stdscr) == COLS - 1) {
            rc = wins_wch(stdscr, &cc);
            break;
        }
        if (wadd_wch(stdscr, &cc) == ERR) rc = ERR;
    }
    return rc;
}

static inline int cncurses_wcwidth(wchar_t c) { return wcwidth(c); }
#endif
