import ArrearsCore
import Foundation

/// The address customers reach `arrears serve` at: links in messages (`{pay_url}`, the
/// self-service page) and on pages (a contact's rating link) start with it. It comes from
/// `ARREARS_PUBLIC_URL` (or `arrears run-day --public-url`); a link to the machine's own
/// loopback address would reach no customer, so a daily run whose messages carry links refuses
/// to start without one (`requiredBy`).
public struct PublicAddress: Sendable, Equatable, CustomStringConvertible {
    /// The environment variable that gives the address.
    public static let environmentVariable = "ARREARS_PUBLIC_URL"

    /// The address without a trailing slash, for example `https://collections.example-bank.cn`.
    public let url: String

    /// `text` if it is an absolute `http` or `https` URL with a host and neither query nor
    /// fragment (a trailing slash is dropped); else `Invalid` saying what is wrong.
    public init(_ text: String) throws(Invalid) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", components.host?.isEmpty == false else {
            throw Invalid(value: text, reason: "must be an absolute http:// or https:// address with a host, such as https://collections.example-bank.cn")
        }
        guard components.query == nil, components.fragment == nil, components.user == nil else {
            throw Invalid(value: text, reason: "must not carry a query, a fragment or a user name")
        }
        url = trimmed.hasSuffix("/") ? String(trimmed.dropLast()) : trimmed
    }

    /// What `{pay_url}` starts with: the self-service pages, `/s/` followed by the signed token.
    public var selfServiceBase: String { url + "/s/" }

    public var description: String { url }

    /// The names of `strategy`'s templates that put a link in messages (`{pay_url}`), sorted: a
    /// daily run of this strategy needs a public address when there is any.
    public static func requiredBy(_ strategy: Strategy) -> [String] {
        strategy.templates.values.filter { $0.uses("pay_url") }.map(\.name).sorted()
    }

    /// A public address that is not one.
    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public let value: String
        public let reason: String
        public var description: String { "'\(value)' \(reason)" }
    }
}
