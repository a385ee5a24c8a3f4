// The page's frame, the search form, the result list and the article view.
// Sidebar parts (facets, histogram, chips) are in html_facets.cc.
#include "html.h"

#include <cstdio>
#include <string_view>

namespace newsdesk::cgi {

namespace {

// Colours are chosen for contrast of at least 4.5:1 against their background
// (WCAG AA); focus is always visible for keyboard users.
constexpr const char* kStyle = R"(
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff}
a{color:#0645ad}a:visited{color:#5a2d91}
a:focus-visible,input:focus-visible,select:focus-visible,button:focus-visible,summary:focus-visible{outline:3px solid #b35900;outline-offset:2px}
header{background:#12355b;color:#fff;padding:.75rem 1rem}
header a{color:#fff;text-decoration:none}
header h1{margin:0 0 .5rem;font-size:1.4rem}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
form.search label{flex-basis:100%;font-weight:600}
form.search input[type=search]{flex:1 1 16rem;min-width:0;font-size:1rem;padding:.5rem;border:2px solid #5f6b7a;border-radius:4px}
form.search button{font-size:1rem;padding:.5rem 1rem;border:0;border-radius:4px;background:#ffd166;color:#1a1a1a;font-weight:600;cursor:pointer}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 18rem;gap:1.5rem;max-width:72rem;margin:0 auto;padding:1rem}
@media (max-width:48rem){.layout{grid-template-columns:minmax(0,1fr)}aside{order:2}}
.summary{color:#404040;margin:.25rem 0}
.chips{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.4rem}
.chips a{display:inline-block;padding:.1rem .6rem;border-radius:1rem;background:#e8eef6;color:#12355b;text-decoration:none;font-size:.9rem}
.chips.active a{background:#12355b;color:#fff}
.chips a:hover{text-decoration:underline}
.chips strong{display:inline-block;padding:.1rem .6rem;border-radius:1rem;background:#12355b;color:#fff;font-size:.9rem}
nav.sort a,nav.sort strong{margin-right:.6rem}
ol.results{padding-left:1.5rem}
ol.results li{margin-bottom:1.25rem}
ol.results h3{margin:0;font-size:1.1rem}
.meta{color:#404040;font-size:.9rem;margin:.1rem 0}
.snippet{margin:.25rem 0}
mark{background:#ffe066;color:#1a1a1a}
nav.pages{display:flex;gap:1rem;align-items:center;margin:1rem 0}
aside section{margin-bottom:1.25rem}
aside h2{font-size:1rem;margin:0 0 .25rem;border-bottom:1px solid #c8c8c8}
aside ul{list-style:none;padding:0;margin:0}
aside ul.within{margin-left:1rem;border-left:2px solid #e0e6ee}
aside li a{display:flex;justify-content:space-between;gap:.5rem;padding:.15rem .25rem;text-decoration:none;border-radius:3px}
aside li a:hover{background:#eef2f7}
aside li a[aria-current]{background:#12355b;color:#fff;font-weight:600}
.count{color:#404040;font-variant-numeric:tabular-nums}
aside li a[aria-current] .count{color:#fff}
summary{cursor:pointer;color:#0645ad;margin:.25rem 0}
svg.histogram{width:100%;height:auto;display:block}
svg.histogram rect{fill:#2f6db5}
svg.histogram a:hover rect,svg.histogram a:focus rect{fill:#b35900}
svg.histogram text{font-size:10px;fill:#404040}
.error{border-left:4px solid #b00020;padding:.5rem 1rem;background:#fdf0f2}
.body p{max-width:40rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
)";

/// The page's <head>; @p feed_href, when not "", the link to its search's Atom feed.
std::string html_head(const std::string& title, const std::string& feed_href = "") {
    std::string feed;
    if (!feed_href.empty())
        feed = "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"" + escape_attribute(title) +
               " (Atom feed)\" href=\"" + escape_attribute(feed_href) + "\">\n";
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<title>" + escape_text(title) + "</title>\n" + feed + "<style>" + kStyle + "</style>\n</head>\n";
}

std::string header(const PageParams& params) {
    return "<header>\n<h1><a href=\"?\">newsdesk</a></h1>\n" + search_form(params) + "</header>\n";
}

/// A page is written into one string, reserved up front: built from parts
/// joined with +, a 30 KB page was copied four times into fresh memory (about
/// 25 page faults, a tenth of a CGI request's own work).
constexpr std::size_t kPageReserve = 64 * 1024;

/// Starts a page: everything before the contents of <main>; @p feed_href as html_head's.
std::string open_page(const PageParams& params, const std::string& title, const std::string& feed_href = "") {
    std::string html;
    html.reserve(kPageReserve);
    html += html_head(title, feed_href);
    html += "<body>\n";
    html += header(params);
    html += "<div class=\"layout\">\n<main id=\"main\">\n";
    return html;
}

/// Ends a page opened by open_page(): closes <main>, adds the sidebar @p aside ("" for none).
void close_page(std::string& html, const std::string& aside) {
    html += "</main>\n";
    if (!aside.empty()) {
        html += "<aside aria-label=\"Refine the results\">\n";
        html += aside;
        html += "</aside>\n";
    }
    html += "</div>\n</body>\n</html>\n";
}

std::string page(const PageParams& params, const std::string& title, const std::string& main) {
    std::string html = open_page(params, title);
    html += main;
    close_page(html, "");
    return html;
}

std::string hidden(const std::string& name, const std::string& value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape_attribute(value) + "\">\n";
}

/// 1234567 -> "1,234,567".
std::string with_commas(unsigned long n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

/// Where a hit's title leads: its own URL when it is a web address, else the
/// article view on this page (keeping the search, for the way back).
std::string article_href(const PageParams& params, const std::string& id, const std::string& url) {
    if (is_web_url(url)) return url;
    PageParams view = params;
    view.article_id = id;
    view.json = false;
    return to_query_string(view);
}

/// A link adding @p value to the @p facet filter (from page 1).
std::string add_filter_href(const PageParams& params, const std::string& facet, const std::string& value) {
    PageParams next = params;
    auto& values = next.filters[facet];
    if (!params.has_filter(facet, value)) values.push_back(value);
    next.page = 1;
    next.article_id.clear();
    return to_query_string(next);
}

/// Links adding each of @p values to the @p facet filter, as list items.
std::string chip_items(const PageParams& params, const std::string& facet, const std::vector<search::Labelled>& values) {
    std::string html;
    for (const auto& v : values)
        html += "<li><a href=\"" + escape_attribute(add_filter_href(params, facet, v.value)) + "\" title=\"Only " +
                escape_attribute(facet) + " " + escape_attribute(v.label) + "\">" + escape_text(v.label) + "</a></li>";
    return html;
}

std::string chip_list(const std::string& label, const std::string& items) {
    return items.empty() ? "" : "<ul class=\"chips\" aria-label=\"" + label + "\">" + items + "</ul>\n";
}

std::string hit_meta(const search::Hit& hit) {
    std::string meta;
    if (!hit.date.empty()) meta += "<time datetime=\"" + escape_attribute(hit.date) + "\">" + escape_text(hit.date) + "</time>";
    if (!hit.source.empty()) meta += (meta.empty() ? "" : " · ") + escape_text(hit.source);
    return meta.empty() ? "" : "<p class=\"meta\">" + meta + "</p>\n";
}

/// "N similar stories", linking to every article of the hit's story, oldest
/// first: the first take, its corrections, the fuller versions, the reposts.
std::string similar_link(const search::Hit& hit) {
    if (hit.similar == 0 || hit.cluster.empty()) return "";
    PageParams story;
    story.q = "cluster:" + hit.cluster;
    story.collapse = false;
    story.sort = "oldest";
    const std::string count = std::to_string(hit.similar) + (hit.similar == 1 ? " similar story" : " similar stories");
    return "<p class=\"meta similar\"><a href=\"" + escape_attribute(to_query_string(story)) + "\">" + count + "</a></p>\n";
}

std::string hit_item(const PageParams& params, const search::Hit& hit) {
    std::string title = hit.title.empty() ? "(untitled)" : hit.title;
    std::string html = "<li>\n<h3><a href=\"" + escape_attribute(article_href(params, hit.id, hit.url)) + "\">" +
                       escape_text(title) + "</a></h3>\n" + hit_meta(hit);
    if (hit.related) html += std::string("<p class=\"meta related\">") + search::kRelatedNote + "</p>\n";
    html += similar_link(hit);
    // The library escapes snippet text and adds only <mark>; see the unit test.
    if (!hit.snippet.empty()) html += "<p class=\"snippet\">" + hit.snippet + "</p>\n";
    html += chip_list("Actors and regions", chip_items(params, "actor", hit.actors) + chip_items(params, "region", hit.regions));
    return html + "</li>\n";
}

unsigned page_count(const PageParams& params, const search::SearchResult& result) {
    // The ranked list goes on past the articles with every word (Match::kAuto);
    // collapsed, it lists a story's articles once, and the totals count them all.
    unsigned long listed = params.collapse ? result.ranked : std::max(result.estimate, result.ranked);
    unsigned long pages = (listed + kPageSize - 1) / kPageSize;
    return static_cast<unsigned>(std::min<unsigned long>(pages, kMaxPage));
}

std::string page_link(const PageParams& params, unsigned page, const std::string& rel, const std::string& text) {
    PageParams next = params;
    next.page = page;
    return "<a rel=\"" + rel + "\" href=\"" + escape_attribute(to_query_string(next)) + "\">" + text + "</a>";
}

std::string paragraphs(const std::string& body) {
    std::string html, para;
    auto flush = [&] {
        if (para.find_first_not_of(" \t\r\n") != std::string::npos) html += "<p>" + escape_text(para) + "</p>\n";
        para.clear();
    };
    std::size_t start = 0;
    while (start <= body.size()) {
        std::size_t end = body.find('\n', start);
        std::string line = body.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (line.find_first_not_of(" \t\r") == std::string::npos) flush();
        else para += (para.empty() ? "" : "\n") + line;
        if (end == std::string::npos) break;
        start = end + 1;
    }
    flush();
    return html;
}

std::vector<search::Labelled> labelled(const std::vector<FacetValue>& values) {
    std::vector<search::Labelled> out;
    for (const auto& v : values) out.push_back({v.value, v.label.empty() ? v.value : v.label});
    return out;
}

}  // namespace

std::string search_form(const PageParams& params) {
    std::string html = "<form class=\"search\" role=\"search\" method=\"get\" action=\"\">\n"
                       "<label for=\"q\">Search the news</label>\n"
                       "<input id=\"q\" name=\"q\" type=\"search\" maxlength=\"" + std::to_string(kMaxQueryBytes) +
                       "\" value=\"" + escape_attribute(params.q) + "\" placeholder=\"e.g. oil prices, &quot;trade deficit&quot;\">\n";
    for (const auto& facet : kFilterFacets) {
        auto it = params.filters.find(facet);
        if (it != params.filters.end())
            for (const auto& value : it->second) html += hidden(facet, value);
    }
    if (!params.from.empty()) html += hidden("from", params.from);
    if (!params.to.empty()) html += hidden("to", params.to);
    if (params.sort != "relevance") html += hidden("sort", params.sort);
    if (!params.half_life.empty()) html += hidden("half_life", params.half_life);
    if (params.match != "auto") html += hidden("match", params.match);
    return html + "<button type=\"submit\">Search</button>\n</form>\n";
}

std::string result_count(const search::SearchResult& result) {
    bool exact = result.lower == result.upper;
    std::string count = (exact ? "" : "About ") + with_commas(result.estimate);
    count += result.estimate == 1 ? " article" : " articles";
    char took[32];
    if (result.elapsed_ms < 1000) std::snprintf(took, sizeof took, " (%.0f ms)", result.elapsed_ms);
    else std::snprintf(took, sizeof took, " (%.2f s)", result.elapsed_ms / 1000.0);
    std::string html = "<p class=\"summary\" role=\"status\">" + count + took + "</p>\n";
    if (!result.missing_shards.empty())
        html += "<p class=\"summary partial\" role=\"alert\">" + escape_text(search::partial_note(result.missing_shards)) + "</p>\n";
    if (result.match == "relaxed") html += std::string("<p class=\"summary relaxed\">") + search::kRelaxedNote + "</p>\n";
    else if (result.ranked > result.estimate)
        html += "<p class=\"summary\">More articles, with some of the words or related ones, follow these.</p>\n";
    return html;
}

std::string did_you_mean(const PageParams& params, const search::SearchResult& result) {
    if (!result.corrected) return "";
    PageParams corrected = params;
    corrected.q = *result.corrected;
    corrected.page = 1;
    return "<p class=\"summary\">Did you mean <a href=\"" + escape_attribute(to_query_string(corrected)) + "\"><em>" +
           escape_text(*result.corrected) + "</em></a>?</p>\n";
}

std::string sort_links(const PageParams& params) {
    std::string html = "<nav class=\"sort\" aria-label=\"Sort order\">Sort by: ";
    // fresh: relevance, discounted by age (search::Sort::kFresh).
    for (const char* order : {"relevance", "newest", "oldest", "fresh"}) {
        const char* title = std::string_view(order) == "fresh" ? " title=\"Relevance, newer articles first\"" : "";
        if (params.sort == order) {
            html += std::string("<strong aria-current=\"true\"") + title + ">" + order + "</strong>";
        } else {
            PageParams next = params;
            next.sort = order;
            next.page = 1;
            html += "<a href=\"" + escape_attribute(to_query_string(next)) + "\"" + title + ">" + order + "</a>";
        }
    }
    return html + "</nav>\n";
}

std::string result_list(const PageParams& params, const search::SearchResult& result) {
    if (result.hits.empty())
        return result.estimate == 0 ? "<p>No articles match. Try fewer words or remove a filter.</p>\n"
                                    : "<p>No more results: this page is past the last one.</p>\n";
    std::string html = "<ol class=\"results\" start=\"" + std::to_string(result.hits.front().rank) + "\">\n";
    for (const auto& hit : result.hits) html += hit_item(params, hit);
    return html + "</ol>\n";
}

std::string pagination(const PageParams& params, const search::SearchResult& result, std::optional<bool> more) {
    unsigned pages = page_count(params, result);
    // A page that knows what follows it corrects the estimate: a list of
    // stories estimated short (100 for 131) still reaches its last page,
    // and one estimated long offers no page past its end.
    if (more && !result.hits.empty()) pages = *more ? std::max(pages, std::min(params.page + 1, kMaxPage)) : params.page;
    if (pages <= 1 && params.page == 1) return "";
    std::string html = "<nav class=\"pages\" aria-label=\"Pages\">";
    if (params.page > 1) html += page_link(params, std::min(params.page - 1, std::max(pages, 1u)), "prev", "&larr; Previous");
    // Past the last page there is no "of": "Page 9 of 8" reads as a fault.
    html += "<span>Page " + std::to_string(params.page) +
            (params.page <= pages ? " of " + std::to_string(pages) : std::string()) + "</span>";
    if (params.page < pages) html += page_link(params, params.page + 1, "next", "Next &rarr;");
    return html + "</nav>\n";
}

std::string results_page(const PageParams& params, const search::SearchResult& result, std::optional<bool> more) {
    std::string html = open_page(params, params.q.empty() ? "newsdesk search" : params.q + " – newsdesk search",
                                 feed_query_string(params));
    html += "<h2 class=\"visually-hidden\">Results</h2>\n";
    html += filter_chips(params, result);
    html += result_count(result);
    html += did_you_mean(params, result);
    html += sort_links(params);
    html += result_list(params, result);
    html += pagination(params, result, more);
    close_page(html, facet_sidebar(params, result));
    return html;
}

std::string article_page(const PageParams& params, const Article& article) {
    PageParams back = params;
    back.article_id.clear();
    std::string title = article.title.empty() ? "(untitled)" : article.title;
    std::string main = "<p><a href=\"" + escape_attribute(to_query_string(back)) + "\">&larr; Back to the results</a></p>\n"
                       "<article>\n<h2>" + escape_text(title) + "</h2>\n";
    search::Hit meta;
    meta.date = article.date.size() >= 8 ? article.date.substr(0, 4) + "-" + article.date.substr(4, 2) + "-" +
                                               article.date.substr(6, 2)
                                         : "";
    meta.source = article.source;
    main += hit_meta(meta);
    if (is_web_url(article.url))
        main += "<p><a href=\"" + escape_attribute(article.url) + "\">Original article</a></p>\n";
    main += chip_list("Actors, regions and topics", chip_items(back, "actor", labelled(article.actors)) +
                                                        chip_items(back, "region", labelled(article.regions)) +
                                                        chip_items(back, "topic", labelled(article.topics)));
    main += "<div class=\"body\">\n" + paragraphs(article.body) + "</div>\n</article>\n";
    return page(params, title + " – newsdesk", main);
}

std::string message_page(const PageParams& params, const std::string& heading, const std::string& message) {
    std::string main = "<div class=\"error\" role=\"alert\">\n<h2>" + escape_text(heading) + "</h2>\n<p>" +
                       escape_text(message) + "</p>\n</div>\n<p><a href=\"?\">Start a new search</a></p>\n";
    return page(params, heading + " – newsdesk", main);
}

}  // namespace newsdesk::cgi
