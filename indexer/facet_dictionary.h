/** @file
 *  @brief Per-facet dictionaries of values, and the facet summary written with them.
 *
 *  A document's facet summary (schema::kFacetSummarySlot) names its facet
 *  values by small integer ids, as Lucene's ordinals do: the stream that
 *  facet counting reads is a third of its size with values spelled out. Each
 *  facet's dictionary lives in the database's metadata, 64 entries to a key
 *  (schema::facet_chunk_key), and grows as new values are indexed; an id,
 *  once given, keeps its value for the life of the database.
 */
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "article.h"
#include "schema.h"

namespace newsdesk {

/// What a document gives facet counting: its day and its distinct facet values.
struct DocumentFacets {
    std::string day;  ///< "YYYYMMDD", or "" when unknown
    std::vector<FacetValue> actors, regions, topics;
    std::vector<FacetValue> languages{};  ///< the article's one language, when known
};

/// The names (schema::name_key) that stand for a value of a facet, besides
/// its label, which always does: the gazetteer's (entities::Extractor::names).
using FacetNames = std::function<std::vector<std::string>(std::string_view facet, const FacetValue& value)>;

/// Gives facet values their ids in one database, the writer's, and records
/// the names that stand for them (schema::facet_name_key), so that a search
/// for "Ukraine" or "Putin" finds the value.
///
/// Dictionary entries and names are written with set_metadata, so they are
/// committed (or lost) together with the documents that use them.
class FacetDictionary {
  public:
    explicit FacetDictionary(Xapian::WritableDatabase& db, FacetNames names = {});

    /// Sets @p doc's facet summary for @p facets: values new to the database
    /// get the next ids, and a value's label is recorded the first time this
    /// dictionary meets the value with one (the last run's label is replaced).
    void add_summary(Xapian::Document& doc, const DocumentFacets& facets);

  private:
    std::uint32_t id_of(std::size_t facet, const FacetValue& v);
    /// Records @p v as the entry of @p id in facet @p facet's dictionary.
    void record(std::size_t facet, std::uint32_t id, const FacetValue& v);
    /// Records the names that stand for @p v (once a run: a gazetteer
    /// edited since the last run gives its new names to the values it meets).
    void record_names(std::size_t facet, const FacetValue& v);

    struct Met {
        std::uint32_t id;
        bool labelled;  ///< a label was recorded by this dictionary
    };

    Xapian::WritableDatabase& db_;
    FacetNames names_;
    std::vector<std::unordered_map<std::string, Met>> met_;  ///< per facet: values met so far
    std::vector<std::uint32_t> last_id_;                     ///< per facet; 0 before the first
    /// Per facet: the chunks read or written so far, by chunk number.
    std::vector<std::unordered_map<std::uint32_t, std::vector<schema::DictionaryEntry>>> chunks_;
};

}  // namespace newsdesk
