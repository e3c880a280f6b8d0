import Vapor

extension Request {
    /// Whether the request reached Arrears over HTTPS, directly or through a TLS-terminating
    /// proxy that says so in `X-Forwarded-Proto`. Believing a forged header only makes the
    /// answer stricter (a `Secure` cookie, HSTS), never weaker.
    var cameOverHTTPS: Bool {
        if url.scheme?.lowercased() == "https" { return true }
        return headers.first(name: "X-Forwarded-Proto")?.split(separator: ",").first?
            .trimmingCharacters(in: .whitespaces).lowercased() == "https"
    }

    /// The client's address for throttling: the connection's peer, or with
    /// `trustForwardedFor` the address the load balancer appended to `X-Forwarded-For`.
    var clientAddress: String {
        if context.security.trustForwardedFor,
           let forwarded = headers[.xForwardedFor].last?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
           !forwarded.isEmpty {
            return forwarded
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}
