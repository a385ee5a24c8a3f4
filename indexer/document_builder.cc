#include "document_builder.h"

#include "hash.h"

#include <unordered_set>

#include "analysis.h"
#include "languages.h"
#include "schema.h"
#include "stored.h"

namespace newsdesk {

namespace {

void add_boolean(Xapian::Document& doc, std::string_view prefix, const std::string& value) {
    std::string slug = schema::slugify(value);
    if (!slug.empty() && slug.size() <= schema::kMaxTermValueBytes) doc.add_boolean_term(schema::boolean_term(prefix, slug));
}

/// The distinct values of one facet that can be terms, with their labels.
std::vector<FacetValue> distinct_values(const std::vector<FacetValue>& values) {
    std::vector<FacetValue> distinct;
    std::unordered_set<std::string> seen;
    for (const auto& v : values)
        if (!v.value.empty() && v.value.size() <= schema::kMaxTermValueBytes && seen.insert(v.value).second) distinct.push_back(v);
    return distinct;
}

/// A boolean term for each value of the facets.
void add_facet_terms(Xapian::Document& doc, const DocumentFacets& facets) {
    for (const auto& v : facets.actors) doc.add_boolean_term(schema::boolean_term(schema::prefix::kActor, v.value));
    for (const auto& v : facets.regions) doc.add_boolean_term(schema::boolean_term(schema::prefix::kRegion, v.value));
    for (const auto& v : facets.topics) doc.add_boolean_term(schema::boolean_term(schema::prefix::kTopic, v.value));
    for (const auto& v : facets.languages) doc.add_boolean_term(schema::boolean_term(schema::prefix::kLanguage, v.value));
}

void add_date(Xapian::Document& doc, const std::string& date) {
    if (date.size() < 8) return;
    doc.add_value(schema::kDateSlot, date);
    doc.add_boolean_term(std::string(schema::prefix::kDay) + date.substr(0, 8));
    doc.add_boolean_term(std::string(schema::prefix::kMonth) + date.substr(0, 6));
    doc.add_boolean_term(std::string(schema::prefix::kYear) + date.substr(0, 4));
}

/// Wire services send headlines in capitals ("BUNDESBANK RETAINS MONEY
/// SUPPLY POLICY"). The stemming strategy leaves capitalised words unstemmed
/// (they are usually names), so such a title would never match the stemmed
/// query "money supply policies": index an all-capitals title in lower case.
std::string searchable_title(const std::string& title) {
    bool lower = false, upper = false;
    for (Xapian::Utf8Iterator it(title); it != Xapian::Utf8Iterator(); ++it) {
        lower |= Xapian::Unicode::is_wordchar(*it) && Xapian::Unicode::tolower(*it) == *it &&
                 Xapian::Unicode::toupper(*it) != *it;
        upper |= Xapian::Unicode::tolower(*it) != *it;
    }
    return upper && !lower ? Xapian::Unicode::tolower(title) : title;
}

}  // namespace

std::string file_term(std::string_view path) {
    return std::string(schema::prefix::kFile) + schema::hex_hash64(path);
}

DocumentFacets document_facets(const Article& article) {
    DocumentFacets facets;
    if (article.date.size() >= 8) facets.day = article.date.substr(0, 8);
    facets.actors = distinct_values(article.actors);
    facets.regions = distinct_values(article.regions);
    facets.topics = distinct_values(article.topics);
    if (!article.language.empty()) facets.languages = {{article.language, languages::name_of(article.language)}};
    return facets;
}

DocumentBuilder::DocumentBuilder(const std::string& language) : default_language_(language) {
    analysis::make_stemmer(language);  // throws UsageError listing the languages
}

Xapian::TermGenerator& DocumentBuilder::generator_for(const std::string& code) {
    auto it = generators_.find(code);
    if (it == generators_.end()) it = generators_.emplace(code, analysis::configure_for(code, default_language_)).first;
    return it->second;
}

Xapian::Document DocumentBuilder::build(const Article& article, std::string_view path, const clusters::Fingerprint& story) {
    Xapian::Document doc;
    Xapian::TermGenerator& generator = generator_for(article.language);
    generator.set_document(doc);

    // Title words are searchable on their own (title:) and, weighted up,
    // among the body's words, which is what ranks title matches first.
    const std::string title = searchable_title(article.title);
    generator.index_text(title, 1, std::string(schema::prefix::kTitle));
    if (!article.title_in_body) {
        generator.index_text(title, analysis::kTitleWeight);
        generator.increase_termpos();
    }
    generator.index_text(article.body);
    if (!article.author.empty())
        generator.index_text_without_positions(article.author, 1, std::string(schema::prefix::kAuthor));

    doc.add_boolean_term(schema::id_term(article.id));
    doc.add_boolean_term(file_term(path));
    add_boolean(doc, schema::prefix::kSource, article.source);
    add_boolean(doc, schema::prefix::kSection, article.section);
    add_date(doc, article.date);
    add_facet_terms(doc, document_facets(article));
    for (const std::string& term : clusters::lookup_terms(story)) doc.add_boolean_term(term);

    doc.add_value(schema::kStemsSlot, schema::encode_text_stems(doc));
    doc.set_data(schema::to_document_data(article));
    // Xapian's reference counts are not atomic: the generator must not keep a
    // share of a document that another thread (the writer) will own.
    generator.set_document(Xapian::Document());
    return doc;
}

}  // namespace newsdesk
