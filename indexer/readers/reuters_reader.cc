// Reuters-21578 SGML. Not XML (unescaped '&', unclosed markup in places), so
// read by hand: find each <REUTERS ...> ... </REUTERS> and the few elements
// inside it. Fast enough that the whole 27 MB corpus reads in well under a second.
#include "reader.h"
#include "reuters_labels.h"
#include "schema.h"
#include "text_util.h"
#include "article_fields.h"
#include "dates.h"

namespace newsdesk::readers {

namespace {

/// The content of the first <TAG ...>...</TAG> in @p text ("" when absent).
std::string_view element(std::string_view text, std::string_view tag) {
    std::string open = "<" + std::string(tag), close = "</" + std::string(tag) + ">";
    std::size_t start = 0;
    for (;;) {
        start = text.find(open, start);
        if (start == std::string_view::npos) return {};
        char next = start + open.size() < text.size() ? text[start + open.size()] : '\0';
        if (next == '>' || next == ' ') break;  // not <TOPICSX>
        start += open.size();
    }
    auto gt = text.find('>', start);
    auto end = text.find(close, gt);
    if (gt == std::string_view::npos || end == std::string_view::npos) return {};
    return text.substr(gt + 1, end - gt - 1);
}

/// The value of attribute @p name in the start tag @p tag.
std::string_view attribute(std::string_view tag, std::string_view name) {
    std::string key = " " + std::string(name) + "=\"";
    auto pos = tag.find(key);
    if (pos == std::string_view::npos) return {};
    pos += key.size();
    auto end = tag.find('"', pos);
    return end == std::string_view::npos ? std::string_view{} : tag.substr(pos, end - pos);
}

/// Reuters is ASCII but for a few Latin-1 bytes; everything we store is UTF-8.
std::string to_utf8(std::string_view text) {
    if (text::is_valid_utf8(text)) return std::string(text);
    std::string out;
    for (unsigned char c : text) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

/// The first @p max bytes of @p text, shortened so that no UTF-8 character is cut in two.
std::string_view utf8_prefix(std::string_view text, std::size_t max) {
    if (text.size() <= max) return text;
    while (max > 0 && (static_cast<unsigned char>(text[max]) & 0xC0) == 0x80) --max;
    return text.substr(0, max);
}

std::string clean(std::string_view text) { return text::strip_controls(text::decode_entities(to_utf8(text))); }

std::vector<FacetValue> labels(std::string_view list, const ReutersLabels& names) {
    std::vector<FacetValue> out;
    for (std::size_t pos = 0; (pos = list.find("<D>", pos)) != std::string_view::npos;) {
        auto end = list.find("</D>", pos);
        if (end == std::string_view::npos) break;
        std::string code = text::ascii_lower(text::trim(to_utf8(list.substr(pos + 3, end - pos - 3))));
        // A code of no letters or digits (a stray control byte) has no value to filter on.
        if (auto value = schema::slugify(code); !value.empty()) out.push_back({value, reuters_label(names, code)});
        pos = end + 4;
    }
    return out;
}

/// "26-FEB-1987 15:01:01.79", with the corpus' oddities handled: trailing
/// control codes ("...56.54&#5;&#5;V RM"), editors' comments, a bad time
/// ("605:12:19.12"): the day is kept when the time cannot be.
std::string reuters_date(std::string_view raw) {
    std::string date = text::collapse_space(clean(raw));
    std::string_view day = date, rest;
    if (auto space = date.find(' '); space != std::string::npos) {
        day = std::string_view(date).substr(0, space);
        rest = std::string_view(date).substr(space + 1);
        rest = rest.substr(0, rest.find(' '));
    }
    std::string with_time = std::string(day) + " " + std::string(rest);
    if (!rest.empty() && dates::parse(with_time)) return with_time;
    return dates::parse(day) ? std::string(day) : date;
}

Article to_article(std::string_view start_tag, std::string_view inside, const ReutersLabels& names,
                   std::size_t line, std::vector<Problem>& problems) {
    Article a;
    a.line = line;
    a.id = "reuters-" + to_utf8(attribute(start_tag, "NEWID"));  // ids are stored text: UTF-8 too
    a.source = "Reuters";
    a.language = "en";
    set_date(a, reuters_date(element(inside, "DATE")), line, problems);
    a.topics = labels(element(inside, "TOPICS"), names);
    a.regions = labels(element(inside, "PLACES"), names);
    a.actors = labels(element(inside, "PEOPLE"), names);
    auto orgs = labels(element(inside, "ORGS"), names);
    a.actors.insert(a.actors.end(), orgs.begin(), orgs.end());
    a.has_actor_labels = a.has_region_labels = true;  // the fields are always there, even empty

    std::string_view text = element(inside, "TEXT");
    a.title = text::collapse_space(clean(element(text, "TITLE")));
    a.dateline = text::collapse_space(clean(element(text, "DATELINE")));
    std::string_view body = element(text, "BODY");
    if (body.empty() && inside.find("TYPE=\"UNPROC\"") != std::string_view::npos) body = text;
    a.body = std::string(text::trim(clean(body)));
    if (a.title.empty()) {  // UNPROC stories: the first line stands for the title
        std::string_view first = a.body;  // a view of a.body itself, not of a temporary copy
        first = text::trim(first.substr(0, first.find('\n')));
        a.title = text::collapse_space(utf8_prefix(first, 200));
        a.title_in_body = true;
    }
    return a;
}

}  // namespace

ReadResult read_reuters(std::string_view content, const std::filesystem::path& path) {
    ReadResult result;
    auto names = reuters_labels_for(path.parent_path());
    std::size_t line = 1, counted_to = 0;
    auto line_at = [&](std::size_t pos) {
        for (; counted_to < pos; ++counted_to) line += content[counted_to] == '\n';
        return line;
    };
    for (std::size_t pos = 0; (pos = content.find("<REUTERS", pos)) != std::string_view::npos;) {
        std::size_t at = line_at(pos);
        auto tag_end = content.find('>', pos);
        auto close = content.find("</REUTERS>", pos);
        auto next = content.find("<REUTERS", pos + 8);
        if (tag_end == std::string_view::npos || close == std::string_view::npos || close > next) {
            result.problems.push_back({at, "<REUTERS> story without its </REUTERS>; skipped"});
            pos = next == std::string_view::npos ? content.size() : next;
            continue;
        }
        std::string_view start_tag = content.substr(pos, tag_end - pos);
        std::string_view inside = content.substr(tag_end + 1, close - tag_end - 1);
        if (attribute(start_tag, "NEWID").empty()) {
            result.problems.push_back({at, "<REUTERS> story without a NEWID attribute; skipped"});
        } else if (inside.size() > kMaxArticleBytes) {
            result.problems.push_back({at, "story longer than the 8 MiB an article may have; skipped"});
        } else {
            result.articles.push_back(to_article(start_tag, inside, *names, at, result.problems));
        }
        pos = close + 10;
    }
    if (result.articles.empty() && result.problems.empty())
        result.problems.push_back({0, "no <REUTERS> stories found (is this a Reuters-21578 .sgm file?)"});
    return result;
}

}  // namespace newsdesk::readers
