#include "facets.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <iterator>
#include <numeric>
#include <optional>
#include <unordered_map>
#include <vector>

#include "schema.h"
#include "summary_tally.h"

namespace newsdesk::search {

namespace {

enum class Bucket { kYear, kMonth, kDay };

int number(const std::string& digits, std::size_t pos, std::size_t len) {
    return std::stoi(digits.substr(pos, len));
}

std::chrono::year_month_day to_date(const std::string& yyyymmdd) {
    using namespace std::chrono;
    return year_month_day(year(number(yyyymmdd, 0, 4)), month(static_cast<unsigned>(number(yyyymmdd, 4, 2))),
                          day(static_cast<unsigned>(number(yyyymmdd, 6, 2))));
}

std::chrono::sys_days to_days(const std::string& yyyymmdd) { return std::chrono::sys_days(to_date(yyyymmdd)); }

/// Wide spans get coarse buckets, so a histogram has a readable number of
/// bars: over 3 years by year (one bar per year), over 3 months by month
/// (at most 36 bars), else by day (at most 92).
Bucket bucket_for(const std::string& first, const std::string& last) {
    auto span = (to_days(last) - to_days(first)).count();
    if (span > 3 * 366) return Bucket::kYear;
    if (span > 92) return Bucket::kMonth;
    return Bucket::kDay;
}

/// "1987", "1987-03", "1987-03-02" for the bucket holding day @p yyyymmdd.
std::string bucket_value(const std::string& yyyymmdd, Bucket bucket) {
    std::string value = yyyymmdd.substr(0, 4);
    if (bucket == Bucket::kYear) return value;
    value += "-" + yyyymmdd.substr(4, 2);
    if (bucket == Bucket::kMonth) return value;
    return value + "-" + yyyymmdd.substr(6, 2);
}

/// "1987", "March 1987", "2 March 1987".
std::string bucket_label(const std::string& value) {
    static const std::array<const char*, 12> months = {"January", "February", "March",     "April",   "May",      "June",
                                                       "July",    "August",   "September", "October", "November", "December"};
    if (value.size() == 4) return value;
    std::string label = std::string(months[number(value, 5, 2) - 1]) + " " + value.substr(0, 4);
    if (value.size() == 7) return label;
    return std::to_string(number(value, 8, 2)) + " " + label;
}

bool is_day(const std::string& text) {
    return text.size() == 8 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
           to_date(text).ok();
}

/// Calls @p each with the value in @p slot of each document of @p ids
/// (ascending) that has one. One pass along the slot's value stream: skip_to
/// moves within the current chunk and looks a chunk up only on leaving it.
template <typename Fn>
void for_each_value(const Xapian::Database& db, Xapian::valueno slot, const std::vector<Xapian::docid>& ids, Fn&& each) {
    auto it = db.valuestream_begin(slot);
    const auto end = db.valuestream_end(slot);
    for (Xapian::docid id : ids) {
        if (it == end) return;
        if (it.get_docid() < id) {
            it.skip_to(id);
            if (it == end) return;
        }
        if (it.get_docid() == id) each(*it);
    }
}

/// The facet value of boolean term @p term, whose prefix is @p prefix_size
/// bytes (schema::boolean_term's inverse); nullopt for a term of a longer
/// prefix that starts the same way ("XSEC..." under "XS").
std::optional<std::string> facet_value(const std::string& term, std::size_t prefix_size) {
    std::string value = term.substr(prefix_size);
    if (value.size() > 1 && value[0] == ':' && value[1] >= 'A' && value[1] <= 'Z') return value.substr(1);
    if (value.empty() || (value[0] >= 'A' && value[0] <= 'Z') || value[0] == ':') return std::nullopt;
    return value;
}

/// The label of @p entry, or its value when it has none.
std::string label_or_value(const schema::DictionaryEntry& entry) {
    return entry.label.empty() ? entry.value : entry.label;
}

/// Cuts @p ranked, (key, count) pairs, to the @p limit (0: all) with the
/// highest counts, ties to the lower key, in that order.
template <typename Key>
void keep_most_frequent(std::vector<std::pair<Key, Xapian::doccount>>& ranked, unsigned limit) {
    const std::size_t keep = limit == 0 ? ranked.size() : std::min<std::size_t>(limit, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end(),
                      [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    ranked.resize(keep);
}

/// Orders facet values as they are shown: most documents first, ties by value.
void sort_for_display(std::vector<FacetCount>& values) {
    std::sort(values.begin(), values.end(), [](const FacetCount& a, const FacetCount& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
}

using Ids = std::vector<Xapian::docid>;

/// Whether every id from 1 to the last one is a document: no article was
/// ever deleted. Then the ids of every document need no reading.
bool ids_have_no_gaps(const Xapian::Database& db) { return db.get_lastdocid() == db.get_doccount(); }

Ids postings(const Xapian::Database& db, const std::string& term) {
    Ids ids;
    if (term.empty() && ids_have_no_gaps(db)) {
        ids.resize(db.get_doccount());
        std::iota(ids.begin(), ids.end(), Xapian::docid{1});
        return ids;
    }
    ids.reserve(db.get_termfreq(term));
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) ids.push_back(*it);
    return ids;
}

/// The documents of @p db that are not in @p ids (ascending). Reading the
/// ids of every document took 4 ms of a 25 ms search at 216k articles,
/// where their numbers alone say what they are.
Ids all_but(const Xapian::Database& db, const Ids& ids) {
    Ids out;
    if (!ids_have_no_gaps(db)) {
        std::set_difference(db.postlist_begin(""), db.postlist_end(""), ids.begin(), ids.end(), std::back_inserter(out));
        return out;
    }
    const Xapian::docid last = db.get_lastdocid();
    out.reserve(last - std::min<std::size_t>(last, ids.size()));
    auto next = ids.begin();
    for (Xapian::docid did = 1; did <= last; ++did) {
        if (next != ids.end() && *next == did) ++next;
        else out.push_back(did);
    }
    return out;
}

/// The ids matching @p query, ascending, worked out from posting lists when
/// @p query only joins terms with boolean operators; nullopt for anything
/// else (phrases, NEAR, wildcards, value ranges, XOR, elite sets), which
/// Xapian's matcher works out. Its matcher spends about 600 instructions a
/// match on a query it need not rank (4.4M for 'year' on Reuters), reading
/// a posting list about 40.
std::optional<Ids> boolean_ids(const Xapian::Database& db, const Xapian::Query& query) {
    using Q = Xapian::Query;
    const std::size_t n = query.get_num_subqueries();
    // The children's ids, folded together with @p join; nullopt if any has none.
    auto fold = [&](auto join) -> std::optional<Ids> {
        std::optional<Ids> ids = boolean_ids(db, query.get_subquery(0));
        for (std::size_t i = 1; ids && i < n; ++i) {
            std::optional<Ids> next = boolean_ids(db, query.get_subquery(i));
            if (!next) return std::nullopt;
            Ids joined;
            join(*ids, *next, std::back_inserter(joined));
            ids = std::move(joined);
        }
        return ids;
    };
    switch (query.get_type()) {
        case Q::LEAF_TERM:
            return postings(db, *query.get_terms_begin());
        case Q::LEAF_MATCH_ALL:
            return postings(db, "");
        case Q::LEAF_MATCH_NOTHING:
            return Ids{};
        case Q::OP_SCALE_WEIGHT:
        case Q::OP_AND_MAYBE:  // matches what its first part matches
            return boolean_ids(db, query.get_subquery(0));
        case Q::OP_OR:
        case Q::OP_SYNONYM:
        case Q::OP_MAX:
            return fold([](const Ids& a, const Ids& b, auto out) { std::set_union(a.begin(), a.end(), b.begin(), b.end(), out); });
        case Q::OP_AND:
        case Q::OP_FILTER:
            return fold([](const Ids& a, const Ids& b, auto out) {
                std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), out);
            });
        case Q::OP_AND_NOT:
            return fold([](const Ids& a, const Ids& b, auto out) {
                std::set_difference(a.begin(), a.end(), b.begin(), b.end(), out);
            });
        default:
            return std::nullopt;
    }
}

}  // namespace

void MatchedDocs::operator()(const Xapian::Document& doc, double) {
    ids_.push_back(doc.get_docid());
}

const std::vector<Xapian::docid>& MatchedDocs::ids() {
    // The matcher visits documents in id order; sorting is a safeguard.
    if (!std::is_sorted(ids_.begin(), ids_.end())) std::sort(ids_.begin(), ids_.end());
    return ids_;
}

std::vector<Xapian::docid> matching_ids(const Xapian::Database& db, const Xapian::Query& query, double time_limit_seconds,
                                        bool* complete) {
    bool ignored;
    bool& whole = complete ? *complete : ignored;
    whole = true;
    // Posting lists are read whole, so only where no time limit is wanted
    // (time_limit_for: a query that reads few postings, or none asked for).
    if (time_limit_seconds <= 0)
        if (auto ids = boolean_ids(db, query)) return std::move(*ids);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    if (time_limit_seconds > 0) enquire.set_time_limit(time_limit_seconds);
    if (db.size() > 1) {
        // A match spy is handed each shard's documents with the shard's own
        // docids (Xapian 1.4); the match set has the whole's.
        Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
        whole = all.get_matches_lower_bound() == all.get_matches_upper_bound();
        std::vector<Xapian::docid> ids(all.begin(), all.end());
        std::sort(ids.begin(), ids.end());
        return ids;
    }
    MatchedDocs matched;
    enquire.add_matchspy(&matched);
    const Xapian::MSet counted = enquire.get_mset(0, 0, db.get_doccount());
    whole = counted.get_matches_lower_bound() == counted.get_matches_upper_bound();
    return matched.ids();
}

namespace {

/// Takes @p count documents away from @p key's count in @p counts (a count
/// over the whole index), dropping a key left with none.
template <typename Counts>
void take_away(Counts& counts, const typename Counts::key_type& key, Xapian::doccount count) {
    auto it = counts.find(key);
    if (it == counts.end()) return;
    it->second -= std::min(it->second, count);
    if (it->second == 0) counts.erase(it);
}

}  // namespace

LocalCounts::LocalCounts(const Xapian::Database& db, const Xapian::Query& query, double time_limit_seconds,
                         const DictionaryCache& dictionary, unsigned facet_limit, const schema::FacetColumn* column)
    : db_(&db), dictionary_(&dictionary) {
    bool complete = false;
    ids_ = matching_ids(db, query, time_limit_seconds, &complete);
    total_ = static_cast<Xapian::doccount>(ids_.size());
    // A match a time limit stopped early says nothing of what it left out.
    if (complete && facet_limit > 0 && 2 * static_cast<std::uint64_t>(total_) > db.get_doccount()) {
        ids_ = all_but(db, ids_);
        left_out_ = true;
    }
    counts_ = count_matches(db, ids_, dictionary, column);
}

bool LocalCounts::matches(Xapian::docid did) const {
    return std::binary_search(ids_.begin(), ids_.end(), did) != left_out_;
}

Facet LocalCounts::facet(const std::string& name, unsigned limit) const {
    const IdCounts& counts = counts_.facets[static_cast<std::size_t>(schema::facet_index(name))];
    if (!left_out_) return id_facet(name, counts, *dictionary_, limit);
    ValueCounts matched = count_values(*db_, *schema::find_field(name));
    for (std::uint32_t id = 0; id < counts.size(); ++id) {
        if (counts[id] == 0) continue;
        if (const schema::DictionaryEntry* entry = dictionary_->entry(name, id)) take_away(matched, entry->value, counts[id]);
    }
    return value_facet(name, matched, {dictionary_}, limit);
}

DayCounts LocalCounts::days() const {
    if (!left_out_) return counts_.days;
    DayCounts matched = count_days(*db_);
    for (const auto& [day, count] : counts_.days) take_away(matched, day, count);
    return matched;
}

MatchCounts count_matches(const Xapian::Database& db, const std::vector<Xapian::docid>& ids,
                          const DictionaryCache& dictionary, const schema::FacetColumn* column) {
    SummaryTally tally(dictionary);
    if (column) {
        for (Xapian::docid id : ids) {
            if (const auto summary = column->summary(id)) tally.add(*summary, 1);
            else tally.add(db.get_document(id).get_value(schema::kFacetSummarySlot), 1);  // a damaged file
        }
        return tally.counts();
    }
    for_each_value(db, schema::kFacetSummarySlot, ids, [&](const std::string& summary) { tally.add(summary, 1); });
    return tally.counts();
}

ValueCounts count_values(const Xapian::Database& db, const schema::Field& field) {
    ValueCounts counts;
    std::string prefix(field.prefix);
    for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
        auto value = facet_value(*term, prefix.size());
        if (value) counts[*value] = term.get_termfreq();
    }
    return counts;
}

DayCounts count_days(const Xapian::Database& db) {
    DayCounts days;
    std::string prefix(schema::prefix::kDay);
    for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
        std::string day = (*term).substr(prefix.size());
        if (is_day(day)) days[day] = term.get_termfreq();
    }
    return days;
}

