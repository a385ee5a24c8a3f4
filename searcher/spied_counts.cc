// Facet counts over remote shards (facets.h): the servers' spies count the
// matches' summaries; the searcher splits them into ids, and checks the
// filters that multi-select leaves out of the match.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "facets.h"
#include "schema.h"
#include "summary_tally.h"

namespace newsdesk::search {

SpiedCounts spy_counts(const std::vector<ShardGroup>& groups, const Xapian::Query& query, double time_limit_seconds,
                       DatabaseReader& reader) {
    return spy_multi_select(groups, query, {}, time_limit_seconds, reader).all;
}

MultiSelectCounts spy_multi_select(const std::vector<ShardGroup>& groups, const Xapian::Query& query,
                                   const std::vector<SummaryFilter>& filters, double time_limit_seconds,
                                   DatabaseReader& reader) {
    MultiSelectCounts out;
    out.without.resize(filters.size());
    const Xapian::Query carried = reader.carrying(query);
    std::vector<std::size_t> facet_of;
    for (const SummaryFilter& filter : filters) facet_of.push_back(static_cast<std::size_t>(schema::facet_index(filter.facet)));
    std::vector<Xapian::MSet> matches;
    for (const ShardGroup& group : groups) {
        Xapian::Enquire enquire(group.shards);
        enquire.set_query(carried);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        if (time_limit_seconds > 0) enquire.set_time_limit(time_limit_seconds);
        // Xapian's own spy, so that a stock xapian-tcpsrv runs it next to
        // the shard and sends back each distinct summary once, with the
        // number of matches that have it.
        Xapian::ValueCountMatchSpy summaries(schema::kFacetSummarySlot);
        enquire.add_matchspy(&summaries);
        matches.push_back(enquire.get_mset(0, 0, group.shards.get_doccount()));
        // Each filter's values as this group's dictionary numbers them.
        std::vector<std::vector<std::uint32_t>> allowed(filters.size());
        for (std::size_t i = 0; i < filters.size(); ++i) {
            for (const auto& value : filters[i].values)
                if (const std::uint32_t id = group.dictionary.id(filters[i].facet, value)) allowed[i].push_back(id);
            std::sort(allowed[i].begin(), allowed[i].end());
        }
        SummaryTally all(group.dictionary);
        std::vector<SummaryTally> without(filters.size(), all);
        Xapian::doccount all_total = 0, summarised = 0;
        std::vector<Xapian::doccount> without_total(filters.size(), 0);
        std::vector<bool> passes(filters.size());
        for (auto it = summaries.values_begin(); it != summaries.values_end(); ++it) {
            const std::string summary = *it;
            const Xapian::doccount documents = it.get_termfreq();
            summarised += documents;
            std::fill(passes.begin(), passes.end(), false);
            schema::decode_facet_summary(summary, [](std::uint32_t) {}, [&](std::size_t facet, std::uint32_t id) {
                for (std::size_t i = 0; i < filters.size(); ++i)
                    if (facet == facet_of[i] && std::binary_search(allowed[i].begin(), allowed[i].end(), id)) passes[i] = true;
            });
            const auto failed = static_cast<std::size_t>(std::count(passes.begin(), passes.end(), false));
            if (failed == 0) all.add(summary, documents), all_total += documents;
            for (std::size_t i = 0; i < filters.size(); ++i)
                if (failed == 0 || (failed == 1 && !passes[i])) without[i].add(summary, documents), without_total[i] += documents;
        }
        // Matches without a summary pass no filter: the spy counts them in
        // its total only, which is a count's total when nothing is checked.
        const Xapian::doccount unsummarised = static_cast<Xapian::doccount>(summaries.get_total()) - summarised;
        out.all.total += all_total + (filters.empty() ? unsummarised : 0);
        out.all.groups.push_back({all.counts(), &group.dictionary});
        for (std::size_t i = 0; i < filters.size(); ++i) {
            out.without[i].total += without_total[i] + (filters.size() == 1 ? unsummarised : 0);
            out.without[i].groups.push_back({without[i].counts(), &group.dictionary});
        }
    }
    reader.learn(matches);
    return out;
}

DayCounts SpiedCounts::days() const {
    DayCounts days;
    for (const auto& group : groups)
        for (const auto& [day, count] : group.counts.days) days[day] += count;
    return days;
}

}  // namespace newsdesk::search
