/** @file
 *  @brief Readable text from the HTML that feeds put in descriptions.
 */
#pragma once

#include <string>
#include <string_view>

namespace newsdesk::text {

/// Plain text from an HTML fragment: tags removed (block elements such as
/// <p>, <br>, <li> become line breaks; <script> and <style> are dropped with
/// their content), character references and the common named HTML entities
/// (&nbsp; &mdash; &rsquo; ...) decoded, control characters removed, runs of
/// spaces collapsed and at most one blank line kept between paragraphs.
/// Text without markup comes back with only its whitespace tidied.
std::string html_to_text(std::string_view html);

}  // namespace newsdesk::text
