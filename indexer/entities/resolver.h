/** @file
 *  @brief One facet value per region or actor, whatever spelled it: labels
 *  from headers, feeds and JSON, Reuters codes and extracted names all
 *  resolve through the gazetteer to its canonical id and display label.
 */
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "article.h"
#include "gazetteer.h"

namespace newsdesk::entities {

class Resolver {
  public:
    /// Indexes the names of @p gazetteer, which must outlive the resolver.
    explicit Resolver(const Gazetteer& gazetteer);

    /// The canonical value of a region or an actor that @p text names: its id
    /// ("ua-43", "city-kyiv", "usa" as Reuters writes it), a name or alias
    /// ("Russian Federation", "Putin"), in any case and with or without
    /// accents. The value carries its display label, and a region its
    /// country as parent. nullopt when the gazetteer does not know it.
    std::optional<FacetValue> region(std::string_view text) const;
    std::optional<FacetValue> actor(std::string_view text) const;

    /// The names (schema::name_key) that resolve to @p value of facet
    /// @p facet ("actor" or "region"); none for a value the gazetteer lacks.
    std::vector<std::string> names(std::string_view facet, std::string_view value) const;

  private:
    /// Lookup tables of one kind of entity.
    struct Index {
        std::unordered_map<std::string, std::size_t> by_value;  ///< canonical value -> entity
        std::unordered_map<std::string, std::size_t> by_key;    ///< name_key -> entity
        std::vector<std::vector<std::string>> keys;              ///< entity -> its keys
        std::optional<std::size_t> find(std::string_view text) const;
        void add_key(const std::string& key, std::size_t entity);
    };

    FacetValue region_value(std::size_t index) const;

    const Gazetteer& gazetteer_;
    Index regions_, actors_;
};

}  // namespace newsdesk::entities
