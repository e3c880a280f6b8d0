import ArrearsStore
import ArrearsTestSupport
import AsyncHTTPClient
import Foundation
import NIOCore
import XCTest

/// Many collectors logging contact attempts at once through `arrears serve` on PostgreSQL, with
/// one server and with two on the same database: every attempt is kept, each with its audit
/// entry, and the audit chain stays one unbroken chain.
final class ConcurrentAuditTests: XCTestCase {
    /// Clients sending at once, and attempts in all. Before the audit head was locked, 32
    /// clients sending 2,000 attempts to one debug-built server lost 1,188 of them (a 500,
    /// duplicate key on audit_log_pkey), and 500 attempts to two servers lost 329.
    static let writers = 32
    static let attempts = 2_000
    static let customers = 64

    private var cli: CommandRunner!
    private var servers: [Process] = []

    override func setUpWithError() throws { cli = try CommandRunner() }

    override func tearDown() {
        for server in servers {
            server.stop()
        }
        cli.remove()
    }

    func testThirtyTwoWritersThroughOneServerKeepEveryAttemptAndAnUnbrokenChain() async throws {
        try await writersKeepEveryChange(servers: 1)
    }

    func testThirtyTwoWritersThroughTwoServersOnOneDatabaseKeepEveryAttemptAndAnUnbrokenChain() async throws {
        try await writersKeepEveryChange(servers: 2)
    }

    private func writersKeepEveryChange(servers count: Int) async throws {
        guard let url = PostgresCommandSupport.url() else { throw XCTSkip("ARREARS_TEST_POSTGRES_URL is not set") }
        try await PostgresCommandSupport.fresh(url)
        let database = ["--database", url]
        let customers = try cli.file("customers.csv", ["customer_id,name,credit_rating"] + (1...Self.customers).map { "C\($0),Customer \($0),B" })
        let imported = try cli.run(["import", "customers", customers] + database)
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertEqual(try cli.run(["user", "add", "--username", "writer", "--role", "supervisor", "--password-stdin"] + database,
                                   input: "a password for the writers\n").status, 0)
        let token = try cli.run(["token", "create", "--username", "writer"] + database).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertFalse(token.isEmpty)
        let entriesBefore = try auditEntries(database)

        var bases: [String] = []
        for index in 0..<count {
            let (server, base) = try await cli.startServer(database, log: "serve-\(index).log")
            servers.append(server)
            bases.append(base)
        }

        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(
            connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: Self.writers)))
        let statuses: [Int: Int]
        do {
            statuses = try await withThrowingTaskGroup(of: [Int: Int].self) { group in
                for writer in 0..<Self.writers {
                    let base = bases[writer % bases.count]
                    group.addTask {
                        var statuses: [Int: Int] = [:]
                        for number in stride(from: writer, to: Self.attempts, by: Self.writers) {
                            var request = HTTPClientRequest(url: base + "/api/v1/contact-attempts")
                            request.method = .POST
                            request.headers.add(name: "Authorization", value: "Bearer \(token)")
                            request.headers.add(name: "Content-Type", value: "application/json")
                            request.body = .bytes(ByteBuffer(string: """
                                {"id": "ATT-\(number)", "customer_id": "C\(number % Self.customers + 1)", "channel": "call", "outcome": "no_answer"}
                                """))
                            let response = try await client.execute(request, timeout: .seconds(120))
                            _ = try await response.body.collect(upTo: 1 << 20)
                            statuses[Int(response.status.code), default: 0] += 1
                        }
                        return statuses
                    }
                }
                return try await group.reduce(into: [:]) { total, part in total.merge(part, uniquingKeysWith: +) }
            }
        } catch {
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()

        XCTAssertEqual(statuses, [201: Self.attempts], "every attempt recorded, none lost to a 5xx")
        let store = try await Store.open(.postgres(url: url), migrate: false)
        let stored = try await store.sql.raw("SELECT COUNT(*) AS n FROM contact_attempts").first()?.decode(column: "n", as: Int.self)
        let audited = try await store.sql.raw("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'contact_attempt_recorded'").first()?
            .decode(column: "n", as: Int.self)
        await store.shutdown()
        XCTAssertEqual(stored, Self.attempts)
        XCTAssertEqual(audited, Self.attempts, "each attempt with its audit entry")
        XCTAssertEqual(try auditEntries(database), entriesBefore + Self.attempts, "`arrears audit verify` walks one unbroken chain")
    }

    /// The entries `arrears audit verify` counts, after checking that it passes.
    private func auditEntries(_ database: [String]) throws -> Int {
        let verify = try cli.run(["audit", "verify"] + database)
        XCTAssertEqual(verify.status, 0, verify.stderr)
        let words = verify.stdout.split(separator: " ")
        XCTAssertTrue(verify.stdout.hasPrefix("audit chain intact: "), verify.stdout)
        return words.count > 3 ? Int(words[3]) ?? -1 : -1
    }
}
