#include "fingerprint.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "dates.h"
#include "schema.h"
#include "stored.h"

namespace newsdesk::clusters {

namespace {

// The thresholds below were read off every pair of Reuters-21578 stories and
// of the Telegram posts (../shared/corpora) that share a rare shingle, by
// reading samples of pairs at each level of overlap:
//  - stories sharing four fifths of the smaller one's shingles within a few
//    days were re-sends, corrections, fuller takes and reposts with a
//    channel's signature; below that, and at any overlap weeks apart, they
//    were recurring reports (the Fed's weekly figures, a daily price table,
//    "Qtly div five cts vs five cts prior" for another company);
//  - a headline alone (under 20 shingles) differs from another company's
//    in a word or two ("CHEMICAL BANK CUTS PRIME RATE TO 9.25 PCT" against
//    MARINE MIDLAND's, overlap 0.79): short texts must match nearly word for
//    word, and within hours (the Fed's identical daily flash, a day apart,
//    is another day's operation);
//  - a long text repeated word for word is a copy whenever it is sent (a
//    channel reposting last month's post).

/// Fewer shingles than this say too little to match anything ("Photo").
constexpr std::size_t kMinShingles = 5;
/// Below this many shingles a text is a headline or a line.
constexpr std::size_t kShortText = 20;
constexpr double kShortJaccard = 0.85;
constexpr double kShortWindowSeconds = 12 * 3600;
/// Share of the smaller story found in the larger, within kWindowSeconds.
constexpr double kContainment = 0.8;
/// ... and of both together: a one-line item inside a long digest is not the digest's story.
constexpr double kMinJaccard = 0.25;
constexpr double kWindowSeconds = 3 * 86400;
/// A copy at any distance in time: this much alike, and this long.
constexpr double kCopyJaccard = 0.9;
constexpr std::size_t kCopyMinShingles = 40;

/// Sampled shingles: one in kSampleModulus.
constexpr std::uint64_t kSampleModulus = 16;
constexpr std::size_t kSmallestKept = 2;

std::uint64_t rotl(std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

/// splitmix64's finaliser: every bit of a shingle's hash depends on every word.
std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/// Case-folded words of @p text, as hashes (FNV-1a over the folded
/// characters: every article is fingerprinted, so ASCII, most of the text
/// of most archives, is folded without Unicode's tables).
std::vector<std::uint64_t> word_hashes(std::string_view text) {
    constexpr std::uint64_t kBasis = 0xcbf29ce484222325ULL, kPrime = 0x100000001b3ULL;
    std::vector<std::uint64_t> words;
    std::uint64_t h = kBasis;
    bool in_word = false;
    auto end_word = [&] {
        if (in_word) words.push_back(h);
        h = kBasis;
        in_word = false;
    };
    for (Xapian::Utf8Iterator it(text.data(), text.size()), end; it != end; ++it) {
        unsigned ch = *it;
        bool word_char;
        if (ch < 0x80) {
            word_char = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || (ch >= 'A' && ch <= 'Z');
            if (ch >= 'A' && ch <= 'Z') ch += 'a' - 'A';
        } else {
            word_char = Xapian::Unicode::is_wordchar(ch);
            if (word_char) ch = Xapian::Unicode::tolower(ch);
        }
        if (!word_char) {
            end_word();
            continue;
        }
        h = (h ^ ch) * kPrime;
        in_word = true;
    }
    end_word();
    return words;
}

/// Seconds between two dates; nullopt when either is unknown.
std::optional<double> apart(const std::string& a, const std::string& b) {
    if (a.empty() || b.empty()) return std::nullopt;
    auto seconds = dates::seconds_between(a, b);
    if (!seconds) return std::nullopt;
    return std::fabs(*seconds);
}

/// same_story()'s rules, for two texts the smaller of which has @p smaller
/// shingles, sharing @p jaccard and @p containment of them; @p within(s)
/// says whether they were sent at most s seconds apart. Each rule only asks
/// for more sharing, so that bounds on the shares give a necessary
/// condition (may_be_same_story()).
template <typename Within>
bool story_rules(std::size_t smaller, double jaccard, double containment, Within&& within) {
    if (smaller < kMinShingles) return false;
    if (smaller < kShortText) return jaccard >= kShortJaccard && within(kShortWindowSeconds);
    if (jaccard >= kCopyJaccard && smaller >= kCopyMinShingles) return true;
    return containment >= kContainment && jaccard >= kMinJaccard && within(kWindowSeconds);
}

}  // namespace

std::vector<std::uint64_t> shingles_of(std::string_view text) {
    const std::vector<std::uint64_t> words = word_hashes(text);
    std::vector<std::uint64_t> shingles;
    const std::size_t n = words.size() < kShingleWords ? (words.empty() ? 0 : 1) : words.size() - kShingleWords + 1;
    shingles.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        std::uint64_t h = 0;
        for (std::size_t j = i; j < std::min(i + kShingleWords, words.size()); ++j) h = rotl(h, 17) ^ words[j];
        shingles.push_back(mix(h));
    }
    std::sort(shingles.begin(), shingles.end());
    shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
    return shingles;
}

Fingerprint fingerprint(const Article& article) {
    std::string text = article.title;
    text += '\n';
    text.append(article.body, 0, std::min(article.body.size(), schema::kStoredBodyLimit));
    return {shingles_of(text), article.date};
}

namespace {

bool sampled(const Fingerprint& fp, std::size_t i) { return i < kSmallestKept || fp.shingles[i] % kSampleModulus == 0; }

}  // namespace

std::size_t sample_count(const Fingerprint& fp) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < fp.shingles.size(); ++i) n += sampled(fp, i);
    return n;
}

