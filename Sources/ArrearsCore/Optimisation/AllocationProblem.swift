/// One day's choice for the cases of optimised cells (issue 27, "Decide by it"): for each case,
/// the channels it may get, each with its net value, and the resources (a team's daily
/// capacity, a daily budget of SMS or letters) that some channels use up.
///
/// Every case may also get no contact, worth 0: a case whose options are all worth less than
/// nothing is left alone. An option uses at most one unit of at most one resource; options
/// without a resource (e-mail, or SMS without a budget) are limited by nothing.
///
/// Values are integer minor units (an expected amount, rounded to the minor unit), held to
/// ±`maximumValue` so that the sum over millions of cases cannot overflow. The options are kept
/// flat, one array for all cases, so that a million cases cost a few arrays, not a million.
public struct AllocationProblem: Sendable, Equatable {
    /// The most any option is worth, or the least (negated): 10^12 minor units, ten billion yuan.
    /// With at most 10^6 units of each resource and 10^6 cases, every total stays below 2^63.
    public static let maximumValue: Int64 = 1_000_000_000_000
    /// The most units a resource counts; more than the cases there are changes nothing.
    public static let maximumCapacity = 1_000_000

    /// How many units each resource has, by index.
    public let capacities: [Int]
    /// Where each case's options start in `values` and `resources`; the last entry is their count.
    public private(set) var offsets: [Int] = [0]
    /// Each option's net value, in minor units.
    public private(set) var values: [Int64] = []
    /// Each option's resource index, or -1 for none.
    public private(set) var resources: [Int32] = []

    /// A problem with resources of these capacities (negative counts as 0) and no cases yet.
    public init(capacities: [Int]) {
        self.capacities = capacities.map { min(max($0, 0), Self.maximumCapacity) }
    }

    public var caseCount: Int { offsets.count - 1 }

    /// Adds a case with its options (net value, resource index or nil); returns its index.
    /// An option naming a resource that does not exist is left out.
    @discardableResult
    public mutating func addCase(_ options: [(value: Int64, resource: Int?)]) -> Int {
        for option in options {
            let resource = option.resource ?? -1
            guard resource < capacities.count else { continue }
            values.append(min(max(option.value, -Self.maximumValue), Self.maximumValue))
            resources.append(Int32(resource))
        }
        offsets.append(values.count)
        return offsets.count - 2
    }

    /// The options of case `index`, as positions in `values` and `resources`.
    public func options(of index: Int) -> Range<Int> { offsets[index]..<offsets[index + 1] }
}
