/// The 64-bit FNV-1a hash. Customers are put into champion/challenger cells with it rather than
/// with Swift's `Hasher`, which is seeded anew in every process: a customer must land in the same
/// cell every day, in every worker, on every machine.
enum FNV1a {
    static func hash64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
