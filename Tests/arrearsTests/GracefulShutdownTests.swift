import ArrearsTestSupport
import Foundation
import Glibc
import XCTest

/// `arrears serve` stops cleanly on SIGTERM, as systemd and container platforms stop it: it stops
/// accepting connections at once, finishes the requests in flight, and exits 0.
final class GracefulShutdownTests: XCTestCase {
    private var cli: CommandRunner!
    private var server: Process?

    override func setUpWithError() throws { cli = try CommandRunner() }

    override func tearDown() {
        if let server, server.isRunning { server.interrupt(); if !server.waitUntilExit(within: 30) { server.killNow() } }
        cli.remove()
    }

    func testSIGTERMFinishesTheRequestInFlightRefusesNewConnectionsAndExitsZero() async throws {
        XCTAssertEqual(try cli.run(["migrate"] + cli.databaseOption).status, 0)
        let port = UInt16.random(in: 20_000..<40_000)
        let process = try cli.start(["serve", "--port", String(port)] + cli.databaseOption)
        server = process
        try await waitForHealth(port: port)

        // A sign-in whose head has arrived and whose body has not: a request in flight.
        let body = "username=nobody&password=wrong&csrf_token=x"
        let connection = try RawConnection(port: port)
        try connection.send("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n" + body.prefix(10))
        try await Task.sleep(nanoseconds: 300_000_000)

        process.terminate()  // SIGTERM
        try await Task.sleep(nanoseconds: 700_000_000)
        XCTAssertTrue(process.isRunning, "the server must wait for the request in flight")
        XCTAssertThrowsError(try RawConnection(port: port), "a new connection after SIGTERM must be refused")

        try connection.send(String(body.dropFirst(10)))
        let response = try connection.readToEnd()
        XCTAssertTrue(response.hasPrefix("HTTP/1.1 "), "the request in flight gets a whole answer, not a dropped connection: \(response.prefix(80))")
        XCTAssertFalse(response.hasPrefix("HTTP/1.1 5"), "the request in flight is answered normally: \(response.prefix(80))")

        let deadline = Date().addingTimeInterval(15)
        while process.isRunning, Date() < deadline { try await Task.sleep(nanoseconds: 100_000_000) }
        XCTAssertFalse(process.isRunning, "the server exits after the last request")
        XCTAssertEqual(process.terminationReason, .exit)
        XCTAssertEqual(process.terminationStatus, 0)
    }

    private func waitForHealth(port: UInt16) async throws {
        let end = Date().addingTimeInterval(CommandRunner.startDeadline)
        while Date() < end {
            if let connection = try? RawConnection(port: port) {
                try connection.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                if (try? connection.readToEnd())?.hasPrefix("HTTP/1.1 200") == true { return }
            }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        XCTFail("the server did not answer /health within \(Int(CommandRunner.startDeadline)) seconds")
    }
}

/// A plain TCP connection to 127.0.0.1, to send a request in pieces and read the whole answer.
private final class RawConnection {
    struct Failure: Error { let what: String }
    private let socket: Int32

    init(port: UInt16) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(what: "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(socket); throw Failure(what: "connect: errno \(errno)") }
    }

    deinit { close(socket) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard Glibc.send(socket, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { throw Failure(what: "send") }
    }

    /// Everything the server sends until it closes the connection (or 10 s pass without a byte).
    func readToEnd() throws -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }
}
