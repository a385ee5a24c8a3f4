#include "story_clusters.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <unordered_set>

#include "dates.h"
#include "hash.h"
#include "linking.h"
#include "schema.h"
#include "stored.h"

namespace newsdesk::clusters {

using linking::kMaxPostings;

namespace {

/// A cluster larger than this is not regrouped when a member leaves (it
/// stays one cluster): regrouping compares every pair of members.
constexpr std::size_t kMaxRegroup = 128;
/// Fingerprints kept read back (about 1 kB each).
constexpr std::size_t kCacheSize = 4096;

std::string cluster_term(const std::string& key) { return std::string(schema::prefix::kCluster) + key; }

/// Groups of @p items, two items in one group when @p linked says so of them
/// or of a chain of others between them.
template <typename Linked>
std::vector<std::vector<Xapian::docid>> connected(const std::vector<Xapian::docid>& items, Linked&& linked) {
    std::vector<std::size_t> parent(items.size());
    std::iota(parent.begin(), parent.end(), 0);
    auto root = [&](std::size_t i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    };
    for (std::size_t i = 0; i < items.size(); ++i)
        for (std::size_t j = i + 1; j < items.size(); ++j)
            if (root(i) != root(j) && linked(items[i], items[j])) parent[root(j)] = root(i);
    std::vector<std::vector<Xapian::docid>> groups(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) groups[root(i)].push_back(items[i]);
    groups.erase(std::remove_if(groups.begin(), groups.end(), [](const auto& g) { return g.empty(); }), groups.end());
    return groups;
}

}  // namespace

std::string cluster_key(std::string_view id_term) { return schema::hex_hash64(id_term); }

std::uint64_t key_number(std::string_view key) {
    if (key.size() != 16) return 0;
    std::uint64_t number = 0;
    for (char c : key) {
        const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (digit < 0) return 0;
        number = number << 4 | static_cast<std::uint64_t>(digit);
    }
    return number;
}

std::string key_text(std::uint64_t number) {
    char text[17];
    std::snprintf(text, sizeof text, "%016" PRIx64, number);
    return text;
}

void set_cluster(Xapian::Document& doc, const std::string& key) {
    const std::string old = doc.get_value(schema::kClusterSlot);
    if (old == key) return;
    if (!old.empty()) {
        try {
            doc.remove_term(cluster_term(old));
        } catch (const Xapian::InvalidArgumentError&) {
            // The term was never added: nothing to remove.
        }
    }
    doc.add_boolean_term(cluster_term(key));
    doc.add_value(schema::kClusterSlot, key);
}

void StoryClusters::place(Xapian::Document& doc, std::string_view id_term, const Fingerprint& fp, Xapian::docid old) {
    if (old) {
        forget(old);
        cache_.erase(old);
    }
    set_cluster(doc, join(same_stories(fp, candidates(lookup_terms(fp), old)), cluster_key(id_term)));
}

std::string StoryClusters::join(const std::vector<Keyed>& found, std::string own) {
    // Alone, an article is a story of its own, under its own key, so that
    // its first repeat joins it without rewriting it. With near-duplicates,
    // the largest of their clusters absorbs the others (fewest rewrites).
    std::string key;
    Xapian::doccount largest = 0;
    for (const Keyed& n : found) {
        if (n.key.empty()) continue;  // none yet: written before clusters were
        const Xapian::doccount size = db_.get_termfreq(cluster_term(n.key));
        if (key.empty() || size > largest || (size == largest && n.key < key)) key = n.key, largest = size;
    }
    if (key.empty()) key = std::move(own);
    for (const Keyed& n : found) {
        if (n.key == key) continue;
        if (n.key.empty()) set_key(n.did, key);
        else
            for (Xapian::docid member : members(n.key)) set_key(member, key);
    }
    return key;
}

void StoryClusters::link_all(Xapian::docid compared) {
    read_all_keys_and_dates();
    const SharedShingles shingles = shared_shingles(compared);
    std::unordered_map<Xapian::docid, unsigned> shared;
    for (Xapian::docid did = 1; did + 1 < shingles.doc_start.size(); ++did) {
        // Those before it that share its shingles, counted without reading
        // either article back: most share one or two by chance.
        shared.clear();
        for (auto g = shingles.doc_start[did]; g < shingles.doc_start[did + 1]; ++g) {
            const std::uint32_t group = shingles.doc_groups[g];
            for (auto p = shingles.group_start[group]; p < shingles.group_start[group + 1]; ++p) {
                const Xapian::docid other = shingles.postings[p];
                if (other + compared >= did) break;  // in docid order
                ++shared[other];
            }
        }
        if (shared.empty()) continue;
        std::vector<Candidate> worth = worth_comparing(shared, shingles.looked_up[did]);
        if (worth.empty() || all_in_story_of(did, worth)) continue;
        std::erase_if(worth, [&](const Candidate& c) { return !may_be_same_story_as_written(did, c.first); });
        if (worth.empty()) continue;
        const Fingerprint fp = fingerprint_of(did);  // a copy: same_stories() may drop it from the cache
        const std::vector<Keyed> found = same_stories(fp, worth);
        if (!found.empty()) set_key(did, join(found, own_key(did)));
    }
    all_keys_ = {};
    all_dates_ = {};
}

bool StoryClusters::all_in_story_of(Xapian::docid did, const std::vector<Candidate>& candidates) const {
    const std::string own = key_of(did);
    return !own.empty() &&
           std::all_of(candidates.begin(), candidates.end(), [&](const Candidate& c) { return key_of(c.first) == own; });
}

bool StoryClusters::may_be_same_story_as_written(Xapian::docid a, Xapian::docid b) const {
    auto date = [&](Xapian::docid d) { return all_dates_[d] == kNoDate ? std::nullopt : std::optional(all_dates_[d]); };
    auto shingles = [&](Xapian::docid d) -> std::size_t { return d < shingles_.size() ? shingles_[d] : 0; };
    return may_be_same_story(shingles(a), shingles(b), date(a), date(b));
}

void StoryClusters::read_all_keys_and_dates() {
    all_keys_.assign(db_.get_lastdocid() + 1, 0);
    for (auto it = db_.valuestream_begin(schema::kClusterSlot); it != db_.valuestream_end(schema::kClusterSlot); ++it)
        all_keys_[it.get_docid()] = key_number(*it);
    all_dates_.assign(db_.get_lastdocid() + 1, kNoDate);
    for (auto it = db_.valuestream_begin(schema::kDateSlot); it != db_.valuestream_end(schema::kDateSlot); ++it)
        all_dates_[it.get_docid()] = dates::seconds_since_epoch(*it).value_or(kNoDate);
}

StoryClusters::SharedShingles StoryClusters::shared_shingles(Xapian::docid compared) const {
    SharedShingles s;
    const Xapian::docid last = db_.get_lastdocid();
    // A document looks up all its shingles but those in too many documents:
    // the postings of most shingles (in one document) need not be read.
    s.looked_up.assign(last + 1, 0);
    for (Xapian::docid did = 1; did <= last; ++did) s.looked_up[did] = static_cast<std::uint16_t>(samples_of(did));
    std::vector<std::uint32_t> groups_per_doc(last + 2, 0);
    s.group_start.push_back(0);
    const std::string prefix(schema::prefix::kShingle);
    for (auto term = db_.allterms_begin(prefix); term != db_.allterms_end(prefix); ++term) {
        const Xapian::doccount postings = term.get_termfreq();
        if (postings < 2) continue;
        const std::size_t start = s.postings.size();
        for (auto it = db_.postlist_begin(*term); it != db_.postlist_end(*term); ++it) {
            if (postings > kMaxPostings) {
                if (s.looked_up[*it] > 0) --s.looked_up[*it];
                continue;
            }
            s.postings.push_back(*it);
        }
        if (postings > kMaxPostings) continue;
        // A group no wider than @p compared holds no pair left to compare.
        if (s.postings.size() - start < 2 || s.postings.back() - s.postings[start] <= compared) {
            s.postings.resize(start);
            continue;
        }
        for (std::size_t p = start; p < s.postings.size(); ++p) ++groups_per_doc[s.postings[p]];
        s.group_start.push_back(static_cast<std::uint32_t>(s.postings.size()));
    }
    // Each document's groups, by document (counting sort).
    s.doc_start.assign(last + 2, 0);
    for (Xapian::docid did = 1; did <= last; ++did) s.doc_start[did + 1] = s.doc_start[did] + groups_per_doc[did];
    s.doc_groups.resize(s.postings.size());
    std::vector<std::uint32_t> filled(s.doc_start.begin(), s.doc_start.end() - 1);
    for (std::uint32_t group = 0; group + 1 < s.group_start.size(); ++group)
        for (auto p = s.group_start[group]; p < s.group_start[group + 1]; ++p) s.doc_groups[filled[s.postings[p]]++] = group;
    return s;
}

void StoryClusters::written(Xapian::docid did, const Fingerprint& fp) {
    if (did >= samples_.size()) {
        samples_.resize(std::max<std::size_t>(did + 1, samples_.size() * 2));
        shingles_.resize(samples_.size());
    }
    samples_[did] = static_cast<std::uint16_t>(std::min<std::size_t>(sample_count(fp), 0xFFFF));
    shingles_[did] = static_cast<std::uint16_t>(std::min<std::size_t>(fp.shingles.size(), 0xFFFF));
}

void StoryClusters::forget(Xapian::docid did) {
    if (did < samples_.size()) samples_[did] = shingles_[did] = 0;
    const std::string key = key_of(did);
    cache_.erase(did);
    std::vector<Xapian::docid> rest = members(key);
    rest.erase(std::remove(rest.begin(), rest.end(), did), rest.end());
    if (rest.empty() || rest.size() > kMaxRegroup) return;
    auto groups = connected(rest, [&](Xapian::docid a, Xapian::docid b) {
        const Fingerprint fa = fingerprint_of(a);  // a copy: the next lookup may drop it from the cache
        return same_story(fa, fingerprint_of(b));
    });
    // A cluster's key is its founder's own key: the group holding the
    // founder keeps it, the others take the own key of one of theirs (a
    // single article its own), so that no key names two stories, and an
    // article that leaves and comes back alone gets its own again.
    for (const auto& group : groups) {
        std::vector<std::string> own;
        for (Xapian::docid member : group) own.push_back(own_key(member));
        if (std::find(own.begin(), own.end(), key) != own.end()) continue;
        for (Xapian::docid member : group) set_key(member, own.front());
    }
}

std::vector<StoryClusters::Candidate> StoryClusters::candidates(const std::vector<std::string>& terms, Xapian::docid old) {
    std::unordered_map<Xapian::docid, unsigned> shared;
    std::size_t looked_up = 0;
    for (const std::string& term : terms) {
        const Xapian::doccount postings = db_.get_termfreq(term);
        if (postings > kMaxPostings) continue;
        ++looked_up;
        if (postings == 0) continue;
        for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it)
            if (*it != old) ++shared[*it];
    }
    return worth_comparing(shared, looked_up);
}

