// The sidebar (facets and the date histogram) and the active-filter chips.
#include <algorithm>
#include <cstdio>

#include "html.h"

namespace newsdesk::cgi {

namespace {

/// Facet values shown before "More": the rest wait behind <details>.
constexpr std::size_t kFacetValuesShown = 10;

/// The histogram's drawing box (the SVG scales to its column's width).
constexpr int kChartWidth = 280, kChartHeight = 110, kBarAreaHeight = 90;

std::string heading_of(const std::string& facet) {
    if (facet == "actor") return "Actor";
    if (facet == "region") return "Region";
    if (facet == "topic") return "Topic";
    if (facet == "language") return "Language";
    return "Date";
}

std::string plural_of(const std::string& facet) {
    return facet == "actor" ? "actors" : facet == "region" ? "regions" : facet == "language" ? "languages" : "topics";
}

const search::Facet* find_facet(const search::SearchResult& result, const std::string& name) {
    for (const auto& facet : result.facets)
        if (facet.name == name) return &facet;
    return nullptr;
}

/// A person's name for @p value of @p facet: from the facet counts or the hits, else the value itself.
std::string label_of(const search::SearchResult& result, const std::string& facet, const std::string& value) {
    if (const search::Facet* f = find_facet(result, facet))
        for (const auto& v : f->values)
            if (v.value == value) return v.label;
    for (const auto& hit : result.hits) {
        const auto& values = facet == "actor" ? hit.actors : facet == "region" ? hit.regions : hit.topics;
        for (const auto& v : values)
            if (v.value == value) return v.label;
    }
    return value;
}

/// @p params with @p value of @p facet toggled, from page 1.
PageParams toggled(const PageParams& params, const std::string& facet, const std::string& value) {
    PageParams next = params;
    auto& values = next.filters[facet];
    auto it = std::find(values.begin(), values.end(), value);
    if (it == values.end()) values.push_back(value);
    else values.erase(it);
    next.page = 1;
    next.article_id.clear();
    return next;
}

std::string chip(const std::string& href, const std::string& text) {
    return "<li><a href=\"" + escape_attribute(href) + "\" aria-label=\"Remove filter " + escape_attribute(text) + "\">" +
           escape_text(text) + " <span aria-hidden=\"true\">&times;</span></a></li>";
}

/// "Past week" for from=-7d (kRecentPeriods), "" for any other date filter.
std::string recent_period(const PageParams& params) {
    if (!params.to.empty()) return "";
    for (const auto& [from, label] : kRecentPeriods)
        if (params.from == from) return label;
    return "";
}

std::string date_chip(const PageParams& params) {
    if (params.from.empty() && params.to.empty()) return "";
    const std::string recent = recent_period(params);
    std::string text = !recent.empty()          ? recent
                       : params.from == params.to ? "Date: " + params.from
                       : params.to.empty()      ? "From " + params.from
                       : params.from.empty()    ? "Until " + params.to
                                                : "Date: " + params.from + " to " + params.to;
    PageParams next = params;
    next.from.clear();
    next.to.clear();
    next.page = 1;
    return chip(to_query_string(next), text);
}

/// The href of each value of one facet: the link that adds the value, or,
/// for a value already filtered on, the link that removes it.
class FacetLinks {
  public:
    FacetLinks(const PageParams& params, const std::string& facet) : params_(params), facet_(facet) {
        QueryStringAround around = added_filter_query_string(params, facet);
        before_ = escape_attribute(around.before);
        after_ = escape_attribute(around.after);
    }

    /// Whether @p value is filtered on already.
    bool active(const std::string& value) const { return params_.has_filter(facet_, value); }

    /// Appends the href attribute's text (escaped) for @p value, whose active() is @p is_active.
    void append_href(std::string& html, const std::string& value, bool is_active) const {
        if (is_active) {
            append_escaped_attribute(html, to_query_string(toggled(params_, facet_, value)));
            return;
        }
        html += before_;
        append_url_encoded(html, value);  // needs no attribute escaping (html.h)
        html += after_;
    }

