#include "extractor.h"

#include <algorithm>

#include "error.h"
#include "gazetteer.h"
#include "recognizer.h"

namespace newsdesk::entities {
namespace {

/// Labels first (the editors' order), then extracted values they lack.
void merge(std::vector<FacetValue>& into, const std::vector<FacetValue>& extracted) {
    for (const FacetValue& v : extracted) {
        bool present = std::any_of(into.begin(), into.end(), [&](const FacetValue& l) { return l.value == v.value; });
        if (!present) into.push_back(v);
    }
}

/// What @p mode does with one facet, given whether the input carried labels.
struct FacetPlan {
    bool keep_labels;
    bool extract;
};

FacetPlan plan(Mode mode, bool has_labels) {
    switch (mode) {
        case Mode::kLabels: return {true, false};
        case Mode::kExtract: return {false, true};
        case Mode::kBoth: return {true, true};
        case Mode::kAuto: break;
    }
    return {has_labels, !has_labels};
}

void apply_plan(std::vector<FacetValue>& facet, FacetPlan p, const std::vector<FacetValue>& extracted) {
    if (!p.keep_labels) facet.clear();
    if (p.extract) merge(facet, extracted);
}

}  // namespace

Mode parse_mode(std::string_view name) {
    if (name == "auto") return Mode::kAuto;
    if (name == "labels") return Mode::kLabels;
    if (name == "extract") return Mode::kExtract;
    if (name == "both") return Mode::kBoth;
    throw UsageError("unknown --entities mode '" + std::string(name) +
                     "'; use one of: auto, labels, extract, both");
}

Extractor::Extractor(const std::string& directory) : gazetteer_(std::make_unique<Gazetteer>(directory)) {}
Extractor::~Extractor() = default;
Extractor::Extractor(Extractor&&) noexcept = default;

void Extractor::apply(Article& article, Mode mode) const {
    FacetPlan actors = plan(mode, article.has_actor_labels);
    FacetPlan regions = plan(mode, article.has_region_labels);
    if (!actors.extract && !regions.extract) return;
    Found found = recognize(*gazetteer_, article);
    apply_plan(article.actors, actors, found.actors);
    apply_plan(article.regions, regions, found.regions);
}

}  // namespace newsdesk::entities
