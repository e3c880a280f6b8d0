import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import SQLKit
import XCTest

final class PersonalDataLookupTests: XCTestCase {
    let key = DataKey.generate()

    func testFindsCustomersByMobileOrIdNumberAsPeopleWriteThem() async throws {
        try await TestDatabases.each { plain, name in
            let store = try await PersonalDataFixtures.open(plain, key: key)
            try await PersonalDataFixtures.importCustomers(store)
            let lookup = PersonalDataLookup(store: store)
            let found = [
                try await lookup.customers(with: .mobile, equalTo: "13800138000", actor: "cli:test"),
                try await lookup.customers(with: .mobile, equalTo: "138-0013 8000", actor: "cli:test"),
                try await lookup.customers(with: .mobile, equalTo: "+852 9123 4567", actor: "cli:test"),
                try await lookup.customers(with: .idNumber, equalTo: "e12345678", actor: "cli:test"),
                try await lookup.customers(with: .idNumber, equalTo: "44030519850615002x", actor: "cli:test"),
                try await lookup.customers(with: .idNumber, equalTo: "13800138000", actor: "cli:test"),
                try await lookup.customers(with: .mobile, equalTo: "13800138009", actor: "cli:test"),
            ]
            await store.shutdown()
            XCTAssertEqual(found, [["C1"], ["C1"], ["C2"], ["C2"], ["C4"], [], []], name)
        }
    }

    func testEveryLookupIsAuditedWithTheFieldButNotTheValue() async throws {
        try await TestDatabases.each { plain, name in
            let store = try await PersonalDataFixtures.open(plain, key: key)
            try await PersonalDataFixtures.importCustomers(store)
            _ = try await PersonalDataLookup(store: store).customers(with: .mobile, equalTo: "13800138000", actor: "cli:wang")
            await store.shutdown()
            let entries = try await plain.sql.raw("SELECT actor, subject, details FROM audit_log WHERE action = 'lookup_personal_data'").all()
            XCTAssertEqual(entries.count, 1, name)
            XCTAssertEqual(try entries.first?.decode(column: "actor", as: String.self), "cli:wang", name)
            let details = try XCTUnwrap(entries.first?.decode(column: "details", as: String.self))
            XCTAssertEqual(details, #"{"field":"mobile","matches":"1"}"#, name)
            let verification = try await AuditLog.verify(on: plain.sql)
            XCTAssertNil(verification.firstBreak, name)
        }
    }

    func testStoreWithoutKeyCannotLookUp() async throws {
        try await TestDatabases.each { store, name in
            do {
                _ = try await PersonalDataLookup(store: store).customers(with: .mobile, equalTo: "13800138000", actor: "cli:test")
                XCTFail(name)
            } catch let error as PersonalDataError {
                XCTAssertEqual(error, .keyMissing, name)
            }
        }
    }
}
