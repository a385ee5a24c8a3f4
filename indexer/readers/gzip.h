/** @file
 *  @brief Gzip-compressed input, read as if it were not (any format: x.jsonl.gz).
 */
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsdesk::readers {

/// Most bytes a compressed file may expand to: a small file that expands
/// without end (a "gzip bomb") must not take the indexer's memory.
inline constexpr std::size_t kMaxGunzippedBytes = std::size_t{1} << 30;

/// Whether @p content starts as gzip data does (RFC 1952's magic bytes).
bool is_gzip(std::string_view content);

/// @p content decompressed: every gzip member in turn, as gunzip does.
/// @throws InputError saying what is wrong (corrupt or truncated data, or
/// more than @p max_bytes once decompressed).
std::string gunzip(std::string_view content, std::size_t max_bytes = kMaxGunzippedBytes);

}  // namespace newsdesk::readers