std::vector<StoryClusters::Candidate> StoryClusters::worth_comparing(const std::unordered_map<Xapian::docid, unsigned>& shared,
                                                                     std::size_t looked_up) const {
    return linking::worth_comparing(shared, looked_up, [&](Xapian::docid did) { return samples_of(did); });
}

std::vector<StoryClusters::Keyed> StoryClusters::same_stories(const Fingerprint& fp, const std::vector<Candidate>& candidates) {
    std::vector<Keyed> found;
    for (auto& [did, key] : linking::same_stories(fp, candidates, [&](Xapian::docid d) { return key_of(d); },
                                                  [&](Xapian::docid d) -> const Fingerprint& { return fingerprint_of(d); }))
        found.push_back({did, std::move(key)});
    return found;
}

const Fingerprint& StoryClusters::fingerprint_of(Xapian::docid did) {
    auto it = cache_.find(did);
    if (it != cache_.end()) return it->second;
    if (cache_.size() >= kCacheSize) cache_.clear();
    Fingerprint fp;
    try {
        fp = fingerprint(schema::from_document_data(db_.get_document(did).get_data()));
    } catch (const std::exception&) {
        // Not a stored article (a damaged document): it matches nothing.
    }
    return cache_.emplace(did, std::move(fp)).first->second;
}

