/** @file
 *  @brief Small text helpers shared by the readers.
 */
#pragma once

#include <string>
#include <string_view>

namespace newsdesk::text {

/// Whether @p text is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool is_valid_utf8(std::string_view text);

/// Byte offset of the first invalid UTF-8 sequence in @p text, or npos.
std::size_t first_invalid_utf8(std::string_view text);

/// 1-based line number of byte @p offset in @p text.
std::size_t line_of(std::string_view text, std::size_t offset);

/// @p text without leading and trailing ASCII whitespace (and no-break spaces).
std::string_view trim(std::string_view text);

/// Replace C0 control characters other than tab and newline, and DEL, by a space
/// (Reuters stories carry ^B, ^C and ^^ as markers).
std::string strip_controls(std::string_view text);

/// Runs of whitespace (including newlines and no-break spaces) become one space; trimmed.
std::string collapse_space(std::string_view text);

/// Decode numeric character references (&#n; and &#xh;) and the five XML
/// entities (&amp; &lt; &gt; &quot; &apos;); anything else is left as written.
/// References to control characters or invalid code points become a space.
std::string decode_entities(std::string_view text);

/// Lower-case ASCII copy of @p text.
std::string ascii_lower(std::string_view text);

}  // namespace newsdesk::text
