/** @file
 *  @brief Actor and region facets for articles that carry no labels.
 *
 *  Contract between the indexer and entity extraction (see the issue
 *  "Actor and region facets for articles that carry no labels").
 */
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

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
class Resolver;

/// A label the gazetteer does not know, and in how many articles it came.
struct UnknownLabel {
    std::string facet;  ///< "actor" or "region"
    std::string label;  ///< as the input wrote it
    std::string value;  ///< the slug it is indexed under
    std::size_t articles = 0;
};

/// Finds actors and regions in an article's title, dateline and body, and
/// gives every actor and region, labelled or found, its canonical value.
/// Thread-safe: the indexer's reading threads share one.
class Extractor {
  public:
    /// Load the gazetteers from @p directory (the generated regions plus the
    /// curated overlays). @throws Error naming the missing or bad file.
    explicit Extractor(const std::string& directory);
    ~Extractor();
    Extractor(Extractor&&) noexcept;

    /// Set @p article's actors and regions as @p mode says, each value the
    /// gazetteer's id and label for it, a region's country added after it.
    void apply(Article& article, Mode mode) const;

    /// The names that stand for @p value of @p facet (FacetNames).
    std::vector<std::string> names(std::string_view facet, const FacetValue& value) const;

    /// The labels met so far that the gazetteer does not know, most frequent first.
    std::vector<UnknownLabel> unknown_labels() const;

  private:
    void canonicalize(std::vector<FacetValue>& values, bool regions) const;

    std::unique_ptr<Gazetteer> gazetteer_;
    std::unique_ptr<Resolver> resolver_;
    mutable std::mutex unknown_mutex_;
    /// (facet, value, label) -> articles
    mutable std::map<std::tuple<std::string, std::string, std::string>, std::size_t> unknown_;
};

/// Writes @p labels to unknown-regions.tsv and unknown-actors.tsv in
/// @p directory (created if need be), for a site to add to its gazetteer
/// overlays. @throws Error naming the file that cannot be written.
void write_unknown_labels(const std::filesystem::path& directory, const std::vector<UnknownLabel>& labels);

}  // namespace newsdesk::entities
