#include "indexer.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <unordered_set>

#include "analysis.h"
#include "database_dir.h"
#include "document_builder.h"
#include "error.h"
#include "file_state.h"
#include "index_lock.h"
#include "input_files.h"
#include "schema.h"

namespace fs = std::filesystem;

namespace newsdesk {

using Severity = readers::Problem::Severity;

/// One run of the indexer over one database: the state shared by its steps.
struct Indexer::Run {
    const IndexerOptions& options;
    IndexObserver& observer;
    Xapian::WritableDatabase db;
    DocumentBuilder builder;
    IndexSummary summary;
    bool fresh;                  ///< the database was empty when the run began
    std::size_t pending = 0;     ///< articles since the last commit
    std::unordered_set<std::string> labels_written;

    Run(const IndexerOptions& o, IndexObserver& obs, Xapian::WritableDatabase database, const std::string& language)
        : options(o), observer(obs), db(std::move(database)), builder(language), fresh(db.get_doccount() == 0) {
        builder.enable_spelling(db);
    }

    void reject(const fs::path& file, std::size_t line, const std::string& message) {
        ++summary.rejected;
        observer.problem(file, line, Severity::kError, message);
    }

    void index_file(const fs::path& path);
    void index_articles(const fs::path& path, std::vector<Article>& articles);
    void record_labels(std::string_view facet, const std::vector<FacetValue>& values);
    void prune_missing_files();
    void commit_if_due();
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

}  // namespace

void Indexer::Run::record_labels(std::string_view facet, const std::vector<FacetValue>& values) {
    for (const auto& v : values) {
        if (v.value.empty() || v.label.empty()) continue;
        std::string key = schema::label_key(facet, v.value);
        if (labels_written.insert(key).second) db.set_metadata(key, v.label);
    }
}

void Indexer::Run::index_articles(const fs::path& path, std::vector<Article>& articles) {
    const std::string file = path.string();
    std::unordered_set<Xapian::docid> previous;
    if (!fresh) {
        const std::string term = file_term(file);
        for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) previous.insert(*it);
    }
    for (auto& article : articles) {
        if (options.enrich) options.enrich(article);
        record_labels("actor", article.actors);
        record_labels("region", article.regions);
        record_labels("topic", article.topics);
        const std::string id = id_term(article.id);
        const bool existed = !fresh && db.term_exists(id);
        Xapian::docid docid = db.replace_document(id, builder.build(article, file));
        previous.erase(docid);
        ++(existed ? summary.updated : summary.added);
    }
    // Articles the file no longer holds.
    for (Xapian::docid docid : previous) {
        db.delete_document(docid);
        ++summary.deleted;
    }
    pending += articles.size() + previous.size();
}

void Indexer::Run::index_file(const fs::path& path) {
    std::string error;
    auto state = stat_file(path, error);
    if (!state) return reject(path, 0, error);
    auto old = fresh ? std::nullopt : load_file_state(db, state->path);
    if (old && old->same_stat(*state)) {
        summary.unchanged += old->articles;
        ++summary.files_unchanged;
        return;
    }
    std::string content;
    try {
        content = read_input_file(path);
    } catch (const InputError& e) {
        return reject(path, 0, e.what());
    }
    if (auto whole = readers::check_whole_file(content); !whole.empty()) return reject(path, 0, whole);
    state->size = content.size();
    state->hash = content_hash(content);
    if (old && old->hash == state->hash) {  // touched, not changed
        state->articles = old->articles;
        summary.unchanged += old->articles;
        ++summary.files_unchanged;
        db.set_metadata(file_state_key(state->path), encode_file_state(*state));
        return;
    }
    auto format = options.format != readers::Format::kAuto
                      ? options.format
                      : readers::detect_format(path, std::string_view(content).substr(0, 4096));
    auto result = readers::read_articles(format, content, path);
    for (const auto& p : result.problems) {
        if (p.severity == Severity::kError) ++summary.rejected;
        else ++summary.warnings;
        observer.problem(path, p.line, p.severity, p.message);
    }
    ++summary.files_read;
    index_articles(path, result.articles);
    state->articles = result.articles.size();
    db.set_metadata(file_state_key(state->path), encode_file_state(*state));
    commit_if_due();
}

void Indexer::Run::prune_missing_files() {
    std::vector<FileState> gone;
    for_each_file_state(db, [&](const FileState& s) {
        std::error_code ec;
        if (!fs::exists(s.path, ec) && !ec) gone.push_back(s);
    });
    for (const auto& s : gone) {
        const std::string term = file_term(s.path);
        summary.deleted += db.get_termfreq(term);
        db.delete_document(term);
        db.set_metadata(file_state_key(s.path), "");
    }
}

void Indexer::Run::commit_if_due() {
    if (pending < options.batch_size) return;
    db.commit();
    pending = 0;
}

Indexer::Indexer(IndexerOptions options, IndexObserver& observer)
    : options_(std::move(options)), observer_(observer) {}

IndexSummary Indexer::run(const std::vector<std::string>& inputs) {
    const auto start = std::chrono::steady_clock::now();
    IndexLock lock(options_.db, options_.wait_lock_seconds);
    try {
        int generation = 0;
        Xapian::WritableDatabase db;
        if (options_.rebuild) {
            generation = database_dir::create_next_generation(options_.db);
            db = Xapian::WritableDatabase(database_dir::generation_path(options_.db, generation).string(),
                                          Xapian::DB_CREATE_OR_OVERWRITE);
        } else {
            db = database_dir::open_live(options_.db);
        }
        const bool fresh = db.get_doccount() == 0;
        const std::string language = choose_language(options_, db, fresh);
        analysis::record_language(db, language);
        db.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));

        Run run(options_, observer_, db, language);
        auto files = collect_input_files(inputs, [&](const fs::path& p, const std::string& message) {
            run.reject(p, 0, message);
        });
        for (std::size_t i = 0; i < files.size(); ++i) {
            run.index_file(files[i]);
            observer_.progress(i + 1, files.size(), run.summary.indexed());
        }
        if (options_.prune && !options_.rebuild) run.prune_missing_files();
        db.commit();
        db.close();
        if (options_.rebuild) {
            database_dir::switch_to(options_.db, generation);
            database_dir::remove_generations_except(options_.db, generation);
        }
        run.summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return run.summary;
    } catch (const Xapian::DatabaseLockError& e) {
        throw LockedError("database " + options_.db.string() + " is locked by another Xapian writer: " + e.get_msg());
    } catch (const Xapian::Error& e) {
        throw DatabaseError(options_.db.string() + ": " + e.get_description());
    }
}

}  // namespace newsdesk
