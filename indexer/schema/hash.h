/** @file
 *  @brief Hexadecimal XXH3 hashes: ids derived from an article's text, stand-ins
 *  for values too long for a Xapian term, and file contents (file_state.h).
 */
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace newsdesk::schema {

/// XXH3-64 of @p text as 16 lower-case hex digits.
std::string hex_hash64(std::string_view text);

/// XXH3-128 of @p text as 32 lower-case hex digits (high half first).
std::string hex_hash128(std::string_view text);

/// hex_hash128() of a text given in pieces (a file read block by block).
class HexHash128 {
  public:
    HexHash128();
    ~HexHash128();
    void update(std::string_view piece);
    /// The hash of every piece so far, as hex_hash128() gives it.
    std::string hex() const;

  private:
    struct State;  // xxHash's, compiled into hash.cc
    std::unique_ptr<State> state_;
};

}  // namespace newsdesk::schema
