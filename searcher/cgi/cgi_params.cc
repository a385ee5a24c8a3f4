#include "cgi_params.h"

#include <algorithm>
#include <fstream>

#include "dates.h"
#include "error.h"
#include "html.h"

namespace newsdesk::cgi {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string describe(const std::string& name) { return "the parameter '" + name + "'"; }

/// Control characters have no business in a search; tabs and line breaks in
/// the query (pasted text) are just spaces.
std::string checked_text(const std::string& name, std::string value, std::size_t max_bytes) {
    if (value.size() > max_bytes)
        throw UsageError(describe(name) + " is too long (" + std::to_string(value.size()) + " bytes; at most " +
                         std::to_string(max_bytes) + ")");
    for (char& c : value) {
        if (name == "q" && (c == '\t' || c == '\r' || c == '\n')) c = ' ';
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            throw UsageError(describe(name) + " contains a control character");
    }
    return value;
}

unsigned parse_page(const std::string& text) {
    if (text.empty()) return 1;
    bool digits = text.size() <= 9 && text.find_first_not_of("0123456789") == std::string::npos;
    unsigned long page = digits ? std::stoul(text) : 0;
    if (page < 1 || page > kMaxPage)
        throw UsageError("page must be a whole number from 1 to " + std::to_string(kMaxPage));
    return static_cast<unsigned>(page);
}

std::string parse_sort_name(const std::string& text) {
    if (text.empty()) return "relevance";
    search::parse_sort(text);  // throws for an unknown order
    return text;
}

std::string parse_match_name(const std::string& text) {
    if (text.empty()) return "auto";
    search::parse_match(text);  // throws for an unknown mode
    return text;
}

bool parse_flag(const std::string& name, const std::string& text) {
    if (text.empty() || text == "0") return false;
    if (text == "1") return true;
    throw UsageError(name + " must be 0 or 1");
}

void parse_format(PageParams& params, const std::string& text) {
    params.json = text == "json";
    params.atom = text == "atom";
    if (!params.json && !params.atom && !text.empty() && text != "html")
        throw UsageError("format must be html, json or atom");
}

/// from and to: checked as the search will read them (relative ones against the clock).
std::string checked_date(const std::string& name, const std::string& value) {
    std::string text = checked_text(name, value, kMaxValueBytes);
    const auto bound = name == "from" ? dates::Bound::kStart : dates::Bound::kEnd;
    if (!text.empty() && !dates::parse_bound(text, bound))
        throw UsageError(describe(name) + " ('" + text + "') is not a date (use " + dates::kBoundForms + ")");
    return text;
}

std::string checked_half_life(const std::string& value) {
    std::string text = checked_text("half_life", value, kMaxValueBytes);
    if (!text.empty() && !search::parse_half_life(text))
        throw UsageError(describe("half_life") + " ('" + text + "') is not a half-life (" + search::kHalfLifeForms + ")");
    return text;
}

void add_filter(PageParams& params, const std::string& facet, const std::string& value) {
    if (value.empty()) return;  // an empty select option means "no filter"
    auto& values = params.filters[facet];
    if (std::find(values.begin(), values.end(), value) != values.end()) return;
    if (values.size() == kMaxValuesPerFacet)
        throw UsageError("too many " + facet + " filters (at most " + std::to_string(kMaxValuesPerFacet) + ")");
    values.push_back(value);
}

void apply(PageParams& params, const std::string& name, const std::string& value) {
    if (name == "q") params.q = checked_text(name, value, kMaxQueryBytes);
    else if (std::find(kFilterFacets.begin(), kFilterFacets.end(), name) != kFilterFacets.end())
        add_filter(params, name, checked_text(name, value, kMaxValueBytes));
    else if (name == "from") params.from = checked_date(name, value);
    else if (name == "to") params.to = checked_date(name, value);
    else if (name == "sort") params.sort = parse_sort_name(checked_text(name, value, kMaxValueBytes));
    else if (name == "half_life") params.half_life = checked_half_life(value);
    else if (name == "match") params.match = parse_match_name(checked_text(name, value, kMaxValueBytes));
    else if (name == "explain") params.explain = parse_flag(name, value);
    else if (name == "collapse") params.collapse = value.empty() || parse_flag(name, value);
    else if (name == "page") params.page = parse_page(checked_text(name, value, kMaxValueBytes));
    else if (name == "format") parse_format(params, value);
    else if (name == "id") params.article_id = checked_text(name, value, kMaxValueBytes);
}

std::string trim(std::string_view s) {
    auto begin = s.find_first_not_of(" \t\r");
    if (begin == std::string_view::npos) return "";
    auto end = s.find_last_not_of(" \t\r");
    return std::string(s.substr(begin, end - begin + 1));
}

}  // namespace

std::string url_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%') {
            int hi = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
            int lo = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                throw UsageError("malformed %-escape '" + std::string(text.substr(i, 3)) + "' in the request");
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            out += c;
        }
    }
    if (!valid_utf8(out)) throw UsageError("the request is not valid UTF-8");
    return out;
}

std::vector<std::pair<std::string, std::string>> parse_query_string(std::string_view query_string) {
    if (query_string.size() > kMaxQueryStringBytes)
        throw UsageError("the request is too long (" + std::to_string(query_string.size()) + " bytes; at most " +
                         std::to_string(kMaxQueryStringBytes) + ")");
    std::vector<std::pair<std::string, std::string>> pairs;
    while (!query_string.empty()) {
        std::size_t end = query_string.find_first_of("&;");
        std::string_view piece = query_string.substr(0, end);
        query_string.remove_prefix(end == std::string_view::npos ? query_string.size() : end + 1);
        if (piece.empty()) continue;
        std::size_t eq = piece.find('=');
        std::string_view name = piece.substr(0, eq);
        std::string_view value = eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1);
        pairs.emplace_back(url_decode(name), url_decode(value));
    }
    return pairs;
}

