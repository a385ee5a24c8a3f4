#include "file_parser.h"

#include <algorithm>
#include <cctype>

#include "error.h"
#include "gzip.h"
#include "input_files.h"
#include "language_detector.h"
#include "languages.h"

namespace newsdesk {

namespace {

class FileParser {
  public:
    FileParser(const ParserSettings& settings, WorkQueue<FileChunk>& out)
        : settings_(settings),
          out_(out),
          builder_(settings.language),
          default_language_(languages::code_of(settings.language)) {}

    /// @return false when the consumer stopped listening.
    bool parse(const FileTask& task) {
        FileChunk chunk = first_chunk(task);
        if (may_stream(task.path)) {
            InputDigest digest;
            try {
                digest = digest_input_file(task.path, kHeadBytes);
            } catch (const InputError& e) {
                chunk.file_error = e.what();
                return out_.push(std::move(chunk));
            }
            if (!readers::is_gzip(digest.head)) {
                const readers::Format format = format_of(task.path, digest.head);
                if (format == readers::Format::kJsonRecords || format == readers::Format::kJsonLines)
                    return parse_stream(task, std::move(chunk), digest, format);
            }
        }
        return parse_whole(task, std::move(chunk));
    }

  private:
    /// Bytes of a file that format detection reads.
    static constexpr std::size_t kHeadBytes = 4096;
    /// Articles of a streamed file whose languages are assigned together
    /// (assign_languages: the language most are detected in is the hint for
    /// the rest): a file of up to this many is assigned as a whole, as when
    /// it was read whole; a larger one batch by batch. Also bounded in bytes.
    static constexpr std::size_t kLanguageBatch = 4096;
    static constexpr std::size_t kLanguageBatchBytes = std::size_t{64} << 20;

    static FileChunk first_chunk(const FileTask& task) {
        FileChunk chunk;
        chunk.task = &task;
        chunk.last = true;
        chunk.state = task.state;
        return chunk;
    }

    readers::Format format_of(const std::filesystem::path& named, std::string_view head) const {
        return settings_.format != readers::Format::kAuto ? settings_.format : readers::detect_format(named, head);
    }

    /// Whether @p path may be a JSON export or JSON Lines, which are streamed
    /// (parse_stream) rather than read whole: an archive's dump of a million
    /// articles is one such file, and memory must not grow with it. Every
    /// uncompressed one is, however small: one way of reading them, which
    /// every test of them exercises, and a small file's second pass costs
    /// microseconds. Only names that can be one are looked into, so that
    /// other files are opened once, as before.
    bool may_stream(const std::filesystem::path& path) const {
        if (settings_.format != readers::Format::kAuto)
            return settings_.format == readers::Format::kJsonRecords || settings_.format == readers::Format::kJsonLines;
        std::string ext = path.extension().string();
        for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return ext == ".json" || ext == ".jsonl" || ext == ".ndjson";
    }

    /// A file read whole, then parsed: every format but uncompressed JSON
    /// exports and JSON Lines. A gzip-compressed one is among them: it is
    /// decompressed whole (up to gunzip's cap, kMaxGunzippedBytes) and parsed.
    bool parse_whole(const FileTask& task, FileChunk chunk) {
        std::string content;
        try {
            content = read_input_file(task.path);
        } catch (const InputError& e) {
            chunk.file_error = e.what();
            return out_.push(std::move(chunk));
        }
        // The file as stored decides whether it changed: one that did not,
        // compressed or not, is neither decompressed nor read.
        chunk.state.size = content.size();
        chunk.state.hash = content_hash(content);
        const FileState state = chunk.state;
        if (task.recorded && task.recorded->hash == state.hash) {
            chunk.unchanged = true;
            return out_.push(std::move(chunk));
        }
        const bool compressed = readers::is_gzip(content);
        if (compressed) {
            try {
                content = readers::gunzip(content);
            } catch (const InputError& e) {
                chunk.file_error = e.what();
                return out_.push(std::move(chunk));
            }
        }
        chunk.file_error = readers::check_whole_file(content);
        if (!chunk.file_error.empty()) return out_.push(std::move(chunk));
        // "wire.jsonl.gz" is read as "wire.jsonl" would be.
        const auto named = compressed && task.path.extension() == ".gz" ? task.path.parent_path() / task.path.stem()
                                                                         : task.path;
        const std::string_view head = std::string_view(content).substr(0, kHeadBytes);
        const readers::Format format = format_of(named, head);
        if (format == readers::Format::kText && settings_.format == readers::Format::kAuto) {
            chunk.file_error = readers::unsupported_text(head);
            if (!chunk.file_error.empty()) return out_.push(std::move(chunk));
        }
        auto result = readers::read_articles(format, content, task.path, settings_.fields);
        content.clear();
        content.shrink_to_fit();
        chunk.problems = std::move(result.problems);
        // Before enrichment: entity extraction reads an article's language.
        assign_languages(result.articles, default_language_);
        chunk.last = false;
        for (auto& article : result.articles) {
            if (!add(task, chunk, article)) return false;
        }
        chunk.last = true;
        chunk.state = state;
        chunk.state.articles = result.articles.size();
        return out_.push(std::move(chunk));
    }

