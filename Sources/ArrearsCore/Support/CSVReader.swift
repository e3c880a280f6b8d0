import Foundation

/// One record of a CSV file: its fields and the line of the file it starts on (the header is line 1).
public struct CSVRecord: Sendable {
    public let line: Int
    public let fields: [String]
    /// Some field was not valid UTF-8 (its bad bytes were replaced with U+FFFD).
    public var hasInvalidUTF8 = false
}

public enum CSVError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case invalidUTF8(line: Int)
    case unterminatedQuote(line: Int)
    case missingHeader

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open \(path): \(reason)"
        case .invalidUTF8: "the row is not valid UTF-8"
        case .unterminatedQuote(let line): "the quoted field that starts on line \(line) is never closed"
        case .missingHeader: "the file is empty; a header row is required"
        }
    }
}

/// Reads RFC 4180 CSV one record at a time: from a file in 1 MiB chunks, so memory stays flat
/// whatever the file size, or from bytes in memory. Accepts `\n` and `\r\n`, quoted fields with
/// doubled quotes and embedded newlines, and a leading UTF-8 byte-order mark. A quote opens a
/// quoted field only at the field's start; elsewhere it is a character of the field.
///
/// The one CSV reader: the importer reads its files with it, and `CSVTable` (model-fit data) its
/// text.
public final class CSVReader {
    /// The file read from; nil when reading bytes in memory.
    private let file: UnsafeMutablePointer<FILE>?
    /// The bytes read and not yet dropped: memory of its own rather than an array, so that the
    /// reading loops touch it without reference counting (a tenth of reading a payments file).
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    private var position = 0
    private var atEndOfFile = false
    private var line = 1
    /// How many fields the last record had, to size the next one's array.
    private var fieldsPerRecord = 8
    /// Bytes of the file dropped from the front of the buffer so far.
    private var dropped = 0
    private static let chunkSize = 1 << 20

    /// How many bytes of the file have been read into records so far.
    public var offset: Int { dropped + position }

    public init(path: String) throws {
        guard let file = fopen(path, "rb") else {
            throw CSVError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        self.file = file
        capacity = 2 * Self.chunkSize
        storage = .allocate(capacity: capacity)
        refill()
        skipByteOrderMark()
    }

    /// Reads `bytes`, the whole of a CSV text.
    public init(bytes: some Collection<UInt8>) {
        file = nil
        capacity = max(bytes.count, 1)
        storage = .allocate(capacity: capacity)
        for byte in bytes {
            storage[count] = byte
            count += 1
        }
        atEndOfFile = true
        skipByteOrderMark()
    }

    deinit {
        if let file { fclose(file) }
        storage.deallocate()
    }

    private func skipByteOrderMark() {
        if count >= 3, storage[0] == 0xEF, storage[1] == 0xBB, storage[2] == 0xBF { position = 3 }
    }

    /// The next record, or `nil` at the end of the file. Blank lines are skipped.
    public func next() throws(CSVError) -> CSVRecord? {
        while true {
            guard let record = try readRecord() else { return nil }
            if record.fields.count == 1, record.fields[0].isEmpty { continue }
            return record
        }
    }

    /// Drops the bytes before `position` and reads the next chunk after the rest.
    private func refill() {
        guard let file else { return atEndOfFile = true }
        if position > 0 {
            memmove(storage, storage + position, count - position)
            dropped += position
            count -= position
            position = 0
        }
        if capacity - count < Self.chunkSize {
            capacity = max(2 * capacity, count + Self.chunkSize)
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            larger.update(from: storage, count: count)
            storage.deallocate()
            storage = larger
        }
        let read = fread(storage + count, 1, Self.chunkSize, file)
        if read < Self.chunkSize { atEndOfFile = true }
        count += read
    }

    /// Makes sure at least one byte is available at `position`; false at the end of the file.
    private func ensureByte() -> Bool {
        if position < count { return true }
        if atEndOfFile { return false }
        refill()
        return position < count
    }

    /// Decodes a field. It must be valid UTF-8, or is repaired and flagged so that the record is
    /// reported rather than the file cut short.
    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, invalid: inout Bool) -> String {
        // ASCII, the common case, needs no validation (and `String(validating:)` does not take
        // the fast path that `String(decoding:)` does).
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        invalid = true
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The common field, read in one pass: unquoted, without a carriage return, and ending (at a
    /// comma or a line feed) within the bytes already read. Returns the field and whether it
    /// ended the record, with `position` after its terminator; nil, with `position` unmoved, for
    /// any other field, which the byte-by-byte reading takes.
    private func plainField(invalid: inout Bool) -> (text: String, endsRecord: Bool)? {
        let bytes = storage
        var end = position
        while end < count {
            switch bytes[end] {
            case UInt8(ascii: ","), UInt8(ascii: "\n"):
                let text = Self.string(UnsafeBufferPointer(start: bytes + position, count: end - position), invalid: &invalid)
                let endsRecord = bytes[end] == UInt8(ascii: "\n")
                position = end + 1
                return (text, endsRecord)
            case UInt8(ascii: "\""), UInt8(ascii: "\r"):
                return nil
            default:
                end += 1
            }
        }
        return nil
    }

    private func readRecord() throws(CSVError) -> CSVRecord? {
        guard ensureByte() else { return nil }
        let startLine = line
        // Sized like the record before: growing from empty took four allocations a row. The
        // byte buffer of the slow path is only allocated when a field takes it.
        var fields: [String] = []
        fields.reserveCapacity(fieldsPerRecord)
        var field: [UInt8] = []
        var quoted = false
        var fieldStarted = false
        var invalid = false
        func finishField() {
            fields.append(field.withUnsafeBufferPointer { Self.string($0, invalid: &invalid) })
            field.removeAll(keepingCapacity: true)
            fieldStarted = false
        }
        while ensureByte() {
            if !quoted, !fieldStarted, field.isEmpty, let (text, endsRecord) = plainField(invalid: &invalid) {
                fields.append(text)
                if endsRecord {
                    line += 1
                    fieldsPerRecord = fields.count
                    return CSVRecord(line: startLine, fields: fields, hasInvalidUTF8: invalid)
                }
                continue
            }
            let byte = storage[position]
            position += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if ensureByte(), storage[position] == UInt8(ascii: "\"") {
                        field.append(byte)
                        position += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                finishField()
            case UInt8(ascii: "\"") where !fieldStarted && field.isEmpty:
                quoted = true
                fieldStarted = true
            case UInt8(ascii: "\n"):
                line += 1
                finishField()
                fieldsPerRecord = fields.count
                return CSVRecord(line: startLine, fields: fields, hasInvalidUTF8: invalid)
            case UInt8(ascii: "\r"):
                if ensureByte(), storage[position] == UInt8(ascii: "\n") { continue }
                field.append(byte)
            default:
                field.append(byte)
            }
        }
        if quoted { throw CSVError.unterminatedQuote(line: startLine) }
        finishField()
        return CSVRecord(line: startLine, fields: fields, hasInvalidUTF8: invalid)
    }
}
