#include "typeset/jlreq.hpp"

namespace yoshiki::typeset::jlreq {

Punct punct_class(char32_t cp) {
    switch (cp) {
        case U'（': case U'「': case U'『': case U'【': case U'〔': case U'［': case U'｛': case U'〈':
        case U'《': case U'〘': case U'〖': case U'〝': case U'｟':
            return Punct::opening;
        case U'）': case U'」': case U'』': case U'】': case U'〕': case U'］': case U'｝': case U'〉':
        case U'》': case U'〙': case U'〗': case U'〟': case U'｠': case U'、': case U'，':
            return Punct::closing;
        case U'。': case U'．':
            return Punct::full_stop;
        case U'・': case U'：': case U'；':
            return Punct::middle_dot;
        default:
            return Punct::none;
    }
}

bool is_wide(char32_t cp) {
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF01 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

bool is_word_char(char32_t cp) {
    return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
           (cp >= 0xC0 && cp <= 0x24F) || cp == '.' || cp == ',' || cp == '%' ||
           cp == '-' || cp == '\'' || cp == '/' || cp == ':' || cp == '_' || cp == '@';
}

}  // namespace yoshiki::typeset::jlreq
