#include "language_detector.h"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <map>

namespace CLD2 {
// Declared in CLD2's internal lang_script.h, which Debian ships but which
// drags in the rest of its internal headers.
const char* LanguageCode(Language lang);
Language GetLanguageFromName(const char* src);
}  // namespace CLD2

namespace newsdesk {
namespace {

/// @p text cut to at most @p limit bytes at a UTF-8 character boundary.
std::string_view utf8_head(std::string_view text, std::size_t limit) {
    if (text.size() <= limit) return text;
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end);
}

/// "en" of "en", "zh" of "zh-Hant"; "" for CLD2's "un" (unknown) and the
/// codes it makes up for scripts ("xx-Cyrl").
std::string iso_code(const char* cld2_code) {
    std::string_view code = cld2_code ? cld2_code : "";
    code = code.substr(0, code.find('-'));
    if (code.size() != 2 || code == "un" || code == "xx") return "";
    if (code == "iw") return "he";  // CLD2 keeps ISO 639's withdrawn codes
    if (code == "jw") return "jv";
    return std::string(code);
}

/// The language most of @p detected are reliably in, when at least half of
/// them are; "" otherwise.
std::string prevailing(const std::vector<DetectedLanguage>& detected) {
    std::map<std::string, std::size_t> votes;
    std::size_t reliable = 0;
    for (const auto& d : detected) {
        if (!d.reliable || d.code.empty()) continue;
        ++votes[d.code];
        ++reliable;
    }
    for (const auto& [code, count] : votes)
        if (2 * count > reliable) return code;
    return "";
}

}  // namespace

DetectedLanguage detect_language(std::string_view title, std::string_view body, const std::string& hint) {
    std::string text;
    text.reserve(kDetectionBytes + 1);
    text += utf8_head(title, kDetectionBytes / 4);
    text += '\n';
    text += utf8_head(body, kDetectionBytes - text.size());
    CLD2::Language top3[3];
    int percent3[3];
    int text_bytes = 0;
    bool reliable = false;
    const CLD2::Language hinted = hint.empty() ? CLD2::UNKNOWN_LANGUAGE : CLD2::GetLanguageFromName(hint.c_str());
    // The input is valid UTF-8: every reader checks (readers::invalid_utf8).
    const CLD2::Language language =
        CLD2::DetectLanguageSummary(text.data(), static_cast<int>(text.size()), true, nullptr, CLD2::UNKNOWN_ENCODING,
                                    hinted, top3, percent3, &text_bytes, &reliable);
    return {iso_code(CLD2::LanguageCode(language)), reliable};
}

void assign_languages(std::vector<Article>& articles, const std::string& fallback) {
    std::vector<DetectedLanguage> detected(articles.size());
    for (std::size_t i = 0; i < articles.size(); ++i)
        if (articles[i].language.empty()) detected[i] = detect_language(articles[i].title, articles[i].body);
    const std::string file_language = prevailing(detected);
    for (std::size_t i = 0; i < articles.size(); ++i) {
        Article& article = articles[i];
        if (!article.language.empty()) continue;
        DetectedLanguage d = detected[i];
        // A short post is often taken for a neighbour of its language
        // (Russian for Serbian): asked again with the file's language as
        // CLD2's hint, it is judged against that.
        if (!file_language.empty() && d.code != file_language) d = detect_language(article.title, article.body, file_language);
        if (d.reliable && !d.code.empty()) article.language = d.code;
        else article.language = file_language.empty() ? fallback : file_language;
    }
}

}  // namespace newsdesk
