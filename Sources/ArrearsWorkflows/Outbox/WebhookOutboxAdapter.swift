import ArrearsStore
import AsyncHTTPClient
import Foundation
import NIOCore

/// Posts each message as JSON to the receiver's URL (`docs/outbox.md`):
///
/// ```
/// POST <url>
/// Content-Type: application/json; charset=utf-8
/// Idempotency-Key: <message id>
/// <OutboxMessage.json()>
/// ```
///
/// 2xx means sent, and so does 409 (the receiver already has this idempotency key). 408, 429,
/// 5xx, other answers, timeouts and connection errors are temporary; any other 4xx is a
/// permanent refusal. Redirects are not followed: a redirected POST could silently become a GET.
public final class WebhookOutboxAdapter: OutboxAdapter {
    public let settings: WebhookSettings
    private let client: HTTPClient
    /// The longest part of an error answer kept in `last_error`.
    static let errorBodyLimit = 300

    public init(settings: WebhookSettings, eventLoopGroup: any EventLoopGroup = HTTPClient.defaultEventLoopGroup) {
        self.settings = settings
        client = HTTPClient(eventLoopGroup: eventLoopGroup, configuration: .init(redirectConfiguration: .disallow))
    }

    public func deliver(_ messages: [OutboxMessage]) async -> [OutboxOutcome] {
        await withTaskGroup(of: (Int, OutboxOutcome).self) { group in
            var outcomes = [OutboxOutcome?](repeating: nil, count: messages.count)
            var next = 0
            func startNext() {
                guard next < messages.count else { return }
                let index = next
                next += 1
                group.addTask { (index, await self.post(messages[index])) }
            }
            for _ in 0..<settings.concurrency { startNext() }
            for await (index, outcome) in group {
                outcomes[index] = outcome
                startNext()
            }
            return outcomes.map { $0! }
        }
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    /// One attempt at one message.
    func post(_ message: OutboxMessage) async -> OutboxOutcome {
        var request = HTTPClientRequest(url: settings.url.absoluteString)
        request.method = .POST
        for (name, value) in settings.headers.sorted(by: { $0.key < $1.key }) { request.headers.add(name: name, value: value) }
        // Last, so that no configured header can replace the idempotency key or the body's type.
        request.headers.replaceOrAdd(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.replaceOrAdd(name: "Idempotency-Key", value: message.id)
        request.headers.replaceOrAdd(name: "User-Agent", value: "Arrears-Outbox/1")
        request.body = .bytes(ByteBuffer(bytes: message.json()))
        do {
            let response = try await client.execute(request, timeout: .seconds(Int64(settings.timeout)))
            let body = (try? await response.body.collect(upTo: 64 * 1024)).map { String(buffer: $0) } ?? ""
            return Self.outcome(status: Int(response.status.code), body: body)
        } catch {
            return .retryable("POST \(settings.url.absoluteString): \(error)")
        }
    }

    /// What an answer with `status` and `body` means for the message.
    public static func outcome(status: Int, body: String) -> OutboxOutcome {
        let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
        let detail = "HTTP \(status)" + (trimmed.isEmpty ? "" : ": " + String(trimmed.prefix(errorBodyLimit)))
        switch status {
        case 200..<300, 409: return .sent
        case 408, 429: return .retryable(detail)
        case 400..<500: return .rejected(detail)
        default: return .retryable(detail)
        }
    }
}
