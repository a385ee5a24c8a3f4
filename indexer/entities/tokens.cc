#include "tokens.h"

#include <xapian.h>

namespace newsdesk::entities {
namespace {

using Xapian::Utf8Iterator;

bool is_apostrophe(unsigned ch) { return ch == '\'' || ch == 0x2019 || ch == 0x02BC; }
bool is_word(unsigned ch) { return Xapian::Unicode::is_wordchar(ch) && ch != '_'; }
bool is_sentence_end(unsigned ch) { return ch == '.' || ch == '!' || ch == '?' || ch == ':'; }

/// Reads one word starting at @p it (a word character); leaves @p it after it.
class WordReader {
  public:
    WordReader(Utf8Iterator& it, Utf8Iterator end) : it_(it), end_(end) {}

    Token read(std::size_t begin) {
        Token token;
        token.begin = begin;
        bool has_letter = false, has_lower = false, first = true;
        while (it_ != end_) {
            unsigned ch = *it_;
            if (is_word(ch)) {
                auto cat = Xapian::Unicode::get_category(ch);
                bool upper = cat == Xapian::Unicode::UPPERCASE_LETTER || cat == Xapian::Unicode::TITLECASE_LETTER;
                bool lower = cat == Xapian::Unicode::LOWERCASE_LETTER;
                if (first) token.capitalised = upper;
                has_letter = has_letter || upper || lower;
                has_lower = has_lower || lower;
                first = false;
                Xapian::Unicode::append_utf8(token.norm, Xapian::Unicode::tolower(ch));
                ++it_;
            } else if (!join(ch, token.norm)) {
                break;
            }
        }
        token.all_upper = has_letter && !has_lower;
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

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> tokens;
    Utf8Iterator it(text.data(), text.size()), end;
    bool sentence_start = true, comma = false;
    int newlines = 0;
    while (it != end) {
        unsigned ch = *it;
        if (!is_word(ch)) {
            if (is_sentence_end(ch)) sentence_start = true;
            if (ch == ',') comma = true;
            if (ch == '\n' && ++newlines >= 2) sentence_start = true;
            ++it;
            continue;
        }
        std::size_t begin = it.raw() - text.data();
        Token token = WordReader(it, end).read(begin);
        token.sentence_start = sentence_start;
        token.comma_before = comma;
        // An abbreviation's dot ends no sentence: "the U.S. Treasury".
        sentence_start = false;
        comma = false;
        newlines = 0;
        tokens.push_back(std::move(token));
    }
    return tokens;
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
