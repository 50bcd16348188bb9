#include "cli/command_line.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

namespace yoshiki::cli {

namespace {

const char* usage_text =
    "usage: yoshiki render INPUT.xml -o OUT.pdf|- [--layout LAYOUT] [--footer] [--no-tags] [--diagnostics=json]\n"
    "       yoshiki check INPUT.xml [--fit-report] [--layout LAYOUT] [--diagnostics=json]\n"
    "       yoshiki batch DIR -o OUTDIR [--jobs N] [--duplex] [--no-footer] [--print QUEUE [--copies N]] [--diagnostics=json]\n"
    "       yoshiki archive DIR -o ARCHIVE [--jobs N] [--trust CA.pem] [--diagnostics=json]\n"
    "       yoshiki extract FILE.pdf -o DIR [--diagnostics=json]\n"
    "       yoshiki import FILE.txt -o DIR [--layout LAYOUT] [--diagnostics=json]\n"
    "       yoshiki next-year DIR -o DIR2 [--diagnostics=json]\n"
    "       yoshiki sign FILE.pdf -o OUT.pdf --as TITLE --key KEY [--password-file F] [--tsa URL [--tsa-timeout S]] [--layout FILE] [--diagnostics=json]\n"
    "       yoshiki verify FILE.pdf [--trust CA.pem] [--diagnostics=json]\n"
    "       yoshiki verify ARCHIVE [--rerender] [--diagnostics=json]\n"
    "       yoshiki serve DIR [--listen HOST:PORT] [--layouts DIR]... [--fonts DIR]...\n"
    "       yoshiki --help | --version\n";

const char* help_text =
    "yoshiki renders official Japanese forms (様式) from XML sheet definitions to PDF.\n"
    "\n"
    "commands:\n"
    "  render INPUT.xml -o OUT.pdf   render one department's sheets to one PDF\n"
    "  check INPUT.xml               validate the input, its layout and fonts; write nothing\n"
    "  batch DIR -o OUTDIR           render every input under DIR to OUTDIR (same folders),\n"
    "                                plus OUTDIR/all.pdf, one print document of them all\n"
    "  archive DIR -o ARCHIVE        a fiscal year's archive: every input under DIR as PDF/A-3\n"
    "                                with its sources inside, all.pdf, manifest.json and\n"
    "                                SHA256SUMS, in a new folder made read-only; all or nothing;\n"
    "                                a signed PDF under DIR is checked and kept as it is\n"
    "  extract FILE.pdf -o DIR       write the input and layout embedded in a PDF into DIR\n"
    "  import FILE.txt -o DIR        read the text a town publishes of its sheets (its website's)\n"
    "                                into inputs, one per department, read against the layout\n"
    "                                that printed them (--layout, default goal-sheet); all or nothing\n"
    "  next-year DIR -o DIR2         next fiscal year's drafts of the finals in DIR, as their layout\n"
    "                                says: years moved on, what the clerk must write marked to do\n"
    "                                (check lists it), the rest kept for editing; all or nothing\n"
    "  sign FILE.pdf -o OUT.pdf      sign the next approval box (決裁欄) of a final PDF: a PAdES\n"
    "                                signature drawn as a 日付印, in an incremental update\n"
    "  verify FILE.pdf               check every signature of a PDF; exit 0 when all are intact\n"
    "  verify ARCHIVE                check every file of an archive against its manifest:\n"
    "                                ok, changed, missing or unexpected\n"
    "  serve DIR                     an editor in the browser for the inputs under DIR: the form\n"
    "                                of each input's layout, checked and previewed as one types\n"
    "\n"
    "options:\n"
    "  -o, --output PATH   the PDF (render, - for standard output; sign) or the output folder\n"
    "                      (batch, archive, extract, import, next-year)\n"
    "  --layout LAYOUT     use this layout instead of the one the input names: a file, or the\n"
    "                      name of one, found as the input's is (see layouts); sign: the layout\n"
    "                      file that draws the stamp, instead of the one the PDF carries\n"
    "  --footer            render: add the print document's footer (department, page numbers)\n"
    "  --no-tags           render: an untagged PDF (no structure tree), to measure what tags cost\n"
    "  --fit-report        check: for every fixed box, what was done to fit its text (squeezed,\n"
    "                      condensed, made smaller) and how full it is, one line each on\n"
    "                      standard output (a JSON object a line with --diagnostics=json)\n"
    "  -j, --jobs N        batch, archive: departments rendered at once (default: all cores)\n"
    "  --rerender          verify: render every embedded source again and compare the bytes,\n"
    "                      telling a changed font or yoshiki from a changed document\n"
    "  --duplex            batch: each department starts on a right-hand page of all.pdf\n"
    "  --no-footer         batch: no department and page footer in all.pdf\n"
    "  --print QUEUE       batch: send all.pdf to this CUPS printer queue\n"
    "  --copies N          batch: copies to print (default 1)\n"
    "  --listen HOST:PORT  serve: where to listen (default 127.0.0.1:8080; beyond loopback a\n"
    "                      token is required, and printed with the address)\n"
    "  --layouts DIR       serve: a folder an input's layout may be in (default: layouts/ beside\n"
    "                      DIR, and the installed layouts); repeatable\n"
    "  --fonts DIR         serve: a folder a layout's fonts may be in (default: /usr/share/fonts);\n"
    "                      repeatable\n"
    "  --as TITLE          sign: the box to sign, by its title (課長); boxes are signed in order\n"
    "  --key KEY           sign: a PKCS#12 file (.p12), or a token's PKCS#11 URI\n"
    "                      ('pkcs11:token=…;object=…', optionally ?module-path=/usr/lib/…so)\n"
    "  --password-file F   sign: the key's password or the token's PIN, on the first line of F;\n"
    "                      else the environment variable YOSHIKI_KEY_PASSWORD (never an argument)\n"
    "  --tsa URL           sign: add an RFC 3161 timestamp from this authority (PAdES B-T)\n"
    "  --tsa-timeout S     sign: seconds to wait for the authority to connect and to answer (20)\n"
    "  --trust CA.pem      verify, archive: check each signer's chain against these certificates\n"
    "  --diagnostics=json  findings as one JSON object a line on standard error (file, line,\n"
    "                      column, offset, severity, code, message, hint), and nothing else\n"
    "\n"
    "Every department PDF is PDF/A-3 (3a tagged, 3b with --no-tags) with its input and layout\n"
    "embedded; all.pdf is PDF/A-3b.\n"
    "\n"
    "layouts: an input names its layout by name, layout=\"goal-sheet\" (no slash, no .xml), or by\n"
    "a path relative to itself. A name is looked for as NAME.xml in the input's folder, then in\n"
    "each folder of YOSHIKI_LAYOUT_PATH, then in the layouts installed with yoshiki\n"
    "(share/yoshiki/layouts beside its bin/); a layout found nowhere is an error that lists every\n"
    "folder looked in. An input can so be moved anywhere.\n"
    "\n"
    "environment:\n"
    "  YOSHIKI_LAYOUT_PATH   folders (colon-separated) where a layout named by name is looked\n"
    "                        for, after the input's folder and before the installed layouts\n"
    "  SOURCE_DATE_EPOCH     the creation date (seconds since 1970) of a PDF whose input has no\n"
    "                        date attribute\n"
    "\n"
    "The creation date of a PDF is the input's date attribute, else SOURCE_DATE_EPOCH, else the\n"
    "first day of the fiscal year: the same input always gives the same file.\n"
    "\n"
    "Only regular files are read: a FIFO, a device or a folder named as an input, a layout or a\n"
    "font is refused at once. A PDF replaces only a regular file that is none of the files it is\n"
    "made from (never the input, its layout or a font; never a folder, a device or a FIFO); a\n"
    "symbolic link is written through to its target. Every finding has a stable code, listed in\n"
    "yoshiki's docs/diagnostics.md.\n"
    "\n"
    "exit status: 0 done, 1 an input, layout or font was invalid (sign: a key, certificate, timestamp\n"
    "authority or PDF would not do; verify: a signature is not intact or the PDF changed after it),\n"
    "2 wrong usage.\n";

// --diagnostics=FORMAT or --diagnostics FORMAT: human (the default) or json.
bool parse_format(const std::string& s, DiagnosticFormat& out) {
    if (s == "human") out = DiagnosticFormat::human;
    else if (s == "json") out = DiagnosticFormat::json;
    else return false;
    return true;
}

bool parse_int(const std::string& s, int lo, int hi, int& out) {
    char* end = nullptr;
    long v = std::strtol(s.c_str(), &end, 10);
    if (s.empty() || *end != '\0' || v < lo || v > hi) return false;
    out = static_cast<int>(v);
    return true;
}

}  // namespace

int usage(const std::string& message) {
    std::cerr << "yoshiki: " << message << "\n" << usage_text;
    return exit_usage;
}


std::string program_of(const std::string& command) {
    if (command == "serve") return "yoshiki-serve";
    if (command == "sign" || command == "verify" || command == "archive" || command == "extract") return "yoshiki-sign";
    return "yoshiki";
}

void print_help() { std::cout << help_text << "\n" << usage_text; }

namespace {

int parse_options(const std::vector<std::string>& av, Args& a) {
    a.command = av[0];
    const std::string commands[] = {"render", "check", "batch", "archive", "extract", "import", "next-year", "sign", "verify"};
    if (std::find(std::begin(commands), std::end(commands), a.command) == std::end(commands)) {
        return usage("unknown command '" + a.command + "'");
    }
    for (std::size_t i = 1; i < av.size(); ++i) {
        const std::string& s = av[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= av.size()) return false;
            out = av[++i];
            return true;
        };
        std::string v;
        if (s == "-o" || s == "--output") {
            if (!value(a.output)) return usage(s + " needs a path");
        } else if (s == "--layout") {
            if (!value(a.layout)) return usage("--layout needs a file");
        } else if (s == "--jobs" || s == "-j") {
            if (!value(v) || !parse_int(v, 1, 256, a.jobs)) return usage("--jobs needs a number from 1 to 256");
        } else if (s == "--copies") {
            if (!value(v) || !parse_int(v, 1, 999, a.copies)) return usage("--copies needs a number from 1 to 999");
        } else if (s == "--print") {
            if (!value(a.queue)) return usage("--print needs a queue name");
        } else if (s == "--as") {
            if (!value(a.approver)) return usage("--as needs the title of a box, e.g. --as 課長");
        } else if (s == "--key") {
            if (!value(a.key)) return usage("--key needs a PKCS#12 file or a pkcs11: URI");
        } else if (s == "--password-file") {
            if (!value(a.password_file)) return usage("--password-file needs a file");
        } else if (s == "--password" || s == "--pin") {
            return usage("a password is never given on the command line: use --password-file FILE or YOSHIKI_KEY_PASSWORD");
        } else if (s == "--tsa") {
            if (!value(a.tsa)) return usage("--tsa needs the URL of a timestamp authority");
        } else if (s == "--tsa-timeout") {
            if (!value(v) || !parse_int(v, 1, 600, a.tsa_timeout)) return usage("--tsa-timeout needs a number of seconds from 1 to 600");
        } else if (s == "--trust") {
            if (!value(a.trust)) return usage("--trust needs a file of PEM certificates");
        } else if (s == "--diagnostics" || s.rfind("--diagnostics=", 0) == 0) {
            bool joined = s.size() > std::strlen("--diagnostics");
            if (joined) v = s.substr(std::strlen("--diagnostics="));
            if ((!joined && !value(v)) || !parse_format(v, a.diagnostics)) return usage("--diagnostics is json or human");
        } else if (s == "--footer") {
            a.footer = true;
        } else if (s == "--rerender") {
            a.rerender = true;
        } else if (s == "--fit-report") {
            a.fit_report = true;
        } else if (s == "--no-tags") {
            a.no_tags = true;
        } else if (s == "--duplex") {
            a.duplex = true;
        } else if (s == "--no-footer") {
            a.no_footer = true;
        } else if (s == "--help" || s == "-h") {
            print_help();
            return exit_ok;
        } else if (!s.empty() && s[0] == '-') {
            return usage("unknown option '" + s + "'");
        } else {
            a.positional.push_back(s);
        }
    }
    return proceed;
}


Mode mode_of(const Args& a) {
    Mode m;
    m.batch = a.command == "batch";
    m.archive = a.command == "archive";
    // verify checks a PDF's signatures, or an archive when given a folder.
    std::error_code path_error;
    m.verify_archive = a.command == "verify" && a.positional.size() == 1 && std::filesystem::is_directory(a.positional[0], path_error);
    m.signing = a.command == "sign" || (a.command == "verify" && !m.verify_archive);
    return m;
}

int check_arguments(const Args& a, const Mode& m) {
    if (a.positional.size() != 1) {
        const char* what = m.batch || m.archive || a.command == "next-year" ? "folder"
                           : a.command == "extract" || a.command == "sign" ? "PDF"
                           : a.command == "verify" ? "PDF or archive folder"
                           : a.command == "import" ? "text file"
                                                   : "input file";
        return usage(a.command + " takes exactly one " + what);
    }
    if (a.rerender && !m.verify_archive) return usage("--rerender is for verify ARCHIVE");
    if (!m.signing && (!a.approver.empty() || !a.key.empty() || !a.password_file.empty() || !a.tsa.empty() || (!a.trust.empty() && !m.archive))) {
        return usage("--as, --key, --password-file, --tsa and --trust are for sign and verify FILE.pdf (--trust for archive too)");
    }
    return proceed;
}

// sign and verify FILE.pdf take only their own options.
int check_signature_options(const Args& a, const Mode& m) {
    if (a.command == "sign") {
        if (a.output.empty()) return usage("sign needs -o OUT.pdf");
        if (a.approver.empty()) return usage("sign needs --as TITLE, the box to sign");
        if (a.key.empty()) return usage("sign needs --key KEY");
        if (!a.trust.empty()) return usage("--trust is for verify");
        if (a.jobs || a.duplex || a.no_footer || !a.queue.empty() || a.copies != 1 || a.footer || a.no_tags) {
            return usage("sign takes -o, --as, --key, --password-file, --tsa, --tsa-timeout, --layout and --diagnostics");
        }
    }
    if (a.command == "verify" && !m.verify_archive) {
        if (!a.output.empty() || !a.layout.empty() || a.footer || a.no_tags || a.duplex || a.no_footer || !a.queue.empty() ||
            a.copies != 1 || a.jobs) {
            return usage("verify FILE.pdf takes --trust CA.pem and --diagnostics only");
        }
    }
    return proceed;
}

int check_extract_options(const Args& a, const Mode& m) {
    if (a.command == "extract" || a.command == "verify" || m.archive) {
        if (a.command != "extract" && !a.output.empty() && !m.archive) return usage(a.command + " writes nothing; -o is not for it");
        if ((a.command == "extract" || m.archive) && a.output.empty()) return usage(a.command + " needs -o " + (m.archive ? "ARCHIVE" : "DIR"));
        if (!a.layout.empty() || a.footer || a.no_tags || a.duplex || a.no_footer || !a.queue.empty() || a.copies != 1 ||
            (a.jobs && !m.archive)) {
            return usage(a.command + " takes none of the rendering options" + (m.archive ? " but --jobs" : ""));
        }
    }
    return proceed;
}

// import and next-year write inputs: they take no rendering option.
int check_import_options(const Args& a) {
    const bool next_year = a.command == "next-year";
    if (a.output.empty()) return usage(a.command + (next_year ? " needs -o DIR2" : " needs -o DIR"));
    if (a.footer || a.no_tags || a.duplex || a.no_footer || !a.queue.empty() || a.copies != 1 || a.jobs || a.fit_report ||
        (next_year && !a.layout.empty())) {
        return usage(next_year ? "next-year takes -o and --diagnostics" : "import takes -o, --layout and --diagnostics");
    }
    return proceed;
}

int check_render_options(const Args& a, const Mode& m) {
    if ((a.command == "render" || m.batch) && a.output.empty()) return usage(a.command + " needs -o " + (m.batch ? "OUTDIR" : "OUT.pdf"));
    if (a.command == "check" && !a.output.empty()) return usage("check writes nothing; -o is not for it");
    if (!m.batch && !m.archive && (a.jobs || a.duplex || a.no_footer || !a.queue.empty() || a.copies != 1)) {
        return usage("--jobs, --duplex, --no-footer, --print and --copies are for batch");
    }
    if (a.copies != 1 && a.queue.empty()) return usage("--copies goes with --print");
    if (a.footer && a.command != "render") return usage("--footer is for render (a batch's all.pdf has footers already)");
    if (a.no_tags && a.command != "render") return usage("--no-tags is for render");
    if (a.fit_report && a.command != "check") return usage("--fit-report is for check");
    return proceed;
}

}  // namespace

