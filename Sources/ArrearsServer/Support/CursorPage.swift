import Vapor

/// One page of a list of the JSON API, and what asked for it: `?cursor=&limit=` in, and
/// `{"items": [...], "next_cursor": ...}` out, with `next_cursor` null on the last page, never
/// missing (openapi.yaml). Every paged list reads its request and writes its page with these.
struct CursorPage<Item: Encodable & Sendable>: Encodable, Sendable {
    let items: [Item]
    let nextCursor: String?

    /// The page of the first `request.limit` of `rows` (fetched with `request.fetchLimit`), its
    /// cursor the `key` of its last row when more rows follow.
    init<Row>(_ rows: [Row], _ request: PageRequest, key: (Row) -> String, item: (Row) throws -> Item) rethrows {
        let page = rows.prefix(request.limit)
        items = try page.map(item)
        nextCursor = rows.count > request.limit ? page.last.map { Cursor.encode(key($0)) } : nil
    }

    enum CodingKeys: String, CodingKey {
        case items, nextCursor = "next_cursor"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}

extension CursorPage: Decodable where Item: Decodable {}
extension CursorPage: Content, RequestDecodable, ResponseEncodable, AsyncRequestDecodable, AsyncResponseEncodable where Item: Content {}

/// The query of a paged list: the key after which the page starts (from `cursor`, 400
/// `invalid_cursor` for anything this server did not hand out) and the page's size (from
/// `limit`, `RequestField.limit`).
struct PageRequest: Sendable {
    let after: String?
    let limit: Int

    init(_ req: Request) throws {
        after = try req.query[String.self, at: "cursor"].map(Cursor.decode)
        limit = try RequestField.limit(req)
    }

    /// How many rows to fetch: one more than the page holds tells whether another follows.
    var fetchLimit: Int { limit + 1 }
}
