/// The lender's credit rating of a customer, `A` best to `E` worst.
public enum CreditRating: String, CaseIterable, Sendable, Codable, Comparable {
    case a = "A", b = "B", c = "C", d = "D", e = "E"

    public static func < (lhs: CreditRating, rhs: CreditRating) -> Bool { lhs.rawValue < rhs.rawValue }
}
