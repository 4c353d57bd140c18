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

/* Adds one cell (a base character plus up to 4 combining marks) at the cursor with attributes and pair. */
static inline int cncurses_add_cell(const wchar_t *s, int n, attr_t attr, short pair) {
    wchar_t wc[CCHARW_MAX + 1];
    int k = n < CCHARW_MAX ? n : CCHARW_MAX;
    for (int i = 0; i < k; i++) wc[i] = s[i];
    wc[k] = 0;
    cchar_t cc;
    if (setcchar(&cc, wc, attr, pair, NULL) == ERR) return ERR;
    return wadd_wch(stdscr, &cc);
}

/* Window size from the tty (for SIGWINCH handled by the app, not by ncurses). */
#include <sys/ioctl.h>
#include <unistd.h>
static inline int cncurses_tty_size(int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0) return -1;
    *rows = ws.ws_row; *cols = ws.ws_col;
    return 0;
}

static inline int cncurses_wcwidth(wchar_t c) { return wcwidth(c); }
/* The linked library's own version string (the function, not the header's macro of the same name). */
static inline const char *cncurses_library_version(void) { return (curses_version)(); }

/* The mouse: left button presses and the wheel, reported at once (no click interval). */
static inline int cncurses_enable_mouse(void) {
    mouseinterval(0);
    mmask_t want = BUTTON1_PRESSED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
    want |= BUTTON5_PRESSED;
#endif
    return mousemask(want, NULL) != 0;
}
static inline int cncurses_key_mouse(void) { return KEY_MOUSE; }
/* The pending mouse event: 1 left press, 2 wheel up, 3 wheel down, 0 anything else; its cell in x, y. */
static inline int cncurses_read_mouse(int *x, int *y) {
    MEVENT e;
    if (getmouse(&e) != OK) return 0;
    *x = e.x;
    *y = e.y;
    if (e.bstate & BUTTON1_PRESSED) return 1;
    if (e.bstate & BUTTON4_PRESSED) return 2;
#ifdef BUTTON5_PRESSED
    if (e.bstate & BUTTON5_PRESSED) return 3;
#endif
    return 0;
}

/* True when the terminal description can move the cursor (cup): a full-screen UI needs it ("dumb" has none). */
#include <term.h>
static inline int cncurses_can_address_cursor(void) {
    char *s = tigetstr("cup");
    return s != NULL && s != (char *)-1;
}
#endif
