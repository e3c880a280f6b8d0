import ArrearsStore
import ArrearsWorkflows
import Foundation
import Vapor

/// A webhook receiver on 127.0.0.1 that behaves like a real, imperfect one: it answers each
/// request as `script` says, keeps what it accepted by idempotency key, and answers 409 to a key
/// it already has. Every request is logged with the answer the outbox actually saw.
final class WebhookTestReceiver: @unchecked Sendable {
    enum Answer: Sendable {
        /// Accept and answer 200 (409 if the key was accepted before).
        case accept
        /// Answer this status without accepting.
        case status(Int)
        /// Accept, but answer only after `seconds`, later than the client waits.
        case acceptTooLate(seconds: Double)
    }

    /// What the script knows about a request.
    struct Arrival {
        /// The request's number, from 1.
        let number: Int
        let key: String
        /// Requests with this key before this one.
        let previous: Int
    }

    struct Entry: Equatable {
        let key: String
        let authorization: String?
        let bodyId: String?
        let contentType: String?
        /// The status sent, or nil when the answer came too late to be seen.
        let status: Int?
    }

    private let app: Application
    private let lock = NSLock()
    private var entries: [Entry] = []
    private var acceptedKeys: [String] = []
    /// The URL to post to, known once the server listens.
    private(set) var url = URL(string: "http://127.0.0.1/messages")!

    /// The log of every request, in arrival order.
    var log: [Entry] { lock.withLock { entries } }
    /// Keys in the order they were first accepted.
    var accepted: [String] { lock.withLock { acceptedKeys } }

    private init(app: Application, preaccepted: [String]) {
        self.app = app
        acceptedKeys = preaccepted
    }

    /// Starts a receiver that already has the keys in `preaccepted` and answers as `script` says.
    private static func start(preaccepted: [String] = [], script: @escaping @Sendable (Arrival) -> Answer) async throws -> WebhookTestReceiver {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .critical
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = 0
        let receiver = WebhookTestReceiver(app: app, preaccepted: preaccepted)
        app.post("messages") { req async throws -> Response in
            try await receiver.handle(req, script: script)
        }
        app.environment.arguments = ["serve"]
        try await app.startup()
        guard let port = app.http.server.shared.localAddress?.port else { throw Abort(.internalServerError) }
        receiver.url = URL(string: "http://127.0.0.1:\(port)/messages")!
        return receiver
    }

    func stop() async throws {
        try await app.asyncShutdown()
    }

    /// Runs `body` with a receiver and an adapter posting to it, and always stops both.
    static func with(
        preaccepted: [String] = [], timeout: Int = WebhookSettings.standardTimeout, concurrency: Int = WebhookSettings.standardConcurrency,
        headers: [String: String] = [:], script: @escaping @Sendable (Arrival) -> Answer,
        _ body: (WebhookTestReceiver, WebhookOutboxAdapter) async throws -> Void
    ) async throws {
        let receiver = try await start(preaccepted: preaccepted, script: script)
        let adapter = WebhookOutboxAdapter(settings: WebhookSettings(url: receiver.url, timeout: timeout, concurrency: concurrency, headers: headers))
        do {
            try await body(receiver, adapter)
        } catch {
            await adapter.shutdown()
            try await receiver.stop()
            throw error
        }
        await adapter.shutdown()
        try await receiver.stop()
    }

    private func handle(_ req: Request, script: (Arrival) -> Answer) async throws -> Response {
        let key = req.headers.first(name: "Idempotency-Key") ?? ""
        let bodyId = req.body.data.flatMap { try? JSONDecoder().decode(OutboxMessage.self, from: Data($0.readableBytesView)).id }
        let contentType = req.headers.first(name: .contentType)
        let (arrival, already) = lock.withLock {
            (Arrival(number: entries.count + 1, key: key, previous: entries.filter { $0.key == key }.count), acceptedKeys.contains(key))
        }
        let answer = script(arrival)
        let status: Int?
        switch answer {
        case .accept: status = already ? 409 : 200
        case .status(let code): status = code
        case .acceptTooLate: status = already ? 409 : nil
        }
        let entry = Entry(key: key, authorization: req.headers.first(name: .authorization), bodyId: bodyId, contentType: contentType, status: status)
        lock.withLock {
            entries.append(entry)
            if status == nil || status == 200 { acceptedKeys.append(key) }
        }
        if case .acceptTooLate(let seconds) = answer, status == nil {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            return Response(status: .ok)
        }
        return Response(status: HTTPResponseStatus(statusCode: status!), body: .init(string: status == 200 ? "" : "answer \(status!)"))
    }
}