bool PageParams::has_filter(const std::string& facet, const std::string& value) const {
    auto it = filters.find(facet);
    return it != filters.end() && std::find(it->second.begin(), it->second.end(), value) != it->second.end();
}

bool PageParams::filtered() const {
    for (const auto& [facet, values] : filters)
        if (!values.empty()) return true;
    return !from.empty() || !to.empty();
}

PageParams parse_params(std::string_view query_string) {
    PageParams params;
    for (const auto& [name, value] : parse_query_string(query_string)) apply(params, name, value);
    return params;
}

search::SearchRequest to_search_request(const PageParams& params, const std::string& now) {
    search::SearchRequest request;
    request.query = params.q;
    request.filters = params.filters;
    request.from = params.from;
    request.to = params.to;
    request.now = now;
    request.sort = search::parse_sort(params.sort);
    if (!params.half_life.empty()) request.half_life_days = search::parse_half_life(params.half_life).value_or(0);
    request.match = search::parse_match(params.match);
    request.explain = params.explain && params.json;
    request.collapse = params.collapse;
    request.limit = kPageSize;
    request.offset = (params.page - 1) * kPageSize;
    request.facets = {"actor", "region", "topic", "language", "date"};
    request.facet_limit = kFacetValuesListed;
    request.time_limit_seconds = kQueryTimeLimitSeconds;
    if (params.atom) {
        // A feed is a time line: its newest articles; nothing to count.
        request.sort = search::Sort::kNewest;
        request.limit = kFeedSize;
        request.offset = 0;
        request.facets.clear();
    }
    return request;
}

namespace {

/// The parameters to_query_string() writes, in its order, as (name, value).
std::vector<std::pair<std::string_view, std::string>> query_pairs(const PageParams& params) {
    std::vector<std::pair<std::string_view, std::string>> pairs;
    if (!params.q.empty()) pairs.emplace_back("q", params.q);
    for (const auto& facet : kFilterFacets) {
        auto it = params.filters.find(facet);
        if (it != params.filters.end())
            for (const auto& value : it->second) pairs.emplace_back(facet, value);
    }
    if (!params.from.empty()) pairs.emplace_back("from", params.from);
    if (!params.to.empty()) pairs.emplace_back("to", params.to);
    if (params.sort != "relevance") pairs.emplace_back("sort", params.sort);
    if (!params.half_life.empty()) pairs.emplace_back("half_life", params.half_life);
    if (params.match != "auto") pairs.emplace_back("match", params.match);
    if (!params.collapse) pairs.emplace_back("collapse", "0");
    if (params.page != 1) pairs.emplace_back("page", std::to_string(params.page));
    if (params.json) pairs.emplace_back("format", "json");
    if (params.atom) pairs.emplace_back("format", "atom");
    if (params.explain) pairs.emplace_back("explain", "1");
    if (!params.article_id.empty()) pairs.emplace_back("id", params.article_id);
    return pairs;
}

/// Appends "name=value" (value percent-encoded) to @p out, after @p first
/// when @p out is empty, else after '&'.
void append_pair(std::string& out, std::string_view name, std::string_view value, char first = '?') {
    out += out.empty() ? first : '&';
    out += name;
    out += '=';
    out += url_encode(value);
}

}  // namespace

std::string to_query_string(const PageParams& params) {
    std::string out;
    for (const auto& [name, value] : query_pairs(params)) append_pair(out, name, value);
    return out.empty() ? "?" : out;
}

namespace {

/// What chooses @p params' articles, without the view.
PageParams search_of(const PageParams& params) {
    PageParams search;
    search.q = params.q;
    search.filters = params.filters;
    search.from = params.from;
    search.to = params.to;
    search.match = params.match;
    return search;
}

}  // namespace

std::string search_query_string(const PageParams& params) { return to_query_string(search_of(params)); }

std::string feed_query_string(const PageParams& params) {
    PageParams feed = search_of(params);
    feed.atom = true;
    return to_query_string(feed);
}

QueryStringAround added_filter_query_string(const PageParams& params, const std::string& facet) {
    PageParams next = params;
    next.filters[facet].emplace_back();  // the place of the value to add: the last of its facet
    next.page = 1;
    next.article_id.clear();
    auto pairs = query_pairs(next);
    std::size_t at = 0;
    for (std::size_t i = 0; i < pairs.size(); ++i)
        if (pairs[i].first == facet) at = i;
    QueryStringAround around;
    for (std::size_t i = 0; i < at; ++i) append_pair(around.before, pairs[i].first, pairs[i].second);
    append_pair(around.before, facet, "");
    for (std::size_t i = at + 1; i < pairs.size(); ++i) append_pair(around.after, pairs[i].first, pairs[i].second, '&');
    return around;
}

std::string database_from_config(std::istream& config) {
    std::string path;
    for (std::string line; std::getline(config, line);) {
        std::string text = trim(line);
        if (text.empty() || text[0] == '#') continue;
        auto eq = text.find('=');
        if (eq != std::string::npos && trim(text.substr(0, eq)) == "db") path = trim(text.substr(eq + 1));
    }
    return path;
}

std::string database_path(const char* env_value, const std::string& config_path) {
    if (env_value && *env_value) return env_value;
    std::ifstream config(config_path);
    return config ? database_from_config(config) : "";
}

}  // namespace newsdesk::cgi
