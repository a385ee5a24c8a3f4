// The atom format: a search as an Atom 1.0 feed (RFC 4287), for feed readers.
// Every piece of text passes through append_xml(); the snippet, which is
// HTML, is written as escaped text of type="html", so a reader shows its
// <mark> and nothing from an article can become markup of the feed.
#include <ostream>
#include <string_view>

#include "dates.h"
#include "render.h"
#include "url.h"

namespace newsdesk::search {

namespace {

/// Ids are tag: URIs (RFC 4151) under a name and a year of our own, so that
/// an article keeps its id across reindexing, hosts and front ends.
constexpr const char* kTagPrefix = "tag:newsdesk,2026:";

/// An undated article's updated time: Atom requires one, and the moment of
/// the request would make it look new at every fetch.
constexpr const char* kUndated = "1970-01-01T00:00:00Z";

/// Length of the well-formed UTF-8 sequence at @p i of @p s, 0 for none.
std::size_t utf8_length(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) return 1;
    const std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (n == 0 || c > 0xF4 || i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
    const auto c1 = static_cast<unsigned char>(s[i + 1]);
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F))
        return 0;
    return n;
}

/// Appends @p text for XML character data or a double-quoted attribute:
/// & < > " escaped, CR kept as a reference, and what XML 1.0 cannot hold at
/// all (other control characters, U+FFFE, U+FFFF, broken UTF-8) replaced by
/// U+FFFD.
void append_xml(std::string& out, std::string_view text) {
    static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t n = utf8_length(text, i);
        if (n == 0) {
            out += kReplacement;
            ++i;
            continue;
        }
        const std::string_view sequence = text.substr(i, n);
        i += n;
        if (sequence == "\xEF\xBF\xBE" || sequence == "\xEF\xBF\xBF") out += kReplacement;
        else if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '"') out += "&quot;";
        else if (c == '\r') out += "&#13;";
        else if (c < 0x20 && c != '\t' && c != '\n') out += kReplacement;
        else out += sequence;
    }
}

std::string xml(std::string_view text) {
    std::string out;
    append_xml(out, text);
    return out;
}

/// An RFC 3339 time from a sortable date. Stored times carry no zone (they
/// are the publisher's, as written): they are given as UTC.
std::string atom_time(std::string_view sortable) {
    std::string moment = iso_moment(sortable);
    return moment.empty() ? kUndated : moment + "Z";
}

/// The feed's title: the query and its filters, as a reader lists it.
std::string feed_title(const SearchResult& result) {
    std::string title = "newsdesk: " + (result.query.empty() ? std::string("all articles") : result.query);
    std::string filters;
    for (const auto& [facet, values] : result.filters)
        for (const auto& value : values) filters += (filters.empty() ? "" : ", ") + facet + " " + value;
    if (!result.from.empty()) filters += (filters.empty() ? "" : ", ") + std::string("from ") + dates::iso_day(result.from);
    if (!result.to.empty()) filters += (filters.empty() ? "" : ", ") + std::string("to ") + dates::iso_day(result.to);
    return filters.empty() ? title : title + " (" + filters + ")";
}

/// The feed's updated time: its newest entry's, or the search's moment when none has a date.
std::string feed_updated(const SearchResult& result) {
    std::string newest;
    for (const auto& hit : result.hits)
        if (hit.moment > newest) newest = hit.moment;
    return atom_time(newest.empty() ? result.now : newest);
}

void append_link(std::string& out, const char* rel, const char* type, std::string_view href) {
    out += "  <link rel=\"";
    out += rel;
    out += "\" type=\"";
    out += type;
    out += "\" href=\"";
    append_xml(out, href);
    out += "\"/>\n";
}

void append_entry(std::string& out, const Hit& hit, const FeedInfo& info) {
    out += "<entry>\n  <id>";
    out += kTagPrefix;
    out += "article:" + url_encode(hit.id);
    out += "</id>\n  <title type=\"text\">";
    append_xml(out, hit.title.empty() ? "(untitled)" : hit.title);
    out += "</title>\n  <updated>" + atom_time(hit.moment) + "</updated>\n";
    if (!hit.source.empty()) out += "  <author><name>" + xml(hit.source) + "</name></author>\n";
    std::string link = is_web_url(hit.url) ? hit.url : "";
    if (link.empty() && !info.article_link_prefix.empty()) link = info.article_link_prefix + url_encode(hit.id);
    if (!link.empty()) append_link(out, "alternate", "text/html", link);
    for (const auto& topic : hit.topics)
        out += "  <category term=\"" + xml(topic.value) + "\" label=\"" + xml(topic.label) + "\"/>\n";
    // An entry needs a link or its content (RFC 4287 4.1.2): without a link
    // the snippet is all there is of it, so it is the content.
    const char* element = link.empty() ? "content" : "summary";
    out += std::string("  <") + element + " type=\"html\">";
    append_xml(out, hit.snippet);
    out += std::string("</") + element + ">\n</entry>\n";
}

}  // namespace

std::string feed_query(const SearchRequest& request) {
    std::string out;
    auto add = [&](std::string_view name, std::string_view value) {
        out += out.empty() ? "" : "&";
        out += name;
        out += '=';
        out += url_encode(value);
    };
    if (!request.query.empty()) add("q", request.query);
    for (const char* facet : {"actor", "region", "topic", "language"}) {
        auto it = request.filters.find(facet);
        if (it != request.filters.end())
            for (const auto& value : it->second) add(facet, value);
    }
    if (!request.from.empty()) add("from", request.from);
    if (!request.to.empty()) add("to", request.to);
    if (request.match == Match::kAll) add("match", "all");
    if (request.match == Match::kAny) add("match", "any");
    return out;
}

void render_atom(const SearchResult& result, const FeedInfo& info, std::ostream& out) {
    std::string feed = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
    feed += "  <id>" + std::string(kTagPrefix) + "search?" + xml(info.query) + "</id>\n";
    feed += "  <title type=\"text\">" + xml(info.title.empty() ? feed_title(result) : info.title) + "</title>\n";
    feed += "  <updated>" + feed_updated(result) + "</updated>\n";
    if (!info.self.empty()) append_link(feed, "self", "application/atom+xml", info.self);
    if (!info.alternate.empty()) append_link(feed, "alternate", "text/html", info.alternate);
    // A feed needs an author unless every entry has one (RFC 4287 4.1.1).
    feed += "  <author><name>newsdesk</name></author>\n  <generator>newsdesk</generator>\n";
    for (const auto& hit : result.hits) append_entry(feed, hit, info);
    feed += "</feed>\n";
    out << feed;
}

}  // namespace newsdesk::search
