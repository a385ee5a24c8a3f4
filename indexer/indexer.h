/** @file
 *  @brief The indexing engine: input files in, an up-to-date database out.
 *
 *  Incremental by default: a file whose size and modification time (or,
 *  failing those, content hash) match what was recorded is not read again;
 *  a changed file's articles replace their old versions by unique id, and
 *  articles gone from it are deleted. Documents and file records are
 *  committed together in batches, so a run killed at any moment leaves a
 *  valid database holding every batch committed before it, and the next
 *  run finishes the job.
 */
#pragma once

#include <xapian.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "article.h"
#include "facet_dictionary.h"
#include "reader.h"

namespace newsdesk {

/// The part of a cluster's inputs one machine indexes (--shard K/N): the
/// articles whose id hashes to it, so that an article stays on its machine
/// through updates, whichever file brings it.
struct ClusterPart {
    unsigned number = 1;  ///< K, from 1
    unsigned count = 1;   ///< N; 1 takes every article
    /// Whether article @p id (Article::id) is this part's.
    bool takes(std::string_view id) const;
};

struct IndexerOptions {
    std::filesystem::path db;
    /// libstemmer algorithm; nullopt: the one the database was built with (English for a new one).
    std::optional<std::string> language;
    readers::Format format = readers::Format::kAuto;
    bool rebuild = false;  ///< build a fresh generation beside the live one, then switch
    bool prune = false;    ///< delete the articles of recorded files that no longer exist
    double wait_lock_seconds = 0;
    /// Articles per commit. Small batches index faster as well as losing less to a
    /// crash: Xapian's in-memory changes get slower to update as they grow
    /// (Reuters: 16 s at 1000, 24 s at 20000, without spelling).
    std::size_t batch_size = 1000;
    /// Writers of a build from nothing, each filling a shard (shard_writers.h);
    /// incremental runs write the shards the live index has, on one thread.
    unsigned jobs = 1;
    /// Whether a parallel build's shards stay shards once compacted (else
    /// they are merged into one database, which searches faster).
    bool keep_shards = false;
    /// The articles this run indexes, of inputs shared by a cluster's machines.
    ClusterPart part;
    /// Which record keys (JSON, CSV) hold which article field (--field).
    readers::FieldNames fields;
    /// Called on every article before it is indexed (entity extraction).
    std::function<void(Article&)> enrich;
    /// The names that stand for a facet value, recorded for the searcher.
    FacetNames facet_names;
};

struct IndexSummary {
    std::uint64_t added = 0, updated = 0, unchanged = 0, deleted = 0;
    std::uint64_t rejected = 0;  ///< records and whole files skipped as bad input
    /// Records rejected when an unchanged file was last read: not read, nor
    /// reported, again (FileState::rejected).
    std::uint64_t rejected_earlier = 0;
    std::uint64_t elsewhere = 0;  ///< articles left to the other parts of a cluster (ClusterPart)
    std::uint64_t warnings = 0;
    std::uint64_t files_read = 0, files_unchanged = 0;
    double seconds = 0;

    std::uint64_t indexed() const { return added + updated; }
};

/// Where the indexer reports problems and progress (the CLI prints them).
class IndexObserver {
  public:
    virtual ~IndexObserver() = default;
    /// A rejected record or file (@p line 0: the whole file), or a warning.
    virtual void problem(const std::filesystem::path& file, std::size_t line,
                         readers::Problem::Severity severity, const std::string& message) = 0;
    /// After each file: @p done of @p total files, @p articles indexed so far.
    virtual void progress(std::size_t done, std::size_t total, std::uint64_t articles) = 0;
};

class Indexer {
  public:
    Indexer(IndexerOptions options, IndexObserver& observer);

    /// Index @p inputs (files and directories).
    /// @throws LockedError, UsageError, DatabaseError.
    IndexSummary run(const std::vector<std::string>& inputs);

  private:
    struct Run;
    /// Opens the stories of every part's articles (clusters/part_stories.h)
    /// for @p run, a run of one part of a cluster's (--shard K/N).
    void open_part_stories(Run& run, bool fresh);
    /// Writes the live generation's schema::kFacetColumnFile, when it is one
    /// database (facet_column.h); a failure is a warning.
    void write_facet_column(int generation);

    IndexerOptions options_;
    IndexObserver& observer_;
};

}  // namespace newsdesk
