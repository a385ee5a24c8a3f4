#include "hash.h"

#include <cstdio>

// xxHash compiled into this file (its documented header-only mode): no shared
// library for every program to load at start-up, which a CGI pays per request.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace newsdesk::schema {

std::string hex_hash64(std::string_view text) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(XXH3_64bits(text.data(), text.size())));
    return buf;
}

std::string hex_hash128(std::string_view text) {
    XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
    char buf[33];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                  static_cast<unsigned long long>(h.low64));
    return buf;
}

}  // namespace newsdesk::schema
