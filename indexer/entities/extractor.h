/** @file
 *  @brief Actor and region facets for articles that carry no labels.
 *
 *  Contract between the indexer and entity extraction (see the issue
 *  "Actor and region facets for articles that carry no labels").
 */
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "article.h"

namespace newsdesk::entities {

/// --entities=auto|labels|extract|both
enum class Mode {
    kAuto,     ///< keep a facet's labels when the input format carried label fields, else extract
    kLabels,   ///< labels only, never extract
    kExtract,  ///< ignore labels, extract only (to measure extraction against labels)
    kBoth,     ///< labels plus extracted values
};

/// "auto", "labels", "extract", "both". @throws UsageError otherwise.
Mode parse_mode(std::string_view name);

class Gazetteer;  // defined in the implementation

/// Finds actors and regions in an article's title, dateline and body.
class Extractor {
  public:
    /// Load the gazetteers from @p directory (the generated regions plus the
    /// curated overlays). @throws Error naming the missing or bad file.
    explicit Extractor(const std::string& directory);
    ~Extractor();
    Extractor(Extractor&&) noexcept;

    /// Set @p article's actors and regions as @p mode says.
    void apply(Article& article, Mode mode) const;

  private:
    std::unique_ptr<Gazetteer> gazetteer_;
};

}  // namespace newsdesk::entities
