/** @file
 *  @brief Which files the indexer reads: INPUT arguments expanded into files.
 */
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace newsdesk {

/// Called for an input that cannot be listed (missing, unreadable directory).
using InputProblem = std::function<void(const std::filesystem::path&, const std::string& message)>;

/// Expand @p inputs (files and directories) into a sorted, duplicate-free list
/// of absolute file paths. Directories are recursed; hidden entries (".x") are
/// skipped, symbolic links to directories are not followed (no loops), and in
/// a directory holding a Reuters-21578 distribution (reut2-*.sgm) only the
/// .sgm files are articles: its other files are documentation and the label
/// lists the Reuters reader reads itself. Files named explicitly are always read.
std::vector<std::filesystem::path> collect_input_files(const std::vector<std::string>& inputs,
                                                       const InputProblem& problem);

/// The whole content of @p path. Read, not memory-mapped: a file truncated
/// while being indexed must give an error, not SIGBUS.
/// @throws InputError with the system's reason when it cannot be read.
std::string read_input_file(const std::filesystem::path& path);

/// What one pass over a file tells without holding it.
struct InputDigest {
    std::uint64_t size = 0;
    std::string hash;       ///< content_hash() of the whole file: the same value
    std::string head;       ///< its first bytes, up to the number asked for
    bool has_nul = false;   ///< whether it holds a NUL byte anywhere
};

/// @p path read in blocks, as read_input_file() reads it, and digested.
/// @throws InputError with the system's reason when it cannot be read.
InputDigest digest_input_file(const std::filesystem::path& path, std::size_t head_bytes);

}  // namespace newsdesk
