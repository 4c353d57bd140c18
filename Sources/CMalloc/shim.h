/* glibc's allocator controls (mallopt, malloc_trim): not part of Swift's Glibc module. */
#include <malloc.h>
