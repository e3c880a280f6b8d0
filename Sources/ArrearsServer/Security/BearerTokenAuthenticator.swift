import ArrearsStore
import Vapor

/// Signs in an API request by its `Authorization: Bearer` token: the SHA-256 of the token must
/// belong to an unexpired token of an active user.
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        guard let user = try await APITokenDirectory.user(tokenHash: APITokens.hash(bearer.token), at: Date(),
                                                          on: request.context.store.sql) else { return }
        request.auth.login(SignedInUser(user))
    }
}
