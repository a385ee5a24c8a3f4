/** @file
 *  @brief Story clusters of one part of a cluster (--shard K/N), found among
 *  every part's articles.
 *
 *  A part holds only the articles whose id hashes to it, but a story's
 *  copies hash anywhere: clustered among its own articles alone, a part
 *  split stories that one database of all the articles keeps whole, and
 *  gave them other keys, so that collapsing and the order of equal scores
 *  differed from that database. Every part reads the same inputs in the
 *  same order, though. So each part also keeps, beside its database
 *  (database_dir::part_stories_path()), a database of every article it reads, its own and
 *  the others', holding only what clustering reads (stored data, sampled
 *  shingles, id, file and key), and clusters them there with StoryClusters,
 *  as one database of all would; its own articles take the keys found there.
 */
#pragma once

#include <xapian.h>

#include <filesystem>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "fingerprint.h"
#include "story_clusters.h"

namespace newsdesk::clusters {

/// Articles given another key, by unique-id term: (id term, key).
using RekeyedArticles = std::vector<std::pair<std::string, std::string>>;

class PartStories {
  public:
    /// Opens the stories at @p path, emptied first when @p fresh (the part's
    /// database is being built from nothing).
    PartStories(const std::filesystem::path& path, bool fresh, std::size_t batch_size);

    /// The key of the article @p doc (built, unique-id term @p id_term, read
    /// from the file whose term is @p file_term, fingerprint @p fp), which
    /// replaces any earlier version of it. Other articles given another key
    /// are added to @p rekeyed.
    std::string place(const Xapian::Document& doc, const std::string& id_term, const std::string& file_term,
                      const Fingerprint& fp, RekeyedArticles& rekeyed);

    /// Before a file's articles are placed: notes the articles it gave before.
    void start_file(const std::string& file_term);
    /// After them: forgets those it did not give again, unless @p keep
    /// (records were rejected: the old versions stay, as in the part).
    void finish_file(bool keep, RekeyedArticles& rekeyed);
    /// Forgets every article of the file whose term is @p file_term (--prune).
    void forget_file(const std::string& file_term, RekeyedArticles& rekeyed);

    void commit();

  private:
    void forget(Xapian::docid did, RekeyedArticles& rekeyed);
    /// What StoryClusters reports, by the articles' id terms, into *collecting_.
    void note(Xapian::docid did, const std::string& key);

    Xapian::WritableDatabase db_;
    StoryClusters stories_;
    std::size_t batch_size_, pending_ = 0;
    std::unordered_set<Xapian::docid> previous_;  ///< the current file's articles not yet given again
    RekeyedArticles* collecting_ = nullptr;
};

}  // namespace newsdesk::clusters
