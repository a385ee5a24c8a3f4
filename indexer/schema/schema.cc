#include "schema.h"

#include "hash.h"

#include <algorithm>
#include <charconv>

namespace newsdesk::schema {

std::optional<std::string> other_schema_version(const Xapian::Database& db) {
    std::string version = db.get_metadata(std::string(kMetaSchemaVersion));
    if (version.empty() || version == std::to_string(kSchemaVersion)) return std::nullopt;
    return version;
}

const std::vector<Field>& fields() {
    static const std::vector<Field> table = {
        {"title", prefix::kTitle, FieldKind::kFreeText, std::nullopt, "Title"},
        {"author", prefix::kAuthor, FieldKind::kFreeText, std::nullopt, "Author"},
        {"actor", prefix::kActor, FieldKind::kFacet, std::nullopt, "Actor"},
        {"region", prefix::kRegion, FieldKind::kFacet, std::nullopt, "Region"},
        {"topic", prefix::kTopic, FieldKind::kFacet, std::nullopt, "Topic"},
        {"source", prefix::kSource, FieldKind::kBoolean, std::nullopt, "Source"},
        {"section", prefix::kSection, FieldKind::kBoolean, std::nullopt, "Section"},
        {"language", prefix::kLanguage, FieldKind::kFacet, std::nullopt, "Language"},
        {"date", prefix::kDay, FieldKind::kDate, kDateSlot, "Date"},
        {"cluster", prefix::kCluster, FieldKind::kBoolean, kClusterSlot, "Story"},
    };
    return table;
}

const Field* find_field(std::string_view name) {
    const auto& table = fields();
    auto it = std::find_if(table.begin(), table.end(),
                           [&](const Field& f) { return f.name == name; });
    return it == table.end() ? nullptr : &*it;
}

const std::vector<const Field*>& facet_fields() {
    static const std::vector<const Field*> facets = [] {
        std::vector<const Field*> out;
        for (const auto& f : fields())
            if (f.kind == FieldKind::kFacet) out.push_back(&f);
        return out;
    }();
    return facets;
}

namespace {

void append_varint(std::string& out, std::uint32_t n) {
    while (n >= 0x80) {
        out += static_cast<char>((n & 0x7F) | 0x80);
        n >>= 7;
    }
    out += static_cast<char>(n);
}

std::string dictionary_key(std::string_view kind, std::string_view facet) {
    std::string key;
    key.reserve(kMetaFacetPrefix.size() + kind.size() + facet.size() + 9);  // and an id in hex
    key += kMetaFacetPrefix;
    key += kind;
    key += facet;
    key += ':';
    return key;
}

}  // namespace

std::string encode_facet_summary(std::uint32_t day, const std::vector<std::vector<std::uint32_t>>& ids_per_facet) {
    std::string out;
    append_varint(out, day);
    for (std::size_t i = 0; i < facet_fields().size(); ++i) {
        const std::size_t n = i < ids_per_facet.size() ? ids_per_facet[i].size() : 0;
        append_varint(out, static_cast<std::uint32_t>(n));
        for (std::size_t j = 0; j < n; ++j) append_varint(out, ids_per_facet[i][j]);
    }
    return out;
}

int facet_index(std::string_view name) {
    const auto& facets = facet_fields();
    for (std::size_t i = 0; i < facets.size(); ++i)
        if (facets[i]->name == name) return static_cast<int>(i);
    return -1;
}

std::string slugify(std::string_view text) {
    std::string out;
    bool pending_dash = false;
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        unsigned ch = *it;
        if (Xapian::Unicode::is_wordchar(ch)) {
            if (pending_dash && !out.empty()) out += '-';
            pending_dash = false;
            Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(ch));
        } else {
            pending_dash = true;
        }
    }
    return out;
}

std::string boolean_term(std::string_view prefix, std::string_view value) {
    std::string term(prefix);
    if (!value.empty() && value.front() >= 'A' && value.front() <= 'Z') term += ':';
    term += value;
    return term;
}

std::string id_term(std::string_view id) {
    std::string term(prefix::kId);
    if (id.size() <= kMaxTermValueBytes) term += id;
    else term += "hash-" + hex_hash64(id);
    return term;
}

std::string facet_chunk_key(std::string_view facet, std::uint32_t id) {
    // A page looks up many chunks: snprintf and a second string here cost
    // as much as the lookups.
    std::uint32_t chunk = id == 0 ? 0 : chunk_number(id);
    std::string key = dictionary_key(":", facet);
    const std::size_t end = key.size() + 8;
    key.resize(end);
    for (std::size_t i = 0; i < 8; ++i, chunk >>= 4) key[end - 1 - i] = "0123456789abcdef"[chunk & 0xF];
    return key;
}

std::string facet_id_key(std::string_view facet, std::string_view value) {
    return dictionary_key("-id:", facet) + std::string(value);
}

std::string facet_last_id_key(std::string_view facet) {
    std::string key = dictionary_key("-last-id:", facet);
    key.pop_back();  // no value follows
    return key;
}

std::uint32_t parse_facet_id(std::string_view text) {
    std::uint32_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    return ec == std::errc() && end == text.data() + text.size() ? n : 0;
}

std::string make_dictionary_chunk(const std::vector<DictionaryEntry>& entries) {
    std::string out;
    for (const auto& e : entries) {
        append_varint(out, static_cast<std::uint32_t>(e.value.size()));
        out += e.value;
        append_varint(out, static_cast<std::uint32_t>(e.label.size()));
        out += e.label;
        append_varint(out, static_cast<std::uint32_t>(e.parent.size()));
        out += e.parent;
    }
    return out;
}

std::vector<DictionaryEntry> parse_dictionary_chunk(std::string_view chunk) {
    std::vector<DictionaryEntry> entries;
    auto read_string = [&](std::string& out) {
        std::uint32_t size = 0;
        if (!read_varint(chunk, size) || size > chunk.size()) return false;
        out.assign(chunk.substr(0, size));
        chunk.remove_prefix(size);
        return true;
    };
    while (!chunk.empty()) {
        DictionaryEntry e;
        if (!read_string(e.value) || !read_string(e.label) || !read_string(e.parent)) break;
        entries.push_back(std::move(e));
    }
    return entries;
}

std::vector<DictionaryEntry> read_dictionary_chunk(const Xapian::Database& db, std::string_view facet, std::uint32_t id) {
    return parse_dictionary_chunk(db.get_metadata(facet_chunk_key(facet, id)));
}

std::string encode_text_stems(const Xapian::Document& doc) {
    std::string out;
    auto term = doc.termlist_begin();
    for (term.skip_to("Z"); term != doc.termlist_end(); ++term) {
        const std::string name = *term;
        if (name[0] != 'Z') break;  // the "Z..." terms sort together
        if (!is_text_stem(name)) continue;
        if (!out.empty()) out += ' ';
        out.append(name, 1, std::string::npos);
    }
    return out;
}

std::vector<std::string> decode_text_stems(std::string_view value) {
    std::vector<std::string> terms;
    while (!value.empty()) {
        const auto space = value.find(' ');
        terms.push_back("Z" + std::string(value.substr(0, space)));
        value = space == std::string_view::npos ? std::string_view() : value.substr(space + 1);
    }
    return terms;
}

}  // namespace newsdesk::schema
