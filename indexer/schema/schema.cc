#include "schema.h"

#include <algorithm>

namespace newsdesk::schema {

const std::vector<Field>& fields() {
    static const std::vector<Field> table = {
        {"title", prefix::kTitle, FieldKind::kFreeText, std::nullopt, "Title"},
        {"author", prefix::kAuthor, FieldKind::kFreeText, std::nullopt, "Author"},
        {"actor", prefix::kActor, FieldKind::kFacet, std::nullopt, "Actor"},
        {"region", prefix::kRegion, FieldKind::kFacet, std::nullopt, "Region"},
        {"topic", prefix::kTopic, FieldKind::kFacet, std::nullopt, "Topic"},
        {"source", prefix::kSource, FieldKind::kBoolean, std::nullopt, "Source"},
        {"section", prefix::kSection, FieldKind::kBoolean, std::nullopt, "Section"},
        {"lang", prefix::kLanguage, FieldKind::kBoolean, std::nullopt, "Language"},
        {"date", prefix::kDay, FieldKind::kDate, kDateSlot, "Date"},
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

std::string encode_values(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) {
        if (!out.empty()) out += '\0';
        out += v;
    }
    return out;
}

std::string encode_facet_summary(std::string_view day, const std::vector<std::vector<std::string>>& values_per_facet) {
    std::string out(day);
    for (std::size_t i = 0; i < facet_fields().size(); ++i) {
        out += kSummarySeparator;
        if (i >= values_per_facet.size()) continue;
        std::vector<std::string> clean;
        for (const auto& v : values_per_facet[i])
            if (v.find('\0') == std::string::npos && v.find(kSummarySeparator) == std::string::npos) clean.push_back(v);
        out += encode_values(clean);
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

std::string label_key(std::string_view facet, std::string_view value) {
    std::string key(kMetaLabelPrefix);
    key += facet;
    key += ':';
    key += value;
    return key;
}

}  // namespace newsdesk::schema
