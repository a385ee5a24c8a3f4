#include "tokens.h"

#include <xapian.h>

#include <algorithm>

#include "libstemmer_stem.h"

namespace newsdesk::entities {
namespace {

using Xapian::Utf8Iterator;

bool is_apostrophe(unsigned ch) { return ch == '\'' || ch == 0x2019 || ch == 0x02BC; }
bool is_word(unsigned ch) { return Xapian::Unicode::is_wordchar(ch) && ch != '_'; }
bool is_sentence_end(unsigned ch) { return ch == '.' || ch == '!' || ch == '?' || ch == ':'; }
bool is_opening_quote(unsigned ch) { return ch == '"' || ch == 0xAB || ch == 0x201C || ch == 0x201E; }
bool is_closing_quote(unsigned ch) { return ch == '"' || ch == 0xBB || ch == 0x201D || ch == 0x201C; }
bool is_latin(unsigned ch) { return ch < 0x250 || (ch >= 0x1E00 && ch < 0x1F00); }
bool is_cyrillic(unsigned ch) { return ch >= 0x400 && ch < 0x530; }

// Links: URLs, e-mail addresses, domain names, @handles and identifiers.
// Their words are no prose: "t.me/delhi_news" names no Delhi, and
// "mobile.twitter.com" no city of Alabama.

bool is_ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool is_address_char(char c) {
    return is_ascii_alnum(c) || c == '.' || c == '-' || c == '_' || c == '@' || c == '%' || c == '+';
}

/// Whether @p host is a domain name: dot-separated labels of ASCII letters,
/// digits and hyphens, the last a lower-case top-level domain ("t.me",
/// "mobile.twitter.com"). "U.S", "e.g" and "3.5" are not.
bool is_domain(std::string_view host) {
    std::size_t dot = host.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return false;
    std::string_view tld = host.substr(dot + 1);
    if (tld.size() < 2 || !std::all_of(tld.begin(), tld.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
        return false;
    }
    bool label_empty = true;
    for (char c : host.substr(0, dot)) {
        if (c == '.') {
            if (label_empty) return false;
            label_empty = true;
        } else if (is_ascii_alnum(c) || c == '-') {
            label_empty = false;
        } else {
            return false;
        }
    }
    return !label_empty;
}

/// Whether a link ends at byte @p i of @p text: at a space, a bracket or a
/// quote ("(https://…)", "«https://…»"). A URL may hold other non-ASCII
/// text ("https://ru.wikipedia.org/wiki/Москва").
bool ends_link(std::string_view text, std::size_t i) {
    static constexpr std::string_view kAscii = "\"'<>()[]{}|\\^`";
    unsigned char c = text[i];
    if (c <= ' ' || c == 0x7F || kAscii.find(static_cast<char>(c)) != std::string_view::npos) return true;
    std::string_view rest = text.substr(i);
    for (std::string_view mark : {"\u00A0", "\u00AB", "\u00BB", "\u201C", "\u201D", "\u2019"}) {
        if (rest.starts_with(mark)) return true;
    }
    return false;
}

/// Where the link from @p begin ends, its closing punctuation left to the
/// text ("see t.me/x." ends a sentence).
std::size_t link_end(std::string_view text, std::size_t begin) {
    std::size_t end = begin;
    while (end < text.size() && !ends_link(text, end)) ++end;
    while (end > begin && std::string_view(".,;:!?").find(text[end - 1]) != std::string_view::npos) --end;
    return end;
}

bool starts_with_www(std::string_view text) {
    return text.size() > 4 && (text[0] | 0x20) == 'w' && (text[1] | 0x20) == 'w' && (text[2] | 0x20) == 'w' &&
           text[3] == '.';
}

/// Whether the word that ends at byte @p end of @p text may begin a link:
/// it goes on with a dot, an at sign, an underscore, a colon or a slash
/// and more of an address ("t.me/x", "a@b.ru", "https://", "delhi_news").
/// Most words do not, and are not looked at again.
bool may_be_link(std::string_view text, std::size_t end) {
    if (end + 1 >= text.size() || std::string_view(".@_:/").find(text[end]) == std::string_view::npos) return false;
    return is_ascii_alnum(text[end + 1]) || text[end + 1] == '/';
}

/// The bytes of the link that starts at @p at in @p text (a word
/// character), 0 when the word there is prose.
std::size_t link_length(std::string_view text, std::size_t at) {
    std::string_view rest = text.substr(at);
    std::size_t run = 0;
    while (run < rest.size() && is_address_char(rest[run])) ++run;
    if (run + 3 <= rest.size() && rest[run] == ':' && rest[run + 1] == '/' && rest[run + 2] == '/') {
        return link_end(text, at) - at;
    }
    if (starts_with_www(rest)) return link_end(text, at) - at;
    std::string_view address = rest.substr(0, run);
    while (!address.empty() && (address.back() == '.' || address.back() == '-')) address.remove_suffix(1);
    if (auto sign = address.find('@'); sign != std::string_view::npos) {
        return sign > 0 && is_domain(address.substr(sign + 1)) ? address.size() : 0;
    }
    if (address.find('_') != std::string_view::npos) {
        // "delhi_news", "db_rows": an identifier, when it stands alone.
        bool joined = run < rest.size() && static_cast<unsigned char>(rest[run]) >= 0x80;
        return joined ? 0 : run;
    }
    if (!is_domain(address)) return 0;
    if (address.size() < rest.size() && rest[address.size()] == '/') return link_end(text, at) - at;
    return address.size();
}

/// The bytes of the @handle at @p at ('@'), 0 when there is none.
std::size_t handle_length(std::string_view text, std::size_t at) {
    std::size_t end = at + 1;
    while (end < text.size() && (is_ascii_alnum(text[end]) || text[end] == '_')) ++end;
    return end - at > 1 ? end - at : 0;
}

// Cyrillic words: stems.

/// Snowball's Russian stemmer, one a thread (libstemmer keeps state).
std::string russian_stem(const std::string& word) {
    thread_local LibstemmerStem stemmer("russian");
    return stemmer(word);
}

/// @p word with 'ё' written 'е', as Russian mostly writes it.
std::string without_yo(const std::string& word) {
    std::string out;
    for (Utf8Iterator it(word), end; it != end; ++it) {
        unsigned ch = *it;
        Xapian::Unicode::append_utf8(out, ch == 0x451 ? 0x435 : ch);
    }
    return out;
}

/// The stem of a Cyrillic word. Ukrainian letters are read as the Russian
/// ones Snowball knows, so that Ukrainian endings come off too: і as и
/// ("Україні", "України"), ї as й (the feminine "-ої" as "-ой":
/// "Київської"), є as е, ґ as г.
std::string cyrillic_stem(const std::string& word) {
    std::string russian;
    for (Utf8Iterator it(word), end; it != end; ++it) {
        unsigned ch = *it;
        switch (ch) {
            case 0x456: ch = 0x438; break;  // і -> и
            case 0x457: ch = 0x439; break;  // ї -> й
            case 0x454: ch = 0x435; break;  // є -> е
            case 0x491: ch = 0x433; break;  // ґ -> г
            default: break;
        }
        Xapian::Unicode::append_utf8(russian, ch);
    }
    return russian_stem(russian);
}

/// Reads one word starting at @p it (a word character); leaves @p it after it.
class WordReader {
  public:
    WordReader(Utf8Iterator& it, Utf8Iterator end) : it_(it), end_(end) {}

    Token read(std::size_t begin) {
        Token token;
        token.begin = begin;
        bool has_letter = false, has_lower = false, first = true, latin = false, cyrillic = false;
        while (it_ != end_) {
            unsigned ch = *it_;
            if (is_word(ch)) {
                auto cat = Xapian::Unicode::get_category(ch);
                bool upper = cat == Xapian::Unicode::UPPERCASE_LETTER || cat == Xapian::Unicode::TITLECASE_LETTER;
                bool lower = cat == Xapian::Unicode::LOWERCASE_LETTER;
                if (first) token.capitalised = upper;
                has_letter = has_letter || upper || lower;
                has_lower = has_lower || lower;
                if (upper || lower || cat == Xapian::Unicode::OTHER_LETTER) {
                    if (is_latin(ch)) latin = true;
                    else if (is_cyrillic(ch)) cyrillic = true;
                }
                first = false;
                Xapian::Unicode::append_utf8(token.norm, Xapian::Unicode::tolower(ch));
                ++it_;
            } else if (!join(ch, token.norm)) {
                break;
            }
        }
        token.all_upper = has_letter && !has_lower;
        if (latin != cyrillic) token.script = latin ? Script::kLatin : Script::kCyrillic;
        if (token.script == Script::kCyrillic) {
            token.word = without_yo(token.norm);
            token.norm = cyrillic_stem(token.word);
        }
        return token;
    }

  private:
    /// Consumes a connector inside a word (hyphen, apostrophe, abbreviation
    /// dot) when the word goes on after it; returns false at the word's end.
    bool join(unsigned ch, std::string& norm) {
        Utf8Iterator next = it_;
        ++next;
        unsigned after = next != end_ ? *next : 0;
        if (ch == '-' || ch == '&') {
            if (!is_word(after)) return false;
            norm += static_cast<char>(ch);
        } else if (is_apostrophe(ch)) {
            return possessive_or_inner(next, after, norm);
        } else if (ch == '.') {
            // "U.S." and "U.K.": a dot after a single letter belongs to the word.
            if (!single_letter_segment(norm)) return false;
            norm += '.';
        } else {
            return false;
        }
        it_ = next;
        return true;
    }

    bool possessive_or_inner(Utf8Iterator next, unsigned after, std::string& norm) {
        if (after == 's' || after == 'S') {
            Utf8Iterator past = next;
            ++past;
            if (past == end_ || !is_word(*past)) {  // possessive 's: drop it
                it_ = past;
                return false;
            }
        }
        if (!is_word(after)) {  // trailing apostrophe ("Russians'"): drop it
            it_ = next;
            return false;
        }
        norm += '\'';
        it_ = next;
        return true;
    }

    static bool single_letter_segment(const std::string& norm) {
        auto dot = norm.rfind('.');
        std::size_t start = dot == std::string::npos ? 0 : dot + 1;
        std::size_t len = norm.size() - start;
        return len == 1;
    }

    Utf8Iterator& it_;
    Utf8Iterator end_;
};

// Case forms of Russian and Ukrainian names, for name_keys().

std::u32string to_u32(const std::string& utf8) {
    std::u32string out;
    for (Utf8Iterator it(utf8), end; it != end; ++it) out += static_cast<char32_t>(*it);
    return out;
}

std::string to_utf8(const std::u32string& text) {
    std::string out;
    for (char32_t ch : text) Xapian::Unicode::append_utf8(out, ch);
    return out;
}

bool is_cyrillic_vowel(char32_t ch) {
    return std::u32string_view(U"аеиоуыэюяіїєё").find(ch) != std::u32string_view::npos;
}

/// Nominative endings and the endings of the other cases that replace them,
/// Russian and Ukrainian together (an ending one of them lacks makes a form
/// no text writes). Adjectives first ("Зеленский", "Зеленского"), then nouns
/// by their last letters; a noun ending in a consonant keeps it ("Путин",
/// "Путина"). Only the forms of one number: "Зеленская" is not Зеленский.
struct Declension {
    std::u32string_view nominative;
    std::initializer_list<std::u32string_view> others;
};
constexpr Declension kDeclensions[] = {
    {U"ий", {U"ого", U"его", U"ому", U"ему", U"им", U"ом", U"ем", U"ім", U"ия", U"ию", U"ии", U"ие", U"ием"}},
    {U"ый", {U"ого", U"ому", U"ым", U"ом"}},
    {U"ой", {U"ого", U"ому", U"ым", U"ом", U"оя", U"ою", U"ое", U"оем"}},
    {U"ій", {U"ього", U"ьому", U"ім"}},
    {U"ая", {U"ой", U"ую", U"ою"}},
    {U"яя", {U"ей", U"юю", U"ею"}},
    {U"ое", {U"ого", U"ому", U"ым", U"ом"}},
    {U"ее", {U"его", U"ему", U"им", U"ем"}},
    {U"ые", {U"ых", U"ым", U"ыми"}},
    {U"ие", {U"их", U"им", U"ими"}},
    {U"ье", {U"ья", U"ью", U"ьем"}},
    {U"а", {U"ы", U"и", U"е", U"у", U"ой", U"ою", U"і", U"ої", U"ій"}},
    {U"я", {U"и", U"е", U"ю", U"ей", U"ею", U"і", U"ї", U"єю"}},
    {U"ь", {U"я", U"ю", U"е", U"ем", U"и", U"ью", U"і"}},
    {U"й", {U"я", U"ю", U"е", U"ем", U"ї", U"єм"}},
    {U"ы", {U"", U"ов", U"ам", U"ами", U"ах"}},
    {U"и", {U"ів", U"ам", U"ами", U"ах"}},
};
constexpr std::initializer_list<std::u32string_view> kConsonantEndings = {
    U"а", U"у", U"е", U"ом", U"ем", U"ым", U"им", U"і", U"ові"};

/// The forms of the other cases of @p w, a word in the nominative. None for
/// one that does not decline ("Сочи", "Лукашенко", "Токио"; a vowel before
/// its last "а": "Самоа", whose "Самое" would be "the most").
std::vector<std::u32string> case_forms(const std::u32string& w) {
    std::vector<std::u32string> forms;
    if (w.size() < 3 || (w.back() == U'а' && is_cyrillic_vowel(w[w.size() - 2]))) return forms;
    if (!is_cyrillic_vowel(w.back()) && w.back() != U'ь' && w.back() != U'й') {
        for (auto ending : kConsonantEndings) forms.push_back(w + std::u32string(ending));
        return forms;
    }
    for (const Declension& d : kDeclensions) {
        if (w.size() <= d.nominative.size() + 1 || !w.ends_with(d.nominative)) continue;
        std::u32string base = w.substr(0, w.size() - d.nominative.size());
        for (auto ending : d.others) forms.push_back(base + std::u32string(ending));
        break;
    }
    return forms;
}

/// Ukrainian names alternate the vowel of their last syllable: і in the
/// nominative, о or е in the other cases ("Харків", "Харкова"; "Київ",
/// "Києва"; "Тернопіль", "Тернополя"). The other stems, when @p w has one.
std::vector<std::u32string> alternating_stems(const std::u32string& w) {
    std::size_t vowel = w.size();
    while (vowel > 0 && !is_cyrillic_vowel(w[vowel - 1])) --vowel;
    if (vowel == 0 || vowel == w.size() || vowel < 3) return {};
    char32_t v = w[vowel - 1];
    if (v != U'і' && v != U'ї') return {};
    std::vector<std::u32string> out;
    for (char32_t other : v == U'ї' ? std::u32string(U"є") : std::u32string(U"ое")) {
        std::u32string alt = w;
        alt[vowel - 1] = other;
        out.push_back(alt);
    }
    return out;
}

void add_unique(std::vector<std::string>& to, std::string key) {
    if (!key.empty() && std::find(to.begin(), to.end(), key) == to.end()) to.push_back(std::move(key));
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> tokens;
    tokens.reserve(text.size() / 6);  // words of news average five letters and a space
    Utf8Iterator it(text.data(), text.size()), end;
    bool sentence_start = true, comma = false;
    int newlines = 0;
    unsigned before = 0;  // the character before a word
    while (it != end) {
        unsigned ch = *it;
        std::size_t at = it.raw() - text.data();
        if (!is_word(ch)) {
            before = ch;
            std::size_t handle = ch == '@' && (at == 0 || !is_ascii_alnum(text[at - 1])) ? handle_length(text, at) : 0;
            if (handle > 0) {
                it.assign(text.data() + at + handle, text.size() - at - handle);
                continue;
            }
            if (is_sentence_end(ch)) sentence_start = true;
            if (ch == ',') comma = true;
            if (ch == '\n' && ++newlines >= 2) sentence_start = true;
            ++it;
            continue;
        }
        Token token = WordReader(it, end).read(at);
        if (std::size_t link = may_be_link(text, it.raw() - text.data()) ? link_length(text, at) : 0; link > 0) {
            it.assign(text.data() + at + link, text.size() - at - link);
            continue;
        }
        token.sentence_start = sentence_start;
        token.comma_before = comma;
        token.quoted = is_opening_quote(before) && it != end && is_closing_quote(*it);
        before = 0;
        // An abbreviation's dot ends no sentence: "the U.S. Treasury".
        sentence_start = false;
        comma = false;
        newlines = 0;
        tokens.push_back(std::move(token));
    }
    return tokens;
}

NameKeys name_keys(const Token& token, std::size_t words_in_name) {
    if (token.script != Script::kCyrillic) return {token.script, {token.norm}, {}};
    NameKeys keys{Script::kCyrillic, {}, {}};
    const std::u32string word = to_u32(token.word);
    std::vector<std::u32string> forms;
    if (!token.all_upper) {  // an abbreviation does not decline: "ФСБ", "НАТО"
        forms = case_forms(word);
        for (const auto& alt : alternating_stems(word)) {
            auto more = case_forms(alt);
            forms.insert(forms.end(), more.begin(), more.end());
        }
    }
    if (words_in_name == 1) {
        // Alone, a stem may be a common word's or a first name's too:
        // "Александр" stems as "Александрия" does, "мало" as "Мали".
        add_unique(keys.words, token.word);
        for (const auto& form : forms) add_unique(keys.words, to_utf8(form));
        return keys;
    }
    // Snowball cuts the forms of one noun unevenly ("Киев" -> "ки", "Киева"
    // -> "киев"): each form's stem leads on.
    add_unique(keys.norms, token.norm);
    for (const auto& form : forms) add_unique(keys.norms, cyrillic_stem(to_utf8(form)));
    return keys;
}

bool is_all_caps(std::string_view text) {
    bool has_letter = false;
    for (Utf8Iterator it(text.data(), text.size()), end; it != end; ++it) {
        auto cat = Xapian::Unicode::get_category(*it);
        if (cat == Xapian::Unicode::LOWERCASE_LETTER) return false;
        if (cat == Xapian::Unicode::UPPERCASE_LETTER) has_letter = true;
    }
    return has_letter;
}

}  // namespace newsdesk::entities
