#include "query_check.h"

#include <string>
#include <vector>

#include "error.h"
#include "schema.h"

namespace newsdesk::search {

namespace {

struct Token {
    enum Kind { kOpen, kClose, kBinary, kNot, kTerm, kEmptyField } kind;
    std::string text;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/// NEAR and ADJ take an optional window: NEAR/3.
bool is_window_operator(const std::string& word) {
    for (std::string_view op : {"NEAR", "ADJ"}) {
        if (word == op) return true;
        if (word.starts_with(std::string(op) + "/") && word.size() > op.size() + 1 &&
            word.find_first_not_of("0123456789", op.size() + 1) == std::string::npos)
            return true;
    }
    return false;
}

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
            std::string word;
            while (i < query.size() && !is_space(query[i]) && query[i] != '(' && query[i] != ')') {
                if (query[i] == '"') {
                    auto end = query.find('"', i + 1);
                    end = end == std::string_view::npos ? query.size() : end + 1;
                    word += query.substr(i, end - i);
                    i = end;
                } else {
                    word += query[i++];
                }
            }
            tokens.push_back(classify(word));
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
}

}  // namespace newsdesk::search
