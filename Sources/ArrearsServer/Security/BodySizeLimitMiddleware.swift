import Vapor

/// Refuses request bodies larger than `SecuritySettings.maxBodyBytes` with 413, by their declared
/// `Content-Length` before reading them, or by what arrived. Streamed bodies without a length
/// are cut off at the same size by the routes' collection limit (`buildApplication` sets it).
struct BodySizeLimitMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let limit = request.context.security.maxBodyBytes
        let declared = request.headers.first(name: .contentLength).flatMap(Int.init)
        if (declared ?? 0) > limit || (request.body.data?.readableBytes ?? 0) > limit {
            throw Abort(.payloadTooLarge, reason: "the request body is larger than \(limit / 1024) KB")
        }
        return try await next.respond(to: request)
    }
}
