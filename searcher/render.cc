#include "render.h"

#include <string_view>

#include "dates.h"
#include "error.h"

namespace newsdesk::search {

namespace {

using nlohmann::json;

/// A value's parent, or null for none.
json parent_json(const std::string& parent) {
    return parent.empty() ? json(nullptr) : json(parent);
}

/// iso_moment(@p sortable), null when open.
json moment_or_null(const std::string& sortable) {
    return sortable.empty() ? json(nullptr) : json(iso_moment(sortable));
}

json labelled_to_json(const std::vector<Labelled>& values) {
    json out = json::array();
    for (const auto& v : values) out.push_back({{"value", v.value}, {"label", v.label}, {"parent", parent_json(v.parent)}});
    return out;
}

json facets_to_json(const std::vector<Facet>& facets) {
    json out = json::object();
    for (const auto& facet : facets) {
        json values = json::array();
        for (const auto& v : facet.values)
            values.push_back({{"value", v.value}, {"label", v.label}, {"count", v.count}, {"parent", parent_json(v.parent)}});
        out[facet.name] = std::move(values);
    }
    return out;
}

/// Text that stays valid even if a stored field holds broken UTF-8.
std::string dump(const json& j, int indent = -1) { return j.dump(indent, ' ', false, json::error_handler_t::replace); }

/// IANA TSV cannot hold tabs or newlines in a field: escape them (and the
/// escape character) the way PostgreSQL's COPY text format does.
std::string tsv_field(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '\\': out += "\\\\"; break;
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            default: out += c;
        }
    }
    return out;
}

std::string joined_values(const std::vector<Labelled>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : ";") + v.value;
    return out;
}

void render_tsv(const SearchResult& result, std::ostream& out) {
    // New columns go at the end: scripts read the others by position.
    out << "rank\tid\tscore\tdate\ttitle\tsource\turl\tactors\tregions\ttopics\tsnippet\tsimilar\tcluster\n";
    for (const auto& h : result.hits) {
        out << h.rank << '\t' << tsv_field(h.id) << '\t' << h.score << '\t' << tsv_field(h.date) << '\t'
            << tsv_field(h.title) << '\t' << tsv_field(h.source) << '\t' << tsv_field(h.url) << '\t'
            << tsv_field(joined_values(h.actors)) << '\t' << tsv_field(joined_values(h.regions)) << '\t'
            << tsv_field(joined_values(h.topics)) << '\t' << tsv_field(plain_snippet(h.snippet)) << '\t' << h.similar
            << '\t' << tsv_field(h.cluster) << '\n';
    }
}

}  // namespace

Format parse_format(const std::string& name) {
    if (name == "text") return Format::kText;
    if (name == "json") return Format::kJson;
    if (name == "jsonl") return Format::kJsonl;
    if (name == "tsv") return Format::kTsv;
    if (name == "atom") return Format::kAtom;
    throw UsageError("unknown output format '" + name + "' (choose text, json, jsonl, tsv or atom)");
}

std::string iso_moment(std::string_view s) {
    if (s.size() != 14 || s.find_first_not_of("0123456789") != std::string_view::npos) return "";
    std::string out = dates::iso_day(s);
    out += 'T';
    out += s.substr(8, 2);
    out += ':';
    out += s.substr(10, 2);
    out += ':';
    out += s.substr(12, 2);
    return out;
}

json explanation_to_json(const Explanation& e) {
    json terms = json::array();
    for (const auto& t : e.terms)
        terms.push_back({{"term", t.term}, {"role", t.role}, {"wdf", t.wdf}, {"termfreq", t.termfreq}, {"idf", t.idf},
                         {"bm25", t.bm25}, {"coverage", t.coverage}, {"weight", t.bm25 + t.coverage}});
    json out = {{"match", e.match}, {"score", e.score}, {"document_length", e.document_length},
                {"terms_matched", e.terms_matched}, {"terms", std::move(terms)}};
    if (e.decay)
        out["decay"] = {{"factor", e.decay->factor},
                        {"age_days", e.decay->age_days ? json(*e.decay->age_days) : json(nullptr)},
                        {"half_life_days", e.decay->half_life_days}};
    return out;
}

json hit_to_json(const Hit& h) {
    json hit = {{"rank", h.rank},       {"id", h.id},
            {"score", h.score},     {"title", h.title},
            {"date", h.date},       {"source", h.source},
            {"url", h.url},         {"section", h.section},
            {"language", h.language}, {"actors", labelled_to_json(h.actors)},
            {"regions", labelled_to_json(h.regions)}, {"topics", labelled_to_json(h.topics)},
            {"snippet", h.snippet}, {"related", h.related}, {"similar", h.similar}};
    if (!h.cluster.empty()) hit["cluster"] = h.cluster;
    if (h.explain) hit["explain"] = explanation_to_json(*h.explain);
    return hit;
}

json to_json(const SearchResult& r) {
    json results = json::array();
    for (const auto& h : r.hits) results.push_back(hit_to_json(h));
    return {{"query", r.query},
            {"parsed", r.parsed},
            {"total", {{"estimate", r.estimate}, {"lower", r.lower}, {"upper", r.upper}}},
            {"match", r.match},
            {"filters", r.filters},
            {"ranked", r.ranked},
            {"offset", r.offset},
            {"limit", r.limit},
            {"now", iso_moment(r.now)},
            {"date_range", {{"from", moment_or_null(r.from)}, {"to", moment_or_null(r.to)}}},
            {"corrected", r.corrected ? json(*r.corrected) : json(nullptr)},
            {"partial", r.missing_shards.empty() ? json(nullptr) : json{{"missing", r.missing_shards}}},
            {"elapsed_ms", r.elapsed_ms},
            {"results", std::move(results)},
            {"facets", facets_to_json(r.facets)}};
}

void render(const SearchResult& result, Format format, std::ostream& out, bool color) {
    switch (format) {
        case Format::kText: render_text(result, out, color); break;
        case Format::kJson: out << dump(to_json(result), 2) << '\n'; break;
        case Format::kJsonl:
            for (const auto& h : result.hits) out << dump(hit_to_json(h)) << '\n';
            break;
        case Format::kTsv: render_tsv(result, out); break;
        case Format::kAtom: {
            SearchRequest searched;  // what the result tells of its search
            searched.query = result.query;
            searched.filters = result.filters;
            FeedInfo info;
            info.query = feed_query(searched);
            render_atom(result, info, out);
            break;
        }
    }
}

std::string plain_snippet(const std::string& snippet, const std::string& mark_on, const std::string& mark_off) {
    static const std::pair<std::string_view, std::string_view> kEntities[] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
    std::string out;
    std::string_view rest = snippet;
    while (!rest.empty()) {
        std::string_view replaced;
        std::size_t skip = 0;
        if (rest.starts_with("<mark>")) replaced = mark_on, skip = 6;
        else if (rest.starts_with("</mark>")) replaced = mark_off, skip = 7;
        else
            for (const auto& [entity, text] : kEntities)
                if (rest.starts_with(entity)) replaced = text, skip = entity.size();
        if (skip) {
            out += replaced;
            rest.remove_prefix(skip);
        } else {
            out += rest.front();
            rest.remove_prefix(1);
        }
    }
    return out;
}

}  // namespace newsdesk::search
