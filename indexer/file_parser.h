/** @file
 *  @brief The reading side of the indexer: input files to built documents.
 *
 *  Runs on its own thread so that reading, parsing, entity extraction and
 *  term generation overlap with Xapian's writing, which is the larger half
 *  of indexing time. It never touches the database: what it needs to know
 *  about a file's previous version comes in the FileTask.
 */
#pragma once

#include <xapian.h>

#include <exception>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "article.h"
#include "document_builder.h"
#include "file_state.h"
#include "fingerprint.h"
#include "reader.h"
#include "work_queue.h"

namespace newsdesk {

/// A file that must be read: its current state and what was recorded before.
struct FileTask {
    std::filesystem::path path;
    FileState state;
    std::optional<FileState> recorded;
};

/// One article, built.
struct BuiltArticle {
    std::string id;
    DocumentFacets facets;  ///< for the facet summary, which the writer adds
    clusters::Fingerprint story;  ///< for its story cluster, which the writer finds
    Xapian::Document document;
};

/// Part of a file's work: up to kChunkArticles articles; the last chunk of a
/// file has `last` set and carries its final state.
struct FileChunk {
    static constexpr std::size_t kChunkArticles = 256;

    const FileTask* task = nullptr;
    std::vector<BuiltArticle> articles;
    std::vector<readers::Problem> problems;
    std::string file_error;  ///< the whole file was rejected (line 0)
    bool unchanged = false;  ///< same content as recorded (only touched)
    bool last = false;
    FileState state;  ///< on the last chunk: the file's state to record
    std::exception_ptr failure;  ///< an unexpected error on the reading thread
};

struct ParserSettings {
    std::string language;
    readers::Format format = readers::Format::kAuto;
    std::function<void(Article&)> enrich;
    readers::FieldNames fields;  ///< which record keys hold which field (--field)
};

/// Read, parse and build every task in order, pushing chunks to @p out, then finish() it.
void parse_files(const std::vector<FileTask>& tasks, const ParserSettings& settings, WorkQueue<FileChunk>& out);

}  // namespace newsdesk
