#include "extractor.h"

#include <algorithm>
#include <fstream>
#include <unordered_set>

#include "error.h"
#include "gazetteer.h"
#include "recognizer.h"
#include "resolver.h"
#include "schema.h"

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

Extractor::Extractor(const std::string& directory)
    : gazetteer_(std::make_unique<Gazetteer>(directory)), resolver_(std::make_unique<Resolver>(*gazetteer_)) {}
Extractor::~Extractor() = default;

// The mutex cannot move; a moved-to extractor starts its own count.
Extractor::Extractor(Extractor&& other) noexcept
    : gazetteer_(std::move(other.gazetteer_)), resolver_(std::move(other.resolver_)) {}

void Extractor::apply(Article& article, Mode mode) const {
    FacetPlan actors = plan(mode, article.has_actor_labels);
    FacetPlan regions = plan(mode, article.has_region_labels);
    // Labels are resolved before extraction merges its values in, so that
    // "Russia" labelled and Russia found are one value.
    if (actors.keep_labels) canonicalize(article.actors, false);
    if (regions.keep_labels) canonicalize(article.regions, true);
    if (!actors.extract && !regions.extract) return;
    Found found = recognize(*gazetteer_, article);
    canonicalize(found.actors, false);
    canonicalize(found.regions, true);
    apply_plan(article.actors, actors, found.actors);
    apply_plan(article.regions, regions, found.regions);
}

void Extractor::canonicalize(std::vector<FacetValue>& values, bool regions) const {
    std::vector<FacetValue> out;
    std::unordered_set<std::string> seen;
    std::vector<std::string> countries;  // of the regions, to add after them
    auto add = [&](FacetValue v) {
        if (!v.value.empty() && seen.insert(v.value).second) out.push_back(std::move(v));
    };
    for (auto& v : values) {
        const std::string& name = v.label.empty() ? v.value : v.label;
        auto resolved = regions ? resolver_->region(name) : resolver_->actor(name);
        if (!resolved && !v.label.empty()) resolved = regions ? resolver_->region(v.value) : resolver_->actor(v.value);
        if (resolved) {
            if (!resolved->parent.empty()) countries.push_back(resolved->parent);
            add(std::move(*resolved));
            continue;
        }
        if (v.value.empty()) v.value = schema::slugify(v.label);
        if (v.value.empty()) continue;
        {
            std::lock_guard lock(unknown_mutex_);
            ++unknown_[{regions ? "region" : "actor", v.value, name}];
        }
        add(std::move(v));
    }
    // A city or subdivision counts for its country (as extraction does).
    for (const auto& country : countries)
        if (auto c = resolver_->region(country)) add(std::move(*c));
    values = std::move(out);
}

std::vector<std::string> Extractor::names(std::string_view facet, const FacetValue& value) const {
    return resolver_->names(facet, value.value);
}

std::vector<UnknownLabel> Extractor::unknown_labels() const {
    std::vector<UnknownLabel> labels;
    {
        std::lock_guard lock(unknown_mutex_);
        for (const auto& [key, count] : unknown_)
            labels.push_back({std::get<0>(key), std::get<2>(key), std::get<1>(key), count});
    }
    std::stable_sort(labels.begin(), labels.end(),
                     [](const UnknownLabel& a, const UnknownLabel& b) { return a.articles > b.articles; });
    return labels;
}

void write_unknown_labels(const std::filesystem::path& directory, const std::vector<UnknownLabel>& labels) {
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) throw Error(directory.string() + ": cannot create the directory (" + error.message() + ")");
    for (std::string_view facet : {"region", "actor"}) {
        const auto path = directory / ("unknown-" + std::string(facet) + "s.tsv");
        std::ofstream out(path);
        out << "# " << facet << " labels the gazetteer does not know, most frequent first.\n"
            << "# label <TAB> articles <TAB> the value they are indexed under\n"
            << (facet == "region" ? "# To merge one with a known region, add 'label <TAB> code' to regions-overlay.tsv.\n"
                                  : "# To merge one with a known actor, add it to that actor's aliases in actors.tsv.\n");
        for (const auto& l : labels)
            if (l.facet == facet) out << l.label << '\t' << l.articles << '\t' << l.value << '\n';
        out.flush();
        if (!out) throw Error(path.string() + ": cannot write the unknown labels");
    }
}

}  // namespace newsdesk::entities
