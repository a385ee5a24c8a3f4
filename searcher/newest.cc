#include "newest.h"

#include <optional>

#include "schema.h"

namespace newsdesk::search {

namespace {

/// Each band of months is this many times the last: a few probes reach
/// back over decades.
constexpr std::size_t kBandGrowth = 4;

/// @p query restricted to its matches of the newest months that hold at
/// least @p want of them (stories, where @p collapse_key says so), or
/// nullopt when only every month together does.
std::optional<Xapian::Query> newest_band(const Xapian::Database& db, const Xapian::Query& query,
                                         const std::vector<std::string>& months, Xapian::doccount want,
                                         Xapian::valueno collapse_key) {
    for (std::size_t take = 1; take < months.size(); take *= kBandGrowth) {
        const auto first = months.end() - static_cast<std::ptrdiff_t>(take);
        const Xapian::Query band(Xapian::Query::OP_FILTER, query,
                                 Xapian::Query(Xapian::Query::OP_OR, first, months.end()));
        Xapian::Enquire probe(db);
        probe.set_query(band);
        probe.set_weighting_scheme(Xapian::BoolWeight());
        // A story listed once is listed by its newest article, which a band
        // of the newest months holds whenever it holds any of them.
        if (collapse_key != Xapian::BAD_VALUENO) probe.set_collapse_key(collapse_key);
        if (probe.get_mset(0, 0, want).get_matches_lower_bound() >= want) return band;
    }
    return std::nullopt;
}

/// The whole of @p enquire's query, for its totals: with @p exact, exact
/// as sorting all of it made them. Xapian's estimates are, when its terms'
/// frequencies settle them (every article, a filter); otherwise its matches
/// are counted, by posting lists alone.
Xapian::MSet whole_match(const Xapian::Database& db, Xapian::Enquire& enquire, bool exact) {
    Xapian::MSet quick = enquire.get_mset(0, 0);
    if (!exact || quick.get_uncollapsed_matches_lower_bound() == quick.get_uncollapsed_matches_upper_bound())
        return quick;
    Xapian::Enquire count(db);
    count.set_query(enquire.get_query());
    count.set_weighting_scheme(Xapian::BoolWeight());
    return count.get_mset(0, 0, db.get_doccount());
}

}  // namespace

std::vector<std::string> month_terms(const Xapian::Database& db) {
    std::vector<std::string> months;
    const std::string prefix(schema::prefix::kMonth);
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
        const std::string term = *it;
        if (term.size() == prefix.size() + 6) months.push_back(term);  // "M" + YYYYMM
    }
    return months;
}

RankedPage newest_page(Xapian::Enquire& enquire, const NewestListing& listing, unsigned offset, unsigned limit) {
    enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);
    RankedPage page;
    const Xapian::Query query = enquire.get_query();
    const std::optional<Xapian::Query> band =
        limit == 0 ? std::nullopt
                   : newest_band(listing.db, query, listing.months, offset + limit, listing.collapse_key);
    if (!band) {
        page.ranked = enquire.get_mset(offset, limit);
        page.listed = listed_in_order(page.ranked);
        return page;
    }
    enquire.set_query(*band);
    const Xapian::MSet listed = enquire.get_mset(offset, limit);
    enquire.set_query(query);
    page.ranked = whole_match(listing.db, enquire, listing.exact_totals);
    page.listed = listed_in_order(listed);
    return page;
}

}  // namespace newsdesk::search
