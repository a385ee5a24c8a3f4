#include "gazetteer.h"

#include <algorithm>
#include <fstream>
#include <functional>

#include "error.h"
#include "facet_names.h"
#include "stopwords.h"

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

/// Whether a name of the one word @p token is a Russian function word: a
/// translation of Togo ("Того") or Pau ("По") would claim every sentence
/// that opens with "Того же дня" or "По данным".
bool is_function_word(const Token& token) {
    static const std::vector<std::string_view> words = [] {
        std::vector<std::string_view> out;
        for (const auto& list : analysis::stopword_lists()) {
            if (list.language != "russian") continue;
            for (std::string_view rest = list.words; !rest.empty();) {
                auto end = rest.find('\n');
                out.push_back(rest.substr(0, end));
                rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
            }
        }
        std::sort(out.begin(), out.end());
        return out;
    }();
    return token.script == Script::kCyrillic && std::binary_search(words.begin(), words.end(), token.word);
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
    if (tokens.empty() || (tokens.size() == 1 && is_function_word(tokens[0]))) return;
    Name name{is_actor, target, {}, false};
    std::vector<NameKeys> keys;
    for (const Token& token : tokens) {
        name.cases.push_back(case_rule(token));
        name.latin = name.latin || token.script == Script::kLatin;
        keys.push_back(name_keys(token, tokens.size()));
    }
    std::vector<std::size_t> ends{0};
    for (const NameKeys& word : keys) {
        std::vector<std::size_t> next;
        for (std::size_t node : ends) {
            for (std::size_t c : children(node, word))
                if (std::find(next.begin(), next.end(), c) == next.end()) next.push_back(c);
        }
        ends = std::move(next);
    }
    const std::size_t index = names_.size();
    for (std::size_t node : ends) {
        auto& here = nodes_[node].names;
        bool known = std::any_of(here.begin(), here.end(), [&](std::size_t existing) {
            const Name& other = existing == index ? name : names_[existing];
            return other.is_actor == is_actor && other.target == target && other.cases == name.cases;
        });
        if (!known) here.push_back(index);
    }
    names_.push_back(std::move(name));
}

// The keys of one word lead on to one node where they can (the trie is a
// graph): "Киев", "Киева" and the stem "киев" share what follows them, so a
// Cyrillic name costs a node a word, as an English one does.
std::vector<std::size_t> Gazetteer::children(std::size_t node, const NameKeys& keys) {
    std::vector<std::size_t> out;
    auto follow = [&](const std::unordered_map<std::string, std::size_t>& edges, const std::string& key) {
        auto it = edges.find(key);
        if (it != edges.end() && std::find(out.begin(), out.end(), it->second) == out.end()) out.push_back(it->second);
    };
    for (const auto& norm : keys.norms) follow(nodes_[node].by_norm(keys.script), norm);
    for (const auto& word : keys.words) follow(nodes_[node].exact, word);
    if (out.empty()) {
        out.push_back(nodes_.size());
        nodes_.emplace_back();
    }
    for (const auto& norm : keys.norms) nodes_[node].by_norm(keys.script).emplace(norm, out.front());
    for (const auto& word : keys.words) nodes_[node].exact.emplace(word, out.front());
    return out;
}

bool Gazetteer::honours(const Name& name, const Walk& w) const {
    if (name.latin && !name.is_actor && !w.rules.latin_regions) return false;
    if (w.rules.ignore_case) return true;
    for (std::size_t i = 0; i < name.cases.size(); ++i) {
        const Token& token = w.tokens[w.at + i];
        if (name.cases[i] == CaseRule::kAllUpper && !token.all_upper) return false;
        if (name.cases[i] == CaseRule::kCapitalised && !token.capitalised) return false;
    }
    return true;
}

std::size_t Gazetteer::longest_match(const std::vector<Token>& tokens, std::size_t at, const MatchRules& rules,
                                     std::vector<std::size_t>& names) const {
    names.clear();
    Walk w{tokens, at, rules, 0, names};
    walk(w, 0, at);
    return w.best;
}

/// Follows tokens[i] from @p node by its norm and by its word: a Cyrillic
/// word may be a name's by either (NameKeys).
void Gazetteer::walk(Walk& w, std::size_t node, std::size_t i) const {
    if (i >= w.tokens.size() || (i > w.at && w.tokens[i].comma_before)) return;  // a name never spans a comma
    const Node& here = nodes_[node];
    const Token& token = w.tokens[i];
    const auto& by_norm = here.by_norm(token.script);
    if (auto it = by_norm.find(token.norm); it != by_norm.end()) reach(w, it->second, i);
    if (token.word.empty() || here.exact.empty()) return;
    if (auto it = here.exact.find(token.word); it != here.exact.end()) reach(w, it->second, i);
}

/// Takes the names of @p node, reached with tokens[i], if they are the
/// longest yet; then goes on to the next token.
void Gazetteer::reach(Walk& w, std::size_t node, std::size_t i) const {
    const std::size_t length = i - w.at + 1;
    if (length >= w.best) {
        for (std::size_t n : nodes_[node].names) {
            if (!honours(names_[n], w)) continue;
            if (length > w.best) {
                w.best = length;
                w.names.clear();
            }
            if (std::find(w.names.begin(), w.names.end(), n) == w.names.end()) w.names.push_back(n);
        }
    }
    walk(w, node, i + 1);
}

}  // namespace newsdesk::entities
