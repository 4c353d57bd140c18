#ifndef CTERMINAL_RESTORE_H
#define CTERMINAL_RESTORE_H
/* Saves the tty modes and the fd to restore stderr to; call before newterm. */
void cncurses_save_tty(int saved_stderr_fd);
/* Captures rmcup/cnorm/sgr0 from terminfo; call after newterm. */
void cncurses_capture_exit_sequence(void);
/* Restores tty modes, leaves the alternate screen and restores stderr (async-signal-safe). */
void cncurses_restore_now(void);
/* SEGV/BUS/ILL/TRAP/ABRT/FPE: restore the terminal, then chain to the previous handler. */
void cncurses_install_crash_handlers(void);
void cncurses_uninstall_crash_handlers(void);
#endif
