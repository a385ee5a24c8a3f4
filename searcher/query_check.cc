#include "query_check.h"

#include <algorithm>
#include <string>
#include <vector>

#include <xapian.h>

#include "error.h"
#include "schema.h"

namespace newsdesk::search {

namespace {

struct Token {
    enum Kind { kOpen, kClose, kBinary, kNot, kTerm, kEmptyField } kind;
    std::string text;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/// NEAR and ADJ take an optional window: NEAR/3 (Xapian reads NEAR/0 as words).
bool is_window_operator(const std::string& word) {
    for (std::string_view op : {"NEAR", "ADJ"}) {
        if (word == op) return true;
        if (word.starts_with(std::string(op) + "/") && word.size() > op.size() + 1 &&
            word.find_first_not_of("0123456789", op.size() + 1) == std::string::npos &&
            word.find_first_not_of('0', op.size() + 1) != std::string::npos)
            return true;
    }
    return false;
}

/// "NEAR" or "ADJ", without the window.
std::string_view window_family(const std::string& op) { return op.starts_with("NEAR") ? "NEAR" : "ADJ"; }

/// "title:" (a known field name, optionally with +/-, and nothing after the colon).
bool is_empty_field(const std::string& word) {
    std::string_view w = word;
    if (!w.empty() && (w.front() == '+' || w.front() == '-')) w.remove_prefix(1);
    if (w.size() < 2 || w.back() != ':') return false;
    return schema::find_field(w.substr(0, w.size() - 1)) != nullptr;
}

Token classify(const std::string& word) {
    if (word == "AND" || word == "OR" || word == "XOR" || is_window_operator(word)) return {Token::kBinary, word};
    if (word == "NOT") return {Token::kNot, word};
    if (is_empty_field(word)) return {Token::kEmptyField, word};
    return {Token::kTerm, word};
}

/// Xapian's lexer ends a word at any character that is not a word character,
/// so it reads `NOT,NEAR/4` as two operators even though no space separates
/// them. This splits an unspaced chunk the same way: runs of word characters
/// (NEAR/ADJ keep their "/N"), each quoted phrase whole.
std::vector<std::string> lexer_words(std::string_view chunk) {
    std::vector<std::string> words;
    std::string current;
    auto finish = [&] {
        if (!current.empty()) words.push_back(std::move(current));
        current.clear();
    };
    std::size_t i = 0;
    while (i < chunk.size()) {
        if (chunk[i] == '"') {
            finish();
            auto end = chunk.find('"', i + 1);
            end = end == std::string_view::npos ? chunk.size() : end + 1;
            words.emplace_back(chunk.substr(i, end - i));
            i = end;
            continue;
        }
        Xapian::Utf8Iterator it(chunk.data() + i, chunk.size() - i);
        const unsigned ch = *it;
        auto next = it;
        ++next;
        const std::size_t len = std::max<std::size_t>(1, it.left() - next.left());
        const bool window = (current == "NEAR" || current == "ADJ") && ch == '/';
        const bool window_digit = current.find('/') != std::string::npos && ch >= '0' && ch <= '9';
        if (Xapian::Unicode::is_wordchar(ch) || window || window_digit) {
            current.append(chunk.substr(i, len));
        } else {
            finish();
        }
        i += len;
    }
    finish();
    return words;
}

/// One unspaced chunk as tokens: a single term, unless the lexer would find
/// an operator glued inside it, in which case its words are tokens of their
/// own. Punctuation alone is no token: the lexer skips it.
void push_chunk(std::vector<Token>& tokens, const std::string& chunk) {
    auto words = lexer_words(chunk);
    if (words.empty()) return;
    bool glued_operator = false;
    for (const auto& w : words)
        if (auto kind = classify(w).kind; kind == Token::kBinary || kind == Token::kNot) glued_operator = true;
    if (!glued_operator) {
        tokens.push_back(classify(chunk));
        return;
    }
    for (const auto& w : words) tokens.push_back(classify(w));
}

/// Splits @p query into parentheses, operators and terms; a quoted phrase
/// (also one glued to a field name, title:"...") is one term.
std::vector<Token> tokenize(std::string_view query) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < query.size()) {
        char c = query[i];
        if (is_space(c)) {
            ++i;
        } else if (c == '(' || c == ')') {
            tokens.push_back({c == '(' ? Token::kOpen : Token::kClose, std::string(1, c)});
            ++i;
        } else {
            std::string chunk;
            while (i < query.size() && !is_space(query[i]) && query[i] != '(' && query[i] != ')') {
                if (query[i] == '"') {
                    auto end = query.find('"', i + 1);
                    end = end == std::string_view::npos ? query.size() : end + 1;
                    chunk += query.substr(i, end - i);
                    i = end;
                } else {
                    chunk += query[i++];
                }
            }
            push_chunk(tokens, chunk);
        }
    }
    return tokens;
}

bool is_operand_end(const Token* t) { return t && (t->kind == Token::kTerm || t->kind == Token::kClose); }

bool is_operand_start(const Token* t) {
    return t && (t->kind == Token::kTerm || t->kind == Token::kOpen || t->kind == Token::kNot);
}

[[noreturn]] void reject(const std::string& why) { throw UsageError("malformed query: " + why); }

void check_parentheses(const std::vector<Token>& tokens) {
    int depth = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].kind == Token::kOpen) {
            ++depth;
            if (i + 1 < tokens.size() && tokens[i + 1].kind == Token::kClose) reject("empty parentheses '()'");
        } else if (tokens[i].kind == Token::kClose && --depth < 0) {
            reject("')' without a matching '('");
        }
    }
    if (depth > 0)
        reject(std::to_string(depth) + " '(' without a matching ')'");
}

