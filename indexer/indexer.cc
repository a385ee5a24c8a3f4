#include "indexer.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <thread>
#include <utility>
#include <unordered_set>

#include "analysis.h"
#include "database_dir.h"
#include "document_builder.h"
#include "error.h"
#include "facet_column.h"
#include "facet_dictionary.h"
#include "hash.h"
#include "file_parser.h"
#include "file_state.h"
#include "index_lock.h"
#include "input_files.h"
#include "parallel_clusters.h"
#include "part_stories.h"
#include "schema.h"
#include "shard_writers.h"
#include "spelling.h"
#include "story_clusters.h"
#include "work_queue.h"

namespace fs = std::filesystem;

namespace newsdesk {

using Severity = readers::Problem::Severity;

/// One run of the indexer over one database: the writing side. Files are
/// classified here (unchanged ones are never read), read and built on a
/// second thread (file_parser.h), and written here, in order; or, in a
/// parallel build, handed in order to the shards' writers (shard_writers.h).
struct Indexer::Run {
    const IndexerOptions& options;
    IndexObserver& observer;
    database_dir::WritableShards& store;
    /// The shards as one (store.all). In a parallel build, while the writers
    /// own the shards, a scratch database that takes the metadata instead
    /// (file states, facet dictionaries), copied in by finish_writers().
    Xapian::WritableDatabase db;
    std::unique_ptr<ShardWriters> writers;  ///< a parallel build's, until finish_writers()
    std::unordered_map<std::string, Xapian::docid> given;  ///< a parallel build's ids, for repeated ones
    clusters::ParallelClusters dealt_stories;              ///< a parallel build's stories, as they are dealt
    std::string language;
    IndexSummary summary;
    bool fresh;                  ///< the database was empty when the run began
    std::size_t pending = 0;     ///< articles since the last commit
    FacetDictionary facets;
    SpellingCounts spelling;
    clusters::StoryClusters stories;
    /// A part of a cluster's (--shard K/N): its stories, found among every
    /// part's articles (part_stories.h). The part's own database then takes
    /// its keys from there, not from `stories`.
    std::optional<clusters::PartStories> part_stories;
    const FileTask* current = nullptr;           ///< the file being written
    std::string current_term;                    ///< its file_term()
    std::uint64_t current_rejected = 0;          ///< its records rejected so far
    std::unordered_set<Xapian::docid> previous;  ///< its documents before this run, not yet replaced

    Run(const IndexerOptions& o, IndexObserver& obs, database_dir::WritableShards& shards, std::string lang, bool was_empty)
        : options(o), observer(obs), store(shards), db(shards.all), language(std::move(lang)), fresh(was_empty), facets(db, o.facet_names), stories(db) {}

    /// Makes this run a parallel build: @p scratch takes the metadata while
    /// a thread per shard writes the documents.
    void start_writers(Xapian::WritableDatabase scratch) {
        db = std::move(scratch);
        writers = std::make_unique<ShardWriters>(store.shards, options.batch_size);
    }

    void reject(const fs::path& file, std::size_t line, const std::string& message) {
        ++summary.rejected;
        observer.problem(file, line, Severity::kError, message);
    }

    std::vector<FileTask> classify(const std::vector<fs::path>& files);
    void index_files(const std::vector<fs::path>& files);
    void write_chunk(FileChunk& chunk);
    void start_file(const FileTask& task);
    void place_in_part(BuiltArticle& article, bool ours);
    void apply(const clusters::RekeyedArticles& rekeyed);
    void write_article(BuiltArticle& article);
    void hand_to_writers(BuiltArticle& article);
    void finish_writers();
    void finish_file(const FileChunk& chunk);
    void prune_missing_files();
    void commit();
};

namespace {

std::optional<FileState> stat_file(const fs::path& path, std::string& error) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        error = std::string("cannot read: ") + std::strerror(errno);
        return std::nullopt;
    }
    FileState state;
    state.path = path.string();
    state.size = static_cast<std::uint64_t>(st.st_size);
    state.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    return state;
}

/// The language to index in: the one asked for, else the one recorded.
std::string choose_language(const IndexerOptions& options, const Xapian::Database& db, bool fresh) {
    std::string recorded = db.get_metadata(std::string(schema::kMetaLanguage));
    if (!options.language) return recorded.empty() ? analysis::kDefaultLanguage : recorded;
    analysis::make_stemmer(*options.language);  // throws UsageError listing the languages
    if (!fresh && !recorded.empty() && recorded != *options.language)
        throw UsageError("the database " + options.db.string() + " was built with --language " + recorded +
                         "; to change its language, rebuild it: --rebuild --language " + *options.language);
    return *options.language;
}

