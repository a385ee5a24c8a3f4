// Escaping for each context a value can be echoed in (html.h).

#include "html.h"

namespace newsdesk::cgi {

namespace {

/// Length of the well-formed UTF-8 sequence at @p i, or 0 when there is none
/// (overlong forms, surrogates and code points past U+10FFFF are not well formed).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    if (c < 0x80) return 1;
    std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (n == 0 || c > 0xF4 || i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;
    if (c == 0xED && c1 > 0x9F) return 0;
    if (c == 0xF0 && c1 < 0x90) return 0;
    if (c == 0xF4 && c1 > 0x8F) return 0;
    return n;
}

/// Escapes and repairs in one pass onto @p out, copying the runs between the
/// bytes that need it whole (a page echoes a lot of text: a byte at a time
/// cost a tenth of its rendering).
void append_escaped(std::string& out, std::string_view text, bool quotes) {
    std::size_t copied = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const char* replacement = nullptr;
        std::size_t n = 1;
        if (c >= 0x80) {
            n = utf8_sequence_length(text, i);
            if (n == 0) {
                replacement = "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
                n = 1;
            }
        } else if (c == '&') {
            replacement = "&amp;";
        } else if (c == '<') {
            replacement = "&lt;";
        } else if (c == '>') {
            replacement = "&gt;";
        } else if (quotes && c == '"') {
            replacement = "&quot;";
        } else if (quotes && c == '\'') {
            replacement = "&#39;";
        }
        if (replacement) {
            out.append(text, copied, i - copied);
            out += replacement;
            copied = i + n;
        }
        i += n;
    }
    out.append(text, copied);
}

std::string escape(std::string_view text, bool quotes) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    append_escaped(out, text, quotes);
    return out;
}

}  // namespace

bool valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = utf8_sequence_length(text, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

std::string to_valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = utf8_sequence_length(text, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
            ++i;
        } else {
            out.append(text, i, n);
            i += n;
        }
    }
    return out;
}

std::string escape_text(std::string_view text) { return escape(text, false); }

std::string escape_attribute(std::string_view text) { return escape(text, true); }

void append_escaped_text(std::string& out, std::string_view text) { append_escaped(out, text, false); }

void append_escaped_attribute(std::string& out, std::string_view text) { append_escaped(out, text, true); }

}  // namespace newsdesk::cgi
