/// A period of business dates, both ends included.
public struct KPIPeriod: Sendable, Equatable, Codable {
    public let from: LocalDate
    public let to: LocalDate

    /// Nil when `to` is before `from`.
    public init?(from: LocalDate, to: LocalDate) {
        guard from <= to else { return nil }
        self.from = from
        self.to = to
    }

    /// The day after the period, the exclusive upper bound of its timestamps.
    public var dayAfter: LocalDate { to.adding(days: 1) }
}

extension LocalDate: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try LocalDate.parse(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