/// New documents must not join ones written by another schema version: the
/// searcher reads every document by its own version's rules.
void check_schema_version(const Xapian::Database& db, const fs::path& path) {
    if (auto version = schema::other_schema_version(db))
        throw DatabaseError("the database " + path.string() + " has schema version " + *version +
                            ", this newsdesk-index writes version " + std::to_string(schema::kSchemaVersion) +
                            ": rebuild it with newsdesk-index --rebuild --db " + path.string() + " FILES...");
}

}  // namespace

std::vector<FileTask> Indexer::Run::classify(const std::vector<fs::path>& files) {
    std::vector<FileTask> tasks;
    for (const auto& path : files) {
        std::string error;
        auto state = stat_file(path, error);
        if (!state) {
            reject(path, 0, error);
            continue;
        }
        auto recorded = fresh ? std::nullopt : load_file_state(db, state->path);
        if (recorded && recorded->same_stat(*state)) {
            summary.unchanged += recorded->articles;
            summary.rejected_earlier += recorded->rejected;
            ++summary.files_unchanged;
            continue;
        }
        tasks.push_back({path, std::move(*state), std::move(recorded)});
    }
    return tasks;
}

void Indexer::Run::index_files(const std::vector<fs::path>& files) {
    std::vector<FileTask> tasks = classify(files);
    std::size_t done = files.size() - tasks.size();
    observer.progress(done, files.size(), 0);
    WorkQueue<FileChunk> chunks(4);
    ParserSettings settings{language, options.format, options.enrich, options.fields};
    std::thread reader([&] { parse_files(tasks, settings, chunks); });
    try {
        while (auto chunk = chunks.pop()) {
            if (chunk->failure) std::rethrow_exception(chunk->failure);
            write_chunk(*chunk);
            if (chunk->last) observer.progress(++done, files.size(), summary.indexed());
        }
    } catch (...) {
        chunks.close();
        reader.join();
        throw;
    }
    reader.join();
}

void Indexer::Run::write_chunk(FileChunk& chunk) {
    const FileTask& task = *chunk.task;
    const std::string file = task.path.string();
    if (!chunk.file_error.empty()) return reject(task.path, 0, chunk.file_error);
    if (chunk.unchanged) {  // touched, not changed
        summary.unchanged += task.recorded->articles;
        summary.rejected_earlier += task.recorded->rejected;
        ++summary.files_unchanged;
        FileState state = chunk.state;
        state.articles = task.recorded->articles;
        state.rejected = task.recorded->rejected;
        db.set_metadata(file_state_key(file), encode_file_state(state));
        return;
    }
    if (&task != current) start_file(task);
    for (const auto& p : chunk.problems) {
        ++(p.severity == Severity::kError ? summary.rejected : summary.warnings);
        current_rejected += p.severity == Severity::kError;
        observer.problem(task.path, p.line, p.severity, p.message);
    }
    for (auto& article : chunk.articles) {
        const bool ours = options.part.takes(article.id);
        if (part_stories) place_in_part(article, ours);
        if (ours) write_article(article);
        else ++summary.elsewhere;
    }
    if (chunk.last) finish_file(chunk);
}

void Indexer::Run::start_file(const FileTask& task) {
    current = &task;
    current_term = file_term(task.path.string());
    previous.clear();
    if (part_stories) part_stories->start_file(current_term);
    if (fresh) return;
    for (auto it = db.postlist_begin(current_term); it != db.postlist_end(current_term); ++it) previous.insert(*it);
}

void Indexer::Run::place_in_part(BuiltArticle& article, bool ours) {
    clusters::RekeyedArticles rekeyed;
    const std::string key =
        part_stories->place(article.document, schema::id_term(article.id), current_term, article.story, rekeyed);
    if (ours) clusters::set_cluster(article.document, key);
    apply(rekeyed);
}

void Indexer::Run::apply(const clusters::RekeyedArticles& rekeyed) {
    for (const auto& [id_term, key] : rekeyed) {
        if (writers) {
            auto given_as = given.find(id_term);
            if (given_as != given.end()) writers->rekey(given_as->second, key);
            continue;
        }
        auto found = db.postlist_begin(id_term);
        if (found != db.postlist_end(id_term)) clusters::move_to_cluster(db, *found, key);  // else another part's
    }
}

