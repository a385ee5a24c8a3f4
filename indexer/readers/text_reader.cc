// Plain-text articles: an optional "Key: value" header block, a blank line, the body.
#include <algorithm>
#include <optional>

#include "article_fields.h"
#include "reader.h"
#include "text_util.h"

namespace newsdesk::readers {

namespace {

enum class Key { kTitle, kDate, kSource, kAuthor, kUrl, kSection, kActors, kRegions, kTopics, kLanguage, kId };

/// Header keys and their spellings in the wild (email, news sites, exports).
std::optional<Key> header_key(std::string_view name) {
    static const std::pair<const char*, Key> keys[] = {
        {"title", Key::kTitle},      {"subject", Key::kTitle},     {"headline", Key::kTitle},
        {"date", Key::kDate},        {"published on", Key::kDate}, {"published", Key::kDate},
        {"pubdate", Key::kDate},     {"posted", Key::kDate},       {"source", Key::kSource},
        {"publication", Key::kSource}, {"author", Key::kAuthor},   {"from", Key::kAuthor},
        {"by", Key::kAuthor},        {"byline", Key::kAuthor},     {"url", Key::kUrl},
        {"link", Key::kUrl},         {"section", Key::kSection},   {"actors", Key::kActors},
        {"people", Key::kActors},    {"regions", Key::kRegions},   {"places", Key::kRegions},
        {"topics", Key::kTopics},    {"tags", Key::kTopics},       {"language", Key::kLanguage},
        {"lang", Key::kLanguage},    {"id", Key::kId},             {"message-id", Key::kId}};
    std::string lower = text::ascii_lower(text::trim(name));
    for (const auto& [spelling, key] : keys) {
        if (lower == spelling) return key;
    }
    return std::nullopt;
}

/// "Key: value" with a known key, as (key, value).
std::optional<std::pair<Key, std::string_view>> header_line(std::string_view line) {
    auto colon = line.find(':');
    if (colon == std::string_view::npos || colon > 40) return std::nullopt;
    auto key = header_key(line.substr(0, colon));
    if (!key) return std::nullopt;
    return std::make_pair(*key, text::trim(line.substr(colon + 1)));
}

void apply_header(Article& a, Key key, std::string_view value, std::size_t line, std::vector<Problem>& problems) {
    switch (key) {
        case Key::kTitle: a.title = text::collapse_space(value); break;
        case Key::kDate: set_date(a, value, line, problems); break;
        case Key::kSource: a.source = value; break;
        case Key::kAuthor: a.author = value; break;
        case Key::kUrl: a.url = value; break;
        case Key::kSection: a.section = value; break;
        case Key::kActors: a.actors = split_labels(value), a.has_actor_labels = true; break;
        case Key::kRegions: a.regions = split_labels(value), a.has_region_labels = true; break;
        case Key::kTopics: a.topics = split_labels(value); break;
        case Key::kLanguage: a.language = language_code(value); break;
        case Key::kId: a.id = value; break;
    }
}

/// Whether @p part, after a " | " in a title, reads like a section or site name.
bool is_decoration(std::string_view part) {
    part = text::trim(part);
    return !part.empty() && part.size() <= 40 && std::count(part.begin(), part.end(), ' ') <= 3;
}

/// News sites title pages "Headline | Section | Site": the headline is the
/// title, the rest is decoration (the section is kept when none was given).
/// Only that two-part tail is stripped: one " | " may belong to the headline.
void strip_title_decoration(Article& a) {
    std::string_view title = a.title;
    std::string_view parts[2];
    for (auto& part : parts) {
        auto bar = title.rfind(" | ");
        if (bar == std::string_view::npos || !is_decoration(title.substr(bar + 3))) return;
        part = text::trim(title.substr(bar + 3));
        title = text::trim(title.substr(0, bar));
    }
    if (title.empty()) return;
    if (a.section.empty()) a.section = parts[1];
    a.title = std::string(title);
}

struct Lines {
    std::string_view rest;
    std::size_t number = 0;

    bool next(std::string_view& line) {
        if (rest.empty()) return false;
        auto end = rest.find('\n');
        line = rest.substr(0, end);
        rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        ++number;
        return true;
    }
};

/// Site furniture between a header and its blank line ("World | 4,844 views")
/// is short; a longer line there means the body began without a blank line.
constexpr std::size_t kMaxFurnitureBytes = 80;

/// Reads the header block: the "Key: value" lines from the top, then up to
/// the first blank line either page furniture (dropped, though any known
/// "Key: value" among it is still applied) or, when a line is long or no
/// blank line follows, the start of the body (@p lines is left before it).
void read_header(Lines& lines, Article& a, std::vector<Problem>& problems) {
    std::string_view line;
    for (Lines before = lines; lines.next(line); before = lines) {
        auto h = header_line(line);
        if (!h) {
            lines = before;
            break;
        }
        apply_header(a, h->first, h->second, lines.number, problems);
    }
    const Lines rest = lines;
    bool furniture = true, blank = false;
    while (lines.next(line) && !(blank = text::trim(line).empty())) furniture = furniture && line.size() <= kMaxFurnitureBytes;
    if (!furniture || !blank) {
        lines = rest;
        return;
    }
    for (Lines block = rest; block.number < lines.number && block.next(line);) {
        if (auto h = header_line(line)) apply_header(a, h->first, h->second, block.number, problems);
    }
}

}  // namespace

ReadResult read_text(std::string_view content, const std::filesystem::path& path) {
    ReadResult result;
    if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);
    if (content.size() > kMaxArticleBytes) {
        result.problems.push_back({0, "article of " + std::to_string(content.size() >> 20) +
                                          " MiB is longer than the 8 MiB an article may have; skipped"});
        return result;
    }
    if (auto problem = invalid_utf8(content)) {
        result.problems.push_back(*problem);
        return result;
    }
    Article a;
    a.line = 1;
    Lines lines{content};
    std::string_view line;
    for (Lines peek = lines; peek.next(line) && text::trim(line).empty();) lines = peek;  // leading blank lines
    if (Lines peek = lines; peek.next(line) && header_line(line)) read_header(lines, a, result.problems);
    std::string body;
    while (lines.next(line)) {
        if (a.title.empty()) {
            if (!text::trim(line).empty()) a.title = text::collapse_space(line);
            continue;
        }
        body.append(line).push_back('\n');
    }
    strip_title_decoration(a);
    a.body = text::strip_controls(text::trim(body));
    if (a.title.empty() && a.body.empty()) {
        result.problems.push_back({0, "no article text (only a header or blank lines)"});
        return result;
    }
    if (a.id.empty()) a.id = hashed_id("file", "url:" + path.string());  // one article per file
    result.articles.push_back(std::move(a));
    return result;
}

}  // namespace newsdesk::readers
