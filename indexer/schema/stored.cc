#include "stored.h"

#include <nlohmann/json.hpp>

#include "error.h"

namespace newsdesk::schema {

namespace {

using nlohmann::json;

/// Cut @p text to at most @p limit bytes without splitting a UTF-8 sequence.
std::string utf8_prefix(const std::string& text, std::size_t limit) {
    if (text.size() <= limit) return text;
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end);
}

json values_to_json(const std::vector<FacetValue>& values) {
    json out = json::array();
    for (const auto& v : values) out.push_back({{"value", v.value}, {"label", v.label}});
    return out;
}

std::vector<FacetValue> values_from_json(const json& array) {
    std::vector<FacetValue> out;
    if (!array.is_array()) return out;
    for (const auto& item : array)
        out.push_back({item.value("value", ""), item.value("label", "")});
    return out;
}

}  // namespace

std::string to_document_data(const Article& a) {
    json j = {
        {"id", a.id},           {"title", a.title},       {"date", a.date},
        {"source", a.source},   {"url", a.url},           {"author", a.author},
        {"section", a.section}, {"language", a.language}, {"dateline", a.dateline},
        {"actors", values_to_json(a.actors)},
        {"regions", values_to_json(a.regions)},
        {"topics", values_to_json(a.topics)},
    };
    // Readers guarantee valid UTF-8; replace rather than throw if one slipped through.
    std::string data = j.dump(-1, ' ', false, json::error_handler_t::replace);
    data += '\0';
    data += utf8_prefix(a.body, kStoredBodyLimit);
    return data;
}

Article from_document_data(const std::string& data) {
    const auto end_of_json = data.find('\0');
    json j = json::parse(data.begin(), end_of_json == std::string::npos ? data.end() : data.begin() + end_of_json,
                         nullptr, false);
    if (!j.is_object() || end_of_json == std::string::npos)
        throw DatabaseError("document data is not a newsdesk article");
    Article a;
    a.id = j.value("id", "");
    a.title = j.value("title", "");
    a.body = data.substr(end_of_json + 1);
    a.date = j.value("date", "");
    a.source = j.value("source", "");
    a.url = j.value("url", "");
    a.author = j.value("author", "");
    a.section = j.value("section", "");
    a.language = j.value("language", "");
    a.dateline = j.value("dateline", "");
    a.actors = values_from_json(j.value("actors", json::array()));
    a.regions = values_from_json(j.value("regions", json::array()));
    a.topics = values_from_json(j.value("topics", json::array()));
    return a;
}

}  // namespace newsdesk::schema
