/// A customer's collection history as dated events, to count what happened before a date.
public struct CollectionBehaviour: Sendable {
    public private(set) var promisesMade: [LocalDate] = []
    /// When each broken promise was found broken.
    public private(set) var promisesBroken: [LocalDate] = []
    public private(set) var attempts: [LocalDate] = []
    public private(set) var rightPartyContacts: [LocalDate] = []

    public init() {}

    public static let none = CollectionBehaviour()

    public mutating func addPromise(madeOn: LocalDate, brokenOn: LocalDate?) {
        promisesMade.append(madeOn)
        if let brokenOn { promisesBroken.append(brokenOn) }
    }

    public mutating func addAttempt(on date: LocalDate, rightParty: Bool) {
        attempts.append(date)
        if rightParty { rightPartyContacts.append(date) }
    }

    /// Sorts the events so that the counts below can search them.
    public mutating func seal() {
        promisesMade.sort()
        promisesBroken.sort()
        attempts.sort()
        rightPartyContacts.sort()
    }

    /// Events after `start` and on or before `end` in one of the sealed lists.
    public static func count(_ dates: [LocalDate], after start: LocalDate, through end: LocalDate) -> Int {
        func upperBound(_ date: LocalDate) -> Int {
            var low = 0, high = dates.count
            while low < high {
                let middle = (low + high) / 2
                if dates[middle] <= date { low = middle + 1 } else { high = middle }
            }
            return low
        }
        return upperBound(end) - upperBound(start)
    }
}
