#include "stored.h"

#include <nlohmann/json.hpp>

#include <utility>

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
    for (const auto& v : values) {
        json item = {{"value", v.value}, {"label", v.label}};
        if (!v.parent.empty()) item["parent"] = v.parent;
        out.push_back(std::move(item));
    }
    return out;
}

/// Reads the JSON part of the document data straight into an Article, event
/// by event: building nlohmann's DOM first and copying out of it took about
/// 70,000 instructions an article, a tenth of a page of results. Fields of
/// another type than they are written with, and unknown fields, are skipped.
class ArticleReader : public nlohmann::json_sax<json> {
  public:
    explicit ArticleReader(Article& article) : a_(article) {}

    /// Whether the JSON was an object, as the data written holds.
    bool was_object() const { return was_object_; }

    bool start_object(std::size_t) override {
        if (depth_ == 0) was_object_ = true;
        if (depth_ == 1) field_ = nullptr, next_list_ = nullptr;
        if (depth_ == 2 && list_) list_->emplace_back();
        ++depth_;
        return true;
    }

    bool key(string_t& name) override {
        if (depth_ == 1) {
            field_ = top_field(name);
            next_list_ = top_list(name);
        } else if (depth_ == 3 && list_) {
            FacetValue& item = list_->back();
            item_field_ = name == "value" ? &item.value : name == "label" ? &item.label : name == "parent" ? &item.parent : nullptr;
        }
        return true;
    }

    bool string(string_t& value) override {
        if (depth_ == 1 && field_) *field_ = std::move(value);
        if (depth_ == 3 && item_field_) *item_field_ = std::move(value);
        return scalar();
    }

    bool end_object() override {
        --depth_;
        return true;
    }

    bool start_array(std::size_t) override {
        if (depth_ == 1) field_ = nullptr, list_ = std::exchange(next_list_, nullptr);
        ++depth_;
        return true;
    }

    bool end_array() override {
        if (--depth_ == 1) list_ = nullptr;
        return true;
    }

    bool null() override { return scalar(); }
    bool boolean(bool) override { return scalar(); }
    bool number_integer(number_integer_t) override { return scalar(); }
    bool number_unsigned(number_unsigned_t) override { return scalar(); }
    bool number_float(number_float_t, const string_t&) override { return scalar(); }
    bool binary(binary_t&) override { return scalar(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

  private:
    /// After any value: a top-level field's value is over, and so is an item's.
    bool scalar() {
        if (depth_ == 1) field_ = nullptr, next_list_ = nullptr;
        if (depth_ == 3) item_field_ = nullptr;
        return true;
    }

    std::string* top_field(const std::string& name) {
        if (name == "id") return &a_.id;
        if (name == "title") return &a_.title;
        if (name == "date") return &a_.date;
        if (name == "source") return &a_.source;
        if (name == "url") return &a_.url;
        if (name == "author") return &a_.author;
        if (name == "section") return &a_.section;
        if (name == "language") return &a_.language;
        if (name == "dateline") return &a_.dateline;
        return nullptr;
    }

    std::vector<FacetValue>* top_list(const std::string& name) {
        if (name == "actors") return &a_.actors;
        if (name == "regions") return &a_.regions;
        if (name == "topics") return &a_.topics;
        return nullptr;
    }

    Article& a_;
    int depth_ = 0;
    bool was_object_ = false;
    std::string* field_ = nullptr;             ///< the top-level string whose value comes next
    std::vector<FacetValue>* next_list_ = nullptr;  ///< the facet list named by the last key
    std::vector<FacetValue>* list_ = nullptr;       ///< the facet list being read
    std::string* item_field_ = nullptr;        ///< the part of its last item whose value comes next
};

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
    Article a;
    ArticleReader reader(a);
    bool parsed = end_of_json != std::string::npos &&
                  json::sax_parse(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(end_of_json), &reader) &&
                  reader.was_object();
    if (!parsed) throw DatabaseError("document data is not a newsdesk article");
    a.body = data.substr(end_of_json + 1);
    return a;
}

}  // namespace newsdesk::schema
