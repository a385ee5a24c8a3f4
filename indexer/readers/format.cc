#include <algorithm>
#include <cctype>
#include <vector>

#include "error.h"
#include "reader.h"

namespace newsdesk::readers {

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view skip_space_and_bom(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    return text;
}

bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}

}  // namespace

Format parse_format(std::string_view name) {
    if (name == "auto") return Format::kAuto;
    if (name == "text") return Format::kText;
    if (name == "jsonl") return Format::kJsonLines;
    if (name == "reuters") return Format::kReuters;
    if (name == "feed") return Format::kFeed;
    if (name == "json") return Format::kJsonRecords;
    if (name == "csv") return Format::kCsv;
    throw UsageError("unknown format '" + std::string(name) +
                     "'; use one of: auto, text, jsonl, json, csv, reuters, feed");
}

std::string_view format_name(Format format) {
    switch (format) {
        case Format::kAuto: return "auto";
        case Format::kText: return "text";
        case Format::kJsonLines: return "jsonl";
        case Format::kReuters: return "reuters";
        case Format::kFeed: return "feed";
        case Format::kJsonRecords: return "json";
        case Format::kCsv: return "csv";
    }
    return "auto";
}

Format detect_format(const std::filesystem::path& path, std::string_view head) {
    const std::string ext = lower(path.extension().string());
    if (ext == ".jsonl" || ext == ".ndjson") return Format::kJsonLines;
    if (ext == ".sgm" || ext == ".sgml") return Format::kReuters;
    if (ext == ".rss" || ext == ".atom") return Format::kFeed;
    if (ext == ".csv" || ext == ".tsv") return Format::kCsv;

    // Content decides for .xml, .txt and anything else.
    const std::string start = lower(skip_space_and_bom(head).substr(0, 4096));
    if (start.starts_with("<!doctype lewis") || start.starts_with("<reuters")) return Format::kReuters;
    if (start.starts_with("<") && (contains(start, "<rss") || contains(start, "<feed") ||
                                   contains(start, "<rdf:rdf")))
        return Format::kFeed;
    if (start.starts_with("[")) {
        // An array of records, not a text that opens with "[Updated]".
        std::string_view rest = skip_space_and_bom(std::string_view(start).substr(1));
        if (rest.empty() || rest.front() == '{' || rest.front() == '[' || rest.front() == ']' || rest.front() == '"')
            return Format::kJsonRecords;
    }
    if (start.starts_with("{")) {
        // JSON Lines holds a whole object on its first line; a document
        // whose first line is "{" alone is a pretty-printed export, and a
        // .json file of one line a minified one.
        const auto newline = start.find('\n');
        std::string_view first = std::string_view(start).substr(0, newline);
        while (!first.empty() && std::isspace(static_cast<unsigned char>(first.back()))) first.remove_suffix(1);
        if (first == "{") return Format::kJsonRecords;
        const bool one_line = newline == std::string::npos || skip_space_and_bom(std::string_view(start).substr(newline)).empty();
        return ext == ".json" && one_line ? Format::kJsonRecords : Format::kJsonLines;
    }
    if (ext == ".json") return Format::kJsonRecords;  // its reader says what is wrong with it
    return Format::kText;
}

namespace {

/// The first @p n non-empty lines of @p text.
std::vector<std::string_view> first_lines(std::string_view text, std::size_t n) {
    std::vector<std::string_view> lines;
    while (!text.empty() && lines.size() < n) {
        const auto end = text.find('\n');
        std::string_view line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!line.empty()) lines.push_back(line);
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return lines;
}

/// The separator every one of @p lines holds equally often (at least once),
/// or '\0'. A text's lines hold commas as their sentences do: unevenly.
char table_separator(const std::vector<std::string_view>& lines) {
    for (char separator : {',', ';', '\t'}) {
        const auto count = [&](std::string_view line) { return std::count(line.begin(), line.end(), separator); };
        const auto first = count(lines.front());
        if (first > 0 && std::all_of(lines.begin(), lines.end(), [&](std::string_view l) { return count(l) == first; }))
            return separator;
    }
    return '\0';
}

}  // namespace

std::string unsupported_text(std::string_view head) {
    const std::string_view start = skip_space_and_bom(head);
    if (start.size() > 1 && start.front() == '<' &&
        (std::isalpha(static_cast<unsigned char>(start[1])) || start[1] == '!' || start[1] == '?')) {
        // Name the root element, past an XML declaration and a doctype.
        std::string_view root = start;
        while (root.size() > 1 && (root[1] == '?' || root[1] == '!') && root.find('<', 1) != std::string_view::npos)
            root = root.substr(root.find('<', 1));
        const std::string tag(root.substr(0, std::min<std::size_t>(root.find_first_of(" >\n"), 40)));
        return "looks like XML or HTML (" + tag + "...), not a format newsdesk reads as news (RSS and Atom feeds "
               "and Reuters SGML are); pass --format text to index it as plain text";
    }
    constexpr std::size_t kTableLines = 5;
    const auto lines = first_lines(start, kTableLines);
    if (lines.size() == kTableLines) {
        if (const char separator = table_separator(lines)) {
            const std::string name = separator == '\t' ? "tabs" : std::string("'") + separator + "'";
            return "looks like a table (columns separated by " + name + "); name it .csv or .tsv, or pass --format csv";
        }
    }
    // Prose has a space every few words; base64 and hex dumps have none.
    constexpr std::size_t kEncodedBytes = 1024;
    if (start.size() >= kEncodedBytes) {
        const auto spaces = std::count_if(start.begin(), start.end(), [](char c) { return c == ' '; });
        if (static_cast<std::size_t>(spaces) * 100 < start.size())
            return "looks like encoded data (no words separated by spaces), not a news article";
    }
    return "";
}

std::string check_whole_file(std::string_view content) {
    if (content.empty()) return "empty file";
    if (content.starts_with("\xFF\xFE") || content.starts_with("\xFE\xFF"))
        return "UTF-16 text (byte-order mark found); convert it to UTF-8, e.g. with iconv -f UTF-16 -t UTF-8";
    if (content.find('\0') != std::string_view::npos)
        return "binary file (contains NUL bytes), not a news article";
    return "";
}

ReadResult read_articles(Format format, std::string_view content, const std::filesystem::path& path,
                         const FieldNames& names) {
    switch (format) {
        case Format::kText: return read_text(content, path);
        case Format::kJsonLines: return read_json_lines(content, path, names);
        case Format::kReuters: return read_reuters(content, path);
        case Format::kFeed: return read_feed(content, path);
        case Format::kJsonRecords: return read_json_records(content, path, names);
        case Format::kCsv: return read_csv(content, path, names);
        case Format::kAuto: break;
    }
    throw UsageError("read_articles: the format must be resolved before reading");
}

}  // namespace newsdesk::readers
