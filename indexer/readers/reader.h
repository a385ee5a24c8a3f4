/** @file
 *  @brief Input formats: a file's bytes in, articles and per-line problems out.
 *
 *  Readers never throw for bad input: a malformed record becomes a Problem
 *  (the indexer prints it as "FILE:LINE: error: MESSAGE", counts it and goes
 *  on) and the good records of the same file are still returned.
 */
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"
#include "field_names.h"

namespace newsdesk::readers {

enum class Format {
    kAuto,       ///< detect from extension and content (detect_format)
    kText,       ///< plain-text article with an optional "Key: value" header
    kJsonLines,  ///< one JSON object per line
    kReuters,    ///< Reuters-21578 SGML (reut2-NNN.sgm)
    kFeed,       ///< RSS 2.0 or Atom
    kJsonRecords,  ///< a JSON array of records, or an export object holding one (Telegram)
    kCsv,          ///< CSV or TSV: a header row naming the columns, or label and text
};

/// "text", "jsonl", "json", "csv", "reuters", "feed" (and "auto"), as --format takes them.
Format parse_format(std::string_view name);  ///< @throws UsageError
std::string_view format_name(Format format);

/// Longest article (or JSON line) a reader accepts; longer ones are rejected
/// with a Problem rather than indexed as one giant document.
inline constexpr std::size_t kMaxArticleBytes = 8 * 1024 * 1024;

/// Something wrong with one record.
struct Problem {
    enum class Severity {
        kError,    ///< the record was rejected (skipped and counted)
        kWarning,  ///< the record was indexed, but part of it was dropped (e.g. an unreadable date)
    };
    std::size_t line;     ///< 1-based line, 0 when the whole file is at fault
    std::string message;  ///< what is wrong, without the file name
    Severity severity = Severity::kError;
};

struct ReadResult {
    std::vector<Article> articles;
    std::vector<Problem> problems;
};

/// Guess the format of @p path from its extension and its first bytes.
Format detect_format(const std::filesystem::path& path, std::string_view head);

/// What a file detect_format() took for plain text looks like instead, when
/// it looks like no format newsdesk reads: markup (an SVG, an HTML page), a
/// table (a CSV dump named .dat), encoded data (base64). "" for text. Such a
/// file is rejected with this message, never indexed as one giant article.
std::string unsupported_text(std::string_view head);

/// Whole-file checks common to every format: empty, binary (NUL bytes),
/// UTF-16/32 byte-order marks. @return a problem message, or "" when fine.
std::string check_whole_file(std::string_view content);

/// Read every article in @p content (the whole file) as @p format, which
/// must not be kAuto. @p path is used for ids derived from it and for
/// side files (Reuters' cat-descriptions_120396.txt beside the .sgm files).
/// @p names says which record keys hold which field (JSON and CSV formats).
ReadResult read_articles(Format format, std::string_view content, const std::filesystem::path& path,
                         const FieldNames& names = default_field_names());

// The individual readers, for tests and for read_articles().
ReadResult read_text(std::string_view content, const std::filesystem::path& path);
/// The fields keep their names (title, body, date, ...) unless @p names maps one.
ReadResult read_json_lines(std::string_view content, const std::filesystem::path& path,
                           const FieldNames& names = default_field_names());
/// A JSON export: fields are found by the names exports use (FieldNames:
/// text, content, message, body; title, headline; date, published,
/// created_at; channel, source, site; category, topics, tags; url, link),
/// in any case, or by those --field maps; a record without a
/// title gets its first sentence; Telegram/Markdown markup becomes plain
/// text; ids are the message number within its channel. Problems name the
/// record by its number.
ReadResult read_json_records(std::string_view content, const std::filesystem::path& path,
                             const FieldNames& names = default_field_names());
/// Where a streaming reader puts what it reads, as it reads it.
struct ReadSink {
    std::function<bool(Article&&)> article;  ///< @return false to stop reading
    std::function<void(Problem&&)> problem;
};
/// read_json_records() over the file @p path without holding it: the file
/// is read in blocks, twice. The first pass checks it (UTF-8, JSON syntax, a
/// list of records) and keeps nothing but the export's "name"; the second
/// builds one record at a time and hands @p sink the articles and problems
/// read_json_records() would return, in record order. A file that fails the
/// check gives its one problem and no article, as read_json_records() does.
/// @return false, having handed over nothing, when the file is not an export
/// but JSON Lines (a .json file of one object per line): the caller reads
/// it whole with read_json_records().
/// @throws InputError when the file cannot be read.
bool stream_json_records(const std::filesystem::path& path, const FieldNames& names, const ReadSink& sink);
/// read_json_lines() over the file @p path without holding it: read in
/// blocks, one line in memory at a time, each line's article or problem
/// handed to @p sink as it is read (until the sink's article() says stop).
/// @throws InputError when the file cannot be read.
void stream_json_lines(const std::filesystem::path& path, const FieldNames& names, const ReadSink& sink);
/// CSV (or TSV, by the name .tsv): separator and quote sniffed from the
/// first line (',' ';' or tab; '"' or '). A header row names the columns,
/// by the names the JSON exports use (text, title, date, url, source,
/// topic/category/tags/label, id); without one, two columns are label
/// (a topic) and text. Untitled records get their first sentence.
ReadResult read_csv(std::string_view content, const std::filesystem::path& path,
                    const FieldNames& names = default_field_names());
ReadResult read_reuters(std::string_view content, const std::filesystem::path& path);
ReadResult read_feed(std::string_view content, const std::filesystem::path& path);

}  // namespace newsdesk::readers
