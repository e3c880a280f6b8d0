import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP port for a process a test starts (a server, its metrics, chromedriver): below Linux's
/// ephemeral range (32768–60999), from which the tests' own outgoing connections to PostgreSQL
/// and HTTP servers take their local ports, and free when it is chosen (it can be bound on
/// 127.0.0.1). A random port in 20000–40000 once met a PostgreSQL connection's local port, and
/// the scheduled server it was meant for exited with "Address already in use".
enum FreePort {
    static let range = 20_000..<32_000

    /// A port that is free now and not in `taken`.
    static func pick(excluding taken: Set<Int> = []) -> Int {
        for _ in 0..<100 {
            let port = Int.random(in: range)
            if !taken.contains(port), isFree(port) { return port }
        }
        return Int.random(in: range)
    }

    /// Whether a socket can be bound to `port` on 127.0.0.1 at this moment.
    static func isFree(_ port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: inet_addr("127.0.0.1"))
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
