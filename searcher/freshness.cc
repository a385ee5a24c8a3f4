#include "freshness.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <unordered_set>

#include "dates.h"
#include "schema.h"

namespace newsdesk::search {

namespace {

constexpr double kSecondsPerDay = 86400;

/// An undated article's date, below every real one.
constexpr std::int64_t kNoDate = std::numeric_limits<std::int64_t>::min();

/// The decay of an article dated @p date (seconds, kNoDate for none) at @p now (seconds).
Decay decay_at(std::int64_t date, std::int64_t now, double half_life_days) {
    Decay decay;
    decay.half_life_days = half_life_days;
    if (date == kNoDate) {
        decay.factor = 0;
        return decay;
    }
    decay.age_days = static_cast<double>(date > now ? date - now : now - date) / kSecondsPerDay;
    decay.factor = decay_factor(*decay.age_days, half_life_days);
    return decay;
}

/// A match as fresh_page() orders it.
struct Candidate {
    Xapian::MSet mset;
    Xapian::MSetIterator at;
    double relevance = 0;
    Decay decay;
    /// log(relevance × decay factor): the factor of an article decades old
    /// underflows, its logarithm does not, so such articles still rank by
    /// relevance among themselves. -inf for no relevance or no date.
    double log_score = 0;
    std::int64_t date = kNoDate;  ///< seconds since 1970
};

/// Fresh score first, then the newer article, then the more relevant, then
/// the lower docid (as Xapian breaks ties).
bool fresher(const Candidate& a, const Candidate& b) {
    if (a.log_score != b.log_score) return a.log_score > b.log_score;
    if (a.date != b.date) return a.date > b.date;
    if (a.relevance != b.relevance) return a.relevance > b.relevance;
    return *a.at < *b.at;
}

/// The matches that may reach the page, gathered from one or more match sets.
class Candidates {
  public:
    Candidates(std::int64_t now, double half_life_days) : now_(now), half_life_days_(half_life_days) {}

    /// Adds the documents of @p mset not added before.
    void add(const Xapian::MSet& mset) {
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            if (!seen_.insert(*it).second) continue;
            Candidate c;
            c.mset = mset;
            c.at = it;
            c.relevance = it.get_weight();
            // The date slot: the match sorts by it after relevance, so each item carries it.
            c.date = dates::seconds_since_epoch(it.get_sort_key()).value_or(kNoDate);
            c.decay = decay_at(c.date, now_, half_life_days_);
            c.log_score = c.relevance > 0 && c.decay.age_days
                              ? std::log(c.relevance) - kLog2 * *c.decay.age_days / half_life_days_
                              : -HUGE_VAL;
            all_.push_back(std::move(c));
        }
    }

    /// The @p n-th best log_score (n >= 1), -inf while there are fewer.
    double nth_best(std::size_t n) {
        if (all_.size() < n) return -HUGE_VAL;
        std::nth_element(all_.begin(), all_.begin() + static_cast<std::ptrdiff_t>(n - 1), all_.end(), fresher);
        return all_[n - 1].log_score;
    }

    /// The candidates ranked [@p offset, @p end) by fresh score.
    std::vector<Listed> ranked(std::size_t offset, std::size_t end) {
        end = std::min(end, all_.size());
        std::partial_sort(all_.begin(), all_.begin() + static_cast<std::ptrdiff_t>(end), all_.end(), fresher);
        std::vector<Listed> listed;
        for (std::size_t i = offset; i < end; ++i)
            listed.push_back({all_[i].mset, all_[i].at, all_[i].relevance * all_[i].decay.factor, all_[i].decay});
        return listed;
    }

    static constexpr double kLog2 = 0.69314718055994530942;

  private:
    std::int64_t now_;
    double half_life_days_;
    std::vector<Candidate> all_;
    std::unordered_set<Xapian::docid> seen_;
};

/// Band @p band of ages: band 0 every date less than one half-life old (or
/// in the future), band k ages from 2^(k-1) to 2^k half-lives.
class AgeBand {
  public:
    AgeBand(int band, std::int64_t now, double half_life_seconds) {
        static const std::int64_t kEarliest = *dates::seconds_since_epoch("10000101000000");
        const auto edge = [&](double half_lives) {
            return now - static_cast<std::int64_t>(std::min(half_lives * half_life_seconds, 1e12));
        };
        const std::int64_t oldest = edge(std::ldexp(1.0, band));
        last_ = oldest <= kEarliest;
        if (!last_) older_ = dates::sortable_from_seconds(oldest - 1);
        if (band > 0) younger_ = dates::sortable_from_seconds(edge(std::ldexp(1.0, band - 1)));
    }

    /// @p query's documents of the band's dates, scored as @p query scores them.
    /// The dates left out are cut off with OP_AND_NOT, not kept with
    /// OP_FILTER: under a value-range filter Xapian 1.4 can score a
    /// document otherwise (its posting list reports every document's length
    /// as 0, which an AND of posting lists may pass on to BM25's length
    /// normalisation: 9.11 against 7.71 for one Reuters article under the
    /// proximity and feedback parts of Match::kAuto), and a band must score
    /// as the first match did; an AND_NOT takes its left side's lengths.
    /// Undated articles stay in every band (they score nothing fresh).
    Xapian::Query restrict(const Xapian::Query& query) const {
        std::vector<Xapian::Query> outside;
        if (!older_.empty()) outside.emplace_back(Xapian::Query::OP_VALUE_LE, schema::kDateSlot, older_);
        if (!younger_.empty()) outside.emplace_back(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, younger_);
        if (outside.empty()) return query;
        return Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                             Xapian::Query(Xapian::Query::OP_OR, outside.begin(), outside.end()));
    }

