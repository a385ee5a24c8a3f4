// LibstemmerStem: the algorithms linked in and those loaded from Debian's
// shared libstemmer must stem exactly as libstemmer does.
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <libstemmer.h>

#include <fstream>
#include <set>
#include <sstream>

#include "libstemmer_stem.h"

namespace newsdesk {
namespace {

/// Stems with the shared library directly, bypassing LibstemmerStem: the reference.
class SharedLibstemmer {
  public:
    explicit SharedLibstemmer(const std::string& language) {
        library_ = dlopen("libstemmer.so.0d", RTLD_NOW | RTLD_LOCAL);
        if (library_ == nullptr) return;
        create_ = reinterpret_cast<decltype(create_)>(dlsym(library_, "sb_stemmer_new"));
        destroy_ = reinterpret_cast<decltype(destroy_)>(dlsym(library_, "sb_stemmer_delete"));
        stem_ = reinterpret_cast<decltype(stem_)>(dlsym(library_, "sb_stemmer_stem"));
        length_ = reinterpret_cast<decltype(length_)>(dlsym(library_, "sb_stemmer_length"));
        stemmer_ = create_(language.c_str(), "UTF_8");
    }
    ~SharedLibstemmer() {
        if (stemmer_) destroy_(stemmer_);
    }
    bool ok() const { return stemmer_ != nullptr; }
    std::string operator()(const std::string& word) {
        const sb_symbol* out = stem_(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
        return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(length_(stemmer_)));
    }

  private:
    void* library_ = nullptr;  // never closed, like LibstemmerStem's
    decltype(&sb_stemmer_new) create_ = nullptr;
    decltype(&sb_stemmer_delete) destroy_ = nullptr;
    decltype(&sb_stemmer_stem) stem_ = nullptr;
    decltype(&sb_stemmer_length) length_ = nullptr;
    sb_stemmer* stemmer_ = nullptr;
};

/// Every distinct lower-case word of the sample corpus's wire stories.
std::set<std::string> sample_words() {
    std::ifstream in(std::string(NEWSDESK_SOURCE_DIR) + "/corpus/sample/wire.jsonl");
    std::stringstream text;
    text << in.rdbuf();
    std::set<std::string> words;
    std::string word;
    for (char c : text.str()) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c >= 'a' && c <= 'z') {
            word += c;
        } else if (!word.empty()) {
            words.insert(word);
            word.clear();
        }
    }
    return words;
}

TEST(LibstemmerStem, EveryAlgorithmLibstemmerListsCanBeMade) {
    for (const std::string& language : LibstemmerStem::available_languages()) {
        LibstemmerStem stemmer(language);
        EXPECT_EQ(stemmer(""), "") << language;
    }
}

TEST(LibstemmerStem, LinkedEnglishStemsAsTheSharedLibraryDoes) {
    SharedLibstemmer reference("english");
    ASSERT_TRUE(reference.ok()) << "libstemmer.so.0d (package libstemmer0d) is needed";
    LibstemmerStem english("english");
    const auto words = sample_words();
    ASSERT_GT(words.size(), 500u);
    for (const auto& word : words) EXPECT_EQ(english(word), reference(word)) << word;
}

TEST(LibstemmerStem, AlgorithmsNotLinkedInStemLikeLibstemmer) {
    LibstemmerStem french("french");
    EXPECT_EQ(french("continuellement"), "continuel");
    LibstemmerStem german("german");
    EXPECT_EQ(german("häuser"), "haus");
    LibstemmerStem russian("russian");
    EXPECT_EQ(russian("сопротивления"), "сопротивлен");
    EXPECT_EQ(french.get_description(), "libstemmer(french)");
}

TEST(LibstemmerStem, StemmersOfBothKindsLiveSideBySide) {
    LibstemmerStem english("english"), spanish("spanish"), english_again("english");
    EXPECT_EQ(english("connections"), "connect");
    EXPECT_EQ(spanish("bibliotecas"), "bibliotec");
    EXPECT_EQ(english_again("running"), "run");
}

}  // namespace
}  // namespace newsdesk
