/** @file
 *  @brief What an article's text looks like to near-duplicate detection, and
 *  when two articles tell the same story.
 *
 *  An article is the set of its word 4-shingles (every run of four
 *  consecutive words, case folded, numbers included: templated reports such
 *  as "Qtly div 20 cts vs 20 cts prior" differ in their numbers and
 *  company names, and so in their shingles). Two articles are the same story
 *  when one's shingles are mostly the other's and they were sent close in
 *  time (same_story()): a correction, a fuller take, a repost with a
 *  channel's signature. Candidates are found through a sample of each
 *  article's shingles kept as terms (lookup_terms()), and checked exactly.
 */
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"

namespace newsdesk::clusters {

/// Words per shingle. Four keeps sentences' word order (a rewrite of the
/// same facts in other words is another story) while one changed word
/// changes only four shingles of a story.
inline constexpr std::size_t kShingleWords = 4;

struct Fingerprint {
    std::vector<std::uint64_t> shingles;  ///< hashes, sorted, each once
    std::string date;                     ///< "YYYYMMDDHHMMSS", "" when unknown
};

/// The fingerprint of an article's title and body as stored (the body cut
/// where stored.h cuts it, so that the article read back gives the same).
Fingerprint fingerprint(const Article& article);

/// Shingle hashes of @p text, sorted and each once; a text of fewer than
/// kShingleWords words is one shingle, an empty one none.
std::vector<std::uint64_t> shingles_of(std::string_view text);

/// The terms (prefix::kShingle) under which @p fp is found: the shingles
/// whose hash is a multiple of 16, and the two smallest. A multiple of 16 in
/// a story is one in every story holding that shingle, so that a story
/// contained in another shares all its sampled terms with it; the smallest
/// two give short texts, which may have no multiple, terms of their own.
std::vector<std::string> lookup_terms(const Fingerprint& fp);

/// How many terms lookup_terms() gives, without making them.
std::size_t sample_count(const Fingerprint& fp);

/// How much two fingerprints' shingles overlap.
struct Overlap {
    double jaccard = 0;      ///< shared / either's
    double containment = 0;  ///< shared / the smaller's
    std::size_t smaller = 0;  ///< shingles of the smaller
};
Overlap overlap(const Fingerprint& a, const Fingerprint& b);

/// Whether @p a and @p b are the same story re-sent, corrected, expanded or
/// syndicated (not merely on the same topic). See fingerprint.cc for the
/// thresholds and the measurements behind them.
bool same_story(const Fingerprint& a, const Fingerprint& b);

/// False when same_story() must be false for two articles of @p shingles
/// and @p other_shingles shingles (0: unknown) sent at @p seconds and
/// @p other_seconds (dates::seconds_since_epoch(); nullopt: unknown),
/// whatever their texts: the sizes bound the share they can have in common,
/// and the dates rule out all but copies. It spares reading articles back
/// to compare them.
bool may_be_same_story(std::size_t shingles, std::size_t other_shingles, std::optional<std::int64_t> seconds,
                       std::optional<std::int64_t> other_seconds);

}  // namespace newsdesk::clusters
