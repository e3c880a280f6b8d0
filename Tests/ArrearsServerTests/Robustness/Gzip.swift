/// gzip bodies for the transport tests, written by hand so that no compression library is needed:
/// a valid one (deflate's stored blocks) and a bomb (one fixed-Huffman block of back-references)
/// that is under 64 KiB on the wire and about 9.5 MB when inflated.
enum Gzip {
    /// `bytes` as a valid gzip member, uncompressed inside.
    static func stored(_ bytes: [UInt8]) -> [UInt8] {
        var out = header
        var rest = bytes[...]
        repeat {
            let block = rest.prefix(65_535)
            rest = rest.dropFirst(block.count)
            let length = UInt16(block.count)
            out += [rest.isEmpty ? 1 : 0, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            out += block
        } while !rest.isEmpty
        return out + trailer(crc: crc32(bytes), size: bytes.count)
    }

    /// 60,000 bytes that inflate to 1 + 258 × 36,900 zero bytes.
    static let bomb: [UInt8] = {
        let repeats = 36_900
        var bits = BitWriter()
        bits.write(1, count: 1)             // BFINAL
        bits.write(1, count: 2)             // BTYPE 01: fixed Huffman codes
        bits.writeCode(0x30, length: 8)     // literal 0
        for _ in 0..<repeats {
            bits.writeCode(0xC5, length: 8) // length 258 (symbol 285)
            bits.writeCode(0, length: 5)    // distance 1
        }
        bits.writeCode(0, length: 7)        // end of block
        let size = 1 + 258 * repeats
        return header + bits.bytes + trailer(crc: crc32(zeros: size), size: size)
    }()

    private static let header: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF]

    private static func trailer(crc: UInt32, size: Int) -> [UInt8] {
        let size = UInt32(truncatingIfNeeded: size)
        return [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: crc >> $0) } + [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: size >> $0) }
    }

    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        ~bytes.reduce(~UInt32(0)) { table[Int(($0 ^ UInt32($1)) & 0xFF)] ^ ($0 >> 8) }
    }

    private static func crc32(zeros count: Int) -> UInt32 {
        var c = ~UInt32(0)
        for _ in 0..<count { c = table[Int(c & 0xFF)] ^ (c >> 8) }
        return ~c
    }

    /// Packs bits the way deflate does: least significant first, Huffman codes most significant first.
    private struct BitWriter {
        private(set) var bytes: [UInt8] = []
        private var used = 8

        mutating func write(_ value: UInt32, count: Int) {
            for i in 0..<count { bit((value >> i) & 1) }
        }

        mutating func writeCode(_ code: UInt32, length: Int) {
            for i in stride(from: length - 1, through: 0, by: -1) { bit((code >> i) & 1) }
        }

        private mutating func bit(_ value: UInt32) {
            if used == 8 { bytes.append(0); used = 0 }
            bytes[bytes.count - 1] |= UInt8(value) << used
            used += 1
        }
    }
}
