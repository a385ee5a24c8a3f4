#include "database_dir.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>
#include <system_error>
#include <thread>

#include "error.h"

namespace fs = std::filesystem;

namespace newsdesk::database_dir {

namespace {

constexpr const char* kStub = "XAPIANDB";
constexpr const char* kGenerationPrefix = "gen-";
constexpr const char* kShardPrefix = "shard-";
constexpr const char* kPartStories = "part-stories";

int generation_number(const std::string& name) {
    if (!name.starts_with(kGenerationPrefix)) return 0;
    std::string digits = name.substr(std::strlen(kGenerationPrefix));
    if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos)
        return 0;
    return std::stoi(digits);
}

[[noreturn]] void fail(const fs::path& path, const std::string& what) {
    throw DatabaseError(path.string() + ": " + what);
}

/// Write @p content to @p path and fsync it, so a rename over the stub
/// never exposes an empty or partial file after a crash.
void write_synced(const fs::path& path, const std::string& content) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) fail(path, std::string("cannot write: ") + std::strerror(errno));
    bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
    ok = ::fsync(fd) == 0 && ok;
    ::close(fd);
    if (!ok) fail(path, std::string("cannot write: ") + std::strerror(errno));
}

void sync_directory(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

bool is_plain_xapian_database(const fs::path& db) {
    std::error_code ec;
    return fs::exists(db / "iamglass", ec) || fs::exists(db / "iamchert", ec);
}

/// Whether @p db holds anything but what newsdesk puts there (its lock, a
/// stub being written, generations): indexing into a directory of someone
/// else's files would bury them in ours.
bool holds_foreign_files(const fs::path& db) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(db, ec)) {
        std::string name = entry.path().filename().string();
        if (name != "newsdesk.lock" && !name.starts_with(kStub) && !name.starts_with(kPartStories) &&
            generation_number(name) == 0)
            return true;
    }
    return false;
}

Xapian::WritableDatabase open_shard(const fs::path& path, int action) {
    try {
        return Xapian::WritableDatabase(path.string(), action);
    } catch (const Xapian::DatabaseLockError&) {
        throw;
    } catch (const Xapian::Error& e) {
        fail(path, "cannot open the database: " + e.get_msg() +
                       " (check it with xapian-check; --rebuild makes a new one)");
    }
}

WritableShards open_shards(const std::vector<fs::path>& paths, int action) {
    WritableShards opened;
    for (const auto& path : paths) {
        opened.shards.push_back(open_shard(path, action));
        opened.all.add_database(opened.shards.back());
    }
    return opened;
}

}  // namespace

void WritableShards::commit() {
    for (auto shard = shards.rbegin(); shard != shards.rend(); ++shard) shard->commit();
}

int live_generation(const fs::path& db) {
    std::ifstream in(db / kStub);
    std::string keyword, target;
    if (!(in >> keyword >> target) || keyword != "auto") return 0;
    return generation_number(target.substr(0, target.find('/')));
}

std::vector<fs::path> shard_paths(const fs::path& db, int number) {
    const fs::path generation = generation_path(db, number);
    std::vector<fs::path> shards;
    std::error_code ec;
    for (int shard = 0; fs::is_directory(generation / (kShardPrefix + std::to_string(shard)), ec); ++shard)
        shards.push_back(generation / (kShardPrefix + std::to_string(shard)));
    if (shards.empty()) shards.push_back(generation);
    return shards;
}

fs::path generation_path(const fs::path& db, int number) {
    return db / (kGenerationPrefix + std::to_string(number));
}

fs::path part_stories_path(const fs::path& db, bool rebuilding) {
    return db / (std::string(kPartStories) + (rebuilding ? ".rebuild" : ""));
}

WritableShards open_live(const fs::path& db) {
    std::error_code ec;
    if (is_plain_xapian_database(db)) return open_shards({db}, Xapian::DB_CREATE_OR_OPEN);
    int live = live_generation(db);
    if (live == 0) {
        if (fs::exists(db, ec) && !fs::is_directory(db, ec))
            fail(db, "exists and is not a directory; give --db a directory");
        if (holds_foreign_files(db))
            fail(db, "is a directory with other files in it, not a newsdesk database; "
                     "give --db a new or empty directory");
        fs::create_directories(db, ec);
        if (ec) fail(db, "cannot create the database directory: " + ec.message());
        live = 1;
    }
    WritableShards opened = open_shards(shard_paths(db, live), Xapian::DB_CREATE_OR_OPEN);
    if (live_generation(db) != live) switch_to(db, live);
    return opened;
}

