// CSV and TSV: a header row naming the columns, or two unnamed columns,
// label and text (as text-classification corpora ship: "Sport;'...'").
#include <algorithm>
#include <initializer_list>
#include <optional>
#include <utility>

#include "article_fields.h"
#include "reader.h"
#include "text_util.h"

namespace newsdesk::readers {

namespace {

/// How a file writes its records: separator and quote character.
struct Dialect {
    char separator = ',';
    char quote = '"';
};

/// One record: its fields, and the line it starts on.
struct Record {
    std::vector<std::string> fields;
    std::size_t line = 0;
};

/// Reads records one by one (RFC 4180: quoted fields may hold separators,
/// line breaks and doubled quotes).
class RecordReader {
  public:
    RecordReader(std::string_view content, Dialect dialect) : rest_(content), dialect_(dialect) {}

    /// The next record; nullopt at the end. @throws std::runtime_error for an unterminated quote.
    std::optional<Record> next() {
        while (!rest_.empty() && (rest_.front() == '\n' || rest_.front() == '\r')) advance(1);  // blank lines
        if (rest_.empty()) return std::nullopt;
        Record record;
        record.line = line_;
        std::string field;
        bool quoted = false, was_quoted = false;
        while (!rest_.empty()) {
            const char c = rest_.front();
            if (quoted) {
                if (c == dialect_.quote) {
                    if (rest_.size() > 1 && rest_[1] == dialect_.quote) {
                        field += c;
                        advance(2);
                        continue;
                    }
                    quoted = false;
                } else {
                    field += c;
                }
                advance(1);
                continue;
            }
            if (c == dialect_.quote && field.empty() && !was_quoted) {
                quoted = was_quoted = true;
            } else if (c == dialect_.separator) {
                record.fields.push_back(std::exchange(field, {}));
                was_quoted = false;
            } else if (c == '\n') {
                advance(1);
                break;
            } else if (c != '\r') {
                field += c;
            }
            advance(1);
        }
        if (quoted) throw std::runtime_error("a quoted field is never closed (the file is cut short?)");
        record.fields.push_back(std::move(field));
        return record;
    }

  private:
    void advance(std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) line_ += rest_[i] == '\n';
        rest_.remove_prefix(n);
    }

    std::string_view rest_;
    Dialect dialect_;
    std::size_t line_ = 1;
};

/// The dialect under which the first records of @p content read alike:
/// the same number of fields, at least two, the most of them. A separator
/// inside the text ("a, b" in prose) gives records of differing lengths.
/// The quote is ' when a field after the separator opens with one.
Dialect sniff(std::string_view content, bool tsv) {
    constexpr int kSample = 5;
    Dialect best{tsv ? '\t' : ',', '"'};
    std::size_t best_fields = 0;
    for (char separator : tsv ? std::string_view("\t") : std::string_view(",;\t")) {
        const std::string_view first = content.substr(0, content.find('\n'));
        Dialect d{separator, '"'};
        auto at = first.find(separator);
        if (at == std::string_view::npos) continue;
        if (at + 1 < first.size() && first[at + 1] == '\'') d.quote = '\'';
        std::size_t fields = 0;
        bool alike = true;
        try {
            RecordReader reader(content, d);
            for (int i = 0; i < kSample; ++i) {
                auto record = reader.next();
                if (!record) break;
                if (fields == 0) fields = record->fields.size();
                alike = alike && record->fields.size() == fields;
            }
        } catch (const std::exception&) {
            alike = false;
        }
        if (alike && fields >= 2 && fields > best_fields) best = d, best_fields = fields;
    }
    return best;
}

/// Which column holds what, from a header row.
struct Columns {
    std::optional<std::size_t> body, title, date, url, source, id, author, language;
    std::vector<std::size_t> topics;
};

/// The column named by the first of @p names a header has (FieldNames).
std::optional<std::size_t> column(const std::vector<std::string>& header, const std::vector<std::string>& names) {
    for (const auto& name : names)
        for (std::size_t i = 0; i < header.size(); ++i)
            if (text::ascii_lower(text::trim(header[i])) == name) return i;
    return std::nullopt;
}

/// The columns a header row names, or nullopt when the row is no header
/// (it names neither a text nor a title column).
std::optional<Columns> header_columns(const std::vector<std::string>& row, const FieldNames& names) {
    Columns c;
    c.body = column(row, names.keys(RecordField::kBody));
    c.title = column(row, names.keys(RecordField::kTitle));
    if (!c.body && !c.title) return std::nullopt;
    c.date = column(row, names.keys(RecordField::kDate));
    c.url = column(row, names.keys(RecordField::kUrl));
    c.source = column(row, names.keys(RecordField::kSource));
    c.id = column(row, names.keys(RecordField::kId));
    c.author = column(row, names.keys(RecordField::kAuthor));
    c.language = column(row, names.keys(RecordField::kLanguage));
    for (const auto& name : names.keys(RecordField::kTopics))
        if (auto i = column(row, {name})) c.topics.push_back(*i);
    return c;
}

std::string field(const Record& record, std::optional<std::size_t> i) {
    return i && *i < record.fields.size() ? record.fields[*i] : std::string();
}

Article to_article(const Record& record, const Columns& c, std::vector<Problem>& problems) {
    Article a;
    a.line = record.line;
    if (field(record, c.body).size() > kMaxArticleBytes)
        throw std::runtime_error("record longer than the 8 MiB an article may have; skipped");
    a.body = text::strip_controls(field(record, c.body));
    a.title = text::collapse_space(field(record, c.title));
    a.title_in_body = a.title.empty();
    if (a.title_in_body) a.title = title_from_text(a.body);
    if (a.title.empty()) throw std::runtime_error("no text in this record");
    a.url = text::collapse_space(field(record, c.url));
    a.source = text::collapse_space(field(record, c.source));
    a.author = text::collapse_space(field(record, c.author));
    a.language = language_code(field(record, c.language));
    set_date(a, field(record, c.date), record.line, problems);
    for (std::size_t i : c.topics) {
        auto values = split_labels(field(record, i));
        a.topics.insert(a.topics.end(), values.begin(), values.end());
    }
    a.id = field(record, c.id);
    if (a.id.empty())
        a.id = a.url.empty() ? hashed_id("csv", "text:" + a.title + "\n" + a.body) : derived_id("csv", a, a.body);
    return a;
}

}  // namespace

ReadResult read_csv(std::string_view content, const std::filesystem::path& path, const FieldNames& names) {
    ReadResult result;
    if (auto problem = invalid_utf8(content)) {
        result.problems.push_back(*problem);
        return result;
    }
    if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);
    const bool tsv = text::ascii_lower(path.extension().string()) == ".tsv";
    RecordReader reader(content, sniff(content, tsv));
    std::optional<Columns> columns;
    try {
        while (auto record = reader.next()) {
            if (!columns) {
                // A header row names the columns; without one, the columns
                // are label and text, as classification corpora ship them.
                columns = header_columns(record->fields, names);
                if (columns) continue;
                if (record->fields.size() != 2) {
                    result.problems.push_back({record->line, "no header row naming a text or title column, and not "
                                                             "two columns (label, text): cannot tell the columns apart"});
                    return result;
                }
                columns = Columns{};
                columns->topics = {0};
                columns->body = 1;
            }
            try {
                result.articles.push_back(to_article(*record, *columns, result.problems));
            } catch (const std::exception& e) {
                result.problems.push_back({record->line, e.what()});
            }
        }
    } catch (const std::exception& e) {
        result.problems.push_back({text::line_of(content, content.size()), e.what()});
    }
    return result;
}

}  // namespace newsdesk::readers
