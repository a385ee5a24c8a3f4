#include "hash.h"

#include <cstdio>
#include <new>

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

namespace {

std::string hex(XXH128_hash_t h) {
    char buf[33];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                  static_cast<unsigned long long>(h.low64));
    return buf;
}

}  // namespace

std::string hex_hash128(std::string_view text) { return hex(XXH3_128bits(text.data(), text.size())); }

struct HexHash128::State {
    XXH3_state_t xxh;
};

HexHash128::HexHash128() : state_(std::make_unique<State>()) {
    if (XXH3_128bits_reset(&state_->xxh) != XXH_OK) throw std::bad_alloc();
}

HexHash128::~HexHash128() = default;

void HexHash128::update(std::string_view piece) { XXH3_128bits_update(&state_->xxh, piece.data(), piece.size()); }

std::string HexHash128::hex() const { return schema::hex(XXH3_128bits_digest(&state_->xxh)); }

}  // namespace newsdesk::schema
