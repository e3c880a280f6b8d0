import ArrearsCore
import ArrearsStore
import Vapor

/// `Idempotency-Key` on the API's POSTs (every route of `RoutesBuilder.api` but the few that
/// only read, `readOnlyRoutes`): a client may send the same request again with the same key and
/// gets the first answer back, with `Idempotent-Replayed: true`, instead of a second change.
///
/// - A key is 1 to 255 visible ASCII characters (a UUID is the usual choice), else 400
///   `invalid_idempotency_key`. It belongs to the signed-in user.
/// - The same key with another request (method, path, query, content type or body differ): 422
///   `idempotency_key_reused`. While the first request with it is still being answered: 409
///   `idempotency_key_in_flight` with `Retry-After: 1`.
/// - Only a successful (2xx) answer is kept, for `IdempotencyKeys.lifetime`; after any other the
///   key is free again, and a retry runs the request anew.
///
/// Requests without the header cost nothing here.
struct IdempotencyMiddleware: AsyncMiddleware {
    static let header = "Idempotency-Key"
    static let replayedHeader = "Idempotent-Replayed"
    static let maximumKeyLength = 255
    /// POSTs that change nothing (a check, a quote, a view of personal data, which is audited
    /// each time): the header is ignored on them.
    static let readOnlyRoutes: Set<String> = ["/api/v1/check-contact", "/api/v1/arrangements/quote", "/api/v1/customers/:id/reveal"]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .POST, let key = request.headers.first(name: Self.header) else { return try await next.respond(to: request) }
        if let route = request.route, Self.readOnlyRoutes.contains("/" + route.path.map(\.description).joined(separator: "/")) {
            return try await next.respond(to: request)
        }
        guard (1...Self.maximumKeyLength).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw APIError.badRequest("invalid_idempotency_key", "\(Self.header) must be 1 to \(Self.maximumKeyLength) visible ASCII characters, such as a UUID",
                                      field: Self.header)
        }
        let user = try request.signedInUser()
        let body = try await request.body.collect(max: BodySizeLimitMiddleware.limit(for: request)).get()
        let store = request.context.store
        switch try await IdempotencyKeys.claim(userId: user.id, key: key, requestHash: Self.hash(request, body: body), store: store) {
        case .replay(let stored):
            var headers = HTTPHeaders()
            if let type = stored.contentType { headers.replaceOrAdd(name: .contentType, value: type) }
            headers.replaceOrAdd(name: Self.replayedHeader, value: "true")
            return Response(status: HTTPResponseStatus(statusCode: stored.status), headers: headers, body: .init(string: stored.body))
        case .inFlight:
            throw APIError(.conflict, code: "idempotency_key_in_flight", message: "a request with this \(Self.header) is still being answered; try again shortly",
                           field: Self.header, headers: ["Retry-After": "1"])
        case .reused:
            throw APIError.invalidField(Self.header, "this \(Self.header) was used for a different request; use a new key for a new request",
                                        code: "idempotency_key_reused")
        case .claimed:
            let response: Response
            do {
                response = try await next.respond(to: request)
            } catch {
                try? await IdempotencyKeys.release(userId: user.id, key: key, store: store)
                throw error
            }
            guard (200..<300).contains(response.status.code), let bytes = response.body.buffer, let text = String(validating: bytes.readableBytesView, as: UTF8.self) else {
                try? await IdempotencyKeys.release(userId: user.id, key: key, store: store)
                return response
            }
            do {
                try await IdempotencyKeys.complete(userId: user.id, key: key, response: .init(status: Int(response.status.code),
                                                                                              contentType: response.headers.first(name: .contentType), body: text),
                                                   store: store)
            } catch {
                // The change is made: answer it. The key stays claimed until it counts as abandoned.
                request.logger.report(error: error)
            }
            return response
        }
    }

    /// SHA-256 of what makes two requests the same: method, path and query, content type, body.
    static func hash(_ request: Request, body: ByteBuffer?) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("\(request.method.rawValue) \(request.url.path)?\(request.url.query ?? "")\n\(request.headers.first(name: .contentType) ?? "")\n".utf8))
        if let body { hasher.update(data: Data(body.readableBytesView)) }
        return Hex.encode(hasher.finalize())
    }
}