std::size_t StoryClusters::samples_of(Xapian::docid did) const {
    return did < samples_.size() ? samples_[did] : 0;
}

std::string StoryClusters::key_of(Xapian::docid did) const {
    if (did < all_keys_.size() && all_keys_[did] != 0) return key_text(all_keys_[did]);
    return db_.get_document(did).get_value(schema::kClusterSlot);
}

std::vector<Xapian::docid> StoryClusters::members(const std::string& key) const {
    std::vector<Xapian::docid> found;
    const std::string term = cluster_term(key);
    for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) found.push_back(*it);
    return found;
}

bool move_to_cluster(Xapian::WritableDatabase& db, Xapian::docid did, const std::string& key) {
    Xapian::Document doc = db.get_document(did);
    if (doc.get_value(schema::kClusterSlot) == key) return false;
    set_cluster(doc, key);
    db.replace_document(did, doc);
    return true;
}

void StoryClusters::set_key(Xapian::docid did, const std::string& key) {
    if (!move_to_cluster(db_, did, key)) return;
    if (did < all_keys_.size()) all_keys_[did] = key_number(key);
    if (rekeyed_) rekeyed_(did, key);
}

std::string StoryClusters::own_key(Xapian::docid did) const {
    auto term = db_.termlist_begin(did);
    term.skip_to(std::string(schema::prefix::kId));
    return cluster_key(term != db_.termlist_end(did) ? *term : std::to_string(did));
}

}  // namespace newsdesk::clusters