Facet id_facet(const std::string& name, const IdCounts& counts, const DictionaryCache& dictionary, unsigned limit) {
    std::vector<std::pair<std::uint32_t, Xapian::doccount>> ranked;
    for (std::uint32_t id = 0; id < counts.size(); ++id)
        if (counts[id] > 0) ranked.emplace_back(id, counts[id]);
    if (limit > 0 && ranked.size() > limit) {
        // Every value as frequent as the last one that fits is named, so
        // that ties are broken by value, as merged counts are: which values
        // are shown does not depend on how a database numbered them.
        auto more_frequent = [](const auto& a, const auto& b) { return a.second > b.second; };
        std::nth_element(ranked.begin(), ranked.begin() + (limit - 1), ranked.end(), more_frequent);
        const Xapian::doccount cut = ranked[limit - 1].second;
        ranked.erase(std::remove_if(ranked.begin(), ranked.end(), [&](const auto& e) { return e.second < cut; }),
                     ranked.end());
    }
    // Looked up in id order: neighbouring chunks share the metadata's blocks.
    std::sort(ranked.begin(), ranked.end());
    Facet facet{name, {}};
    for (const auto& [id, count] : ranked)
        if (const auto* entry = dictionary.entry(name, id))
            facet.values.push_back({entry->value, label_or_value(*entry), count, entry->parent});
    sort_for_display(facet.values);
    if (limit > 0 && facet.values.size() > limit) facet.values.resize(limit);
    return facet;
}

