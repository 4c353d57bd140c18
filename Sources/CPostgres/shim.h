#ifndef CPOSTGRES_SHIM_H
#define CPOSTGRES_SHIM_H
#include <libpq-fe.h>
#include <poll.h>

/* A notice receiver that drops notices: libpq's default one prints to stderr, i.e. onto the screen. */
static void cpostgres_ignore_notice(void *arg, const PGresult *res) { (void)arg; (void)res; }
static inline void cpostgres_silence_notices(PGconn *conn) {
    PQsetNoticeReceiver(conn, cpostgres_ignore_notice, NULL);
}

/* Waits until the connection's socket is readable (1), times out (0) or fails (-1). */
static inline int cpostgres_wait_readable(PGconn *conn, int timeout_ms) {
    struct pollfd p = { .fd = PQsocket(conn), .events = POLLIN, .revents = 0 };
    if (p.fd < 0) return -1;
    int rc = poll(&p, 1, timeout_ms);
    if (rc < 0) return -1;
    return rc > 0 ? 1 : 0;
}
#endif
