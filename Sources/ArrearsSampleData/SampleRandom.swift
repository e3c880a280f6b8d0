import ArrearsCore

/// The generator's only source of randomness: the core's SplitMix64 (`SeededGenerator`), with
/// the draws sample data needs.
///
/// Fully determined by its seed and by plain integer arithmetic, so a seed gives the same
/// portfolio on every platform and Swift version, which Foundation's random sources do not
/// promise. Not for anything secret.
struct SampleRandom {
    private var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    mutating func next() -> UInt64 { generator.next() }

    /// Uniform in `0..<bound` by multiply-high (Lemire); the bias, below 2^-40 for the small
    /// bounds used here, does not matter for sample data.
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Uniform in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// Uniform in `range`.
    mutating func int64(in range: ClosedRange<Int64>) -> Int64 {
        range.lowerBound + Int64(below(Int(range.upperBound - range.lowerBound + 1)))
    }

    /// True with a probability of `perMille` in a thousand.
    mutating func chance(perMille: Int) -> Bool { below(1000) < perMille }

    /// One element of `items`, each equally likely.
    mutating func pick<Element>(_ items: [Element]) -> Element { items[below(items.count)] }
}
