#include "recognizer.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string_view>
#include <unordered_set>

#include "languages.h"
#include "schema.h"

namespace newsdesk::entities {
namespace {

/// Region names that are also everyday words or first names: capitalisation
/// alone does not make them places ("Chad Smith", "Jordan said", "Turkey
/// sales" at a sentence start).
const std::unordered_set<std::string_view> kAmbiguousWords = {
    "chad", "jordan", "georgia", "turkey", "guinea", "niger", "victoria", "florence",
    "israel", "paris", "sydney", "austin", "dallas", "orlando", "nice", "reading",
    "mobile", "split", "bath", "march", "may", "sale", "of", "a", "in", "is", "man",
    "male", "police", "cork", "toledo", "lima", "santiago", "lincoln", "hamilton",
};

enum class Field { kDateline, kTitle, kBody };

/// The words of one field of an article.
struct FieldText {
    Field field;
    std::vector<Token> tokens;
    bool caps;  ///< all capitals: case tells nothing
};

/// How far a region mention stands on its own.
enum class Support {
    kStrong,    ///< it counts
    kWeak,      ///< it counts when the article names its country strongly elsewhere
    kNamePart,  ///< joined to another capitalised word, it is part of a name ("Gary Kasparov", "Олег Майами")
};

struct Mention {
    Field field;
    std::vector<std::size_t> regions;  ///< candidate regions
    std::vector<std::size_t> actors;   ///< candidate actors
    Support support = Support::kStrong;
    bool may_be_name = false;  ///< one word that names people or firms too (a small place, "Jordan")
    std::vector<std::string> comma_countries;  ///< countries of places joined by a comma ("Atlanta, Georgia")
    bool contradicted = false;  ///< a dateline place whose comma neighbour is in another country
};

class Recognizer {
  public:
    explicit Recognizer(const Gazetteer& gazetteer) : g_(gazetteer) {}

    Found run(const Article& article) {
        FieldText fields[] = {{Field::kDateline, tokenize(article.dateline), is_all_caps(article.dateline)},
                              {Field::kTitle, tokenize(article.title), is_all_caps(article.title)},
                              {Field::kBody, tokenize(article.body), is_all_caps(article.body)}};
        const bool latin_regions = !is_cyrillic(article.language, fields);
        for (const FieldText& f : fields) scan(f, MatchRules{f.caps, latin_regions});
        spread_name_parts();
        gather_evidence();
        return collect();
    }

  private:
    std::string country_of(std::size_t region) const {
        const Region& r = g_.regions()[region];
        return r.parent.empty() ? r.code : r.parent;
    }

    /// Whether the article is in a language written in Cyrillic; one of
    /// unknown language when most of its words are Cyrillic.
    static bool is_cyrillic(const std::string& language, const FieldText (&fields)[3]) {
        if (!language.empty()) {
            const languages::Language* known = languages::find(language);
            return known && known->cyrillic;
        }
        std::size_t cyrillic = 0, latin = 0;
        for (const FieldText& f : fields) {
            for (const Token& t : f.tokens) {
                cyrillic += t.script == Script::kCyrillic;
                latin += t.script == Script::kLatin;
            }
        }
        return cyrillic > latin;
    }

    void scan(const FieldText& text, const MatchRules& rules) {
        const auto& tokens = text.tokens;
        const Field field = text.field;
        const bool caps = text.caps;
        std::vector<std::size_t> names;
        std::size_t previous_end = 0;
        std::size_t previous = SIZE_MAX;  // index of the last region mention
        for (std::size_t i = 0; i < tokens.size();) {
            std::size_t length = g_.longest_match(tokens, i, rules, names);
            if (length == 0) {
                ++i;
                continue;
            }
            Mention m{field, {}, {}, Support::kStrong, false, {}, false};
            for (std::size_t n : names) (g_.name(n).is_actor ? m.actors : m.regions).push_back(g_.name(n).target);
            bool region = !m.regions.empty();
            if (region && field != Field::kDateline) assess(tokens, i, length, caps, m);
            mentions_.push_back(std::move(m));
            if (region && previous != SIZE_MAX && previous_end == i && tokens[i].comma_before) {
                join_by_comma(mentions_[previous], mentions_.back());
            }
            previous = region ? mentions_.size() - 1 : SIZE_MAX;
            previous_end = i + length;
            i += length;
        }
    }

