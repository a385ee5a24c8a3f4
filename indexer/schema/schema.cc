#include "schema.h"

#include <algorithm>

namespace newsdesk::schema {

const std::vector<Field>& fields() {
    static const std::vector<Field> table = {
        {"title", prefix::kTitle, FieldKind::kFreeText, std::nullopt, "Title"},
        {"author", prefix::kAuthor, FieldKind::kFreeText, std::nullopt, "Author"},
        {"actor", prefix::kActor, FieldKind::kFacet, kActorsSlot, "Actor"},
        {"region", prefix::kRegion, FieldKind::kFacet, kRegionsSlot, "Region"},
        {"topic", prefix::kTopic, FieldKind::kFacet, kTopicsSlot, "Topic"},
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