int read_command_line(const std::vector<std::string>& av, Args& a, Mode& m) {
    if (int code = parse_options(av, a); code != proceed) return code;
    m = mode_of(a);
    if (int code = check_arguments(a, m); code != proceed) return code;
    if (int code = check_signature_options(a, m); code != proceed) return code;
    if (int code = check_extract_options(a, m); code != proceed) return code;
    if (a.command == "import" || a.command == "next-year") return check_import_options(a);
    // What renders (render, check, batch, archive, verify ARCHIVE) takes the rendering options.
    const bool renders = a.command != "sign" && a.command != "extract" && !(a.command == "verify" && !m.verify_archive);
    if (renders) return check_render_options(a, m);
    return proceed;
}

int make_render_options(const Args& a, yoshiki::RenderOptions& options) {
    if (!a.layout.empty()) options.layout_path = a.layout;
    options.tagged = !a.no_tags;
    if (const char* sde = std::getenv("SOURCE_DATE_EPOCH")) {
        char* end = nullptr;
        long long t = std::strtoll(sde, &end, 10);
        if (*sde == '\0' || *end != '\0' || t < 0) return usage("SOURCE_DATE_EPOCH must be a number of seconds");
        options.creation_time = t;
    }
    return proceed;
}


}  // namespace yoshiki::cli
