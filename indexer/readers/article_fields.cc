#include "article_fields.h"

#include "hash.h"

#include <fstream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "dates.h"
#include "schema.h"
#include "text_util.h"

namespace newsdesk::readers {

FacetValue facet_value(std::string_view label) {
    std::string clean = text::collapse_space(label);
    return {schema::slugify(clean), clean};
}

std::vector<FacetValue> split_labels(std::string_view list) {
    std::vector<FacetValue> out;
    while (!list.empty()) {
        auto end = list.find_first_of(",;");
        auto item = text::trim(list.substr(0, end));
        if (!item.empty()) {
            FacetValue v = facet_value(item);
            if (!v.value.empty()) out.push_back(std::move(v));
        }
        if (end == std::string_view::npos) break;
        list.remove_prefix(end + 1);
    }
    return out;
}

std::string derived_id(std::string_view kind, const Article& article, std::string_view fallback) {
    std::string basis = !article.url.empty()                              ? "url:" + article.url
                        : !article.title.empty() || !article.date.empty() ? "title:" + article.title + "|" + article.date
                                                                          : "text:" + std::string(fallback);
    return hashed_id(kind, basis);
}

std::optional<Problem> invalid_utf8(std::string_view content) {
    auto bad = text::first_invalid_utf8(content);
    if (bad == std::string_view::npos) return std::nullopt;
    return Problem{text::line_of(content, bad), "invalid UTF-8 (convert the file to UTF-8, e.g. with iconv)"};
}

std::string title_from_text(std::string_view body) {
    std::string line = text::collapse_space(body.substr(0, body.find('\n')));
    for (std::size_t i = 0; i + 1 < line.size(); ++i)
        if ((line[i] == '.' || line[i] == '!' || line[i] == '?') && line[i + 1] == ' ') {
            line.resize(i + 1);
            break;
        }
    if (line.size() <= kMaxDerivedTitleBytes) return line;
    std::size_t cut = line.rfind(' ', kMaxDerivedTitleBytes);
    if (cut == std::string::npos || cut < kMaxDerivedTitleBytes / 2) cut = kMaxDerivedTitleBytes;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // whole characters
    return line.substr(0, cut) + "\u2026";
}

std::string hashed_id(std::string_view kind, std::string_view basis) {
    return std::string(kind) + "-" + schema::hex_hash64(basis);
}

void set_date(Article& article, std::string_view text, std::size_t line, std::vector<Problem>& problems) {
    auto value = text::trim(text);
    if (value.empty()) return;
    if (auto date = dates::parse(value)) {
        article.date = *date;
    } else {
        problems.push_back({line, "unreadable date '" + std::string(value.substr(0, 80)) +
                                      "' (article indexed without a date; use e.g. 2026-01-22)",
                            Problem::Severity::kWarning});
    }
}

namespace {

/// Where Debian's iso-codes package (a dependency) lists ISO 639-2 languages.
constexpr const char* kIso639File = "/usr/share/iso-codes/json/iso_639-2.json";

/// Lower-case English names and 3-letter codes (terminological and
/// bibliographic) of every language that has a 2-letter code, mapped to it:
/// "german", "deu", "ger" -> "de". Read once; empty when iso-codes is missing.
const std::unordered_map<std::string, std::string>& iso639_names() {
    static const auto names = [] {
        std::unordered_map<std::string, std::string> out;
        std::ifstream in(kIso639File);
        auto doc = nlohmann::json::parse(in, nullptr, false);
        if (doc.is_discarded() || !doc.contains("639-2")) return out;
        for (const auto& lang : doc["639-2"]) {
            std::string code = lang.value("alpha_2", "");
            if (code.empty()) continue;
            for (const char* key : {"alpha_3", "bibliographic"}) out.emplace(lang.value(key, ""), code);
            for (const auto& name : split_labels(lang.value("name", "")))  // "Spanish; Castilian"
                out.emplace(text::ascii_lower(name.label), code);
        }
        out.erase("");
        return out;
    }();
    return names;
}

}  // namespace

std::string language_code(std::string_view text) {
    std::string v = text::ascii_lower(text::trim(text));
    static const std::pair<const char*, const char*> names[] = {
        {"english", "en"}, {"french", "fr"},  {"german", "de"},  {"spanish", "es"}, {"italian", "it"},
        {"russian", "ru"}, {"ukrainian", "uk"}, {"portuguese", "pt"}, {"dutch", "nl"}, {"arabic", "ar"}};
    for (const auto& [name, code] : names) {
        if (v == name) return code;
    }
    if (v.size() > 2 && (v[2] == '-' || v[2] == '_')) v.resize(2);  // en-GB
    if (v.size() == 2) return v;
    auto known = iso639_names().find(v);  // "deu", "ger", "Greek, Modern (1453-)"
    return known == iso639_names().end() ? "" : known->second;
}

}  // namespace newsdesk::readers
