#include "html_text.h"

#include <cctype>

#include "text_util.h"

namespace newsdesk::text {

namespace {

bool is_block_tag(std::string_view name) {
    static constexpr std::string_view kBlocks[] = {"p",  "br", "div", "li", "ul", "ol", "tr", "table", "blockquote",
                                                   "h1", "h2", "h3",  "h4", "h5", "h6", "hr", "pre",   "section", "article"};
    for (auto block : kBlocks) {
        if (name == block) return true;
    }
    return false;
}

/// Lower-case name of the tag whose text starts at @p tag ("<P class=x>" -> "p", "</li>" -> "li").
std::string tag_name(std::string_view tag) {
    std::size_t i = 1;
    if (i < tag.size() && tag[i] == '/') ++i;
    std::size_t start = i;
    while (i < tag.size() && std::isalnum(static_cast<unsigned char>(tag[i]))) ++i;
    return ascii_lower(tag.substr(start, i - start));
}

/// Where the markup starting at html[i] == '<' ends (one past it), or i when
/// the '<' is just text ("a < b").
std::size_t markup_end(std::string_view html, std::size_t i) {
    if (html.substr(i, 4) == "<!--") {
        auto end = html.find("-->", i + 4);
        return end == std::string_view::npos ? html.size() : end + 3;
    }
    char next = i + 1 < html.size() ? html[i + 1] : ' ';
    if (!std::isalpha(static_cast<unsigned char>(next)) && next != '/' && next != '!' && next != '?') return i;
    auto end = html.find('>', i);
    return end == std::string_view::npos ? html.size() : end + 1;
}

/// Markup removed; block boundaries become '\n'. Entities are left for later.
std::string strip_tags(std::string_view html) {
    std::string out;
    out.reserve(html.size());
    for (std::size_t i = 0; i < html.size();) {
        if (html[i] != '<') { out += html[i++]; continue; }
        std::size_t end = markup_end(html, i);
        if (end == i) { out += html[i++]; continue; }
        std::string name = tag_name(html.substr(i, end - i));
        if ((name == "script" || name == "style") && html[i + 1] != '/') {
            // Their content is code, not text: skip to the closing tag.
            auto close = ascii_lower(html.substr(end)).find("</" + name);
            end = close == std::string::npos ? html.size() : markup_end(html, end + close);
        }
        if (is_block_tag(name)) out += '\n';
        else if (name == "td" || name == "th" || name == "img") out += ' ';  // inline tags add nothing: "<b>3</b>%"
        i = end;
    }
    return out;
}

/// The named HTML entities feeds use most, as numeric references that
/// decode_entities() understands. Unknown names stay as written.
std::string numeric_named_entities(std::string_view text) {
    static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
        {"&nbsp;", "&#160;"},   {"&mdash;", "&#8212;"}, {"&ndash;", "&#8211;"}, {"&lsquo;", "&#8216;"},
        {"&rsquo;", "&#8217;"}, {"&ldquo;", "&#8220;"}, {"&rdquo;", "&#8221;"}, {"&hellip;", "&#8230;"},
        {"&copy;", "&#169;"},   {"&reg;", "&#174;"},    {"&trade;", "&#8482;"}, {"&euro;", "&#8364;"},
        {"&pound;", "&#163;"},  {"&laquo;", "&#171;"},  {"&raquo;", "&#187;"},  {"&middot;", "&#183;"},
        {"&bull;", "&#8226;"},  {"&eacute;", "&#233;"}, {"&egrave;", "&#232;"}, {"&uuml;", "&#252;"},
        {"&ouml;", "&#246;"},   {"&auml;", "&#228;"},   {"&ccedil;", "&#231;"}, {"&deg;", "&#176;"}};
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '&') {
            bool replaced = false;
            for (const auto& [name, number] : kNames) {
                if (text.substr(i, name.size()) == name) {
                    out += number;
                    i += name.size() - 1;
                    replaced = true;
                    break;
                }
            }
            if (replaced) continue;
        }
        out += text[i];
    }
    return out;
}

/// Collapse spaces inside lines; keep at most one empty line between paragraphs.
std::string tidy_lines(std::string_view text) {
    std::string out;
    int pending_breaks = 0;
    while (!text.empty()) {
        auto end = text.find('\n');
        std::string line = collapse_space(text.substr(0, end));
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (line.empty()) { ++pending_breaks; continue; }
        if (!out.empty()) out += pending_breaks > 0 ? "\n\n" : "\n";
        out += line;
        pending_breaks = 0;
    }
    return out;
}

}  // namespace

std::string html_to_text(std::string_view html) {
    std::string text = strip_tags(html);
    if (text.find('&') != std::string::npos) text = decode_entities(numeric_named_entities(text));
    return tidy_lines(strip_controls(text));
}

}  // namespace newsdesk::text