std::vector<std::string> lookup_terms(const Fingerprint& fp) {
    std::vector<std::uint64_t> sampled;
    for (std::size_t i = 0; i < fp.shingles.size(); ++i)
        if (clusters::sampled(fp, i)) sampled.push_back(fp.shingles[i]);
    std::vector<std::string> terms;
    terms.reserve(sampled.size());
    for (std::uint64_t h : sampled) {
        // 40 bits name a shingle well enough: a clash only costs a check.
        char hex[11];
        std::snprintf(hex, sizeof hex, "%010llx", static_cast<unsigned long long>(h >> 24));
        terms.push_back(std::string(schema::prefix::kShingle) + hex);
    }
    return terms;
}

Overlap overlap(const Fingerprint& a, const Fingerprint& b) {
    std::size_t shared = 0;
    for (auto i = a.shingles.begin(), j = b.shingles.begin(); i != a.shingles.end() && j != b.shingles.end();) {
        if (*i < *j) ++i;
        else if (*j < *i) ++j;
        else ++shared, ++i, ++j;
    }
    Overlap o;
    o.smaller = std::min(a.shingles.size(), b.shingles.size());
    const std::size_t either = a.shingles.size() + b.shingles.size() - shared;
    if (either) o.jaccard = static_cast<double>(shared) / static_cast<double>(either);
    if (o.smaller) o.containment = static_cast<double>(shared) / static_cast<double>(o.smaller);
    return o;
}

bool may_be_same_story(std::size_t shingles, std::size_t other_shingles, std::optional<std::int64_t> seconds,
                       std::optional<std::int64_t> other_seconds) {
    if (shingles == 0 || other_shingles == 0) return true;
    // The most overlap() could find: every shingle of the smaller in the larger.
    const std::size_t smaller = std::min(shingles, other_shingles);
    const double most_jaccard = static_cast<double>(smaller) / static_cast<double>(std::max(shingles, other_shingles));
    return story_rules(smaller, most_jaccard, 1.0, [&](double window) {
        return !seconds || !other_seconds || std::fabs(static_cast<double>(*seconds - *other_seconds)) <= window;
    });
}

bool same_story(const Fingerprint& a, const Fingerprint& b) {
    const Overlap o = overlap(a, b);
    return story_rules(o.smaller, o.jaccard, o.containment, [&](double window) {
        // An unknown date is taken as close: the text alone decides.
        auto distance = apart(a.date, b.date);
        return !distance || *distance <= window;
    });
}

}  // namespace newsdesk::clusters
