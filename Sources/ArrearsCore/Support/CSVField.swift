/// How a CSV field is written (RFC 4180): as it is, unless it holds a comma, a double quote or a
/// line break (`\n` or `\r`); then in double quotes, with each quote inside doubled. `CSVReader`
/// reads every field so written back as it was. The one CSV writer's rule: the sample-data
/// generator's files and the reports both write with it.
public enum CSVField {
    /// Whether `bytes` must be quoted.
    @inlinable public static func needsQuotes(_ bytes: [UInt8]) -> Bool {
        bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
    }

    /// Appends the field `bytes` (UTF-8) to `buffer`, quoted when it must be.
    @inlinable public static func append(_ bytes: [UInt8], to buffer: inout [UInt8]) {
        guard needsQuotes(bytes) else { return buffer.append(contentsOf: bytes) }
        buffer.append(UInt8(ascii: "\""))
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
            buffer.append(byte)
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// The field `value` as written, quoted when it must be.
    public static func text(_ value: String) -> String {
        let bytes = Array(value.utf8)
        guard needsQuotes(bytes) else { return value }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 2)
        append(bytes, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