void Indexer::Run::write_article(BuiltArticle& article) {
    facets.add_summary(article.document, article.facets);
    if (writers) return hand_to_writers(article);
    spelling.add(article.document);
    const std::string id = schema::id_term(article.id);
    Xapian::docid old = 0;
    auto found = db.postlist_begin(id);
    if (found != db.postlist_end(id)) old = *found;
    if (!part_stories) stories.place(article.document, id, article.story, old);
    // By docid: with several shards, Xapian's replace by unique term returns
    // the docid within the shard, not the whole's.
    const Xapian::docid docid = old ? old : db.get_lastdocid() + 1;
    db.replace_document(docid, article.document);
    if (!part_stories) stories.written(docid, article.story);
    previous.erase(docid);
    ++(old ? summary.updated : summary.added);
    // Within a file too: an archive of a million articles is often one file,
    // and Xapian's pending changes grow slower to update and to look up
    // (the story clusters' lookups) as they grow. A file's record is
    // committed once it is whole; a run killed before then leaves the file
    // unrecorded, and the next run reads it again, replacing by id.
    if (++pending >= options.batch_size) commit();
}

void Indexer::Run::hand_to_writers(BuiltArticle& article) {
    const std::string id = schema::id_term(article.id);
    auto [it, added] = given.try_emplace(id, static_cast<Xapian::docid>(given.size() + 1));
    const Xapian::docid did = it->second;
    std::vector<std::pair<Xapian::docid, std::string>> rekeyed;
    if (!part_stories) {  // else placed already
        clusters::set_cluster(article.document, dealt_stories.place(did, id, article.story, rekeyed));
        stories.written(did, article.story);
    }
    writers->add(did, std::move(article.document));
    for (auto& [other, key] : rekeyed) writers->rekey(other, std::move(key));
    ++(added ? summary.added : summary.updated);
}

void Indexer::Run::finish_writers() {
    writers->finish();
    writers.reset();
    Xapian::WritableDatabase scratch = std::exchange(db, store.all);  // facets and stories now see the shards
    for (auto key = scratch.metadata_keys_begin(); key != scratch.metadata_keys_end(); ++key)
        db.set_metadata(*key, scratch.get_metadata(*key));
    if (!part_stories) stories.link_all(dealt_stories.window());
}

void Indexer::Run::finish_file(const FileChunk& chunk) {
    ++summary.files_read;
    current = nullptr;
    FileState state = chunk.state;
    state.rejected = std::exchange(current_rejected, 0);
    if (state.rejected > 0) {
        // A rejected record may be the new version of an article we hold:
        // keep the old ones the file did not give again. The file's state
        // is recorded all the same, with its rejected records, so that a
        // rerun over it unchanged neither reads it nor reports it again (a
        // cron job would otherwise redo it, and fail, every time); a change
        // to it is read in full, as any change is.
        state.articles += previous.size();
    } else {
        // Articles the file no longer holds.
        for (Xapian::docid docid : previous) {
            if (!part_stories) stories.forget(docid);
            db.delete_document(docid);
            ++summary.deleted;
        }
        pending += previous.size();
    }
    previous.clear();
    if (part_stories) {
        clusters::RekeyedArticles rekeyed;
        part_stories->finish_file(state.rejected > 0, rekeyed);
        apply(rekeyed);
    }
    db.set_metadata(file_state_key(state.path), encode_file_state(state));
    if (pending >= options.batch_size) commit();
}

void Indexer::Run::prune_missing_files() {
    std::vector<FileState> gone;
    for_each_file_state(db, [&](const FileState& s) {
        std::error_code ec;
        if (!fs::exists(s.path, ec) && !ec) gone.push_back(s);
    });
    for (const auto& s : gone) {
        const std::string term = file_term(s.path);
        std::vector<Xapian::docid> docids;
        for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) docids.push_back(*it);
        for (Xapian::docid docid : docids) {
            if (!part_stories) stories.forget(docid);
            db.delete_document(docid);
        }
        summary.deleted += docids.size();
        if (part_stories) {
            clusters::RekeyedArticles rekeyed;
            part_stories->forget_file(term, rekeyed);
            apply(rekeyed);
        }
        db.set_metadata(file_state_key(s.path), "");
    }
}

void Indexer::Run::commit() {
    if (part_stories) part_stories->commit();
    if (writers) return;  // they commit their shards themselves
    spelling.flush(db);
    store.commit();
    pending = 0;
}
bool ClusterPart::takes(std::string_view id) const {
    if (count <= 1) return true;
    // XXH3 of the id: the same on every machine and in every release.
    return std::stoull(schema::hex_hash64(id), nullptr, 16) % count == number - 1;
}

Indexer::Indexer(IndexerOptions options, IndexObserver& observer)
    : options_(std::move(options)), observer_(observer) {}

