#include "shards.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "error.h"
#include "schema.h"

namespace newsdesk::search {

namespace {

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) return "";
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

/// Where the stub of @p db_path is: its XAPIANDB, or the file itself.
std::filesystem::path stub_path(const std::string& db_path) {
    std::error_code ec;
    if (std::filesystem::is_directory(db_path, ec)) return std::filesystem::path(db_path) / "XAPIANDB";
    return db_path;
}

/// Reads a "# newsdesk: KEY VALUE" setting into @p stub.
void read_setting(const std::string& setting, RemoteStub& stub, const std::string& where) {
    std::istringstream words(setting);
    std::string key, value, extra;
    words >> key >> value >> extra;
    if (key == "timeout") {
        double seconds = 0;
        try {
            std::size_t used = 0;
            seconds = std::stod(value, &used);
            if (used != value.size()) seconds = -1;
        } catch (const std::exception&) {
            seconds = -1;
        }
        if (!extra.empty() || !(seconds > 0 && seconds <= 3600))
            throw DatabaseError(where + ": the timeout must be a number of seconds above 0, up to 3600, not '" + value + "'");
        stub.timeout_seconds = seconds;
    } else if (key == "missing-shards") {
        if (value == "partial") stub.missing = MissingShards::kPartial;
        else if (value == "error") stub.missing = MissingShards::kError;
        else throw DatabaseError(where + ": missing-shards is 'partial' or 'error', not '" + value + "'");
    } else {
        throw DatabaseError(where + ": unknown setting '" + key + "' (newsdesk reads 'timeout SECONDS' and "
                            "'missing-shards partial|error')");
    }
}

/// The shard that stub line @p rest (after its type) names.
ShardLine remote_line(const std::string& rest, const std::string& where) {
    ShardLine line;
    if (!rest.empty() && rest[0] == ':') {
        line.kind = ShardLine::Kind::kProgram;
        const auto space = rest.find(' ');
        line.program = rest.substr(1, space == std::string::npos ? std::string::npos : space - 1);
        line.args = space == std::string::npos ? "" : trimmed(rest.substr(space + 1));
        line.name = line.program;
        return line;
    }
    const auto colon = rest.rfind(':');
    unsigned long port = 0;
    if (colon != std::string::npos && colon > 0) {
        const std::string digits = rest.substr(colon + 1);
        if (!digits.empty() && digits.size() <= 5 && digits.find_first_not_of("0123456789") == std::string::npos)
            port = std::stoul(digits);
    }
    if (port == 0 || port > 65535)
        throw DatabaseError(where + ": a remote shard is 'remote HOST:PORT' (or 'remote :PROGRAM ARGS'), not 'remote " +
                            rest + "'");
    line.kind = ShardLine::Kind::kTcp;
    line.host = rest.substr(0, colon);
    line.port = static_cast<unsigned>(port);
    line.name = rest;
    return line;
}

Xapian::Database open_shard(const ShardLine& line, const std::filesystem::path& stub_dir, double timeout_seconds) {
    const auto ms = static_cast<useconds_t>(std::lround(timeout_seconds * 1000));
    switch (line.kind) {
        case ShardLine::Kind::kTcp:
            return Xapian::Remote::open(line.host, line.port, ms, ms);
        case ShardLine::Kind::kProgram:
            return Xapian::Remote::open(line.program, line.args, ms);
        case ShardLine::Kind::kLocal:
            break;
    }
    std::filesystem::path path(line.path);
    return Xapian::Database(path.is_absolute() ? path.string() : (stub_dir / path).string());
}

/// Whether @p shard has a facet dictionary of its own (the shards of a
/// parallel build after the first have no metadata at all).
bool has_dictionary(const Xapian::Database& shard) {
    const std::string prefix(schema::kMetaFacetPrefix);
    return shard.metadata_keys_begin(prefix) != shard.metadata_keys_end(prefix);
}

}  // namespace

std::string stub_text(const std::string& db_path) {
    std::ifstream in(stub_path(db_path), std::ios::binary);
    std::string text(std::size_t{64} << 10, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
}

std::optional<RemoteStub> read_remote_stub(const std::string& db_path) {
    const std::filesystem::path path = stub_path(db_path);
    std::ifstream in(path);
    if (!in) return std::nullopt;
    RemoteStub stub;
    stub.path = path.string();
    bool remote = false;
    std::string raw;
    for (unsigned number = 1; std::getline(in, raw); ++number) {
        const std::string where = stub.path + " line " + std::to_string(number);
        const std::string text = trimmed(raw);
        if (text.empty()) continue;
        if (text[0] == '#') {
            const std::string body = trimmed(text.substr(1));
            if (body.rfind("newsdesk:", 0) == 0) read_setting(trimmed(body.substr(9)), stub, where);
            continue;
        }
        const auto space = text.find_first_of(" \t");
        const std::string type = text.substr(0, space);
        const std::string rest = space == std::string::npos ? "" : trimmed(text.substr(space));
        if (type == "remote") {
            stub.shards.push_back(remote_line(rest, where));
            remote = true;
        } else if ((type == "auto" || type == "glass") && !rest.empty()) {
            ShardLine line;
            line.path = line.name = rest;
            stub.shards.push_back(line);
        } else {
            // Not ours to read: Xapian opens the stub, and says what is wrong.
            return std::nullopt;
        }
    }
    if (!remote) return std::nullopt;
    return stub;
}

ShardSet::ShardSet(const RemoteStub& stub) {
    const std::filesystem::path stub_dir = std::filesystem::path(stub.path).parent_path();
    for (const ShardLine& line : stub.shards) {
        try {
            Xapian::Database shard = open_shard(line, stub_dir, stub.timeout_seconds);
            if (has_dictionary(shard)) {
                groups_.push_back({shard, DictionaryCache(shard)});
            } else if (!groups_.empty()) {
                // Written by a parallel build, whose first shard holds the
                // dictionary: the last shard before it that has one.
                groups_.back().shards.add_database(shard);
            } else {
                missing_.push_back(line.name);
                reasons_.push_back(line.name + ": its facet dictionary is in the shard before it, which cannot be reached "
                                   "(a parallel build's first shard holds it: list that first)");
                continue;
            }
            all_.add_database(shard);
        } catch (const Xapian::Error& e) {
            missing_.push_back(line.name);
            reasons_.push_back(line.name + ": " + e.get_description());
        }
    }
}

}  // namespace newsdesk::search
