/// A breathing space (UK Debt Respite Scheme, the Breathing Space Moratorium Regulations 2020,
/// reg. 7): the interest and fees of the dues falling due within it are frozen, that is not
/// owed, so neither overdue nor outstanding counts them. It is recorded as the customer flag
/// `breathing_space`, from its first to its last day (either end may be open).
///
/// The rule is written here once, in two forms made side by side: `covers(_:)` and
/// `owed(_:under:)` in Swift, for one account at a time (`AccountRecompute`), and
/// `sqlCovers(from:until:day:)`, the same condition as SQL, for the set-based statements that
/// apply it to a whole portfolio in the database (`PositionQuery.frozenDues`, which
/// `PositionRepository` also gives the SQLite scan); they stay in SQL for speed. The store's
/// BreathingSpaceTests hold the forms equal.
public struct BreathingSpace: Sendable, Equatable {
    /// The flag that records a breathing space.
    public static let flag = CustomerFlag.Kind.breathingSpace

    /// The first day, or nil when it has no start.
    public let from: LocalDate?
    /// The last day, or nil while it has no end.
    public let until: LocalDate?

    public init(from: LocalDate?, until: LocalDate?) {
        self.from = from
        self.until = until
    }

    /// Whether a due falling due on `day` falls within the space (both ends included).
    public func covers(_ day: LocalDate) -> Bool {
        (from.map { $0 <= day } ?? true) && (until.map { $0 >= day } ?? true)
    }

    /// What is owed of `due` under the customer's `spaces`: all of it, or only its principal when
    /// one of them covers its date.
    public static func owed(_ due: Due, under spaces: [BreathingSpace]) -> Due {
        guard spaces.contains(where: { $0.covers(due.dueOn) }) else { return due }
        return Due(dueOn: due.dueOn, principal: due.principal, interest: 0, fees: 0)
    }

    /// `covers` as an SQL condition over the columns (or expressions) holding the space's first
    /// day, its last day and the due date, all ISO dates, which compare as text as they do as dates.
    public static func sqlCovers(from: String, until: String, day: String) -> String {
        "(\(from) IS NULL OR \(from) <= \(day)) AND (\(until) IS NULL OR \(until) >= \(day))"
    }
}
