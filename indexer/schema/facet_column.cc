#include "facet_column.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include "schema.h"

namespace newsdesk::schema {

namespace fs = std::filesystem;

namespace {

constexpr char kMagic[4] = {'N', 'D', 'F', 'C'};
constexpr std::uint32_t kVersion = 1;

template <typename T>
void put(std::string& out, T value) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out.append(bytes, sizeof(T));
}

/// The header: everything before the offsets.
std::string header(const Xapian::Database& db) {
    std::string out(kMagic, sizeof kMagic);
    put<std::uint32_t>(out, kVersion);
    put<std::uint64_t>(out, db.get_revision());
    put<std::uint32_t>(out, db.get_lastdocid());
    const std::string uuid = db.get_uuid();
    put<std::uint32_t>(out, static_cast<std::uint32_t>(uuid.size()));
    out += uuid;
    out.append((4 - out.size() % 4) % 4, '\0');  // the offsets that follow are read in place
    return out;
}

}  // namespace

struct FacetColumn::Mapping {
    void* address = MAP_FAILED;
    std::size_t size = 0;
    ~Mapping() {
        if (address != MAP_FAILED) munmap(address, size);
    }
};

void write_facet_column(const fs::path& directory) {
    const Xapian::Database db(directory.string());
    if (FacetColumn::open(directory, db)) return;  // this revision's already
    // Two passes over the value stream, the offsets first: only they are
    // held in memory (4 bytes an article), not the summaries.
    const Xapian::docid last = db.get_lastdocid();
    std::vector<std::uint32_t> offsets(static_cast<std::size_t>(last) + 2, 0);
    std::uint64_t size = 0;
    Xapian::docid next = 1;
    for (auto it = db.valuestream_begin(kFacetSummarySlot); it != db.valuestream_end(kFacetSummarySlot); ++it) {
        for (; next <= it.get_docid(); ++next) offsets[next] = static_cast<std::uint32_t>(size);
        size += (*it).size();
        if (size > UINT32_MAX) return;  // past what the offsets hold: counting reads the value stream
    }
    for (; next <= last + 1; ++next) offsets[next] = static_cast<std::uint32_t>(size);
    const fs::path partial = directory / (std::string(kFacetColumnFile) + ".partial");
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        const std::string head = header(db);
        out.write(head.data(), static_cast<std::streamsize>(head.size()));
        out.write(reinterpret_cast<const char*>(offsets.data()), static_cast<std::streamsize>(offsets.size() * 4));
        for (auto it = db.valuestream_begin(kFacetSummarySlot); it != db.valuestream_end(kFacetSummarySlot); ++it) {
            const std::string summary = *it;
            out.write(summary.data(), static_cast<std::streamsize>(summary.size()));
        }
        out.flush();
        if (!out) throw std::system_error(errno, std::generic_category(), "cannot write " + partial.string());
    }
    fs::rename(partial, directory / kFacetColumnFile);
}

std::optional<FacetColumn> FacetColumn::open(const fs::path& directory, const Xapian::Database& db) {
    const fs::path path = directory / kFacetColumnFile;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    auto mapping = std::make_shared<Mapping>();
    if (fstat(fd, &st) == 0 && st.st_size > 0) {
        mapping->size = static_cast<std::size_t>(st.st_size);
        mapping->address = mmap(nullptr, mapping->size, PROT_READ, MAP_PRIVATE, fd, 0);
    }
    ::close(fd);
    if (mapping->address == MAP_FAILED) return std::nullopt;
    const char* base = static_cast<const char*>(mapping->address);
    std::string expected;
    try {
        expected = header(db);
    } catch (const Xapian::Error&) {
        return std::nullopt;  // several databases: no one revision
    }
    if (mapping->size < expected.size() || std::memcmp(base, expected.data(), expected.size()) != 0) return std::nullopt;
    const Xapian::docid last = db.get_lastdocid();
    const std::size_t offsets_size = (static_cast<std::size_t>(last) + 2) * 4;
    if (mapping->size < expected.size() + offsets_size) return std::nullopt;
    FacetColumn column;
    column.offsets_ = reinterpret_cast<const std::uint32_t*>(base + expected.size());
    column.bytes_ = base + expected.size() + offsets_size;
    const std::size_t summaries = mapping->size - expected.size() - offsets_size;
    if (column.offsets_[last + 1] != summaries) return std::nullopt;  // cut short
    column.summaries_size_ = summaries;
    column.last_docid_ = last;
    column.mapping_ = std::move(mapping);
    return column;
}

std::optional<FacetColumn> FacetColumn::open_for(const fs::path& path, const Xapian::Database& db) {
    std::ifstream stub(path / "XAPIANDB");
    if (!stub) return open(path, db);
    std::string line, only;
    int databases = 0;
    while (std::getline(stub, line)) {
        if (line.empty() || line[0] == '#') continue;
        ++databases;
        if (line.rfind("auto ", 0) == 0) only = line.substr(5);
    }
    if (databases != 1 || only.empty()) return std::nullopt;
    return open(path / only, db);
}

}  // namespace newsdesk::schema
