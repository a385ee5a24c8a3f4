// PLACEHOLDER: being written (issue 2). Rejects every file until then.
#include "reader.h"

namespace newsdesk::readers {

ReadResult read_reuters(std::string_view, const std::filesystem::path&) {
    return {{}, {{0, "the reuters reader is not written yet"}}};
}

}  // namespace newsdesk::readers