    /// Whether the band reaches back past every date parse() accepts.
    bool last() const { return last_; }

  private:
    std::string older_, younger_;  ///< the last date before the band, the first after it; "" for none
    bool last_ = false;
};

/// Adds to @p found every article of @p enquire's match that might still
/// reach the first @p want by fresh score, band by band of age (fresh_page()).
void add_by_age(Xapian::Enquire& enquire, Candidates& found, Xapian::doccount want, Xapian::doccount depth,
                double max_weight, double least_relevant_seen, std::int64_t now, double half_life_days) {
    const Xapian::Query query = enquire.get_query();
    for (int band = 0;; ++band) {
        // An article of this band has a factor of at most 0.5^youngest, so it
        // needs a relevance of threshold / 0.5^youngest to reach the page.
        const double youngest = band == 0 ? 0 : std::ldexp(1.0, band - 1);
        const auto cutoff = [&] { return std::exp(found.nth_best(want) + Candidates::kLog2 * youngest); };
        double needed = cutoff();
        // Articles at least as relevant as every one seen were all seen: the
        // first match took them, in every band.
        if (needed > max_weight || needed > least_relevant_seen) break;
        const AgeBand in_band(band, now, half_life_days * kSecondsPerDay);
        enquire.set_query(in_band.restrict(query));
        enquire.set_cutoff(0, needed);
        const Xapian::MSet best = enquire.get_mset(0, depth);
        found.add(best);
        // The band's best raised the page's threshold: its other articles
        // need that much (within a band, factors differ by half at most).
        if (best.size() == depth && !(best[depth - 1].get_weight() < (needed = cutoff()))) {
            enquire.set_cutoff(0, needed);
            found.add(enquire.get_mset(0, kFreshMaximumCandidates));
        }
        if (in_band.last()) break;
    }
    enquire.set_query(query);
    enquire.set_cutoff(0, 0);
}

/// A query that weighs nothing (filters alone) has no relevance to decay:
/// newest first (newest.h).
RankedPage newest_first(Xapian::Enquire& enquire, const NewestListing& listing, unsigned offset, unsigned limit,
                        std::int64_t now, double half_life_days) {
    RankedPage page = newest_page(enquire, listing, offset, limit);
    for (Listed& entry : page.listed) {
        const std::int64_t date = dates::seconds_since_epoch(entry.at.get_sort_key()).value_or(kNoDate);
        entry.decay = decay_at(date, now, half_life_days);
    }
    return page;
}

}  // namespace

double decay_factor(double age_days, double half_life_days) { return std::exp2(-age_days / half_life_days); }

Decay decay_of(std::string_view date, std::string_view now, double half_life_days) {
    return decay_at(dates::seconds_since_epoch(date).value_or(kNoDate), dates::seconds_since_epoch(now).value_or(0),
                    half_life_days);
}

// Exact, and cheap when the best matches are fresh enough. The first match
// takes the best `depth` matches by relevance, each with its date (read
// from the value stream in docid order as Xapian matches). A decay factor is
// at most 1, so no article scores more fresh than relevant: once the least
// relevant of them is below the n-th best fresh score among them (n =
// offset + limit), no article left out can reach the page. Otherwise the
// rest is searched by bands of age, newest first: one half-life, then 1-2,
// 2-4, 4-8 half-lives..., each a match of the band's dates with a weight
// cutoff (which Xapian's matcher prunes by) of the n-th best fresh score so
// far divided by the band's largest factor, first for its best `depth`
// articles, then, if it has more, for those that reach the cutoff those
// raised. The cutoff grows as the page fills and the bands age, and the
// search stops at the first band whose cutoff no article reaches, or that
// the first match covered: in an archive whose articles are all many
// half-lives old that is a band or two of a few hundred articles, not every
// match. A band's second match takes at most kFreshMaximumCandidates.
RankedPage fresh_page(Xapian::Enquire& enquire, const NewestListing& listing, unsigned offset, unsigned limit,
                      const std::string& now, double half_life_days) {
    const Xapian::doccount want = offset + limit;
    RankedPage page;
    if (want == 0) {  // totals and facets only
        page.ranked = enquire.get_mset(0, 0);
        return page;
    }
    const std::int64_t clock = dates::seconds_since_epoch(now).value_or(0);
    const double max_weight = enquire.get_mset(0, 0).get_max_possible();
    if (max_weight <= 0) return newest_first(enquire, listing, offset, limit, clock, half_life_days);
    const Xapian::doccount depth =
        std::min(kFreshMaximumCandidates, std::max(want * kFreshDepthPerHit, kFreshMinimumDepth));
    enquire.set_sort_by_relevance_then_value(schema::kDateSlot, true);
    page.ranked = enquire.get_mset(0, depth);
    Candidates found(clock, half_life_days);
    found.add(page.ranked);
    if (page.ranked.size() == depth) {
        const double least_relevant = page.ranked[depth - 1].get_weight();
        add_by_age(enquire, found, want, depth, max_weight, least_relevant, clock, half_life_days);
    }
    page.listed = found.ranked(offset, want);
    return page;
}

}  // namespace newsdesk::search
