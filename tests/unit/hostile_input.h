/** @file
 *  @brief Text that breaks out of HTML if a page echoes it unescaped: the
 *  page's tests feed it to every parameter and field.
 */
#pragma once

#include <string>

namespace newsdesk::cgi {

inline const std::string kScript = "<script>alert(1)</script>";
inline const std::string kBreakout = "\"><img src=x onerror=alert(1)>\' onmouseover=\"alert(2)";

}  // namespace newsdesk::cgi
