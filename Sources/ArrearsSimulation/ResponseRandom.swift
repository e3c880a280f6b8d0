import ArrearsCore

/// The simulator's only source of chance: a stream of numbers fixed by a seed and a key (the day
/// and the customer, a promise id, an account and its due date).
///
/// Each customer's draws on each day come from their own stream, so they do not depend on which
/// other customers were simulated, in what order, on which database or in which process: a rerun
/// of the same day draws exactly the same, and changing the strategy for some customers leaves
/// the others' luck alone (what-if runs compare like with like). The key is hashed with 64-bit
/// FNV-1a and the stream is SplitMix64 (Steele, Lea and Flood, 2014): plain integer arithmetic,
/// the same on every platform. Not for anything secret.
public struct ResponseRandom: Sendable {
    private var generator: SeededGenerator

    /// The stream of `seed` and the parts of `key`, in order.
    public init(seed: UInt64, key: String...) {
        var hash = FNV1a(basis: FNV1a.offsetBasis ^ seed)
        for part in key {
            hash.add(part)
            // A separator, so that ("ab", "c") and ("a", "bc") are different keys.
            hash.add(0xff)
        }
        generator = SeededGenerator(seed: hash.value)
    }

    public mutating func next() -> UInt64 { generator.next() }

    /// Uniform in [0, 1), from the top 53 bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// True with probability `probability` (0 never, 1 always).
    public mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// Uniform in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next().multipliedFullWidth(by: width).high)
    }
}
