#include "gazetteer.h"

#include <algorithm>
#include <fstream>
#include <functional>

#include "error.h"
#include "facet_names.h"

namespace newsdesk::entities {
namespace {

std::vector<std::string_view> split(std::string_view line, char sep) {
    std::vector<std::string_view> fields;
    while (true) {
        auto end = line.find(sep);
        fields.push_back(line.substr(0, end));
        if (end == std::string_view::npos) return fields;
        line.remove_prefix(end + 1);
    }
}

/// Calls @p each(fields, line number) for every data line of a TSV file.
/// Returns false when the file does not exist.
bool for_each_row(const std::string& path, std::size_t min_fields,
                  const std::function<void(const std::vector<std::string_view>&)>& each) {
    std::ifstream in(path);
    if (!in) return false;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line.front() == '#') continue;
        auto fields = split(line, '\t');
        if (fields.size() < min_fields) {
            throw Error(path + ":" + std::to_string(number) + ": expected " + std::to_string(min_fields) +
                        " tab-separated fields, found " + std::to_string(fields.size()));
        }
        each(fields);
    }
    return true;
}

RegionKind parse_kind(std::string_view kind) {
    if (kind == "capital") return RegionKind::kCapital;
    if (kind == "city") return RegionKind::kCity;
    if (kind == "subdivision") return RegionKind::kSubdivision;
    return RegionKind::kCountry;
}

/// What an overlay code the generated file lacks ("ussr", "city:mariupol",
/// "ua-40") is, from its shape and the overlay's optional parent column.
Region region_from_code(std::string_view code, std::string_view alias, std::string_view parent) {
    Region region{std::string(code), std::string(alias), std::string(parent), RegionKind::kCountry};
    if (code.starts_with("city:")) {
        region.kind = RegionKind::kCity;
    } else if (code.size() > 3 && code[2] == '-') {
        region.kind = RegionKind::kSubdivision;
        if (region.parent.empty()) region.parent = std::string(code.substr(0, 2));
    }
    return region;
}

CaseRule case_rule(const Token& token) {
    if (token.all_upper && token.norm.size() >= 2) return CaseRule::kAllUpper;
    if (token.capitalised) return CaseRule::kCapitalised;
    return CaseRule::kAny;
}

}  // namespace

Gazetteer::Gazetteer(const std::string& directory) {
    load_regions(directory + "/regions.tsv");
    load_overlay(directory + "/regions-overlay.tsv");
    load_labels(directory + "/region-labels.tsv");
    disambiguate_labels();
    load_actors(directory + "/actors.tsv");
}

void Gazetteer::load_labels(const std::string& path) {
    for_each_row(path, 2, [&](const std::vector<std::string_view>& f) {
        auto index = find_region(f[0]);
        if (!index) throw Error(path + ": no region has the code '" + std::string(f[0]) + "'");
        regions_[*index].label = std::string(f[1]);
        add_name(f[1], false, *index);
        if (f.size() > 2 && !f[2].empty()) short_labels_[std::string(f[0])] = std::string(f[2]);
    });
}

void Gazetteer::disambiguate_labels() {
    std::unordered_map<std::string, std::vector<std::size_t>> by_label;
    for (std::size_t i = 0; i < regions_.size(); ++i) by_label[schema::name_key(regions_[i].label)].push_back(i);
    for (auto& [key, shared] : by_label) {
        if (shared.size() < 2) continue;
        // The region a bare name means first (the country before its
        // namesake state) keeps it, when exactly one does.
        auto first = std::min_element(shared.begin(), shared.end(), [&](std::size_t a, std::size_t b) {
            return regions_[a].kind < regions_[b].kind;
        });
        const auto plain_kind = regions_[*first].kind;
        const bool one_plain = std::count_if(shared.begin(), shared.end(), [&](std::size_t i) {
                                   return regions_[i].kind == plain_kind;
                               }) == 1;
        for (std::size_t i : shared) {
            Region& r = regions_[i];
            if ((one_plain && i == *first) || r.parent.empty()) continue;
            auto short_label = short_labels_.find(r.parent);
            auto country = find_region(r.parent);
            std::string within = short_label != short_labels_.end() ? short_label->second
                                 : country ? regions_[*country].label : r.parent;
            // "Singapore (Singapore)" says nothing: say what the namesake is.
            if (schema::name_key(within) == key) within = r.kind == RegionKind::kCity ? "city" : "region";
            r.label += " (" + within + ")";
        }
    }
}

