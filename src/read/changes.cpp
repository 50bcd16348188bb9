// What the document shows that differs from an earlier revision of it (PdfFile::changes_from):
// the two revisions compared by value from the trailer down, whatever object numbers they use.
#include <qpdf/Buffer.hh>

#include <algorithm>
#include <cstring>
#include <deque>
#include <set>

#include "base/limits.hpp"
#include "base/utf8.hpp"
#include "read/handles.hpp"
#include "read/pdf_file.hpp"

namespace yoshiki::read {

namespace {

// The side-by-side walk of changes_from: two revisions' values compared from the root down, an
// indirect object of the newer one compared once with each object it stands against, so that the
// walk is linear in what the document holds and a cycle (/Parent) ends it. Indirect objects wait
// in a queue rather than on the stack: a chain of a hundred thousand references is walked as
// easily as a flat page tree.
class ShownComparison {
public:
    ShownComparison(const std::vector<ChangeAllowance>& skip) : skip_(skip) {}

    std::vector<ShownChange> run(QPDFObjectHandle newer_trailer, QPDFObjectHandle older_trailer) {
        for (const char* key : {"/Root", "/Info"}) {
            compare(newer_trailer.getKey(key), older_trailer.getKey(key), ObjectRef{}, "", key);
        }
        while (!pending_.empty() && changes_.size() < max_changes) {
            Pending p = std::move(pending_.front());
            pending_.pop_front();
            compare_value(p.newer, p.older, ref_of(p.newer), p.reached_as, "");
        }
        return std::move(changes_);
    }

private:
    // Enough to say what changed; a file rewritten throughout needs no more.
    static constexpr std::size_t max_changes = 20;

    struct Pending {
        QPDFObjectHandle newer, older;
        std::string reached_as;
    };

    void change(const ObjectRef& holder, const std::string& reached_as, const std::string& path) {
        if (changes_.size() < max_changes) changes_.push_back(ShownChange{holder, path.empty() ? "(its value)" : path, reached_as});
    }

    bool skipped(const ObjectRef& holder, const std::string& path) const {
        for (const ChangeAllowance& a : skip_) {
            if (a.holder == holder && a.path == path) return true;
        }
        return false;
    }

    // A value at `path` inside `holder` (an indirect object reached from the root as
    // `reached_as`): an indirect one waits its turn, a direct one is compared now.
    void compare(QPDFObjectHandle newer, QPDFObjectHandle older, const ObjectRef& holder, const std::string& reached_as,
                 const std::string& path) {
        // A value of another kind (a key added or taken away) is a change of its holder.
        if (newer.getTypeCode() != older.getTypeCode()) return change(holder, reached_as, path);
        if (newer.isIndirect()) {
            auto pair = std::make_pair(newer.getObjGen(), older.isIndirect() ? older.getObjGen() : QPDFObjGen());
            if (seen_.insert(pair).second) pending_.push_back(Pending{newer, older, shortened(reached_as + path)});
            return;
        }
        // QPDF's parser bounds nesting too; this keeps the walk's own stack small whatever it allows.
        if (depth_ >= base::limits::max_pdf_nesting) return change(holder, reached_as, path + " (nested too deeply to compare)");
        ++depth_;
        compare_value(newer, older, holder, reached_as, path);
        --depth_;
    }

    // An empty Buffer has no bytes at all (a null pointer), which memcmp may not be given.
    static bool same_bytes(const Buffer& x, const Buffer& y) {
        return x.getSize() == y.getSize() && (x.getSize() == 0 || std::memcmp(x.getBuffer(), y.getBuffer(), x.getSize()) == 0);
    }

    // The way to an object, for a message: a chain of a hundred thousand references must not make
    // a path of a hundred thousand steps for each object on it.
    static std::string shortened(const std::string& path) { return base::utf8::clip(path); }

    void compare_value(QPDFObjectHandle newer, QPDFObjectHandle older, const ObjectRef& holder, const std::string& reached_as,
                       const std::string& path) {
        if (newer.getTypeCode() != older.getTypeCode()) return change(holder, reached_as, path);
        if (newer.isStream()) {
            compare_dictionaries(newer.getDict(), older.getDict(), holder, reached_as, path, "/Length");
            if (!same_bytes(*newer.getRawStreamData(), *older.getRawStreamData())) {
                change(holder, reached_as, path + (path.empty() ? "" : " ") + "its stream data");
            }
        } else if (newer.isDictionary()) {
            compare_dictionaries(newer, older, holder, reached_as, path, nullptr);
        } else if (newer.isArray()) {
            int n = newer.getArrayNItems(), m = older.getArrayNItems();
            if (n != m) change(holder, reached_as, path + " (its length)");
            for (int i = 0; i < std::min(n, m); ++i) {
                compare(newer.getArrayItem(i), older.getArrayItem(i), holder, reached_as, path + "[" + std::to_string(i) + "]");
            }
        } else if (newer.isNumber()) {
            if (newer.getNumericValue() != older.getNumericValue()) change(holder, reached_as, path);
        } else if (newer.isString()) {
            if (newer.getStringValue() != older.getStringValue()) change(holder, reached_as, path);
        } else if (newer.unparse() != older.unparse()) {
            change(holder, reached_as, path);
        }
    }

    void compare_dictionaries(QPDFObjectHandle newer, QPDFObjectHandle older, const ObjectRef& holder,
                              const std::string& reached_as, const std::string& path, const char* except) {
        std::set<std::string> keys = newer.getKeys();
        for (const std::string& k : older.getKeys()) keys.insert(k);
        for (const std::string& k : keys) {
            if ((except && k == except) || skipped(holder, path + k)) continue;
            compare(newer.getKey(k), older.getKey(k), holder, reached_as, path + k);
        }
    }

    const std::vector<ChangeAllowance>& skip_;
    std::deque<Pending> pending_;
    std::set<std::pair<QPDFObjGen, QPDFObjGen>> seen_;
    std::vector<ShownChange> changes_;
    std::size_t depth_ = 0;
};

}  // namespace

std::vector<ShownChange> PdfFile::changes_from(const PdfFile& older, const std::vector<ChangeAllowance>& skip) const {
    return ShownComparison(skip).run(impl_->qpdf.getTrailer(), older.impl_->qpdf.getTrailer());
}

}  // namespace yoshiki::read
