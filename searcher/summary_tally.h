/** @file
 *  @brief Tallies of facet summaries (schema::encode_facet_summary) into
 *  counts by id and by day: what counting reads, locally (facets.cc) or
 *  from the servers' spies (spied_counts.cc).
 */
#pragma once

#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dictionary_cache.h"
#include "facets.h"
#include "schema.h"

namespace newsdesk::search {

/// Documents per day, as the number YYYYMMDD. Articles indexed together
/// tend to share a day, so the last day's count is kept at hand.
class DayTally {
  public:
    void add(std::uint32_t day, Xapian::doccount documents = 1) {
        if (last_ == nullptr || day != last_day_) {
            last_ = &counts_[day];
            last_day_ = day;
        }
        *last_ += documents;
    }

    DayCounts counts() const {
        DayCounts days;
        for (const auto& [day, count] : counts_) {
            std::string yyyymmdd = std::to_string(day);
            days[std::string(8 - std::min<std::size_t>(8, yyyymmdd.size()), '0') + yyyymmdd] = count;
        }
        return days;
    }

  private:
    std::unordered_map<std::uint32_t, Xapian::doccount> counts_;  // references stay valid as it grows
    std::uint32_t last_day_ = 0;
    Xapian::doccount* last_ = nullptr;
};

/// Counts of facet summaries (schema::encode_facet_summary), each added with
/// the number of documents that have it.
class SummaryTally {
  public:
    /// @p dictionary is the one the summaries' ids come from.
    explicit SummaryTally(const DictionaryCache& dictionary) : last_id_(n_facets()), last_counted_(n_facets()) {
        counts_.facets.resize(n_facets());
        // An id past the last one a dictionary gave is damage, not a value
        // (and must not size the counts: an id can be up to 2^32 - 1).
        for (std::size_t facet = 0; facet < n_facets(); ++facet)
            last_id_[facet] = dictionary.last_id(std::string(schema::facet_fields()[facet]->name));
    }

    void add(std::string_view summary, Xapian::doccount documents) {
        ++summary_;
        schema::decode_facet_summary(
            summary, [&](std::uint32_t day) { if (day != 0) days_.add(day, documents); },
            [&](std::size_t facet, std::uint32_t id) {
                if (id == 0 || id > last_id_[facet]) return;
                IdCounts& facet_counts = counts_.facets[facet];
                std::vector<std::uint32_t>& last = last_counted_[facet];
                if (id >= facet_counts.size()) {
                    facet_counts.resize(id + 1);
                    last.resize(id + 1);
                }
                // An id repeated within one summary counts once (the indexer
                // writes each once; a hand-made database need not).
                if (last[id] == summary_) return;
                last[id] = summary_;
                facet_counts[id] += documents;
            });
    }

    MatchCounts counts() {
        counts_.days = days_.counts();
        return std::move(counts_);
    }

  private:
    static std::size_t n_facets() { return schema::facet_fields().size(); }

    MatchCounts counts_;
    std::vector<std::uint32_t> last_id_;
    /// The summary that last counted each id.
    std::vector<std::vector<std::uint32_t>> last_counted_;
    std::uint32_t summary_ = 0;
    DayTally days_;
};

}  // namespace newsdesk::search
