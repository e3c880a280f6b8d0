import Vapor

/// Refuses request bodies larger than `SecuritySettings.maxBodyBytes` with 413, by their declared
/// `Content-Length` before reading them, or by what arrived. Streamed bodies without a length
/// are cut off at the same size by the routes' collection limit (`buildApplication` sets it).
/// An upload route (`RoutesBuilder.upload`) carries a larger limit of its own, and its 413
/// names the field the file came in.
struct BodySizeLimitMiddleware: AsyncMiddleware {
    /// An upload route's own limit, kept in its `userInfo`.
    struct RouteLimit: Sendable {
        let bytes: Int
        let field: String
    }

    static let routeLimitKey = "arrears.body-limit"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let limit = Self.limit(for: request)
        let declared = request.headers.first(name: .contentLength).flatMap(Int.init)
        if (declared ?? 0) > limit || (request.body.data?.readableBytes ?? 0) > limit {
            if let upload = request.route?.userInfo[Self.routeLimitKey] as? RouteLimit {
                throw APIError(.payloadTooLarge, code: "payload_too_large", message: "\(upload.field): the request body is larger than \(Self.describe(limit))",
                               field: upload.field)
            }
            throw Abort(.payloadTooLarge, reason: "the request body is larger than \(limit / 1024) KB")
        }
        return try await next.respond(to: request)
    }

    /// The most a request to its route may carry.
    static func limit(for request: Request) -> Int {
        (request.route?.userInfo[routeLimitKey] as? RouteLimit)?.bytes ?? request.context.security.maxBodyBytes
    }

    private static func describe(_ bytes: Int) -> String {
        bytes % 1_048_576 == 0 ? "\(bytes / 1_048_576) MiB" : "\(bytes / 1024) KiB"
    }
}

extension RoutesBuilder {
    /// A POST route taking a file upload of up to `maximumBytes` (the body as a whole), where
    /// every other route keeps `SecuritySettings.maxBodyBytes`; a larger body is 413 naming `field`.
    @discardableResult
    func upload(_ path: PathComponent..., maximumBytes: Int, field: String, use closure: @Sendable @escaping (Request) async throws -> Response) -> Route {
        let route = on(.POST, path, body: .collect(maxSize: ByteCount(value: maximumBytes)), use: closure)
        route.userInfo[BodySizeLimitMiddleware.routeLimitKey] = BodySizeLimitMiddleware.RouteLimit(bytes: maximumBytes, field: field)
        return route
    }
}
