/** @file
 *  @brief The on-disk layout of a newsdesk database directory.
 *
 *  `--db DIR` names a directory holding one or more Xapian generations
 *  (DIR/gen-1, DIR/gen-2, ...) and a Xapian stub file, DIR/XAPIANDB, saying
 *  `auto gen-N`: Xapian::Database(DIR), xapian-delve DIR and quest -d DIR all
 *  open the live generation through it. `--rebuild` fills gen-(N+1) beside the
 *  live one and then renames a new stub over the old, which is atomic: a
 *  searcher opening DIR sees either the old index or the new one, never half
 *  of one. A directory holding a plain Xapian database (no stub) is used as it is.
 *
 *  A generation built by several writers (newsdesk-index --jobs) is a set of
 *  shards, gen-N/shard-0, gen-N/shard-1, ..., and the stub lists them all,
 *  one `auto` line each: Xapian opens the list as one database, document K
 *  of shard S being document (K - 1) * shards + S + 1 of the whole. The
 *  first shard holds the metadata (file states, facet dictionaries).
 */
#pragma once

#include <xapian.h>

#include <filesystem>
#include <vector>

namespace newsdesk::database_dir {

/// Number of the live generation of @p db, or 0 when @p db has no stub
/// (it is missing, empty, or a plain Xapian database).
int live_generation(const std::filesystem::path& db);

/// Path of generation @p number of @p db.
std::filesystem::path generation_path(const std::filesystem::path& db, int number);

/// Where a part of a cluster (--shard K/N) keeps the stories of every
/// part's articles (clusters/part_stories.h), beside the generations:
/// DIR/part-stories, and DIR/part-stories.rebuild while --rebuild fills it.
std::filesystem::path part_stories_path(const std::filesystem::path& db, bool rebuilding = false);

/// The shards of one generation, open for writing.
struct WritableShards {
    /// All of them as one database: Xapian finds a document, by docid or by
    /// unique term, in whichever shard holds it.
    Xapian::WritableDatabase all;
    /// The same databases one by one (a single one when not sharded).
    std::vector<Xapian::WritableDatabase> shards;

    /// Commits every shard, the first, which holds the metadata, last: a run
    /// killed between two shards' commits then never records a file as
    /// indexed while some of its articles are not committed.
    void commit();
};

/// Open the live index of @p db for writing, creating DIR and gen-1 (and the
/// stub) when @p db does not exist yet or is an empty directory.
/// @throws DatabaseError naming the path when it cannot be opened or created.
WritableShards open_live(const std::filesystem::path& db);

/// Create an empty generation after the live one (removing any leftover of
/// an interrupted rebuild) and return its number; the stub is not touched.
int create_next_generation(const std::filesystem::path& db);

/// Create generation @p number of @p db as @p count empty shards (gen-N
/// itself when @p count is 1) and open them. Their commits do not wait for
/// the disk (fsync): a new generation goes live only through a compaction
/// into the next one, which does, or after sync_generation(); one left by a
/// crash is removed by the next run.
WritableShards create_shards(const std::filesystem::path& db, int number, unsigned count);

/// Flush every file of generation @p number of @p db to disk (fsync), for
/// one of create_shards() that goes live as it is.
void sync_generation(const std::filesystem::path& db, int number);

/// The shard databases of generation @p number of @p db, in order.
std::vector<std::filesystem::path> shard_paths(const std::filesystem::path& db, int number);

/// Write a compacted copy of generation @p number as generation @p number + 1
/// (replacing any leftover of that number) and return the new number; the
/// stub is not touched. Shards are merged into one database when @p merge
/// says so (renumbered shard after shard), else compacted each on its own,
/// in parallel, keeping its docids. Compaction fills every block in key order, which
/// halves Reuters' index and makes a search read about a third fewer blocks.
int compact_into_next_generation(const std::filesystem::path& db, int number, bool merge);

/// Make generation @p number live by renaming a new stub over the old one.
void switch_to(const std::filesystem::path& db, int number);

/// Remove every generation of @p db but @p keep (after a rebuild: the old
/// index, once the stub no longer points at it).
void remove_generations_except(const std::filesystem::path& db, int keep);

}  // namespace newsdesk::database_dir
