/** @file
 *  @brief Every article's facet summary in one file beside its database, for counting.
 *
 *  Counting a broad search's facets read each match's kFacetSummarySlot
 *  value from Xapian's value stream: 50-70 ns an article, most of a broad
 *  search's time at ten times Reuters (86k matches: 6 of 12 ms). The
 *  indexer also writes the summaries, docid by docid, into facets.column
 *  in the database's directory, after each run that changed it; a searcher
 *  maps the file into memory and reads a summary in a few nanoseconds.
 *
 *  The file names the database's UUID and revision: any other revision (a
 *  run whose writing was interrupted, a replica, which Xapian copies
 *  without it) is not used, and counting reads the value stream as before.
 *  Only a database of one directory has it, not a stub of shards.
 *
 *  Layout, in the machine's byte order (a file moved to another order does
 *  not match its header, and is not used): "NDFC", u32 version, u64
 *  revision, u32 last docid, u32 UUID length, the UUID, zeros to a multiple
 *  of 4 bytes, then (last docid + 2) u32 offsets into the summaries that
 *  follow: document d's is [offset[d], offset[d + 1]).
 */
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>

namespace newsdesk::schema {

/// The file's name in a database directory.
inline constexpr std::string_view kFacetColumnFile = "facets.column";

/// Writes @p directory's facets.column for the database there, unless it is
/// already that of its revision. Written beside and renamed over, so that a
/// reader sees the old file or the new one.
void write_facet_column(const std::filesystem::path& directory);

/// A facets.column mapped into memory.
class FacetColumn {
  public:
    /// The column of @p db, opened from @p directory (the database's own),
    /// when it is there and of @p db's UUID and revision.
    static std::optional<FacetColumn> open(const std::filesystem::path& directory, const Xapian::Database& db);

    /// The column of @p db opened from @p path: its directory, or a stub
    /// naming one database ("auto gen-3", as newsdesk-index writes it).
    static std::optional<FacetColumn> open_for(const std::filesystem::path& path, const Xapian::Database& db);

    /// Document @p did's summary (empty for none), or nullopt when the
    /// file's offsets for it are damaged (backwards, or past the file): the
    /// caller reads the value stream instead. Checked here, per document,
    /// rather than all at opening, which paged in every offset (about 1 ms
    /// a million articles) for each process, and each CGI request.
    std::optional<std::string_view> summary(Xapian::docid did) const {
        if (did == 0 || did > last_docid_) return std::string_view{};
        const std::uint32_t begin = offsets_[did], end = offsets_[did + 1];
        if (begin > end || end > summaries_size_) return std::nullopt;
        return std::string_view(bytes_ + begin, end - begin);
    }

  private:
    struct Mapping;
    std::shared_ptr<const Mapping> mapping_;
    const std::uint32_t* offsets_ = nullptr;
    const char* bytes_ = nullptr;
    std::size_t summaries_size_ = 0;
    Xapian::docid last_docid_ = 0;
};

}  // namespace newsdesk::schema