void Indexer::write_facet_column(int generation) {
    // Only a database of one directory has a column: a stub of shards counts
    // from the value stream.
    const std::vector<fs::path> databases =
        generation > 0 ? database_dir::shard_paths(options_.db, generation) : std::vector<fs::path>{options_.db};
    if (databases.size() != 1) return;
    try {
        schema::write_facet_column(databases.front());
    } catch (const std::exception& e) {
        // The index is committed: searches count from the value stream instead.
        observer_.problem(databases.front() / schema::kFacetColumnFile, 0, readers::Problem::Severity::kWarning,
                          std::string("cannot write the facet counts' file (searches count facets more slowly): ") +
                              e.what());
    }
}

void Indexer::open_part_stories(Run& run, bool fresh) {
    const fs::path path = database_dir::part_stories_path(options_.db, options_.rebuild);
    std::error_code ec;
    if (fresh || fs::exists(path, ec)) {
        run.part_stories.emplace(path, fresh, options_.batch_size);
        return;
    }
    // Indexed as a part before parts kept every part's stories: its
    // stories are its own articles'.
    observer_.problem(options_.db, 0, readers::Problem::Severity::kWarning,
                      "this part's stories are found among its own articles only, not every part's: "
                      "rebuild it (newsdesk-index --rebuild --shard " + std::to_string(options_.part.number) + "/" +
                          std::to_string(options_.part.count) + ") to find them as one database of all would");
}

IndexSummary Indexer::run(const std::vector<std::string>& inputs) {
    const auto start = std::chrono::steady_clock::now();
    IndexLock lock(options_.db, options_.wait_lock_seconds);
    try {
        int generation = 0;
        database_dir::WritableShards store;
        bool fresh = true;
        if (!options_.rebuild) {
            store = database_dir::open_live(options_.db);
            generation = database_dir::live_generation(options_.db);
            fresh = store.all.get_doccount() == 0;
            if (!fresh) check_schema_version(store.all, options_.db);
        }
        // A build from nothing goes into a generation of its own, in parallel
        // when it may (switched in once whole, as a rebuild is), unless it is
        // one writer's into the empty live one.
        const bool own_generation = options_.rebuild || (fresh && options_.jobs > 1 && generation > 0);
        std::string language;
        if (own_generation) {
            language = choose_language(options_, store.all, true);
            store = {};
            generation = database_dir::create_next_generation(options_.db);
            store = database_dir::create_shards(options_.db, generation, options_.jobs);
        } else {
            language = choose_language(options_, store.all, fresh);
        }
        analysis::record_language(store.all, language);
        store.all.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));

        Run run(options_, observer_, store, language, fresh);
        if (options_.part.count > 1) open_part_stories(run, fresh);
        const bool parallel = fresh && store.shards.size() > 1;
        const fs::path scratch = database_dir::generation_path(options_.db, generation) / "metadata-scratch";
        if (parallel)  // removed once the writers are done: its commits need not reach the disk
            run.start_writers(Xapian::WritableDatabase(scratch.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC));
        auto files = collect_input_files(inputs, [&](const fs::path& p, const std::string& message) {
            run.reject(p, 0, message);
        });
        run.index_files(files);
        if (run.writers) run.finish_writers();
        if (options_.prune && !options_.rebuild) run.prune_missing_files();
        run.commit();
        run.part_stories.reset();
        store = {};
        if (parallel) {
            std::error_code ignored;
            fs::remove_all(scratch, ignored);
        }
        // An index built from nothing is compacted, into the next generation
        // (switched in as a rebuild is). Incremental runs leave it as it is.
        const bool compact = fresh && generation > 0 && run.summary.added > 0;
        if (compact) generation = database_dir::compact_into_next_generation(options_.db, generation, !options_.keep_shards);
        else if (own_generation) database_dir::sync_generation(options_.db, generation);
        if (own_generation || compact) {
            database_dir::switch_to(options_.db, generation);
            database_dir::remove_generations_except(options_.db, generation);
            if (options_.rebuild && options_.part.count > 1) {
                // The stories of the new generation's articles follow it in.
                const fs::path live = database_dir::part_stories_path(options_.db);
                std::error_code ec;
                fs::remove_all(live, ec);
                if (!ec) fs::rename(database_dir::part_stories_path(options_.db, true), live, ec);
                if (ec)
                    throw DatabaseError("cannot move the rebuilt stories into " + live.string() + ": " + ec.message() +
                                        "; the index is rebuilt, and --rebuild again rebuilds its stories too");
            }
        }
        write_facet_column(generation);
        run.summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return run.summary;
    } catch (const Xapian::DatabaseLockError& e) {
        throw LockedError("database " + options_.db.string() + " is locked by another Xapian writer: " + e.get_msg());
    } catch (const Xapian::Error& e) {
        throw DatabaseError(options_.db.string() + ": " + e.get_description());
    }
}

}  // namespace newsdesk
