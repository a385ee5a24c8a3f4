#include "languages.h"

#include <array>

namespace newsdesk::languages {
namespace {

// Every language libstemmer 2.2 stems, and the Cyrillic ones it does not
// (Ukrainian, Belarusian, Bulgarian, Kazakh, ...), which are then indexed
// unstemmed, and whose articles' Latin fragments are not places
// (entities/recognizer.cc).
constexpr std::array kLanguages = {
    Language{"ab", "", "Abkhaz", false, true},
    Language{"ar", "arabic", "Arabic", false, false},
    Language{"av", "", "Avar", false, true},
    Language{"ba", "", "Bashkir", false, true},
    Language{"be", "", "Belarusian", false, true},
    Language{"bg", "", "Bulgarian", false, true},
    Language{"ca", "catalan", "Catalan", true, false},
    Language{"ce", "", "Chechen", false, true},
    Language{"cv", "", "Chuvash", false, true},
    Language{"da", "danish", "Danish", true, false},
    Language{"de", "german", "German", false, false},
    Language{"el", "greek", "Greek", false, false},
    Language{"en", "english", "English", true, false},
    Language{"es", "spanish", "Spanish", true, false},
    Language{"eu", "basque", "Basque", true, false},
    Language{"fi", "finnish", "Finnish", false, false},
    Language{"fr", "french", "French", true, false},
    Language{"ga", "irish", "Irish", true, false},
    Language{"hi", "hindi", "Hindi", false, false},
    Language{"hu", "hungarian", "Hungarian", false, false},
    Language{"hy", "armenian", "Armenian", false, false},
    Language{"id", "indonesian", "Indonesian", true, false},
    Language{"it", "italian", "Italian", true, false},
    Language{"kk", "", "Kazakh", false, true},
    Language{"kv", "", "Komi", false, true},
    Language{"ky", "", "Kyrgyz", false, true},
    Language{"lt", "lithuanian", "Lithuanian", false, false},
    Language{"mk", "", "Macedonian", false, true},
    Language{"mn", "", "Mongolian", false, true},
    Language{"ne", "nepali", "Nepali", false, false},
    Language{"nl", "dutch", "Dutch", true, false},
    Language{"no", "norwegian", "Norwegian", true, false},
    Language{"os", "", "Ossetian", false, true},
    Language{"pt", "portuguese", "Portuguese", true, false},
    Language{"ro", "romanian", "Romanian", true, false},
    Language{"ru", "russian", "Russian", false, true},
    Language{"sr", "serbian", "Serbian", false, true},
    Language{"sv", "swedish", "Swedish", true, false},
    Language{"ta", "tamil", "Tamil", false, false},
    Language{"tg", "", "Tajik", false, true},
    Language{"tr", "turkish", "Turkish", false, false},
    Language{"tt", "", "Tatar", false, true},
    Language{"uk", "", "Ukrainian", false, true},
    Language{"yi", "yiddish", "Yiddish", false, false},
};

}  // namespace

const Language* find(std::string_view code) {
    for (const auto& language : kLanguages)
        if (language.code == code || (!language.stemmer.empty() && language.stemmer == code)) return &language;
    if (code == "porter") return find("en");
    return nullptr;
}

std::string code_of(std::string_view code_or_stemmer) {
    const Language* language = find(code_or_stemmer);
    return language ? std::string(language->code) : "";
}

std::string name_of(std::string_view code) {
    const Language* language = find(code);
    return language ? std::string(language->name) : std::string(code);
}

}  // namespace newsdesk::languages
