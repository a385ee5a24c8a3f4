#include "facet_dictionary.h"

#include "facet_names.h"
#include "schema.h"

namespace newsdesk {

namespace {

/// "YYYYMMDD" as the number YYYYMMDD; 0 for anything else.
std::uint32_t day_number(const std::string& day) {
    if (day.size() != 8) return 0;
    return schema::parse_facet_id(day);
}

}  // namespace

FacetDictionary::FacetDictionary(Xapian::WritableDatabase& db, FacetNames names) : db_(db), names_(std::move(names)) {
    for (const auto* field : schema::facet_fields()) {
        met_.emplace_back();
        chunks_.emplace_back();
        last_id_.push_back(schema::parse_facet_id(db_.get_metadata(schema::facet_last_id_key(field->name))));
    }
}

std::uint32_t FacetDictionary::id_of(std::size_t facet, const FacetValue& v) {
    const auto name = schema::facet_fields()[facet]->name;
    auto [it, added] = met_[facet].try_emplace(v.value, Met{0, false});
    Met& met = it->second;
    if (added) {
        met.id = schema::parse_facet_id(db_.get_metadata(schema::facet_id_key(name, v.value)));
        record_names(facet, v);
    }
    if (met.id == 0) {
        met.id = ++last_id_[facet];
        db_.set_metadata(schema::facet_id_key(name, v.value), std::to_string(met.id));
        db_.set_metadata(schema::facet_last_id_key(name), std::to_string(met.id));
        record(facet, met.id, v);
        met.labelled = !v.label.empty();
    } else if (!met.labelled && !v.label.empty()) {
        record(facet, met.id, v);
        met.labelled = true;
    }
    return met.id;
}

void FacetDictionary::record(std::size_t facet, std::uint32_t id, const FacetValue& v) {
    const auto name = schema::facet_fields()[facet]->name;
    auto [it, added] = chunks_[facet].try_emplace(schema::chunk_number(id));
    auto& entries = it->second;
    if (added) entries = schema::read_dictionary_chunk(db_, name, id);
    const std::size_t index = schema::chunk_index(id);
    if (entries.size() <= index) entries.resize(index + 1);
    entries[index] = {v.value, v.label, v.parent};
    // Written at once, so that the entry commits with the documents that use it.
    db_.set_metadata(schema::facet_chunk_key(name, id), schema::make_dictionary_chunk(entries));
}

void FacetDictionary::record_names(std::size_t facet, const FacetValue& v) {
    const auto name = schema::facet_fields()[facet]->name;
    std::vector<std::string> keys;
    if (names_) keys = names_(name, v);
    keys.push_back(schema::name_key(v.label));
    // A value's own spelling needs no record: the searcher tries it first.
    const std::string own = schema::name_key(v.value);
    for (const auto& key : keys)
        if (!key.empty() && key != own) db_.set_metadata(schema::facet_name_key(name, key), v.value);
}

void FacetDictionary::add_summary(Xapian::Document& doc, const DocumentFacets& facets) {
    std::vector<std::vector<std::uint32_t>> ids(schema::facet_fields().size());
    auto add = [&](const char* name, const std::vector<FacetValue>& values) {
        const auto facet = static_cast<std::size_t>(schema::facet_index(name));
        for (const auto& v : values) ids[facet].push_back(id_of(facet, v));
    };
    add("actor", facets.actors);
    add("region", facets.regions);
    add("topic", facets.topics);
    add("language", facets.languages);
    doc.add_value(schema::kFacetSummarySlot, schema::encode_facet_summary(day_number(facets.day), ids));
}

}  // namespace newsdesk
