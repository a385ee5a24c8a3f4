/** @file
 *  @brief The gazetteers: regions and actors, and the names that point to them.
 *
 *  A gazetteer directory holds (see scripts/gen-gazetteer.py and
 *  corpus/gazetteer/):
 *    regions.tsv          generated: code, label, parent, kind, names|...
 *                         (English names, then Russian, Ukrainian and German)
 *    regions-overlay.tsv  curated: alias, code [, parent] (exonyms, demonyms, "U.S.")
 *    region-labels.tsv    curated: code, label [, short]: the name newsrooms
 *                         use where the ISO name is a long form ("Russia"), and
 *                         a short one for brackets ("US" in "Georgia (US)")
 *    actors.tsv           curated: id, label, kind, aliases|...
 *  Lines starting with '#' and blank lines are ignored. regions.tsv is
 *  required; a missing curated file counts as empty.
 */
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tokens.h"

namespace newsdesk::entities {

/// Ordered by how readily a bare name means it: "Georgia" is the country
/// before the US state, "Washington" the capital before the state.
enum class RegionKind { kCountry = 0, kCapital = 1, kCity = 2, kSubdivision = 3 };

struct Region {
    std::string code;    ///< "ua", "ua-43", "city:kyiv", "ussr"
    /// The one name shown for it: "Ukraine", "Crimea", "Kyiv"; the country
    /// in brackets only where another region has the same name ("Georgia (US)").
    std::string label;
    std::string parent;  ///< country code of a subdivision or city, "" for a country
    RegionKind kind = RegionKind::kCountry;
    std::vector<std::string> spellings{};  ///< every name that points to it
};

struct Actor {
    std::string id;     ///< stable id, e.g. "vladimir-putin"
    std::string label;  ///< "Vladimir Putin"
    std::string kind;   ///< person, government, armed-group, ...
    std::vector<std::string> spellings{};  ///< every name that points to it
};

/// What one spelling of a name requires of each word in the text.
enum class CaseRule : unsigned char {
    kAny,          ///< "of", "the"
    kCapitalised,  ///< "Jordan"
    kAllUpper,     ///< "FSB", "U.S."
};

/// A name: words in the trie leading to an actor or a region.
struct Name {
    bool is_actor = false;
    std::size_t target = 0;  ///< index into actors() or regions()
    std::vector<CaseRule> cases;
    bool latin = false;  ///< written in Latin letters ("Mobile", not "Мобил")
};

/// What a text allows its words to match.
struct MatchRules {
    /// All-caps text (a Reuters headline, a dateline): capitals tell nothing.
    bool ignore_case = false;
    /// Whether Latin-script region names count. Not in a Cyrillic text: a
    /// Russian post writes "Вашингтон", and its Latin fragments (brands,
    /// ships, code: "USS Minnesota", "Mobile") are no places.
    bool latin_regions = true;
};

class Gazetteer {
  public:
    /// Loads @p directory as described above. @throws Error naming the file
    /// (and line) that is missing or malformed.
    explicit Gazetteer(const std::string& directory);

    const std::vector<Region>& regions() const { return regions_; }
    const std::vector<Actor>& actors() const { return actors_; }
    const Name& name(std::size_t i) const { return names_[i]; }
    std::optional<std::size_t> find_region(std::string_view code) const;

    /// The longest name starting at @p tokens[at] whose spelling the text
    /// honours under @p rules. Returns its length in words (0: none) and
    /// fills @p names.
    std::size_t longest_match(const std::vector<Token>& tokens, std::size_t at, const MatchRules& rules,
                              std::vector<std::size_t>& names) const;

  private:
    /// A word of the trie is reached by a token's norm, or by a Cyrillic
    /// token's stem or its word as written (NameKeys). Cyrillic keys have
    /// maps of their own: English text then searches none of them.
    struct Node {
        std::unordered_map<std::string, std::size_t> next;
        std::unordered_map<std::string, std::size_t> stems;
        std::unordered_map<std::string, std::size_t> exact;
        std::vector<std::size_t> names;

        auto& by_norm(Script script) { return script == Script::kCyrillic ? stems : next; }
        const auto& by_norm(Script script) const { return script == Script::kCyrillic ? stems : next; }
    };

    /// Where a longest_match() walk stands.
    struct Walk {
        const std::vector<Token>& tokens;
        std::size_t at;
        const MatchRules& rules;
        std::size_t best = 0;
        std::vector<std::size_t>& names;
    };

    void load_regions(const std::string& path);
    void load_overlay(const std::string& path);
    void load_actors(const std::string& path);
    void load_labels(const std::string& path);
    /// Puts the country in brackets after the labels that several regions share.
    void disambiguate_labels();
    std::size_t add_region(Region region);
    void add_name(std::string_view spelling, bool is_actor, std::size_t target);
    /// The nodes a name's word with @p keys leads to from @p node, made
    /// where none does yet.
    std::vector<std::size_t> children(std::size_t node, const NameKeys& keys);
    void walk(Walk& w, std::size_t node, std::size_t i) const;
    void reach(Walk& w, std::size_t node, std::size_t i) const;
    bool honours(const Name& name, const Walk& w) const;

    std::vector<Region> regions_;
    std::vector<Actor> actors_;
    std::vector<Name> names_;
    std::vector<Node> nodes_{1};  // nodes_[0] is the root
    std::unordered_map<std::string, std::size_t> region_by_code_;
    std::unordered_map<std::string, std::string> short_labels_;  ///< code -> "US"
};

}  // namespace newsdesk::entities
