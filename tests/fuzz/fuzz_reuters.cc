// Fuzz target: Reuters-21578 SGML (readers::read_reuters) on arbitrary bytes.
// Readers never throw for bad input (reader.h), so an exception is a finding too.
#include <cstddef>
#include <cstdint>

#include "fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view content(reinterpret_cast<const char*>(data), size);
    newsdesk::fuzz::check_and_build(newsdesk::readers::read_reuters(content, "fuzz/input"));
    return 0;
}
