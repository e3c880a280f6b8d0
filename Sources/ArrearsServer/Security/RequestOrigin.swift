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

    /// The client's address for throttling: the connection's peer, or with `trustForwardedFor`
    /// the right-most entry of `X-Forwarded-For` (all its header lines read as one list).
    ///
    /// The load balancer in front of Arrears is the one trusted hop: it appends the address it
    /// saw the request come from, so the right-most entry is the first one not written by the
    /// client. Everything to its left came with the request and may be forged; taking the
    /// left-most "original client" would let anyone choose their own throttling address. A
    /// deployment with several proxies in a chain makes the last one append the address its
    /// own peer had, or strips the header at the edge. An empty right-most entry falls back to
    /// the peer; an entry is cut to 64 characters, so a key stays small whatever is sent.
    var clientAddress: String {
        if context.security.trustForwardedFor,
           let forwarded = headers[.xForwardedFor].joined(separator: ",").split(separator: ",", omittingEmptySubsequences: false).last?
            .trimmingCharacters(in: .whitespaces),
           !forwarded.isEmpty {
            return String(forwarded.prefix(64))
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}
