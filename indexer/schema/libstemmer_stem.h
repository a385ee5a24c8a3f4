/** @file
 *  @brief A Xapian::StemImplementation backed by the system's libstemmer (Snowball).
 */
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

struct sb_stemmer;

namespace newsdesk {

/// Stems with one libstemmer algorithm, in UTF-8.
///
/// The algorithms named at build time (NEWSDESK_LINKED_STEMMERS, english and
/// porter unless told otherwise) are linked into the program; the others come
/// from Debian's shared libstemmer, loaded when first asked for. Both are the
/// same libstemmer (libstemmer-dev requires its exact libstemmer0d).
///
/// Not thread-safe (libstemmer keeps state per stemmer): give each thread its
/// own Xapian::Stem, as Xapian itself requires.
class LibstemmerStem : public Xapian::StemImplementation {
  public:
    /// @throws UsageError naming the available algorithms when @p language is unknown.
    explicit LibstemmerStem(const std::string& language);
    ~LibstemmerStem() override;

    std::string operator()(const std::string& word) override;
    std::string get_description() const override;

    /// The algorithm names libstemmer knows ("english", "russian", "porter", ...).
    static std::vector<std::string> available_languages();

    struct Api;  ///< libstemmer's functions, from the linked or the shared copy

  private:
    const Api* api_;
    sb_stemmer* stemmer_ = nullptr;
    std::string language_;
};

}  // namespace newsdesk
