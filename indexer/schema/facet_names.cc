#include "facet_names.h"

namespace newsdesk::schema {
namespace {

/// The unaccented lower-case letters of U+00C0..U+017F, one per code point;
/// '*' where a letter needs two (handled in fold_letter) or the code point is
/// no letter. Both sides of a comparison are folded alike, so a plain
/// rendering is enough: "Curacao" finds "Curaçao".
constexpr std::string_view kLatin1 =
    "aaaaaa*ceeeeiiii"   // C0-CF: Æ (*)
    "dnooooo*ouuuuy**"   // D0-DF: ×, Þ, ß (*)
    "aaaaaa*ceeeeiiii"   // E0-EF: æ (*)
    "dnooooo*ouuuuy*y";  // F0-FF: ÷, þ (*)
constexpr std::string_view kLatinExtendedA =
    "aaaaaaccccccccdd"   // 100-10F
    "ddeeeeeeeeeegggg"   // 110-11F
    "gggghhhhiiiiiiii"   // 120-12F
    "ii**jjkkklllllll"   // 130-13F: Ĳ ĳ (*)
    "lllnnnnnnnnnoooo"   // 140-14F
    "oo**rrrrrrssssss"   // 150-15F: Œ œ (*)
    "sstttttt"
    "uuuuuuuu"           // 160-16F
    "uuuuwwyyyzzzzzzs";  // 170-17F

/// Appends @p ch, lower-cased and without its accent, to @p out.
void fold_letter(unsigned ch, std::string& out) {
    switch (ch) {
        case 0xC6: case 0xE6: out += "ae"; return;
        case 0xDE: case 0xFE: out += "th"; return;
        case 0xDF: out += "ss"; return;
        case 0x132: case 0x133: out += "ij"; return;
        case 0x152: case 0x153: out += "oe"; return;
        case 0x401: case 0x451: ch = 0x435; break;  // Ё, ё: written as е as often as not
        default: break;
    }
    char plain = '*';
    if (ch >= 0xC0 && ch < 0x100) plain = kLatin1[ch - 0xC0];
    else if (ch >= 0x100 && ch < 0x180) plain = kLatinExtendedA[ch - 0x100];
    if (plain != '*') out += plain;
    else Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(ch));
}

}  // namespace

std::string name_key(std::string_view text) {
    std::string out;
    bool pending_space = false;
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        const unsigned ch = *it;
        if (!Xapian::Unicode::is_wordchar(ch) || ch == '_') {
            pending_space = true;
            continue;
        }
        if (pending_space && !out.empty()) out += ' ';
        pending_space = false;
        fold_letter(ch, out);
    }
    return out;
}

std::string facet_name_key(std::string_view facet, std::string_view key) {
    std::string out = "newsdesk:name:";
    out += facet;
    out += ':';
    out += key;
    return out;
}

std::string resolve_facet_value(const Xapian::Database& db, const Field& field, std::string_view text) {
    std::string slug = slugify(text);
    if (slug.empty() || db.term_exists(boolean_term(field.prefix, slug))) return slug;
    std::string key = name_key(text);
    if (key.empty()) return slug;
    std::string value = db.get_metadata(facet_name_key(field.name, key));
    return value.empty() ? slug : value;
}

}  // namespace newsdesk::schema
