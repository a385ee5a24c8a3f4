// RSS 2.0, RSS 1.0 (RDF) and Atom feeds, parsed with expat.
//
// Feeds come from the network, so the parser is locked down: any entity
// declaration stops it (no billion laughs, no external entities such as
// file:///etc/passwd; expat never fetches external DTDs on its own), and
// nesting deeper than kMaxDepth stops it too. Items finished before a
// problem are still returned.
#include <expat.h>

#include <algorithm>
#include <limits>
#include <optional>

#include "article_fields.h"
#include "html_text.h"
#include "reader.h"
#include "text_util.h"

namespace newsdesk::readers {

namespace {

/// Deeper nesting than any real feed has; expat keeps its own stack on the
/// heap, this limit keeps a hostile file from costing time and memory.
constexpr std::size_t kMaxDepth = 1000;

constexpr char kNsSeparator = '\x01';
constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
constexpr std::string_view kXmlLangAttr = "http://www.w3.org/XML/1998/namespace\x01" "lang";
constexpr std::string_view kRdfAboutAttr = "http://www.w3.org/1999/02/22-rdf-syntax-ns#\x01" "about";

/// An element name as expat reports it with namespaces on: "uri\x01local".
struct Name {
    std::string_view ns, local;
    explicit Name(std::string_view full) {
        auto sep = full.rfind(kNsSeparator);
        if (sep == std::string_view::npos) {
            local = full;
        } else {
            ns = full.substr(0, sep);
            local = full.substr(sep + 1);
        }
    }
};

/// Whether @p ns is one of the vocabularies whose fields we read: RSS 2.0 (no
/// namespace), Atom, RSS 1.0, Dublin Core and content:encoded. Extensions
/// such as media:title or itunes:author must not replace the item's own fields.
bool is_feed_namespace(std::string_view ns) {
    return ns.empty() || ns == kAtomNs || ns == "http://purl.org/rss/1.0/" ||
           ns == "http://purl.org/dc/elements/1.1/" || ns == "http://purl.org/dc/terms/" ||
           ns == "http://purl.org/rss/1.0/modules/content/";
}

std::optional<std::string_view> attribute(const XML_Char** attrs, std::string_view name) {
    for (; attrs[0] != nullptr; attrs += 2) {
        if (name == attrs[0]) return std::string_view(attrs[1]);
    }
    return std::nullopt;
}

/// Expat knows UTF-8, UTF-16, ISO-8859-1 and US-ASCII; many feeds declare
/// windows-1252 (Latin-1 with printable characters in 0x80-0x9F).
int windows_1252(void*, const XML_Char* name, XML_Encoding* info) {
    std::string lower = text::ascii_lower(name);
    if (lower != "windows-1252" && lower != "cp1252") return XML_STATUS_ERROR;
    static constexpr int kHigh[32] = {0x20AC, -1,     0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, -1,     0x017D, -1,
                                      -1,     0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, -1,     0x017E, 0x0178};
    for (int i = 0; i < 256; ++i) info->map[i] = i >= 0x80 && i < 0xA0 ? kHigh[i - 0x80] : i;
    info->data = nullptr;
    info->convert = nullptr;
    info->release = nullptr;
    return XML_STATUS_OK;
}

/// An item or entry being read.
struct Item {
    Article article;
    std::string date_text;
    int date_rank = 0;  ///< published (3) beats pubDate/dc:date (2) beats updated (1)
    std::string summary, content;
    std::size_t depth = 0;
};

class FeedParser {
public:
    FeedParser() : parser_(XML_ParserCreateNS(nullptr, kNsSeparator)) {
        XML_SetUserData(parser_, this);
        XML_SetElementHandler(parser_, &FeedParser::on_start, &FeedParser::on_end);
        XML_SetCharacterDataHandler(parser_, &FeedParser::on_text);
        XML_SetEntityDeclHandler(parser_, &FeedParser::on_entity_declaration);
        XML_SetParamEntityParsing(parser_, XML_PARAM_ENTITY_PARSING_NEVER);
        XML_SetUnknownEncodingHandler(parser_, &windows_1252, nullptr);
    }
    ~FeedParser() { XML_ParserFree(parser_); }
    FeedParser(const FeedParser&) = delete;
    FeedParser& operator=(const FeedParser&) = delete;

