@testable import ArrearsStore
import ArrearsTestSupport
import SQLKit
import XCTest

/// Fluent records each migration it has run by name, and runs again any migration whose name it
/// has not recorded. A renamed or moved migration (the default name is the module and type name)
/// would run again on a bank's existing database: these names are fixed for good.
final class MigrationNameTests: XCTestCase {
    static let shipped = [
        "ArrearsStore.CreateCustomers",
        "ArrearsStore.CreateAccounts",
        "ArrearsStore.CreateDues",
        "ArrearsStore.CreatePayments",
        "ArrearsStore.CreateAccountPositions",
        "ArrearsStore.AddPortfolioIndexes",
        "ArrearsStore.CreateOutboxMessages",
        "ArrearsStore.CreateCases",
        "ArrearsStore.CreateActions",
        "ArrearsStore.CreatePromises",
        "ArrearsStore.CreateRunDays",
        "ArrearsStore.CreateBucketSnapshots",
        "ArrearsStore.CreateStrategyVersions",
        "ArrearsStore.AddAccountWrittenOff",
        "ArrearsStore.CreateAuditLog",
        "ArrearsStore.AddCustomerLookupHashes",
        "ArrearsStore.CreateUsers",
        "ArrearsStore.CreateAPITokens",
        "ArrearsStore.CreateSessions",
        "ArrearsStore.CreateSignInFailures",
        "ArrearsStore.AddActionCaseIndex",
        "ArrearsStore.CreateContactRecords",
        "ArrearsStore.AddActionPolicyRule",
        "ArrearsStore.CreateScoringModels",
        "ArrearsStore.CreateFeedback",
        "ArrearsStore.CreateArrangements",
        "ArrearsStore.CreateVisits",
        "ArrearsStore.CreateLegalCases",
        "ArrearsStore.CreateAttachments",
        "ArrearsStore.AddLegalDocumentAttachment",
        "ArrearsStore.ClusterDuesAndCoverPayments",
        "ArrearsStore.AddVisitCancellation",
        "ArrearsStore.AddWorkQueueChangeTracking",
        "ArrearsStore.AddWorkbenchLookupIndexes",
        "ArrearsStore.ClusterPayments",
        "ArrearsStore.CreateInboundAccessGrants",
        "ArrearsStore.CreateIdempotencyKeys",
        "ArrearsStore.AddCustomerEmailLookupHash",
        "ArrearsStore.CreateContactOverrides",
        "ArrearsStore.AddAuditDetailsHash",
        "ArrearsStore.AddCustomerErasedOn",
        "ArrearsStore.AddCustomerIndexes",
        "ArrearsStore.AddLegalDocumentPayBy",
        "ArrearsStore.AddCustomerNameIndex",
        "ArrearsStore.AddOneOpenVisitPerCase",
        "ArrearsStore.AddVisitPlanArrangement",
        "ArrearsStore.CreateLetters",
        "ArrearsStore.CreateOutcomeTasks",
        "ArrearsStore.AddContactPointInvalidReason",
        "ArrearsStore.AddScoreReasons",
        "ArrearsStore.AddComplaintAssignee",
        "ArrearsStore.CreateQualityReviews",
        "ArrearsStore.AddUserTimeZone",
        "ArrearsStore.CreateActionHistory",
        "ArrearsStore.CreateResponseModels",
        "ArrearsStore.AddActionOptimisation",
        "ArrearsStore.CreateRunDayJobs",
    ]

    func testEveryMigrationKeepsTheNameItShippedWith() {
        XCTAssertEqual(Schema.all.map(\.name), Self.shipped)
    }

    func testTheNamesFluentRecordsAreTheShippedOnes() async throws {
        try await TestDatabases.each { store, database in
            let rows = try await store.sql.raw("SELECT name FROM _fluent_migrations").all()
            let recorded = try rows.map { try $0.decode(column: "name", as: String.self) }
            XCTAssertEqual(Set(recorded), Set(Self.shipped), database)
            XCTAssertEqual(recorded.count, Self.shipped.count, database)
        }
    }
}
