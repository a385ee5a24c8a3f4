/** @file
 *  @brief Story clusters of a parallel build, found as the articles are
 *  dealt to the writers.
 *
 *  The writers of a parallel build own the shards, so the articles' stories
 *  cannot be found through the database as they are written. Rewriting an
 *  article afterwards to give it its story's key reads all its terms and
 *  positions back: on an archive where most articles repeat one (ten copies
 *  of Reuters), that took longer than the build. So the thread that deals
 *  the articles finds each one's story among the kWindow articles dealt
 *  before it, in memory, by StoryClusters' rules (linking.h), and hands it
 *  to its writer with its key; only the articles it merges into another
 *  story are rewritten. Near-duplicates more than kWindow articles apart
 *  are linked once the shards are written (StoryClusters::link_all).
 */
#pragma once

#include <xapian.h>

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "fingerprint.h"

namespace newsdesk::clusters {

class ParallelClusters {
  public:
    /// Articles compared in memory: about 1 kB of fingerprint each.
    static constexpr Xapian::docid kWindow = 32768;

    explicit ParallelClusters(Xapian::docid window = kWindow) : window_(window) {}

    /// How many articles before each one it is compared with.
    Xapian::docid window() const { return window_; }

    /// The key of article @p did, the next one dealt (unique-id term
    /// @p id_term): the key of the story it repeats among the window()
    /// before it, else its own. Earlier articles whose story merges into
    /// its story are added to @p rekeyed, with their new key.
    std::string place(Xapian::docid did, std::string_view id_term, const Fingerprint& fp,
                      std::vector<std::pair<Xapian::docid, std::string>>& rekeyed);

  private:
    struct Recent {
        Xapian::docid did;
        Fingerprint fp;
        std::vector<std::uint64_t> samples;
    };
    const Recent* recent(Xapian::docid did) const;
    void remember(Xapian::docid did, const Fingerprint& fp, std::vector<std::uint64_t> samples);
    std::vector<Xapian::docid>& members(std::uint64_t key, Xapian::docid did);

    Xapian::docid window_;
    std::deque<Recent> recent_;  ///< the last window_ articles, by docid
    /// The recent articles with one sampled shingle, oldest first: those
    /// from `first` on (the older ones left the window; dropped in bulk, so
    /// that a shingle in every article costs no more than a rare one).
    struct Sampled {
        std::vector<Xapian::docid> dids;
        std::size_t first = 0;
        std::size_t size() const { return dids.size() - first; }
    };
    std::unordered_map<std::uint64_t, Sampled> sampled_;  ///< sampled shingle -> recent articles
    std::vector<std::uint64_t> key_;  ///< by docid: its cluster's key
    std::unordered_map<std::uint64_t, std::vector<Xapian::docid>> members_;  ///< clusters of two or more
};

}  // namespace newsdesk::clusters
