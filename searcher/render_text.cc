// The text format: for a person at a terminal, not for parsing (use json,
// jsonl or tsv for that).
#include <sstream>
#include <string_view>

#include "render.h"

namespace newsdesk::search {

namespace {

constexpr std::size_t kWidth = 78;
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kReset = "\x1b[0m";

/// Characters a terminal shows for @p text: UTF-8 lead bytes, not counting
/// ANSI escape sequences.
std::size_t visible_width(std::string_view text) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\x1b') {
            while (i < text.size() && text[i] != 'm') ++i;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++width;
        }
    }
    return width;
}

/// @p text word-wrapped to kWidth, every line starting with @p indent.
std::string wrap(const std::string& text, const std::string& indent) {
    std::istringstream words(text);
    std::string word, out, line;
    while (words >> word) {
        if (!line.empty() && visible_width(indent + line + " " + word) > kWidth) {
            out += indent + line + "\n";
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
    }
    if (!line.empty()) out += indent + line + "\n";
    return out;
}

std::string labels(const std::vector<Labelled>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : ", ") + v.label;
    return out;
}

std::string total_line(const SearchResult& r) {
    std::ostringstream out;
    std::string query = r.query.empty() ? "all articles" : "\"" + r.query + "\"";
    if (r.lower == r.upper) out << r.estimate << (r.estimate == 1 ? " result" : " results");
    else out << "about " << r.estimate << " results";
    out << " for " << query << " (" << static_cast<long>(r.elapsed_ms * 10 + 0.5) / 10.0 << " ms)";
    if (!r.hits.empty()) out << "; showing " << r.hits.front().rank << "-" << r.hits.back().rank;
    return out.str();
}

void render_explanation(const Explanation& e, std::ostream& out) {
    std::ostringstream line;
    line << "    Score " << e.score << " (" << e.match << "; " << e.terms_matched << " of " << e.terms.size()
         << " terms; length " << e.document_length << "):";
    out << line.str() << "\n";
    for (const auto& t : e.terms) {
        std::ostringstream term;
        term << "      " << t.term << (t.role == "query" ? "" : " (" + t.role + ")") << ": wdf " << t.wdf << ", in "
             << t.termfreq << " articles, idf " << t.idf << " -> bm25 " << t.bm25 << " + coverage " << t.coverage;
        out << term.str() << "\n";
    }
    if (!e.decay) return;
    std::ostringstream decay;
    decay << "    Decay " << e.decay->factor << " (";
    if (e.decay->age_days) decay << *e.decay->age_days << " days old";
    else decay << "no date";
    decay << ", half-life " << e.decay->half_life_days << " days) -> fresh score " << e.score * e.decay->factor;
    out << decay.str() << "\n";
}

void render_hit(const Hit& h, std::ostream& out, bool color) {
    out << "\n" << (h.rank < 10 ? " " : "") << h.rank << ". " << (color ? kBold : "")
        << (h.title.empty() ? "(untitled)" : h.title) << (color ? kReset : "") << "\n";
    std::string meta = h.date.empty() ? "no date" : h.date;
    for (const std::string* part : {&h.source, &h.id}) if (!part->empty()) meta += " | " + *part;
    out << "    " << meta << "\n";
    if (h.related) out << "    " << kRelatedNote << "\n";
    if (h.similar > 0)
        out << "    " << h.similar << (h.similar == 1 ? " similar story" : " similar stories") << ": cluster:" << h.cluster << "\n";
    if (!h.url.empty()) out << "    " << h.url << "\n";
    if (!h.regions.empty()) out << "    Regions: " << labels(h.regions) << "\n";
    if (!h.actors.empty()) out << "    Actors: " << labels(h.actors) << "\n";
    if (!h.topics.empty()) out << "    Topics: " << labels(h.topics) << "\n";
    // Without colour, matches are *starred*, as in plain-text mail.
    out << wrap(plain_snippet(h.snippet, color ? kBold : "*", color ? kReset : "*"), "    ");
    if (h.explain) render_explanation(*h.explain, out);
}

void render_facet(const Facet& facet, std::ostream& out) {
    std::string name = facet.name;
    if (!name.empty()) name[0] = static_cast<char>(name[0] - 'a' + 'A');
    std::string line;
    for (const auto& v : facet.values)
        line += (line.empty() ? "" : " | ") + v.label + " (" + std::to_string(v.count) + ")";
    out << wrap(name + ": " + (line.empty() ? "none" : line), "  ");
}

}  // namespace

void render_text(const SearchResult& r, std::ostream& out, bool color) {
    out << total_line(r) << "\n";
    if (!r.missing_shards.empty()) out << partial_note(r.missing_shards) << "\n";
    if (r.match == "relaxed") out << kRelaxedNote << "\n";
    if (r.corrected) out << "Did you mean: " << *r.corrected << "?\n";
    for (const auto& h : r.hits) render_hit(h, out, color);
    if (!r.facets.empty()) out << "\n";
    for (const auto& f : r.facets) render_facet(f, out);
}

}  // namespace newsdesk::search
