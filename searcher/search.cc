#include "search.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string_view>
#include <utility>

#include "analysis.h"
#include "dates.h"
#include "error.h"
#include "hits.h"
#include "newest.h"
#include "schema.h"
#include "search_run.h"
#include "shards.h"

namespace newsdesk::search {

namespace {

/// A search that keeps meeting a database being rewritten gives up after this many tries.
constexpr int kAttempts = 3;


std::string how_to_build(const std::string& path) {
    return "run newsdesk-index --db " + path + " FILES... first to build it";
}

void check_schema_version(const Xapian::Database& db, const std::string& path) {
    if (auto version = schema::other_schema_version(db))
        throw DatabaseError("the database " + path + " has schema version " + *version + ", this program reads version " +
                            std::to_string(schema::kSchemaVersion) + ": rebuild it with newsdesk-index --rebuild --db " + path);
}

Xapian::Database open_database(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw DatabaseError("no newsdesk database at " + path + ": " + how_to_build(path));
    const std::string stub = stub_text(path);
    try {
        Xapian::Database db(path);
        check_schema_version(db, path);
        return db;
    } catch (const Xapian::DatabaseOpeningError& e) {
        // newsdesk-index switched the stub to a new generation, and removed
        // the one it named, between Xapian's reading it and opening its
        // files: the caller opens the new one.
        if (stub_text(path) != stub) throw Xapian::DatabaseModifiedError("switched to a new generation while opened");
        throw DatabaseError("cannot open the database " + path + " (" + e.get_msg() + "); if it is not a newsdesk database, " +
                            how_to_build(path));
    } catch (const Xapian::DatabaseModifiedError&) {
        throw;  // an indexer committed twice while we opened it: the caller opens it again
    } catch (const Xapian::Error& e) {
        throw DatabaseError("cannot read the database " + path + ": " + e.get_description());
    }
}

void check_limits(const SearchRequest& request) {
    if (request.limit > kMaxLimit)
        throw UsageError("limit " + std::to_string(request.limit) + " is over the maximum, " + std::to_string(kMaxLimit));
    if (request.offset > kMaxOffset)
        throw UsageError("offset " + std::to_string(request.offset) + " is over the maximum, " + std::to_string(kMaxOffset));
    if (!(request.time_limit_seconds >= 0)) throw UsageError("the time limit must be a number of seconds, 0 or more");
    if (!(request.half_life_days >= kMinHalfLifeDays && request.half_life_days <= kMaxHalfLifeDays))
        throw UsageError("the half-life must be from an hour to a century (" + std::string(kHalfLifeForms) + ")");
    if (!request.now.empty() && !dates::seconds_between(request.now, request.now))
        throw UsageError("now '" + request.now + "' is not a date as YYYYMMDDHHMMSS");
}

}  // namespace

std::string partial_note(const std::vector<std::string>& missing_shards) {
    std::string names;
    for (const auto& name : missing_shards) names += (names.empty() ? "" : ", ") + name;
    return "Partial results: " + std::string(missing_shards.size() == 1 ? "the shard " : "the shards ") + names +
           " could not be reached, and " + (missing_shards.size() == 1 ? "its" : "their") +
           " articles are missing from the results and counts.";
}

Sort parse_sort(const std::string& name) {
    if (name == "relevance") return Sort::kRelevance;
    if (name == "newest") return Sort::kNewest;
    if (name == "oldest") return Sort::kOldest;
    if (name == "fresh") return Sort::kFresh;
    throw UsageError("unknown sort order '" + name + "' (choose relevance, newest, oldest or fresh)");
}

std::optional<double> parse_half_life(std::string_view text) {
    if (text.empty() || text.size() > 20) return std::nullopt;
    const char unit = text.back();
    const std::string number(text.substr(0, text.size() - 1));
    if (number.empty() || number.find_first_not_of("0123456789.") != std::string::npos) return std::nullopt;
    std::size_t used = 0;
    double count = 0;
    try {
        count = std::stod(number, &used);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    if (used != number.size()) return std::nullopt;
    double days = 0;
    switch (unit) {
        case 'h': days = count / 24; break;
        case 'd': days = count; break;
        case 'w': days = count * 7; break;
        case 'm': days = count * 30; break;
        case 'y': days = count * 365; break;
        default: return std::nullopt;
    }
    // A little slack for rounding: "1h" is exactly the shortest.
    if (!(days >= kMinHalfLifeDays * (1 - 1e-9) && days <= kMaxHalfLifeDays)) return std::nullopt;
    return std::max(days, kMinHalfLifeDays);
}

std::optional<std::string> parse_now(std::string_view text) {
    // No moment to count from: relative dates are refused.
    return dates::parse_bound(text, dates::Bound::kEnd, "");
}

Match parse_match(const std::string& name) {
    if (name == "auto") return Match::kAuto;
    if (name == "all") return Match::kAll;
    if (name == "any") return Match::kAny;
    throw UsageError("unknown match mode '" + name + "' (choose auto, all or any)");
}

Searcher::Searcher(std::string path) : path_(std::move(path)) {
    for (int attempt = 1;; ++attempt) {
        try {
            open();
            return;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt == kAttempts)
                throw DatabaseError("the database " + path_ + " kept changing while it was opened; try again");
        }
    }
}

Searcher::~Searcher() = default;

namespace {

/// @throws UnavailableError when no shard of @p stub answered, or one did
/// not and the stub wants every one.
void check_reachable(const RemoteStub& stub, const ShardSet& shards) {
    if (shards.missing().empty()) return;
    std::string why;
    for (const auto& reason : shards.reasons()) why += (why.empty() ? "" : "; ") + reason;
    const bool none = shards.missing().size() == stub.shards.size();
    if (none || stub.missing == MissingShards::kError)
        throw UnavailableError(std::string(none ? "no shard of " + stub.path + " could be reached (" :
                                                  "a shard of " + stub.path + " could not be reached (") +
                               why + ")" + (none ? "" : "; '# newsdesk: missing-shards partial' in the stub answers "
                                                         "from the others"));
}

}  // namespace

void Searcher::open() {
    // Read afresh each time: a stub edited by hand, or shards that answer again.
    auto opened = std::make_unique<OpenedDatabase>();
    if (std::optional<RemoteStub> stub = read_remote_stub(path_)) {
        opened->shards = std::make_unique<ShardSet>(*stub);
        check_reachable(*stub, *opened->shards);
        opened->db = opened->shards->all();
        check_schema_version(opened->db, path_);
    } else {
        opened->db = open_database(path_);
        opened->dictionary.emplace(opened->db);
        opened->months = month_terms(opened->db);
        opened->column = schema::FacetColumn::open_for(path_, opened->db);
    }
    opened->languages = analysis::read_languages(opened->db);
    opened->stemmer = remembering(analysis::make_stemmer(opened->languages.recorded));
    opened->stem_keeps_first_letter = analysis::stemming_keeps_first_letter(opened->languages.recorded);
    opened_ = std::move(opened);
}

SearchResult Searcher::search(const SearchRequest& request) {
    check_limits(request);
    // The query's relative dates (date:today, parsed by analysis.h's field
    // processor), the filters' and Sort::kFresh's decay count from one moment.
    const dates::NowScope as_of(request.now.empty() ? dates::now() : request.now);
    auto start = std::chrono::steady_clock::now();
    bool reopen = false;
    for (int attempt = 1;; ++attempt) {
        try {
            // Opened again here, not in the handler below: an indexer may
            // commit again while the path is being opened.
            // Shards that did not answer are tried again at every search.
            if (std::exchange(reopen, false) || (opened_->shards && !opened_->shards->missing().empty())) open();
            SearchResult result = run_search(*opened_, request);
            result.elapsed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            return result;
        } catch (const Xapian::DatabaseModifiedError&) {
            // An indexer committed over the revision we were reading: read the
            // latest one (opening the path again also follows a --rebuild switch).
            if (attempt == kAttempts)
                throw DatabaseError("the database " + path_ + " kept changing during the search; try again");
            reopen = true;
        } catch (const Xapian::NetworkError& e) {
            // A remote shard stopped answering (killed, or past its timeout):
            // connecting again leaves it out, or gets the answer from it.
            if (!opened_->shards) throw DatabaseError("cannot read the database " + path_ + ": " + e.get_description());
            if (attempt == kAttempts)
                throw UnavailableError("the shards of " + path_ + " kept failing during the search: " + e.get_description());
            reopen = true;
        } catch (const Xapian::DatabaseError& e) {
            throw DatabaseError("cannot read the database " + path_ + ": " + e.get_description());
        } catch (const Xapian::Error& e) {
            throw Error("the search failed: " + e.get_description());
        }
    }
}

}  // namespace newsdesk::search
