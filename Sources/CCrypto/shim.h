/* OpenSSL's libcrypto (Debian's libssl-dev), for the MD5 that names Sentry's Redis buffer keys. libpq already
   loads libcrypto, so this adds no library to the process. */
#include <openssl/evp.h>
#include <openssl/crypto.h>
