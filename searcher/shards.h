/** @file
 *  @brief Shards on other machines: a stub of `remote` lines, opened shard by shard.
 *
 *  Xapian opens a stub of remote shards itself, but then one unreachable
 *  shard fails every search, its timeouts are Xapian's defaults (10 s), and
 *  nothing tells which shard failed. So when a database's stub lists any
 *  remote shard, the searcher reads the stub here and opens each shard
 *  itself: a shard that cannot be reached is left out and named, the
 *  timeouts come from the stub, and the shards are grouped by the facet
 *  dictionary their ids come from (facets.h counts each group apart).
 *
 *  Besides Xapian's own lines (`auto PATH`, `glass PATH`, `remote HOST:PORT`,
 *  `remote :PROGRAM ARGS`), the stub may hold settings in comments, which
 *  Xapian skips, so that the stub still opens in xapian-delve and quest:
 *
 *      # newsdesk: timeout 2
 *      # newsdesk: missing-shards partial
 */
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "dictionary_cache.h"

namespace newsdesk::search {

/// What a search does when a shard cannot be reached.
enum class MissingShards {
    kPartial,  ///< answers from the others, naming the missing (SearchResult::missing_shards)
    kError,    ///< fails, naming the shard (UnavailableError)
};

/// A remote shard's timeout when the stub sets none, for connecting and for
/// each exchange: a search waits at most this long for a shard that stopped
/// answering before it goes on without it.
inline constexpr double kDefaultShardTimeoutSeconds = 2.0;

/// One line of a stub: a shard.
struct ShardLine {
    enum class Kind { kLocal, kTcp, kProgram };
    Kind kind = Kind::kLocal;
    std::string name;  ///< as reports name it: "host:port", the program, or the path
    std::string path;  ///< kLocal: absolute, or relative to the stub's directory
    std::string host;
    unsigned port = 0;
    std::string program, args;
};

/// A stub that lists remote shards, with its settings.
struct RemoteStub {
    std::string path;  ///< the stub file
    std::vector<ShardLine> shards;
    double timeout_seconds = kDefaultShardTimeoutSeconds;
    MissingShards missing = MissingShards::kPartial;
};

/// The stub of the database at @p db_path (a directory holding XAPIANDB, or
/// a stub file) when it lists a remote shard; nullopt for anything else
/// (a local database, which Xapian opens as it is).
/// @throws DatabaseError naming the stub's line that cannot be read.
std::optional<RemoteStub> read_remote_stub(const std::string& db_path);

/// The text of the stub of @p db_path (its first 64 KiB; "" when it has
/// none), to tell whether newsdesk-index switched it to a new generation
/// while the database was being opened.
std::string stub_text(const std::string& db_path);

/// Shards whose facet ids come from one dictionary (facet_dictionary.h):
/// a shard built by its own newsdesk-index run has its own; the shards of
/// one parallel build (--jobs N --compact shards) keep theirs in the first,
/// and those after it have none.
struct ShardGroup {
    Xapian::Database shards;     ///< the group's shards together, to match on
    DictionaryCache dictionary;  ///< read from the shard holding their dictionary
};

/// The shards of a RemoteStub, each opened on its own.
class ShardSet {
  public:

    /// Opens every shard of @p stub it can reach; see missing().
    explicit ShardSet(const RemoteStub& stub);

    /// Every shard reached, as one database.
    const Xapian::Database& all() const { return all_; }

    /// The shards' groups, in stub order.
    const std::vector<ShardGroup>& groups() const { return groups_; }

    /// The shards that could not be reached, by name, and why.
    const std::vector<std::string>& missing() const { return missing_; }
    const std::vector<std::string>& reasons() const { return reasons_; }

  private:
    Xapian::Database all_;
    std::vector<ShardGroup> groups_;
    std::vector<std::string> missing_, reasons_;
};

}  // namespace newsdesk::search
