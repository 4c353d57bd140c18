/* Restores the terminal when the process dies: async-signal-safe steps only (tcsetattr + write + dup2).
 * Lives in a compiled C target because it needs static storage shared by the signal handler. */
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
#include "CTerminalRestore.h"
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios cncurses_saved_termios;
static int cncurses_have_termios = 0;
static char cncurses_exit_seq[256];
static int cncurses_exit_len = 0;
static int cncurses_saved_stderr = -1;
static struct sigaction cncurses_old_actions[65];
static int cncurses_handlers_installed = 0;

void cncurses_restore_now(void) {
    if (cncurses_have_termios) tcsetattr(STDIN_FILENO, TCSANOW, &cncurses_saved_termios);
    if (cncurses_exit_len > 0) { ssize_t w = write(STDOUT_FILENO, cncurses_exit_seq, (size_t)cncurses_exit_len); (void)w; }
    if (cncurses_saved_stderr >= 0) dup2(cncurses_saved_stderr, STDERR_FILENO);
}

static void cncurses_crash_handler(int sig, siginfo_t *info, void *context) {
    (void)context;
    cncurses_restore_now();
    /* A real fault chains to whatever was installed before (Swift's backtracer, which prints to the restored
     * terminal). The same signal sent by another process (kill -SEGV) is no crash of ours: die at once, as the
     * default action would, instead of leaving a process in the backtracer that no longer reads keys. */
    if (info != NULL && (info->si_code == SI_USER || info->si_code == SI_TKILL || info->si_code == SI_QUEUE)) {
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        sigemptyset(&dfl.sa_mask);
        sigaction(sig, &dfl, NULL);
    } else {
        sigaction(sig, &cncurses_old_actions[sig], NULL);
    }
    raise(sig);
}

/* Saves the tty state (call before newterm) and the byte sequence that leaves curses mode. */
void cncurses_save_tty(int saved_stderr_fd) {
    if (tcgetattr(STDIN_FILENO, &cncurses_saved_termios) == 0) cncurses_have_termios = 1;
    cncurses_saved_stderr = saved_stderr_fd;
}

void cncurses_capture_exit_sequence(void) {
    const char *caps[] = { "rmcup", "cnorm", "sgr0" };
    cncurses_exit_len = 0;
    for (int i = 0; i < 3; i++) {
        char *s = tigetstr((char *)caps[i]);
        if (s == NULL || s == (char *)-1) continue;
        size_t n = strlen(s);
        if (cncurses_exit_len + n + 2 >= sizeof cncurses_exit_seq) break;
        memcpy(cncurses_exit_seq + cncurses_exit_len, s, n);
        cncurses_exit_len += (int)n;
    }
    /* Mouse reporting off (X10/normal, button-event and SGR modes), harmless when it was never on. */
    const char *mouse_off = "\033[?1000l\033[?1002l\033[?1006l";
    size_t m = strlen(mouse_off);
    if (cncurses_exit_len + m + 2 < sizeof cncurses_exit_seq) {
        memcpy(cncurses_exit_seq + cncurses_exit_len, mouse_off, m);
        cncurses_exit_len += (int)m;
    }
    cncurses_exit_seq[cncurses_exit_len++] = '\r';
    cncurses_exit_seq[cncurses_exit_len++] = '\n';
}

void cncurses_install_crash_handlers(void) {
    cncurses_handlers_installed = 1;
    int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = cncurses_crash_handler;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_NODEFER | SA_SIGINFO;
        sigaction(sigs[i], &sa, &cncurses_old_actions[sigs[i]]);
    }
}

void cncurses_uninstall_crash_handlers(void) {
    if (!cncurses_handlers_installed) return;
    cncurses_handlers_installed = 0;
    int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaction(sigs[i], &cncurses_old_actions[sigs[i]], NULL);
}