  private:
    const PageParams& params_;
    const std::string& facet_;
    std::string before_, after_;  ///< escaped
};

/// One value's link, in an <li> left open for the values listed within it.
void open_facet_item(std::string& html, const FacetLinks& links, const search::FacetCount& v) {
    const bool active = links.active(v.value);
    html += "<li><a href=\"";
    links.append_href(html, v.value, active);
    html += '"';
    if (active) html += " aria-current=\"true\" title=\"Remove this filter\"";
    html += "><span>";
    if (active) html += "&check; ";
    append_escaped_text(html, v.label);
    html += "</span><span class=\"count\">";
    html += std::to_string(v.count);
    html += "</span></a>";
}

/// The items of @p values[begin, end): a city or subdivision listed under
/// its country when the country is listed there too, so that "Crimea 3"
/// reads as part of "Ukraine 4" rather than as a rival to it.
void append_facet_items(std::string& html, const FacetLinks& links, const std::vector<search::FacetCount>& values,
                        std::size_t begin, std::size_t end) {
    auto listed = [&](const std::string& value) {
        return !value.empty() && std::any_of(values.begin() + static_cast<std::ptrdiff_t>(begin),
                                             values.begin() + static_cast<std::ptrdiff_t>(end),
                                             [&](const search::FacetCount& v) { return v.value == value; });
    };
    for (std::size_t i = begin; i < end; ++i) {
        const auto& v = values[i];
        if (listed(v.parent)) continue;  // shown within its country
        open_facet_item(html, links, v);
        std::string within;
        for (std::size_t j = begin; j < end; ++j) {
            if (values[j].parent != v.value) continue;
            open_facet_item(within, links, values[j]);
            within += "</li>\n";
        }
        if (!within.empty()) {
            html += "\n<ul class=\"within\" aria-label=\"In ";
            append_escaped_attribute(html, v.label);
            html += "\">\n" + within + "</ul>\n";
        }
        html += "</li>\n";
    }
}

std::string value_facet(const PageParams& params, const search::Facet& facet) {
    if (facet.values.empty()) return "";
    const FacetLinks links(params, facet.name);
    std::string heading = heading_of(facet.name), id = "facet-" + facet.name;
    std::string html = "<section aria-labelledby=\"" + id + "\">\n<h2 id=\"" + id + "\">" + heading + "</h2>\n<ul>\n";
    std::size_t shown = std::min(kFacetValuesShown, facet.values.size());
    append_facet_items(html, links, facet.values, 0, shown);
    html += "</ul>\n";
    if (facet.values.size() > shown) {
        html += "<details>\n<summary>More " + plural_of(facet.name) + " (" + std::to_string(facet.values.size() - shown) +
                ")</summary>\n<ul>\n";
        append_facet_items(html, links, facet.values, shown, facet.values.size());
        html += "</ul>\n</details>\n";
    }
    return html + "</section>\n";
}

std::string number(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", x);
    return buf;
}

std::string histogram_bar(const PageParams& params, const search::FacetCount& bucket, double x, double width,
                          Xapian::doccount peak) {
    // Even a bucket of one article gets a bar tall enough to click.
    double height = std::max(3.0, kBarAreaHeight * static_cast<double>(bucket.count) / static_cast<double>(peak));
    PageParams next = params;
    next.from = next.to = bucket.value;
    next.page = 1;
    std::string label = bucket.label + ": " + std::to_string(bucket.count) + (bucket.count == 1 ? " article" : " articles");
    return "<a href=\"" + escape_attribute(to_query_string(next)) + "\" aria-label=\"" + escape_attribute(label) +
           "\"><rect x=\"" + number(x) + "\" y=\"" + number(kBarAreaHeight - height) + "\" width=\"" + number(width) +
           "\" height=\"" + number(height) + "\"><title>" + escape_text(label) + "</title></rect></a>\n";
}

std::string axis_label(const std::string& text, const char* anchor, int x) {
    return "<text x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(kChartHeight - 4) + "\" text-anchor=\"" +
           anchor + "\">" + escape_text(text) + "</text>\n";
}

}  // namespace

std::string filter_chips(const PageParams& params, const search::SearchResult& result) {
    if (!params.filtered()) return "";
    std::string html = "<ul class=\"chips active\" aria-label=\"Active filters\">";
    for (const auto& facet : kFilterFacets) {
        auto it = params.filters.find(facet);
        if (it == params.filters.end()) continue;
        for (const auto& value : it->second)
            html += chip(to_query_string(toggled(params, facet, value)),
                         heading_of(facet) + ": " + label_of(result, facet, value));
    }
    return html + date_chip(params) + "</ul>\n";
}

namespace {

/// Past day / week / month / year: links from that long ago on, keeping
/// everything else of the search; the current one is not a link.
std::string recent_links(const PageParams& params) {
    std::string html = "<ul class=\"chips recent\" aria-label=\"Recent articles\">";
    const std::string current = recent_period(params);
    for (const auto& [from, label] : kRecentPeriods) {
        if (label == current) {
            html += "<li><strong aria-current=\"true\">" + label + "</strong></li>";
            continue;
        }
        PageParams next = params;
        next.from = from;
        next.to.clear();
        next.page = 1;
        next.article_id.clear();
        html += "<li><a href=\"" + escape_attribute(to_query_string(next)) + "\">" + label + "</a></li>";
    }
    return html + "</ul>\n";
}

}  // namespace

std::string date_histogram(const PageParams& params, const search::Facet& dates) {
    std::string html = "<section aria-labelledby=\"facet-date\">\n<h2 id=\"facet-date\">Date</h2>\n" +
                       recent_links(params);
    if (dates.values.empty()) return html + "</section>\n";
    Xapian::doccount peak = 1;
    for (const auto& b : dates.values) peak = std::max(peak, b.count);
    double slot = static_cast<double>(kChartWidth) / static_cast<double>(dates.values.size());
    double gap = slot > 4 ? 1.0 : 0.0;
    html += "<svg class=\"histogram\" viewBox=\"0 0 " + std::to_string(kChartWidth) + " " +
                       std::to_string(kChartHeight) + "\" role=\"group\" aria-label=\"Articles per period; "
                       "choose a bar to narrow to its period\">\n";
    for (std::size_t i = 0; i < dates.values.size(); ++i)
        html += histogram_bar(params, dates.values[i], static_cast<double>(i) * slot, slot - gap, peak);
    html += axis_label(dates.values.front().label, "start", 0);
    if (dates.values.size() > 1) html += axis_label(dates.values.back().label, "end", kChartWidth);
    return html + "</svg>\n</section>\n";
}

std::string facet_sidebar(const PageParams& params, const search::SearchResult& result) {
    std::string html;
    for (const auto& name : {"actor", "region"})
        if (const search::Facet* facet = find_facet(result, name)) html += value_facet(params, *facet);
    if (const search::Facet* dates = find_facet(result, "date")) html += date_histogram(params, *dates);
    for (const auto& name : {"topic", "language"})
        if (const search::Facet* facet = find_facet(result, name)) html += value_facet(params, *facet);
    return html;
}

}  // namespace newsdesk::cgi
