/// SplitMix64 (Steele, Lea and Flood, 2014): a small, fast random number generator that gives
/// the same sequence for the same seed on every platform and Swift version, by plain integer
/// arithmetic, which Foundation's random sources do not promise. The one source of repeatable
/// chance: train/test splits, synthetic portfolios (`SampleRandom`), the simulator's customer
/// responses (`ResponseRandom`) and the route fuzzer. Not for anything secret.
///
/// Inlinable, so that the generators built on it in other modules draw at the same speed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    @usableFromInline var state: UInt64

    @inlinable public init(seed: UInt64) { state = seed }

    @inlinable public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
