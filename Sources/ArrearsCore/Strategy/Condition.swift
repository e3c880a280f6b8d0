/// The conditions segment rules and treatment rules share. A bound or set left `nil` does not
/// restrict; ranges include both ends.
enum Condition {
    static func days(_ daysPastDue: Int, min: Int?, max: Int?) -> Bool {
        (min.map { daysPastDue >= $0 } ?? true) && (max.map { daysPastDue <= $0 } ?? true)
    }

    /// The case holds at least one of `wanted`.
    static func products(_ held: Set<Product>, anyOf wanted: Set<Product>?) -> Bool {
        wanted.map { !held.isDisjoint(with: $0) } ?? true
    }
}
