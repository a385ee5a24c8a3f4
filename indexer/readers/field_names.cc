#include "field_names.h"

#include "error.h"
#include "text_util.h"

namespace newsdesk::readers {
namespace {

struct FieldInfo {
    RecordField field;
    std::string_view name;  ///< as --field names it
    std::vector<std::string> common;  ///< keys exports use, lower case
};

const std::vector<FieldInfo>& fields() {
    static const std::vector<FieldInfo> table = {
        {RecordField::kBody, "body", {"text", "content", "message", "body", "description"}},
        {RecordField::kTitle, "title", {"title", "headline"}},
        {RecordField::kDate, "date", {"date", "published", "pubdate", "published_at", "created_at"}},
        {RecordField::kUrl, "url", {"url", "link"}},
        {RecordField::kSource, "source", {"channel", "source", "site"}},
        {RecordField::kTopics, "topics", {"topics", "topic", "category", "categories", "tags", "label"}},
        {RecordField::kId, "id", {"id", "message_id"}},
        {RecordField::kAuthor, "author", {"author", "from", "authors"}},
        {RecordField::kLanguage, "language", {"language", "lang"}},
    };
    return table;
}

std::string field_list() {
    std::string out;
    for (const auto& f : fields()) out += (out.empty() ? "" : ", ") + std::string(f.name);
    return out;
}

}  // namespace

FieldNames::FieldNames() {
    for (const auto& f : fields()) keys_[static_cast<std::size_t>(f.field)] = f.common;
}

void FieldNames::map(std::string_view assignment) {
    const auto eq = assignment.find('=');
    const std::string name = text::ascii_lower(text::trim(assignment.substr(0, eq)));
    const std::string key = eq == std::string_view::npos ? "" : std::string(text::trim(assignment.substr(eq + 1)));
    if (key.empty() || name.empty())
        throw UsageError("--field '" + std::string(assignment) + "': give FIELD=KEY, e.g. --field title=headline");
    for (const auto& f : fields()) {
        if (f.name != name) continue;
        keys_[static_cast<std::size_t>(f.field)] = {text::ascii_lower(key)};
        mapped_[static_cast<std::size_t>(f.field)] = true;
        return;
    }
    throw UsageError("--field " + std::string(assignment) + ": unknown field '" + name + "' (fields: " + field_list() + ")");
}

const FieldNames& default_field_names() {
    static const FieldNames names;
    return names;
}

}  // namespace newsdesk::readers
