import SQLKit

/// A customer's record as stored: `idNumber`, `mobile`, `email` and `address` may be sealed
/// (`enc1:`); open them with `Store.openField` and show them only as the reader's role allows.
public struct StoredCustomer: Sendable, Equatable {
    public let id: String
    public let name: String
    public let idNumber: String?
    public let mobile: String?
    public let email: String?
    public let address: String?
    public let region: String?
    public let timeZone: String
    public let language: String
    public let creditRating: String

    static let columns = "id, name, id_number, mobile, email, address, region, time_zone, language, credit_rating"

    init(_ row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        name = try row.decode(column: "name", as: String.self)
        idNumber = try row.decode(column: "id_number", as: String?.self)
        mobile = try row.decode(column: "mobile", as: String?.self)
        email = try row.decode(column: "email", as: String?.self)
        address = try row.decode(column: "address", as: String?.self)
        region = try row.decode(column: "region", as: String?.self)
        timeZone = try row.decode(column: "time_zone", as: String.self)
        language = try row.decode(column: "language", as: String.self)
        creditRating = try row.decode(column: "credit_rating", as: String.self)
    }
}
