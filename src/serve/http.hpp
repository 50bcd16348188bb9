// Requests and responses as the editor's handlers see them: plain values, so that the handlers
// and the safety rules are tested without a socket or a browser (tests/unit/serve/).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace yoshiki::serve {

struct Request {
    std::string method;  // GET, POST
    std::string path;    // without the query
    std::map<std::string, std::string> query;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;

    const std::string& header(const std::string& name) const;
    const std::string& param(const std::string& name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

// Who may use the server: only pages of its own origin, under the names of loopback when it
// listens there (a page of another site whose name an attacker points at 127.0.0.1 is refused),
// and with the token when it listens beyond loopback.
struct Access {
    bool loopback = true;
    int port = 0;
    std::string token;  // empty: none needed
};

// The refusal of a request that breaks the rules, or nullopt: too large a body (413), a host name
// that is not the server's (421), no token or a wrong one (401), a state-changing request from
// another origin (403) or not of JSON (415).
std::optional<Response> refuse_request(const Request& request, const Access& access);

// The token of the request (its cookie, or ?token= on the page's address), if any.
std::string request_token(const Request& request);

// Whether two strings are equal, in a time that does not depend on where they differ.
bool same_secret(const std::string& a, const std::string& b);

}  // namespace yoshiki::serve