/// Xapian's grammar builds NEAR and ADJ from single words only: a phrase,
/// a wildcard, a +/- word, a bracket, a filter field or a word joined to
/// another by punctuation (e-mail) makes its grammar fail. It then parses the
/// text again as plain words, so the user gets another search than the one
/// asked for (and Xapian 1.4.22 leaks memory on some of these failures).
bool is_single_word(std::string_view word) {
    if (auto colon = word.find(':'); colon != std::string_view::npos) {
        const auto* field = schema::find_field(word.substr(0, colon));
        if (!field || field->kind != schema::FieldKind::kFreeText) return false;
        word.remove_prefix(colon + 1);
    }
    if (word.empty() || word.front() == '+' || word.front() == '-' || word.back() == '*') return false;
    if (word.find_first_of("\"-/\\@:") != std::string_view::npos) return false;
    if (word.find('.') != std::string_view::npos) {
        // Only an acronym (U.S.) keeps its dots inside one word.
        for (std::size_t i = 0; i < word.size(); ++i)
            if ((i % 2 == 1) != (word[i] == '.')) return false;
        return true;
    }
    std::string without_joiners;  // AT&T and don't are single words
    for (char c : word) without_joiners += c == '&' || c == '\'' ? 'x' : c;
    return lexer_words(without_joiners).size() == 1;
}

bool is_window(const Token* t) { return t && t->kind == Token::kBinary && is_window_operator(t->text); }

/// A NEAR/ADJ chain (a NEAR b NEAR c) must be one kind of operator over single
/// words, and stand alone or beside AND, OR, XOR, NOT or a bracket.
void check_window_chains(const std::vector<Token>& tokens) {
    for (std::size_t op = 0; op < tokens.size(); ++op) {
        if (!is_window(&tokens[op]) || (op >= 2 && is_window(&tokens[op - 2]))) continue;
        const std::string& name = tokens[op].text;
        std::size_t last = op + 1;  // the chain's last word
        while (last + 2 < tokens.size() && is_window(&tokens[last + 1])) {
            if (window_family(tokens[last + 1].text) != window_family(name))
                reject("'" + name + "' and '" + tokens[last + 1].text +
                       "' cannot be chained; join them with AND: (a NEAR b) AND (b ADJ c)");
            last += 2;
        }
        for (std::size_t w = op - 1; w <= last; w += 2)
            if (!is_single_word(tokens[w].text))
                reject("'" + name + "' joins single words (oil " + name + " gas), not '" + tokens[w].text + "'");
        const Token* before = op >= 2 ? &tokens[op - 2] : nullptr;
        const Token* after = last + 1 < tokens.size() ? &tokens[last + 1] : nullptr;
        auto joins = [](const Token* t, Token::Kind bracket) {
            return !t || t->kind == bracket || t->kind == Token::kNot || t->kind == Token::kBinary;
        };
        if (!joins(before, Token::kOpen) || !joins(after, Token::kClose))
            reject("'" + tokens[op - 1].text + " " + name + " " + tokens[op + 1].text +
                   "' needs brackets to go with other words: (" + tokens[op - 1].text + " " + name + " " +
                   tokens[op + 1].text + ") ...");
    }
}

}  // namespace

void check_query_syntax(std::string_view query) {
    auto tokens = tokenize(query);
    check_parentheses(tokens);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        const Token* before = i > 0 ? &tokens[i - 1] : nullptr;
        const Token* after = i + 1 < tokens.size() ? &tokens[i + 1] : nullptr;
        switch (t.kind) {
            case Token::kEmptyField:
                reject("'" + t.text + "' needs a value right after the colon (e.g. " + t.text + "value)");
            case Token::kBinary:
                if (!is_operand_end(before) || !is_operand_start(after))
                    reject("'" + t.text + "' needs a word or a bracketed query on each side");
                break;
            case Token::kNot:
                if (!is_operand_start(after) || (after && after->kind == Token::kNot))
                    reject("'NOT' needs a word or a bracketed query after it");
                break;
            default:
                break;
        }
    }
    check_window_chains(tokens);
}

}  // namespace newsdesk::search
