import Vapor

/// The headers every response carries, whatever produced it (a page, the API, a static file, an
/// error): a Content-Security-Policy that allows no inline script or style and nothing from
/// other origins, no MIME sniffing, no framing, no referrer outside the site. Over HTTPS it adds
/// HSTS, and it marks cookies `Secure` over HTTPS or when `secureCookies` says so.
///
/// Customer pages (`customerPages`: self-service and feedback links) are answered with
/// `Cache-Control: no-store`, found or not: they show what a customer owes behind a link that
/// stands in for a password, and a shared computer's browser or a proxy must not keep them.
struct SecureHeadersMiddleware: AsyncMiddleware {
    /// The path prefixes of the pages a customer opens from a link.
    static let customerPages = ["/s/", "/feedback/"]

    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "object-src 'none'",
        "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers = [
            ("Content-Security-Policy", Self.contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
        ]
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        if Self.customerPages.contains(where: request.url.path.hasPrefix) {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        let https = request.cameOverHTTPS
        if https {
            response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains")
        }
        if https || request.context.security.secureCookies {
            for (name, var cookie) in response.cookies.all {
                cookie.isSecure = true
                response.cookies[name] = cookie
            }
        }
        return response
    }
}