    ReadResult parse(std::string_view content);

private:
    static void on_start(void* self, const XML_Char* name, const XML_Char** attrs) {
        static_cast<FeedParser*>(self)->start(Name(name), attrs);
    }
    static void on_end(void* self, const XML_Char* name) { static_cast<FeedParser*>(self)->end(Name(name)); }
    static void on_text(void* self, const XML_Char* text, int len) {
        auto* parser = static_cast<FeedParser*>(self);
        if (parser->text_.size() + static_cast<std::size_t>(len) <= kMaxArticleBytes)
            parser->text_.append(text, static_cast<std::size_t>(len));
    }
    static void on_entity_declaration(void* self, const XML_Char* name, int, const XML_Char*, int,
                                      const XML_Char*, const XML_Char*, const XML_Char*, const XML_Char*) {
        static_cast<FeedParser*>(self)->stop(
            "the feed declares the XML entity '" + std::string(name) +
            "'; feeds with entity declarations are refused (entity expansion and external files are unsafe)");
    }

    void stop(std::string message);
    void start(Name name, const XML_Char** attrs);
    void end(Name name);
    void start_in_item(Name name, const XML_Char** attrs);
    void end_in_item(Name name, std::string_view text);
    void end_in_channel(Name name, std::string_view text);
    void finish_item();
    std::size_t line() const { return static_cast<std::size_t>(XML_GetCurrentLineNumber(parser_)); }

