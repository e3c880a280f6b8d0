import ArrearsStore
import Foundation

/// Where and how the webhook adapter posts messages.
public struct WebhookSettings: Sendable, Equatable {
    /// The receiver's `http` or `https` URL.
    public let url: URL
    /// Seconds one request may take, answer included, before it counts as a temporary failure.
    public let timeout: Int
    /// Requests in flight at once.
    public let concurrency: Int
    /// Extra request headers, such as `Authorization`.
    public let headers: [String: String]

    public static let standardTimeout = 10
    public static let standardConcurrency = 8

    public init(url: URL, timeout: Int = standardTimeout, concurrency: Int = standardConcurrency, headers: [String: String] = [:]) {
        self.url = url
        self.timeout = timeout
        self.concurrency = concurrency
        self.headers = headers
    }

    /// `text` as a webhook URL, or nil unless it is an absolute `http` or `https` URL with a host.
    public static func url(_ text: String) -> URL? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              url.host?.isEmpty == false else { return nil }
        return url
    }

    /// The longest one batch of `batchSize` messages can take: rounds of `concurrency` requests,
    /// each up to `timeout`. A claim must outlast it, or another process would take the batch over.
    public func worstCaseSeconds(batchSize: Int) -> Int {
        (batchSize + concurrency - 1) / concurrency * timeout
    }
}