    /// "Atlanta, Georgia", "London, Ontario", "SANTA CRUZ, Calif.": each
    /// place says which country the other is in. Only a country or a
    /// subdivision after the comma contains the first place: "in Berlin,
    /// London and other cities" is a list (else Berlin, New Hampshire and
    /// London, Kentucky share a country and win).
    void join_by_comma(Mention& first, Mention& second) const {
        std::vector<std::string> containers;
        for (std::size_t r : second.regions) {
            const auto kind = g_.regions()[r].kind;
            if (kind == RegionKind::kCountry || kind == RegionKind::kSubdivision) containers.push_back(country_of(r));
        }
        if (containers.empty()) return;
        first.comma_countries.insert(first.comma_countries.end(), containers.begin(), containers.end());
        for (std::size_t r : first.regions) second.comma_countries.push_back(country_of(r));
        // A dateline's place whose state or country after the comma is
        // elsewhere is a namesake we do not know ("SANTA CRUZ, Calif." is
        // not the Argentine province).
        if (first.field == Field::kDateline) {
            bool shared = std::any_of(first.regions.begin(), first.regions.end(), [&](std::size_t r) {
                return std::find(first.comma_countries.begin(), first.comma_countries.end(), country_of(r)) !=
                       first.comma_countries.end();
            });
            first.contradicted = !shared;
        }
    }

    /// Sets the support of region mention @p m, @p length words at @p at.
    void assess(const std::vector<Token>& tokens, std::size_t at, std::size_t length, bool caps, Mention& m) const {
        if (length > 1) return;
        const Token& t = tokens[at];
        if (t.quoted) {  // «Томагавк», the missile; "Андерсон", the cafés
            m.support = Support::kNamePart;
            return;
        }
        if (kAmbiguousWords.contains(t.norm)) {
            m.may_be_name = true;
            if (caps || t.sentence_start) m.support = Support::kWeak;
            else if (next_to_capitalised_word(tokens, at)) m.support = Support::kNamePart;
            return;
        }
        // "Reading said" / "Mobile phones": a lone city or state name opening
        // a sentence may be a common word; countries and capitals rarely are.
        m.may_be_name = std::all_of(m.regions.begin(), m.regions.end(), [&](std::size_t r) {
            auto kind = g_.regions()[r].kind;
            return kind == RegionKind::kCity || kind == RegionKind::kSubdivision;
        });
        if (!m.may_be_name || caps) return;
        // "David Mulford", "Merrill Lynch", "Гэри Маккиннон": a small place's
        // name joined to another capitalised word is someone's or a firm's.
        if (next_to_capitalised_word(tokens, at)) m.support = Support::kNamePart;
        else if (t.sentence_start) m.support = Support::kWeak;
    }

    /// One name, one sense in an article: once "Джейкоб Хендерсон" (or "Lloyd
    /// Austin") is someone's name, "Хендерсон" alone later is the same man.
    void spread_name_parts() {
        std::vector<const std::vector<std::size_t>*> names;
        for (const Mention& m : mentions_)
            if (m.support == Support::kNamePart) names.push_back(&m.regions);
        if (names.empty()) return;
        for (Mention& m : mentions_) {
            bool named = std::any_of(names.begin(), names.end(), [&](const auto* n) { return *n == m.regions; });
            if (m.may_be_name && named) m.support = Support::kNamePart;
        }
    }

    /// "Chad Smith", "Michael Jordan" (when not an actor): a capitalised word
    /// joined to the name makes it part of a person's or a firm's name.
    bool next_to_capitalised_word(const std::vector<Token>& tokens, std::size_t at) const {
        if (at + 1 < tokens.size() && tokens[at + 1].capitalised && !tokens[at + 1].comma_before &&
            !tokens[at + 1].sentence_start) {
            return true;
        }
        return at > 0 && tokens[at - 1].capitalised && !tokens[at - 1].sentence_start && !tokens[at].comma_before &&
               !tokens[at].sentence_start;
    }

    /// Countries that strong, unambiguous mentions establish; a place inside
    /// a country says more for its other places than the country's own name.
    void gather_evidence() {
        for (const Mention& m : mentions_) {
            if (m.support != Support::kStrong || m.regions.empty()) continue;
            std::string country = country_of(m.regions.front());
            bool one_country = std::all_of(m.regions.begin(), m.regions.end(),
                                           [&](std::size_t r) { return country_of(r) == country; });
            if (!one_country) continue;
            bool is_country = g_.regions()[m.regions.front()].kind == RegionKind::kCountry;
            evidence_[country] += is_country ? 1 : 3;
        }
    }

