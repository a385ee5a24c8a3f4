#include "libstemmer_stem.h"

#include <dlfcn.h>
#include <libstemmer.h>

#include <mutex>

#include "error.h"

// What libstemmer's language table points at for the algorithms this
// program does not link in (indexer/CMakeLists.txt points them here at link
// time): creating one fails, as for an unknown language, and
// LibstemmerStem turns to the shared library instead.
extern "C" {
struct SN_env;
struct SN_env* newsdesk_stemmer_not_linked_create() { return nullptr; }
void newsdesk_stemmer_not_linked_close(struct SN_env*) {}
int newsdesk_stemmer_not_linked_stem(struct SN_env*) { return 0; }
}

namespace newsdesk {

/// libstemmer's public C API, from one copy of the library.
struct LibstemmerStem::Api {
    decltype(&sb_stemmer_new) create;
    decltype(&sb_stemmer_delete) destroy;
    decltype(&sb_stemmer_stem) stem;
    decltype(&sb_stemmer_length) length;
};

namespace {

/// Debian's shared libstemmer (package libstemmer0d), for the algorithms not linked in.
constexpr const char* kSharedLibrary = "libstemmer.so.0d";

const LibstemmerStem::Api kLinked{&sb_stemmer_new, &sb_stemmer_delete, &sb_stemmer_stem, &sb_stemmer_length};

/// The shared library's API, loaded on first use; nullptr (and @p error set)
/// when it cannot be loaded.
const LibstemmerStem::Api* shared_api(std::string& error) {
    static std::once_flag once;
    static LibstemmerStem::Api api{};
    static std::string load_error;
    std::call_once(once, [] {
        // Never unloaded: stemmers made from it may live until the program ends.
        void* library = dlopen(kSharedLibrary, RTLD_NOW | RTLD_LOCAL);
        if (library == nullptr) {
            const char* why = dlerror();
            load_error = why ? why : "unknown error";
            return;
        }
        api.create = reinterpret_cast<decltype(api.create)>(dlsym(library, "sb_stemmer_new"));
        api.destroy = reinterpret_cast<decltype(api.destroy)>(dlsym(library, "sb_stemmer_delete"));
        api.stem = reinterpret_cast<decltype(api.stem)>(dlsym(library, "sb_stemmer_stem"));
        api.length = reinterpret_cast<decltype(api.length)>(dlsym(library, "sb_stemmer_length"));
        if (!api.create || !api.destroy || !api.stem || !api.length) {
            api = {};
            load_error = std::string(kSharedLibrary) + " lacks libstemmer's functions";
        }
    });
    error = load_error;
    return api.create ? &api : nullptr;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += ' ';
        out += item;
    }
    return out;
}

}  // namespace

LibstemmerStem::LibstemmerStem(const std::string& language) : api_(&kLinked), language_(language) {
    stemmer_ = api_->create(language.c_str(), "UTF_8");
    if (stemmer_ != nullptr) return;
    std::string load_error;
    if (const Api* shared = shared_api(load_error)) {
        api_ = shared;
        stemmer_ = api_->create(language.c_str(), "UTF_8");
    }
    if (stemmer_ != nullptr) return;
    std::string message = "unknown stemming language '" + language + "'; available languages are: " +
                          join(available_languages());
    if (!load_error.empty())
        message += " (those not linked into this program are loaded from " + std::string(kSharedLibrary) +
                   ", which could not be: " + load_error + "; install the package libstemmer0d)";
    throw UsageError(message);
}

LibstemmerStem::~LibstemmerStem() { api_->destroy(stemmer_); }

std::string LibstemmerStem::operator()(const std::string& word) {
    const auto* in = reinterpret_cast<const sb_symbol*>(word.data());
    const sb_symbol* out = api_->stem(stemmer_, in, static_cast<int>(word.size()));
    // libstemmer returns NULL only when it runs out of memory; leave the word as it is.
    if (out == nullptr) return word;
    return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(api_->length(stemmer_)));
}

std::string LibstemmerStem::get_description() const { return "libstemmer(" + language_ + ")"; }

std::vector<std::string> LibstemmerStem::available_languages() {
    // The linked copy's list names every algorithm, linked in or not.
    std::vector<std::string> names;
    for (const char** name = sb_stemmer_list(); *name != nullptr; ++name) names.emplace_back(*name);
    return names;
}

}  // namespace newsdesk
