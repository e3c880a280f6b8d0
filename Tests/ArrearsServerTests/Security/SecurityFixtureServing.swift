import AsyncHTTPClient
import Foundation
import XCTVapor

extension SecurityFixture {
    /// Starts the app on a free port of 127.0.0.1 and runs `body` with its base URL and a client
    /// that does not follow redirects; the client and the server stop afterwards, also when `body` throws.
    func serving(timeout: HTTPClient.Configuration.Timeout = .init(), _ body: (String, HTTPClient) async throws -> Void) async throws {
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                                configuration: .init(redirectConfiguration: .disallow, timeout: timeout))
        do {
            let port = try XCTUnwrap(app.http.server.shared.localAddress?.port)
            try await body("http://127.0.0.1:\(port)", client)
        } catch {
            try await client.shutdown()
            await app.server.shutdown()
            throw error
        }
        try await client.shutdown()
        await app.server.shutdown()
    }
}
