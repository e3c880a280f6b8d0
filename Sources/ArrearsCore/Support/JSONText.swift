/// JSON string literals written by hand, where `JSONEncoder` costs too much for what it writes
/// (every audit entry's details, every row of a JSON report).
public enum JSONText {
    /// `text` as a JSON string literal, quotes included: `"` and `\` escaped, the control
    /// characters as `\n`, `\r`, `\t`, `\b`, `\f` or `\u00xx`, everything else as itself.
    ///
    /// JSON does not require `/` to be escaped, and it is not unless `escapingSlash`, which
    /// writes `\/` as Foundation's `JSONEncoder` does without `.withoutEscapingSlashes`: the
    /// audit log's details have always been stored in that spelling (`AuditDetails`).
    public static func quoted(_ text: String, escapingSlash: Bool = false) -> String {
        var out = ""
        appendQuoted(text, to: &out, escapingSlash: escapingSlash)
        return out
    }

    /// Appends `quoted(text, escapingSlash:)` to `out`, copying the runs that need no escape whole.
    public static func appendQuoted(_ text: String, to out: inout String, escapingSlash: Bool = false) {
        out.append("\"")
        let utf8 = text.utf8
        var plainStart = utf8.startIndex
        var index = plainStart
        while index != utf8.endIndex {
            let byte = utf8[index]
            let escape: String? = switch byte {
            case UInt8(ascii: "\""): "\\\""
            case UInt8(ascii: "\\"): "\\\\"
            case UInt8(ascii: "/") where escapingSlash: "\\/"
            case 0x0A: "\\n"
            case 0x0D: "\\r"
            case 0x09: "\\t"
            case 0x08: "\\b"
            case 0x0C: "\\f"
            case 0..<0x20: "\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
            default: nil
            }
            if let escape {
                out.append(contentsOf: text[plainStart..<index])
                out.append(escape)
                plainStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        out.append(contentsOf: text[plainStart..<utf8.endIndex])
        out.append("\"")
    }
}
