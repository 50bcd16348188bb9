#include "serve/server.hpp"

#include <malloc.h>
#include <sys/random.h>

#include <csignal>
#include <cstdio>
#include <thread>

#include <httplib.h>

#include "base/limits.hpp"
#include "serve/editor.hpp"

namespace yoshiki::serve {

namespace {

httplib::Server* running = nullptr;

extern "C" void stop_on_signal(int) {
    // httplib's stop() shuts the listening socket down: what a signal handler may do.
    if (running) running->stop();
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

Request request_of(const httplib::Request& req) {
    Request r;
    r.method = req.method;
    r.path = req.path;
    for (const auto& [k, v] : req.params) r.query.emplace(k, v);  // the first of a repeated name
    for (const auto& [k, v] : req.headers) r.headers.emplace(lower(k), v);
    r.body = req.body;
    return r;
}

// Clients editing at once: a browser keeps up to six connections open, and each open
// connection holds a thread of httplib's pool while it waits for its next request.
constexpr std::size_t server_threads = 64;

}  // namespace

bool is_loopback(const std::string& host) {
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

std::string new_token() {
    unsigned char bytes[16];
    std::size_t got = 0;
    while (got < sizeof bytes) {
        ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw std::runtime_error("no random bytes from the kernel");
        }
        got += static_cast<std::size_t>(n);
    }
    static const char hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char b : bytes) {
        out += hex[b >> 4];
        out += hex[b & 0x0F];
    }
    return out;
}

int run_server(const ServeOptions& options, std::ostream& log) {
    // A server keeps PDFs and page images of 100 KB or so for seconds, from dozens of threads.
    // glibc would raise its mmap threshold past them after the first few are freed, and serve
    // them from per-thread arenas that fragment and keep their pages: fixed at 64 KB, each is
    // mapped and returned to the system when freed (bench/serve_load: 150 MB instead of 250 MB
    // after 3,000 edits by 20 clients).
    mallopt(M_MMAP_THRESHOLD, 64 * 1024);
    httplib::Server server;
    server.new_task_queue = [] { return new httplib::ThreadPool(server_threads); };
    server.set_payload_max_length(base::limits::max_request_bytes);
    server.set_read_timeout(10, 0);
    server.set_write_timeout(10, 0);
    server.set_keep_alive_timeout(5);
    // A page sends a check and a page image per keystroke: its connection stays open for them
    // (httplib closes one after 5 requests by default).
    server.set_keep_alive_max_count(1000);
    server.set_tcp_nodelay(true);

    int port = options.port;
    if (port == 0) port = server.bind_to_any_port(options.host);
    else if (!server.bind_to_port(options.host, port)) port = -1;
    if (port < 0) {
        log << "yoshiki serve: cannot listen on " << options.host << ":" << options.port << "\n";
        return 1;
    }

    EditorOptions eo;
    eo.folder = options.folder;
    eo.layout_folders = options.layout_folders;
    eo.font_folders = options.font_folders;
    eo.creation_time = options.creation_time;
    eo.access.loopback = is_loopback(options.host);
    eo.access.port = port;
    if (!eo.access.loopback) eo.access.token = new_token();
    Editor editor(eo);

    auto handler = [&editor](const httplib::Request& req, httplib::Response& res) {
        Response r = editor.handle(request_of(req));
        res.status = r.status;
        for (const auto& [k, v] : r.headers) res.set_header(k.c_str(), v);
        res.set_content(std::move(r.body), r.content_type.c_str());
    };
    server.Get(".*", handler);
    server.Post(".*", handler);
    // httplib answers a body over the limit itself, with an empty page: the editor's words instead.
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (res.status == 413) res.set_content("{\"error\":\"too-large\",\"text\":\"送られた内容が大きすぎます。\"}", "application/json");
    });

    std::string shown = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
    std::string address = "http://" + shown + ":" + std::to_string(port) + "/";
    if (!eo.access.token.empty()) address += "?token=" + eo.access.token;
    log << "yoshiki serve: editing " << options.folder << " at " << address << "\n";
    log << "  layouts from: ";
    for (const auto& f : options.layout_folders) log << f << " ";
    log << "\n  fonts from: ";
    for (const auto& f : options.font_folders) log << f << " ";
    log << "\n  (Ctrl+C stops the server)" << std::endl;

    running = &server;
    std::signal(SIGINT, stop_on_signal);
    std::signal(SIGTERM, stop_on_signal);
    bool ok = server.listen_after_bind();
    running = nullptr;
    log << "yoshiki serve: stopped" << std::endl;
    return ok ? 0 : 1;
}

}  // namespace yoshiki::serve
