import FluentKit

/// Every migration in the order it runs. Add new ones at the end; never edit a shipped one.
/// Each states its `name`, the one Fluent records it by (Fluent's default, `String(reflecting:)`
/// of the type, would change if the type moved or were renamed, and the migration would run
/// again on an existing database). `MigrationNameTests` holds the list.
enum Schema {
    static let all: [any Migration] = [
        CreateCustomers(),
        CreateAccounts(),
        CreateDues(),
        CreatePayments(),
        CreateAccountPositions(),
        AddPortfolioIndexes(),
        CreateOutboxMessages(),
        CreateCases(),
        CreateActions(),
        CreatePromises(),
        CreateRunDays(),
        CreateBucketSnapshots(),
        CreateStrategyVersions(),
        AddAccountWrittenOff(),
        CreateAuditLog(),
        AddCustomerLookupHashes(),
        CreateUsers(),
        CreateAPITokens(),
        CreateSessions(),
        CreateSignInFailures(),
        AddActionCaseIndex(),
        CreateContactRecords(),
        AddActionPolicyRule(),
        CreateScoringModels(),
        CreateFeedback(),
        CreateArrangements(),
        CreateVisits(),
        CreateLegalCases(),
        CreateAttachments(),
        AddLegalDocumentAttachment(),
        ClusterDuesAndCoverPayments(),
        AddVisitCancellation(),
        AddWorkQueueChangeTracking(),
        AddWorkbenchLookupIndexes(),
        ClusterPayments(),
        CreateInboundAccessGrants(),
        CreateIdempotencyKeys(),
        AddCustomerEmailLookupHash(),
        CreateContactOverrides(),
        AddAuditDetailsHash(),
        AddCustomerErasedOn(),
        AddCustomerIndexes(),
        AddLegalDocumentPayBy(),
        CreateLetters(),
    ]
}