void Gazetteer::load_regions(const std::string& path) {
    bool found = for_each_row(path, 5, [&](const std::vector<std::string_view>& f) {
        auto index = add_region({std::string(f[0]), std::string(f[1]), std::string(f[2]), parse_kind(f[3])});
        for (auto spelling : split(f[4], '|')) add_name(spelling, false, index);
    });
    if (!found) {
        throw Error(path + ": cannot read the region gazetteer (generate it with scripts/gen-gazetteer.py)");
    }
}

void Gazetteer::load_overlay(const std::string& path) {
    // A code new to regions.tsv takes its first alias as label; a known
    // region keeps its label (region-labels.tsv sets the names people read:
    // an alias may be an abbreviation, "Ga." for Georgia).
    for_each_row(path, 2, [&](const std::vector<std::string_view>& f) {
        std::string code(f[1]);
        auto found = find_region(code);
        std::size_t index = found ? *found : add_region(region_from_code(code, f[0], f.size() > 2 ? f[2] : ""));
        add_name(f[0], false, index);
    });
}

void Gazetteer::load_actors(const std::string& path) {
    for_each_row(path, 3, [&](const std::vector<std::string_view>& f) {
        actors_.push_back({std::string(f[0]), std::string(f[1]), std::string(f[2]), {}});
        std::size_t index = actors_.size() - 1;
        add_name(f[1], true, index);
        if (f.size() > 3) {
            for (auto alias : split(f[3], '|')) add_name(alias, true, index);
        }
    });
}

std::size_t Gazetteer::add_region(Region region) {
    auto [it, inserted] = region_by_code_.emplace(region.code, regions_.size());
    if (inserted) regions_.push_back(std::move(region));
    return it->second;
}

std::optional<std::size_t> Gazetteer::find_region(std::string_view code) const {
    auto it = region_by_code_.find(std::string(code));
    if (it == region_by_code_.end()) return std::nullopt;
    return it->second;
}

void Gazetteer::add_name(std::string_view spelling, bool is_actor, std::size_t target) {
    (is_actor ? actors_[target].spellings : regions_[target].spellings).emplace_back(spelling);
    auto tokens = tokenize(spelling);
    if (tokens.empty()) return;
    Name name{is_actor, target, {}};
    std::size_t node = 0;
    for (const Token& token : tokens) {
        name.cases.push_back(case_rule(token));
        auto [it, inserted] = nodes_[node].next.emplace(token.norm, nodes_.size());
        if (inserted) nodes_.emplace_back();
        node = it->second;
    }
    for (std::size_t existing : nodes_[node].names) {
        const Name& other = names_[existing];
        if (other.is_actor == is_actor && other.target == target && other.cases == name.cases) return;
    }
    nodes_[node].names.push_back(names_.size());
    names_.push_back(std::move(name));
}

bool Gazetteer::honours(const Name& name, const std::vector<Token>& tokens, std::size_t at,
                        bool ignore_case) const {
    if (ignore_case) return true;
    for (std::size_t i = 0; i < name.cases.size(); ++i) {
        const Token& token = tokens[at + i];
        if (name.cases[i] == CaseRule::kAllUpper && !token.all_upper) return false;
        if (name.cases[i] == CaseRule::kCapitalised && !token.capitalised) return false;
    }
    return true;
}

std::size_t Gazetteer::longest_match(const std::vector<Token>& tokens, std::size_t at, bool ignore_case,
                                     std::vector<std::size_t>& names) const {
    names.clear();
    std::size_t node = 0, best = 0;
    for (std::size_t i = at; i < tokens.size(); ++i) {
        if (i > at && tokens[i].comma_before) break;  // a name never spans a comma
        auto it = nodes_[node].next.find(tokens[i].norm);
        if (it == nodes_[node].next.end()) break;
        node = it->second;
        std::vector<std::size_t> honoured;
        for (std::size_t n : nodes_[node].names) {
            if (honours(names_[n], tokens, at, ignore_case)) honoured.push_back(n);
        }
        if (!honoured.empty()) {
            best = i - at + 1;
            names = std::move(honoured);
        }
    }
    return best;
}

}  // namespace newsdesk::entities
