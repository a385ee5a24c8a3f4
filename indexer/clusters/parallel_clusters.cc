#include "parallel_clusters.h"

#include <algorithm>
#include <functional>

#include "linking.h"
#include "story_clusters.h"

namespace newsdesk::clusters {

namespace {

std::vector<std::uint64_t> sample_hashes(const Fingerprint& fp) {
    std::vector<std::uint64_t> hashes;
    for (const std::string& term : lookup_terms(fp)) hashes.push_back(std::hash<std::string>{}(term));
    return hashes;
}

}  // namespace

std::string ParallelClusters::place(Xapian::docid did, std::string_view id_term, const Fingerprint& fp,
                                    std::vector<std::pair<Xapian::docid, std::string>>& rekeyed) {
    // An article dealt again (its id repeated in the input) keeps its story.
    if (did < key_.size() && key_[did] != 0) return key_text(key_[did]);
    std::vector<std::uint64_t> samples = sample_hashes(fp);
    std::unordered_map<Xapian::docid, unsigned> shared;
    std::size_t looked_up = 0;
    for (std::uint64_t sample : samples) {
        auto it = sampled_.find(sample);
        if (it != sampled_.end() && it->second.size() > linking::kMaxPostings) continue;
        ++looked_up;
        if (it != sampled_.end())
            for (std::size_t i = it->second.first; i < it->second.dids.size(); ++i) ++shared[it->second.dids[i]];
    }
    const auto candidates = linking::worth_comparing(shared, looked_up, [&](Xapian::docid other) {
        const Recent* r = recent(other);
        return r ? r->samples.size() : 0;
    });
    const auto found = linking::same_stories(
        fp, candidates, [&](Xapian::docid other) { return key_[other]; },
        [&](Xapian::docid other) -> const Fingerprint& { return recent(other)->fp; });

    // As StoryClusters::place(): the largest story absorbs the others.
    std::uint64_t key = 0;
    Xapian::docid keeper = 0;
    std::size_t largest = 0;
    for (const auto& [other, other_key] : found) {
        auto group = members_.find(other_key);
        const std::size_t size = group == members_.end() ? 1 : group->second.size();
        if (key == 0 || size > largest || (size == largest && other_key < key))
            key = other_key, keeper = other, largest = size;
    }
    if (key == 0) key = key_number(cluster_key(id_term));
    if (!found.empty()) {
        std::vector<Xapian::docid>& story = members(key, keeper);
        for (const auto& [other, other_key] : found) {
            if (other_key == key) continue;
            auto group = members_.find(other_key);
            const std::vector<Xapian::docid> moved = group == members_.end() ? std::vector<Xapian::docid>{other} : group->second;
            if (group != members_.end()) members_.erase(group);
            for (Xapian::docid member : moved) {
                key_[member] = key;
                story.push_back(member);
                rekeyed.emplace_back(member, key_text(key));
            }
        }
        story.push_back(did);
    }
    if (key_.size() <= did) key_.resize(did + 1, 0);
    key_[did] = key;
    remember(did, fp, std::move(samples));
    return key_text(key);
}

std::vector<Xapian::docid>& ParallelClusters::members(std::uint64_t key, Xapian::docid did) {
    std::vector<Xapian::docid>& story = members_[key];
    if (story.empty()) story.push_back(did);  // a story of one so far: its founder
    return story;
}

const ParallelClusters::Recent* ParallelClusters::recent(Xapian::docid did) const {
    if (recent_.empty() || did < recent_.front().did || did > recent_.back().did) return nullptr;
    return &recent_[did - recent_.front().did];
}

void ParallelClusters::remember(Xapian::docid did, const Fingerprint& fp, std::vector<std::uint64_t> samples) {
    for (std::uint64_t sample : samples) {
        Sampled& with = sampled_[sample];
        if (with.dids.empty() || with.dids.back() != did) with.dids.push_back(did);  // a sample hashed twice counts once
    }
    recent_.push_back({did, fp, std::move(samples)});
    if (recent_.size() <= window_) return;
    // Dealt in docid order: the oldest is the first of each of its lists.
    const Recent& oldest = recent_.front();
    for (std::uint64_t sample : oldest.samples) {
        auto it = sampled_.find(sample);
        if (it == sampled_.end() || it->second.size() == 0 || it->second.dids[it->second.first] != oldest.did) continue;
        Sampled& with = it->second;
        if (++with.first == with.dids.size()) {
            sampled_.erase(it);
        } else if (with.first * 2 > with.dids.size()) {
            with.dids.erase(with.dids.begin(), with.dids.begin() + static_cast<std::ptrdiff_t>(with.first));
            with.first = 0;
        }
    }
    recent_.pop_front();
}

}  // namespace newsdesk::clusters
