import ArrearsStore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends messages to a JSON-lines file for a bank's own SMS or e-mail platform to pick up:
/// one `OutboxMessage.json()` per line (`docs/outbox.md`).
///
/// A batch is written with one `write` under an exclusive `flock` (so that several `deliver`
/// processes never interleave lines) and `fsync`ed before any of its messages counts as sent.
/// A failed write is cut back off, so the file only ever holds whole lines. A crash after the
/// sync and before the outbox records the batch means the batch is written again: a reader
/// must drop a line whose `id` it has seen.
public struct FileOutboxAdapter: OutboxAdapter {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public func deliver(_ messages: [OutboxMessage]) async -> [OutboxOutcome] {
        guard !messages.isEmpty else { return [] }
        var lines = Data()
        for message in messages {
            lines.append(message.json())
            lines.append(UInt8(ascii: "\n"))
        }
        do {
            try append(lines)
            return Array(repeating: .sent, count: messages.count)
        } catch {
            return Array(repeating: .retryable("\(path): \(error)"), count: messages.count)
        }
    }

    public func shutdown() async {}

    private func append(_ data: Data) throws(FileAppendError) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                throw FileAppendError(step: "cannot create the folder", code: nil, detail: error.localizedDescription)
            }
        }
        let isNew = !FileManager.default.fileExists(atPath: path)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .posix("cannot open") }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw .posix("cannot lock") }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw .posix("cannot stat") }
        let written = data.withUnsafeBytes { buffer -> Int32 in
            var offset = 0
            while offset < buffer.count {
                let count = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += count
            }
            return 0
        }
        guard written == 0 else {
            _ = ftruncate(fd, status.st_size)
            throw FileAppendError(step: "cannot write", code: written, detail: nil)
        }
        guard fsync(fd) == 0 else { throw .posix("cannot sync") }
        if isNew {
            // A new file's name is durable only once its folder is synced too.
            let folder = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
            if folder >= 0 { _ = fsync(folder); close(folder) }
        }
    }
}

/// Why appending to the outbox file failed, with the system's own words.
struct FileAppendError: Error, CustomStringConvertible {
    let step: String
    let code: Int32?
    let detail: String?

    static func posix(_ step: String) -> FileAppendError {
        FileAppendError(step: step, code: errno, detail: nil)
    }

    var description: String {
        "\(step): " + (detail ?? code.map { String(cString: strerror($0)) } ?? "unknown error")
    }
}
