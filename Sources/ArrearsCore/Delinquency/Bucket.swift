/// A named range of days past due, such as `16-30`. `maxDays == nil` means open-ended (`181+`).
public struct Bucket: Hashable, Sendable, Codable {
    public let name: String
    public let minDays: Int
    public let maxDays: Int?

    public init(name: String, minDays: Int, maxDays: Int?) {
        self.name = name
        self.minDays = minDays
        self.maxDays = maxDays
    }

    public func contains(daysPastDue: Int) -> Bool {
        daysPastDue >= minDays && (maxDays.map { daysPastDue <= $0 } ?? true)
    }
}

/// The ordered buckets that every DPD falls into exactly once.
///
/// The default follows seed 004's time nodes for the first three (`current`, `1-15`, `16-30`)
/// and the usual reporting ranges after them.
public struct BucketScheme: Equatable, Sendable {
    public let buckets: [Bucket]

    /// Checks that the buckets start at 0, follow each other without gap or overlap, have
    /// distinct names, and that only the last is open-ended.
    public init(_ buckets: [Bucket]) throws(BucketSchemeError) {
        guard let first = buckets.first else { throw .empty }
        guard first.minDays == 0 else { throw .mustStartAtZero(first.name) }
        var names = Set<String>()
        for (index, bucket) in buckets.enumerated() {
            guard !bucket.name.isEmpty else { throw .emptyName(index: index) }
            guard names.insert(bucket.name).inserted else { throw .duplicateName(bucket.name) }
            if let max = bucket.maxDays, max < bucket.minDays { throw .emptyRange(bucket.name) }
            let isLast = index == buckets.count - 1
            if isLast {
                guard bucket.maxDays == nil else { throw .lastMustBeOpenEnded(bucket.name) }
            } else {
                guard let max = bucket.maxDays else { throw .onlyLastMayBeOpenEnded(bucket.name) }
                let next = buckets[index + 1]
                if next.minDays <= max { throw .overlap(bucket.name, next.name) }
                if next.minDays > max + 1 { throw .gap(after: bucket.name, before: next.name) }
            }
        }
        self.buckets = buckets
    }

    public static let standard = try! BucketScheme([
        Bucket(name: "current", minDays: 0, maxDays: 0),
        Bucket(name: "1-15", minDays: 1, maxDays: 15),
        Bucket(name: "16-30", minDays: 16, maxDays: 30),
        Bucket(name: "31-60", minDays: 31, maxDays: 60),
        Bucket(name: "61-90", minDays: 61, maxDays: 90),
        Bucket(name: "91-180", minDays: 91, maxDays: 180),
        Bucket(name: "181+", minDays: 181, maxDays: nil),
    ])

    /// The bucket that `daysPastDue` falls into (negative DPD counts as current).
    public func bucket(forDaysPastDue daysPastDue: Int) -> Bucket {
        let days = max(0, daysPastDue)
        return buckets.first { $0.contains(daysPastDue: days) } ?? buckets[buckets.count - 1]
    }
}

public enum BucketSchemeError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case mustStartAtZero(String)
    case emptyName(index: Int)
    case duplicateName(String)
    case emptyRange(String)
    case lastMustBeOpenEnded(String)
    case onlyLastMayBeOpenEnded(String)
    case overlap(String, String)
    case gap(after: String, before: String)

    public var description: String {
        switch self {
        case .empty: "no buckets are defined"
        case .mustStartAtZero(let name): "the first bucket '\(name)' must start at 0 days"
        case .emptyName(let index): "bucket \(index + 1) has no name"
        case .duplicateName(let name): "bucket name '\(name)' is used twice"
        case .emptyRange(let name): "bucket '\(name)' ends before it starts"
        case .lastMustBeOpenEnded(let name): "the last bucket '\(name)' must have no upper limit"
        case .onlyLastMayBeOpenEnded(let name): "bucket '\(name)' has no upper limit but is not the last"
        case .overlap(let a, let b): "buckets '\(a)' and '\(b)' overlap"
        case .gap(let a, let b): "there is a gap between buckets '\(a)' and '\(b)'"
        }
    }
}
