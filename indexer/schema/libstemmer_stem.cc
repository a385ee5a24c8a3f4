#include "libstemmer_stem.h"

#include <libstemmer.h>

#include "error.h"

namespace newsdesk {

namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += ' ';
        out += item;
    }
    return out;
}

}  // namespace

LibstemmerStem::LibstemmerStem(const std::string& language)
    : stemmer_(sb_stemmer_new(language.c_str(), "UTF_8")), language_(language) {
    if (stemmer_ == nullptr) {
        throw UsageError("unknown stemming language '" + language +
                         "'; available languages are: " + join(available_languages()));
    }
}

LibstemmerStem::~LibstemmerStem() { sb_stemmer_delete(stemmer_); }

std::string LibstemmerStem::operator()(const std::string& word) {
    const auto* in = reinterpret_cast<const sb_symbol*>(word.data());
    const sb_symbol* out = sb_stemmer_stem(stemmer_, in, static_cast<int>(word.size()));
    // libstemmer returns NULL only when it runs out of memory; leave the word as it is.
    if (out == nullptr) return word;
    return std::string(reinterpret_cast<const char*>(out),
                       static_cast<size_t>(sb_stemmer_length(stemmer_)));
}

std::string LibstemmerStem::get_description() const { return "libstemmer(" + language_ + ")"; }

std::vector<std::string> LibstemmerStem::available_languages() {
    std::vector<std::string> names;
    for (const char** name = sb_stemmer_list(); *name != nullptr; ++name) names.emplace_back(*name);
    return names;
}

}  // namespace newsdesk
