import Foundation

/// The opaque `cursor` of a paged list: the last key of the page before, in base64url, so that
/// clients pass it back unchanged rather than build it.
enum Cursor {
    static func encode(_ key: String) -> String {
        Data(key.utf8).base64URLEncoded
    }

    /// The key inside `cursor`; 400 `invalid_cursor` for anything this server did not hand out.
    static func decode(_ cursor: String) throws -> String {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard cursor.count <= 400, let data = Data(base64Encoded: base64), let key = String(data: data, encoding: .utf8),
              !key.isEmpty, encode(key) == cursor else {
            throw APIError.badRequest("invalid_cursor", "cursor is not one this server gave out; start again without it", field: "cursor")
        }
        return key
    }
}
