#include "dictionary_cache.h"

namespace newsdesk::search {

const schema::DictionaryEntry* DictionaryCache::entry(const std::string& facet, std::uint32_t id) const {
    if (id == 0) return nullptr;
    auto [it, added] = chunks_.try_emplace({facet, schema::chunk_number(id)});
    if (added) it->second = schema::read_dictionary_chunk(db_, facet, id);
    const std::size_t index = schema::chunk_index(id);
    if (index >= it->second.size() || it->second[index].value.empty()) return nullptr;
    return &it->second[index];
}

std::uint32_t DictionaryCache::id(const std::string& facet, const std::string& value) const {
    auto [it, added] = ids_.try_emplace({facet, value});
    if (added) it->second = schema::parse_facet_id(db_.get_metadata(schema::facet_id_key(facet, value)));
    return it->second;
}

std::uint32_t DictionaryCache::last_id(const std::string& facet) const {
    auto [it, added] = last_ids_.try_emplace(facet);
    if (added) it->second = schema::parse_facet_id(db_.get_metadata(schema::facet_last_id_key(facet)));
    return it->second;
}

}  // namespace newsdesk::search
