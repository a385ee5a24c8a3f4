// JSON exports: an array of records, or an object holding one (a Telegram
// channel export's "messages"). Fields are found by the names exports use.
// This file turns records into articles and reads a file whole;
// json_stream_reader.cc streams an export, one record at a time.
#include <nlohmann/json.hpp>

#include "article_fields.h"
#include "json_export.h"
#include "reader.h"
#include "text_util.h"

namespace newsdesk::readers {

using namespace json_export;

namespace {

/// How deep text runs may nest in one another (Telegram's are one level).
constexpr int kMaxRunDepth = 8;

/// @p obj's member named @p key in any case ("pubDate", "Title"), or nullptr.
const json* member(const json& obj, const std::string& key) {
    if (auto it = obj.find(key); it != obj.end()) return &*it;
    for (auto it = obj.begin(); it != obj.end(); ++it)
        if (text::ascii_lower(it.key()) == key) return &*it;
    return nullptr;
}

/// The first non-empty of @p obj's fields named @p keys.
std::string first_field(const json& obj, const std::vector<std::string>& keys) {
    for (const auto& key : keys) {
        const json* value = member(obj, key);
        if (!value) continue;
        std::string text = text_of(*value);
        if (!text::trim(text).empty()) return text;
    }
    return "";
}

/// Telegram's and Markdown's inline markup as plain text: **bold**, __italic__,
/// `code` and ~~strike~~ lose their markers, [text](url) keeps its text.
std::string plain_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if ((c == '*' || c == '_' || c == '~') && i + 1 < text.size() && text[i + 1] == c) {
            ++i;
            continue;
        }
        if (c == '`') continue;
        if (c == '[') {
            auto close = text.find("](", i);
            auto end = close == std::string_view::npos ? close : text.find(')', close);
            if (end != std::string_view::npos && text.substr(i, close - i).find('\n') == std::string_view::npos) {
                out += plain_text(text.substr(i + 1, close - i - 1));
                i = end;
                continue;
            }
        }
        out += c;
    }
    return out;
}

/// Topics: a list of names, or one name.
std::vector<FacetValue> topics_of(const json& obj, const FieldNames& names) {
    for (const auto& key : names.keys(RecordField::kTopics)) {
        const json* it = member(obj, key);
        if (!it || it->is_null()) continue;
        std::vector<FacetValue> out;
        if (it->is_string()) out.push_back(facet_value(it->get<std::string>()));
        if (it->is_array())
            for (const auto& item : *it)
                if (item.is_string()) out.push_back(facet_value(item.get<std::string>()));
        std::erase_if(out, [](const FacetValue& v) { return v.value.empty(); });
        if (!out.empty()) return out;
    }
    return {};
}

/// "\"text\", \"content\"": what a missing field was looked for under.
std::string quoted(const std::vector<std::string>& keys) {
    std::string out;
    for (const auto& key : keys) out += (out.empty() ? "\"" : ", \"") + key + "\"";
    return out;
}

Article to_article(const json& obj, std::size_t record, const std::string& export_name, const FieldNames& names,
                   std::vector<Problem>& problems) {
    auto field = [&](RecordField f) { return first_field(obj, names.keys(f)); };
    Article a;
    a.body = text::strip_controls(plain_text(field(RecordField::kBody)));
    a.title = text::collapse_space(plain_text(field(RecordField::kTitle)));
    a.title_in_body = a.title.empty();
    if (a.title_in_body) a.title = title_from_text(a.body);
    if (a.title.empty()) throw std::runtime_error("no text (looked for " + quoted(names.keys(RecordField::kBody)) + ")");
    a.source = text::collapse_space(field(RecordField::kSource));
    if (a.source.empty()) a.source = export_name;
    a.url = field(RecordField::kUrl);
    a.author = field(RecordField::kAuthor);
    a.language = language_code(field(RecordField::kLanguage));
    set_date(a, field(RecordField::kDate), record, problems);
    a.topics = topics_of(obj, names);
    // A message's number is unique within its channel only.
    const std::string number = field(RecordField::kId);
    const std::string channel = first_field(obj, {"sender_id", "channel_id", "channel"});
    if (!number.empty()) a.id = channel.empty() ? number : facet_value(channel).value + "-" + number;
    if (a.id.empty()) a.id = derived_id("json", a, a.body);
    a.line = record;
    return a;
}

}  // namespace

namespace json_export {

std::string text_of(const json& value, int depth) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number()) return value.dump();
    if (!value.is_array() || depth == kMaxRunDepth) return "";
    std::string out;
    for (const auto& run : value) {
        if (run.is_string()) out += run.get<std::string>();
        else if (run.is_object() && run.contains("text")) out += text_of(run["text"], depth + 1);
    }
    return out;
}

const json* record_list(const json& doc) {
    if (doc.is_array()) return &doc;
    if (!doc.is_object()) return nullptr;
    for (const char* key : kRecordLists) {
        auto it = doc.find(key);
        if (it != doc.end() && it->is_array()) return &*it;
    }
    return nullptr;
}

void read_record(const json& item, std::size_t record, const std::string& export_name, const FieldNames& names,
                 ReadResult& out) {
    try {
        if (!item.is_object()) throw std::runtime_error("not a JSON object");
        if (item.value("type", "message") != "message") return;  // Telegram's service entries
        out.articles.push_back(to_article(item, record, export_name, names, out.problems));
    } catch (const std::exception& e) {
        out.problems.push_back({0, "record " + std::to_string(record) + ": " + e.what()});
    }
}

Problem malformed(const std::string& what) {
    auto pos = what.find("parse error");
    return {0, "malformed JSON: " + (pos == std::string::npos ? what : what.substr(pos))};
}

Problem no_record_list() {
    return {0, "no list of records: expected a JSON array of objects, or an object holding "
               "one under \"messages\", \"articles\", \"items\" or \"posts\""};
}

}  // namespace json_export

ReadResult read_json_records(std::string_view content, const std::filesystem::path& path, const FieldNames& names) {
    ReadResult result;
    if (auto problem = invalid_utf8(content)) {
        result.problems.push_back(*problem);
        return result;
    }
    json doc;
    try {
        doc = json::parse(content);
    } catch (const json::parse_error& e) {
        // A .json file holding one object per line is JSON Lines.
        std::string_view first = content.substr(0, content.find('\n'));
        if (first.size() < content.size() && json::accept(first)) return read_json_lines(content, path, names);
        result.problems.push_back(malformed(e.what()));
        return result;
    }
    const json* records = record_list(doc);
    if (!records) {
        result.problems.push_back(no_record_list());
        return result;
    }
    const std::string export_name = doc.is_object() ? text_of(doc.value("name", json())) : "";
    std::size_t record = 0;
    for (const auto& item : *records) read_record(item, ++record, export_name, names, result);
    return result;
}

}  // namespace newsdesk::readers
