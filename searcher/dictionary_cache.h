/** @file
 *  @brief A database's facet dictionaries, read as needed and kept while it stays open.
 *
 *  Facet counts are by id (facet_dictionary.h); the dictionary names them.
 *  Each chunk of it is a metadata read: a round trip to the server over
 *  remote shards, where a search that named its facets afresh spent a
 *  dozen round trips on it. A database a searcher holds open does not
 *  change, so what was read stays true until the searcher opens it again,
 *  which makes a new cache.
 */
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "schema.h"

namespace newsdesk::search {

class DictionaryCache {
  public:
    explicit DictionaryCache(Xapian::Database db) : db_(std::move(db)) {}

    /// The entry for @p id (from 1) of facet @p facet, or nullptr when the
    /// dictionary has none. The pointer stays valid as long as the cache.
    const schema::DictionaryEntry* entry(const std::string& facet, std::uint32_t id) const;

    /// The id of @p value in facet @p facet, or 0 when it has none.
    std::uint32_t id(const std::string& facet, const std::string& value) const;

    /// The last id facet @p facet's dictionary gave (0: none).
    std::uint32_t last_id(const std::string& facet) const;

  private:
    Xapian::Database db_;
    // What has been read: lookups do not change what the cache answers.
    mutable std::map<std::pair<std::string, std::uint32_t>, std::vector<schema::DictionaryEntry>> chunks_;
    mutable std::map<std::pair<std::string, std::string>, std::uint32_t> ids_;
    mutable std::map<std::string, std::uint32_t> last_ids_;
};

}  // namespace newsdesk::search
