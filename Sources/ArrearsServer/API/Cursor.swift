import ArrearsCore
import Foundation

/// The opaque `cursor` of a paged list: the last key of the page before, in base64url, so that
/// clients pass it back unchanged rather than build it.
enum Cursor {
    static func encode(_ key: String) -> String {
        Base64URL.encode(Data(key.utf8))
    }

    /// The key inside `cursor`; 400 `invalid_cursor` for anything this server did not hand out.
    static func decode(_ cursor: String) throws -> String {
        guard cursor.count <= 400, let data = Base64URL.decode(cursor), let key = String(data: data, encoding: .utf8), !key.isEmpty else {
            throw APIError.badRequest("invalid_cursor", "cursor is not one this server gave out; start again without it", field: "cursor")
        }
        return key
    }
}
