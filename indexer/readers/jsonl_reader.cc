// JSON Lines: one article per line (nlohmann::json does the parsing).
#include <nlohmann/json.hpp>

#include "article_fields.h"
#include "file_blocks.h"
#include "reader.h"
#include "text_util.h"

namespace newsdesk::readers {

namespace {

using json = nlohmann::json;

/// The string field @p key of @p obj ("" when absent or null).
/// @throws std::runtime_error naming the field when it is not a string.
std::string string_field(const json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return "";
    if (it->is_number()) return it->dump();  // numeric ids
    if (!it->is_string()) throw std::runtime_error(std::string("field \"") + key + "\" must be a string");
    return it->get<std::string>();
}

/// A facet list: an array of labels or of {"value", "label"} objects, or one label.
std::vector<FacetValue> facet_field(const json& obj, const char* key) {
    std::vector<FacetValue> out;
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return out;
    if (it->is_string()) return split_labels(it->get<std::string>());
    if (!it->is_array()) throw std::runtime_error(std::string("field \"") + key + "\" must be an array of names");
    for (const auto& item : *it) {
        FacetValue v;
        if (item.is_string()) {
            v = facet_value(item.get<std::string>());
        } else if (item.is_object()) {
            std::string label = string_field(item, "label"), value = string_field(item, "value");
            v = facet_value(label.empty() ? value : label);
            if (!value.empty()) v.value = facet_value(value).value;
        } else {
            throw std::runtime_error(std::string("field \"") + key + "\" must hold names (strings)");
        }
        if (!v.value.empty()) out.push_back(std::move(v));
    }
    return out;
}

/// The key of @p field: the one --field maps, else the line format's own @p key.
const char* key_of(const FieldNames& names, RecordField field, const char* key) {
    return names.mapped(field) ? names.keys(field).front().c_str() : key;
}

Article to_article(const json& obj, std::size_t line, std::string_view raw, const FieldNames& names,
                   std::vector<Problem>& problems) {
    Article a;
    a.line = line;
    a.id = string_field(obj, key_of(names, RecordField::kId, "id"));
    const char* title = key_of(names, RecordField::kTitle, "title");
    const char* body = key_of(names, RecordField::kBody, "body");
    a.title = text::collapse_space(string_field(obj, title));
    a.body = text::strip_controls(string_field(obj, body));  // "\u0000" and friends are legal JSON
    if (a.body.empty() && !names.mapped(RecordField::kBody)) a.body = text::strip_controls(string_field(obj, "text"));
    if (a.title.empty() && text::trim(a.body).empty())
        throw std::runtime_error(std::string("no \"") + title + "\" or \"" + body + "\" (an article needs at least one)");
    a.source = string_field(obj, key_of(names, RecordField::kSource, "source"));
    a.url = string_field(obj, key_of(names, RecordField::kUrl, "url"));
    a.author = string_field(obj, key_of(names, RecordField::kAuthor, "author"));
    a.section = string_field(obj, "section");
    a.language = language_code(string_field(obj, key_of(names, RecordField::kLanguage, "language")));
    a.dateline = string_field(obj, "dateline");
    set_date(a, string_field(obj, key_of(names, RecordField::kDate, "date")), line, problems);
    a.actors = facet_field(obj, "actors");
    a.regions = facet_field(obj, "regions");
    a.topics = facet_field(obj, key_of(names, RecordField::kTopics, "topics"));
    a.has_actor_labels = obj.contains("actors");
    a.has_region_labels = obj.contains("regions");
    // Title and date identify an article only together: two untitled or
    // undated lines of a file must not share an id (one would replace the other).
    if (!a.id.empty()) return a;
    const bool identified = !a.url.empty() || (!a.title.empty() && !a.date.empty());
    a.id = identified ? derived_id("jsonl", a, raw) : hashed_id("jsonl", "text:" + std::string(raw));
    return a;
}

/// One line of a JSON Lines file: its article, or a problem, to @p sink.
/// @return what the sink's article() returned (true for a problem or a blank line).
bool read_json_line(std::string_view line, std::size_t line_no, const FieldNames& names, const ReadSink& sink) {
    if (text::trim(line).empty()) return true;
    if (line.size() > kMaxArticleBytes) {
        sink.problem({line_no, "line of " + std::to_string(line.size() >> 20) +
                                   " MiB is longer than the 8 MiB an article may have; skipped"});
        return true;
    }
    if (!text::is_valid_utf8(line)) {
        sink.problem({line_no, "invalid UTF-8 (convert the file to UTF-8)"});
        return true;
    }
    std::vector<Problem> problems;
    try {
        json obj = json::parse(line);
        if (!obj.is_object()) throw std::runtime_error("not a JSON object (expected {\"title\": ..., \"body\": ...})");
        Article article = to_article(obj, line_no, line, names, problems);
        for (auto& p : problems) sink.problem(std::move(p));
        return sink.article(std::move(article));
    } catch (const json::parse_error& e) {
        std::string what = e.what();
        auto pos = what.find("parse error");
        sink.problem({line_no, "malformed JSON: " + (pos == std::string::npos ? what : what.substr(pos))});
    } catch (const std::exception& e) {
        for (auto& p : problems) sink.problem(std::move(p));
        sink.problem({line_no, e.what()});
    }
    return true;
}

}  // namespace

ReadResult read_json_lines(std::string_view content, const std::filesystem::path&, const FieldNames& names) {
    ReadResult result;
    const ReadSink sink{[&](Article&& a) { return result.articles.push_back(std::move(a)), true; },
                        [&](Problem&& p) { result.problems.push_back(std::move(p)); }};
    std::size_t line_no = 0;
    while (!content.empty()) {
        auto end = content.find('\n');
        read_json_line(content.substr(0, end), ++line_no, names, sink);
        content.remove_prefix(end == std::string_view::npos ? content.size() : end + 1);
    }
    return result;
}

void stream_json_lines(const std::filesystem::path& path, const FieldNames& names, const ReadSink& sink) {
    FileBlocks blocks(path);
    std::vector<char> block(FileBlocks::kBlockBytes);
    std::string line;
    bool too_long = false;  // the line so far is past kMaxArticleBytes: only its length is kept
    std::size_t line_bytes = 0, line_no = 0;
    auto finish_line = [&] {
        ++line_no;
        bool go_on = true;
        if (too_long)
            sink.problem({line_no, "line of " + std::to_string(line_bytes >> 20) +
                                       " MiB is longer than the 8 MiB an article may have; skipped"});
        else
            go_on = read_json_line(line, line_no, names, sink);
        line.clear();
        line_bytes = 0;
        too_long = false;
        return go_on;
    };
    for (;;) {
        const auto n = static_cast<std::size_t>(blocks.sgetn(block.data(), static_cast<std::streamsize>(block.size())));
        if (n == 0) break;
        std::string_view rest(block.data(), n);
        while (!rest.empty()) {
            const auto end = rest.find('\n');
            const std::string_view piece = rest.substr(0, end);
            line_bytes += piece.size();
            too_long = too_long || line_bytes > kMaxArticleBytes;
            if (too_long) line.clear();
            else line.append(piece);
            if (end == std::string_view::npos) break;
            rest.remove_prefix(end + 1);
            if (!finish_line()) return;
        }
    }
    if (line_bytes > 0) finish_line();
}

}  // namespace newsdesk::readers
