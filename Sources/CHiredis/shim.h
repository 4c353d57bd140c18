#ifndef CHIREDIS_SHIM_H
#define CHIREDIS_SHIM_H
#include <hiredis/hiredis.h>
#include <sys/time.h>

static inline int chiredis_major(void) { return HIREDIS_MAJOR; }
static inline int chiredis_minor(void) { return HIREDIS_MINOR; }
static inline int chiredis_patch(void) { return HIREDIS_PATCH; }
static inline struct timeval chiredis_timeval_ms(long ms) {
    struct timeval tv = { .tv_sec = ms / 1000, .tv_usec = (ms % 1000) * 1000 };
    return tv;
}
#endif