    int score(std::size_t region, const Mention& m) const {
        // By RegionKind: a national capital outweighs a namesake town even
        // in an article about the town's country (London, Ontario needs its
        // ", Ontario").
        static constexpr int kBase[] = {3, 4, 1, 1};
        std::string country = country_of(region);
        int s = kBase[static_cast<int>(g_.regions()[region].kind)];
        if (auto it = evidence_.find(country); it != evidence_.end()) s += std::min(it->second, 3);
        if (std::find(m.comma_countries.begin(), m.comma_countries.end(), country) != m.comma_countries.end()) s += 4;
        return s;
    }

    std::size_t resolve(const Mention& m) const {
        std::size_t best = m.regions.front();
        for (std::size_t r : m.regions) {
            int a = score(r, m), b = score(best, m);
            if (a > b || (a == b && g_.regions()[r].kind < g_.regions()[best].kind)) best = r;
        }
        return best;
    }

    Found collect() {
        std::map<std::string, Tally> regions, actors;
        for (const Mention& m : mentions_) {
            int weight = m.field == Field::kDateline ? 100 : m.field == Field::kTitle ? 2 : 1;
            if (!m.regions.empty() && !m.contradicted) {
                std::size_t r = resolve(m);
                bool counts = m.support == Support::kStrong ||
                              (m.support == Support::kWeak && evidence_.contains(country_of(r)));
                if (counts) count_region(regions, r, weight);
            }
            if (!m.actors.empty()) {
                const Actor& a = g_.actors()[m.actors.front()];
                actors[schema::slugify(a.id)].add(a.label, weight, seq_++);
            }
        }
        drop_passing_mentions(regions);
        return {ranked(actors), ranked(regions)};
    }

    struct Tally {
        std::string country;  ///< value of the region's country (its own for a country)
        std::string label;
        int weight = 0;
        std::size_t first = 0;
        void add(const std::string& l, int w, std::size_t order) {
            if (weight == 0) {
                label = l;
                first = order;
            }
            weight += w;
        }
    };

    /// A country named once in passing in the body is not what the story is
    /// about (Reuters' editors do not label it; on their labels this takes
    /// PLACES precision from 0.72 to 0.86 for 5 points of recall). A country
    /// stays when its places weigh at least kMinCountryWeight (dateline or
    /// title, or two mentions), and a city or subdivision when its country stays.
    static void drop_passing_mentions(std::map<std::string, Tally>& tally) {
        constexpr int kMinCountryWeight = 2;
        std::erase_if(tally, [&](const auto& item) {
            auto country = tally.find(item.second.country);
            return country == tally.end() || country->second.weight < kMinCountryWeight;
        });
    }

    /// A place counts for itself and, first, for its country.
    void count_region(std::map<std::string, Tally>& tally, std::size_t index, int weight) {
        const Region& r = g_.regions()[index];
        std::string country_value;
        if (!r.parent.empty()) {
            if (auto country = g_.find_region(r.parent)) {
                const Region& c = g_.regions()[*country];
                country_value = schema::slugify(c.code);
                tally[country_value].add(c.label, weight, seq_++);
                tally[country_value].country = country_value;
            }
        }
        auto& own = tally[schema::slugify(r.code)];
        own.add(r.label, weight, seq_++);
        own.country = country_value.empty() ? schema::slugify(r.code) : country_value;
    }

    static std::vector<FacetValue> ranked(const std::map<std::string, Tally>& tally) {
        std::vector<std::pair<std::string, Tally>> items(tally.begin(), tally.end());
        std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
            if (a.second.weight != b.second.weight) return a.second.weight > b.second.weight;
            return a.second.first < b.second.first;
        });
        std::vector<FacetValue> out;
        for (auto& [value, t] : items) out.push_back({value, t.label});
        return out;
    }

    const Gazetteer& g_;
    std::vector<Mention> mentions_;
    std::map<std::string, int> evidence_;
    std::size_t seq_ = 0;  ///< order of first mention, for ties
};

}  // namespace

Found recognize(const Gazetteer& gazetteer, const Article& article) {
    return Recognizer(gazetteer).run(article);
}

}  // namespace newsdesk::entities
