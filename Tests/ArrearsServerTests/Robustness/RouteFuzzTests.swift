import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTest

/// Tries what an attacker or a broken client would send, at every operation `openapi.yaml`
/// lists and every page the controllers serve, as each role, against `arrears serve` on a
/// seeded database (docs/fuzzing.md). Nothing may give a 5xx or drop the connection, a refused
/// request may change nothing, and the server still answers `/health` at the end.
///
/// Deterministic: a fixed seed picks at most `apiCasesPerOperation` and `pageCasesPerPage`
/// cases, each sent as an admin (who reaches past every scope check) and as one other role in
/// turn; every operation and page is also tried with its plain request as every role.
final class RouteFuzzTests: XCTestCase {
    static let seed: UInt64 = 2026_12_07
    static let apiCasesPerOperation = 90
    static let pageCasesPerPage = 40

    func testNoRequestBreaksTheServerOnSQLite() async throws {
        let directory = try TestDatabases.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await fuzz(database: "sqlite:" + directory.appendingPathComponent("fuzz.sqlite").path, in: directory)
    }

    func testNoRequestBreaksTheServerOnPostgreSQL() async throws {
        guard let url = TestDatabases.postgresURL else {
            if ProcessInfo.processInfo.environment["ARREARS_REQUIRE_POSTGRES"] == "1" { XCTFail("ARREARS_TEST_POSTGRES_URL is not set") }
            throw XCTSkip("ARREARS_TEST_POSTGRES_URL is not set")
        }
        try await TestDatabases.emptyPostgres(url)
        let directory = try TestDatabases.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await fuzz(database: url, in: directory)
    }

    private func fuzz(database: String, in directory: URL) async throws {
        let started = Date()
        let key = DataKey.generate()
        let store = try await Store.open(try DatabaseURL(parsing: database), dataKey: key)
        let server = FuzzServer(directory: directory, database: database, dataKey: key.base64)
        do {
            var world = try await FuzzWorld.seed(store, in: directory)
            try await server.start()
            await world.signIn(on: server)
            let fuzzer = RouteFuzzer(server: server, world: world)
            try await run(fuzzer)
            let health = await server.send("GET", "/health")
            guard case .answered(200, _, _) = health else { return XCTFail("/health after fuzzing: \(health)") }
            report(fuzzer, database: database, seconds: Date().timeIntervalSince(started))
        } catch {
            await server.stop()
            await store.shutdown()
            throw error
        }
        await server.stop()
        await store.shutdown()
    }

    private func run(_ fuzzer: RouteFuzzer) async throws {
        var random = FuzzRandom(seed: Self.seed)
        let operations = try OpenAPIOperation.load(path: FuzzServer.packageRoot.appendingPathComponent("openapi.yaml").path)
        XCTAssertGreaterThanOrEqual(operations.count, 40, "openapi.yaml lists the API's operations")
        let callers = fuzzer.world.callers
        let admin = try XCTUnwrap(callers.first { $0.role == .admin })
        let others = callers.filter { $0.role != .admin }
        XCTAssertEqual(callers.filter { $0.cookie != nil && $0.csrfToken != nil }.count, callers.count - 1,
                       "every role but the gateway signs in to the pages")
        var turn = 0
        func nextOther() -> FuzzWorld.Caller {
            turn += 1
            return others[turn % others.count]
        }

        // First the plain request of every operation, as every role (and with no token, and an
        // unknown one), so that what they create (visits, legal cases, ...) exists for the rest.
        for operation in operations {
            let base = APIFuzzCases(operation: operation, ids: fuzzer.world.ids, today: fuzzer.world.today).baseCase()
            if operation.isPublic {
                try await fuzzer.send(base, as: nil)
                continue
            }
            for caller in callers { try await fuzzer.send(base, as: caller) }
            try await fuzzer.send(base.with(label: "no token"), as: nil)
            var unknown = base.with(label: "an unknown token")
            unknown.headers.append(("Authorization", "Bearer arr_unknown-token"))
            try await fuzzer.send(unknown, as: nil)
        }
        for operation in operations {
            let cases = APIFuzzCases(operation: operation, ids: fuzzer.world.ids, today: fuzzer.world.today)
                .cases(limit: Self.apiCasesPerOperation, random: &random)
            for fuzzCase in cases.dropFirst() {
                if operation.isPublic {
                    try await fuzzer.send(fuzzCase, as: nil)
                } else {
                    try await fuzzer.send(fuzzCase, as: admin)
                    try await fuzzer.send(fuzzCase, as: nextOther())
                }
            }
        }
        for page in PageRoute.all {
            let cases = PageFuzzCases(page: page, ids: fuzzer.world.ids, today: fuzzer.world.today).cases(limit: Self.pageCasesPerPage, random: &random)
            for caller in callers { try await fuzzer.send(cases[0], as: caller) }
            try await fuzzer.send(cases[0], as: nil)
            for fuzzCase in cases.dropFirst() {
                try await fuzzer.send(fuzzCase, as: admin)
                try await fuzzer.send(fuzzCase, as: nextOther())
            }
        }
        for fuzzCase in TransportFuzzCases.all(ids: fuzzer.world.ids) {
            try await fuzzer.send(fuzzCase, as: admin)
        }
    }

    private func report(_ fuzzer: RouteFuzzer, database: String, seconds: Double) {
        print("RouteFuzzTests on \(database.hasPrefix("sqlite") ? "SQLite" : "PostgreSQL"): \(fuzzer.sent) requests "
              + "(\(fuzzer.unsendable) the client would not send) in \(Int(seconds)) s, \(fuzzer.server.restarts) restarts; "
              + "\(fuzzer.faults.count) faults")
        for fault in fuzzer.faults { XCTFail(fault.description) }
    }
}
