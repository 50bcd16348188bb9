#include "sign/font_objects.hpp"

#include <vector>

#include "pdf/syntax.hpp"
#include "write/font_objects.hpp"

namespace yoshiki::sign {

read::ObjectRef add_font(IncrementalUpdate& update, const write::FontEmbedding& e) {
    const pdf::ObjectList objects = write::font_objects(e);
    std::vector<read::ObjectRef> refs;
    for (std::size_t i = 0; i < objects.size(); ++i) refs.push_back(update.add());
    const pdf::RefText ref = [&](std::size_t index) { return refs.at(index).text(); };
    for (std::size_t i = 0; i < objects.size(); ++i) update.put(refs[i], pdf::body(objects[i], ref));
    return refs.front();
}

}  // namespace yoshiki::sign
