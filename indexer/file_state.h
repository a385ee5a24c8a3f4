/** @file
 *  @brief What the indexer remembers about each input file, to skip unchanged ones.
 *
 *  Stored in the database metadata (schema::kMetaFilePrefix + a hash of the
 *  path) and committed together with the file's documents, so the record
 *  and the index can never disagree after a crash.
 */
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace newsdesk {

struct FileState {
    std::string path;           ///< absolute, as indexed
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::string hash;           ///< content hash (content_hash)
    std::uint64_t articles = 0; ///< articles indexed from it
    /// Records of it rejected as bad input when it was last read: while it
    /// stays unchanged it is not read again, and they are not reported again.
    std::uint64_t rejected = 0;

    /// Whether @p other describes the same bytes by size and modification time.
    bool same_stat(const FileState& other) const { return size == other.size && mtime_ns == other.mtime_ns; }
};

/// Hex XXH3-128 of @p content.
std::string content_hash(std::string_view content);

/// Metadata key of @p path's state.
std::string file_state_key(std::string_view path);

std::string encode_file_state(const FileState& state);
std::optional<FileState> decode_file_state(const std::string& encoded);

/// The recorded state of @p path in @p db, if any.
std::optional<FileState> load_file_state(const Xapian::Database& db, std::string_view path);

/// Calls @p each(FileState) for every file recorded in @p db.
template <typename Fn>
void for_each_file_state(const Xapian::Database& db, Fn&& each);

}  // namespace newsdesk

#include "schema.h"

template <typename Fn>
void newsdesk::for_each_file_state(const Xapian::Database& db, Fn&& each) {
    const std::string prefix(schema::kMetaFilePrefix);
    for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
        if (auto state = decode_file_state(db.get_metadata(*it))) each(*state);
    }
}
