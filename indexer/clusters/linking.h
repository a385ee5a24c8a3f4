/** @file
 *  @brief What the two ways of finding an article's story share: which
 *  candidates are worth comparing, and one comparison per cluster.
 *
 *  StoryClusters finds candidates through the database (an incremental run
 *  meets articles of every earlier run); ParallelClusters through the
 *  articles a parallel build dealt last, in memory. Both choose and compare
 *  them by the same rules, here.
 */
#pragma once

#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "fingerprint.h"

namespace newsdesk::clusters::linking {

/// A sampled shingle in more articles than this is boilerplate (a channel's
/// signature, "the company said it"): it finds no candidates. The stories a
/// shingle of a real story is repeated in are a handful; the largest
/// cluster of the Telegram channels, one promotional post, has 41.
inline constexpr Xapian::doccount kMaxPostings = 64;
/// Candidates checked per article, those sharing most sampled shingles first.
inline constexpr std::size_t kMaxCandidates = 32;
/// A candidate indexed in this run is read back and compared only when it
/// shares this share of the sampled shingles of the smaller of the two: a
/// near-duplicate holds four fifths of the smaller's shingles
/// (fingerprint.cc), so that, sampling noise allowed for, it shares more
/// than half of its samples. Most candidates share a shingle or two by
/// chance ("said it expects to"): on Reuters, 226,000 candidates, of which
/// 41,000 are compared. Articles of earlier runs, whose counts are not
/// known here, are all compared: an incremental run's few articles meet few.
inline constexpr double kMinSampleShare = 0.4;

/// A document worth comparing, and how many sampled shingles it shares.
using Candidate = std::pair<Xapian::docid, unsigned>;

/// The documents of @p shared (document -> sampled shingles shared) worth
/// comparing with one that looked up @p looked_up shingles, most shared
/// first; @p samples_of(did) is how many a document has (0: not known).
template <typename SamplesOf>
std::vector<Candidate> worth_comparing(const std::unordered_map<Xapian::docid, unsigned>& shared, std::size_t looked_up,
                                       SamplesOf&& samples_of) {
    std::vector<Candidate> candidates;
    for (const auto& [did, n] : shared) {
        const std::size_t smaller = std::min(looked_up, static_cast<std::size_t>(samples_of(did)));
        if (n >= std::max<std::size_t>(1, static_cast<std::size_t>(std::floor(kMinSampleShare * static_cast<double>(smaller)))))
            candidates.emplace_back(did, n);
    }
    std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (candidates.size() > kMaxCandidates) candidates.resize(kMaxCandidates);
    return candidates;
}

/// Those of @p candidates that are the same story as @p fp, each with its
/// cluster's key (@p key_of; an empty key is no cluster): one of each
/// cluster at most, since one link to a cluster is enough to join it (a
/// story repeated 40 times is one comparison, not 40).
template <typename KeyOf, typename FingerprintOf>
auto same_stories(const Fingerprint& fp, const std::vector<Candidate>& candidates, KeyOf&& key_of,
                  FingerprintOf&& fingerprint_of) {
    using Key = std::decay_t<decltype(key_of(Xapian::docid{}))>;
    std::vector<std::pair<Xapian::docid, Key>> found;
    std::unordered_set<Key> joined;
    for (const auto& [did, n] : candidates) {
        Key key = key_of(did);
        if (key != Key{} && joined.contains(key)) continue;
        if (!same_story(fp, fingerprint_of(did))) continue;
        if (key != Key{}) joined.insert(key);
        found.emplace_back(did, std::move(key));
    }
    return found;
}

}  // namespace newsdesk::clusters::linking
