/// The 64-bit FNV-1a hash (Fowler, Noll and Vo). Customers are put into champion/challenger
/// cells with it, and the simulator keys its random streams with it, rather than with Swift's
/// `Hasher`, which is seeded anew in every process: a customer must land in the same cell, and
/// draw the same luck, every day, in every worker, on every machine. Not for anything secret.
public struct FNV1a: Sendable {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    @usableFromInline var state: UInt64

    /// The hash of what has been added so far.
    public var value: UInt64 { state }

    /// A hash starting from `basis` (the standard offset basis unless a caller mixes in a seed).
    @inlinable public init(basis: UInt64 = FNV1a.offsetBasis) { state = basis }

    @inlinable public mutating func add(_ byte: UInt8) {
        state ^= UInt64(byte)
        state &*= Self.prime
    }

    @inlinable public mutating func add(_ text: some StringProtocol) {
        for byte in text.utf8 { add(byte) }
    }

    /// The hash of the UTF-8 bytes of `text`.
    public static func hash64(_ text: String) -> UInt64 {
        var hash = FNV1a()
        hash.add(text)
        return hash.value
    }
}
