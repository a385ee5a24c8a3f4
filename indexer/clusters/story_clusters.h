/** @file
 *  @brief Story clusters: near-duplicate articles share a key, kept right as
 *  articles are added, changed and deleted.
 *
 *  A cluster is a connected group of articles each the same story as
 *  another of the group (fingerprint.h's same_story()); an article with no
 *  near-duplicate is a cluster of one. Its key, the own key of the article
 *  that founded it (cluster_key()), is stored in kClusterSlot, for the
 *  searcher's collapsing, and as a prefix::kCluster term, to list the
 *  cluster (cluster:KEY) and count it.
 *
 *  The writer calls place() before writing each article and forget() before
 *  deleting one. Neighbours are found through the database itself (the
 *  sampled shingles' terms), so that a rerun's new article finds the ones
 *  indexed years ago as well as the ones of this run; when an article joins
 *  two clusters they merge, and when one leaves (changed or deleted) the
 *  rest are grouped again, so that an incremental run gives the groups a
 *  fresh build would.
 */
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "fingerprint.h"
#include "linking.h"

namespace newsdesk::clusters {

/// The own key of the article with unique-id term @p id_term: its cluster's
/// while it is alone, and its near-duplicates' when it founded theirs.
std::string cluster_key(std::string_view id_term);

/// A key as a number, for tables of keys by docid; 0 when @p key is not
/// spelt as cluster_key() spells keys (16 lower-case hex digits).
std::uint64_t key_number(std::string_view key);
/// The key numbered @p number (not 0) by key_number().
std::string key_text(std::uint64_t number);

class StoryClusters {
  public:
    /// Told of every stored document given another key (clusters merging or
    /// splitting): document, new key.
    using Rekeyed = std::function<void(Xapian::docid, const std::string&)>;

    explicit StoryClusters(Xapian::WritableDatabase& db, Rekeyed rekeyed = {}) : db_(db), rekeyed_(std::move(rekeyed)) {}

    /// Gives @p doc (unique-id term @p id_term), about to be written in place
    /// of document @p old (0 for a new article), the key of the story it
    /// repeats, else its own; other documents are re-keyed as clusters merge
    /// or split.
    void place(Xapian::Document& doc, std::string_view id_term, const Fingerprint& fp, Xapian::docid old);

    /// After the document place() was given is written, as @p did.
    void written(Xapian::docid did, const Fingerprint& fp);

    /// Before document @p did is deleted: its cluster is grouped again without it.
    void forget(Xapian::docid did);

    /// After a parallel build, whose articles were each compared with the
    /// @p compared articles before it as they were dealt
    /// (ParallelClusters): joins each article to the stories of the
    /// articles further back, in docid order, as place() would have had one
    /// writer written them all. Only articles that share a sampled shingle
    /// with one that far back are read back.
    void link_all(Xapian::docid compared);

  private:
    /// A document and its cluster's key.
    struct Keyed {
        Xapian::docid did;
        std::string key;
    };
    using Candidate = linking::Candidate;
    /// Documents sharing enough of the sampled shingles whose terms are
    /// @p terms to be compared, @p old excepted, most shared first.
    std::vector<Candidate> candidates(const std::vector<std::string>& terms, Xapian::docid old);
    /// Those of the documents @p shared counts the shared shingles of worth
    /// comparing, for a document with @p looked_up looked-up shingles.
    std::vector<Candidate> worth_comparing(const std::unordered_map<Xapian::docid, unsigned>& shared,
                                           std::size_t looked_up) const;
    /// Those of @p candidates that are the same story as @p fp, each with
    /// its key: one of each cluster at most, and those of none.
    std::vector<Keyed> same_stories(const Fingerprint& fp, const std::vector<Candidate>& candidates);
    /// The key of the story whose neighbours @p found are (the largest of
    /// their clusters, which absorbs the others), else @p own.
    std::string join(const std::vector<Keyed>& found, std::string own);
    /// Every looked-up sampled shingle that documents more than @p compared
    /// apart have, as the group of its documents (in docid order), and each
    /// document's groups: link_all()'s candidates, read in one pass over the
    /// terms.
    struct SharedShingles {
        std::vector<Xapian::docid> postings;       ///< the groups' documents, group after group
        std::vector<std::uint32_t> group_start;    ///< group i is postings[group_start[i], group_start[i + 1])
        std::vector<std::uint32_t> doc_groups;     ///< the groups of each document, document after document
        std::vector<std::uint32_t> doc_start;      ///< by docid, as group_start
        std::vector<std::uint16_t> looked_up;      ///< by docid: its shingles not too common to look up
    };
    SharedShingles shared_shingles(Xapian::docid compared) const;
    const Fingerprint& fingerprint_of(Xapian::docid did);
    /// Whether every one of @p candidates is in @p did's story already, so
    /// that comparing them could change nothing (an archive that repeats
    /// its stories has many such: linked as they were dealt).
    bool all_in_story_of(Xapian::docid did, const std::vector<Candidate>& candidates) const;
    std::string key_of(Xapian::docid did) const;
    /// may_be_same_story() for documents @p a and @p b, from their sizes
    /// as written in this run and read_all_keys_and_dates()'s dates:
    /// neither is read back.
    bool may_be_same_story_as_written(Xapian::docid a, Xapian::docid b) const;
    /// Every document's key_number() and date, read in one pass over their
    /// values, for link_all(): it asks for ten or so of each an article,
    /// and each read from the database decodes a chunk of values.
    void read_all_keys_and_dates();
    /// How many sampled shingles @p did has, when it was written in this run (else 0).
    std::size_t samples_of(Xapian::docid did) const;
    std::vector<Xapian::docid> members(const std::string& key) const;
    void set_key(Xapian::docid did, const std::string& key);
    /// cluster_key() of @p did's unique id.
    std::string own_key(Xapian::docid did) const;

    Xapian::WritableDatabase& db_;
    Rekeyed rekeyed_;
    /// Fingerprints read back from stored articles, for the stories a run
    /// checks again and again (a cluster's members); dropped when large.
    std::unordered_map<Xapian::docid, Fingerprint> cache_;
    /// How many sampled shingles the documents written in this run have, by
    /// docid (0: not known here); 2 bytes an article.
    std::vector<std::uint16_t> samples_;
    /// By docid, as samples_: how many shingles (0: not known here).
    std::vector<std::uint16_t> shingles_;
    /// By docid, read_all_keys_and_dates()'s: keys (0: read the key from
    /// the database) and dates (seconds since the epoch, kNoDate unknown).
    std::vector<std::uint64_t> all_keys_;
    std::vector<std::int64_t> all_dates_;
    static constexpr std::int64_t kNoDate = INT64_MIN;
};

/// Puts @p doc in cluster @p key: kClusterSlot and a prefix::kCluster term.
void set_cluster(Xapian::Document& doc, const std::string& key);

/// Puts stored document @p did of @p db in cluster @p key; false when it
/// was in it already (nothing is written).
bool move_to_cluster(Xapian::WritableDatabase& db, Xapian::docid did, const std::string& key);

}  // namespace newsdesk::clusters