    XML_Parser parser_;
    ReadResult result_;
    std::optional<Problem> stopped_;  ///< why we stopped the parser, if we did
    std::vector<std::string> path_;   ///< local names of the open elements
    std::vector<std::size_t> text_start_;  ///< where each open element's text begins in text_
    std::string text_;                     ///< character data of the open elements
    std::optional<Item> item_;
    std::string feed_title_, feed_language_;
    bool is_feed_ = false;
};

void FeedParser::stop(std::string message) {
    if (!stopped_) stopped_ = Problem{line(), std::move(message)};
    XML_StopParser(parser_, XML_FALSE);
}

void FeedParser::start(Name name, const XML_Char** attrs) {
    if (path_.size() >= kMaxDepth) {
        stop("elements nested more than " + std::to_string(kMaxDepth) + " deep; not a news feed");
        return;
    }
    if (path_.empty()) {
        is_feed_ = name.local == "rss" || name.local == "feed" || name.local == "RDF";
        if (!is_feed_) {
            stop("not an RSS or Atom feed (the root element is <" + std::string(name.local) + ">)");
            return;
        }
    }
    const bool item_start = !item_ && (name.local == "item" || name.local == "entry");
    auto lang = attribute(attrs, kXmlLangAttr);
    if (item_start) {
        item_.emplace();
        item_->article.line = line();
        item_->depth = path_.size();
        if (lang) item_->article.language = language_code(*lang);
        if (auto about = attribute(attrs, kRdfAboutAttr)) item_->article.id = text::trim(*about);  // RSS 1.0
        text_.clear();
        text_start_.assign(path_.size(), 0);
    } else if (item_) {
        start_in_item(name, attrs);
    } else if (lang && path_.size() <= 1) {
        feed_language_ = language_code(*lang);
    }
    // Separate the text of sibling elements ("<p>a</p><p>b</p>").
    if (!text_.empty() && text_.back() != ' ' && text_.back() != '\n') text_ += ' ';
    path_.emplace_back(name.local);
    text_start_.push_back(text_.size());
}

void FeedParser::start_in_item(Name name, const XML_Char** attrs) {
    if (path_.size() != item_->depth + 1 || !is_feed_namespace(name.ns)) return;  // only the item's own fields
    Article& a = item_->article;
    if (name.local == "link" && name.ns == kAtomNs) {
        auto rel = attribute(attrs, "rel");
        auto href = attribute(attrs, "href");
        if (href && (!rel || *rel == "alternate") && a.url.empty()) a.url = text::trim(*href);
    } else if (name.local == "category") {
        auto label = attribute(attrs, "label");
        auto term = attribute(attrs, "term");
        std::string_view topic = label && !text::trim(*label).empty() ? *label : term.value_or("");
        if (!text::trim(topic).empty()) a.topics.push_back(facet_value(topic));
    }
}

void FeedParser::end(Name name) {
    if (path_.empty()) return;
    std::size_t start = std::min(text_start_.back(), text_.size());
    std::string_view text(text_.data() + start, text_.size() - start);
    if (item_ && path_.size() - 1 == item_->depth) {
        finish_item();
    } else if (item_) {
        end_in_item(name, text);
    } else {
        end_in_channel(name, text);
        text_.resize(start);  // outside items nothing needs it any more
    }
    path_.pop_back();
    text_start_.pop_back();
}

void FeedParser::end_in_item(Name name, std::string_view text) {
    Article& a = item_->article;
    const std::size_t depth = path_.size() - 1;
    const bool own_field = depth == item_->depth + 1 && is_feed_namespace(name.ns);
    const std::string_view parent = path_[depth - 1];
    auto set_date_text = [&](int rank) {
        if (rank > item_->date_rank && !text::trim(text).empty()) {
            item_->date_text = text::trim(text);
            item_->date_rank = rank;
        }
    };
    if (name.local == "name" && parent == "author" && depth == item_->depth + 2 && a.author.empty()) {
        a.author = text::collapse_space(text);  // Atom <author><name>
    }
    if (!own_field) return;
    const std::string_view n = name.local;
    if (n == "title") a.title = text::collapse_space(text::html_to_text(text));
    else if (n == "link" && name.ns != kAtomNs && a.url.empty()) a.url = text::trim(text);
    else if (n == "description" || n == "summary") item_->summary = text;
    else if (n == "encoded" || n == "content") item_->content = text;
    else if (n == "published") set_date_text(3);
    else if (n == "pubDate" || n == "date" || n == "issued") set_date_text(2);
    else if (n == "updated" || n == "modified") set_date_text(1);
    else if ((n == "category" || n == "subject") && !text::trim(text).empty()) a.topics.push_back(facet_value(text));
    else if ((n == "author" || n == "creator") && a.author.empty()) a.author = text::collapse_space(text);
    else if (n == "guid" || n == "id") a.id = text::trim(text);
    else if (n == "language" && a.language.empty()) a.language = language_code(text);
}

void FeedParser::end_in_channel(Name name, std::string_view text) {
    const std::size_t depth = path_.size() - 1;
    const std::string_view parent = depth > 0 ? std::string_view(path_[depth - 1]) : "";
    const bool channel_field = parent == "channel" || (parent == "feed" && depth == 1);
    if (!channel_field || !is_feed_namespace(name.ns)) return;
    if (name.local == "title" && feed_title_.empty()) feed_title_ = text::collapse_space(text::html_to_text(text));
    else if (name.local == "language" && feed_language_.empty()) feed_language_ = language_code(text);
}

void FeedParser::finish_item() {
    Item item = std::move(*item_);
    item_.reset();
    text_.clear();
    Article& a = item.article;
    a.body = text::html_to_text(item.content.empty() ? item.summary : item.content);
    set_date(a, item.date_text, a.line, result_.problems);
    if (a.title.empty() && a.body.empty() && a.url.empty()) {
        result_.problems.push_back({a.line, "feed item without a title, link or text; skipped"});
        return;
    }
    if (a.id.empty()) a.id = derived_id("feed", a, a.body);
    result_.articles.push_back(std::move(a));
}

ReadResult FeedParser::parse(std::string_view content) {
    // Expat takes int lengths; files past 2 GiB never get here (see indexer limits).
    const bool ok = XML_Parse(parser_, content.data(), static_cast<int>(content.size()), XML_TRUE) == XML_STATUS_OK;
    if (stopped_) {
        result_.problems.push_back(*stopped_);
    } else if (!ok) {
        result_.problems.push_back(
            {static_cast<std::size_t>(XML_GetCurrentLineNumber(parser_)),
             std::string("malformed XML: ") + XML_ErrorString(XML_GetErrorCode(parser_)) + " (column " +
                 std::to_string(XML_GetCurrentColumnNumber(parser_) + 1) + ")"});
    } else if (result_.articles.empty() && result_.problems.empty()) {
        result_.problems.push_back({0, "feed without any <item> or <entry>"});
    }
    for (Article& a : result_.articles) {
        if (a.source.empty()) a.source = feed_title_;
        if (a.language.empty()) a.language = feed_language_;
    }
    return std::move(result_);
}

}  // namespace

ReadResult read_feed(std::string_view content, const std::filesystem::path&) {
    if (content.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        return {{}, {{0, "feed larger than 2 GiB; split it"}}};
    return FeedParser().parse(content);
}

}  // namespace newsdesk::readers