Facet value_facet(const std::string& name, const ValueCounts& counts,
                  const std::vector<const DictionaryCache*>& dictionaries, unsigned limit) {
    std::vector<std::pair<std::string, Xapian::doccount>> ranked(counts.begin(), counts.end());
    keep_most_frequent(ranked, limit);
    Facet facet{name, {}};
    for (const auto& [value, count] : ranked) {
        const schema::DictionaryEntry* entry = nullptr;
        for (std::size_t i = 0; i < dictionaries.size() && !entry; ++i)
            entry = dictionaries[i]->entry(name, dictionaries[i]->id(name, value));
        facet.values.push_back({value, entry ? label_or_value(*entry) : value, count, entry ? entry->parent : ""});
    }
    return facet;
}

Facet spied_facet(const std::string& name, std::size_t index, const SpiedCounts& spied, unsigned limit) {
    if (spied.groups.size() == 1)
        return id_facet(name, spied.groups.front().counts.facets[index], *spied.groups.front().dictionary, limit);
    // Each dictionary numbers the values its own way: merged by value, every
    // counted id named.
    std::unordered_map<std::string, FacetCount> merged;
    for (const auto& group : spied.groups) {
        const IdCounts& counts = group.counts.facets[index];
        for (std::uint32_t id = 0; id < counts.size(); ++id) {
            if (counts[id] == 0) continue;
            const auto* entry = group.dictionary->entry(name, id);
            if (!entry) continue;
            auto [it, added] = merged.try_emplace(entry->value, FacetCount{entry->value, label_or_value(*entry), 0, entry->parent});
            it->second.count += counts[id];
        }
    }
    std::vector<std::pair<std::string, Xapian::doccount>> ranked;
    for (const auto& [value, count] : merged) ranked.emplace_back(value, count.count);
    keep_most_frequent(ranked, limit);
    Facet facet{name, {}};
    for (const auto& [value, count] : ranked) facet.values.push_back(merged.at(value));
    sort_for_display(facet.values);
    return facet;
}

Facet date_facet(const DayCounts& all_days) {
    Facet facet{std::string(schema::kDateFacet), {}};
    std::vector<std::pair<std::string, Xapian::doccount>> days;
    for (const auto& day : all_days)
        if (is_day(day.first)) days.push_back(day);
    if (days.empty()) return facet;
    Bucket bucket = bucket_for(days.front().first, days.back().first);
    for (const auto& [day, count] : days) {
        std::string value = bucket_value(day, bucket);
        if (facet.values.empty() || facet.values.back().value != value)
            facet.values.push_back({value, bucket_label(value), 0});
        facet.values.back().count += count;
    }
    return facet;
}

}  // namespace newsdesk::search