int create_next_generation(const fs::path& db) {
    int next = live_generation(db) + 1;
    fs::path path = generation_path(db, next);
    std::error_code ec;
    fs::remove_all(path, ec);  // left over by a rebuild that was killed
    fs::create_directories(db, ec);
    if (ec) fail(db, "cannot create the database directory: " + ec.message());
    return next;
}

WritableShards create_shards(const fs::path& db, int number, unsigned count) {
    std::vector<fs::path> paths;
    std::error_code ec;
    fs::create_directories(generation_path(db, number), ec);
    if (ec) fail(generation_path(db, number), "cannot create the new index: " + ec.message());
    if (count <= 1) paths.push_back(generation_path(db, number));
    for (unsigned shard = 0; count > 1 && shard < count; ++shard)
        paths.push_back(generation_path(db, number) / (kShardPrefix + std::to_string(shard)));
    // About 5% of a Reuters build waited for fsync at each batch's commit.
    return open_shards(paths, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
}

void sync_generation(const fs::path& db, int number) {
    const fs::path root = generation_path(db, number);
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (it->is_directory(ec)) {
            sync_directory(it->path());
            continue;
        }
        const int fd = ::open(it->path().c_str(), O_RDONLY | O_CLOEXEC);
        const bool synced = fd >= 0 && ::fsync(fd) == 0;
        if (fd >= 0) ::close(fd);
        if (!synced) fail(it->path(), std::string("cannot flush the new index to disk: ") + std::strerror(errno));
    }
    if (ec) fail(root, "cannot flush the new index to disk: " + ec.message());
    sync_directory(root);
}

int compact_into_next_generation(const fs::path& db, int number, bool merge) {
    const int next = number + 1;
    const fs::path path = generation_path(db, next);
    std::error_code ec;
    fs::remove_all(path, ec);  // left over by a run that was killed
    const std::vector<fs::path> from = shard_paths(db, number);
    if (merge && from.size() > 1) {
        try {
            Xapian::Database all;
            for (const auto& shard : from) all.add_database(Xapian::Database(shard.string()));
            // Renumbered: the first shard's documents, then the second's, ...
            // (the metadata is the first shard's, which holds it all).
            all.compact(path.string(), Xapian::Compactor::FULL);
        } catch (const Xapian::Error& e) {
            fail(path, "cannot compact the new index: " + e.get_description());
        }
        return next;
    }
    if (from.size() > 1) fs::create_directories(path, ec);
    std::vector<std::string> errors(from.size());
    std::vector<std::thread> compactors;
    for (std::size_t i = 0; i < from.size(); ++i) {
        // Each shard keeps its docids, so that the shards still interleave.
        const fs::path to = from.size() == 1 ? path : path / from[i].filename();
        compactors.emplace_back([&, i, to] {
            try {
                Xapian::Database(from[i].string()).compact(to.string(), Xapian::DBCOMPACT_NO_RENUMBER | Xapian::Compactor::FULL);
            } catch (const Xapian::Error& e) {
                errors[i] = e.get_description();
            }
        });
    }
    for (auto& compactor : compactors) compactor.join();
    for (const auto& error : errors)
        if (!error.empty()) fail(path, "cannot compact the new index: " + error);
    return next;
}

void switch_to(const fs::path& db, int number) {
    std::string stub;
    for (const auto& shard : shard_paths(db, number)) stub += "auto " + shard.lexically_relative(db).string() + "\n";
    fs::path tmp = db / (std::string(kStub) + ".new");
    write_synced(tmp, stub);
    std::error_code ec;
    fs::rename(tmp, db / kStub, ec);
    if (ec) fail(db / kStub, "cannot switch to the new index: " + ec.message());
    sync_directory(db);
}

void remove_generations_except(const fs::path& db, int keep) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(db, ec)) {
        int number = generation_number(entry.path().filename().string());
        if (number != 0 && number != keep) fs::remove_all(entry.path(), ec);
    }
}

}  // namespace newsdesk::database_dir