    /// An uncompressed JSON export or JSON Lines file (@p format), hashed in
    /// blocks and then streamed (readers::stream_json_records,
    /// stream_json_lines): its articles are built and pushed as its records
    /// are parsed, so a 2 GB file does not take 2 GB. What it gives is what
    /// parse_whole() gives, but for languages, which are assigned
    /// kLanguageBatch articles at a time.
    bool parse_stream(const FileTask& task, FileChunk chunk, const InputDigest& digest, readers::Format format) {
        chunk.state.size = digest.size;
        chunk.state.hash = digest.hash;
        const FileState state = chunk.state;
        if (task.recorded && task.recorded->hash == state.hash) {
            chunk.unchanged = true;
            return out_.push(std::move(chunk));
        }
        // check_whole_file() over the whole file: its head, and a NUL if one is further on.
        chunk.file_error = readers::check_whole_file(digest.has_nul ? digest.head + '\0' : digest.head);
        if (!chunk.file_error.empty()) return out_.push(std::move(chunk));
        chunk.last = false;
        std::vector<Article> batch;
        std::size_t batch_bytes = 0;
        std::uint64_t articles = 0;
        bool listening = true;
        auto flush = [&] {
            assign_languages(batch, default_language_);
            for (auto& article : batch) {
                if (!add(task, chunk, article)) return false;
            }
            articles += batch.size();
            batch.clear();
            batch_bytes = 0;
            return true;
        };
        readers::ReadSink sink{[&](Article&& article) {
                                   batch_bytes += article.title.size() + article.body.size();
                                   batch.push_back(std::move(article));
                                   if (batch.size() < kLanguageBatch && batch_bytes < kLanguageBatchBytes) return true;
                                   return listening = flush();
                               },
                               [&](readers::Problem&& problem) { chunk.problems.push_back(std::move(problem)); }};
        try {
            // A .json file of one object per line is JSON Lines, which
            // stream_json_records() leaves alone, having handed over nothing.
            if (format == readers::Format::kJsonLines || !readers::stream_json_records(task.path, settings_.fields, sink))
                readers::stream_json_lines(task.path, settings_.fields, sink);
        } catch (const InputError& e) {
            if (articles == 0) {  // nothing pushed yet: rejected whole, as parse_whole() would
                FileChunk failed = first_chunk(task);
                failed.file_error = e.what();
                return out_.push(std::move(failed));
            }
            chunk.problems.push_back({0, e.what()});
        }
        if (!listening || !flush()) return false;
        chunk.last = true;
        chunk.state = state;
        chunk.state.articles = articles;
        return out_.push(std::move(chunk));
    }

    /// Builds @p article into @p chunk, pushing the chunk first when it is full.
    bool add(const FileTask& task, FileChunk& chunk, Article& article) {
        if (chunk.articles.size() == FileChunk::kChunkArticles) {
            if (!out_.push(std::move(chunk))) return false;
            chunk = FileChunk{};
            chunk.task = &task;
        }
        chunk.articles.push_back(build(article, task.path.string()));
        return true;
    }

    BuiltArticle build(Article& article, const std::string& path) {
        if (settings_.enrich) settings_.enrich(article);
        BuiltArticle built;
        built.story = clusters::fingerprint(article);
        built.document = builder_.build(article, path, built.story);
        built.id = std::move(article.id);
        built.facets = document_facets(article);
        return built;
    }

    const ParserSettings& settings_;
    WorkQueue<FileChunk>& out_;
    DocumentBuilder builder_;
    std::string default_language_;  ///< ISO 639-1 code of --language, for articles of no known language
};

}  // namespace

void parse_files(const std::vector<FileTask>& tasks, const ParserSettings& settings, WorkQueue<FileChunk>& out) {
    try {
        FileParser parser(settings, out);
        for (const auto& task : tasks) {
            if (!parser.parse(task)) break;
        }
    } catch (...) {
        FileChunk failed;
        failed.failure = std::current_exception();
        failed.last = true;
        out.push(std::move(failed));
    }
    out.finish();
}

}  // namespace newsdesk
