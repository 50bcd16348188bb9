#include "serve/http.hpp"

#include "base/limits.hpp"

namespace yoshiki::serve {

namespace {

const std::string nothing;

Response refusal(int status, const std::string& code, const std::string& text) {
    Response r;
    r.status = status;
    r.body = "{\"error\":\"" + code + "\",\"text\":\"" + text + "\"}";
    return r;
}

bool host_is_loopback_name(const std::string& host, int port) {
    const std::string p = ":" + std::to_string(port);
    for (const char* name : {"127.0.0.1", "localhost", "[::1]"}) {
        if (host == std::string(name) + p) return true;
    }
    return false;
}

}  // namespace

const std::string& Request::header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? nothing : it->second;
}

const std::string& Request::param(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? nothing : it->second;
}

bool same_secret(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

std::string request_token(const Request& request) {
    const std::string& cookies = request.header("cookie");
    const std::string key = "yoshiki-token=";
    for (std::size_t at = 0; at < cookies.size();) {
        std::size_t end = cookies.find(';', at);
        if (end == std::string::npos) end = cookies.size();
        std::size_t start = cookies.find_first_not_of(' ', at);
        if (start < end && cookies.compare(start, key.size(), key) == 0) return cookies.substr(start + key.size(), end - start - key.size());
        at = end + 1;
    }
    if (request.method == "GET" && request.path == "/") return request.param("token");
    return {};
}

std::optional<Response> refuse_request(const Request& request, const Access& access) {
    if (request.body.size() > base::limits::max_request_bytes) {
        return refusal(413, "too-large", "送られた内容が大きすぎます。");
    }
    const std::string& host = request.header("host");
    if (access.loopback && !host_is_loopback_name(host, access.port)) {
        return refusal(421, "wrong-host", "このサーバーは、このアドレスでは使えません。");
    }
    if (!access.token.empty() && !same_secret(request_token(request), access.token)) {
        return refusal(401, "token", "このページを開くには、サーバーを起動した人から渡されたアドレスを使ってください。");
    }
    if (request.method != "GET" && request.method != "HEAD") {
        // A form or a script of another site can send a POST here with the clerk's cookie: it
        // must come from a page of this very origin, and be JSON (which a form cannot send).
        const std::string& origin = request.header("origin");
        bool same_origin = origin.empty() ? request.header("sec-fetch-site") == "same-origin" : origin == "http://" + host;
        if (!same_origin) return refusal(403, "cross-origin", "他のページからの送信は受け付けません。");
        if (request.header("content-type").rfind("application/json", 0) != 0) {
            return refusal(415, "not-json", "送られた内容の形式が違います。");
        }
    }
    return std::nullopt;
}

}  // namespace yoshiki::serve
