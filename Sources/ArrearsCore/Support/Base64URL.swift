import Foundation

/// Base64url without padding (RFC 4648, section 5): safe in cookies, headers, URLs and file
/// names. The one encoding of the signed customer links, the server's random tokens and the
/// API's list cursors.
public enum Base64URL {
    /// The bytes in base64url, without `=` padding.
    public static func encode(_ data: Data) -> String {
        // By byte rather than three `replacingOccurrences` (which go through Foundation's
        // general string search): every page carries a fresh CSRF token.
        let encoded = data.base64EncodedData()
        var out: [UInt8] = []
        out.reserveCapacity(encoded.count)
        for byte in encoded {
            switch byte {
            case UInt8(ascii: "+"): out.append(UInt8(ascii: "-"))
            case UInt8(ascii: "/"): out.append(UInt8(ascii: "_"))
            case UInt8(ascii: "="): continue
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of `text`, or nil unless it is the one canonical spelling `encode` gives of
    /// some bytes: not empty, only `A–Z a–z 0–9 - _`, no padding, and no spare bits set in the
    /// last character. Base64 ignores those bits, so without the last check several texts would
    /// name the same bytes, and an altered link or cursor would still be taken.
    public static func decode(_ text: some StringProtocol) -> Data? {
        guard !text.isEmpty, text.utf8.allSatisfy(isAlphabet) else { return nil }
        var base64 = Array(text.utf8)
        for index in base64.indices {
            switch base64[index] {
            case UInt8(ascii: "-"): base64[index] = UInt8(ascii: "+")
            case UInt8(ascii: "_"): base64[index] = UInt8(ascii: "/")
            default: break
            }
        }
        base64.append(contentsOf: repeatElement(UInt8(ascii: "="), count: (4 - base64.count % 4) % 4))
        guard let data = Data(base64Encoded: Data(base64)), encode(data).utf8.elementsEqual(text.utf8) else { return nil }
        return data
    }

    private static func isAlphabet(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"): true
        default: false
        }
    }
}
