#include "text_util.h"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace newsdesk::text {

namespace {

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/// Length of the UTF-8 sequence at @p p (at most @p left bytes), or 0 if invalid.
std::size_t utf8_sequence_length(const unsigned char* p, std::size_t left) {
    unsigned char c = p[0];
    if (c < 0x80) return 1;
    std::size_t len;
    std::uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1Fu; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0Fu; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07u; }
    else return 0;
    if (left < len) return 0;
    for (std::size_t i = 1; i < len; ++i) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
    if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
    return len;
}

bool is_nbsp_at(std::string_view text, std::size_t i) {
    return text.substr(i, 2) == "\xC2\xA0";
}

void append_code_point(std::string& out, unsigned long cp) {
    bool bad = cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
               (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F;
    if (bad) { out += ' '; return; }
    Xapian::Unicode::append_utf8(out, static_cast<unsigned>(cp));
}

/// Decode the reference starting at text[i] == '&'; returns bytes consumed, 0 if none.
std::size_t decode_reference(std::string_view text, std::size_t i, std::string& out) {
    auto semi = text.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) return 0;
    std::string_view name = text.substr(i + 1, semi - i - 1);
    if (name.size() > 1 && name[0] == '#') {
        bool hex = name[1] == 'x' || name[1] == 'X';
        std::string_view digits = name.substr(hex ? 2 : 1);
        if (digits.empty()) return 0;
        unsigned long cp = 0;
        for (char ch : digits) {
            int d = std::isdigit(static_cast<unsigned char>(ch)) ? ch - '0'
                    : hex && std::isxdigit(static_cast<unsigned char>(ch)) ? (std::tolower(ch) - 'a' + 10)
                    : -1;
            if (d < 0) return 0;
            cp = cp * (hex ? 16 : 10) + static_cast<unsigned long>(d);
            if (cp > 0x10FFFF) cp = 0x110000;  // stays invalid, never overflows
        }
        append_code_point(out, cp);
        return semi - i + 1;
    }
    static constexpr std::pair<std::string_view, char> kNamed[] = {
        {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
    for (const auto& [entity, ch] : kNamed) {
        if (name == entity) {
            out += ch;
            return semi - i + 1;
        }
    }
    return 0;
}

}  // namespace

std::size_t first_invalid_utf8(std::string_view text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t i = 0, n = text.size();
    while (i < n) {
        if (p[i] < 0x80) { ++i; continue; }
        std::size_t len = utf8_sequence_length(p + i, n - i);
        if (len == 0) return i;
        i += len;
    }
    return std::string_view::npos;
}

bool is_valid_utf8(std::string_view text) { return first_invalid_utf8(text) == std::string_view::npos; }

std::size_t line_of(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::string_view trim(std::string_view text) {
    for (;;) {
        if (!text.empty() && is_space(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
        else if (text.starts_with("\xC2\xA0")) text.remove_prefix(2);
        else break;
    }
    for (;;) {
        if (!text.empty() && is_space(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
        else if (text.ends_with("\xC2\xA0")) text.remove_suffix(2);
        else break;
    }
    return text;
}

std::string strip_controls(std::string_view text) {
    std::string out(text);
    for (char& ch : out) {
        auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) ch = ' ';
    }
    return out;
}

std::string collapse_space(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        bool nbsp = is_nbsp_at(text, i);
        if (nbsp || is_space(static_cast<unsigned char>(text[i]))) {
            space = true;
            if (nbsp) ++i;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += text[i];
    }
    return out;
}

std::string decode_entities(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '&') {
            std::size_t used = decode_reference(text, i, out);
            if (used > 0) { i += used - 1; continue; }
        }
        out += text[i];
    }
    return out;
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

}  // namespace newsdesk::text
