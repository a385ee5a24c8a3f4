#include "url.h"

#include <cctype>

namespace newsdesk::search {

std::string url_encode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    append_url_encoded(out, text);
    return out;
}

void append_url_encoded(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (char c : text) {
        bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                          c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out += c;
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0xF];
        }
    }
}

bool is_web_url(std::string_view url) {
    auto starts_with_nocase = [&](std::string_view prefix) {
        if (url.size() < prefix.size()) return false;
        for (std::size_t i = 0; i < prefix.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(url[i])) != prefix[i]) return false;
        return true;
    };
    return starts_with_nocase("http://") || starts_with_nocase("https://");
}

}  // namespace newsdesk::search
