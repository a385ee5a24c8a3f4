#include "file_state.h"

#include "hash.h"

#include <sstream>

namespace newsdesk {

std::string content_hash(std::string_view content) {
    return schema::hex_hash128(content);
}

std::string file_state_key(std::string_view path) {
    // Metadata keys are limited in length; paths are not.
    return std::string(schema::kMetaFilePrefix) + content_hash(path);
}

// "2 SIZE MTIME_NS HASH ARTICLES REJECTED PATH": a version, then the path last
// so it may hold spaces. Version 1, written before rejected records were
// remembered, has no REJECTED.
std::string encode_file_state(const FileState& s) {
    std::ostringstream out;
    out << "2 " << s.size << ' ' << s.mtime_ns << ' ' << s.hash << ' ' << s.articles << ' ' << s.rejected << ' '
        << s.path;
    return out.str();
}

std::optional<FileState> decode_file_state(const std::string& encoded) {
    std::istringstream in(encoded);
    int version = 0;
    FileState s;
    if (!(in >> version >> s.size >> s.mtime_ns >> s.hash >> s.articles) || (version != 1 && version != 2))
        return std::nullopt;
    if (version == 2 && !(in >> s.rejected)) return std::nullopt;
    in.get();  // the space before the path
    std::getline(in, s.path, '\0');
    if (s.path.empty()) return std::nullopt;
    return s;
}

std::optional<FileState> load_file_state(const Xapian::Database& db, std::string_view path) {
    std::string encoded = db.get_metadata(file_state_key(path));
    if (encoded.empty()) return std::nullopt;
    return decode_file_state(encoded);
}

}  // namespace newsdesk
