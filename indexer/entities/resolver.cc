#include "resolver.h"

#include "facet_names.h"
#include "schema.h"

namespace newsdesk::entities {

std::optional<std::size_t> Resolver::Index::find(std::string_view text) const {
    if (auto it = by_value.find(schema::slugify(text)); it != by_value.end()) return it->second;
    if (auto it = by_key.find(schema::name_key(text)); it != by_key.end()) return it->second;
    return std::nullopt;
}

void Resolver::Index::add_key(const std::string& key, std::size_t entity) {
    // The first entity to claim a name keeps it: regions come in the order a
    // bare name means them (RegionKind), actors in the file's order.
    if (key.empty()) return;
    auto [it, added] = by_key.emplace(key, entity);
    if (added) keys[entity].push_back(key);
}

Resolver::Resolver(const Gazetteer& gazetteer) : gazetteer_(gazetteer) {
    const auto& regions = gazetteer.regions();
    regions_.keys.resize(regions.size());
    for (std::size_t i = 0; i < regions.size(); ++i) regions_.by_value.emplace(schema::slugify(regions[i].code), i);
    for (int kind = 0; kind <= static_cast<int>(RegionKind::kSubdivision); ++kind) {
        for (std::size_t i = 0; i < regions.size(); ++i) {
            if (static_cast<int>(regions[i].kind) != kind) continue;
            regions_.add_key(schema::name_key(regions[i].label), i);
            for (const auto& spelling : regions[i].spellings) regions_.add_key(schema::name_key(spelling), i);
        }
    }
    const auto& actors = gazetteer.actors();
    actors_.keys.resize(actors.size());
    for (std::size_t i = 0; i < actors.size(); ++i) {
        actors_.by_value.emplace(schema::slugify(actors[i].id), i);
        actors_.add_key(schema::name_key(actors[i].label), i);
        for (const auto& spelling : actors[i].spellings) actors_.add_key(schema::name_key(spelling), i);
    }
}

FacetValue Resolver::region_value(std::size_t index) const {
    const Region& r = gazetteer_.regions()[index];
    return {schema::slugify(r.code), r.label, schema::slugify(r.parent)};
}

std::optional<FacetValue> Resolver::region(std::string_view text) const {
    auto index = regions_.find(text);
    if (!index) return std::nullopt;
    return region_value(*index);
}

std::optional<FacetValue> Resolver::actor(std::string_view text) const {
    auto index = actors_.find(text);
    if (!index) return std::nullopt;
    const Actor& a = gazetteer_.actors()[*index];
    return FacetValue{schema::slugify(a.id), a.label, ""};
}

std::vector<std::string> Resolver::names(std::string_view facet, std::string_view value) const {
    const Index& index = facet == "region" ? regions_ : actors_;
    if (facet != "region" && facet != "actor") return {};
    auto it = index.by_value.find(std::string(value));
    if (it == index.by_value.end()) return {};
    return index.keys[it->second];
}

}  // namespace newsdesk::entities
