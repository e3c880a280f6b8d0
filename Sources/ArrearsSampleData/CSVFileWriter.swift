import ArrearsCore
import Foundation

/// One CSV file written row by row through a buffer of about 1 MiB, so that memory stays flat
/// however many rows are written.
///
/// Fields are separated by commas and rows end with `\n`. A text field is quoted only when it
/// contains a comma, a double quote or a line break, with inner quotes doubled (`CSVField`).
/// Numbers, amounts, dates and ids are written by hand and never need quoting.
///
/// A value type so that the hot loop pays no reference-counting or exclusivity checks: keep one
/// copy and call `close()` on it once.
struct CSVFileWriter {
    static let bufferSize = 1 << 20

    let url: URL
    /// Data rows written so far, the header not counted.
    private(set) var rows = 0
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var atRowStart = true

    /// Creates (or truncates) the file at `url` and writes the header row `columns`.
    init(url: URL, columns: [String]) throws(PortfolioWriteError) {
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: url) else {
            throw .cannotCreateFile(path: url.path)
        }
        self.url = url
        self.handle = handle
        buffer.reserveCapacity(Self.bufferSize + 4096)
        for column in columns { text(Array(column.utf8)) }
        buffer.append(UInt8(ascii: "\n"))
        atRowStart = true
    }

    /// A text field, quoted when it has to be (`CSVField`); empty bytes give an empty field.
    mutating func text(_ bytes: [UInt8]) {
        separate()
        CSVField.append(bytes, to: &buffer)
    }

    /// An id such as `A00000042`.
    mutating func identifier(_ kind: SampleIdentifier, _ number: Int) {
        separate()
        buffer.append(kind.prefix)
        buffer.appendDecimal(number, width: kind.digits)
    }

    /// An amount with the currency's number of decimals.
    mutating func amount(_ minorUnits: Int64, minorDigits: Int) {
        separate()
        buffer.appendAmount(minorUnits, minorDigits: minorDigits)
    }

    /// A date as `YYYY-MM-DD`.
    mutating func date(_ date: LocalDate) {
        separate()
        buffer.appendDate(date)
    }

    /// Ends the row; writes the buffer out once it holds 1 MiB or more.
    mutating func endRow() throws(PortfolioWriteError) {
        buffer.append(UInt8(ascii: "\n"))
        atRowStart = true
        rows += 1
        if buffer.count >= Self.bufferSize { try flush() }
    }

    /// Writes out what is buffered and closes the file.
    mutating func close() throws(PortfolioWriteError) {
        try flush()
        do { try handle.close() } catch { throw .cannotWrite(path: url.path, reason: "\(error)") }
    }

    private mutating func separate() {
        if atRowStart { atRowStart = false } else { buffer.append(UInt8(ascii: ",")) }
    }

    private mutating func flush() throws(PortfolioWriteError) {
        do { try handle.write(contentsOf: buffer) } catch { throw .cannotWrite(path: url.path, reason: "\(error)") }
        buffer.removeAll(keepingCapacity: true)
    }
}
