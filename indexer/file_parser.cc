#include "file_parser.h"

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
        FileChunk chunk;
        chunk.task = &task;
        chunk.last = true;
        chunk.state = task.state;
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
        const std::string_view head = std::string_view(content).substr(0, 4096);
        auto format = settings_.format != readers::Format::kAuto ? settings_.format : readers::detect_format(named, head);
        auto result = readers::read_articles(format, content, task.path, settings_.fields);
        content.clear();
        content.shrink_to_fit();
        chunk.problems = std::move(result.problems);
        // Before enrichment: entity extraction reads an article's language.
        assign_languages(result.articles, default_language_);
        chunk.last = false;
        for (auto& article : result.articles) {
            if (chunk.articles.size() == FileChunk::kChunkArticles) {
                if (!out_.push(std::move(chunk))) return false;
                chunk = FileChunk{};
                chunk.task = &task;
            }
            chunk.articles.push_back(build(article, task.path.string()));
        }
        chunk.last = true;
        chunk.state = state;
        chunk.state.articles = result.articles.size();
        return out_.push(std::move(chunk));
    }

  private:
    BuiltArticle build(Article& article, const std::string& path) {
        if (settings_.enrich) settings_.enrich(article);
        BuiltArticle built;
        built.document = builder_.build(article, path);
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
